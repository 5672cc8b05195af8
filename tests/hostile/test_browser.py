"""Pages that fight the browser or never finish: a slow drip, a page that stalls, dialog
and popup loops, a DOM that never stops changing, a script that never ends. The audit
ends within its time, keeps each page with what it could read or a warning, and still
finds the contacts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.hostile.conftest import AuditRun, audit, hosted
from tests.hostile.server import HostileSite, drip, stall

pytestmark = pytest.mark.slow

BUDGET = 40.0
# A page's timeout (crawl.timeout, 20 s by default) halved: every case here waits for one.
CONFIG = "[crawl]\ntimeout = 10\n"
HOME_EMAIL = "info@fighting-cycles.de"
CONTACT_EMAIL = "help@fighting-cycles.de"
JS_EMAIL = "ticker@fighting-cycles.de"
SPIN_EMAIL = "info@spinning-cycles.de"
SPIN_CONTACT_EMAIL = "desk@spinning-cycles.de"

# Each page's script has its own shape, so that each is the first of its group and rendered.
SCRIPTED = {
    "alerts": 'while (true) { alert("Are you sure?"); }',
    "leave": """window.onbeforeunload = function (e) { e.preventDefault(); e.returnValue = "stay"; return "stay"; };
        setInterval(function () { confirm("Leave?"); prompt("Why?"); }, 300);""",
    "popups": """for (var i = 0; i < 40; i++) { window.open("/b/popup?n=" + i); }
        setInterval(function () { window.open("/b/popup?late=" + Date.now(), "_blank"); }, 500);""",
    "mutate": f"""var ticker = document.getElementById("ticker"), n = 0;
        ticker.insertAdjacentHTML("afterend", "<p>Write to <a href='mailto:{JS_EMAIL}'>{JS_EMAIL}</a></p>");
        (function tick() {{
          ticker.textContent = "tick " + (n++); ticker.dataset.n = n; requestAnimationFrame(tick);
        }})();
        setInterval(function () {{ document.body.classList.toggle("odd"); }}, 5);""",
}


def _page(title: str, main: str, script: str = "", head: str = "") -> str:
    return f"""<!doctype html><html lang="en"><head><title>{title}</title>{head}</head><body>
        <main><h1>{title}</h1>{main}</main><script>{script}</script></body></html>"""


def _build(site: HostileSite) -> None:
    nav = " ".join(
        f'<a href="/b/{name}">{name.title()}</a>'
        for name in ("contact", "drip", "forever", "slowscript", "alerts", "leave", "popups", "mutate")
    )
    site.page(
        "/b/",
        f"""<!doctype html><html lang="en"><head><title>Fighting Cycles</title></head><body><nav>{nav}</nav>
        <main><h1>Fighting Cycles</h1></main><footer><a href="mailto:{HOME_EMAIL}">{HOME_EMAIL}</a></footer>
        <script>document.documentElement.dataset.ready = "yes";</script></body></html>""",
    )
    site.page(
        "/b/contact",
        _page("Contact", f'<p>Write to <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>.</p>', "var contact = 1;"),
    )
    site.route("/b/drip", drip(b"<!doctype html><html><head><title>Slow</title></head><body><p>Loading"))
    site.route("/b/forever", stall(b"<!doctype html><html><head><title>Forever</title></head><body><p>Almost"))
    site.page(
        "/b/slowscript",
        _page("Slow script", "<p>A script that never arrives.</p>", head='<script src="/b/drip.js"></script>'),
    )
    site.route("/b/drip.js", drip(b"/* loading */", seconds=600))
    site.page("/b/popup", "<html><body><p>A popup.</p></body></html>")
    site.page("/b/mutate", _page("Ticker", '<div id="ticker">tick</div>', SCRIPTED["mutate"]))
    for name in ("alerts", "leave", "popups"):
        site.page(f"/b/{name}", _page(name.title(), f"<p>The {name} page.</p>", SCRIPTED[name]))


def _spin(site: HostileSite) -> None:
    # The home page's script loops for ever once the page has loaded, as a broken
    # analytics snippet does; another page loops while it is being parsed.
    site.page(
        "/spin/",
        f"""<!doctype html><html lang="en"><head><title>Spinning Cycles</title></head><body>
        <nav><a href="/spin/contact">Contact</a> <a href="/spin/inline">Offers</a></nav>
        <main><h1>Spinning Cycles</h1></main><footer><a href="mailto:{SPIN_EMAIL}">{SPIN_EMAIL}</a></footer>
        <script>window.addEventListener("load", function () {{
          setTimeout(function () {{ while (true) {{}} }}, 0);
        }});</script>
        </body></html>""",
    )
    site.page("/spin/inline", _page("Offers", "<p>Offers.</p>", "while(true){}"))
    site.page(
        "/spin/contact",
        _page("Contact", f'<p>Write to <a href="mailto:{SPIN_CONTACT_EMAIL}">{SPIN_CONTACT_EMAIL}</a>.</p>'),
    )


@dataclass
class Fought:
    run: AuditRun
    base: str
    site: HostileSite


@pytest.fixture(scope="module")
def fought(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fought]:
    with hosted() as (base, site):
        _build(site)
        tmp = tmp_path_factory.mktemp("browser")
        (tmp / "audit.toml").write_text(CONFIG, encoding="utf-8")
        run = audit(f"{base}/b/", tmp / "run", "--config", str(tmp / "audit.toml"), budget=BUDGET)
        yield Fought(run, base, site)


@pytest.fixture(scope="module")
def spinning(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fought]:
    with hosted() as (base, site):
        _spin(site)
        tmp = tmp_path_factory.mktemp("spin")
        (tmp / "audit.toml").write_text(CONFIG, encoding="utf-8")
        run = audit(f"{base}/spin/", tmp / "run", "--config", str(tmp / "audit.toml"), budget=20.0, allowance=60.0)
        yield Fought(run, base, site)


def test_the_audit_ends_within_its_time(fought: Fought) -> None:
    run = fought.run
    assert not run.killed, run.describe()
    assert run.returncode in (0, 1), run.describe()


def test_the_contacts_are_still_found(fought: Fought) -> None:
    assert {HOME_EMAIL, CONTACT_EMAIL} <= fought.run.emails(), fought.run.describe()


@pytest.mark.parametrize("name", ["drip", "forever"])
def test_a_page_that_never_finishes_is_kept_with_an_error(fought: Fought, name: str) -> None:
    url = f"{fought.base}/b/{name}"
    page = fought.run.page(url)
    assert page is not None, f"{url} is not in artifacts.json"
    assert page["error"], page
    assert any(url in warning for warning in fought.run.warnings()), fought.run.warnings()


@pytest.mark.parametrize("name", ["slowscript", "alerts", "leave", "popups", "mutate"])
def test_a_hostile_page_is_rendered_or_says_why_not(fought: Fought, name: str) -> None:
    page = fought.run.page(f"{fought.base}/b/{name}")
    assert page is not None, fought.run.describe()
    said = [w for w in page["warnings"] if "render" in w or "measured" in w]
    assert page["rendered"] or said, f"neither rendered nor a warning: {page['render_reason']!r}, {page['warnings']}"


def test_a_page_whose_dom_never_settles_is_still_read(fought: Fought) -> None:
    page = fought.run.page(f"{fought.base}/b/mutate")
    assert page is not None and page["rendered"], page
    email = next((e for e in fought.run.report["channels"]["emails"] if e["address"] == JS_EMAIL), None)
    assert email is not None and "rendered" in email["sources"], fought.run.report["channels"]["emails"]


def test_a_popup_loop_opens_no_windows(fought: Fought) -> None:
    popups = fought.site.paths("/b/popup?")
    assert len(popups) <= 3, f"{len(popups)} popup windows loaded, e.g. {popups[:5]}"


def test_a_script_that_never_ends_on_the_home_page_does_not_hang_the_audit(spinning: Fought) -> None:
    run = spinning.run
    assert not run.killed, run.describe()
    assert run.returncode in (0, 1), run.describe()
    assert {SPIN_EMAIL, SPIN_CONTACT_EMAIL} <= run.emails()
    assert any("render" in w for w in run.warnings()), run.warnings()
