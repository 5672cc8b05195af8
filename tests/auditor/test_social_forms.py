"""Every way a network writes one profile's address names that profile, whole."""

import pytest

from auditor.gather.extract.social import classify_link, links_in_text


@pytest.mark.parametrize(
    ("href", "network", "url", "handle"),
    [
        # Facebook: a page run from a personal profile, people pages and numeric profiles keep their id.
        (
            "https://www.facebook.com/p/Velo-Werk-100063812345678/",
            "facebook",
            "https://facebook.com/p/velo-werk-100063812345678",
            "Velo-Werk-100063812345678",
        ),
        (
            "https://de-de.facebook.com/people/Velo-Werk/100063812345678/?ref=page_internal",
            "facebook",
            "https://facebook.com/people/velo-werk/100063812345678",
            "Velo-Werk",
        ),
        (
            "https://m.facebook.com/profile.php?id=100089912345678&sk=about",
            "facebook",
            "https://facebook.com/profile.php?id=100089912345678",
            "100089912345678",
        ),
        # X: `@` in the path and a "Follow" button name the same account as the plain address.
        ("https://twitter.com/@VeloWerk", "x", "https://twitter.com/velowerk", "VeloWerk"),
        ("https://x.com/@velowerk/media", "x", "https://x.com/velowerk", "velowerk"),
        ("https://twitter.com/intent/follow?screen_name=VeloWerk", "x", "https://twitter.com/velowerk", "VeloWerk"),
        ("https://twitter.com/intent/user?screen_name=@velowerk", "x", "https://twitter.com/velowerk", "velowerk"),
        # Instagram's app link and LinkedIn's old member address.
        ("https://www.instagram.com/_u/velo.werk/", "instagram", "https://instagram.com/velo.werk", "velo.werk"),
        (
            "https://www.linkedin.com/profile/view?id=AAkAAB1x2Y3&trk=nav",
            "linkedin",
            "https://linkedin.com/profile/view?id=AAkAAB1x2Y3",
            "AAkAAB1x2Y3",
        ),
        # Company pages and members, YouTube's handles, channels and custom names, TikTok's @.
        (
            "https://de.linkedin.com/company/velo-werk/about/",
            "linkedin",
            "https://linkedin.com/company/velo-werk",
            "velo-werk",
        ),
        (
            "https://www.linkedin.com/in/jana-schmidt-12345/",
            "linkedin",
            "https://linkedin.com/in/jana-schmidt-12345",
            "jana-schmidt-12345",
        ),
        ("https://www.youtube.com/@VeloWerk/videos", "youtube", "https://youtube.com/@VeloWerk", "VeloWerk"),
        (
            "https://www.youtube.com/channel/UCzL4cGfhtM3fFoq4EmE7kQw",
            "youtube",
            "https://youtube.com/channel/UCzL4cGfhtM3fFoq4EmE7kQw",
            "UCzL4cGfhtM3fFoq4EmE7kQw",
        ),
        ("https://www.youtube.com/c/VeloWerk", "youtube", "https://youtube.com/c/VeloWerk", "VeloWerk"),
        ("https://www.tiktok.com/@velo.werk?lang=de", "tiktok", "https://tiktok.com/@velo.werk", "velo.werk"),
    ],
)
def test_equivalent_forms_keep_the_whole_profile(href: str, network: str, url: str, handle: str) -> None:
    found = classify_link(href)
    assert found is not None
    assert (found.network, found.url, found.handle) == (network, url, handle)


@pytest.mark.parametrize(
    "href",
    [
        "https://www.facebook.com/p/",
        "https://www.facebook.com/people/",
        "https://www.facebook.com/profile.php?id=pfbid02abc",
        "https://twitter.com/@",
        "https://twitter.com/intent/follow",
        "https://twitter.com/intent/tweet?text=Hi&via=velowerk",
        "https://www.instagram.com/_u/",
        "https://www.linkedin.com/profile/view",
        "https://www.tiktok.com/velowerk",
    ],
)
def test_incomplete_forms_name_no_profile(href: str) -> None:
    assert classify_link(href) is None


def test_forms_written_as_text() -> None:
    found = links_in_text("Facebook: fb.com/p/Velo-Werk-100063812345678, X: twitter.com/@velowerk.")
    assert [f.url for f in found] == [
        "https://facebook.com/p/velo-werk-100063812345678",
        "https://twitter.com/velowerk",
    ]
