"""Contact links that do not work as written: the number they mean, and what is wrong, as findings."""

from __future__ import annotations

import pytest

from auditor.artifacts import Channels
from auditor.extract import extract_page
from auditor.extract.merge import build_channels
from auditor.gather.extract.dom import parse
from auditor.gather.extract.messengers import whatsapp_chat_number, whatsapp_problem
from auditor.gather.extract.phone_links import FoundLinkProblem, read_phone_link
from auditor.gather.extract.phones import find_phones


def site(*pages: tuple[str, str], domain: str = "shop.in", lang: str = "en") -> Channels:
    """The merged channels of pages given as (path, body)."""
    findings = [
        extract_page(f"<html lang='{lang}'><body>{body}</body></html>", f"https://{domain}{path}", domain=domain)
        for path, body in pages
    ]
    return build_channels(findings)[1]


def problems(channels: Channels) -> set[tuple[str, str, str | None]]:
    return {(p.problem, p.href, p.e164) for p in channels.link_problems}


@pytest.mark.parametrize(
    ("href", "raw", "problem"),
    [
        ("tel:+442079460958", "+442079460958", None),
        ("mailto:+919845012345", "+919845012345", "mailto-phone"),
        ("mailto:098450%2012345?subject=Hi", "098450 12345", "mailto-phone"),
        ("http://+569 29786135", "+569 29786135", "web-phone"),
        ("+91 98450 12345", "+91 98450 12345", "web-phone"),
        ("tel:1-800-FLOWERS", "1-800-FLOWERS", "tel-letters"),
        ("tel:+49 9OO 123456", "+49 9OO 123456", "tel-letter-for-digit"),
        ("tel:+91XXXXXXXXXX", "+91XXXXXXXXXX", "tel-placeholder"),
        ("tel:1-XXX-XXX-XXXX", "1-XXX-XXX-XXXX", "tel-placeholder"),
        ("tel:0000000000", "0000000000", "tel-placeholder"),
        ("tel:1234567890", "1234567890", "tel-placeholder"),
        ("mailto:+91 98765 43210", "+91 98765 43210", "tel-placeholder"),
        # An extension or a pause is not a letter typed for a digit.
        ("tel:+4930123456x12", "+4930123456x12", None),
        ("tel:+4930123456p12", "+4930123456p12", None),
    ],
)
def test_links_meant_to_call_are_read_with_their_problem(href: str, raw: str, problem: str | None) -> None:
    link = read_phone_link(href, "IN")
    assert link is not None and (link.raw, link.problem) == (raw, problem)


@pytest.mark.parametrize(
    # A bare href is any relative link's shape: only a valid number is read from it.
    "href",
    ["mailto:info@shop.in", "mailto:", "https://shop.in/contact", "#top", "+", "tel:", "+42055555567"],
)
def test_other_links_are_not_phone_links(href: str) -> None:
    assert read_phone_link(href) is None


def test_a_number_behind_a_malformed_link_is_a_phone_with_the_problem_beside_it() -> None:
    found: list[FoundLinkProblem] = []
    html = (
        '<footer><a href="mailto:+919845012345">+91 98450 12345</a><a href="tel:1-800-FLOWERS">Flowers</a>'
        '<a href="tel:+91XXXXXXXXXX">Call</a><a href="tel:+91 9OO 1234567">Call</a></footer>'
    )
    phones = find_phones(parse(html), "US", False, "lang:en-US", found)
    assert {(p.raw, p.e164, p.link_problem) for p in phones} == {
        ("+91 98450 12345", "+919845012345", "mailto-phone"),
        # A vanity word is dialable on a keypad: the number stays, the letters are a finding.
        ("1-800-FLOWERS", "+18003569377", "tel-letters"),
    }
    assert [(f.problem, f.href, f.text, f.e164, f.location) for f in found] == [
        ("mailto-phone", "mailto:+919845012345", "+91 98450 12345", "+919845012345", "footer"),
        ("tel-letters", "tel:1-800-FLOWERS", "Flowers", "+18003569377", "footer"),
        ("tel-placeholder", "tel:+91XXXXXXXXXX", "Call", None, "footer"),
        ("tel-letter-for-digit", "tel:+91 9OO 1234567", "Call", None, "footer"),
    ]


