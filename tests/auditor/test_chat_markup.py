"""Chat widgets from markup alone (a crawl without rendering): a snippet must name the
vendor as the place its code loads from."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.gather.extract.merge import build_channels
from auditor.gather.extract.page import extract_page

SITE = Path(__file__).parent.parent / "sites" / "chatfalse"
BASE = "http://127.0.0.1:8000/chatfalse"


def site_widgets(*names: str) -> list[str]:
    findings = [
        extract_page((SITE / f"{n}.html").read_text(encoding="utf-8"), f"{BASE}/{n}.html", domain="127.0.0.1")
        for n in names
    ]
    _, channels = build_channels(findings)
    return [w.vendor for w in channels.chat_widgets]


@pytest.mark.parametrize("name", ["class-only", "hubspot-cms", "rewritten-loader"])
def test_no_widget_from_markup_that_cannot_load_one(name: str) -> None:
    assert site_widgets(name) == []


def test_a_snippet_that_loads_from_the_vendor_is_a_widget() -> None:
    assert site_widgets("unreachable-loader", "rewritten-loader") == ["Tawk.to"]


def test_an_address_in_a_query_string_is_not_a_loader() -> None:
    html = (SITE / "rewritten-loader.html").read_text(encoding="utf-8")
    page = extract_page(html, f"{BASE}/rewritten-loader.html", domain="127.0.0.1")
    (widget,) = page.channels.chat_widgets  # kept on the page so that rendering can settle it
    assert widget.evidence == ["snippet:Tawk_API", "snippet:Tawk_LoadStart"]
