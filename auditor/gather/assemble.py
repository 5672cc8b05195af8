"""What a crawl saw, assembled into the site's artifacts: a pure function, tested without a crawl.

The crawl (`crawl.py`) runs the spider and hands over what it saw: every page's findings,
the pages still waiting for a rendering when it stopped, why it stopped and what went
wrong. Here that becomes `SiteArtifacts`, or the error that says the site could not be
audited, with whatever was gathered attached.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from auditor.artifacts import Channels, SiteArtifacts, SiteInfo
from auditor.domains import host_of, registrable_domain
from auditor.errors import AuditInterruptedError, SiteError
from auditor.gather.extract.findings import PageFindings
from auditor.gather.extract.merge import build_channels

WAITING = "not rendered: the crawl ended before pages like it were rendered"
# Why a page that answered 200 is a "not found" page (Page.not_found).
NOT_FOUND_VIEW = 'shows the site\'s "not found" view (HTTP {status})'
NOT_FOUND_HEADING = 'its heading says "not found" (HTTP {status})'
BLANK = "shows nothing once its scripts ran"


@dataclass
class CrawlOutcome:
    """What one crawl of a site saw, before anything is judged."""

    url: str
    home_url: str
    findings: list[PageFindings]
    started_at: str
    finished_at: str
    # Pages that waited for a rendering the crawl never did; they keep their raw HTML.
    waiting: list[PageFindings] = field(default_factory=list)
    # Scrapy's close reason: "finished", "closespider_timeout", "shutdown" (Ctrl-C), ...
    close_reason: str = "finished"
    warnings: list[str] = field(default_factory=list)
    fatal: str | None = None
    time_budget: float = 0.0
    # Pages whose content only rendering shows were left unrendered: the results are partial.
    incomplete: bool = False
    # The views (PageFindings.view) the site shows for a URL that does not exist, when
    # its server answers such a URL with 200.
    not_found_views: set[str] = field(default_factory=set)


def mark_views(findings: list[PageFindings], home_url: str, not_found_views: set[str]) -> None:
    """Pages that are "not found" pages though they answered 200, and pages that show
    exactly what an earlier one shows: their contacts are counted there, once."""
    first: dict[str, str] = {}
    for item in findings:
        page = item.page
        if not item.parsed or not item.view or not page.ok:
            continue
        if item.app_shell and not page.rendered:
            continue  # an app shell's HTML is the same on every route: it says nothing of what each shows
        if page.url != home_url and page.depth > 0:
            status = page.status or 200
            if item.view in not_found_views:
                page.not_found = NOT_FOUND_VIEW.format(status=status)
            elif item.says_not_found:
                page.not_found = NOT_FOUND_HEADING.format(status=status)
            elif page.rendered and item.blank:
                page.not_found = BLANK
            if page.not_found is not None:
                continue
        owner = first.setdefault(item.view, page.url)
        if owner != page.url:
            page.same_as = owner
            item.channels = Channels()


def assemble(seen: CrawlOutcome) -> SiteArtifacts:
    """The site's artifacts; raises SiteError (artifacts attached) when nothing could be audited."""
    for waiting in seen.waiting:
        waiting.page.render_reason = WAITING
    findings = sorted([*seen.findings, *seen.waiting], key=lambda f: (f.page.url != seen.home_url, f.page.depth))
    mark_views(findings, seen.home_url, seen.not_found_views)
    pages, channels = build_channels(findings)
    stopped_early = bool(seen.close_reason) and seen.close_reason != "finished"
    warnings = list(seen.warnings)
    if seen.close_reason == "closespider_timeout":
        warnings.append(
            f"the audit's time budget ({seen.time_budget:g} s, crawl.time_budget) ran out; results are partial"
        )
    elif stopped_early:
        warnings.append(f"the crawl stopped early ({seen.close_reason}); results are partial")
    warnings += [f"{p.url}: {p.error}" for p in pages if p.error]
    artifacts = SiteArtifacts(
        site=SiteInfo(
            url=seen.url,
            domain=registrable_domain(host_of(seen.url)),
            started_at=seen.started_at,
            finished_at=seen.finished_at,
            pages_crawled=len(pages),
            pages_rendered=sum(p.rendered for p in pages),
            render_reasons=dict(Counter(p.render_reason for p in pages if p.render_reason).most_common()),
            partial=stopped_early or seen.fatal is not None or seen.incomplete,
            interrupted=seen.close_reason == "shutdown",
        ),
        pages=pages,
        channels=channels,
        warnings=warnings,
    )
    fatal = seen.fatal
    if fatal is None and not artifacts.html_pages:
        fatal = f"no page of {seen.url} could be loaded"
    if artifacts.site.interrupted and not artifacts.html_pages:
        raise AuditInterruptedError(f"the audit of {seen.url} was interrupted before a page was read", artifacts)
    if fatal is not None:
        artifacts.warnings.insert(0, fatal)
        raise SiteError(f"{seen.url} could not be audited: {fatal}", artifacts)
    return artifacts
