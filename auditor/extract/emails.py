"""Email addresses on a page: mailto links and visible text, with their labels."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

from bs4 import BeautifulSoup, Tag

from auditor.domains import has_public_suffix
from auditor.extract.dom import block_text, clean_text, location_of, visible_strings
from auditor.models import Location

EMAIL_RE = re.compile(
    r"(?<![\w.+%-])([a-z0-9](?:[a-z0-9._%+-]{0,62}[a-z0-9_-])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?![\w-]|\.[a-z0-9])",
    re.IGNORECASE,
)
_FILE_SUFFIX = re.compile(r"\.(?:png|jpe?g|gif|webp|svg|avif|bmp|ico|css|js|mjs|json|woff2?|ttf|mp4|webm)$", re.I)
_PLACEHOLDER_LOCALS = {
    "you",
    "your",
    "yourname",
    "name",
    "email",
    "user",
    "username",
    "someone",
    "john.doe",
    "jane.doe",
    "firstname.lastname",
    "example",
    "test",
}
_PLACEHOLDER_DOMAINS = {
    "example.com",
    "example.org",
    "example.net",
    "domain.com",
    "email.com",
    "yourdomain.com",
    "yourcompany.com",
    "company.com",
    "mail.com.example",
    "sentry.io",
    "wixpress.com",
    "sentry-next.wixpress.com",
}
# A label that only repeats "this is an email" says nothing about what the address is for.
_GENERIC_LABELS = re.compile(
    r"^(?:e-?mail(?: us| address)?|mail|email us at|write to us|contact(?: us)?|"
    r"почта|эл\.? ?почта|e-mail адрес|ईमेल|ई-मेल|ఇమెయిల్|correo(?: electrónico)?|courriel)$",
    re.I,
)


@dataclass
class FoundEmail:
    address: str
    source: str
    location: Location
    label: str | None


def normalise_address(raw: str) -> str | None:
    """A lower-case address if `raw` is a real, deliverable-looking one, else None."""
    address = raw.strip().strip(".,;:").lower()
    match = EMAIL_RE.fullmatch(address)
    if not match:
        return None
    local, _, host = address.rpartition("@")
    if _FILE_SUFFIX.search(address) or not has_public_suffix(host):
        return None
    if host in _PLACEHOLDER_DOMAINS or (
        local in _PLACEHOLDER_LOCALS and host.split(".")[0] in {"domain", "example", "email", "company", "yourdomain"}
    ):
        return None
    return address


def label_near(element: Tag | object, address: str) -> str | None:
    """What the page says the address is for ("Support:", "Press", "Жалобы")."""
    if isinstance(element, Tag) and element.name == "a":
        text = clean_text(element.get_text(" "))
        if text and "@" not in text and not _GENERIC_LABELS.match(text.strip(" :")):
            return text[:60]
        for attribute in ("title", "aria-label"):
            value = clean_text(str(element.get(attribute) or ""))
            if value and "@" not in value and not _GENERIC_LABELS.match(value.strip(" :")):
                return value[:60]
    text = block_text(element)  # type: ignore[arg-type]
    before = text.lower().split(address, 1)[0]
    before = EMAIL_RE.sub(" ", before)
    before = re.sub(r"[+\d][\d\s().-]{6,}\d", " ", before)
    # Only the words right before the address: the end of the previous sentence or line.
    before = re.split(r"[.!?\n|•·]\s", before)[-1]
    label = clean_text(before).strip(" :–—-|•·,")
    if not label or len(label) > 40 or _GENERIC_LABELS.match(label):
        return None
    original = text[text.lower().find(label) : text.lower().find(label) + len(label)]
    return original or label


def unglue(raw: str) -> str:
    """Drop a sentence glued onto an address: `support@x.co.uk.It was` -> `support@x.co.uk`.

    A capitalised last label after an all-lower-case host is the next word, not a TLD.
    """
    host_labels = raw.rpartition("@")[2].split(".")
    if (
        len(host_labels) > 2
        and host_labels[-1][:1].isupper()
        and all(label == label.lower() for label in host_labels[:-1])
    ):
        return raw[: raw.rindex(".")]
    return raw


def find_emails(soup: BeautifulSoup) -> list[FoundEmail]:
    found: list[FoundEmail] = []
    for anchor in soup.find_all("a", href=True):
        href = html.unescape(str(anchor["href"])).strip()
        if not href.lower().startswith("mailto:"):
            continue
        recipients = unquote(href[7:].split("?", 1)[0])
        for raw in re.split(r"[,;]", recipients):
            address = normalise_address(raw)
            if address:
                found.append(FoundEmail(address, "mailto", location_of(anchor), label_near(anchor, address)))
    for text in visible_strings(soup):
        for match in EMAIL_RE.finditer(str(text)):
            address = normalise_address(unglue(match.group(1)))
            if address:
                found.append(FoundEmail(address, "text", location_of(text), label_near(text, address)))
    return found
