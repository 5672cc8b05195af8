"""Social profiles and messenger links, normalised so one profile counts once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

# host (without www./m.) -> network
SOCIAL_HOSTS = {
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "instagram.com": "instagram",
    "twitter.com": "x",
    "x.com": "x",
    "linkedin.com": "linkedin",
    "youtube.com": "youtube",
    "tiktok.com": "tiktok",
    "pinterest.com": "pinterest",
    "threads.net": "threads",
    "threads.com": "threads",
    "bsky.app": "bluesky",
    "reddit.com": "reddit",
    "discord.gg": "discord",
    "discord.com": "discord",
    "github.com": "github",
    "vk.com": "vk",
    "ok.ru": "odnoklassniki",
    "xing.com": "xing",
    "yelp.com": "reviews",
    "trustpilot.com": "reviews",
    "snapchat.com": "snapchat",
    "mastodon.social": "mastodon",
    "dzen.ru": "dzen",
}
MESSENGER_HOSTS = {
    "wa.me": "whatsapp",
    "api.whatsapp.com": "whatsapp",
    "wa.link": "whatsapp",
    "chat.whatsapp.com": "whatsapp",
    "t.me": "telegram",
    "telegram.me": "telegram",
    "m.me": "messenger",
    "line.me": "line",
    "signal.me": "signal",
    "join.skype.com": "skype",
    "u.wechat.com": "wechat",
    "open.kakao.com": "kakaotalk",
}
MESSENGER_SCHEMES = {
    "whatsapp": "whatsapp",
    "viber": "viber",
    "tg": "telegram",
    "skype": "skype",
    "weixin": "wechat",
    "line": "line",
    "sgnl": "signal",
}
# Path words of pages that are not a company's profile.
_NOT_PROFILE = re.compile(
    r"^/?(?:sharer|share|sharearticle|intent|plugins?|widgets?|dialog|login|signup|home|hashtag|search|"
    r"explore|watch|embed|privacy|policies|legal|help|about|tr|ads|business|developers)(?:[/.?]|$)",
    re.I,
)
# Path prefixes after which the profile's handle comes (linkedin.com/company/HANDLE).
_HANDLE_AFTER = {
    "company",
    "in",
    "school",
    "channel",
    "c",
    "user",
    "u",
    "r",
    "biz",
    "review",
    "profile",
    "add",
    "invite",
    "pages",
}


@dataclass
class FoundLink:
    kind: str  # "social" or "messenger"
    network: str
    url: str
    handle: str


def _bare_host(host: str) -> str:
    return re.sub(r"^(?:www|m|mobile|web|[a-z]{2}(?:-[a-z]{2})?)\.(?=[^.]+\.[^.]+)", "", host.lower())


def classify_link(href: str) -> FoundLink | None:
    """A social profile or messenger link in a normalised form, or None."""
    href = href.strip()
    scheme = href.split(":", 1)[0].lower()
    if scheme in MESSENGER_SCHEMES and not href.lower().startswith(("http:", "https:")):
        rest = urlsplit(href)
        numbers = parse_qs(rest.query).get("number") or parse_qs(rest.query).get("phone")
        target = numbers[0] if numbers else unquote(re.sub(r"^[a-z]+:/*", "", href, flags=re.I))
        return FoundLink("messenger", MESSENGER_SCHEMES[scheme], href, target)
    parts = urlsplit(href)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = _bare_host(parts.hostname)
    path = re.sub(r"/+$", "", unquote(parts.path))
    query = parse_qs(parts.query)
    if host in MESSENGER_HOSTS:
        network = MESSENGER_HOSTS[host]
        target = path.strip("/")
        url = f"https://{host}{path}"
        if host == "api.whatsapp.com":
            target = (query.get("phone") or [""])[0]
            url += f"?phone={target}"
        if not target:
            return None
        return FoundLink("messenger", network, url, target)
    social_network = SOCIAL_HOSTS.get(host)
    if social_network is None or not path or _NOT_PROFILE.search(path):
        return None
    # Query strings are tracking noise, except Facebook's numeric profile ids.
    profile_id = (query.get("id") or [""])[0]
    url = f"https://{host}{path}" + (f"?id={profile_id}" if profile_id else "")
    segments = [s for s in path.split("/") if s]
    handle = segments[-1] if segments[0] in _HANDLE_AFTER and len(segments) > 1 else segments[0]
    if profile_id:
        handle = profile_id
    # Most networks treat handles case-insensitively; YouTube's @handles keep their case in URLs.
    return FoundLink("social", social_network, url if social_network == "youtube" else url.lower(), handle.lstrip("@"))
