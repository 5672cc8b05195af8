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


@pytest.mark.parametrize(
    ("href", "kind", "network", "handle"),
    [
        ("https://www.threads.net/@orbit", "social", "threads", "orbit"),
        ("https://bsky.app/profile/orbit.bsky.social", "social", "bluesky", "orbit.bsky.social"),
        ("https://fosstodon.org/@orbit", "social", "mastodon", "orbit"),
        ("https://www.reddit.com/r/Orbit/", "social", "reddit", "Orbit"),
        ("https://discord.gg/orbit", "social", "discord", "orbit"),
        ("https://github.com/orbit-games", "social", "github", "orbit-games"),
        ("https://ok.ru/group/5566", "social", "odnoklassniki", "5566"),
        ("https://www.pinterest.de/orbit/", "social", "pinterest", "orbit"),
        ("https://www.snapchat.com/add/orbit", "social", "snapchat", "orbit"),
        ("https://www.xing.com/pages/orbit-gmbh", "social", "xing", "orbit-gmbh"),
        ("https://www.yelp.com/biz/orbit-berlin", "social", "reviews", "orbit-berlin"),
        ("https://de.trustpilot.com/review/orbit.de", "social", "reviews", "orbit.de"),
        ("https://www.linkedin.com/in/mara-l/", "social", "linkedin", "mara-l"),
        ("https://www.tiktok.com/@orbit?lang=en", "social", "tiktok", "orbit"),
        ("viber://pa?chatURI=orbit", "messenger", "viber", "orbit"),
        ("tg://resolve?domain=orbit_help", "messenger", "telegram", "orbit_help"),
        ("https://line.me/R/ti/p/@orbit", "messenger", "line", "@orbit"),
        ("https://lin.ee/AbC", "messenger", "line", "AbC"),
        ("weixin://dl/chat?orbit", "messenger", "wechat", "orbit"),
        ("https://pf.kakao.com/_xOrbit", "messenger", "kakaotalk", "_xOrbit"),
        ("https://signal.me/#p/+4915123456789", "messenger", "signal", "+4915123456789"),
        ("skype:orbit.support?chat", "messenger", "skype", "orbit.support"),
        ("whatsapp://send?phone=4915123456789", "messenger", "whatsapp", "4915123456789"),
        ("https://wa.link/abc12", "messenger", "whatsapp", "abc12"),
    ],
)
def test_every_network_named_in_the_issue(href: str, kind: str, network: str, handle: str) -> None:
    found = classify_link(href)
    assert found is not None
    assert (found.kind, found.network, found.handle) == (kind, network, handle)


def test_one_profile_written_many_ways_normalises_to_one_url() -> None:
    urls = {
        classify_link(h).url  # type: ignore[union-attr]
        for h in (
            "https://www.linkedin.com/company/acme/about/",
            "http://linkedin.com/company/acme?trk=footer",
            "https://de.linkedin.com/company/acme",
        )
    }
    assert urls == {"https://linkedin.com/company/acme"}
    whatsapp = {
        classify_link(h).url  # type: ignore[union-attr]
        for h in ("https://wa.me/4915123456789", "https://api.whatsapp.com/send?phone=4915123456789&text=hi")
    }
    assert whatsapp == {"https://wa.me/4915123456789"}


@pytest.mark.parametrize(
    "href",
    [
        "https://x.com/share?url=x",
        "https://pinterest.com/pin/create/button/?url=x",
        "https://api.whatsapp.com/send?text=hello",
        "https://wa.me/?text=hello",
        "https://t.me/share/url?url=x",
        "whatsapp://send?text=hello",
        "viber://forward?text=x",
        "https://www.reddit.com/submit?url=x",
        "https://bsky.app/intent/compose?text=x",
        "https://twitter.com/hashtag/cycling",
        "https://www.youtube.com/results?search_query=x",
        "https://www.youtube.com/watch?v=x",
        "https://twitter.com/otherrider/status/1712345678901234567",
        "https://www.instagram.com/p/CxAbC123/",
        "https://www.pinterest.com/",
    ],
)
def test_sharing_posts_search_and_home_pages_are_not_profiles(href: str) -> None:
    assert classify_link(href) is None