def test_placeholders_are_findings_never_contacts() -> None:
    channels = site(
        (
            "/",
            '<footer><a href="tel:+91 98765 43210">Call</a><a href="tel:0000000000">Call</a>'
            '<a href="https://wa.me/919876543210">WhatsApp</a><a href="https://wa.me/91XXXXXXXXXX">Chat</a></footer>',
        )
    )
    assert channels.phones == [] and channels.messengers == []
    assert problems(channels) == {
        ("tel-placeholder", "tel:+91 98765 43210", None),
        ("tel-placeholder", "tel:0000000000", None),
        ("whatsapp-placeholder", "https://wa.me/919876543210", None),
        ("whatsapp-placeholder", "https://wa.me/91XXXXXXXXXX", None),
    }


def test_one_malformed_link_in_a_shared_footer_is_one_finding_with_its_pages() -> None:
    footer = '<footer><a href="mailto:+919845012345">Call us</a></footer>'
    channels = site(("/", footer), ("/about/", footer))
    assert [(p.problem, p.pages, p.locations) for p in channels.link_problems] == [
        ("mailto-phone", ["https://shop.in/", "https://shop.in/about/"], ["footer"])
    ]
    assert [(p.e164, p.link_problems) for p in channels.phones] == [("+919845012345", ["mailto-phone"])]


def test_a_mailto_to_a_national_number_is_read_in_the_sites_country() -> None:
    # The .com page says nothing of its country; the contact page's address and prices do.
    channels = site(
        ("/", '<footer><a href="mailto:098450 12345">Mail us</a></footer>'),
        ("/contact/", "<p>From ₹500</p><address>12 MG Road, Bengaluru, India</address>"),
        domain="shop.com",
    )
    assert [(p.raw, p.e164, p.link_problems) for p in channels.phones] == [
        ("098450 12345", "+919845012345", ["mailto-phone"])
    ]
    [problem] = channels.link_problems
    assert (problem.href, problem.text, problem.e164, problem.pages) == (
        "mailto:098450 12345",
        "Mail us",
        "+919845012345",
        ["https://shop.com/"],
    )


@pytest.mark.parametrize(
    "href",
    [
        "https://wa.me/09845012345",
        "https://wa.me/9845012345",
        "https://api.whatsapp.com/send?phone=09845012345&text=Hi",
        "whatsapp://send?phone=9845012345",
    ],
)
def test_a_whatsapp_number_without_country_code_is_a_finding_and_the_chat_it_means(href: str) -> None:
    channels = site(("/", f'<footer><a href="{href}">WhatsApp</a></footer>'))
    assert problems(channels) == {("whatsapp-no-country-code", href, "+919845012345")}
    assert [(m.url, m.target, m.link_problems) for m in channels.messengers] == [
        ("https://wa.me/919845012345", "919845012345", ["whatsapp-no-country-code"])
    ]


def test_one_chat_written_well_and_badly_is_one_messenger() -> None:
    channels = site(
        ("/", '<footer><a href="https://wa.me/919845012345">WhatsApp</a></footer>'),
        ("/contact/", '<main><a href="https://wa.me/09845012345">WhatsApp</a></main>'),
    )
    assert [(m.target, m.pages, m.link_problems) for m in channels.messengers] == [
        ("919845012345", ["https://shop.in/", "https://shop.in/contact/"], ["whatsapp-no-country-code"])
    ]
    assert [p.pages for p in channels.link_problems] == [["https://shop.in/contact/"]]


def test_only_the_sites_country_shows_a_missing_country_code() -> None:
    # +98 45012345 is no valid Iranian number, 98450 12345 a valid Indian one.
    body = '<footer><a href="https://wa.me/9845012345?text=Hi">WhatsApp</a></footer>'
    alone = site(("/", body), domain="shop.com")
    assert [m.target for m in alone.messengers] == ["9845012345"] and alone.link_problems == []
    indian = site(("/", body), ("/contact/", "<p>Prices from ₹500, GST included.</p>"), domain="shop.com")
    assert [(m.target, m.link_problems) for m in indian.messengers] == [("919845012345", ["whatsapp-no-country-code"])]
    # Written in the link's normal form: the site-level reading no longer knows the original.
    assert problems(indian) == {("whatsapp-no-country-code", "https://wa.me/9845012345", "+919845012345")}


