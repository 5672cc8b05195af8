"""Channel, network and vendor ids as people write them (WhatsApp, LinkedIn), for every view."""

from __future__ import annotations

PROPER_NAMES = {
    "facebook-customer-chat": "Facebook customer chat",
    "github": "GitHub",
    "helpscout": "Help Scout",
    "hubspot": "HubSpot",
    "jivochat": "JivoChat",
    "kakaotalk": "KakaoTalk",
    "linkedin": "LinkedIn",
    "livechat": "LiveChat",
    "reviews": "Review sites",
    "tiktok": "TikTok",
    "vk": "VK",
    "wechat": "WeChat",
    "whatsapp": "WhatsApp",
    "youtube": "YouTube",
    "zoho-salesiq": "Zoho SalesIQ",
}


def display_name(name: str) -> str:
    """`whatsapp` -> `WhatsApp`, `tawk` -> `Tawk`: ids as a reader expects to see them."""
    if name in PROPER_NAMES:
        return PROPER_NAMES[name]
    return name[:1].upper() + name[1:].replace("-", " ")
