"""Where and when a customer can reach the company: postal addresses and opening hours."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from auditor.artifacts import Location
from auditor.gather.extract.dom import clean_text, in_hidden_container, location_of, visible_strings
from auditor.gather.extract.emails import EMAIL_RE

# Words that introduce opening hours, in the languages audited sites use.
HOURS_LABEL = re.compile(
    r"opening hours|business hours|office hours|hours of operation|support hours|we are open|open daily|"
    r"öffnungszeiten|geschäftszeiten|sprechzeiten|servicezeiten|horario|horarios|horas de atención|"
    r"heures d'ouverture|horaires|orari|openingstijden|часы работы|режим работы|график работы|"
    r"कार्य समय|खुलने का समय|పని వేళలు|సమయాలు|営業時間|受付時間|营业时间|영업시간",
    re.I,
)
_TIME_RANGE = re.compile(
    r"\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|h|時)?\s*(?:[-–—~〜]|to|bis|a|до|से)\s*\d{1,2}(?:[:.]\d{2})?", re.I
)
# A postcode and a word: what separates an address block from a block of emails and phones.
_POSTCODE = re.compile(
    r"\b(?:\d{5}(?:-\d{4})?|\d{6}|\d{3}-\d{4}|\d{4}\s?[A-Z]{2}|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2})\b|〒\s?\d{3}-\d{4}"
)
_PHONE_OR_MAIL = re.compile(r"(?:\+|\(0|\b0)\d[\d\s().-]{6,}\d|\S+@\S+")


@dataclass
class FoundPlace:
    text: str
    source: str
    location: Location


def find_addresses(soup: BeautifulSoup) -> list[FoundPlace]:
    """<address> blocks that hold a postal address (a postcode), not only an email or phone."""
    found: list[FoundPlace] = []
    for block in soup.find_all("address"):
        if not isinstance(block, Tag) or in_hidden_container(block):
            continue
        lines = [clean_text(s) for s in block.get_text("\n").splitlines()]
        lines = [ln for ln in lines if ln and not EMAIL_RE.search(ln) and not _PHONE_OR_MAIL.fullmatch(ln)]
        lines = [ln for ln in lines if not re.match(r"^(?:tel|phone|fax|e-?mail)\b", ln, re.I)]
        text = ", ".join(lines)
        if _POSTCODE.search(text) and 10 <= len(text) <= 300:
            found.append(FoundPlace(text, "address-tag", location_of(block)))
    return found


def find_opening_hours(soup: BeautifulSoup) -> list[FoundPlace]:
    """Text that states opening hours: a label such as "Öffnungszeiten" and a time range."""
    found: list[FoundPlace] = []
    seen: set[int] = set()
    for text in visible_strings(soup):
        if not HOURS_LABEL.search(str(text)):
            continue
        block = text.find_parent(["p", "li", "dd", "td", "div", "section", "address", "dl", "table", "ul"])
        if block is None or id(block) in seen:
            continue
        seen.add(id(block))
        content = clean_text(block.get_text(" "))
        if _TIME_RANGE.search(content) and len(content) <= 300:
            found.append(FoundPlace(content, "text", location_of(block)))
    return found
