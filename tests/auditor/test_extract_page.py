import base64

from auditor.gather.extract.dom import location_of, parse
from auditor.gather.extract.merge import build_channels
from auditor.gather.extract.page import extract_page

BASE = "https://shop.co.uk"


def test_page_regions_from_semantics_roles_and_class_names() -> None:
    soup = parse("""
      <header><nav><a id=a href=/x>x</a></nav><a id=b href=/y>y</a></header>
      <div role="contentinfo"><a id=c href=/z>z</a></div>
      <div class="site-footer"><a id=d href=/w>w</a></div>
      <div class="top-menu"><a id=e href=/v>v</a></div>
      <main><a id=f href=/u>u</a></main>
    """)
    where = {i: location_of(soup.find(id=i)) for i in "abcdef"}
    assert where == {"a": "nav", "b": "header", "c": "footer", "d": "footer", "e": "nav", "f": "main"}


def test_links_stay_on_site_and_say_whether_they_lead_to_contact() -> None:
    findings = extract_page(
        '<footer><a href="/kontakt/">Kontakt</a><a href="https://other.com/contact">x</a>'
        '<a href="https://help.shop.co.uk/">Hilfe</a><a href="mailto:a@shop.co.uk">a</a></footer>',
        f"{BASE}/",
        domain="shop.co.uk",
    )
    links = {(lk.url, lk.location, lk.contact_like) for lk in findings.page.links}
    assert links == {(f"{BASE}/kontakt/", "footer", True), ("https://help.shop.co.uk/", "footer", True)}


def test_a_page_is_a_contact_page_by_title_in_its_language() -> None:
    findings = extract_page("<html lang=te><title>సంప్రదించండి | షాప్</title></html>", f"{BASE}/p/7", domain="shop.co.uk")
    assert findings.page.is_contact_page
    assert findings.page.lang == "te"


def test_merge_counts_each_contact_once_with_every_page_and_place() -> None:
    home = extract_page(
        '<footer><a href="mailto:Info@Shop.co.uk">x</a><a href="/c">Contact</a>'
        '<a href="https://facebook.com/shop">f</a></footer>',
        f"{BASE}/",
        domain="shop.co.uk",
    )
    contact = extract_page(
        '<main><p>info@shop.co.uk</p><a href="https://www.facebook.com/shop/">f</a></main>',
        f"{BASE}/c",
        domain="shop.co.uk",
        depth=1,
    )
    pages, channels = build_channels([home, contact])
    (email,) = channels.emails
    assert email.address == "info@shop.co.uk"
    assert email.pages == [f"{BASE}/", f"{BASE}/c"]
    assert set(email.sources) == {"mailto", "text"}
    assert set(email.locations) == {"footer", "main", "contact-page"}
    assert len(channels.social) == 1
    (contact_page,) = channels.contact_pages
    assert (contact_page.url, contact_page.linked_from) == (f"{BASE}/c", [f"{BASE}/"])
    assert pages[1].is_contact_page


def test_broken_markup_still_yields_contacts() -> None:
    findings = extract_page(
        "<html><body><footer><p>Tel: <a href='tel:+442079460958'>020 7946 0958<div><table><tr><td>help@shop.co.uk",
        f"{BASE}/",
        domain="shop.co.uk",
    )
    assert {p.e164 for p in findings.channels.phones} == {"+442079460958"}
    assert [e.address for e in findings.channels.emails] == ["help@shop.co.uk"]


def test_a_number_shown_as_text_where_it_is_not_linked_is_marked() -> None:
    home = extract_page(
        '<footer><a href="tel:+442079460958">020 7946 0958</a></footer>', f"{BASE}/", domain="shop.co.uk"
    )
    contact = extract_page(
        '<main><p>Phone: 020 7946 0958</p></main><footer><a href="tel:+442079460958">020 7946 0958</a></footer>',
        f"{BASE}/contact",
        domain="shop.co.uk",
    )
    _, channels = build_channels([home, contact])
    (phone,) = channels.phones
    assert phone.unlinked_on == [f"{BASE}/contact"]
    assert set(phone.sources) == {"tel", "text"}


def test_links_resolve_against_base_href_and_keep_hash_routes() -> None:
    html = """<html><head><base href="/app/"></head><body><nav>
      <a href="contact">Contact</a> <a href="#/faq">FAQ</a> <a href="#!/kontakt">Kontakt</a>
      <a href="#top">Top</a> <a href="#/">Home</a></nav></body></html>"""
    findings = extract_page(html, f"{BASE}/app/index.html", domain="shop.co.uk")
    links = {link.url: link.contact_like for link in findings.page.links}
    assert links == {
        f"{BASE}/app/contact": True,
        f"{BASE}/app/#/faq": False,
        f"{BASE}/app/#!/kontakt": True,
    }


def test_a_call_or_mail_link_opened_by_a_script_is_a_link_of_the_page() -> None:
    tel = base64.b64encode(b"tel:+442079460958").decode()
    mailto = base64.b64encode(b"mailto:help@shop.co.uk").decode()
    findings = extract_page(
        f"""<footer><a href="javascript:location.href=atob('{tel}')">020 7946 0958</a>
        <a href="javascript:void(0)" onclick="location.href=atob('{mailto}')">help@shop.co.uk</a>
        <a href="javascript:location.href=atob('{base64.b64encode(b"tel:+44").decode()}')">Call</a></footer>""",
        f"{BASE}/",
        domain="shop.co.uk",
    )
    _, channels = build_channels([findings])
    (phone,) = channels.phones
    assert (phone.e164, phone.sources, phone.unlinked_on) == ("+442079460958", ["tel"], [])
    (email,) = channels.emails
    assert (email.address, "mailto" in email.sources, email.unlinked_on) == ("help@shop.co.uk", True, [])
