"""Crawl traps: pages that make up new URLs for ever. The audit stays within --max-pages and
its time budget, and the real contact page, two clicks away, is still found."""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.hostile.conftest import AuditRun, audit, hosted
from tests.hostile.server import HostileHandler, HostileSite

pytestmark = pytest.mark.slow

MAX_PAGES = 30
BUDGET = 30.0
EMAIL = "hello@trap-cycles.de"
SESSION_PARAMS = frozenset({"sid", "jsessionid", "phpsessid", "sessionid"})


def _sid() -> str:
    return secrets.token_hex(8)


def _nav() -> str:
    # The contact page is not linked here: only from "About us", one click further.
    return (
        '<nav><a href="/traps/about">About us</a> <a href="/traps/cal?month=1">Events</a> '
        '<a href="/traps/shop?a=1&amp;b=2">Shop</a> '
        f'<a href="/traps/members;jsessionid={_sid()}">Members</a> '
        f'<a href="/traps/search?sid={_sid()}&amp;q=bikes">Search</a></nav>'
    )


def _page(handler: HostileHandler, title: str, main: str) -> None:
    head = f"<!doctype html><html lang='en'><head><title>{title}</title></head>"
    content = f"{head}<body>{_nav()}<main>{main}</main></body></html>".encode()
    handler.head(200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(content))})
    handler.wfile.write(content)


def _links(urls: list[str]) -> str:
    return " ".join(f'<a href="{url.replace("&", "&amp;")}">{n}</a>' for n, url in enumerate(urls))


def _query(handler: HostileHandler) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(handler.path).query))


def calendar(handler: HostileHandler) -> None:
    """An endless calendar: every month links to the next, and to each of its days."""
    month = int(_query(handler).get("month", "1"))
    days = [f"/traps/cal?month={month}&day={day}" for day in range(1, 16)]
    _page(handler, f"Events, month {month}", _links([f"/traps/cal?month={month + 1}", *days]))


def shop(handler: HostileHandler) -> None:
    """Filters: the same filters in another order, and ever-new combinations."""
    params = list(_query(handler).items())
    same = [urlencode(list(reversed(params))), urlencode(sorted(params, key=lambda p: p[0][::-1]))]
    page = int(dict(params).get("page", "1"))
    new = [urlencode([*params, ("colour", f"c{n}")]) for n in range(6)]
    new += [urlencode([("size", f"s{n}"), *params, ("page", str(page + 1))]) for n in range(6)]
    _page(handler, "Shop", _links([f"/traps/shop?{q}" for q in [*same, *new]]))


def members(handler: HostileHandler) -> None:
    """A session id in every link, new in every answer."""
    urls = [f"/traps/members/p{n};jsessionid={_sid()}" for n in range(10)]
    _page(handler, "Members", _links([f"/traps/members;jsessionid={_sid()}", *urls]))


def search(handler: HostileHandler) -> None:
    q = _query(handler).get("q", "bikes")
    urls = [f"/traps/search?sid={_sid()}&q={q}&page={n}" for n in range(10)]
    _page(handler, "Search", _links(urls))


def _build(site: HostileSite) -> None:
    site.route("/traps/", lambda h: _page(h, "Trap Cycles", "<h1>Trap Cycles</h1><p>Bikes for every road.</p>"))
    site.route(
        "/traps/about",
        lambda h: _page(h, "About us", '<h1>About us</h1><p>Since 1990.</p><a href="/traps/contact">Contact us</a>'),
    )
    site.route(
        "/traps/contact",
        lambda h: _page(h, "Contact", f'<h1>Contact</h1><p>Write to <a href="mailto:{EMAIL}">{EMAIL}</a>.</p>'),
    )
    site.route("/traps/cal", calendar)
    site.route("/traps/shop", shop)
    site.route("/traps/members", members)
    site.route_prefix("/traps/members/", members)
    site.route("/traps/search", search)


@pytest.fixture(scope="module")
def trapped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AuditRun, list[str]]]:
    with hosted() as (base, site):
        _build(site)
        run = audit(
            f"{base}/traps/",
            tmp_path_factory.mktemp("traps") / "run",
            "--max-pages",
            str(MAX_PAGES),
            budget=BUDGET,
            render=False,
        )
        yield run, [p for p in site.paths("/traps/") if "contact-audit-missing" not in p]


def test_the_audit_stays_within_max_pages_and_its_time(trapped: tuple[AuditRun, list[str]]) -> None:
    run, requests = trapped
    assert run.returncode in (0, 1), run.describe()
    assert run.seconds <= run.bound, run.describe()
    assert run.report["site"]["pages_crawled"] <= MAX_PAGES
    assert len(requests) <= MAX_PAGES, f"{len(requests)} pages requested: {requests}"


def test_the_real_contact_page_is_still_found(trapped: tuple[AuditRun, list[str]]) -> None:
    run, requests = trapped
    assert "/traps/contact" in requests, f"the traps ate the page budget before the contact page: {requests}"
    assert any(url.endswith("/traps/contact") for url in run.contact_pages()), run.contact_pages()
    assert EMAIL in run.emails()


def _canonical(path: str, drop: frozenset[str] = frozenset()) -> str:
    parts = urlsplit(path)
    route = parts.path.split(";", 1)[0] if "jsessionid" in drop else parts.path
    query = sorted((k, v) for k, v in parse_qsl(parts.query) if k.lower() not in drop)
    return f"{route}?{urlencode(query)}"


def test_the_same_filters_in_another_order_are_one_page(trapped: tuple[AuditRun, list[str]]) -> None:
    _, requests = trapped
    twice = [page for page, count in Counter(_canonical(p) for p in requests).items() if count > 1]
    assert twice == [], f"fetched more than once under reordered queries: {twice}"


def test_session_ids_do_not_make_new_pages(trapped: tuple[AuditRun, list[str]]) -> None:
    _, requests = trapped
    pages = Counter(_canonical(p, SESSION_PARAMS) for p in requests)
    twice = {page: count for page, count in pages.items() if count > 1}
    assert twice == {}, f"the same page fetched under new session ids (page: times): {twice}"


SLOW_BUDGET = 8.0
SLOW_EMAIL = "hello@slow-cycles.de"


def slow_page(handler: HostileHandler) -> None:
    """Every page takes a second and links to five new ones: more site than the budget allows."""
    handler.site.stopping.wait(1.0)
    route = urlsplit(handler.path).path
    links = " ".join(f'<a href="{route.rstrip("/")}/{n}">Page {n}</a>' for n in range(5))
    contact = f'<a href="mailto:{SLOW_EMAIL}">{SLOW_EMAIL}</a>' if route.endswith("/contact") else ""
    content = f"""<html lang="en"><head><title>Slow Cycles</title></head><body>
        <nav><a href="/slow/contact">Contact</a></nav><main>{links}{contact}</main></body></html>""".encode()
    handler.head(200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(content))})
    handler.wfile.write(content)


def test_a_site_bigger_than_the_time_budget_ends_partial_and_says_so(tmp_path: Path) -> None:
    with hosted() as (base, site):
        site.route_prefix("/slow/", slow_page)
        run = audit(f"{base}/slow/", tmp_path / "run", "--max-pages", "200", budget=SLOW_BUDGET, render=False)
    assert run.returncode in (0, 1), run.describe()
    assert run.seconds <= run.bound, run.describe()
    assert run.report["site"]["partial"] is True
    assert any("time budget" in w for w in run.warnings()), run.warnings()
    assert SLOW_EMAIL in run.emails()
