"""report.pdf: the HTML report printed by Chromium, for a consultant to hand to a client.

The same self-contained HTML, with every collapsed section opened, printed with the
report's print styles and a running header (site, audit date) and footer (client,
auditor, page numbers). The page may load nothing: JavaScript is off, the context is
offline, and any request other than a `data:` URI is aborted and counted, so a report
can never call home or leak the client's name in a URL.

Playwright's async API, run with `asyncio.run`: its sync API marks an event loop as
running for as long as the browser is open, which breaks any other asyncio user in the
same thread (Scrapy's reactor, a test session sharing one browser).
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from playwright.async_api import Browser, PdfMargins, Route, async_playwright

from auditor.results import AuditResults
from reports.html_report import render_html
from reports.i18n import Catalogue, catalogue
from reports.options import ReportOptions
from reports.view import when

REPORT_NAME = "report.pdf"
# Room above and below the page body for Chromium's header and footer templates.
MARGINS: PdfMargins = {"top": "20mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}
_RUNNING = (
    '<div style="width:100%;margin:0 14mm;display:flex;justify-content:space-between;gap:8mm;'
    "font:8px system-ui,'Noto Sans','Noto Sans Devanagari',sans-serif;color:#6b7480;"
    '-webkit-print-color-adjust:exact"><span>{left}</span><span>{right}</span></div>'
)


# Runs a print job with a browser that is already up and returns its bytes, or None when
# there is no such browser; called from a thread other than the browser's (see write_pdf).
Lender = Callable[[Callable[[Browser], Awaitable[bytes]]], bytes | None]


class NetworkAttemptError(RuntimeError):
    """The report tried to load something: a bug in a template, never to be printed."""


@asynccontextmanager
async def chromium(executable: str, args: Sequence[str]) -> AsyncIterator[Browser]:
    """A headless Chromium for printing, started with the audit's flags, closed afterwards."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=list(args), headless=True)
        try:
            yield browser
        finally:
            await browser.close()


def write_pdf(results: AuditResults, out_dir: Path, options: ReportOptions, lend: Lender | None = None) -> Path:
    """Write `report.pdf` into `out_dir` (created if missing), in the browser `lend` lends
    (the one the crawl rendered with), or in a Chromium of its own when none is up."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT_NAME

    async def print_in(browser: Browser) -> bytes:
        return await render_pdf(results, options, browser, run_dir=out_dir)

    async def print_once() -> bytes:
        async with chromium(options.chromium, options.chromium_args) as browser:
            return await print_in(browser)

    data = lend(print_in) if lend is not None else None
    path.write_bytes(data if data is not None else asyncio.run(print_once()))
    return path


async def render_pdf(
    results: AuditResults, options: ReportOptions, browser: Browser, run_dir: Path | None = None
) -> bytes:
    """The PDF's bytes, with the screenshots of `run_dir` printed in (embedded by the HTML).

    Raises NetworkAttemptError if the page asked for anything."""
    t = catalogue(options.lang)
    blocked: list[str] = []

    async def refuse(route: Route) -> None:
        blocked.append(route.request.url)
        await route.abort()

    context = await browser.new_context(java_script_enabled=False, offline=True, service_workers="block")
    try:
        page = await context.new_page()
        await page.route("**/*", refuse)
        page_html = render_html(results, options, expand=True, run_dir=run_dir)
        await page.set_content(page_html, wait_until="load")
        data = await page.pdf(
            format="A4",
            print_background=True,
            display_header_footer=True,
            header_template=header_template(results, t),
            footer_template=footer_template(options, t),
            margin=MARGINS,
            outline=True,  # bookmarks from the headings
            tagged=True,  # a structure tree, for screen readers
        )
    finally:
        await context.close()
    if blocked:
        raise NetworkAttemptError(f"the report tried to load {blocked[0]}")
    return data


def header_template(results: AuditResults, t: Catalogue) -> str:
    """Site and audit date on every page; the site name is page content, so escaped."""
    left = f"{html.escape(t('report_title'))} · {html.escape(results.site.domain)}"
    return _RUNNING.format(left=left, right=html.escape(when(results.site.started_at, t)))


def footer_template(options: ReportOptions, t: Catalogue) -> str:
    """Client and auditor on the left, `Page 2 of 5` on the right (Chromium fills the spans)."""
    who = [t("fact_client") + ": " + options.client] if options.client else []
    who += [t("fact_auditor") + ": " + options.auditor] if options.auditor else []
    pages = html.escape(t.raw("page_of")).format(
        page='<span class="pageNumber"></span>', total='<span class="totalPages"></span>'
    )
    return _RUNNING.format(left=html.escape(" · ".join(who)), right=pages)
