"""All the contact channels one page shows, from its markup and its structured data."""

from __future__ import annotations

import phonenumbers
from bs4 import BeautifulSoup

from auditor.artifacts import (
    Channels,
    ContactLinkProblem,
    Email,
    Location,
    Messenger,
    OpeningHours,
    Phone,
    PostalAddress,
    SocialProfile,
)
from auditor.gather.extract.dom import in_hidden_container, in_others_section, location_of, visible_strings
from auditor.gather.extract.emails import find_emails, normalise_address
from auditor.gather.extract.forms import find_forms
from auditor.gather.extract.messengers import whatsapp_chat_number, whatsapp_e164, whatsapp_problem
from auditor.gather.extract.phone_context import is_placeholder
from auditor.gather.extract.phone_links import FoundLinkProblem
from auditor.gather.extract.phones import find_phones, infer_region, number_region, parse_number
from auditor.gather.extract.places import find_addresses, find_opening_hours
from auditor.gather.extract.site_region import page_hints
from auditor.gather.extract.social import classify_link, links_in_text
from auditor.gather.extract.structured import StructuredContacts, find_structured


def _add_link(
    channels: Channels,
    href: str,
    url: str,
    location: Location | None,
    warnings: list[str] | None = None,
    region: str | None = None,
) -> None:
    found = classify_link(href, url)
    where: list[Location] = [location] if location else []
    if found is None and (whatsapp_chat_number(href) or "").strip("+0 "):
        # wa.me/91XXXXXXXXXX: a template's link, no chat; a finding, not a messenger.
        _add_problem(channels, "whatsapp-placeholder", href, url, where, str(whatsapp_chat_number(href)), None)
    # Review sites' listings are not profiles the company runs: Channels has no place for them yet.
    if found is None or found.kind == "review":
        return
    problem = None
    if found.network == "whatsapp" and found.kind == "messenger":
        # messengers.py flags, whatever the region, a number that can never be international (0...).
        problem = "whatsapp-no-country-code" if found.problem else whatsapp_problem(found.handle, region)
    elif found.problem:
        if warnings is not None and found.problem not in warnings:
            warnings.append(found.problem)
        return
    if problem is not None:
        e164 = whatsapp_e164(found.handle, region) if problem == "whatsapp-no-country-code" else None
        _add_problem(channels, problem, href, url, where, found.handle, e164)
        # A messenger only once the site's country names the chat the link means (see
        # site_region.py); it then counts once with the links that work, the problem beside it.
        if e164 is None:
            return
        found.url, found.handle = f"https://wa.me/{e164[1:]}", e164[1:]
    if found.kind == "social":
        channels.social.append(
            SocialProfile(network=found.network, url=found.url, handle=found.handle, pages=[url], locations=where)
        )
    else:
        channels.messengers.append(
            Messenger(
                network=found.network,
                url=found.url,
                target=found.handle,
                pages=[url],
                locations=where,
                link_problems=[problem] if problem else [],
            )
        )


def _add_problem(
    channels: Channels, problem: str, href: str, url: str, where: list[Location], number: str, e164: str | None
) -> None:
    channels.link_problems.append(
        ContactLinkProblem(problem=problem, href=href, number=number, e164=e164, pages=[url], locations=where)
    )


def _add_phone_problems(channels: Channels, found: list[FoundLinkProblem], url: str) -> None:
    """The problems find_phones saw, beside those of messenger links: one per link and problem,
    and the mismatch noted on the messenger whose link opens another number than it shows."""
    for item in found:
        channels.link_problems.append(
            ContactLinkProblem(
                problem=item.problem,
                href=item.href,
                text=item.text,
                number=item.number,
                e164=item.e164,
                pages=[url],
                locations=[item.location],
            )
        )
    named = {p.href for p in channels.link_problems if p.problem == "whatsapp-no-number"}
    mismatched = {p.href for p in channels.link_problems if p.problem == "whatsapp-number-mismatch"}
    # A template's wa.me link whose text shows the number: the fix is to write that number in.
    channels.link_problems = [
        p for p in channels.link_problems if not (p.problem == "whatsapp-placeholder" and p.href in named)
    ]
    opened = {link.url for link in (classify_link(href, url) for href in mismatched) if link is not None}
    for messenger in channels.messengers:
        if messenger.url in opened and "whatsapp-number-mismatch" not in messenger.link_problems:
            messenger.link_problems.append("whatsapp-number-mismatch")


def _add_structured(channels: Channels, data: StructuredContacts, url: str, region: str | None, how: str) -> None:
    """Structured data sits in <head> or hidden markup: no page region, the source says where."""
    for raw, source, label in data.emails:
        address = normalise_address(raw)
        if address:
            channels.emails.append(Email(address=address, pages=[url], sources=[source], label=label))
    for raw, source, label in data.phones:
        number = parse_number(raw, region)
        # A national number on a page with no country hint waits for the site's region.
        pending = number is None and region is None and not raw.lstrip().startswith("+")
        pending = pending and 7 <= sum(ch.isdigit() for ch in raw) <= 15
        if (number is None and not pending) or (number is not None and is_placeholder(number)):
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if number else None
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
    problems: list[FoundLinkProblem] = []
    for email in find_emails(soup, html, domain):
        channels.emails.append(
            Email(
                address=email.address,
                pages=[url],
                sources=[email.source],
                locations=[email.location],
                label=email.label,
            )
        )
    for phone in find_phones(soup, region, contact_page, how, problems):
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
                link_problems=[phone.link_problem] if phone.link_problem else [],
            )
        )
    channels.country_hints = page_hints(
        soup,
        domain=domain,
        lang=lang,
        stated_countries=[a.parts["country"] for a in structured.addresses if a.parts.get("country")],
        numbers=[p.e164 for p in channels.phones if p.e164 and p.region_source == "explicit"]
        + [raw for raw, _, _ in structured.phones if raw.lstrip().startswith("+")],
    )
    for anchor in soup.find_all("a", href=True):
        if not in_hidden_container(anchor) and not in_others_section(anchor):
            _add_link(channels, str(anchor["href"]), url, location_of(anchor), structured.warnings, region)
    # Embedded profile plugins: <iframe src=".../plugins/page.php?href=...">, <div class="fb-page" data-href>.
    for embed in soup.select("iframe[src], [data-href]"):
        if not in_hidden_container(embed):
            embedded = str(embed.get("src") or embed.get("data-href"))
            _add_link(channels, embedded, url, location_of(embed), structured.warnings, region)
    for text in visible_strings(soup):
        for found in links_in_text(str(text)):
            _add_link(channels, found.url, url, location_of(text), structured.warnings, region)
    _add_phone_problems(channels, problems, url)
    _add_structured(channels, structured, url, region, how)
    for place in find_addresses(soup):
        channels.addresses.append(
            PostalAddress(text=place.text, pages=[url], sources=[place.source], locations=[place.location])
        )
    for hours in find_opening_hours(soup):
        channels.opening_hours.append(OpeningHours(text=hours.text, pages=[url], sources=[hours.source]))
    channels.forms = find_forms(soup, url)
    return channels, structured.warnings
