from auditor.gather.extract.dom import parse
from auditor.gather.extract.phones import find_phones, infer_region


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


import pytest  # noqa: E402

from auditor.gather.extract.page import extract_page  # noqa: E402


@pytest.mark.parametrize(
    "text",
    [
        "Phone: 05.10.1986",  # a date
        "Phone: 2023-11-05",  # an ISO date
        "Tel: order 2023110512",  # an order number after the label
        "Телефон офиса; ИНН 7707083893",  # Russian taxpayer id
        "Телефон: ОГРН 1027700132195",  # Russian registration number
        "Tel. USt-IdNr.: DE 287654321",  # German VAT id
        "Phone (VAT): GB123456789",  # British VAT number
        "Call us in Portland, OR 97205-2941",  # ZIP+4
        "Phone firmware v3.10.2",  # a version string
        "Call for a quote: $1,299.00",  # a price
        "Tel: ₹ 1,299/-",  # a price in rupees
        "Phone: 192.168.100.200",  # an IP address
        "Fax: 020 7946 0959",  # a fax line is no way to call
        "Phone: 555-555-5555",  # template filler
        "Mobile: +91 9876543210",  # template filler
        "Phone: 123-456-7890",  # template filler
    ],
)
def test_numbers_that_are_not_phones(text: str) -> None:
    assert phones(f"<main><p>{text}</p></main>", region="US") == {}


def test_contact_block_words_vouch_for_a_number_in_the_footer() -> None:
    assert set(phones("<footer><p>Customer care: 1-503-224-7810</p></footer>", region="US")) == {"+15032247810"}
    assert phones("<main><p>Customer care: 1-503-224-7810</p></main>", region="US") == {}


def test_labels_in_more_languages_and_inflections() -> None:
    assert set(phones("<p>Приём по телефону 8-916-123-45-67</p>", region="RU")) == {"+79161234567"}
    assert set(phones("<p>Rufen Sie uns an: 040 3890 4410</p>", region="DE")) == {"+494038904410"}
    assert set(phones("<p>మొబైల్: 98490 12345</p>", region="IN")) == {"+919849012345"}
    assert set(phones("<p>電話: 03-5412-7788</p>", region="JP")) == {"+81354127788"}
    assert set(phones("<p>Portable : 06.12.34.56.78</p>", region="FR")) == {"+33612345678"}


def test_the_region_and_how_it_was_inferred_are_recorded() -> None:
    page = extract_page(
        "<html lang=de><main><p>Telefon: 0711 2525 3300</p><p>Tel: +44 20 7946 0958</p></main></html>",
        "https://krueger.de/kontakt",
        domain="krueger.de",
    )
    regions = {p.e164: (p.region, p.region_source) for p in page.channels.phones}
    assert regions == {"+4971125253300": ("DE", "tld:de"), "+442079460958": ("GB", "explicit")}


def test_region_from_the_address_the_site_states() -> None:
    html = (
        '<script type="application/ld+json">{"@type": "Organization", "address": '
        '{"@type": "PostalAddress", "streetAddress": "Calle 1", "addressLocality": "Madrid", "addressCountry": "ES"}}'
        "</script><main><p>Teléfono: 912 345 678</p></main>"
    )
    page = extract_page(html, "https://libros.com/", domain="libros.com")
    assert [(p.e164, p.region_source) for p in page.channels.phones] == [("+34912345678", "address:ES")]
    assert infer_region("libros.com", "en", "ES") == ("ES", "address:ES")


@pytest.mark.parametrize(
    "html",
    [
        '<form><label>Phone <input name="phone"></label><span>Phone in the format +447700123456</span></form>',
        "<p>Phone: +1 234 567 8900</p>",  # a run of typed keys padded with zeros
        "<p>Phone (e.g. 020 7946 0958)</p>",
        "<p>Tel: 111-222-3333</p>",  # three runs of one key
        "<p>お電話　090-123X-5678</p>",  # a masked mobile number
    ],
)
def test_sample_and_masked_numbers_are_not_phones(html: str) -> None:
    assert phones(f"<main>{html}</main>", region="GB") == {}
    assert phones(f"<main>{html}</main>", region="JP") == {}


def test_a_number_bought_to_be_remembered_is_a_phone() -> None:
    assert set(phones("<p>Телефон: +7 495 123-45-67</p>", region="RU")) == {"+74951234567"}


def test_a_price_before_a_number_does_not_swallow_its_area_code() -> None:
    assert set(phones("<main><p>Phone: $20 415-666-7777</p></main>", region="US")) == {"+14156667777"}
    assert phones("<main><p>Phone for a quote: from $1 299</p></main>", region="US") == {}


def test_a_brazilian_mobile_is_not_a_zip_code() -> None:
    assert set(phones("<main><p>WhatsApp: (41) 99274-4920</p></main>", region="BR")) == {"+5541992744920"}


def test_a_letter_typed_for_a_digit_in_a_tel_link_gives_no_number() -> None:
    assert phones('<a href="tel:+49 9OO 123456">Call</a>', region="DE") == {}
    assert set(phones('<a href="tel:+44 800 FLOWERS">Call</a>', region="GB")) == {"+448003569377"}  # a vanity word


def test_malformed_links_that_carry_a_number_give_it() -> None:
    found = phones(
        '<a href="http://+569 29786135">+569 29786135</a><a href="mailto:+493026548790">Mail</a>', region=None
    )
    assert set(found) == {"+56929786135", "+493026548790"}


def test_a_number_shown_on_a_whatsapp_link_is_a_phone() -> None:
    html = (
        '<main><p><a href="https://wa.me/5511996254027">(11) 99625-4027 - send a message</a></p>'
        '<p><a href="https://api.whatsapp.com/send?phone=628128061052">+62 812-8061-052</a></p>'
        '<a href="https://wa.me/447700900123"><img alt="WhatsApp"></a></main>'
    )
    found = find_phones(parse(html), None, False)
    assert {(p.e164, p.region_source) for p in found} == {("+5511996254027", "explicit"), ("+628128061052", "explicit")}


def test_text_of_a_link_that_is_not_a_tel_link_is_read() -> None:
    assert set(phones('<main><a class="tel">TEL (0173) 29-2204</a></main>', region="JP")) == {"+81173292204"}


def test_languages_of_one_country_give_the_region() -> None:
    assert infer_region("127.0.0.1", "vi") == ("VN", "lang:vi")
    assert infer_region("127.0.0.1", "zh-Hant-TW") == ("TW", "lang:zh-Hant-TW")
    assert infer_region("127.0.0.1", "en") == (None, "none")
