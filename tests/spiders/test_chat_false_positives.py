"""Pages that look as if they had a chat widget and do not: rendered in Chromium
and read as the spider reads them, only a widget whose code ran counts."""

from __future__ import annotations

import pytest

from auditor.gather.extract.chat import from_probe
from auditor.gather.extract.findings import PageFindings
from auditor.gather.extract.page import extract_page
from spiders.chat_inspect import NetworkLog, inspect_chat
from tests.spiders.conftest import TEST_PLAN, Chromium

pytestmark = pytest.mark.slow


def rendered(chromium: Chromium, url: str) -> PageFindings:
    """The page rendered, inspected and extracted as the spider's rendered pass does."""

    async def go() -> tuple[str, dict[str, object]]:
        page = await (await chromium.context("desktop")).new_page()
        log = NetworkLog()
        log.attach(page)
        try:
            await page.goto(url)
            inspection = await inspect_chat(page, TEST_PLAN, log)
            return await page.content(), inspection
        finally:
            await page.close()

    html, inspection = chromium.run(go())
    widgets = from_probe(inspection["widgets"], inspection["requests"], inspection["failures"])  # type: ignore[arg-type]
    return extract_page(html, url, domain="127.0.0.1", rendered=True, rendered_widgets=widgets)


@pytest.mark.parametrize("name", ["class-only", "hubspot-cms", "rewritten-loader"])
def test_no_widget_where_none_loads(chromium: Chromium, sites: str, name: str) -> None:
    findings = rendered(chromium, f"{sites}/chatfalse/{name}.html")
    assert findings.channels.chat_widgets == []


def test_the_page_says_why_a_snippet_was_not_counted(chromium: Chromium, sites: str) -> None:
    findings = rendered(chromium, f"{sites}/chatfalse/rewritten-loader.html")
    assert "Tawk.to code is in the page but did not load; it is not counted as a chat" in findings.page.warnings


def test_a_loader_that_asks_the_vendor_is_a_chat_even_when_the_vendor_is_down(chromium: Chromium, sites: str) -> None:
    (widget,) = rendered(chromium, f"{sites}/chatfalse/unreachable-loader.html").channels.chat_widgets
    assert widget.vendor == "Tawk.to"
    assert "request:embed.tawk.to" in widget.evidence
    assert widget.failed_requests and widget.failed_requests[0].endswith("(HTTP 404)")
