"""Redirects that loop, chain, refresh for ever, or lead off the site: to another site, or to
another service on another port of the audited host. The audit goes on, bounded, finds the
contact page behind a short chain, and never asks the other service for anything."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.hostile.conftest import AuditRun, audit, hosted
from tests.hostile.server import HostileSite, body, redirect

pytestmark = pytest.mark.slow

BUDGET = 40.0
HOME_EMAIL = "info@redirect-cycles.de"
CONTACT_EMAIL = "desk@redirect-cycles.de"
OTHER_EMAIL = "owner@other-site.de"
INTERNAL_EMAIL = "root@internal-admin.de"
CHAIN = 40


@dataclass
class Redirected:
    run: AuditRun
    base: str
    site: HostileSite
    other: HostileSite
    other_base: str
    internal: HostileSite
    internal_port: str


def _build(site: HostileSite, other_base: str, internal_base: str) -> None:
    # The home page sits behind a three-hop chain: within what an audit follows.
    site.route("/redir/", redirect("/redir/hop1", status=301))
    site.route("/redir/hop1", redirect("/redir/hop2", status=302))
    site.route("/redir/hop2", redirect("/redir/home", status=307))
    site.page(
        "/redir/home",
        f"""<!doctype html><html lang="en"><head><title>Redirect Cycles</title></head><body>
        <nav><a href="/redir/go-contact">Contact</a> <a href="/redir/loop">Offers</a>
        <a href="/redir/chain/0">Archive</a> <a href="/redir/meta-a">News</a>
        <a href="/redir/partner">Partners</a> <a href="/redir/portal">Portal</a>
        <a href="/redir/service">Service status</a> <a href="{internal_base}/admin">Admin</a></nav>
        <main><h1>Redirect Cycles</h1><p>Bikes that come back.</p>
        <iframe src="{internal_base}/status" title="status"></iframe></main>
        <footer><a href="mailto:{HOME_EMAIL}">{HOME_EMAIL}</a></footer>
        <script>document.documentElement.dataset.ready = "yes";</script></body></html>""",
    )
    site.route("/redir/go-contact", redirect("/redir/moved", status=302))
    site.route("/redir/moved", redirect("/redir/contact", status=301))
    site.page(
        "/redir/contact",
        f"""<html lang="en"><head><title>Contact</title></head><body><h1>Contact</h1>
        <p>Write to <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>.</p></body></html>""",
    )
    site.route("/redir/loop", redirect("/redir/loop2", status=302))
    site.route("/redir/loop2", redirect("/redir/loop", status=301))
    for hop in range(CHAIN):
        site.route(f"/redir/chain/{hop}", redirect(f"/redir/chain/{hop + 1}", status=301 if hop % 2 else 302))
    site.page(f"/redir/chain/{CHAIN}", "<html><body><p>The end of the chain.</p></body></html>")
    for name, target in (("a", "b"), ("b", "a")):
        site.page(
            f"/redir/meta-{name}",
            f"""<html><head><meta http-equiv="refresh" content="0; url=/redir/meta-{target}"></head>
            <body><p>News {name}</p></body></html>""",
        )
    site.page(
        "/redir/partner",
        f"""<html lang="en"><head><title>Partners</title></head><body><p>Our partner.</p>
        <script>location.href = "{other_base}/";</script></body></html>""",
    )
    site.page(
        "/redir/portal",
        f"""<html lang="en"><head><title>Portal</title></head><body><p>The customer portal.</p>
        <script>window.location.assign("{internal_base}/login");</script></body></html>""",
    )
    site.route("/redir/service", redirect(f"{internal_base}/", status=302))


def _other_site(other: HostileSite) -> None:
    other.page(
        "/",
        f"""<html><head><title>Someone else</title></head><body><h1>Someone else</h1><p>{OTHER_EMAIL}</p>
        <script src="/other.js"></script><a href="/other-page">More</a></body></html>""",
    )
    other.page("/other.js", b"document.body.dataset.seen = 'yes';", content_type="text/javascript")


def _internal(internal: HostileSite) -> None:
    admin = f"<html><body><h1>Admin console</h1><p>{INTERNAL_EMAIL}</p></body></html>".encode()
    internal.route_prefix("/", body(admin))


@pytest.fixture(scope="module")
def redirected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Redirected]:
    with hosted() as (base, site), hosted() as (other_ip_base, other), hosted() as (internal_base, internal):
        # Another site: another host name; the same machine, so the test stays on it.
        other_base = other_ip_base.replace("127.0.0.1", "localhost")
        _build(site, other_base, internal_base)
        _other_site(other)
        _internal(internal)
        run = audit(f"{base}/redir/", tmp_path_factory.mktemp("redirects") / "run", budget=BUDGET)
        yield Redirected(run, base, site, other, other_base, internal, internal_base.rsplit(":", 1)[1])


def test_the_audit_goes_on_and_finds_the_contact_page_behind_a_chain(redirected: Redirected) -> None:
    run = redirected.run
    assert run.returncode in (0, 1), run.describe()
    assert run.seconds <= run.bound, run.describe()
    assert HOME_EMAIL in run.emails()
    assert CONTACT_EMAIL in run.emails()
    assert f"{redirected.base}/redir/contact" in run.contact_pages()


@pytest.mark.parametrize("prefix", ["/redir/loop", "/redir/chain/", "/redir/meta-"])
def test_redirect_loops_chains_and_meta_refresh_loops_are_bounded(redirected: Redirected, prefix: str) -> None:
    requests = redirected.site.paths(prefix)
    assert 1 <= len(requests) <= 22, requests


@pytest.mark.parametrize("prefix", ["/redir/loop", "/redir/chain/"])
def test_a_link_that_redirects_for_ever_is_kept_as_a_failed_page(redirected: Redirected, prefix: str) -> None:
    """Pages that did not load are kept, with what led to them, so broken links can be judged."""
    pages = [p for p in redirected.run.artifacts["pages"] if p["url"].startswith(redirected.base + prefix)]
    assert pages, f"no page under {prefix} in artifacts.json: the link was dropped without a trace"
    assert all(p["error"] or (p["status"] or 0) >= 300 for p in pages), pages


def test_another_port_of_the_audited_host_is_never_requested(redirected: Redirected) -> None:
    """A link, a frame, a script redirect and an HTTP redirect all point at the internal service."""
    assert redirected.internal.paths() == [], redirected.internal.paths()


def test_nothing_from_the_internal_service_reaches_the_report(redirected: Redirected) -> None:
    run = redirected.run
    assert INTERNAL_EMAIL not in (run.out / "report.json").read_text(encoding="utf-8")
    internal_base = "http://127.0.0.1:" + redirected.internal_port
    assert not [p["url"] for p in run.artifacts["pages"] if p["url"].startswith(internal_base)]


def test_another_site_a_script_redirects_to_is_not_audited(redirected: Redirected) -> None:
    run = redirected.run
    assert OTHER_EMAIL not in (run.out / "report.json").read_text(encoding="utf-8")
    assert not [p["url"] for p in run.artifacts["pages"] if p["url"].startswith(redirected.other_base)]
    partner = run.page(f"{redirected.base}/redir/partner")
    assert partner is not None
    # The browser may follow the script's navigation once; once it has left the site it
    # must not go on loading, running and inspecting the other site's page.
    requests = redirected.other.paths()
    assert set(requests) <= {"/"} and len(requests) <= 2, f"the other site was asked for: {requests}"
