import pytest

from auditor.extract.social import classify_link


@pytest.mark.parametrize(
    ("href", "network", "url", "handle"),
    [
        ("https://www.facebook.com/nimbusbikes/", "facebook", "https://facebook.com/nimbusbikes", "nimbusbikes"),
        (
            "http://instagram.com/nimbus.bikes?igshid=abc",
            "instagram",
            "https://instagram.com/nimbus.bikes",
            "nimbus.bikes",
        ),
        ("https://twitter.com/Nimbus", "x", "https://twitter.com/nimbus", "Nimbus"),
        ("https://de.linkedin.com/company/nimbus/", "linkedin", "https://linkedin.com/company/nimbus", "nimbus"),
        ("https://www.youtube.com/@NimbusBikes", "youtube", "https://youtube.com/@NimbusBikes", "NimbusBikes"),
        ("https://vk.com/veloslad", "vk", "https://vk.com/veloslad", "veloslad"),
    ],
)
def test_profiles_are_normalised_with_a_handle(href: str, network: str, url: str, handle: str) -> None:
    found = classify_link(href)
    assert found is not None
    assert (found.kind, found.network, found.url, found.handle) == ("social", network, url, handle)


@pytest.mark.parametrize(
    ("href", "network", "target"),
    [
        ("https://wa.me/442079460958", "whatsapp", "442079460958"),
        ("https://api.whatsapp.com/send?phone=442079460958&text=hi", "whatsapp", "442079460958"),
        ("https://t.me/veloslad_support", "telegram", "veloslad_support"),
        ("viber://chat?number=%2B442079460958", "viber", "+442079460958"),
        ("https://m.me/nimbusbikes", "messenger", "nimbusbikes"),
    ],
)
def test_messenger_links(href: str, network: str, target: str) -> None:
    found = classify_link(href)
    assert found is not None
    assert (found.kind, found.network, found.handle) == ("messenger", network, target)


@pytest.mark.parametrize(
    "href",
    [
        "https://www.facebook.com/sharer/sharer.php?u=https://shop.co.uk",
        "https://twitter.com/intent/tweet?text=hi",
        "https://www.facebook.com/plugins/page.php?href=x",
        "https://www.facebook.com/",
        "https://www.instagram.com/explore/tags/bikes/",
        "https://www.linkedin.com/login",
        "https://vk.com/share.php?url=x",
        "https://example.com/facebook",
    ],
)
def test_share_buttons_home_pages_and_other_sites_are_not_profiles(href: str) -> None:
    assert classify_link(href) is None
