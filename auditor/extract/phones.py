"""Phone numbers: tel/callto/sms links, and text numbers only where the page says "phone"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

import phonenumbers
from bs4 import BeautifulSoup

from auditor.extract.dom import block_text, location_of, visible_strings
from auditor.models import Location

PHONE_LABEL = re.compile(
    r"(?:\b(?:tel|tél|phone|telephone|call|mobile|mob|cell|hotline|fax|telefon|telefone|teléfono|"
    r"telefono|llámanos|ligue|anrufen|fon|тел|телефон|звоните|позвоните)\b|"
    r"फ़ोन|फोन|दूरभाष|मोबाइल|ఫోన్|ఫోను|మొబైల్|電話|电话|전화|☎|📞|📱|✆)",
    re.I,
)
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
}


@dataclass
class FoundPhone:
    raw: str
    e164: str | None
    source: str
    location: Location
    label: str | None


def infer_region(domain: str, lang: str) -> tuple[str | None, str]:
    """The region national numbers are read in, and what it was inferred from."""
    labels = domain.lower().split(".")
    for size in (2, 1):
        suffix = ".".join(labels[-size:])
        if len(labels) > size and suffix in _TLD_REGIONS:
            return _TLD_REGIONS[suffix], f"tld:{suffix}"
    lang = lang.strip().replace("_", "-")
    if "-" in lang:
        region = lang.split("-")[1].upper()
        if region in phonenumbers.SUPPORTED_REGIONS:
            return region, f"lang:{lang}"
    if lang.split("-")[0].lower() in _LANG_REGIONS:
        return _LANG_REGIONS[lang.split("-")[0].lower()], f"lang:{lang}"
    return None, "none"


def _e164(raw: str, region: str | None) -> str | None:
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def find_phones(soup: BeautifulSoup, region: str | None, contact_page: bool) -> list[FoundPhone]:
    found: list[FoundPhone] = []
    for anchor in soup.find_all("a", href=True):
        href = str(anchor["href"]).strip()
        scheme, _, rest = href.partition(":")
        source = _LINK_SCHEMES.get(scheme.lower())
        if source is None or not rest:
            continue
        raw = unquote(rest.split("?", 1)[0]).strip()
        if sum(ch.isdigit() for ch in raw) < 5:
            continue
        e164 = _e164(raw, region)
        # Keep the number as customers read it when the link text is the same number.
        shown = anchor.get_text(" ", strip=True)
        if e164 and shown and _e164(shown, region) == e164:
            raw = shown
        found.append(FoundPhone(raw, e164, source, location_of(anchor), None))
    for text in visible_strings(soup):
        value = str(text)
        if sum(ch.isdigit() for ch in value) < 6:
            continue
        location = location_of(text)
        context = block_text(text)
        labelled = bool(PHONE_LABEL.search(context))
        if not (labelled or location == "footer" or contact_page):
            continue
        leniency = phonenumbers.Leniency.VALID
        for match in phonenumbers.PhoneNumberMatcher(value, region or "ZZ", leniency=leniency):
            # An unlabelled number must be unambiguous: written with its country code.
            if not labelled and not match.raw_string.lstrip().startswith("+"):
                continue
            e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            found.append(FoundPhone(match.raw_string.strip(), e164, "text", location, None))
    return found
