"""Messenger links (WhatsApp, Telegram, Viber...), normalised to the conversation they open."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, parse_qs, parse_qsl, unquote, urlsplit

import phonenumbers

from auditor.gather.extract.networks import FoundLink
from auditor.gather.extract.phone_context import is_placeholder

MESSENGER_HOSTS = {
    "wa.me": "whatsapp",
    "api.whatsapp.com": "whatsapp",
    "web.whatsapp.com": "whatsapp",
    "wa.link": "whatsapp",
    "chat.whatsapp.com": "whatsapp",
    "t.me": "telegram",
    "telegram.me": "telegram",
    "telegram.dog": "telegram",
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
    "msng.link": "msng.link",
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
# Messenger paths that share a text or install the app instead of opening a conversation.
_NOT_CONVERSATION = re.compile(r"^/?(?:share|msg|send/?$|R/msg|download|intent|dl/?$)", re.I)
# t.me paths of Telegram itself: stickers, proxies, instant view, settings.
_TELEGRAM_OWN = {"share", "addstickers", "addemoji", "addtheme", "proxy", "socks", "iv", "login", "setlanguage", "c"}
# msng.link redirect pages name the messenger by a code: msng.link/o?<number or name>=<code>.
_MSNG_CODES = {"wa": "whatsapp", "vi": "viber", "tg": "telegram", "fm": "messenger", "sk": "skype"}


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _whatsapp(written: str) -> FoundLink | None:
    """wa.me/<number>: only an international number without its `+` opens a chat."""
    number = re.sub(r"[\s+().-]", "", unquote(written))
    # 1XXXXXXXXXX, a name, or a handful of digits: a template's placeholder, not a number.
    if not number.isdigit() or len(number) < 7:
        return None
    link = FoundLink("messenger", "whatsapp", f"https://wa.me/{number}", number)
    if number.startswith("0") or not _possible_international(number):
        link.problem = (
            f"WhatsApp link wa.me/{number} has no country code: WhatsApp opens a chat only with "
            "the international number (country code first, no leading 0)"
        )
    return link


def _possible_international(number: str) -> bool:
    """A known country code and enough digits after it; longer forms (Mexico's 521...) still open a chat."""
    try:
        reason = phonenumbers.is_possible_number_with_reason(phonenumbers.parse("+" + number))
    except phonenumbers.NumberParseException:
        return False
    return reason not in (phonenumbers.ValidationResult.INVALID_COUNTRY_CODE, phonenumbers.ValidationResult.TOO_SHORT)


def whatsapp_chat_number(href: str) -> str | None:
    """The number a WhatsApp click-to-chat link names, as written ("" when it names none);
    None when the link is not one (a group invite, a catalogue, wa.me/message/...)."""
    parts = urlsplit(href if "//" in href or ":" in href else f"https://{href}")
    host = (parts.hostname or "").lower().removeprefix("www.")
    phone = "".join(parse_qs(parts.query).get("phone", [""])[0].split())
    if parts.scheme.lower() == "whatsapp":
        return phone if (parts.netloc or parts.path).strip("/").lower() == "send" else None
    if host == "wa.me":
        path = unquote(parts.path).strip("/")
        return path if re.fullmatch(r"[\d\s+().Xx*-]*", path) else None
    if host in ("api.whatsapp.com", "web.whatsapp.com", "whatsapp.com") and parts.path.rstrip("/") == "/send":
        return phone
    return None


def whatsapp_problem(number: str, region: str | None) -> str | None:
    """What keeps wa.me/<number> from opening the company's chat, if anything.

    The number must be international, without the `+`. One starting with 0 or with no
    country code before it never is; one that is no valid international number but a
    valid national number of the site's `region` lacks its country code (wa.me/98450...
    on an Indian site opens a chat in Iran, or none). Numbers that are only possible
    internationally (Mexico's old 521...) still open a chat and are left alone.
    """
    if not number.isdigit():
        return None
    international = _parsed("+" + number, None)
    if international is not None and phonenumbers.is_valid_number(international):
        return "whatsapp-placeholder" if is_placeholder(international) else None
    national = _parsed(number, region) if region else None
    if national is not None and phonenumbers.is_valid_number(national):
        return "whatsapp-placeholder" if is_placeholder(national) else "whatsapp-no-country-code"
    if number.startswith("0") or not _possible_international(number):
        return "whatsapp-no-country-code"
    return None


def whatsapp_e164(number: str, region: str | None) -> str | None:
    """The number a wa.me link without its country code means, read in the site's `region`."""
    national = _parsed(number, region) if region and number.isdigit() else None
    if national is None or not phonenumbers.is_valid_number(national) or is_placeholder(national):
        return None
    return phonenumbers.format_number(national, phonenumbers.PhoneNumberFormat.E164)


def _parsed(number: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None


def scheme_link(href: str, network: str) -> FoundLink | None:
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
        return _whatsapp(target)
    return FoundLink("messenger", network, href, target)


def messenger_link(host: str, parts: SplitResult) -> FoundLink | None:
    """A link on a messenger's web host (`host` without `www.`)."""
    path = re.sub(r"/+$", "", unquote(parts.path))
    query = parse_qs(parts.query)
    network = MESSENGER_HOSTS.get(host, "whatsapp" if host.endswith("whatsapp.com") else "")
    if network == "msng.link":
        return _msng_link(parts.query)
    if _NOT_CONVERSATION.search(path) and not query.get("phone"):
        return None
    target = path.strip("/")
    url = f"https://{host}{path}"
    if network == "whatsapp" and host not in ("wa.link", "chat.whatsapp.com"):
        # wa.me/N, api.whatsapp.com/send?phone=N and web.whatsapp.com/send?phone=N are one chat.
        return _whatsapp((query.get("phone") or [target])[0])
    if network == "telegram":
        return _telegram(host, target)
    if host in ("signal.me", "signal.group"):
        target = unquote(parts.fragment).removeprefix("p/")
        url = f"https://{host}/#{parts.fragment}"
    elif network == "line" and "/" in target:
        target = target.rsplit("/", 1)[-1]
    if not target or not network:
        return None
    return FoundLink("messenger", network, url, target)


def _telegram(host: str, target: str) -> FoundLink | None:
    segments = [s for s in target.split("/") if s]
    if segments[:1] == ["s"]:
        segments = segments[1:]  # t.me/s/<channel>: the channel's web preview
    if not segments or segments[0].lower() in _TELEGRAM_OWN:
        return None
    if len(segments) >= 2 and segments[1].isdigit():
        segments = segments[:1]  # t.me/<channel>/<post>: a post of that channel
    target = "/".join(segments)
    return FoundLink("messenger", "telegram", f"https://{host}/{target}", target)


def _msng_link(query: str) -> FoundLink | None:
    for value, code in parse_qsl(query, keep_blank_values=True):
        network = _MSNG_CODES.get(code.strip().lower())
        value = value.strip()
        if network is None or not value:
            continue
        if network == "whatsapp":
            return _whatsapp(value)
        if network == "viber":
            number = _digits(value)
            return FoundLink("messenger", "viber", f"viber://chat?number=%2B{number}", f"+{number}") if number else None
        urls = {"telegram": "https://t.me/{}", "messenger": "https://m.me/{}", "skype": "skype:{}?chat"}
        return FoundLink("messenger", network, urls[network].format(value.lstrip("@")), value.lstrip("@"))
    return None
