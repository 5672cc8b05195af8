"""The country a site is in, from everything its pages say: for reading national phone numbers.

A page with no country hint of its own (a .com host, `lang="en"`, no address) still
shows numbers in national format, and the site's other pages often say where the
company is: numbers written with +, a stated address, prices, hreflang, the TLD, the
language. Each page records its hints as "REGION how" (`"VN lang:vi"`, `"US tel:+1"`);
the site's region is the one its hints favour, and a national number is resolved
only when that region is clear and the number is valid there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

import phonenumbers
from bs4 import BeautifulSoup

from auditor.artifacts import Channels, ContactLinkProblem, Messenger, Phone
from auditor.gather.extract.dom import clean_text, visible_strings
from auditor.gather.extract.messengers import whatsapp_problem
from auditor.gather.extract.phone_context import is_placeholder
from auditor.gather.extract.phones import lang_region, parse_number, tld_region

if TYPE_CHECKING:
    from auditor.gather.extract.findings import PageFindings

# How much one distinct hint weighs. A stated address and a country TLD name the
# country; a +number may be a branch abroad; a language or a price is spoken or used
# in several places.
_WEIGHTS = {"tld": 4, "address": 4, "tel": 3, "postcode": 2, "lang": 2, "script": 2, "currency": 1, "hreflang": 1}

# Currency signs used by one country only ($, €, ¥ and kr are shared).
_CURRENCY_SIGNS = {
    "₫": "VN",
    "₹": "IN",
    "₽": "RU",
    "₴": "UA",
    "₩": "KR",
    "฿": "TH",
    "₺": "TR",
    "₱": "PH",
    "₦": "NG",
    "R$": "BR",
    "zł": "PL",
    "Kč": "CZ",
    "円": "JP",
    "£": "GB",
    "US$": "US",
    "A$": "AU",
    "AU$": "AU",
    "C$": "CA",
    "CA$": "CA",
    "NZ$": "NZ",
}
_CURRENCY = re.compile(
    r"(?:(?<![A-Za-z])(" + "|".join(re.escape(s) for s in sorted(_CURRENCY_SIGNS, key=len, reverse=True)) + r"))"
    r"|\b([A-Z]{3})\s?\d|\d\s?([A-Z]{3})\b"
)
# ISO 4217 codes are the country's ISO 3166 code and a letter; these are the codes in
# use that follow the rule and are not shared by several countries.
_CURRENCY_CODES = {
    "USD", "CAD", "AUD", "NZD", "GBP", "INR", "VND", "JPY", "CNY", "RMB", "BRL", "RUB", "UAH", "KRW", "THB",
    "TRY", "PHP", "NGN", "PLN", "CZK", "MXN", "CLP", "ARS", "COP", "PEN", "IDR", "MYR", "SGD", "HKD", "TWD",
    "ZAR", "CHF", "SEK", "NOK", "DKK", "HUF", "RON", "KZT", "UZS", "ILS", "EGP", "PKR", "BDT", "LKR", "NPR",
}  # fmt: skip
# Postcode shapes that belong to one country.
_POSTCODES = [
    (re.compile(r"〒\s?\d{3}-?\d{4}"), "JP"),
    (re.compile(r"\b\d{5}-\d{3}\b"), "BR"),
    (re.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[A-Z] ?\d[A-Z]\d\b"), "CA"),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}\b"), "GB"),
    (re.compile(r",\s*(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|"
                r"T[NX]|UT|V[AT]|W[AIVY])\s+\d{5}(?:-\d{4})?\b"), "US"),
]  # fmt: skip
# Words that introduce a postal address, so a country name after them is the company's.
_ADDRESS_LABEL = re.compile(
    r"\b(?:address|adresse|anschrift|dirección|direccion|endereço|endereco|indirizzo|adres|adresa|adresă|"
    r"alamat|địa chỉ|dia chi|адрес|адреса|address line|location|located)\b|地址|住所|所在地|주소|ที่อยู่",
    re.I,
)


@cache
def _country_names() -> dict[str, str]:
    """Country names in every language libphonenumber knows, to the region they name."""
    # Imported here: the table is large, and commands that never read a page should not pay for it.
    from phonenumbers.geodata.locale import LOCALE_DATA

    names: dict[str, set[str]] = {}
    for region, by_language in LOCALE_DATA.items():
        if region not in phonenumbers.SUPPORTED_REGIONS:
            continue
        for name in by_language.values():
            if name.startswith("*"):
                continue
            key = name.casefold()
            if len(key) >= 4 or (len(key) >= 2 and not key.isascii()):
                names.setdefault(key, set()).add(region)
    return {name: regions.pop() for name, regions in names.items() if len(regions) == 1}


@cache
def _country_name_pattern() -> re.Pattern[str]:
    names = sorted(_country_names(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.I)


def country_of(value: str) -> str | None:
    """The region a stated country names: "VN", "USA", "Việt Nam", "日本"."""
    value = clean_text(value).strip(" .,")
    if len(value) == 2 and value.upper() in phonenumbers.SUPPORTED_REGIONS:
        return value.upper()
    if value.upper() in ("USA", "U.S.A", "U.S", "UK"):
        return "US" if value.upper().startswith("U.S") or value.upper() == "USA" else "GB"
    return _country_names().get(value.casefold())


def _named_countries(text: str) -> set[str]:
    names = _country_names()
    return {names[m.group(1).casefold()] for m in _country_name_pattern().finditer(text)}


def _script_region(text: str) -> str | None:
    """Writing used in one country: kana (Japan), hangul (Korea), Thai."""
    counts = Counter(
        "JP" if "\u3040" <= ch <= "\u30ff" else "KR" if "\uac00" <= ch <= "\ud7a3" else "TH"
        for ch in text
        if "\u3040" <= ch <= "\u30ff" or "\uac00" <= ch <= "\ud7a3" or "\u0e00" <= ch <= "\u0e7f"
    )
    region, count = counts.most_common(1)[0] if counts else (None, 0)
    return region if count >= 20 else None


def page_hints(
    soup: BeautifulSoup,
    *,
    domain: str,
    lang: str,
    stated_countries: Iterable[str],
    numbers: Iterable[str],
) -> list[str]:
    """Everything one page says about the company's country, as "REGION how" strings.

    `stated_countries` are the countries of the page's structured addresses;
    `numbers` the numbers it writes with a country code (+84 ..., 0049 ...).
    """
    hints: list[str] = []
    region, how = tld_region(domain)
    if region:
        hints.append(f"{region} {how}")
    region, how = lang_region(lang)
    if region:
        hints.append(f"{region} {how}")
    for link in soup.find_all("link", hreflang=True):
        region, _ = lang_region(str(link["hreflang"]))
        if region and "-" in str(link["hreflang"]):
            hints.append(f"{region} hreflang:{link['hreflang']}")
    for country in stated_countries:
        region = country_of(country)
        if region:
            hints.append(f"{region} address:{country}")
    for raw in numbers:
        number = parse_number(raw, None)
        if number is not None and not is_placeholder(number):
            region = phonenumbers.region_code_for_number(number)
            if region and region != "001":
                hints.append(f"{region} tel:+{number.country_code}")
    strings = [str(s) for s in visible_strings(soup)]
    text = clean_text(" ".join(strings))
    region = _script_region(text)
    if region:
        hints.append(f"{region} script")
    for match in _CURRENCY.finditer(text):
        sign, code = match.group(1), match.group(2) or match.group(3)
        if sign:
            hints.append(f"{_CURRENCY_SIGNS[sign]} currency:{sign}")
        elif code in _CURRENCY_CODES:
            hints.append(f"{'CN' if code == 'RMB' else code[:2]} currency:{code}")
    for place in _address_texts(soup, strings):
        for shape, region in _POSTCODES:
            if shape.search(place):
                hints.append(f"{region} postcode")
        hints.extend(f"{region} address:{region}" for region in _named_countries(place))
    return list(dict.fromkeys(hints))


def _address_texts(soup: BeautifulSoup, strings: list[str]) -> list[str]:
    """Text that states a postal address: <address> blocks and what follows an address label."""
    places = [clean_text(block.get_text(" ")) for block in soup.find_all("address")]
    for index, value in enumerate(strings):
        label = _ADDRESS_LABEL.search(value)
        if label:
            # The label may stand in its own element ("<b>Address:</b> 12 Main St").
            places.append(clean_text(" ".join([value[label.end() :], *strings[index + 1 : index + 3]]))[:200])
    return places


def site_region(hints: Iterable[str]) -> tuple[str | None, str]:
    """The region the site's distinct hints favour, and its strongest hint; None when they disagree.

    Regions that share a country calling code (US and CA) write the same E.164
    numbers, so they count together against the others.
    """
    by_region: Counter[str] = Counter()
    strongest: dict[str, tuple[int, str]] = {}
    for hint in dict.fromkeys(hints):
        region, _, how = hint.partition(" ")
        weight = _WEIGHTS.get(how.split(":", 1)[0], 1)
        by_region[region] += weight
        if weight > strongest.get(region, (0, ""))[0]:
            strongest[region] = (weight, how)
    by_code: Counter[int] = Counter()
    for region, score in by_region.items():
        by_code[phonenumbers.country_code_for_region(region)] += score
    ranked = by_code.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None, ""
    code = ranked[0][0]
    region = max((r for r in by_region if phonenumbers.country_code_for_region(r) == code), key=by_region.__getitem__)
    return region, strongest[region][1]


def resolve_national_numbers(findings: list[PageFindings], channels: Channels) -> None:
    """Read the numbers that pages left in national format in the site's region.

    A number is resolved only when the site's hints agree on a region and the number
    is valid there; a text number that is not valid there is dropped, as on a page
    that states its country; a tel: link stays, without E.164. The site's hints,
    strongest region first, are recorded on `channels.country_hints`.
    """
    hints = [hint for finding in findings for hint in finding.channels.country_hints]
    region, how = site_region(hints)
    channels.country_hints = sorted(dict.fromkeys(hints), key=lambda h: (not h.startswith(f"{region} "), h))
    for finding in findings:
        kept: list[Phone] = []
        for phone in finding.channels.phones:
            if phone.e164 is None and phone.region is None and region is not None:
                number = parse_number(phone.raw, region)
                if number is not None and not is_placeholder(number):
                    phone.e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                    phone.region = phonenumbers.region_code_for_number(number) or region
                    phone.region_source = f"site:{how}"
                elif set(phone.sources) <= {"text"}:
                    continue
            kept.append(phone)
        finding.channels.phones = kept
        if region is not None:
            _resolve_link_problems(finding.channels, region)


# Problems whose number is the company's, written so that only the site's country tells which.
_RESOLVABLE = {
    "mailto-phone",
    "web-phone",
    "tel-letters",
    "whatsapp-no-country-code",
    "whatsapp-no-number",
    "whatsapp-number-mismatch",
}


def _resolve_link_problems(channels: Channels, region: str) -> None:
    """One page's malformed links read in the site's region: the number each one means, and
    WhatsApp links whose number only the site's country shows to lack its country code.

    A WhatsApp link without its country code is a messenger once the region names the
    chat it means, in international form, so it counts once with the links that work.
    """
    kept = []
    for messenger in channels.messengers:
        found = whatsapp_problem(messenger.target, region) if messenger.network == "whatsapp" else None
        if found is None or messenger.link_problems:
            kept.append(messenger)
            continue
        channels.link_problems.append(
            ContactLinkProblem(
                problem=found,
                href=messenger.url,
                number=messenger.target,
                pages=list(messenger.pages),
                locations=list(messenger.locations),
            )
        )
    channels.messengers = kept
    for problem in channels.link_problems:
        if problem.e164 is None and problem.problem in _RESOLVABLE:
            number = parse_number(problem.number, region)
            if number is not None and not is_placeholder(number):
                problem.e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if problem.problem == "whatsapp-no-country-code" and problem.e164:
            target = problem.e164[1:]
            url = f"https://wa.me/{target}"
            if not any(m.url == url and problem.problem in m.link_problems for m in channels.messengers):
                channels.messengers.append(
                    Messenger(
                        network="whatsapp",
                        url=url,
                        target=target,
                        pages=list(problem.pages),
                        locations=list(problem.locations),
                        link_problems=[problem.problem],
                    )
                )
