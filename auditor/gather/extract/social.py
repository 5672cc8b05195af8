"""Social profiles and messenger links, normalised so one profile counts once."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, parse_qs, parse_qsl, unquote, urljoin, urlsplit

from auditor.domains import registrable_domain
from auditor.gather.extract.messengers import MESSENGER_HOSTS, MESSENGER_SCHEMES, messenger_link, scheme_link
from auditor.gather.extract.networks import FoundLink, Network, is_mirror, network_of, social_domains

__all__ = ["MESSENGER_HOSTS", "MESSENGER_SCHEMES", "SOCIAL_HOSTS", "FoundLink", "classify_link", "links_in_text"]

# domain -> network, for tools that only match hosts.
SOCIAL_HOSTS = social_domains()
# Short and old domains of a network, written as its main domain.
_CANONICAL = {
    "instagr.am": "instagram.com",
    "fb.com": "facebook.com",
    "fb.me": "facebook.com",
    "discordapp.com": "discord.com",
    "odnoklassniki.ru": "ok.ru",
    "weibo.cn": "weibo.com",
}
# Query parameters in which redirect pages and site copiers carry the real destination.
_WRAPPER_KEYS = {
    "link",
    "url",
    "u",
    "href",
    "q",
    "to",
    "target",
    "redirect",
    "redirect_url",
    "redirect_uri",
    "goto",
    "out",
    "dest",
    "destination",
}
# A network's own redirect and embed pages: the profile is in a parameter.
_NETWORK_WRAPPER = re.compile(r"^/(?:l\.php|away\.php|redirect|plugins/(?:page|likebox|like|follow)\.php)/?$", re.I)
_LINK_SHIM_HOSTS = re.compile(r"^(?:l|lm)\.", re.I)


def classify_link(href: str, base: str = "", *, typed: bool = False) -> FoundLink | None:
    """A social profile or messenger link in a normalised form, or None.

    `base` is the page's URL: protocol-relative and relative links resolve against it
    as a browser resolves them. `typed` says the URL was written as text, not linked.
    """
    href = href.strip()
    scheme = href.split(":", 1)[0].lower()
    if scheme in MESSENGER_SCHEMES and not href.lower().startswith(("http:", "https:")):
        return scheme_link(href, MESSENGER_SCHEMES[scheme])
    if href.startswith("//"):
        href = (urlsplit(base).scheme or "https") + ":" + href
    elif base:
        href = urljoin(base, href)
    href = _unwrapped(href)
    parts = urlsplit(href)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    named = host.removeprefix("www.")
    if named in MESSENGER_HOSTS or host.endswith(".whatsapp.com"):
        return messenger_link(named, parts)
    registrable = registrable_domain(host)
    found = network_of(host, registrable)
    if found is None:
        return None
    network, subdomain = found
    return _profile(network, subdomain, _CANONICAL.get(registrable, registrable), parts, typed)


def _is_known(host: str) -> bool:
    host = host.lower()
    named = host.removeprefix("www.")
    return named in MESSENGER_HOSTS or network_of(host, registrable_domain(host)) is not None


def _decoded(value: str) -> str:
    """A parameter value, decoded again while it is still percent-encoded (`https%3A%2F%2F`)."""
    for _ in range(3):
        if not re.match(r"^(?:https?)?%3A%2F%2F|^https?%3A", value, re.I) and not value.startswith("%2F%2F"):
            break
        value = unquote(value)
    return value


def _unwrapped(url: str) -> str:
    """The destination of a redirect page or embed whose parameter is a network's URL."""
    for _ in range(3):
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if _is_known(host) and not (_NETWORK_WRAPPER.match(parts.path) or _LINK_SHIM_HOSTS.match(host)):
            return url
        for key, value in parse_qsl(parts.query):
            value = _decoded(value.strip())
            if value.startswith("//"):
                value = "https:" + value
            target = urlsplit(value)
            wrapped = key.lower() in _WRAPPER_KEYS and target.scheme in ("http", "https")
            if wrapped and target.hostname and _is_known(target.hostname):
                url = value
                break
        else:
            return url
    return url


