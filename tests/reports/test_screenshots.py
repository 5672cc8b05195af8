"""report.html as a reader sees it in Chromium, on a desktop and on a phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Page, ViewportSize

from reports.html_report import render_html
from reports.options import ReportOptions
from tests.builders import sample_results
from tests.reports.conftest import SharedBrowser

pytestmark = pytest.mark.slow

DESKTOP = ViewportSize(width=1280, height=800)
PHONE = ViewportSize(width=390, height=844)


async def open_report(shared: SharedBrowser, viewport: ViewportSize, lang: str = "en") -> Page:
    # The report's own CSP already forbids scripts and remote loads; offline makes sure.
    context = await shared.browser.new_context(viewport=viewport, offline=True)
    page = await context.new_page()
    await page.set_content(render_html(sample_results(), ReportOptions(lang=lang)), wait_until="load")
    return page


async def assert_in_viewport(page: Page, selector: str) -> None:
    element = page.locator(selector).first
    assert await element.is_visible(), selector
    box = await element.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert box["x"] >= 0 and box["y"] >= 0, (selector, box)
    assert box["x"] + box["width"] <= viewport["width"], (selector, box)
    assert box["y"] + box["height"] <= viewport["height"], (selector, box)


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_score_first_then_findings(
    shared_browser: SharedBrowser, viewport: ViewportSize, name: str, tmp_path: Path
) -> None:
    async def look() -> None:
        page = await open_report(shared_browser, viewport)
        try:
            await page.screenshot(path=tmp_path / f"report-{name}.png")
            # The overall score is the first thing seen, without scrolling.
            await assert_in_viewport(page, ".gauge-lg")
            assert await page.locator(".gauge-lg .gauge-value").inner_text() == "72"
            # Nothing is wider than the screen: no sideways scrolling on a phone.
            assert await page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            heading = page.locator("#findings h2")
            await heading.scroll_into_view_if_needed()
            assert await heading.inner_text() == "Findings"
            await assert_in_viewport(page, "#findings h2")
            await assert_in_viewport(page, "#check-contact-link-in-footer h3")
            await page.screenshot(path=tmp_path / f"findings-{name}.png")
        finally:
            await page.context.close()

    shared_browser.run(look())
    assert (tmp_path / f"findings-{name}.png").stat().st_size > 10_000


def test_category_gauges_fit_a_phone(shared_browser: SharedBrowser) -> None:
    async def look() -> list[dict[str, float] | None]:
        page = await open_report(shared_browser, PHONE)
        try:
            return [await gauge.bounding_box() for gauge in await page.locator(".category .gauge").all()]
        finally:
            await page.context.close()

    boxes = shared_browser.run(look())
    assert len(boxes) == 5
    for box in boxes:
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_hindi_is_drawn_with_a_devanagari_font(shared_browser: SharedBrowser) -> None:
    """A missing font shows as empty boxes in a screenshot; ask Chromium which font it used."""

    async def look() -> tuple[str, set[str]]:
        page = await open_report(shared_browser, PHONE, "hi")
        try:
            session = await page.context.new_cdp_session(page)
            await session.send("DOM.enable")
            await session.send("CSS.enable")
            root = (await session.send("DOM.getDocument"))["root"]["nodeId"]
            found = await session.send("DOM.querySelector", {"nodeId": root, "selector": ".overall h2"})
            fonts = (await session.send("CSS.getPlatformFontsForNode", {"nodeId": found["nodeId"]}))["fonts"]
            return await page.locator(".overall h2").inner_text(), {font["familyName"] for font in fonts}
        finally:
            await page.context.close()

    heading, families = shared_browser.run(look())
    assert heading == "संपर्क स्कोर"
    assert any("Devanagari" in family for family in families), families
