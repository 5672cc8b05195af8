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
    "mastodon.online": "mastodon",
    "mstdn.social": "mastodon",
    "fosstodon.org": "mastodon",
    "hachyderm.io": "mastodon",
    "infosec.exchange": "mastodon",
    "mas.to": "mastodon",
    "chaos.social": "mastodon",
    "dzen.ru": "dzen",
    "fb.me": "facebook",
    "pinterest.de": "pinterest",
    "pinterest.co.uk": "pinterest",
    "pinterest.es": "pinterest",
    "pinterest.fr": "pinterest",
    "pinterest.jp": "pinterest",
    "odnoklassniki.ru": "odnoklassniki",
    "yelp.de": "reviews",
    "yelp.co.uk": "reviews",
    "yelp.es": "reviews",
    "tripadvisor.com": "reviews",
    "reviews.io": "reviews",
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
    "pf.kakao.com": "kakaotalk",
    "lin.ee": "line",
    "signal.group": "signal",
    "whatsapp.com": "whatsapp",
    "invite.viber.com": "viber",
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
    r"^/?(?:sharer|share|sharearticle|intent|plugins?|widgets?|dialog|login|signup|sign_up|register|home|"
    r"hashtag|search|results|explore|watch|embed|privacy|policies|legal|terms|help|about|tr|ads|business|"
    r"developers|i|feed|pin|p|reel|reels|stories|tv|shorts|playlist|photo|events|submit|dk|spi|"
    r"accounts|settings|download|r/ti/p/share|msg|compose)(?:[/.?]|$)",
    re.I,
)
# Messenger paths that share a text or install the app instead of opening a conversation.
_NOT_CONVERSATION = re.compile(r"^/?(?:share|msg|send/?$|R/msg|download|intent|dl/?$)", re.I)
# Hosts of Mastodon servers not listed above: any host whose name says so, with a /@user path.
_MASTODON_HOST = re.compile(r"(?:^|\.)(?:mastodon|mstdn|toot)[a-z0-9-]*\.", re.I)
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
    "groups",
    "group",
    "showcase",
    "companies",
    "profile.php",
}
# Networks whose profile is the first path segment: anything after it is a post or a tab.
_POSTS = re.compile(r"^/[^/]+/(?:status|statuses|video|post|posts|photo|photos|reel)(?:/|$)", re.I)


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
        return _scheme_link(href, MESSENGER_SCHEMES[scheme])
    parts = urlsplit(href)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    # Short hosts such as pf.kakao.com look like a language prefix; match them before stripping.
    named = parts.hostname.lower().removeprefix("www.")
    host = named if named in MESSENGER_HOSTS or named in SOCIAL_HOSTS else _bare_host(parts.hostname)
    path = re.sub(r"/+$", "", unquote(parts.path))
    query = parse_qs(parts.query)
    if host in MESSENGER_HOSTS:
        return _messenger_link(host, path, query, parts.fragment)
    social_network = SOCIAL_HOSTS.get(host)
    if social_network is None and _MASTODON_HOST.search(host + ".") and path.startswith("/@"):
        social_network = "mastodon"
    if social_network is None or not path or _NOT_PROFILE.search(path) or _POSTS.search(path):
        return None
    # Query strings are tracking noise, except Facebook's numeric profile ids.
    profile_id = (query.get("id") or [""])[0] if social_network == "facebook" else ""
    segments = [s for s in path.split("/") if s]
    if segments[0].lower() in _HANDLE_AFTER and len(segments) > 1:
        handle = segments[1]
        # Tabs of a profile (/company/acme/about, /c/Acme/videos) are the same profile.
        url = f"https://{host}/{segments[0]}/{segments[1]}"
    else:
        handle = segments[0]
        url = f"https://{host}/{segments[0]}"
    if profile_id:
        handle = profile_id
        url = f"https://{host}/profile.php?id={profile_id}"
    # Most networks treat handles case-insensitively; YouTube's @handles keep their case in URLs.
    return FoundLink("social", social_network, url if social_network == "youtube" else url.lower(), handle.lstrip("@"))


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _scheme_link(href: str, network: str) -> FoundLink | None:
    """`viber://chat?number=`, `whatsapp://send?phone=`, `tg://resolve?domain=`, `skype:name?chat`."""
    rest = urlsplit(href)
    query = parse_qs(rest.query)
    for key in ("number", "phone", "domain", "chatURI", "name"):
        if query.get(key):
            target = query[key][0]
            break
    else:
        target = unquote(re.sub(r"^[a-z]+:/*", "", href.split("?", 1)[0], flags=re.I))
        if network == "wechat" and rest.query and "=" not in rest.query:
            target = rest.query  # weixin://dl/chat?ACCOUNT
        # whatsapp://send?text=, viber://forward?text=: sharing, no one to talk to.
        if target.lower() in ("", "send", "forward", "chat", "pa", "resolve", "dl/chat"):
            return None
    if network == "whatsapp":
        return FoundLink("messenger", network, f"https://wa.me/{_digits(target)}", _digits(target))
    return FoundLink("messenger", network, href, target)


def _messenger_link(host: str, path: str, query: dict[str, list[str]], fragment: str) -> FoundLink | None:
    network = MESSENGER_HOSTS[host]
    if _NOT_CONVERSATION.search(path) and not query.get("phone"):
        return None
    target = path.strip("/")
    url = f"https://{host}{path}"
    if network == "whatsapp" and host != "wa.link" and host != "chat.whatsapp.com":
        # wa.me/N, api.whatsapp.com/send?phone=N and web.whatsapp.com/send?phone=N are one chat.
        target = _digits((query.get("phone") or [target])[0])
        url = f"https://wa.me/{target}"
    elif host in ("signal.me", "signal.group"):
        target = unquote(fragment).removeprefix("p/")
        url = f"https://{host}/#{fragment}"
    elif network == "line" and "/" in target:
        target = target.rsplit("/", 1)[-1]
    if not target:
        return None
    return FoundLink("messenger", network, url, target)
