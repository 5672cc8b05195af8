from auditor.gather.extract.page import extract_page

URL = "https://fernhill.com.au/"


def channels(html: str) -> tuple[object, list[str]]:
    page = extract_page(html, URL, domain="fernhill.com.au")
    return page.channels, page.page.warnings


def test_json_ld_contacts_addresses_and_hours() -> None:
    found, warnings = channels(
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{'
        '"@type": "VeterinaryCare", "email": "mailto:Care@Fernhill.com.au", "telephone": "+61 2 9374 4000",'
        '"sameAs": ["https://www.facebook.com/fernhill"], "openingHours": "Mo-Fr 08:00-19:00",'
        '"address": {"@type": "PostalAddress", "streetAddress": "88 Glebe Point Rd", "addressLocality": "Glebe",'
        '"postalCode": "2037", "addressCountry": "AU"},'
        '"contactPoint": {"@type": "ContactPoint", "contactType": "emergencies", "telephone": "+61 2 9374 4099"}}]}'
        '</script><script type="application/ld+json">{ broken </script></head><body></body></html>'
    )
    assert [(e.address, e.sources) for e in found.emails] == [("care@fernhill.com.au", ["jsonld"])]  # type: ignore[attr-defined]
    assert {(p.e164, p.label) for p in found.phones} == {("+61293744000", None), ("+61293744099", "emergencies")}  # type: ignore[attr-defined]
    assert [s.url for s in found.social] == ["https://facebook.com/fernhill"]  # type: ignore[attr-defined]
    (address,) = found.addresses  # type: ignore[attr-defined]
    assert (address.text, address.country, address.sources) == ("88 Glebe Point Rd, 2037, Glebe, AU", "AU", ["jsonld"])
    assert [h.text for h in found.opening_hours] == ["Mo-Fr 08:00-19:00"]  # type: ignore[attr-defined]
    assert warnings == ["JSON-LD block 2 is not valid JSON; it was skipped"]


def test_microdata_and_hcard() -> None:
    found, _ = channels(
        '<div itemscope itemtype="https://schema.org/BookStore"><span itemprop="email">orders@fernhill.com.au</span>'
        '<meta itemprop="telephone" content="+61 2 9374 4000"></div>'
        '<div class="vcard"><a class="email" href="mailto:studio@fernhill.com.au">Studio</a></div>'
    )
    sources: dict[str, set[str]] = {}
    for email in found.emails:  # type: ignore[attr-defined]
        sources.setdefault(email.address, set()).update(email.sources)
    assert sources == {"orders@fernhill.com.au": {"microdata", "text"}, "studio@fernhill.com.au": {"mailto", "hcard"}}
    assert [p.sources for p in found.phones] == [["microdata"]]  # type: ignore[attr-defined]


def test_address_blocks_with_a_postcode_and_stated_opening_hours() -> None:
    found, _ = channels(
        "<footer><address>Bäckerei Sonnenschein<br>Lindenweg 4<br>80331 München<br>Tel. 089 4520 1180</address>"
        "<address><a href='mailto:a@fernhill.com.au'>a@fernhill.com.au</a></address>"
        "<p>Öffnungszeiten: Mo–Sa 6:30–18:00 Uhr</p><p>We opened in 1998 – 2004 was our best year.</p></footer>"
    )
    assert [a.text for a in found.addresses] == ["Bäckerei Sonnenschein, Lindenweg 4, 80331 München"]  # type: ignore[attr-defined]
    assert [h.text for h in found.opening_hours] == ["Öffnungszeiten: Mo–Sa 6:30–18:00 Uhr"]  # type: ignore[attr-defined]


def test_contact_page_by_its_main_heading() -> None:
    page = extract_page("<h1>お問い合わせ</h1><p>x</p>", "https://hikari.co.jp/p/7.html", domain="hikari.co.jp")
    assert page.page.is_contact_page
    assert not extract_page(
        "<h1>会社概要</h1>", "https://hikari.co.jp/p/3.html", domain="hikari.co.jp"
    ).page.is_contact_page
