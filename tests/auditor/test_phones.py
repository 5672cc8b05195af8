from auditor.extract.dom import parse
from auditor.extract.phones import find_phones, infer_region


def phones(html: str, region: str | None = "GB", contact_page: bool = False) -> dict[str, str]:
    return {p.e164 or p.raw: p.source for p in find_phones(parse(html), region, contact_page)}


def test_tel_callto_and_sms_links_are_phones() -> None:
    found = phones(
        '<a href="tel:+442079460958">Call</a><a href="callto:+4930123456">x</a><a href="sms:+447700900123">Text us</a>'
    )
    assert found == {"+442079460958": "tel", "+4930123456": "tel", "+447700900123": "sms"}


def test_labelled_text_numbers_in_several_languages() -> None:
    html = (
        "<main><p>Phone: 020 7946 0958</p><p>Телефон: +7 495 123-45-67</p>"
        "<p>फ़ोन: +91 22 2778 1234</p><p>📞 +49 30 1234567</p></main>"
    )
    assert set(phones(html)) == {"+442079460958", "+74951234567", "+912227781234", "+49301234567"}


def test_unlabelled_numbers_outside_contact_blocks_are_not_phones() -> None:
    assert phones("<main><p>Call volume rose. Ref +44 20 7946 0958 here.</p></main>".replace("Call", "Traffic")) == {}


def test_dates_order_numbers_prices_and_versions_are_not_phones() -> None:
    html = (
        "<footer><p>Order 20231105 shipped 05.10.2023.</p><p>Version 2.4.1 costs 1299.00</p>"
        "<p>VAT GB123456789</p><p>Postcode 90210-1234</p></footer>"
    )
    assert phones(html) == {}


def test_region_is_inferred_from_the_domain_then_the_language() -> None:
    assert infer_region("shop.co.uk", "en") == ("GB", "tld:co.uk")
    assert infer_region("127.0.0.1", "hi") == ("IN", "lang:hi")
    assert infer_region("shop.com", "de-AT") == ("AT", "lang:de-AT")
    assert infer_region("shop.com", "") == (None, "none")
