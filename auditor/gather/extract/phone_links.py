"""Links meant to call a number, read as a phone follows them, and what keeps them from working.

A `tel:` link dials. A `mailto:` link whose target is a phone number opens an email to
nobody; `http://+569 ...` or `href="+91 ..."` opens a page that does not exist; letters in
a `tel:` link dial only on phones whose dialer maps them to keys; a template's number dials
a stranger or nobody. The number such a link means is still the company's (a template's
excepted), so it is read, and what is wrong is recorded beside it as a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

import phonenumbers

from auditor.artifacts import Location
from auditor.gather.extract.phone_context import placeholder_digits

_LINK_SCHEMES = {"tel": "tel", "callto": "tel", "sms": "sms"}
# A phone number where an email address or a web address should be.
_NUMBER_TARGET = re.compile(r"\+?[\d\s().\-]{6,}\d/?")
# A template's mask for "the number goes here": +91XXXXXXXXXX, 1-XXX-XXX-XXXX, ***.
_MASK = re.compile(r"[Xx*•]{2,}")
# What may follow the number without being part of it: an extension or a dialling pause.
_EXTENSION = re.compile(r"(?:\s*(?:ext\.?|x)\s*\d{1,6}|\s*[,;pw]+\d*)$", re.I)
# One or two letters touching a digit ("9OO", "O1") are typos for digits, not a vanity
# word ("1-800-FLOWERS"): a keypad dials O as 6 where the site meant 0, and either
# reading may be a stranger's number, so such a link gives no number at all.
_LETTER_FOR_DIGIT = re.compile(r"(?:(?<=\d)[A-Za-z]{1,2}(?![A-Za-z])|(?<![A-Za-z])[A-Za-z]{1,2}(?=\d))")

# Links whose number is not the company's: a finding, never a contact.
NOT_A_CONTACT = frozenset({"tel-placeholder", "tel-letter-for-digit"})


@dataclass
class PhoneLink:
    """The number a link dials, as the link writes it, and what is wrong with the link."""

    raw: str
    source: str
    problem: str | None = None


@dataclass
class FoundLinkProblem:
    """A contact link that does not work as written (codes in `ContactLinkProblem`)."""

    problem: str
    href: str
    text: str
    number: str
    e164: str | None
    location: Location


def read_phone_link(href: str, region: str | None = None) -> PhoneLink | None:
    """The number a link means to dial: tel:/callto:/sms:, and the malformed links that
    still carry one (`mailto:+4930...`, `http://+569 ...`, `href="+91 ..."`)."""
    scheme, _, rest = href.partition(":")
    scheme = scheme.lower()
    if scheme == "mailto":
        body = unquote(rest.split("?", 1)[0]).strip()
        digits = sum(ch.isdigit() for ch in body)
        if "@" in body or not _NUMBER_TARGET.fullmatch(body) or not 7 <= digits <= 15:
            return None
        return _judged(body, "tel", "mailto-phone", region)
    if scheme in ("http", "https") or (not rest and href.startswith("+")):
        body = unquote(rest if rest else href).lstrip("/").strip()
        if not body.startswith("+") or not _NUMBER_TARGET.fullmatch(body):
            return None
        # A bare `href="+91..."` is any relative link's shape: only a valid number is read from it.
        if not rest and not _valid(body):
            return None
        return _judged(body.rstrip("/"), "tel", "web-phone", region)
    source = _LINK_SCHEMES.get(scheme)
    if source is None or not rest:
        return None
    raw = unquote(rest.split("?", 1)[0]).split(";", 1)[0].strip()
    return _judged(raw, source, None, region)


def _judged(raw: str, source: str, problem: str | None, region: str | None) -> PhoneLink:
    """The link with its problem: a template's number or letters outrank a wrong scheme."""
    if _MASK.search(raw):
        return PhoneLink(raw, source, "tel-placeholder")
    main = _EXTENSION.sub("", raw) if sum(ch.isdigit() for ch in _EXTENSION.sub("", raw)) >= 7 else raw
    if any(ch.isalpha() for ch in main):
        return PhoneLink(raw, source, "tel-letter-for-digit" if _LETTER_FOR_DIGIT.search(main) else "tel-letters")
    if _placeholder(main, region):
        return PhoneLink(raw, source, "tel-placeholder")
    return PhoneLink(raw, source, problem)


def _valid(raw: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(raw, None))
    except phonenumbers.NumberParseException:
        return False


def _placeholder(raw: str, region: str | None) -> bool:
    """A template's number (`tel:1234567890`, `tel:+91 98765 43210`, `tel:0000000000`), valid or not:
    its digits after the country code, or all of them (a national number keeps its leading zeros)."""
    written = "".join(ch for ch in raw if ch.isdigit())
    try:
        national = str(phonenumbers.parse(raw, region).national_number)
    except phonenumbers.NumberParseException:
        national = written
    return any(len(digits) >= 7 and placeholder_digits(digits) for digits in (national, written))
