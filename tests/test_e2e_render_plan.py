"""Real crawls where only JavaScript shows a contact: on a group of inner pages, and in a hash-routed app."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import pytest

from auditor.demo.sitehost import QuietHandler, serve
from tests.conftest import audit_without_delay, run_cli

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


class _CountingHandler(QuietHandler):
    """Counts the pages served two links from home; `/progress` answers "done" once three of them were."""

    served: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if self.path.startswith("/deep"):
            type(self).served.append(self.path)
        if self.path == "/progress":
            body = b"done" if len(self.served) >= 3 else b"waiting"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


# The home page stays busy (its DOM changes every 100 ms) until the server has served
# three pages that only inner pages link to, then writes an email and goes quiet: its
# render ends with the email only if the crawl went on while the browser waited on it.
BUSY_HOME = """<!doctype html><html><head><title>Velo-Werk</title></head><body>
<nav>{links}</nav><p id="tick">0</p>
<script>
const tick = setInterval(async () => {{
  document.getElementById("tick").textContent = String(Date.now());
  if (await (await fetch("/progress")).text() === "done") {{
    clearInterval(tick);
    document.body.insertAdjacentHTML("beforeend", '<a href="mailto:crawl-went-on@velo-werk.de">Write to us</a>');
  }}
}}, 100);
</script></body></html>"""


def test_the_crawl_goes_on_while_the_browser_waits_on_a_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    names = [f"p{n}.html" for n in range(1, 7)]
    links = "".join(f'<a href="/{name}">Page {name}</a>' for name in names)
    (site / "index.html").write_text(BUSY_HOME.format(links=links), encoding="utf-8")
    for name in names:
        page = f"<html><body><h1>{name}</h1><a href='/'>Home</a><a href='/deep-{name}'>More</a></body></html>"
        (site / name).write_text(page, encoding="utf-8")
        (site / f"deep-{name}").write_text(f"<html><body><h1>More on {name}</h1></body></html>", encoding="utf-8")
    # One request at a time: a render sharing the crawl's queue would hold it for the
    # whole wait, and the page would never see an inner page served.
    handler = type("Counting", (_CountingHandler,), {"served": []})
    out = tmp_path / "out"
    with serve(site, handler_class=handler) as base:
        done = audit_without_delay(base, out, concurrency=1, tmp=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    (email,) = [e for e in report["channels"]["emails"] if e["address"] == "crawl-went-on@velo-werk.de"]
    assert "rendered" in email["sources"]
    assert f"{base}/" in email["pages"]


class _TabsHandler(QuietHandler):
    """Records the beacons the shop's script sends: what each browser tab held when it rendered a page."""

    beacons: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if self.path.startswith("/tab?"):
            type(self).beacons.append(self.path)
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()


# The shop's own script writes an email named after the page it runs on, and tells the
# server what the browser tab it runs in holds: its history (longer in a tab that showed
# pages before) and what the site's session storage held before the page wrote in it, as
# it loaded and as it was left.
SHOP_SCRIPT = """
const name = location.pathname.split("/").pop().replace(".html", "");
const session = sessionStorage.length;
sessionStorage.setItem("last-page", name);
addEventListener("pagehide", () => sessionStorage.setItem("left-page", name));
fetch(`/tab?history=${history.length}&session=${session}&page=${name}`);
document.body.insertAdjacentHTML("beforeend", `<a href="mailto:${name}@velo-werk.de">Orders for ${name}</a>`);
"""


def test_renders_share_browser_tabs_and_each_page_keeps_only_its_own_contacts_and_session(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "shop").mkdir(parents=True)
    names = ["saddles", "wheels", "frames", "chains", "pedals", "brakes"]
    links = "".join(f'<a href="/shop/{name}.html">{name}</a>' for name in names)
    (site / "index.html").write_text(f"<html><body><nav>{links}</nav></body></html>", encoding="utf-8")
    (site / "shop.js").write_text(SHOP_SCRIPT, encoding="utf-8")
    for name in names:
        page = f"<html><body><h1>{name}</h1><a href='/'>Home</a><script src='/shop.js'></script></body></html>"
        (site / "shop" / f"{name}.html").write_text(page, encoding="utf-8")
    handler = type("Tabs", (_TabsHandler,), {"beacons": []})
    out = tmp_path / "out"
    with serve(site, handler_class=handler) as base:
        done = run_cli("audit", f"{base}/", "--out", str(out), "--delay", "0", "--quiet", "--no-history")
    assert done.returncode in (0, 1), done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    emails = {e["address"]: e for e in report["channels"]["emails"]}
    for name in names:
        email = emails[f"{name}@velo-werk.de"]
        # Found on its own page only: nothing of the page a tab showed before is left in it.
        assert email["pages"] == [f"{base}/shop/{name}.html"], email
        assert "rendered" in email["sources"]
    renders = [dict(pair.split("=") for pair in beacon.split("?", 1)[1].split("&")) for beacon in handler.beacons]
    assert {render["page"] for render in renders} >= set(names)
    # Some tab rendered more than one page, and each render started as in a new tab: no
    # session storage left by the page before.
    assert len({render["history"] for render in renders}) > 1, renders
    assert {render["session"] for render in renders} == {"0"}, renders
