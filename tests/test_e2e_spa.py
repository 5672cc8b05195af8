"""Real crawls of single-page apps with history routing, as a user checks the report.

Each fixture app under tests/sites/ answers every route with one index.html (SPA_ROOTS
in conftest.py) and shows its contacts only once its script has drawn an inner route:
a vanilla pushState app with a page only the app itself goes to and a mistyped contact
link, an app under a sub-path with `<base href>`, an app whose navigation has no href,
and a React Router app built with Vite.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.slow

Run = tuple[str, dict[str, Any], dict[str, Any]]
KINDS = ("emails", "phones", "messengers", "chat_widgets")
APPS = ("spa_history", "spa_sub", "spa_buttons", "spa_react")


def audit(sites: str, path: str, out: Path) -> Run:
    done = run_cli("audit", f"{sites}{path}", "--out", str(out), "--delay", "0", "--quiet", "--no-history")
    assert done.returncode in (0, 1), done.stderr
    artifacts = json.loads((out / "artifacts.json").read_text(encoding="utf-8"))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return sites, artifacts, report


@pytest.fixture(scope="module")
def spa_history(sites: str, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return audit(sites, "/spa-history/", tmp_path_factory.mktemp("spa-history"))


@pytest.fixture(scope="module")
def spa_sub(sites: str, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return audit(sites, "/spa-sub/app/", tmp_path_factory.mktemp("spa-sub"))


@pytest.fixture(scope="module")
def spa_buttons(sites: str, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return audit(sites, "/spa-buttons/", tmp_path_factory.mktemp("spa-buttons"))


@pytest.fixture(scope="module")
def spa_react(sites: str, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return audit(sites, "/spa-react/", tmp_path_factory.mktemp("spa-react"))


def route(url: str) -> str:
    """The route a URL shows: its path without a trailing slash, and its hash route if any."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/") or "/"
    return f"{path}#{parts.fragment}" if parts.fragment.startswith(("/", "!/")) else path


def routes(entry: dict[str, Any]) -> set[str]:
    return {route(url) for url in entry["pages"]}


def found(report: dict[str, Any], kind: str, key: str, value: str) -> dict[str, Any]:
    """The report's one entry of `channels[kind]` whose `key` is `value`, or a failure naming what it has."""
    entries = [entry for entry in report["channels"][kind] if entry[key] == value]
    assert entries, f"no {kind} entry with {key}={value!r}; the report has {[e[key] for e in report['channels'][kind]]}"
    (entry,) = entries
    return entry


def shown_rendered_on(entry: dict[str, Any], *expected: str) -> None:
    """The contact is reported on exactly these routes, as something only the rendered page shows."""
    assert routes(entry) == set(expected), entry["pages"]
    assert "rendered" in entry["sources"], entry["sources"]


def posts_to(posts: list[tuple[str, bytes]], prefix: str) -> list[str]:
    return [path for path, _ in posts if path.startswith(prefix)]


def test_history_app_contacts_on_inner_routes_are_found_where_they_are_shown(spa_history: Run) -> None:
    _, _, report = spa_history
    shown_rendered_on(found(report, "emails", "address", "wholesale@fernhill-tea.co.uk"), "/spa-history/faq")
    shown_rendered_on(found(report, "emails", "address", "privacy@fernhill-tea.co.uk"), "/spa-history/privacy")
    shown_rendered_on(found(report, "emails", "address", "hello@fernhill-tea.co.uk"), "/spa-history/contact")
    shown_rendered_on(found(report, "phones", "e164", "+442079460321"), "/spa-history/contact")
    whatsapp = found(report, "messengers", "target", "447700900461")
    assert whatsapp["network"] == "whatsapp"
    assert routes(whatsapp) == {"/spa-history/contact"}


def test_history_app_chat_is_found_only_on_the_route_that_loads_it(spa_history: Run) -> None:
    _, _, report = spa_history
    assert routes(found(report, "chat_widgets", "vendor_id", "crisp")) == {"/spa-history/faq"}


def test_a_route_only_the_apps_own_pushstate_reaches_is_audited(spa_history: Run) -> None:
    # "Support" in the nav is a <button> whose handler calls history.pushState: no link names the route.
    _, _, report = spa_history
    shown_rendered_on(found(report, "emails", "address", "orders-help@fernhill-tea.co.uk"), "/spa-history/support")


def test_a_mistyped_contact_route_that_draws_the_not_found_view_is_a_broken_contact_link(spa_history: Run) -> None:
    # The server answers /spa-history/contatc with 200 and the app's index.html; only the
    # rendered page says "Page not found" (a soft 404).
    sites, _, report = spa_history
    check = {c["id"]: c for c in report["checks"]}["broken-contact-links"]
    assert check["score"] == 0, check["display_value"]
    (evidence,) = [e for e in check["evidence"] if e["url"] == f"{sites}/spa-history/contatc"]
    snippet = evidence["snippet"]
    assert '"Contact us" on ' in snippet, snippet  # the link's text, then the page it is on
    named = snippet.split('"Contact us" on ', 1)[1].split(" and ", 1)[0]
    assert route(named) in {"/spa-history", "/spa-history/faq", "/spa-history/privacy", "/spa-history/contact"}


