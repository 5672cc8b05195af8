"""Home pages an audit cannot go on from: each ends in exit 3 and one sentence saying why,
and nothing is requested that the failure made pointless or that lies off the site."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.hostile.conftest import AuditRun, audit, hosted
from tests.hostile.server import redirect

pytestmark = pytest.mark.slow

BUDGET = 30.0
# Links an error page carries, as real 404 and 500 pages do: following them is pointless.
NAV = '<nav><a href="about">About</a> <a href="contact">Contact</a> <a href="shop/">Shop</a></nav>'
OTHER_SITE = "<html><body><h1>Someone else</h1><p>owner@other-site.de</p></body></html>"


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[AuditRun, list[str]]]]:
    """Every case audited once, three at a time (they fail fast): name -> (run, requests its server got)."""
    tmp = tmp_path_factory.mktemp("failing-home")
    with (
        hosted() as (base, site),
        hosted(robots="User-agent: *\nDisallow: /\n") as (closed_base, closed),
        hosted() as (other_base, other),
    ):
        other_port = int(other_base.rsplit(":", 1)[1])
        other.page("/", OTHER_SITE)
        closed.page("/", f"<html><body>{NAV}<p>info@closed-cycles.de</p></body></html>")
        site.page("/gone/", f"<html><body><h1>Page not found</h1>{NAV}</body></html>", status=404)
        site.page("/broken/", f"<html><body><h1>Internal error</h1>{NAV}</body></html>", status=500)
        site.page("/empty/", b"")
        site.route("/away/", redirect(f"http://localhost:{other_port}/"))
        site.route("/loop/", redirect("/loop/again", status=301))
        site.route("/loop/again", redirect("/loop/", status=302))
        for hop in range(12):
            site.route(f"/chain/{hop}", redirect(f"/chain/{hop + 1}", status=301 if hop % 2 else 302))
        site.page("/chain/12", f"<html><body>{NAV}<p>chain@velo-werk.de</p></body></html>")
        cases = {
            "robots": (f"{closed_base}/", closed, "/"),
            "not_found": (f"{base}/gone/", site, "/gone/"),
            "server_error": (f"{base}/broken/", site, "/broken/"),
            "empty": (f"{base}/empty/", site, "/empty/"),
            "offsite": (f"{base}/away/", other, "/"),
            "loop": (f"{base}/loop/", site, "/loop/"),
            "long_chain": (f"{base}/chain/0", site, "/chain/"),
        }
        with ThreadPoolExecutor(max_workers=3) as pool:
            futures = {
                name: pool.submit(audit, url, tmp / name, budget=BUDGET, render=False)
                for name, (url, _, _) in cases.items()
            }
            done = {name: future.result() for name, future in futures.items()}
        yield {name: (done[name], server.paths(prefix)) for name, (_, server, prefix) in cases.items()}


def _one_sentence(run: AuditRun, *words: str) -> None:
    """Exit 3 and exactly one line on stderr, the error sentence, naming what went wrong."""
    assert run.returncode == 3, run.describe()
    assert run.seconds <= run.bound, run.describe()
    lines = run.error_lines()
    assert len(lines) == 1, run.describe()
    assert lines[0].startswith("contact-audit: error: "), run.describe()
    assert "Traceback" not in run.stderr
    for word in words:
        assert word.lower() in lines[0].lower(), run.describe()


def test_robots_txt_disallowing_everything_is_named(runs: dict[str, tuple[AuditRun, list[str]]]) -> None:
    run, requests = runs["robots"]
    _one_sentence(run, "robots.txt")
    assert requests == ["/robots.txt"], "only robots.txt may be read when it forbids everything"


@pytest.mark.parametrize(("case", "status"), [("not_found", "404"), ("server_error", "500")])
def test_a_failing_home_page_ends_the_audit(
    runs: dict[str, tuple[AuditRun, list[str]]], case: str, status: str
) -> None:
    run, _ = runs[case]
    _one_sentence(run, status)


@pytest.mark.parametrize("case", ["not_found", "server_error"])
def test_the_links_of_a_failing_home_page_are_not_crawled(
    runs: dict[str, tuple[AuditRun, list[str]]], case: str
) -> None:
    """The audit is over once the home page failed: its error page's links lead nowhere worth a request."""
    _, requests = runs[case]
    home = requests[0]
    followed = [path for path in requests if path != home and "contact-audit-missing" not in path]
    assert followed == [], f"links of the failing home page were crawled: {requests}"
    assert len(requests) <= 2, requests  # the home page, and one retry of a 5xx


def test_an_empty_home_page_is_said_to_be_empty(runs: dict[str, tuple[AuditRun, list[str]]]) -> None:
    run, _ = runs["empty"]
    assert run.returncode in (0, 1, 3), run.describe()
    assert "Traceback" not in run.stderr
    if run.returncode == 3:
        _one_sentence(run, "empty")
    else:
        assert any("empty" in w.lower() for w in run.warnings()), (
            f"a zero-byte home page was audited as a page with no contacts, without a word: "
            f"warnings {run.warnings()}, score {run.report['score']}"
        )


def test_a_home_redirecting_to_another_site_is_refused_unvisited(runs: dict[str, tuple[AuditRun, list[str]]]) -> None:
    run, other_site_requests = runs["offsite"]
    _one_sentence(run, "another site")
    assert other_site_requests == []


@pytest.mark.parametrize("case", ["loop", "long_chain"])
def test_home_redirect_loops_and_long_chains_end_with_a_sentence(
    runs: dict[str, tuple[AuditRun, list[str]]], case: str
) -> None:
    run, requests = runs[case]
    _one_sentence(run, "redirect")
    assert len(requests) <= 8, requests
