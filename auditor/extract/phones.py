"""Phone numbers: tel/callto/sms links, and text numbers only where the page says "phone"."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

import phonenumbers
from bs4 import BeautifulSoup

from auditor.extract.dom import block_text, heading_before, in_hidden_container, location_of, visible_strings
from auditor.extract.phone_context import (
    PHONE_LABEL,
    is_placeholder,
    labelled_as_contact,
    labelled_as_other,
    labelled_as_phone,
    mask_not_phones,
)
from auditor.models import Location

__all__ = ["PHONE_LABEL", "FoundPhone", "find_phones", "infer_region", "parse_number"]

_LINK_SCHEMES = {"tel": "tel", "callto": "tel", "sms": "sms"}

# Country-code TLDs and languages that tell which country national numbers belong to.
_TLD_REGIONS = {
    "uk": "GB",
    "co.uk": "GB",
    "in": "IN",
    "co.in": "IN",
    "de": "DE",
    "ru": "RU",
    "fr": "FR",
    "es": "ES",
    "it": "IT",
    "nl": "NL",
    "br": "BR",
    "com.br": "BR",
    "mx": "MX",
    "jp": "JP",
    "cn": "CN",
    "au": "AU",
    "com.au": "AU",
    "ca": "CA",
    "ua": "UA",
    "pl": "PL",
    "at": "AT",
    "ch": "CH",
    "se": "SE",
    "ie": "IE",
    "us": "US",
    "com.mx": "MX",
    "com.ar": "AR",
    "co.jp": "JP",
    "ne.jp": "JP",
    "org.in": "IN",
    "com.es": "ES",
    "by": "BY",
    "kz": "KZ",
    "be": "BE",
    "pt": "PT",
    "cz": "CZ",
    "nz": "NZ",
    "co.nz": "NZ",
    "sg": "SG",
    "ar": "AR",
    "cl": "CL",
    "co": "CO",
}
_LANG_REGIONS = {
    "hi": "IN",
    "te": "IN",
    "ta": "IN",
    "mr": "IN",
    "bn": "IN",
    "ru": "RU",
    "de": "DE",
    "fr": "FR",
    "it": "IT",
    "nl": "NL",
    "ja": "JP",
    "pl": "PL",
    "uk": "UA",
    "pt": "BR",
    "kn": "IN",
    "gu": "IN",
    "pa": "IN",
    "ml": "IN",
    "cs": "CZ",
    "sv": "SE",
    "ko": "KR",
}


@dataclass
class FoundPhone:
    raw: str
    e164: str | None
    source: str
    location: Location
    label: str | None
    region: str | None = None
    region_source: str = ""


def infer_region(domain: str, lang: str, country: str = "") -> tuple[str | None, str]:
    """The region national numbers are read in, and what it was inferred from.

    The country-code TLD wins, then the country the site's own address states, then
    the page language (`de-AT` before plain `de`).
    """
    labels = domain.lower().split(".")
    for size in (2, 1):
        suffix = ".".join(labels[-size:])
        if len(labels) > size and suffix in _TLD_REGIONS:
            return _TLD_REGIONS[suffix], f"tld:{suffix}"
    country = country.strip().upper()
    if len(country) == 2 and country in phonenumbers.SUPPORTED_REGIONS:
        return country, f"address:{country}"
    lang = lang.strip().replace("_", "-")
    if "-" in lang:
        region = lang.split("-")[1].upper()
        if region in phonenumbers.SUPPORTED_REGIONS:
            return region, f"lang:{lang}"
    if lang.split("-")[0].lower() in _LANG_REGIONS:
        return _LANG_REGIONS[lang.split("-")[0].lower()], f"lang:{lang}"
    return None, "none"


def parse_number(raw: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    """A valid number, or None; a number written with + needs no region."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _e164(raw: str, region: str | None) -> str | None:
    number = parse_number(raw, region)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if number else None


def number_region(raw: str, e164: str | None, region: str | None, region_source: str) -> tuple[str | None, str]:
    """Which country a found number belongs to, and how we know."""
    if e164 and raw.lstrip().startswith(("+", "00")):
        number = phonenumbers.parse(e164)
        return phonenumbers.region_code_for_number(number), "explicit"
    return (region, region_source) if e164 else (None, "")


def find_phones(
    soup: BeautifulSoup, region: str | None, contact_page: bool, region_source: str = ""
) -> list[FoundPhone]:
    """tel:/callto:/sms: links, and text numbers that a label or a contact block vouches for."""
    found: list[FoundPhone] = []

    def add(raw: str, e164: str | None, source: str, location: Location, label: str | None) -> None:
        where, how = number_region(raw, e164, region, region_source)
        found.append(FoundPhone(raw, e164, source, location, label, where, how))

    for anchor in soup.find_all("a", href=True):
        href = str(anchor["href"]).strip()
        scheme, _, rest = href.partition(":")
        source = _LINK_SCHEMES.get(scheme.lower())
        if source is None or not rest or in_hidden_container(anchor):
            continue
        raw = unquote(rest.split("?", 1)[0]).strip()
        if sum(ch.isdigit() for ch in raw) < 5:
            continue
        number = parse_number(raw, region)
        if number is not None and is_placeholder(number):
            continue
        e164 = _e164(raw, region)
        # Keep the number as customers read it when the link text is the same number.
        shown = anchor.get_text(" ", strip=True)
        if e164 and shown and _e164(shown, region) == e164:
            raw = shown
        add(raw, e164, source, location_of(anchor), None)
    for text in visible_strings(soup):
        value = str(text)
        if sum(ch.isdigit() for ch in value) < 6 or (text.parent is not None and text.parent.name == "a"):
            continue
        location = location_of(text)
        context = block_text(text)
        heading = heading_before(text)
        in_block = location == "footer" or contact_page or text.find_parent("address") is not None
        masked = mask_not_phones(value)
        for match in phonenumbers.PhoneNumberMatcher(masked, region or "ZZ", leniency=phonenumbers.Leniency.VALID):
            written = value[match.start : match.end].strip()
            before = _text_before(context, value, match.start)
            if labelled_as_other(before) or is_placeholder(match.number):
                continue
            labelled = labelled_as_phone(before) or bool(PHONE_LABEL.search(heading))
            # An unlabelled number in a contact block must be unambiguous: written with its country code.
            if not labelled and not (in_block and (written.startswith("+") or labelled_as_contact(before))):
                continue
            e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            add(written, e164, "text", location, None)
    return found


def _text_before(block: str, value: str, offset: int) -> str:
    """The block's text up to a match: labels may sit in an earlier element of the block."""
    own = value[:offset]
    start = block.find(value.strip()[:40]) if value.strip() else -1
    if start < 0:
        return own
    return block[:start] + " " + own.lstrip()
