"""Social links that are not the company's are set apart once the whole site is read."""

import json

from auditor.artifacts import Channels, SiteArtifacts, SocialProfile
from auditor.gather.extract.findings import PageFindings
from auditor.gather.extract.foreign_social import template_handles
from auditor.gather.extract.merge import build_channels
from auditor.gather.extract.page import extract_page

SITE = "https://velo-werk.de"
HEAD = "<title>Velo Werk – Fahrräder in Berlin</title>"


def _channels(body: str, *, head: str = HEAD, url: str = f"{SITE}/", domain: str = "velo-werk.de") -> Channels:
    html = f"<html lang='de'><head>{head}</head><body>{body}</body></html>"
    return build_channels([extract_page(html, url, domain=domain)])[1]


def _urls(profiles: list[SocialProfile]) -> set[str]:
    return {p.url for p in profiles}


def test_a_theme_authors_page_in_the_navigation_is_not_the_companys() -> None:
    channels = _channels(
        '<nav><a href="https://www.facebook.com/themeforest">Facebook</a></nav>'
        '<footer><a href="https://www.instagram.com/velowerk/">Instagram</a></footer>'
    )
    assert _urls(channels.social) == {"https://instagram.com/velowerk"}
    [foreign] = channels.foreign_social
    assert (foreign.url, foreign.not_company, foreign.locations) == (
        "https://facebook.com/themeforest",
        "a theme author's page",
        ["nav"],
    )
    assert foreign.pages == [f"{SITE}/"]
    assert channels.channel_types() == ["social"]


def test_builders_placeholders_and_the_networks_own_accounts_are_set_apart() -> None:
    channels = _channels(
        '<footer><a href="https://twitter.com/wix">X</a><a href="https://www.facebook.com/username">f</a>'
        '<a href="https://www.instagram.com/instagram/">i</a><a href="https://www.youtube.com/@Envato">y</a></footer>'
    )
    assert channels.social == []
    assert {(p.network, p.not_company) for p in channels.foreign_social} == {
        ("x", "a website builder's page"),
        ("facebook", "a placeholder left in the template"),
        ("instagram", "the network's own page"),
        ("youtube", "a theme author's page"),
    }
    # Nothing the company runs is left, so no check counts a social channel.
    assert channels.channel_types() == []


def test_two_leftovers_of_one_theme_do_not_vouch_for_each_other() -> None:
    channels = _channels(
        '<footer><a href="https://twitter.com/colorlib">X</a><a href="https://www.facebook.com/colorlib">f</a></footer>'
    )
    assert channels.social == [] and len(channels.foreign_social) == 2


def test_without_a_name_to_compare_nothing_is_set_apart() -> None:
    # A page on an IP address with no title, no site name and no copyright line says nothing about its owner.
    channels = _channels(
        '<footer><a href="https://www.facebook.com/themeforest">f</a></footer>',
        head="",
        url="http://127.0.0.1:8000/",
        domain="127.0.0.1",
    )
    assert _urls(channels.social) == {"https://facebook.com/themeforest"}
    assert channels.foreign_social == []


def test_a_site_whose_name_is_the_handle_keeps_it() -> None:
    channels = _channels(
        '<footer><a href="https://www.facebook.com/colorlib">f</a></footer>',
        head="<title>Colorlib – Free WordPress Themes</title>",
        url="https://colorlib.com/",
        domain="colorlib.com",
    )
    assert _urls(channels.social) == {"https://facebook.com/colorlib"}


def test_an_unmatched_profile_with_no_sign_of_someone_else_stays_the_companys() -> None:
    # Small businesses often go by another name on their profiles: recall comes first.
    channels = _channels(
        '<footer><a href="https://www.instagram.com/bikeshop_kreuzberg/">i</a>'
        '<a href="https://www.facebook.com/people/Fahrrad-Laden/100063812345678/">f</a>'
        '<a href="https://www.youtube.com/@lmgfinanceca">y</a></footer>'
    )
    assert len(channels.social) == 3 and channels.foreign_social == []


