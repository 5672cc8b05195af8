"""Combine what each page showed into one channel map for the site."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from auditor.artifacts import Channels, ContactPage, Email, Page, Phone
from auditor.domains import host_of, registrable_domain
from auditor.gather.extract.chat.placement import merge_widgets
from auditor.gather.extract.findings import PageFindings
from auditor.gather.extract.foreign_social import split_foreign
from auditor.gather.extract.site_region import resolve_national_numbers

T = TypeVar("T", bound=object)


def _union(old: list[str], new: Iterable[str]) -> list[str]:
    return list(dict.fromkeys([*old, *new]))


def _merge(entries: Iterable[T], key: Callable[[T], str]) -> list[T]:
    merged: dict[str, T] = {}
    for entry in entries:
        k = key(entry)
        if k not in merged:
            merged[k] = entry.model_copy(deep=True)  # type: ignore[attr-defined]
            continue
        target = merged[k]
        for name in ("pages", "sources", "locations", "evidence", "unlinked_on", "link_problems"):
            if hasattr(entry, name):
                setattr(target, name, _union(getattr(target, name), getattr(entry, name)))
        if getattr(target, "label", "") is None and getattr(entry, "label", None):
            target.label = entry.label  # type: ignore[attr-defined]
        placement = getattr(target, "placement", None)
        if placement is not None:
            placement.desktop = placement.desktop or entry.placement.desktop  # type: ignore[attr-defined]
            placement.mobile = placement.mobile or entry.placement.mobile  # type: ignore[attr-defined]
    return list(merged.values())


_LINK_SOURCES = {"mailto", "tel", "sms"}


def _mark_unlinked(occurrences: list[Email] | list[Phone], key: Callable[[Email | Phone], str]) -> None:
    """Note, on each occurrence, the page if it shows the contact as text with no link in the same place.

    A number in the footer as a tel: link and in the contact page's text without
    one is still a number a phone user cannot tap on that page.
    """

    def places(occurrence: Email | Phone) -> set[tuple[str, str, str]]:
        # "contact-page" says which page, not where on it, so it does not make two places one.
        regions = [loc for loc in occurrence.locations if loc != "contact-page"]
        return {(key(occurrence), page, region) for page in occurrence.pages for region in regions}

    linked = set().union(*(places(o) for o in occurrences if _LINK_SOURCES & set(o.sources)))
    for occurrence in occurrences:
        if not _LINK_SOURCES & set(occurrence.sources):
            where = places(occurrence) - linked
            occurrence.unlinked_on = list(dict.fromkeys(page for _, page, _ in where))


def _email_key(entry: Email | Phone) -> str:
    return entry.address if isinstance(entry, Email) else entry.raw


def _phone_key(entry: Email | Phone) -> str:
    if isinstance(entry, Phone):
        return entry.e164 or "".join(ch for ch in entry.raw if ch.isdigit())
    return entry.address


def contact_pages(pages: list[Page]) -> list[ContactPage]:
    """Pages a customer would take for the contact page: by URL, title or the links to them."""
    by_url = {p.url: p for p in pages}
    linked_from: dict[str, list[str]] = {}
    contact_targets: set[str] = set()
    for page in pages:
        for link in page.links:
            if link.url in by_url and link.url != page.url:
                linked_from.setdefault(link.url, [])
                if page.url not in linked_from[link.url]:
                    linked_from[link.url].append(page.url)
            if link.contact_like:
                contact_targets.add(link.url)
    found = []
    for page in pages:
        if page.same_as is not None or page.not_found is not None:
            # Counted on the page it repeats; a "not found" view is a broken link, not a contact page.
            continue
        if page.is_contact_page or page.url in contact_targets:
            page.is_contact_page = True
            found.append(
                ContactPage(
                    url=page.url, depth=page.depth, status=page.status, linked_from=linked_from.get(page.url, [])
                )
            )
    return found


_READ_FROM_TEXT = {"text", "obfuscated", "entity"}


def _without_glued_variants(emails: list[Email]) -> list[Email]:
    """Drop `emailinfo@shop.de` when `info@shop.de` is on the site too.

    A word of the page glued to the front of an address (a label in another element,
    "or", "at") gives a longer local part ending in a real one. The longer form is
    dropped only when it was read from text alone and the shorter one exists; an
    address written in a mailto link is what its owner typed, whatever it looks like.
    """
    by_host: dict[str, set[str]] = {}
    for email in emails:
        local, _, host = email.address.rpartition("@")
        by_host.setdefault(host, set()).add(local)

    def glued(email: Email) -> bool:
        if not set(email.sources) <= _READ_FROM_TEXT:
            return False
        local, _, host = email.address.rpartition("@")
        return any(
            len(local) >= len(shorter) + 2 and local.endswith(shorter) and local[-len(shorter) - 1].isalnum()
            for shorter in by_host[host]
        )

    return [email for email in emails if not glued(email)]


def build_channels(findings: list[PageFindings]) -> tuple[list[Page], Channels]:
    pages = [f.page for f in findings]
    channels = Channels(contact_pages=contact_pages(pages))
    on_contact_page = {c.url for c in channels.contact_pages}
    for finding in findings:
        if finding.page.url in on_contact_page:
            entries: list[Email | Phone] = [*finding.channels.emails, *finding.channels.phones]
            for entry in entries:
                if "contact-page" not in entry.locations:
                    entry.locations.append("contact-page")
    resolve_national_numbers(findings, channels)
    every = [f.channels for f in findings]
    emails = [e for c in every for e in c.emails]
    phones = [p for c in every for p in c.phones]
    _mark_unlinked(emails, _email_key)
    _mark_unlinked(phones, _phone_key)
    channels.emails = _without_glued_variants(_merge(emails, _email_key))
    channels.phones = _merge(phones, _phone_key)
    social = _merge((s for c in every for s in c.social), lambda s: s.url)
    home = registrable_domain(host_of(pages[0].url)) if pages else ""
    channels.social, channels.foreign_social = split_foreign(social, findings, home)
    channels.messengers = _merge((m for c in every for m in c.messengers), lambda m: m.url)
    channels.forms = _merge((f for c in every for f in c.forms), lambda f: f"{f.page} {f.action}")
    scriptless = {f.page.url for f in findings if f.parsed and not f.scripts}
    channels.chat_widgets = merge_widgets((w for c in every for w in c.chat_widgets), pages, scriptless)
    channels.addresses = _merge((a for c in every for a in c.addresses), lambda a: a.text.casefold())
    channels.opening_hours = _merge((h for c in every for h in c.opening_hours), lambda h: h.text.casefold())
    channels.link_problems = _merge(
        (p for c in every for p in c.link_problems), lambda p: f"{p.problem} {p.href} {p.number}"
    )
    promised = (r for f in findings if f.page.url in on_contact_page for r in f.channels.response_promises)
    channels.response_promises = _merge(promised, lambda r: r.text.casefold())
    return pages, channels
