"""The report a consultant hands to a client, as the client sees it: in Chromium on a laptop
and a phone, printed to PDF, and as one e-mailed file, with long page data in every table."""

from __future__ import annotations

import base64
import shutil
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.async_api import Page, ViewportSize
from pypdf import PdfReader

from auditor.artifacts import (
    Box,
    ChatWidget,
    ContactPage,
    Email,
    Form,
    Messenger,
    OpeningHours,
    Placement,
    SocialProfile,
)
from auditor.judge.api import Evidence
from auditor.results import AuditResults
from reports.html_report import render_html, write_html
from reports.options import ReportOptions
from reports.pdf_report import render_pdf
from tests.builders import page, site
from tests.conftest import run_cli
from tests.reports.conftest import SharedBrowser
from tests.reports.images import png, write_screenshot
from tests.reports.test_fix_first import judged
from tests.reports.test_screenshot_embedding import drawn, looks_like, places

HOST = "http://127.0.0.1:8765"
LONG_URL = (
    f"{HOST}/kundenservice-und-reparaturen/haeufig-gestellte-fragen-zu-bestellungen/"
    "ruecksendungen-und-erstattungen/?utm_source=newsletter&utm_medium=email&utm_campaign=" + "x" * 90
)
LONG_EMAIL = "customer.service.and.complaints.department@support.very-long-subdomain-name.example.co.uk"
HOURS = (
    "Reach us Support: support@nimbus-bikes.co.uk Phone: +44 20 7946 0958 Opening hours Monday – Friday "
    "09:00 – 18:00 Saturday 10:00 – 16:00 Sunday Closed Visit the shop Nimbus Bikes Ltd 14 Cirrus Yard London"
)
CLIENT = "Nimbus Bikes Ltd"
DESKTOP = ViewportSize(width=1280, height=800)
PHONE = ViewportSize(width=390, height=844)
PRINTED = ViewportSize(width=690, height=1000)  # A4 less the PDF's margins, in CSS pixels
LOGO = "data:image/png;base64," + base64.b64encode(png(300, 90)).decode()
BRANDED = ReportOptions(client=CLIENT, auditor="Asha Rao Consulting", logo=LOGO)


def client_results() -> AuditResults:
    """The hand-computed audit of test_fix_first, on a site whose every table holds long data."""
    box = {"corner": "bottom-right", "x": 1290, "y": 690, "width": 60, "height": 60, "visible": True}
    artifacts = site(
        pages=[page("/"), page("/contact/", contact=True)],
        emails=[Email(address=LONG_EMAIL, pages=[LONG_URL, f"{HOST}/"], sources=["mailto"], locations=["footer"])],
        contact_pages=[ContactPage(url=LONG_URL, depth=1, linked_from=[LONG_URL], status=200)],
        forms=[Form(page=LONG_URL, action=LONG_URL + "&send=1", method="post")],
        chat_widgets=[
            ChatWidget(
                vendor="crisp",
                pages=[LONG_URL],
                evidence=["dom:#crisp-chatbox a[role='button'][data-very-long-attribute-name]"],
                placement=Placement(
                    desktop=Box.model_validate(box | {"page": LONG_URL, "screenshot": "screenshots/long-desktop.png"}),
                    mobile=Box.model_validate(box | {"page": LONG_URL, "screenshot": "screenshots/long-mobile.png"}),
                ),
            )
        ],
        social=[SocialProfile(network="facebook", url=LONG_URL, handle="nimbus-bikes-official-page", pages=[LONG_URL])],
        messengers=[Messenger(network="whatsapp", url="https://wa.me/442079460958", target="442079460958")],
        opening_hours=[OpeningHours(text=HOURS, pages=[LONG_URL], sources=["text"])],
    )
    artifacts.site = artifacts.site.model_copy(update={"url": f"{HOST}/", "domain": "127.0.0.1"})
    return judged(artifacts, [Evidence(url=LONG_URL, selector="footer", snippet=LONG_EMAIL)])


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    write_screenshot(tmp_path, "long-desktop.png", 1366, 768)
    write_screenshot(tmp_path, "long-mobile.png", 390, 844)
    return tmp_path


def test_the_client_names_the_report_and_the_hours_are_hours() -> None:
    html = render_html(client_results(), ReportOptions(client=CLIENT))
    assert LONG_EMAIL in html  # an address stays one string: a search of the file finds it
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".masthead h1").get_text() == CLIENT  # type: ignore[union-attr]
    assert soup.title is not None and soup.title.get_text() == f"Contact audit · {CLIENT}"
    hours = soup.select_one("#channel-hours td .primary")
    assert hours is not None
    assert hours.get_text() == "Monday – Friday 09:00 – 18:00 Saturday 10:00 – 16:00 Sunday Closed"


