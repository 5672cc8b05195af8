"""The chat widget section of report.html: placement facts and screenshots, safely."""

from __future__ import annotations

import base64
from pathlib import Path

from bs4 import BeautifulSoup

from auditor.artifacts import Box, Channels, ChatWidget, Placement, SiteInfo
from auditor.results import AuditResults, ToolInfo
from reports.html_report import render_html
from reports.view import is_screenshot_path
from tests.reports.images import write_screenshot
from tests.reports.test_screenshot_embedding import places

HOME = "https://www.velo-werk.example/"
CONTACT = "https://www.velo-werk.example/kontakt/"


def report(widget: ChatWidget, run_dir: Path | None = None) -> BeautifulSoup:
    results = AuditResults(
        tool=ToolInfo(name="contact-auditor", version="0"),
        site=SiteInfo(url=HOME, domain="velo-werk.example", started_at="2025-03-04T09:15:00+00:00"),
        score=None,
        categories=[],
        checks=[],
        channels=Channels(chat_widgets=[widget]),
    )
    return BeautifulSoup(render_html(results, run_dir=run_dir), "html.parser")


def box(**fields: object) -> Box:
    defaults: dict[str, object] = {
        "corner": "bottom-right", "x": 1290, "y": 690, "width": 60, "height": 60, "visible": True, "page": HOME,
    }  # fmt: skip
    return Box.model_validate(defaults | fields)


def test_screenshots_and_placement_facts_are_shown(tmp_path: Path) -> None:
    desktop = write_screenshot(tmp_path, "home-desktop.png", 1366, 768)
    mobile = write_screenshot(tmp_path, "home-mobile.png", 390, 844)
    widget = ChatWidget(
        vendor="Tawk.to",
        vendor_id="tawk",
        pages=[HOME],
        missing_on=[CONTACT],
        instances=2,
        placement=Placement(
            desktop=box(screenshot="screenshots/home-desktop.png", intersects=["back to top: a#top"]),
            mobile=box(corner="none", width=0, height=0, visible=False, screenshot="screenshots/home-mobile.png"),
        ),
    )
    soup = report(widget, tmp_path)
    section = soup.select_one("#channel-chat")
    assert section is not None
    # The pictures travel inside the file, as thumbnails that keep their shape.
    assert [uri for uri, _ in places(soup, "#channel-chat")] == [
        "data:image/png;base64," + base64.b64encode(desktop).decode(),
        "data:image/png;base64," + base64.b64encode(mobile).decode(),
    ]
    images = section.select("details.shot svg")
    assert [(svg["viewbox"], svg["width"], svg["height"]) for svg in images] == [
        ("0 0 1366 768", "240", "135"),
        ("0 0 390 844", "111", "240"),
    ]
    text = section.get_text(" ", strip=True)
    assert "60×60 px" in text
    assert "shares its space with back to top: a#top" in text
    assert "no launcher drawn" in text
    assert "embedded 2 times" in text
    assert "velo-werk.example/kontakt/" in section.get_text()  # the page without the chat


def test_only_the_runs_own_screenshots_become_images(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(b"\x89PNG secret")
    (tmp_path / "abs.png").write_bytes(b"\x89PNG secret")
    hostile = ['"><script>alert(1)</script>.png', "https://evil.example/x.png", "../secret.png", "/abs.png", "abs.png"]
    for path in hostile:
        widget = ChatWidget(vendor="Crisp", vendor_id="crisp", placement=Placement(desktop=box(screenshot=path)))
        soup = report(widget, tmp_path)
        assert soup.select("#channel-chat details.shot, svg.screenshot-store") == [], path
        assert "<script>alert" not in str(soup)
        assert "c2VjcmV0" not in str(soup)  # base64 of "secret": no file outside screenshots/ is read
    link = report(
        ChatWidget(vendor="Crisp", vendor_id="crisp", placement=Placement(desktop=box(screenshot=hostile[1]))), tmp_path
    ).select_one("#channel-chat a[href='https://evil.example/x.png']")
    assert link is not None and link.get_text() == "Screenshot"


def test_a_screenshot_missing_from_the_run_is_said_not_pointed_at(tmp_path: Path) -> None:
    widget = ChatWidget(
        vendor="Crisp", vendor_id="crisp", placement=Placement(desktop=box(screenshot="screenshots/gone.png"))
    )
    soup = report(widget, tmp_path)
    assert soup.select("details.shot, svg.screenshot-store") == []
    assert "screenshots/gone.png" not in str(soup)
    assert "not in this report" in soup.select_one("#channel-chat").get_text()  # type: ignore[union-attr]
    assert is_screenshot_path("screenshots/hi-sampark-html-mobile.png")
    assert not is_screenshot_path("screenshots/../report.json.png")
