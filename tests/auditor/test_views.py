"""What a page shows, as one key: the same view under two URLs is one page, and a
"not found" view is a broken link whatever the server answered."""

from __future__ import annotations

from auditor.gather.assemble import CrawlOutcome, assemble
from auditor.gather.extract.findings import PageFindings
from auditor.gather.extract.page import extract_page

BASE = "https://www.fernhill-tea.co.uk"
NAV = "<header><nav><a href='/'>Home</a> <a href='/faq'>FAQ</a> <a href='/contact'>Contact</a></nav></header>"


def view(body: str, path: str, *, depth: int = 1, rendered: bool = True) -> PageFindings:
    html = f"<html><head><title>Fernhill</title></head><body>{NAV}<main>{body}</main></body></html>"
    return extract_page(html, BASE + path, domain="fernhill-tea.co.uk", depth=depth, rendered=rendered)


CONTACT = "<h1>Contact us</h1><p>Write to hello@fernhill-tea.co.uk</p>"
NOT_FOUND = "<h1>Oops</h1><p>Nothing lives at {path}. <a href='/'>Back home</a></p>"


def test_two_urls_of_one_route_show_one_view() -> None:
    assert view(CONTACT, "/contact").view == view(CONTACT, "/contact/").view
    assert view(CONTACT, "/contact").view != view("<h1>FAQ</h1>", "/faq").view


def test_a_view_that_echoes_its_own_url_is_the_same_view_under_every_url() -> None:
    one = view(NOT_FOUND.format(path="/contatc"), "/contatc")
    two = view(NOT_FOUND.format(path="/contact-audit-missing-1"), "/contact-audit-missing-1")
    assert one.view == two.view


def test_a_heading_that_says_not_found_in_the_sites_language() -> None:
    for heading in ("Page not found", "404", "Seite nicht gefunden", "Страница не найдена", "पेज नहीं मिला"):
        assert view(f"<h1>{heading}</h1>", "/x").says_not_found, heading
    for heading in ("What if my parcel is not found in the tracking system and the courier says it left?", "FAQ"):
        assert not view(f"<h1>{heading}</h1>", "/x").says_not_found, heading


def crawl(*findings: PageFindings, not_found_views: set[str] | None = None) -> CrawlOutcome:
    return CrawlOutcome(
        url=BASE + "/",
        home_url=BASE + "/",
        findings=list(findings),
        started_at="2026-12-01T00:00:00Z",
        finished_at="2026-12-01T00:01:00Z",
        not_found_views=not_found_views or set(),
    )


def test_a_route_showing_the_not_found_view_is_not_found_and_no_contact_page() -> None:
    probe = view(NOT_FOUND.format(path="/contact-audit-missing-1"), "/contact-audit-missing-1")
    home = view("<h1>Fernhill Tea Rooms</h1>", "/", depth=0)
    typo = view(NOT_FOUND.format(path="/contact-us"), "/contact-us")
    artifacts = assemble(crawl(home, typo, not_found_views={probe.view}))
    pages = {p.url: p for p in artifacts.pages}
    assert pages[BASE + "/contact-us"].not_found == 'shows the site\'s "not found" view (HTTP 200)'
    assert not pages[BASE + "/contact-us"].ok
    assert pages[BASE + "/"].not_found is None
    assert artifacts.channels.contact_pages == []


def test_a_rendered_route_that_shows_nothing_is_not_found() -> None:
    home = view("<h1>Fernhill Tea Rooms</h1>", "/", depth=0)
    blank = extract_page(
        "<html><body><div id='root'></div></body></html>",
        BASE + "/faq",
        domain="fernhill-tea.co.uk",
        depth=1,
        rendered=True,
    )
    raw = extract_page(
        "<html><body><div id='root'></div></body></html>", BASE + "/about", domain="fernhill-tea.co.uk", depth=1
    )
    pages = {p.url: p for p in assemble(crawl(home, blank, raw)).pages}
    assert pages[BASE + "/faq"].not_found == "shows nothing once its scripts ran"
    assert pages[BASE + "/about"].not_found is None  # not rendered: its HTML cannot say


def test_a_contact_shown_under_two_urls_of_one_route_counts_once() -> None:
    home = view("<h1>Fernhill Tea Rooms</h1>", "/", depth=0)
    first, second = view(CONTACT, "/contact"), view(CONTACT, "/contact/")
    artifacts = assemble(crawl(home, first, second))
    (email,) = artifacts.channels.emails
    assert email.pages == [BASE + "/contact"]
    pages = {p.url: p for p in artifacts.pages}
    assert pages[BASE + "/contact/"].same_as == BASE + "/contact"
    assert [c.url for c in artifacts.channels.contact_pages] == [BASE + "/contact"]


def test_unrendered_app_shells_are_not_taken_for_one_page() -> None:
    shell = "<html><body><div id='root'></div><script src='/app.js'></script></body></html>"
    home = view("<h1>Fernhill Tea Rooms</h1>", "/", depth=0)
    faq, about = (extract_page(shell, BASE + path, domain="fernhill-tea.co.uk", depth=1) for path in ("/faq", "/about"))
    assert faq.app_shell and faq.view == about.view
    pages = {p.url: p for p in assemble(crawl(home, faq, about)).pages}
    assert pages[BASE + "/about"].same_as is None and pages[BASE + "/faq"].same_as is None