def test_a_sub_path_app_resolves_its_relative_links_against_its_base(spa_sub: Run) -> None:
    _, artifacts, report = spa_sub
    assert [e["address"] for e in report["channels"]["emails"]] == ["appointments@praxis-lindenhof.de"]
    shown_rendered_on(found(report, "emails", "address", "appointments@praxis-lindenhof.de"), "/spa-sub/app/contact")
    app_routes = {"/spa-sub/app", "/spa-sub/app/faq", "/spa-sub/app/about/hours", "/spa-sub/app/contact"}
    # Without the base, `contact` on /spa-sub/app/about/hours would be /spa-sub/app/about/contact: a not-found view.
    assert {route(p["url"]) for p in artifacts["pages"]} == app_routes


@pytest.mark.parametrize(
    ("element", "address", "shown_on"),
    [
        ("<button> in the header (pushState)", "orders@larkspur-flowers.com", "/spa-buttons/contact"),
        ('<span role="link"> in the nav (location.hash)', "workshops@larkspur-flowers.com", "/spa-buttons#/visit"),
        ("<div onclick> in the footer (pushState)", "returns@larkspur-flowers.com", "/spa-buttons/returns"),
    ],
)
def test_routes_behind_navigation_without_href_are_audited(
    spa_buttons: Run, element: str, address: str, shown_on: str
) -> None:
    _, _, report = spa_buttons
    shown_rendered_on(found(report, "emails", "address", address), shown_on)
    if shown_on == "/spa-buttons/contact":
        shown_rendered_on(found(report, "phones", "e164", "+12125550147"), shown_on)


def test_the_newsletter_form_is_never_submitted(spa_buttons: Run, site_posts: list[tuple[str, bytes]]) -> None:
    # The form is on every route, in the footer; it has no message field, so it is no contact form.
    sites, artifacts, _ = spa_buttons
    home = {p["url"]: p for p in artifacts["pages"]}[f"{sites}/spa-buttons/"]
    assert home["rendered"], home["render_reason"]  # the form was in front of the audit
    assert posts_to(site_posts, "/spa-buttons/") == []


def test_react_router_app_contacts_are_found_where_they_are_shown(
    spa_react: Run, site_posts: list[tuple[str, bytes]]
) -> None:
    _, _, report = spa_react
    addresses = {e["address"] for e in report["channels"]["emails"]}
    assert addresses == {"lenses@kestrel-optics.nl", "info@kestrel-optics.nl"}
    shown_rendered_on(found(report, "emails", "address", "lenses@kestrel-optics.nl"), "/spa-react/faq")
    shown_rendered_on(found(report, "emails", "address", "info@kestrel-optics.nl"), "/spa-react/contact")
    shown_rendered_on(found(report, "phones", "e164", "+31207946012"), "/spa-react/contact")
    whatsapp = found(report, "messengers", "target", "31612345678")
    assert whatsapp["network"] == "whatsapp"
    assert routes(whatsapp) == {"/spa-react/contact"}
    (form,) = [f for f in report["channels"]["forms"] if route(f["page"]) == "/spa-react/contact"]
    assert "email" in {field["kind"] for field in form["fields"]}, form["fields"]
    assert posts_to(site_posts, "/spa-react/") == []


@pytest.mark.parametrize("app", APPS)
def test_no_contact_is_listed_under_two_urls_of_one_route(app: str, request: pytest.FixtureRequest) -> None:
    # /spa-history/ links both /contact and /contact/: one route, one page, one DOM.
    _, _, report = request.getfixturevalue(app)
    for kind in KINDS:
        for entry in report["channels"][kind]:
            twice = {r: n for r, n in Counter(route(url) for url in entry["pages"]).items() if n > 1}
            assert not twice, f"{kind}: {entry['pages']}"


@pytest.mark.parametrize("app", APPS)
def test_each_page_is_audited_once(app: str, request: pytest.FixtureRequest) -> None:
    # React Router writes the home link as /spa-react, which the server redirects to /spa-react/, the start page.
    _, artifacts, _ = request.getfixturevalue(app)
    twice = [url for url, n in Counter(p["url"] for p in artifacts["pages"]).items() if n > 1]
    assert twice == []


def test_app_routes_left_unrendered_by_the_render_budget_make_the_run_partial(sites: str, tmp_path: Path) -> None:
    done = run_cli(
        "audit", f"{sites}/spa-history/", "--out", str(tmp_path), "--delay", "0", "--quiet", "--no-history",
        env={"CONTACT_AUDIT_RENDER_BUDGET": "2"},
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["site"]["partial"] is True
    (warning,) = [w for w in report["warnings"] if "render budget (2 pages" in w]
    assert "app-shell routes" in warning and "crawl.render_budget" in warning