def test_report_html_carries_its_screenshots(run_dir: Path) -> None:
    path = write_html(client_results(), run_dir, ReportOptions(client=CLIENT))
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    sources = [str(tag["src"]) for tag in soup.select("[src]")] + [str(tag["href"]) for tag in soup.select("image")]
    assert sources and all(src.startswith("data:") for src in sources), sources
    links = [str(a["href"]) for a in soup.select("a[href], use")]
    assert all(href.startswith(("#", "http://", "https://")) for href in links), links
    desktop = (
        "data:image/png;base64," + base64.b64encode((run_dir / "screenshots/long-desktop.png").read_bytes()).decode()
    )
    assert desktop in sources
    # The evidence about the page with a screenshot shows it, as a thumbnail, not as a path.
    cell = soup.select_one("#check-labels td[data-label='Screenshot']")
    assert cell is not None and "screenshots/" not in str(cell)
    assert [uri for uri, _ in places(soup, "#check-labels td[data-label='Screenshot']")] == [desktop]


async def _open(shared: SharedBrowser, viewport: ViewportSize, html: str | None = None, url: str = "") -> Page:
    context = await shared.browser.new_context(viewport=viewport, offline=True)
    page = await context.new_page()
    if url:
        await page.goto(url)
    else:
        await page.set_content(html or "", wait_until="load")
    return page


@pytest.mark.slow
def test_an_emailed_report_still_shows_its_screenshots(shared_browser: SharedBrowser, run_dir: Path) -> None:
    write_html(client_results(), run_dir, ReportOptions(client=CLIENT))
    inbox = run_dir / "inbox"
    inbox.mkdir()
    shutil.copy(run_dir / "report.html", inbox / "report.html")  # the file alone, without screenshots/

    async def look() -> list[tuple[str, tuple[int, int, int]]]:
        page = await _open(shared_browser, DESKTOP, url=(inbox / "report.html").as_uri())
        try:
            thumbnails = await page.locator("details.shot svg").all()
            return [(str(await svg.get_attribute("viewBox")), (await drawn(page, svg))[1]) for svg in thumbnails]
        finally:
            await page.context.close()

    # Both screenshots are drawn, from the file alone: the desktop one beside the chat and in a finding.
    drawings = shared_browser.run(look())
    assert sorted(view_box for view_box, _ in drawings) == ["0 0 1366 768", "0 0 1366 768", "0 0 390 844"]
    assert all(looks_like(colour, (31, 79, 143)) for _, colour in drawings), drawings  # write_screenshot's blue


@pytest.mark.slow
def test_fix_first_is_on_the_first_screen(shared_browser: SharedBrowser) -> None:
    async def look() -> tuple[list[str], list[dict[str, float] | None], dict[str, float] | None]:
        page = await _open(shared_browser, DESKTOP, render_html(client_results(), BRANDED))
        try:
            items = page.locator("#fix-first li")
            texts = [await li.inner_text() for li in await items.all()]
            boxes = [await li.bounding_box() for li in await items.all()]
            return texts, boxes, await page.locator("#channels").bounding_box()
        finally:
            await page.context.close()

    texts, boxes, channels = shared_browser.run(look())
    assert "labels is broken" in texts[0] and "+16.7 points" in texts[0]
    assert "footer is broken" in texts[1] and "+12.5 points" in texts[1]
    for box in boxes:
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= DESKTOP["height"], box
    last = boxes[-1]
    assert channels is not None and last is not None and channels["y"] > last["y"]


@pytest.mark.slow
def test_a_gauge_shows_its_categorys_findings(shared_browser: SharedBrowser) -> None:
    async def look() -> tuple[list[str], list[str], list[str]]:
        page = await _open(shared_browser, DESKTOP, render_html(client_results()))
        try:

            async def shown() -> list[str]:
                return [
                    str(await a.get_attribute("id"))
                    for a in await page.locator("article.finding").all()
                    if await a.is_visible()
                ]

            before = await shown()
            await page.locator("a.category", has_text="Findability").click()
            only = await shown()
            await page.locator("#findings .category-filter a:visible").click()
            return before, only, await shown()
        finally:
            await page.context.close()

    before, only, after = shared_browser.run(look())
    assert before == ["check-labels", "check-footer"]
    assert only == ["check-footer"]
    assert after == before


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "hi"])
def test_no_sideways_scrolling_on_a_phone_with_long_urls(
    shared_browser: SharedBrowser, run_dir: Path, lang: str
) -> None:
    html = render_html(client_results(), ReportOptions(lang=lang, client=CLIENT), run_dir=run_dir)

    async def look() -> tuple[int, int]:
        page = await _open(shared_browser, PHONE, html)
        try:
            wide = await page.evaluate("document.documentElement.scrollWidth")
            await page.set_viewport_size(DESKTOP)
            return wide, await page.evaluate("document.documentElement.scrollWidth")
        finally:
            await page.context.close()

    phone, desktop = shared_browser.run(look())
    assert phone <= PHONE["width"]
    assert desktop <= DESKTOP["width"]


