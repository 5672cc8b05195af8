"""A real crawl of a small site whose contact link leads to a missing page."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dead_link_run(sites: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any], dict[str, Any]]:
    out = tmp_path_factory.mktemp("dead-link-run")
    done = run_cli("audit", f"{sites}/deadlink/", "--out", str(out), "--delay", "0", "--quiet", "--no-history")
    assert done.returncode in (0, 1), done.stderr
    artifacts = json.loads((out / "artifacts.json").read_text(encoding="utf-8"))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return sites, artifacts, report


def test_the_missing_pages_are_kept_with_what_led_to_them(dead_link_run: tuple[str, Any, Any]) -> None:
    sites, artifacts, _ = dead_link_run
    pages = {p["url"]: p for p in artifacts["pages"]}
    contact = pages[f"{sites}/deadlink/get-in-touch.html"]
    assert contact["status"] == 404
    assert contact["referrer"] in (f"{sites}/deadlink/", f"{sites}/deadlink/services.html")
    assert contact["link_text"] == "Write to us"
    assert pages[f"{sites}/deadlink/prices.html"]["status"] == 404
    assert pages[f"{sites}/deadlink/services.html"]["status"] == 200


def test_broken_contact_links_fails_and_names_the_link(dead_link_run: tuple[str, Any, Any]) -> None:
    sites, _, report = dead_link_run
    check = {c["id"]: c for c in report["checks"]}["broken-contact-links"]
    assert check["score"] == 0
    (evidence,) = check["evidence"]  # the dead price list is not a contact link
    assert evidence["url"] == f"{sites}/deadlink/get-in-touch.html"
    assert evidence["snippet"].startswith('HTTP 404: "Write to us" on ')
    assert "1 other page" in evidence["snippet"]