def _profile(network: Network, subdomain: str, domain: str, parts: SplitResult, typed: bool) -> FoundLink | None:
    path = unquote(parts.path)
    query = parse_qs(parts.query)
    fragment = parts.fragment
    if not path.strip("/") and fragment.startswith("!/"):
        path = fragment[1:]  # twitter.com/#!/acme, the old hash-bang address
    segments = [s for s in path.split("/") if s]
    if not is_mirror(network, subdomain):
        # ACME.tumblr.com is a profile; developers.facebook.com, player.vimeo.com are the network's own.
        if network.handle_subdomain and "." not in subdomain and not (network.post and network.post.search(path)):
            return _found(network, f"https://{subdomain.lower()}.{domain}", subdomain)
        return None
    special = _SPECIAL.get(network.name)
    if special is not None:
        return special(network, domain, segments, query, typed)
    return _generic(network, domain, segments, typed)


# No network's account name holds these (a handle is letters, digits, `.`, `_`, `-`, `@`, `%`).
_NEVER_IN_HANDLES = re.compile(r"[\"'<>=(){}\[\];,\s`\\]")


def _generic(network: Network, domain: str, segments: list[str], typed: bool = False) -> FoundLink | None:
    if not segments:
        return None  # the network's home page: a theme's default link
    first = segments[0]
    if first.lower() in network.prefixes:
        if len(segments) < 2:
            return None  # /in/, /company/, /groups: the network's own index
        handle, rest = segments[1], segments[2:]
        kept = segments[:2] if network.prefix_in_url else segments[1:2]
    else:
        needs_prefix = network.needs == "prefix" or (network.needs in ("at", "prefix_or_at") and first[:1] != "@")
        if needs_prefix or first.lower() in network.reserved or not first.lstrip("@"):
            return None
        if network.content_first and network.content_first.search(first):
            return None
        handle, kept, rest = first, segments[:1], segments[1:]
    if _NEVER_IN_HANDLES.search(handle):
        return None  # quotes, brackets or markup: a broken or hostile link, no account's name
    if network.post and rest and network.post.search("/" + "/".join(rest)):
        return None  # a post, video or status, not the profile
    if network.handle_syntax and kept == segments[:1] and not network.handle_syntax.match(handle):
        return None  # no account can have this name
    if typed and network.typed_syntax and kept == segments[:1] and not network.typed_syntax.match(handle):
        return None
    # Tabs of a profile (/company/acme/about, /c/Acme/videos) are the same profile.
    return _found(network, f"https://{domain}/" + "/".join(kept), handle)


def _found(network: Network, url: str, handle: str) -> FoundLink:
    # Most networks treat handles case-insensitively; YouTube ids and Discord invites do not.
    return FoundLink(network.kind, network.name, url if network.keep_case else url.lower(), handle.lstrip("@"))


def _facebook(
    network: Network, domain: str, segments: list[str], query: dict[str, list[str]], typed: bool
) -> FoundLink | None:
    first = segments[0].lower() if segments else ""
    if first == "profile.php":
        profile_id = (query.get("id") or [""])[0].strip()
        if not profile_id.isdigit():
            return None
        return _found(network, f"https://{domain}/profile.php?id={profile_id}", profile_id)
    if first == "people" and len(segments) >= 2:
        # /people/<name>/<id>: the id identifies the profile, the name makes it readable.
        kept = segments[:3] if len(segments) >= 3 and segments[2].isdigit() else segments[:2]
        return _found(network, f"https://{domain}/" + "/".join(kept), segments[1])
    if first == "pages":
        if len(segments) >= 4 and segments[1].lower() == "category":
            return _found(network, f"https://{domain}/" + "/".join(segments[:4]), segments[3])
        if len(segments) >= 3 and segments[2].isdigit():
            return _found(network, f"https://{domain}/" + "/".join(segments[:3]), segments[1])
        return None  # /pages/create, /pages/search: the network's own tools
    return _generic(network, domain, segments, typed)


