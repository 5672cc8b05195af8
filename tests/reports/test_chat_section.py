"""The chat widget section of report.html: placement facts and screenshots, safely."""

from __future__ import annotations

from bs4 import BeautifulSoup

from auditor.artifacts import Box, Channels, ChatWidget, Placement, SiteInfo
from auditor.results import AuditResults, ToolInfo
from reports.html_report import render_html
from reports.view import is_screenshot_path

HOME = "https://www.velo-werk.example/"
CONTACT = "https://www.velo-werk.example/kontakt/"


def report(widget: ChatWidget) -> BeautifulSoup:
    results = AuditResults(
        tool=ToolInfo(name="contact-auditor", version="0"),
        site=SiteInfo(url=HOME, domain="velo-werk.example", started_at="2025-03-04T09:15:00+00:00"),
        score=None,
        categories=[],
        checks=[],
        channels=Channels(chat_widgets=[widget]),
    )
    return BeautifulSoup(render_html(results), "html.parser")


def box(**fields: object) -> Box:
    defaults: dict[str, object] = {
        "corner": "bottom-right", "x": 1290, "y": 690, "width": 60, "height": 60, "visible": True, "page": HOME,
    }  # fmt: skip
    return Box.model_validate(defaults | fields)


def test_screenshots_and_placement_facts_are_shown() -> None:
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
    section = report(widget).select_one("#channel-chat")
    assert section is not None
    assert [img["src"] for img in section.select("img")] == [
        "screenshots/home-desktop.png",
        "screenshots/home-mobile.png",
    ]
    text = section.get_text(" ", strip=True)
    assert "60×60 px" in text
    assert "shares its space with back to top: a#top" in text
    assert "no launcher drawn" in text
    assert "embedded 2 times" in text
    assert "velo-werk.example/kontakt/" in text  # the page without the chat


def test_only_the_runs_own_screenshots_become_images() -> None:
    hostile = ['"><script>alert(1)</script>.png', "https://evil.example/x.png", "../../etc/passwd.png", "/abs.png"]
    for path in hostile:
        widget = ChatWidget(vendor="Crisp", vendor_id="crisp", placement=Placement(desktop=box(screenshot=path)))
        soup = report(widget)
        assert soup.select("#channel-chat img") == [], path
        assert "<script>alert" not in str(soup)
    assert is_screenshot_path("screenshots/hi-sampark-html-mobile.png")
    assert not is_screenshot_path("screenshots/../report.json.png")
