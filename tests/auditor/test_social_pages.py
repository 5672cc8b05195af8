"""Profiles and messengers as a page shows them: links, embeds and plain text."""

from auditor.artifacts import Channels
from auditor.gather.extract.merge import build_channels
from auditor.gather.extract.page import extract_page

BASE = "https://harbor-tools.co.uk"


def _channels(body: str) -> tuple[Channels, list[str]]:
    findings = extract_page(
        f"<html lang='en'><body>{body}</body></html>", f"{BASE}/about/", domain="harbor-tools.co.uk"
    )
    return build_channels([findings])[1], findings.page.warnings


def test_embedded_page_plugins_name_the_profile() -> None:
    channels, _ = _channels(
        '<aside><iframe src="https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com'
        '%2FHarborTools%2F&tabs=timeline"></iframe></aside>'
        '<div class="fb-page" data-href="https://www.facebook.com/HarborToolsOutlet/"></div>'
    )
    assert {s.url for s in channels.social} == {
        "https://facebook.com/harbortools",
        "https://facebook.com/harbortoolsoutlet",
    }


def test_protocol_relative_and_copied_site_links_are_read() -> None:
    channels, _ = _channels(
        '<footer><a href="//twitter.com/harbortools">X</a>'
        '<a href="../external.html?link=https://www.linkedin.com/company/harbor-tools/">LinkedIn</a></footer>'
    )
    assert {(s.network, s.handle) for s in channels.social} == {("x", "harbortools"), ("linkedin", "harbor-tools")}
    assert {s.locations[0] for s in channels.social} == {"footer"}


def test_profiles_written_as_text_are_reported_but_not_from_scripts() -> None:
    channels, _ = _channels(
        "<footer><p>Instagram: instagram.com/harbor.tools</p></footer>"
        "<script>var x = 'https://www.instagram.com/someone_else';</script>"
        "<p>Write to orders@harbor-tools.co.uk</p>"
    )
    assert [(s.network, s.url, s.locations) for s in channels.social] == [
        ("instagram", "https://instagram.com/harbor.tools", ["footer"])
    ]


def test_theme_defaults_and_review_listings_are_not_social_profiles() -> None:
    channels, _ = _channels(
        '<footer><a href="https://facebook.com/">f</a><a href="https://twitter.com/#">t</a>'
        '<a href="https://www.instagram.com">i</a>'
        '<a href="https://www.trustpilot.com/review/harbor-tools.co.uk">Reviews</a></footer>'
    )
    assert channels.social == []


def test_a_whatsapp_link_without_country_code_is_a_finding_not_a_messenger() -> None:
    # 07700 900461 is in the UK's drama range: no valid number, so no chat can be named.
    channels, warnings = _channels(
        '<footer><a href="https://wa.me/07700900461">WhatsApp</a><a href="https://wa.me/1XXXXXXXXXX">soon</a></footer>'
    )
    assert channels.messengers == []
    assert [(p.problem, p.href, p.e164) for p in channels.link_problems] == [
        ("whatsapp-no-country-code", "https://wa.me/07700900461", None),
        ("whatsapp-placeholder", "https://wa.me/1XXXXXXXXXX", None),
    ]
    assert warnings == []


def test_accounts_in_a_portfolio_testimonial_or_team_section_are_not_the_companys() -> None:
    channels, _ = _channels(
        '<footer><a href="https://www.instagram.com/harbortools">Instagram</a></footer>'
        '<section id="portfolio"><a class="portfolio-slide" href="https://www.instagram.com/bakery_client">'
        "Bakery</a><a class='portfolio-slide' href='https://wa.me/447700900123'>Cafe</a></section>"
        '<div class="testimonials"><a href="https://x.com/happy_customer">@happy_customer</a></div>'
        '<ul class="our-team"><li><a href="https://linkedin.com/in/jane-harbor">Jane</a></li></ul>'
        '<main><a href="https://www.youtube.com/@HarborTools">Our videos</a></main>'
    )
    assert {s.url for s in channels.social} == {
        "https://instagram.com/harbortools",
        "https://youtube.com/@HarborTools",
    }
    assert channels.messengers == []


def test_a_page_reads_protocol_relative_links_as_their_https_twins() -> None:
    hrefs = [
        "https://www.reddit.com/r/bicycling",
        "https://www.reddit.com/user/harbortools",
        "https://m.tiktok.com/v/7301234567890",
        "https://www.tiktok.com/@harbortools",
        "https://www.linkedin.com/company/",
        "https://www.instagram.com/harbor.tools/",
        "https://t.me/harbortools",
    ]

    def found(links: list[str]) -> set[tuple[str, str, str]]:
        channels, _ = _channels("<footer>" + "".join(f'<a href="{href}">link</a>' for href in links) + "</footer>")
        return {(s.network, s.url, s.handle) for s in channels.social} | {
            (m.network, m.url, m.target) for m in channels.messengers
        }

    with_scheme = found(hrefs)
    assert ("tiktok", "https://tiktok.com/@harbortools", "harbortools") in with_scheme
    assert not any(handle in ("v", "7301234567890", "company") for _, _, handle in with_scheme)
    assert found([href.removeprefix("https:") for href in hrefs]) == with_scheme
