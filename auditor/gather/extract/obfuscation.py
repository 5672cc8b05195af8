"""Undo the ways sites hide addresses from scrapers, without inventing addresses from prose.

Cloudflare's XOR encoding, words in place of `@` and `.` in several languages, and
text reversed on screen with CSS. Decoded strings are candidates only: the caller
validates them exactly like any other address.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from urllib.parse import unquote

from bs4 import BeautifulSoup, Tag

CF_LINK = re.compile(r"(?:/cdn-cgi/l/email-protection|cloudflare\.com/email-protection(?:\.html)?)#([0-9a-f]+)", re.I)


def cloudflare_decode(encoded: str) -> str | None:
    """Cloudflare email protection: the first byte is the key, XOR each following byte, read UTF-8."""
    try:
        data = bytes.fromhex(encoded.strip())
    except ValueError:
        return None
    if len(data) < 2:
        return None
    key = data[0]
    try:
        return bytes(b ^ key for b in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None


def cloudflare_elements(soup: BeautifulSoup) -> Iterator[tuple[Tag, str]]:
    """Each protected element with its decoded text (`data-cfemail` spans and protection links)."""
    for element in soup.find_all(lambda tag: tag.has_attr("data-cfemail")):
        decoded = cloudflare_decode(str(element["data-cfemail"]))
        if decoded:
            yield element, decoded
    for anchor in soup.find_all("a", href=True):
        match = CF_LINK.search(str(anchor["href"]))
        if match:
            decoded = cloudflare_decode(match.group(1))
            if decoded:
                yield anchor, decoded


# Words written instead of "@" and "." (English, German, Russian, Spanish, French,
# Italian, Dutch, Portuguese, Polish); bracketed forms are unambiguous.
_AT_WORDS = r"at|ät|a|@|собака|собачка|arroba|arobase|chez|chiocciola|apenstaartje|malpa|małpa|at-sign|AT"
_DOT_WORDS = r"dot|punkt|точка|punto|point|ponto|kropka|dt|\."
_OPEN, _CLOSE = r"[\[\(\{<«]", r"[\]\)\}>»]"
_BRACKET_AT = rf"\s*{_OPEN}\s*(?:{_AT_WORDS})\s*{_CLOSE}\s*"
_BRACKET_DOT = rf"\s*{_OPEN}\s*(?:{_DOT_WORDS})\s*{_CLOSE}\s*"
# Bare words (`john at shop dot com`) are only read when the dots are words too:
# "find us at shop.co.uk" is a sentence, not an address.
_BARE_AT = r"\s+(?:at|собака|arroba|ät)\s+"
_BARE_DOT = r"\s+(?:dot|punkt|точка|punto)\s+"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
# As in a plain address, an apostrophe only between two letters or digits (o'brien), and no
# match starts at the tail of a word cut at an apostrophe.
_LOCAL = r"[a-z0-9](?:[a-z0-9_%+-]|\.(?=[a-z0-9])|(?<=[a-z0-9])'(?=[a-z0-9])){0,63}"
_NOT_A_TAIL = r"(?<![\w.@-])(?<![a-z0-9._%+'’-]['’])"
_TLD = r"[a-z]{2,24}(?![a-z0-9-])"

_BRACKETED = re.compile(
    rf"{_NOT_A_TAIL}(?P<local>{_LOCAL}(?:{_BRACKET_DOT}{_LOCAL})*)(?:{_BRACKET_AT}|\s*@\s+|\s+@\s*)"
    rf"(?P<host>(?:{_LABEL}(?:{_BRACKET_DOT}|\.))+{_TLD})",
    re.I,
)
_BARE = re.compile(
    rf"{_NOT_A_TAIL}(?P<local>{_LOCAL}(?:{_BARE_DOT}{_LOCAL})*){_BARE_AT}(?P<host>(?:{_LABEL}{_BARE_DOT})+{_TLD})",
    re.I,
)
_DOT_TOKEN = re.compile(rf"{_BRACKET_DOT}|{_BARE_DOT}", re.I)


# Bare words are read only next to a word saying "email": "look at this dot com" is prose.
_MAIL_WORDS = re.compile(r"e-?mail|mail|почт|correo|courriel|メール|ईमेल|ఇమెయిల్|ఈమెయిల్|邮箱|write|schreib|пишите", re.I)


def deobfuscate(text: str) -> Iterator[tuple[str, str]]:
    """(as written, candidate address) for every address spelled out with words or brackets."""
    patterns = (_BRACKETED, _BARE) if _MAIL_WORDS.search(text) else (_BRACKETED,)
    for pattern in patterns:
        for match in pattern.finditer(text):
            local = _DOT_TOKEN.sub(".", match.group("local"))
            host = _DOT_TOKEN.sub(".", match.group("host"))
            yield match.group(0).strip(), f"{local.strip()}@{host.strip()}"


_OVERRIDE_STYLE = re.compile(r"unicode-bidi\s*:\s*bidi-override", re.I)
_RTL_STYLE = re.compile(r"direction\s*:\s*rtl", re.I)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def _reversing_classes(soup: BeautifulSoup) -> set[str]:
    """Class names that a <style> block sets to draw text right-to-left, overriding the bidi order."""
    classes: set[str] = set()
    for style in soup.find_all("style"):
        for selectors, body in _CSS_RULE.findall(style.get_text()):
            if _OVERRIDE_STYLE.search(body) and _RTL_STYLE.search(body):
                classes.update(re.findall(r"\.([\w-]+)\s*(?:,|$)", selectors.strip()))
    return classes


def reversed_elements(soup: BeautifulSoup) -> list[Tag]:
    """Elements whose characters are shown in reverse order: the DOM holds the text backwards."""
    classes = _reversing_classes(soup)
    found: list[Tag] = []
    for element in soup.find_all(True):
        if element.name == "bdo" and str(element.get("dir") or "").lower() == "rtl":
            found.append(element)
            continue
        style = str(element.get("style") or "")
        own_classes = {str(c) for c in element.get_attribute_list("class") if c}
        if (_OVERRIDE_STYLE.search(style) and _RTL_STYLE.search(style)) or classes & own_classes:
            found.append(element)
    return found


# A link's own code is read only up to this size, and an atob() literal only up to this
# length: an address or a number is short, a longer blob is a bundled script's data.
_MAX_CODE = 4096
_ATOB = re.compile(r"""atob\(\s*(['"])([A-Za-z0-9+/=\s]{4,2048})\1\s*\)""")
_LITERAL = "'[^']*'|\"[^\"]*\""
# String literals joined by `+` are one string: 'mailto:'+'info'+'@'+'shop.de'.
_JOINED_LITERALS = re.compile(rf"(?:{_LITERAL})(?:\s*\+\s*(?:{_LITERAL}))*")
_LINK_TARGET = re.compile(r"(?<![a-z])(?:mailto|tel):", re.I)


def scripted_targets(anchor: Tag) -> list[str]:
    """The mailto: and tel: links a link opens through JavaScript instead of its href.

    `href="javascript:location.href=atob('bWFpbHRv...')"` and
    `onclick="location.href='mailto:'+'info'+'@'+'shop.de'"`: a customer who clicks
    gets a mail window (or a call), so the address is on the page as a link. Only
    literals in the link's own code are read, base64 ones decoded; nothing is executed.
    """
    href = str(anchor.get("href") or "").strip()
    # A browser percent-decodes a javascript: URL before it runs the code.
    script = unquote(href) if href.lower().startswith("javascript:") else ""
    code = f"{script} {anchor.get('onclick') or ''}".strip()
    if not code or len(code) > _MAX_CODE:
        return []
    code = _ATOB.sub(_decoded_literal, code)
    targets: list[str] = []
    for joined in _JOINED_LITERALS.finditer(code):
        text = "".join(literal[1:-1] for literal in re.findall(_LITERAL, joined.group(0)))
        target = _LINK_TARGET.search(text)
        if target is not None:
            found = text[target.start() :].strip()
            if found not in targets and found != href:
                targets.append(found)
    return targets


def _decoded_literal(match: re.Match[str]) -> str:
    """atob('...') as the string literal it returns, or an empty one when it is no text."""
    text = binascii_text(match.group(2))
    return f"'{text}'" if "'" not in text else "''"


def binascii_text(encoded: str) -> str:
    """Base64 text as a string, or "" when it is not base64 of printable UTF-8.

    Padding may be left out, as atob() allows.
    """
    compact = "".join(encoded.split())
    if len(compact) % 4 == 1:
        return ""
    try:
        text = base64.b64decode(compact + "=" * (-len(compact) % 4), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return ""
    return text if text.isprintable() else ""
