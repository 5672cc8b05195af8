"""Other extractors, run on the same corpus as ours so the comparison is honest.

Emails: the PyPI packages `extract-emails` and `email-scraper` (install the `bench`
extra). Phones, social profiles and messengers: the approach those tools and most
scrapers take, written out here and named for what it is (no maintained package does
phones and profiles from HTML): libphonenumber over all page text, and a host match
on every link.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import phonenumbers
from bs4 import BeautifulSoup

from auditor.gather.extract.social import MESSENGER_HOSTS, SOCIAL_HOSTS

Baseline = Callable[[str], dict[str, set[str]]]
NAIVE_PHONES = "libphonenumber on all text (baseline written here)"
NAIVE_LINKS = "link host match (baseline written here)"


def _extract_emails_pkg() -> Baseline | None:
    try:
        from extract_emails.data_extractors.advanced_email_extractor import AdvancedEmailExtractor
    except ImportError:
        return None
    extractor = AdvancedEmailExtractor()
    return lambda html: {"emails": {str(e).lower() for e in extractor.get_data(html)}}


def _email_scraper_pkg() -> Baseline | None:
    try:
        from email_scraper import scrape_emails
    except ImportError:
        return None
    return lambda html: {"emails": {str(e).lower() for e in scrape_emails(html)}}


_LINK = re.compile(r"""href\s*=\s*["']?([^"'\s>]+)""", re.I)
_HOST = re.compile(r"^(?:https?:)?//(?:www\.|m\.)?([^/?#]+)/*([^/?#\s]*)", re.I)


def naive_links(html: str) -> dict[str, set[str]]:
    """Every link to a known network's host, keyed network:first-path-segment."""
    found: dict[str, set[str]] = {"social": set(), "messengers": set()}
    for href in _LINK.findall(html):
        match = _HOST.match(href)
        if not match or not match.group(2):
            continue
        host, segment = match.group(1).lower(), match.group(2).lower().lstrip("@")
        if host in SOCIAL_HOSTS:
            found["social"].add(f"{SOCIAL_HOSTS[host]}:{segment}")
        elif host in MESSENGER_HOSTS:
            found["messengers"].add(f"{MESSENGER_HOSTS[host]}:{segment}")
    return found


def naive_phones(html: str, region: str | None) -> dict[str, set[str]]:
    """libphonenumber's matcher (leniency VALID) over all the page's text."""
    text = BeautifulSoup(html, "lxml").get_text(" ")
    found = set()
    for match in phonenumbers.PhoneNumberMatcher(text, region or "US", leniency=phonenumbers.Leniency.VALID):
        found.add(phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164))
    return {"phones": found}


def available() -> dict[str, Baseline]:
    """The email baselines that are installed here, by the name shown in the table."""
    named = {"extract-emails 6.2.0": _extract_emails_pkg(), "email-scraper 0.6": _email_scraper_pkg()}
    return {name: baseline for name, baseline in named.items() if baseline is not None}