def test_a_whatsapp_number_that_is_valid_abroad_is_left_alone() -> None:
    assert whatsapp_problem("447911123456", "IN") is None
    assert whatsapp_problem("5215512345678", "MX") is None  # Mexico's old mobile form still opens a chat
    assert whatsapp_problem("07911123456", None) == "whatsapp-no-country-code"
    assert whatsapp_problem("919876543210", None) == "whatsapp-placeholder"


@pytest.mark.parametrize(
    ("href", "number"),
    [
        ("https://wa.me/", ""),
        ("https://wa.me/?text=Hi", ""),
        ("https://wa.me/+91%2098450%2012345", "+91 98450 12345"),
        ("https://api.whatsapp.com/send/?phone=919845012345&type=phone_number", "919845012345"),
        ("whatsapp://send?text=Hi", ""),
        ("https://wa.me/message/IV3LCA4BU5PXK1", None),
        ("https://chat.whatsapp.com/Gx1abc", None),
        ("https://www.whatsapp.com/", None),
    ],
)
def test_the_number_a_click_to_chat_link_names(href: str, number: str | None) -> None:
    assert whatsapp_chat_number(href) == number


def test_a_number_shown_only_as_the_text_of_a_whatsapp_link_is_a_phone_and_a_finding() -> None:
    channels = site(("/", '<main><p><a href="https://wa.me/">+91 98450 12345</a></p></main>'), domain="shop.com")
    assert [(p.e164, p.link_problems) for p in channels.phones] == [("+919845012345", ["whatsapp-no-number"])]
    assert problems(channels) == {("whatsapp-no-number", "https://wa.me/", "+919845012345")}
    assert channels.messengers == []


def test_a_template_whatsapp_link_showing_the_number_is_one_finding() -> None:
    channels = site(("/", '<footer><a href="https://wa.me/91XXXXXXXXXX">098450 12345</a></footer>'))
    assert problems(channels) == {("whatsapp-no-number", "https://wa.me/91XXXXXXXXXX", "+919845012345")}


def test_a_whatsapp_link_that_opens_another_number_than_it_shows() -> None:
    channels = site(("/", '<footer><a href="https://wa.me/919845054321">+91 98450 12345</a></footer>'))
    assert problems(channels) == {("whatsapp-number-mismatch", "https://wa.me/919845054321", "+919845012345")}
    assert [(m.target, m.link_problems) for m in channels.messengers] == [
        ("919845054321", ["whatsapp-number-mismatch"])
    ]
    assert [(p.e164, p.link_problems) for p in channels.phones] == [("+919845012345", ["whatsapp-number-mismatch"])]


def test_whatsapp_links_that_show_their_own_number_are_fine() -> None:
    channels = site(
        (
            "/",
            '<footer><a href="https://wa.me/919845012345">098450 12345</a>'
            '<a href="https://wa.me/5215512345678">+52 55 1234 5678</a></footer>',
        )
    )
    assert channels.link_problems == []
    assert {p.e164 for p in channels.phones} == {"+919845012345", "+525512345678"}


def test_hidden_links_are_no_findings() -> None:
    hidden = '<template><a href="tel:+91XXXXXXXXXX">x</a><a href="mailto:9845012345">m</a></template>'
    channels = site(("/", f"{hidden}<noscript><a href='https://wa.me/09845012345'>w</a></noscript>"))
    assert channels.link_problems == [] and channels.phones == []


def test_artifacts_written_before_link_problems_still_load() -> None:
    old = Channels.model_validate(
        {"phones": [{"raw": "+442079460958"}], "messengers": [{"network": "whatsapp", "url": "https://wa.me/44"}]}
    )
    assert old.link_problems == [] and old.phones[0].link_problems == [] and old.messengers[0].link_problems == []
