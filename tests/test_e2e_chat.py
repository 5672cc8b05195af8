"""A crawl through the CLI of a small site with chat widgets: which pages carry them,
where they sit on a laptop and on a phone, and the screenshots in the report."""

from __future__ import annotations

import base64
import json
import struct
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from reports.json_report import validate_report
from tests.conftest import run_cli
from tests.reports.test_screenshot_embedding import places

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chat_run(sites: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("chat-run")
    done = run_cli("audit", f"{sites}/chat/site/", "--out", str(out), "--delay", "0", "--quiet")
    assert done.returncode in (0, 1), done.stderr
    artifacts = json.loads((out / "artifacts.json").read_text(encoding="utf-8"))
    return out, artifacts


def path_of(url: str) -> str:
    return url.split("/chat/site/", 1)[1]


def widgets(artifacts: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {w["vendor_id"]: w for w in artifacts["channels"]["chat_widgets"]}


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_pages_with_scripts_are_rendered_and_the_contact_page_lacks_the_chat(
    chat_run: tuple[Path, dict[str, Any]],
) -> None:
    _, artifacts = chat_run
    # The contact page runs no script: its HTML is what a browser shows, so it is read as it is.
    assert {path_of(p["url"]): p["rendered"] for p in artifacts["pages"]} == {
        "": True,
        "help.html": True,
        "contact/": False,
    }
    reasons = {path_of(p["url"]): p["render_reason"] for p in artifacts["pages"]}
    assert "without scripts" in reasons["contact/"]
    tawk = widgets(artifacts)["tawk"]
    assert sorted(path_of(u) for u in tawk["pages"]) == ["", "help.html"]
    assert [path_of(u) for u in tawk["missing_on"]] == ["contact/"]
    assert widgets(artifacts)["drift"]["pages"] == [u for u in tawk["pages"] if u.endswith("help.html")]


def test_the_cookie_notice_covers_the_chat_only_on_phones(chat_run: tuple[Path, dict[str, Any]]) -> None:
    _, artifacts = chat_run
    placement = widgets(artifacts)["tawk"]["placement"]
    desktop, mobile = placement["desktop"], placement["mobile"]
    assert path_of(desktop["page"]) == path_of(mobile["page"]) == ""  # the home page comes first
    assert (desktop["corner"], desktop["visible"], desktop["overlaps"]) == ("bottom-right", True, [])
    assert mobile["corner"] == "bottom-right" and mobile["visible"] is True
    assert mobile["overlaps"] == ["cookie banner: div#cookie-notice"]
    assert (mobile["width"], mobile["height"]) == (64, 60)


def test_a_phone_only_whatsapp_button_is_found_by_the_mobile_rendering(chat_run: tuple[Path, dict[str, Any]]) -> None:
    _, artifacts = chat_run
    whatsapp = widgets(artifacts)["whatsapp-button"]
    assert whatsapp["placement"]["desktop"]["corner"] == "none"
    assert whatsapp["placement"]["mobile"]["corner"] == "bottom-left"
    assert whatsapp["placement"]["mobile"]["visible"] is True


def test_two_vendors_are_recorded_as_facts(chat_run: tuple[Path, dict[str, Any]]) -> None:
    _, artifacts = chat_run
    assert set(widgets(artifacts)) == {"tawk", "drift", "whatsapp-button"}
    drift = widgets(artifacts)["drift"]
    assert "script:js.driftt.com" in drift["evidence"] and "request:js.driftt.com" in drift["evidence"]
    assert drift["instances"] == 1


def test_screenshots_are_in_the_run_directory_and_in_the_report(chat_run: tuple[Path, dict[str, Any]]) -> None:
    out, artifacts = chat_run
    placement = widgets(artifacts)["tawk"]["placement"]
    assert placement["desktop"]["screenshot"] == "screenshots/chat-site-desktop.png"
    assert placement["mobile"]["screenshot"] == "screenshots/chat-site-mobile.png"
    assert png_size(out / "screenshots" / "chat-site-desktop.png") == (1366, 768)
    assert png_size(out / "screenshots" / "chat-site-mobile.png") == (390, 844)
    assert not (out / "screenshots" / "chat-site-contact-desktop.png").exists()  # no widget, no picture
    soup = BeautifulSoup((out / "report.html").read_text(encoding="utf-8"), "html.parser")
    # The chat section shows the run's own PNG files, embedded in the report, each once.
    embedded = {
        path.name: "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode()
        for path in (out / "screenshots").glob("*.png")
    }
    shown = [uri for uri, _ in places(soup, "#channel-chat")]
    assert shown and set(shown) <= set(embedded.values())
    assert {embedded["chat-site-desktop.png"], embedded["chat-site-mobile.png"]} <= set(shown)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert all(html.count(uri) <= 1 for uri in embedded.values())
    assert validate_report(json.loads((out / "report.json").read_text(encoding="utf-8"))) == []
