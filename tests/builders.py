"""Hand-built artifacts for check and report tests: no crawl, no browser."""

from __future__ import annotations

from typing import Any

from auditor.artifacts import Channels, Link, Page, Probe, SiteArtifacts, SiteInfo
from auditor.judge.api import CheckInput, Outcome

BASE = "https://shop.example.co.uk"


def page(
    path: str, *, footer_contact: bool = True, status: int = 200, contact: bool = False, links: list[Link] | None = None
) -> Page:
    all_links = list(links or [])
    if footer_contact:
        all_links.append(Link(url=f"{BASE}/contact/", text="Contact us", location="footer", contact_like=True))
    return Page(url=f"{BASE}{path}", status=status, links=all_links, is_contact_page=contact)


def site(pages: list[Page] | None = None, probes: list[Probe] | None = None, **channels: Any) -> SiteArtifacts:
    pages = pages if pages is not None else [page("/"), page("/contact/", contact=True)]
    return SiteArtifacts(
        probes=probes or [],
        site=SiteInfo(
            url=f"{BASE}/", domain="example.co.uk", started_at="2026-11-23T00:00:00+00:00", pages_crawled=len(pages)
        ),
        pages=pages,
        channels=Channels.model_validate(channels),
    )


def judge(check: Any, artifacts: SiteArtifacts, **options: Any) -> Outcome:
    """Run one check module on hand-built artifacts, as the registry would."""
    return check.run(CheckInput(artifacts, check.META.requires, {**check.META.options, **options}))  # type: ignore[no-any-return]
