"""Real crawls where only JavaScript shows a contact: on a group of inner pages, and in a hash-routed app."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.slow


def audit(sites: str, path: str, out: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    done = run_cli("audit", f"{sites}/{path}/", "--out", str(out), "--delay", "0", "--quiet", "--no-history")
    assert done.returncode in (0, 1), done.stderr
    artifacts = json.loads((out / "artifacts.json").read_text(encoding="utf-8"))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return artifacts, report


def test_an_email_only_the_shops_own_script_writes_is_found_on_every_shop_page(sites: str, tmp_path: Path) -> None:
    artifacts, report = audit(sites, "jsgroups", tmp_path)
    (email,) = [e for e in report["channels"]["emails"] if e["address"] == "orders@velo-werk.de"]
    assert "rendered" in email["sources"]
    shop = {f"{sites}/jsgroups/shop/{name}.html" for name in ("saddles", "wheels", "frames")}
    assert set(email["pages"]) == shop
    pages = {p["url"]: p for p in artifacts["pages"]}
    assert all(pages[url]["rendered"] for url in shop)
    # The blog's script changed nothing on its first page: the other posts keep their raw HTML, and say why.
    blog = [pages[f"{sites}/jsgroups/blog/{name}.html"] for name in ("one", "two", "three")]
    assert sum(p["rendered"] for p in blog) == 1
    for page in blog:
        assert page["render_reason"], page["url"]
        if not page["rendered"]:
            assert page["render_reason"].startswith("not rendered")


def test_every_route_of_a_hash_routed_app_is_rendered(sites: str, tmp_path: Path) -> None:
    artifacts, report = audit(sites, "hashapp", tmp_path)
    addresses = {e["address"] for e in report["channels"]["emails"]}
    assert addresses == {"warranty@nimbus-repairs.co.uk", "hello@nimbus-repairs.co.uk"}
    pages = {p["url"]: p for p in artifacts["pages"]}
    assert pages[f"{sites}/hashapp/#/faq"]["rendered"]
    assert pages[f"{sites}/hashapp/#!/contact"]["is_contact_page"]
    assert f"{sites}/hashapp/#/contact" not in pages


def test_a_page_whose_script_goes_to_another_site_keeps_only_its_own_contacts(sites: str, tmp_path: Path) -> None:
    artifacts, report = audit(sites, "jsredirect", tmp_path)
    assert {e["address"] for e in report["channels"]["emails"]} == {"info@velo-werk.de"}
    partner = {p["url"]: p for p in artifacts["pages"]}[f"{sites}/jsredirect/partner.html"]
    assert not partner["rendered"]
    assert any("another site" in warning for warning in partner["warnings"])


def test_an_audit_past_its_time_budget_ends_with_what_it_has_marked_partial(sites: str, tmp_path: Path) -> None:
    done = run_cli(
        "audit", f"{sites}/jsgroups/", "--out", str(tmp_path), "--delay", "6", "--time-budget", "2",
        "--no-render", "--quiet", "--no-history",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    artifacts = json.loads((tmp_path / "artifacts.json").read_text(encoding="utf-8"))
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert artifacts["site"]["partial"] is True and report["site"]["partial"] is True
    assert any("time budget" in warning for warning in report["warnings"])
    assert 1 <= artifacts["site"]["pages_crawled"] < 7  # the home page, not the whole site


def test_an_audit_without_rendering_starts_no_browser_handler(sites: str, tmp_path: Path) -> None:
    done = run_cli(
        "audit", f"{sites}/jsgroups/", "--out", str(tmp_path), "--delay", "0", "--no-render", "--quiet", "--no-history"
    )
    assert done.returncode == 0, done.stderr
    log = (tmp_path / "crawl.log").read_text(encoding="utf-8")
    assert "Spider opened" in log  # the log is Scrapy's own, written for this crawl
    assert "scrapy-playwright" not in log
