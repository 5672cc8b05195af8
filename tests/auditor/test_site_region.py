"""National numbers on pages that do not say their country, read with what the rest of the site says."""

import pytest

from auditor.artifacts import Channels
from auditor.gather.extract.merge import build_channels
from auditor.gather.extract.page import extract_page

HOST = "acme-widgets.com"


def site(*pages: str, domain: str = HOST) -> Channels:
    findings = [extract_page(html, f"https://{domain}/p{i}", domain=domain) for i, html in enumerate(pages)]
    return build_channels(findings)[1]


def numbers(channels: Channels) -> dict[str, str | None]:
    return {p.raw: p.e164 for p in channels.phones}


LABELLED = '<html lang="en"><body><main><dt>Phone</dt><dd>413-577-1234 or (303) 494-2320</dd></main></body></html>'


def test_a_tel_link_with_a_country_code_on_another_page_resolves_national_numbers() -> None:
    footer = '<html lang="en"><body><footer><a href="tel:+15125550199">Call us</a></footer></body></html>'
    channels = site(LABELLED, footer)
    assert numbers(channels) == {
        "413-577-1234": "+14135771234",
        "(303) 494-2320": "+13034942320",
        "+15125550199": "+15125550199",
    }
    sources = {p.e164: p.region_source for p in channels.phones}
    assert sources["+14135771234"] == "site:tel:+1"
    assert channels.country_hints == ["US tel:+1"]


def test_without_any_hint_national_numbers_are_kept_without_e164() -> None:
    assert numbers(site(LABELLED)) == {"413-577-1234": None, "(303) 494-2320": None}


def test_00_prefixed_numbers_need_no_hint() -> None:
    page = '<html lang="en"><body><main><p>Phone: 00420 775 123 456</p></main></body></html>'
    assert numbers(site(page)) == {"00420 775 123 456": "+420775123456"}


def test_a_national_tel_link_resolves_with_the_address_the_site_states() -> None:
    contact = (
        '<html lang="en"><body><footer><p>Address: 12 Nguyen Trai, Hanoi, Vietnam</p>'
        '<a href="tel:0936365576">0936 365 576</a></footer></body></html>'
    )
    channels = site(contact)
    assert [p.e164 for p in channels.phones] == ["+84936365576"]
    assert channels.phones[0].region == "VN"


@pytest.mark.parametrize(
    ("hint_page", "shown", "e164"),
    [
        # A page written in Japanese kana, with no lang attribute.
        (
            "<html><body><main><p>" + "お問い合わせはお気軽にどうぞ。" * 3 + "</p></main></body></html>",
            "TEL (0173) 29-2204",
            "+81173292204",
        ),
        # A structured address in China, on a page whose lang says English.
        (
            '<html lang="en"><head><script type="application/ld+json">{"@type": "Organization", "address": '
            '{"@type": "PostalAddress", "addressLocality": "Chengdu", "addressCountry": "China"}}</script></head>'
            "<body></body></html>",
            "电话：400-011-0179",
            "+864000110179",
        ),
        # Prices in rupees.
        ('<html lang="en"><body><main><p>Plans from ₹ 499 a month</p></main></body></html>', "Phone: 0141 239 0320",
         "+911412390320"),
        # hreflang alternates with a region.
        ('<html lang="en"><head><link rel="alternate" hreflang="en-au" href="/au"></head><body></body></html>',
         "Phone: 0421 023 718", "+61421023718"),
    ],
)  # fmt: skip
def test_hints_from_one_page_resolve_numbers_on_another(hint_page: str, shown: str, e164: str) -> None:
    page = f'<html lang="en"><body><main><a class="telmoji">{shown}</a></main></body></html>'
    assert list(numbers(site(hint_page, page)).values()) == [e164]


def test_hints_that_disagree_resolve_nothing() -> None:
    us = '<html lang="en"><body><footer><a href="tel:+15125550199">Call</a></footer></body></html>'
    gb = '<html lang="en"><body><footer><a href="tel:+442079460958">Call</a></footer></body></html>'
    found = numbers(site(LABELLED, us, gb))
    assert found["413-577-1234"] is None


def test_a_text_number_not_valid_in_the_site_country_is_dropped() -> None:
    page = '<html lang="en"><body><main><p>Phone: 0173 29 22</p></main></body></html>'
    us = '<html lang="en"><body><footer><a href="tel:+15125550199">Call</a></footer></body></html>'
    assert numbers(site(page, us)) == {"+15125550199": "+15125550199"}


def test_a_page_that_states_its_country_is_read_as_before() -> None:
    page = '<html lang="en-GB"><body><main><p>Phone: 020 7946 0958</p></main></body></html>'
    us = '<html lang="en"><body><footer><a href="tel:+15125550199">Call</a></footer></body></html>'
    channels = site(page, us)
    assert numbers(channels)["020 7946 0958"] == "+442079460958"
    assert {p.e164: p.region_source for p in channels.phones}["+442079460958"] == "lang:en-GB"