def _linkedin(
    network: Network, domain: str, segments: list[str], query: dict[str, list[str]], typed: bool
) -> FoundLink | None:
    if len(segments) >= 2 and segments[0].lower() == "pub":
        # Old public profiles: /pub/<name>/<a>/<b>/<c>; the whole path names the member.
        return _found(network, f"https://{domain}/" + "/".join(segments), segments[1])
    member = (query.get("id") or [""])[0].strip()
    if [s.lower() for s in segments[:2]] == ["profile", "view"] and re.fullmatch(r"[A-Za-z0-9_-]+", member):
        # The old member address; the id is case-sensitive.
        return FoundLink(network.kind, network.name, f"https://{domain}/profile/view?id={member}", member)
    return _generic(network, domain, segments, typed)


def _x(
    network: Network, domain: str, segments: list[str], query: dict[str, list[str]], typed: bool
) -> FoundLink | None:
    first = segments[0].lower() if segments else ""
    if first == "intent" and len(segments) >= 2 and segments[1].lower() in ("follow", "user"):
        # A "Follow us" button names the account: /intent/follow?screen_name=acme.
        name = (query.get("screen_name") or [""])[0].strip().lstrip("@")
        return _generic(network, domain, [name], typed) if name else None
    if first.startswith("@"):
        segments = [segments[0][1:], *segments[1:]]  # twitter.com/@acme is twitter.com/acme
    return _generic(network, domain, segments, typed) if segments and segments[0] else None


def _instagram(
    network: Network, domain: str, segments: list[str], query: dict[str, list[str]], typed: bool
) -> FoundLink | None:
    if len(segments) >= 2 and segments[0].lower() == "_u":
        segments = segments[1:]  # instagram.com/_u/acme opens the profile in the app
    return _generic(network, domain, segments, typed)


def _discord(
    network: Network, domain: str, segments: list[str], query: dict[str, list[str]], typed: bool
) -> FoundLink | None:
    if domain == "discord.gg":
        return _found(network, f"https://discord.gg/{segments[0]}", segments[0]) if segments else None
    first = segments[0].lower() if segments else ""
    if first == "invite" and len(segments) >= 2:
        return _found(network, f"https://discord.gg/{segments[1]}", segments[1])
    # /channels/<server id>[/<channel id>] names a server; /channels/@me and the like do not.
    ids = segments[1:3]
    if first == "channels" and ids and all(i.isdigit() for i in ids):
        handle = "channels/" + "/".join(ids)
        return _found(network, f"https://discord.com/{handle}", handle)
    return None


def _vimeo(
    network: Network, domain: str, segments: list[str], query: dict[str, list[str]], typed: bool
) -> FoundLink | None:
    found = _generic(network, domain, segments, typed)
    account = re.fullmatch(r"user(\d+)", found.handle) if found else None
    if found is not None and account:
        found.handle = account.group(1)  # vimeo.com/user<id>: an account without a chosen name
    return found


_SPECIAL = {
    "facebook": _facebook,
    "linkedin": _linkedin,
    "x": _x,
    "instagram": _instagram,
    "discord": _discord,
    "vimeo": _vimeo,
}


def _text_pattern() -> re.Pattern[str]:
    domains = sorted({*SOCIAL_HOSTS, *MESSENGER_HOSTS}, key=len, reverse=True)
    alternatives = "|".join(re.escape(d) for d in domains)
    # Not inside an email address or another URL: nothing word-like, `@`, `/`, `=` or `.` right before.
    return re.compile(
        rf"(?<![\w@./=%&?#-])(?:https?://)?(?:[a-z0-9-]+\.)*(?:{alternatives})(?=[/?#])[^\s<>\"'()\[\]{{}}]*",
        re.I,
    )


_TEXT_URL = _text_pattern()


def links_in_text(text: str) -> list[FoundLink]:
    """Profiles and messenger links written out as text (`instagram.com/acme` in a paragraph)."""
    found = []
    for match in _TEXT_URL.finditer(text):
        written = match.group(0).rstrip(".,;:!?…")
        link = classify_link(written if re.match(r"https?://", written, re.I) else "https://" + written, typed=True)
        if link is not None:
            found.append(link)
    return found
