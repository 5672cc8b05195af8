"""Combine what each page showed into one channel map for the site."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from auditor.extract import PageFindings
from auditor.models import Channels, ContactPage, Email, Page, Phone

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
        for name in ("pages", "sources", "locations", "evidence"):
            if hasattr(entry, name):
                setattr(target, name, _union(getattr(target, name), getattr(entry, name)))
        if getattr(target, "label", "") is None and getattr(entry, "label", None):
            target.label = entry.label  # type: ignore[attr-defined]
        placement = getattr(target, "placement", None)
        if placement is not None and placement.desktop is None:
            placement.desktop = entry.placement.desktop  # type: ignore[attr-defined]
    return list(merged.values())


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
        if page.is_contact_page or page.url in contact_targets:
            page.is_contact_page = True
            found.append(
                ContactPage(
                    url=page.url, depth=page.depth, status=page.status, linked_from=linked_from.get(page.url, [])
                )
            )
    return found


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
    every = [f.channels for f in findings]
    channels.emails = _merge((e for c in every for e in c.emails), lambda e: e.address)
    channels.phones = _merge(
        (p for c in every for p in c.phones), lambda p: p.e164 or "".join(ch for ch in p.raw if ch.isdigit())
    )
    channels.social = _merge((s for c in every for s in c.social), lambda s: s.url)
    channels.messengers = _merge((m for c in every for m in c.messengers), lambda m: m.url)
    channels.forms = _merge((f for c in every for f in c.forms), lambda f: f"{f.page} {f.action}")
    channels.chat_widgets = _merge((w for c in every for w in c.chat_widgets), lambda w: w.vendor)
    return pages, channels
