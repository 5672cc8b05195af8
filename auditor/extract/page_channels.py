"""All the contact channels one page shows, from its markup and its structured data."""

from __future__ import annotations

import phonenumbers
from bs4 import BeautifulSoup

from auditor.extract.dom import in_hidden_container, location_of
from auditor.extract.emails import find_emails, normalise_address
from auditor.extract.forms import find_forms
from auditor.extract.phone_context import is_placeholder
from auditor.extract.phones import find_phones, infer_region, number_region, parse_number
from auditor.extract.places import find_addresses, find_opening_hours
from auditor.extract.social import classify_link
from auditor.extract.structured import StructuredContacts, find_structured
from auditor.models import Channels, Email, Location, Messenger, OpeningHours, Phone, PostalAddress, SocialProfile


def _add_link(channels: Channels, href: str, url: str, location: Location | None) -> None:
    found = classify_link(href)
    if found is None:
        return
    where: list[Location] = [location] if location else []
    if found.kind == "social":
        channels.social.append(
            SocialProfile(network=found.network, url=found.url, handle=found.handle, pages=[url], locations=where)
        )
    else:
        channels.messengers.append(
            Messenger(network=found.network, url=found.url, target=found.handle, pages=[url], locations=where)
        )


def _add_structured(channels: Channels, data: StructuredContacts, url: str, region: str | None, how: str) -> None:
    """Structured data sits in <head> or hidden markup: no page region, the source says where."""
    for raw, source, label in data.emails:
        address = normalise_address(raw)
        if address:
            channels.emails.append(Email(address=address, pages=[url], sources=[source], label=label))
    for raw, source, label in data.phones:
        number = parse_number(raw, region)
        if number is None or is_placeholder(number):
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        where, why = number_region(raw, e164, region, how)
        channels.phones.append(
            Phone(raw=raw, e164=e164, pages=[url], sources=[source], label=label, region=where, region_source=why)
        )
    for link, _source in data.links:
        _add_link(channels, link, url, None)
    for stated in data.addresses:
        parts = stated.parts
        channels.addresses.append(
            PostalAddress(
                text=stated.text,
                street=parts.get("street", ""),
                locality=parts.get("locality", ""),
                region=parts.get("region", ""),
                postal_code=parts.get("postal_code", ""),
                country=parts.get("country", ""),
                pages=[url],
                sources=[stated.source],
            )
        )
    for text, source in data.opening_hours:
        channels.opening_hours.append(OpeningHours(text=text, pages=[url], sources=[source]))


def page_channels(
    soup: BeautifulSoup, html: str, url: str, *, domain: str, lang: str, contact_page: bool
) -> tuple[Channels, list[str]]:
    """The page's contacts with provenance, and warnings about what could not be read."""
    structured = find_structured(html, url)
    region, how = infer_region(domain, lang, structured.country)
    channels = Channels()
    for email in find_emails(soup, html):
        channels.emails.append(
            Email(
                address=email.address,
                pages=[url],
                sources=[email.source],
                locations=[email.location],
                label=email.label,
            )
        )
    for phone in find_phones(soup, region, contact_page, how):
        channels.phones.append(
            Phone(
                raw=phone.raw,
                e164=phone.e164,
                pages=[url],
                sources=[phone.source],
                locations=[phone.location],
                label=phone.label,
                region=phone.region,
                region_source=phone.region_source,
            )
        )
    for anchor in soup.find_all("a", href=True):
        if not in_hidden_container(anchor):
            _add_link(channels, str(anchor["href"]), url, location_of(anchor))
    _add_structured(channels, structured, url, region, how)
    for place in find_addresses(soup):
        channels.addresses.append(
            PostalAddress(text=place.text, pages=[url], sources=[place.source], locations=[place.location])
        )
    for hours in find_opening_hours(soup):
        channels.opening_hours.append(OpeningHours(text=hours.text, pages=[url], sources=[hours.source]))
    channels.forms = find_forms(soup, url)
    return channels, structured.warnings
