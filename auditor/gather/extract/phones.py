"""Phone numbers: tel/callto/sms links, and text numbers only where the page says "phone"."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from auditor.artifacts import Location
from auditor.gather.extract.dom import (
    block_text,
    clean_text,
    heading_before,
    in_hidden_container,
    location_of,
    visible_strings,
)
from auditor.gather.extract.messengers import whatsapp_chat_number
from auditor.gather.extract.obfuscation import scripted_targets
from auditor.gather.extract.phone_context import (
    PHONE_LABEL,
    is_placeholder,
    labelled_as_contact,
    labelled_as_other,
    labelled_as_phone,
    labelled_as_sample,
    mask_not_phones,
)
from auditor.gather.extract.phone_links import NOT_A_CONTACT, FoundLinkProblem, read_phone_link

__all__ = ["PHONE_LABEL", "FoundPhone", "find_phones", "infer_region", "lang_region", "parse_number", "tld_region"]

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
    "vn": "VN",
    "com.vn": "VN",
    "id": "ID",
    "co.id": "ID",
    "com.cn": "CN",
    "tw": "TW",
    "com.tw": "TW",
    "kr": "KR",
    "co.kr": "KR",
    "th": "TH",
    "co.th": "TH",
    "tr": "TR",
    "com.tr": "TR",
    "za": "ZA",
    "co.za": "ZA",
    "my": "MY",
    "com.my": "MY",
    "ph": "PH",
    "pe": "PE",
    "uz": "UZ",
    "gr": "GR",
    "hu": "HU",
    "ro": "RO",
    "sk": "SK",
    "dk": "DK",
    "no": "NO",
    "fi": "FI",
}
# Languages spoken mostly in one country; a language of several countries (en, es,
# ar, fr) says nothing about which.
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
    "vi": "VN",
    "th": "TH",
    "id": "ID",
    "zh": "CN",
    "tr": "TR",
    "el": "GR",
    "he": "IL",
    "hu": "HU",
    "ro": "RO",
    "bg": "BG",
    "ka": "GE",
    "hy": "AM",
    "uz": "UZ",
    "fa": "IR",
    "lt": "LT",
    "lv": "LV",
    "et": "EE",
    "sk": "SK",
    "sl": "SI",
    "hr": "HR",
    "fi": "FI",
    "da": "DK",
    "nb": "NO",
    "km": "KH",
}
# Script subtags that name the region's writing (zh-Hant is written in Taiwan and Hong Kong).
_SCRIPT_REGIONS = {"zh-hant": "TW", "zh-hans": "CN"}

# The number a link's text starts with ("+49 30 2847193, call us").
_LEADING_NUMBER = re.compile(r"^\s*\+?\d[\d\s().-]{4,}\d")


@dataclass
class FoundPhone:
    raw: str
    e164: str | None
    source: str
    location: Location
    label: str | None
    region: str | None = None
    region_source: str = ""
    # What is wrong with the link the number was read from (see phone_links.py).
    link_problem: str | None = None


def tld_region(domain: str) -> tuple[str | None, str]:
    """The country of a country-code TLD (`shop.co.uk` is GB), and the suffix it was read from."""
    labels = domain.lower().split(".")
    for size in (2, 1):
        suffix = ".".join(labels[-size:])
        if len(labels) > size and suffix in _TLD_REGIONS:
            return _TLD_REGIONS[suffix], f"tld:{suffix}"
    return None, ""


def lang_region(lang: str) -> tuple[str | None, str]:
    """The country of a language tag: its region subtag (`de-AT`), else a one-country language."""
    lang = lang.strip().replace("_", "-")
    subtags = [s for s in lang.split("-") if s]
    for subtag in subtags[1:]:
        if len(subtag) == 2 and subtag.upper() in phonenumbers.SUPPORTED_REGIONS:
            return subtag.upper(), f"lang:{lang}"
    if len(subtags) > 1 and f"{subtags[0]}-{subtags[1]}".lower() in _SCRIPT_REGIONS:
        return _SCRIPT_REGIONS[f"{subtags[0]}-{subtags[1]}".lower()], f"lang:{lang}"
    if subtags and subtags[0].lower() in _LANG_REGIONS:
        return _LANG_REGIONS[subtags[0].lower()], f"lang:{lang}"
    return None, ""


def infer_region(domain: str, lang: str, country: str = "") -> tuple[str | None, str]:
    """The region national numbers are read in, and what it was inferred from.

    The country-code TLD wins, then the country the site's own address states, then
    the page language (`de-AT` before plain `de`).
    """
    region, how = tld_region(domain)
    if region:
        return region, how
    country = country.strip().upper()
    if len(country) == 2 and country in phonenumbers.SUPPORTED_REGIONS:
        return country, f"address:{country}"
    region, how = lang_region(lang)
    return (region, how) if region else (None, "none")


def parse_number(raw: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    """A valid number, or None; a number written with + (or 00) needs no region."""
    for candidate in _readings(raw, region):
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


def _readings(raw: str, region: str | None) -> list[str]:
    """The number as written and, for `00` + digits, as international: the prefix most
    of the world dials abroad, and the only reading of a 00 number without a region."""
    readings = [raw]
    stripped = raw.lstrip()
    if stripped.startswith("00") and not stripped.startswith("000"):
        international = "+" + stripped[2:]
        readings = [international] if region is None else [raw, international]
    return readings


def _e164(raw: str, region: str | None) -> str | None:
    number = parse_number(raw, region)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if number else None


def number_region(raw: str, e164: str | None, region: str | None, region_source: str) -> tuple[str | None, str]:
    """Which country a found number belongs to, and how we know."""
    if e164 and raw.lstrip().startswith(("+", "00")):
        number = phonenumbers.parse(e164)
        return phonenumbers.region_code_for_number(number), "explicit"
    return (region, region_source) if e164 else (None, "")


def _messenger_number(chat: str | None) -> str | None:
    """The digits a WhatsApp link opens a chat with (international, without the +), if any."""
    digits = re.sub(r"[\s().-]", "", chat or "").lstrip("+")
    return digits if digits.isdigit() and 8 <= len(digits) <= 15 else None


def _chat_problem(messenger: str | None, e164: str | None) -> str | None:
    """What is wrong with a WhatsApp link that shows a number: it names none, or another one."""
    if messenger is None:
        return "whatsapp-no-number"
    if e164 is None:
        return None
    try:
        opened = phonenumbers.parse("+" + messenger)
    except phonenumbers.NumberParseException:
        return None
    shown = phonenumbers.parse(e164)
    # Mexico's mobiles keep an old 1 after the country code on WhatsApp: one number, two forms.
    a, b = str(opened.national_number), str(shown.national_number)
    same = opened.country_code == shown.country_code and (a.endswith(b) or b.endswith(a))
    return None if same or not phonenumbers.is_valid_number(opened) else "whatsapp-number-mismatch"


def _link_targets(anchor: Tag) -> list[str]:
    """What a link opens: its href, and a tel: that its script opens instead."""
    href = str(anchor.get("href") or "").strip()
    return [href, *scripted_targets(anchor)] if href or anchor.get("onclick") else []


def _phone_link(element: NavigableString) -> bool:
    anchor = element.find_parent("a")
    return anchor is not None and any(read_phone_link(target) is not None for target in _link_targets(anchor))


# Runs of digits with the separators people write numbers with; read only where a
# label or a link vouches for them, on pages that do not say their country.
_NATIONAL = re.compile(r"(?<![\w+~])(?:\+|00)?\(?\d[\d ().\-–/\u00a0]{5,24}\d(?![\w~])")


def _national_candidates(masked: str) -> list[tuple[int, int]]:
    """Spans of `masked` that may be one national number each (7 to 12 digits)."""
    spans = []
    for match in _NATIONAL.finditer(masked):
        start = match.start()
        # Two numbers on a line ("0936 365 576 - 0901 138 699", "775123456 775123456").
        for piece in re.split(r"(\s[-–/|]\s|\s{2,}|(?<=\d)\s(?=\d{7}))", match.group(0)):
            digits = sum(ch.isdigit() for ch in piece)
            stripped = piece.strip(" .-–/\u00a0").rstrip("(")
            if (stripped.startswith("(") and ")" not in stripped) or (stripped.endswith(")") and "(" not in stripped):
                stripped = stripped.strip("()")
            if 7 <= digits <= 15 and stripped:
                offset = start + piece.find(stripped)
                spans.append((offset, offset + len(stripped)))
            start += len(piece)
    return spans


def find_phones(
    soup: BeautifulSoup,
    region: str | None,
    contact_page: bool,
    region_source: str = "",
    problems: list[FoundLinkProblem] | None = None,
) -> list[FoundPhone]:
    """tel:/callto:/sms: links, and text numbers that a label or a contact block vouches for.

    Without a region, national numbers are kept with no E.164 (the site's other pages
    may say which country they belong to); numbers written with + or 00 are resolved.
    Links that do not work as written (a mailto: to a number, letters, a template's
    number, a WhatsApp link naming no number or another one) are added to `problems`.
    """
    found: list[FoundPhone] = []

    def add(
        raw: str, e164: str | None, source: str, location: Location, explicit: bool = False, problem: str | None = None
    ) -> None:
        where, how = number_region("+" if explicit else raw, e164, region, region_source)
        found.append(FoundPhone(raw, e164, source, location, None, where, how, problem))

    def note(problem: str, anchor: Tag, number: str, e164: str | None, location: Location, href: str = "") -> None:
        if problems is not None:
            shown = clean_text(anchor.get_text(" "))[:120]
            href = href or str(anchor.get("href") or "").strip()
            problems.append(FoundLinkProblem(problem, href, shown, number, e164, location))

    links = [(anchor, target) for anchor in soup.find_all("a") for target in _link_targets(anchor)]
    for anchor, target in links:
        link = read_phone_link(target, region)
        if link is None or in_hidden_container(anchor):
            continue
        raw, source = link.raw, link.source
        letters = link.problem == "tel-letters"
        if link.problem in NOT_A_CONTACT:
            if link.problem == "tel-placeholder" or sum(ch.isdigit() for ch in raw) >= 5:
                note(link.problem, anchor, raw, None, location_of(anchor), target)
            continue
        # A vanity word dials as its keys: 1-800-FLOWERS has four digits and seven letters.
        if sum(ch.isdigit() or (letters and ch.isalpha()) for ch in raw) < 5:
            continue
        number = parse_number(raw, region)
        if number is not None and is_placeholder(number):
            note("tel-placeholder", anchor, raw, None, location_of(anchor), target)
            continue
        e164 = _e164(raw, region)
        shown = anchor.get_text(" ", strip=True)
        if letters and e164 is None and (region is not None or raw.lstrip().startswith("+")):
            # Letters that spell no valid number: not a vanity number. A link whose text is a
            # valid number (junk after the number in the href) still shows the phone.
            leading = _LEADING_NUMBER.match(shown)
            shown_number = leading.group(0).strip() if leading else ""
            shown_e164 = _e164(shown_number, region) if shown_number else None
            if shown_e164 is not None:
                add(shown_number, shown_e164, source, location_of(anchor), problem=link.problem)
                note("tel-letters", anchor, link.raw, shown_e164, location_of(anchor), target)
            continue
        # Keep the number as customers read it when the link text is the same number.
        if e164 and shown and _e164(shown, region) == e164:
            raw = shown
        add(raw, e164, source, location_of(anchor), problem=link.problem)
        if link.problem:
            note(link.problem, anchor, link.raw, e164, location_of(anchor), target)
    for text in visible_strings(soup):
        value = str(text)
        if sum(ch.isdigit() for ch in value) < 6 or _phone_link(text):
            continue
        location = location_of(text)
        context = block_text(text)
        heading = heading_before(text) or _term_before(text)
        in_block = location == "footer" or contact_page or text.find_parent("address") is not None
        around = text.find_parent("a")
        chat = whatsapp_chat_number(str(around.get("href") or "").strip()) if around is not None else None
        messenger = _messenger_number(chat)
        masked = mask_not_phones(value)
        for start, end, number in _matches(masked, region, region is None or chat is not None):
            written = value[start:end].strip()
            before = _text_before(context, value, start)
            if labelled_as_other(before) or labelled_as_sample(before):
                continue
            # The chat link names the country the shown number is in.
            explicit = number is None and messenger is not None
            if explicit and messenger:
                number = _via_messenger(written, messenger)
            if (number is None and region is not None) or (number is not None and is_placeholder(number)):
                continue
            # A WhatsApp link, even one that names no number, says its text is a mobile number.
            labelled = labelled_as_phone(before) or bool(PHONE_LABEL.search(heading)) or chat is not None
            # An unlabelled number in a contact block must be unambiguous: written with its country code.
            if not labelled and not (in_block and (written.startswith("+") or labelled_as_contact(before))):
                continue
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if number else None
            problem = _chat_problem(messenger, e164) if chat is not None else None
            add(written, e164, "text", location, explicit, problem)
            if problem and around is not None:
                note(problem, around, written, e164, location)
    return found


def _matches(masked: str, region: str | None, national: bool) -> list[tuple[int, int, phonenumbers.PhoneNumber | None]]:
    """Numbers in the text; with `national`, also the national-format ones it could not read."""
    found: list[tuple[int, int, phonenumbers.PhoneNumber | None]] = [
        (m.start, m.end, m.number)
        for m in phonenumbers.PhoneNumberMatcher(masked, region or "ZZ", leniency=phonenumbers.Leniency.VALID)
    ]
    if not national:
        return found
    taken = [(start, end) for start, end, _ in found]
    for start, end in _national_candidates(masked):
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        written = masked[start:end]
        if written.startswith("+"):
            continue  # the matcher already read every valid +number; this one is not valid
        number = parse_number(written, None) if written.startswith("00") else None
        if written.startswith("00") and number is None:
            continue
        found.append((start, end, number))
    return sorted(found, key=lambda item: item[0])


def _via_messenger(written: str, messenger: str) -> phonenumbers.PhoneNumber | None:
    """A national number shown on a WhatsApp link whose target is the same number in full."""
    digits = "".join(ch for ch in written if ch.isdigit()).lstrip("0")
    if len(digits) < 6 or not messenger.endswith(digits):
        return None
    return parse_number("+" + messenger, None)


def _term_before(text: NavigableString) -> str:
    """A short element right before the number's element: a label drawn as its own box
    (`<div class="label">WhatsApp</div><div>(41) 99274-4920</div>`)."""
    node = text.parent
    for _ in range(3):
        if node is None or node.name in ("body", "html"):
            return ""
        previous = node.find_previous_sibling()
        if isinstance(previous, Tag):
            words = clean_text(previous.get_text(" "))
            return words if 0 < len(words) <= 40 else ""
        node = node.parent
    return ""


def _text_before(block: str, value: str, offset: int) -> str:
    """The block's text up to a match: labels may sit in an earlier element of the block."""
    own = value[:offset]
    start = block.find(value.strip()[:40]) if value.strip() else -1
    if start < 0:
        return own
    return block[:start] + " " + own.lstrip()