@pytest.mark.slow
@pytest.mark.parametrize("viewport", [DESKTOP, PRINTED], ids=["desktop", "printed"])
def test_tables_keep_urls_and_labels_readable(
    shared_browser: SharedBrowser, run_dir: Path, viewport: ViewportSize
) -> None:
    html = render_html(client_results(), ReportOptions(), expand=True, run_dir=run_dir)

    async def look() -> tuple[list[float], list[str], list[str]]:
        page = await _open(shared_browser, viewport, html)
        try:
            await page.emulate_media(media="print" if viewport is PRINTED else "screen")
            widths = await page.eval_on_selector_all(
                "table.data td", "cells => cells.map(c => c.getBoundingClientRect().width)"
            )
            # A label that does not fit its box overflows it (words are never cut inside).
            overflowing = await page.eval_on_selector_all(
                "table.data th, .category .name",
                "labels => labels.filter(l => l.scrollWidth > l.clientWidth + 1).map(l => l.textContent)",
            )
            # A URL or address cut a few characters per line is nearly as many lines tall as it is long.
            tall = await page.eval_on_selector_all(
                "table.data a, table.data .breakable",
                """found => found.filter(e => {
                    const lines = e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight);
                    return lines > 1.5 && e.textContent.length / lines < 12;
                }).map(e => e.textContent)""",
            )
            return widths, overflowing, tall
        finally:
            await page.context.close()

    widths, overflowing, tall = shared_browser.run(look())
    assert min(widths) >= 60, sorted(widths)[:5]
    assert overflowing == []
    assert tall == []


@pytest.mark.slow
def test_the_logo_stands_out_on_the_dark_header(shared_browser: SharedBrowser) -> None:
    navy = (19, 42, 77)  # the darkest colour of the masthead: a logo drawn in it would vanish there
    logo = "data:image/png;base64," + base64.b64encode(png(400, 120, navy)).decode()
    html = render_html(client_results(), ReportOptions(client=CLIENT, auditor="Asha Rao Consulting", logo=logo))

    async def look() -> tuple[dict[str, float] | None, int, str, str]:
        page = await _open(shared_browser, DESKTOP, html)
        try:
            image = page.locator(".masthead .logo img")
            loaded = await image.evaluate("i => i.complete ? i.naturalWidth : 0")
            behind = await page.locator(".masthead .logo").evaluate("e => getComputedStyle(e).backgroundColor")
            header = await page.locator(".masthead").evaluate("e => getComputedStyle(e).backgroundImage")
            return await image.bounding_box(), loaded, behind, header
        finally:
            await page.context.close()

    box, loaded, behind, header = shared_browser.run(look())
    assert loaded == 400
    assert box is not None and box["height"] >= 28 and box["width"] >= 90 and box["y"] >= 0
    assert "rgb(19, 42, 77)" in header  # the header is dark ...
    assert behind == "rgb(255, 255, 255)"  # ... and the logo sits on white, where navy reads


@pytest.mark.slow
def test_pdf_page_one_says_what_to_fix_first(shared_browser: SharedBrowser, run_dir: Path) -> None:
    options = ReportOptions(client=CLIENT, auditor="Asha Rao Consulting")
    path = run_dir / "report.pdf"
    path.write_bytes(shared_browser.run(render_pdf(client_results(), options, shared_browser.browser, run_dir)))
    first = unicodedata.normalize("NFKC", PdfReader(path).pages[0].extract_text())  # "ﬁ" ligatures -> "fi"
    lines = [line.strip() for line in first.splitlines()]
    assert CLIENT in lines and "127.0.0.1" not in lines  # the client's name is the title, not the host
    fix_first = first.index("Fix first")
    assert fix_first < first.index("labels is broken") < first.index("+16.7 points") < first.index("Channel map")
    assert first.index("footer is broken") < first.index("+12.5 points") < first.index("Channel map")


@pytest.mark.slow
def test_report_through_the_cli_with_the_clients_branding(run_dir: Path) -> None:
    (run_dir / "results.json").write_text(client_results().model_dump_json(), encoding="utf-8")
    config = run_dir / "branding.toml"
    config.write_text(f'[report]\nclient = "{CLIENT}"\n', encoding="utf-8")
    done = run_cli("report", str(run_dir), "--config", str(config), "--format", "html,md", "--quiet")
    assert done.returncode == 0, done.stderr
    soup = BeautifulSoup((run_dir / "report.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one(".masthead h1").get_text() == CLIENT  # type: ignore[union-attr]
    assert [li.a.get_text() for li in soup.select("#fix-first li")] == ["labels is broken", "footer is broken"]  # type: ignore[union-attr]
    assert all(str(img["src"]).startswith("data:image/png;base64,") for img in soup.select("img"))
    assert all(uri.startswith("data:image/png;base64,") for uri, _ in places(soup)) and places(soup)
    summary = (run_dir / "report.md").read_text(encoding="utf-8")
    assert summary.startswith(f"## Contact audit: {CLIENT}\n")
    assert "### Fix first\n\n1. **labels is broken** — +16.7 points\n" in summary