def test_another_companys_profile_beside_the_companys_own_on_one_network() -> None:
    channels = _channels(
        '<header><a href="https://www.facebook.com/velowerk">f</a></header>'
        '<footer><a href="https://www.facebook.com/lmgfinance">f</a>'
        '<a href="https://www.linkedin.com/company/velo-werk">in</a>'
        '<a href="https://www.linkedin.com/in/jana-schmidt-12345">Jana</a></footer>'
    )
    assert _urls(channels.social) == {
        "https://facebook.com/velowerk",
        "https://linkedin.com/company/velo-werk",
        # A member's profile beside the company page is a person's, not someone else's page.
        "https://linkedin.com/in/jana-schmidt-12345",
    }
    [foreign] = channels.foreign_social
    assert foreign.url == "https://facebook.com/lmgfinance"
    assert foreign.not_company == (
        "a profile that shares nothing with the site's name (the site's own Facebook profile is facebook.com/velowerk)"
    )


def test_the_sites_other_profiles_vouch_for_a_handle() -> None:
    channels = _channels(
        '<footer><a href="https://www.facebook.com/velowerk">f</a><a href="https://www.facebook.com/kiezrad">f</a>'
        '<a href="https://www.instagram.com/kiezrad.berlin">i</a></footer>'
    )
    assert len(channels.social) == 3 and channels.foreign_social == []


def test_profiles_the_organisation_declares_and_ids_are_never_set_apart() -> None:
    head = (
        HEAD + '<script type="application/ld+json">{"@type": "Organization", "name": "Velo Werk",'
        ' "sameAs": ["https://www.facebook.com/radladen.kiez"]}</script>'
    )
    channels = _channels(
        '<footer><a href="https://www.facebook.com/velowerk">f</a>'
        '<a href="https://www.facebook.com/profile.php?id=100012345678">f</a>'
        '<a href="https://www.youtube.com/channel/UCzL4cGfhtM3fFoq4EmE7kQw">y</a>'
        '<a href="https://www.youtube.com/@velowerk">y</a></footer>',
        head=head,
    )
    assert _urls(channels.social) == {
        "https://facebook.com/velowerk",
        "https://facebook.com/radladen.kiez",
        "https://facebook.com/profile.php?id=100012345678",
        "https://youtube.com/channel/UCzL4cGfhtM3fFoq4EmE7kQw",
        "https://youtube.com/@velowerk",
    }
    assert channels.foreign_social == []


def test_the_site_name_comes_from_any_page_and_the_copyright_line() -> None:
    home = extract_page(
        "<html><head><title>Start</title></head><body><footer><p>© 2024 Nimbus Räder GmbH</p>"
        "<a href='https://www.facebook.com/templatemo'>f</a></footer></body></html>",
        "http://127.0.0.1:8000/",
        domain="127.0.0.1",
    )
    _, channels = build_channels([home])
    assert [p.url for p in channels.foreign_social] == ["https://facebook.com/templatemo"]


def test_the_template_list_is_folded_and_unique() -> None:
    handles = template_handles()
    assert len(handles) > 150
    assert all(h == h.lower() and h.isalnum() for h in handles)
    assert handles["themeforest"] == "a theme author's page"


def test_artifacts_written_before_foreign_profiles_still_load() -> None:
    old = {
        "site": {"url": f"{SITE}/", "domain": "velo-werk.de", "started_at": "2026-01-01T00:00:00+00:00"},
        "channels": {"social": [{"network": "facebook", "url": "https://facebook.com/velowerk", "handle": "velowerk"}]},
    }
    artifacts = SiteArtifacts.model_validate_json(json.dumps(old))
    assert artifacts.channels.foreign_social == []
    assert artifacts.channels.social[0].not_company is None


def _local(path: str, title: str, body: str = "") -> PageFindings:
    html = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return extract_page(html, f"http://127.0.0.1:8000{path}", domain="127.0.0.1")


def test_a_title_names_the_site_when_it_recurs_on_several_pages() -> None:
    leftover = "<footer><a href='https://www.instagram.com/instagram/'>i</a></footer>"
    # One page's title may be anything ("Test page"): not enough to judge a profile by.
    _, alone = build_channels([_local("/", "Test page", leftover)])
    assert alone.foreign_social == []
    # The part every page repeats is the site's name.
    _, site = build_channels(
        [_local("/", "Start | Nimbus Räder", leftover), _local("/kontakt", "Kontakt | Nimbus Räder")]
    )
    assert [p.url for p in site.foreign_social] == ["https://instagram.com/instagram"]
