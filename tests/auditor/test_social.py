from urllib.parse import quote

import pytest

from auditor.gather.extract.social import classify_link, links_in_text


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
        ("https://www.yelp.com/biz/orbit-berlin", "review", "yelp", "orbit-berlin"),
        ("https://de.trustpilot.com/review/orbit.de", "review", "trustpilot", "orbit.de"),
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


@pytest.mark.parametrize(
    "href",
    [
        "https://www.facebook.com/facebook",
        "https://www.facebook.com/pages/category/Plumber/",
        "https://www.facebook.com/pages/create",
        "https://www.facebook.com/groups/",
        "https://www.facebook.com/profile.php",
        "https://www.facebook.com/marketplace",
        "https://www.linkedin.com/company/",
        "https://www.linkedin.com/in/",
        "https://www.linkedin.com/jobs/view/4455",
        "https://www.linkedin.com/posts/harbor-tools_launch-activity-123",
        "https://x.com/oauth",
        "https://twitter.com/messages",
        "https://twitter.com/#",
        "https://www.youtube.com/trending",
        "https://www.youtube.com/premium",
        "https://www.tiktok.com/trending?shareId=77",
        "https://www.tiktok.com/harbortools",
        "https://github.com/marketplace",
        "https://github.com/pricing",
        "https://discord.com/channels/@me",
        "https://discord.com/app",
        "https://www.instagram.com",
        "https://www.instagram.com/direct/inbox/",
        "https://developers.facebook.com/harbortools",
        "https://www.reddit.com/harbortools",
    ],
)
def test_a_networks_own_pages_and_theme_defaults_are_not_profiles(href: str) -> None:
    assert classify_link(href) is None


@pytest.mark.parametrize(
    "href",
    [
        "https://youtu.be/Xy12AbCdEf0",
        "https://vimeo.com/90817263",
        "https://player.vimeo.com/video/90817263",
        "https://www.tiktok.com/@harbortools/video/7301234567890",
        "https://vm.tiktok.com/ZMabc123/",
        "https://www.threads.net/@harbortools/post/C1a2b3",
        "https://bsky.app/profile/harbortools.bsky.social/post/3kabc",
        "https://fosstodon.org/@harbortools/111222333444",
        "https://medium.com/@harbortools/how-we-build-tools-1a2b3c",
        "https://harbortools.tumblr.com/post/7281928/summer-sale",
        "https://vk.com/wall-5566_120",
        "https://www.facebook.com/harbortools/posts/pfbid0abc",
        "https://www.reddit.com/r/tools/comments/abc123/new_hammer/",
        "https://weibo.com/1234567890/NabCdEfGh",
        "https://www.twitch.tv/harbortools/clip/FunnyClipName",
        "https://dribbble.com/shots/2233445-Logo",
        "https://www.behance.net/gallery/556677/Brand",
        "https://soundcloud.com/harbortools/summer-jingle",
    ],
)
def test_posts_videos_and_statuses_are_content_not_profiles(href: str) -> None:
    assert classify_link(href) is None


@pytest.mark.parametrize(
    ("href", "network", "url", "handle"),
    [
        ("http://instagr.am/harbor.tools/", "instagram", "https://instagram.com/harbor.tools", "harbor.tools"),
        ("https://old.reddit.com/user/harbortools", "reddit", "https://reddit.com/user/harbortools", "harbortools"),
        ("https://mobile.twitter.com/HarborTools", "x", "https://twitter.com/harbortools", "HarborTools"),
        ("https://twitter.com/#!/HarborTools", "x", "https://twitter.com/harbortools", "HarborTools"),
        (
            "https://www.linkedin.com/pub/mara-lind/12/a40/7b3",
            "linkedin",
            "https://linkedin.com/pub/mara-lind/12/a40/7b3",
            "mara-lind",
        ),
        (
            "https://www.facebook.com/people/Harbor-Tools-Ltd/100089912345678/",
            "facebook",
            "https://facebook.com/people/harbor-tools-ltd/100089912345678",
            "Harbor-Tools-Ltd",
        ),
        (
            "https://www.facebook.com/pages/category/Hardware-Store/Harbor-Tools-1122334455/",
            "facebook",
            "https://facebook.com/pages/category/hardware-store/harbor-tools-1122334455",
            "Harbor-Tools-1122334455",
        ),
        ("https://discordapp.com/invite/AbC12xY", "discord", "https://discord.gg/AbC12xY", "AbC12xY"),
        (
            "https://ptb.discord.com/channels/8877665544332211/1122334455667788",
            "discord",
            "https://discord.com/channels/8877665544332211/1122334455667788",
            "channels/8877665544332211/1122334455667788",
        ),
        ("https://github.com/orgs/harbor-tools/people", "github", "https://github.com/harbor-tools", "harbor-tools"),
        ("https://harbortools.tumblr.com/", "tumblr", "https://harbortools.tumblr.com", "harbortools"),
        ("https://www.tumblr.com/harbortools", "tumblr", "https://tumblr.com/harbortools", "harbortools"),
        ("https://weibo.com/u/1234567890", "weibo", "https://weibo.com/u/1234567890", "1234567890"),
        ("https://medium.com/@harbortools", "medium", "https://medium.com/@harbortools", "harbortools"),
        ("https://www.twitch.tv/harbortools/videos", "twitch", "https://twitch.tv/harbortools", "harbortools"),
        ("https://www.threads.com/@harbortools", "threads", "https://threads.com/@harbortools", "harbortools"),
        ("https://vimeo.com/harbortools", "vimeo", "https://vimeo.com/harbortools", "harbortools"),
        ("https://www.behance.net/harbortools/projects", "behance", "https://behance.net/harbortools", "harbortools"),
        ("https://dribbble.com/harbortools", "dribbble", "https://dribbble.com/harbortools", "harbortools"),
        (
            "https://soundcloud.com/harbortools/tracks",
            "soundcloud",
            "https://soundcloud.com/harbortools",
            "harbortools",
        ),
        ("https://www.snapchat.com/@harbortools", "snapchat", "https://snapchat.com/@harbortools", "harbortools"),
        ("https://dzen.ru/harbortools", "dzen", "https://dzen.ru/harbortools", "harbortools"),
        ("https://ok.ru/harbortools", "odnoklassniki", "https://ok.ru/harbortools", "harbortools"),
        (
            "https://www.xing.com/companies/harbortoolsgmbh",
            "xing",
            "https://xing.com/companies/harbortoolsgmbh",
            "harbortoolsgmbh",
        ),
    ],
)
def test_profiles_on_short_hosts_old_urls_and_more_networks(href: str, network: str, url: str, handle: str) -> None:
    found = classify_link(href)
    assert found is not None
    assert (found.kind, found.network, found.url, found.handle) == ("social", network, url, handle)


def test_protocol_relative_and_relative_links_resolve_against_the_page() -> None:
    found = classify_link("//twitter.com/harbortools", "https://harbor-tools.co.uk/about/")
    assert found is not None and found.url == "https://twitter.com/harbortools"
    # Written without a scheme, the browser opens a page of the site itself, not the profile.
    assert classify_link("twitter.com/harbortools", "https://harbor-tools.co.uk/about/") is None


@pytest.mark.parametrize(
    "href",
    [
        "../go.html?link=https://www.instagram.com/harbor.tools/",
        "/out?url=https%3A%2F%2Fwww.instagram.com%2Fharbor.tools",
        "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.instagram.com%2Fharbor.tools%2F&h=AT0",
        "https://www.google.com/url?q=https://www.instagram.com/harbor.tools&sa=D",
    ],
)
def test_redirect_pages_are_unwrapped_when_they_lead_to_a_network(href: str) -> None:
    found = classify_link(href, "https://harbor-tools.co.uk/shop/index.html")
    assert found is not None
    assert (found.network, found.url) == ("instagram", "https://instagram.com/harbor.tools")


def test_share_buttons_are_not_unwrapped_into_profiles() -> None:
    assert classify_link("https://www.facebook.com/sharer/sharer.php?u=https://www.instagram.com/harbor.tools") is None


def test_the_page_plugin_names_the_profile_in_its_href_even_double_encoded() -> None:
    once = "https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com%2FHarborTools&tabs=timeline"
    name = "Ремонт-Харбор-Тулс-1234567890"
    twice = (
        "https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com%2F"
        + quote(quote(name, safe=""), safe="")
        + "%2F&width=340"
    )
    first, second = classify_link(once), classify_link(twice)
    assert first is not None and first.url == "https://facebook.com/harbortools"
    assert second is not None and (second.network, second.handle) == ("facebook", name)


@pytest.mark.parametrize(
    ("href", "network", "target"),
    [
        ("https://msng.link/o?442079460958=vi", "viber", "+442079460958"),
        ("https://msng.link/o/?442079460958=wa", "whatsapp", "442079460958"),
        ("https://msng.link/o/?harbor_help=tg", "telegram", "harbor_help"),
        ("https://t.me/s/harbor_news", "telegram", "harbor_news"),
        ("https://t.me/harbor_news/418", "telegram", "harbor_news"),
        ("https://web.whatsapp.com/send?phone=442079460958", "whatsapp", "442079460958"),
    ],
)
def test_messenger_redirectors_and_channel_posts(href: str, network: str, target: str) -> None:
    found = classify_link(href)
    assert found is not None
    assert (found.kind, found.network, found.handle, found.problem) == ("messenger", network, target, "")


@pytest.mark.parametrize(
    "href",
    ["https://wa.me/1XXXXXXXXXX", "https://wa.me/12345", "https://api.whatsapp.com/send?phone=YOURNUMBER"],
)
def test_whatsapp_placeholders_are_not_messengers(href: str) -> None:
    assert classify_link(href) is None


@pytest.mark.parametrize("href", ["https://wa.me/07700900461", "https://wa.me/9123456"])
def test_whatsapp_numbers_without_a_country_code_are_flagged(href: str) -> None:
    found = classify_link(href)
    assert found is not None and "country code" in found.problem


def test_review_sites_are_their_own_kind() -> None:
    for href in ("https://www.trustpilot.com/review/harbor-tools.co.uk", "https://www.yelp.ca/biz/harbor-tools"):
        found = classify_link(href)
        assert found is not None and found.kind == "review"


def test_profile_urls_written_as_text() -> None:
    text = (
        "Find us at instagram.com/harbor.tools, https://www.facebook.com/HarborTools and t.me/harbor_help. "
        "Mail sales@instagram.com.example or see https://harbor-tools.co.uk/?ref=twitter.com/notus"
    )
    found = {(f.network, f.url) for f in links_in_text(text)}
    assert found == {
        ("instagram", "https://instagram.com/harbor.tools"),
        ("facebook", "https://facebook.com/harbortools"),
        ("telegram", "https://t.me/harbor_help"),
    }


def test_at_least_25_networks_where_a_company_profile_can_live() -> None:
    profiles = [
        "https://facebook.com/acme",
        "https://instagram.com/acme",
        "https://x.com/acme",
        "https://linkedin.com/company/acme",
        "https://youtube.com/@acme",
        "https://tiktok.com/@acme",
        "https://pinterest.com/acme",
        "https://threads.net/@acme",
        "https://bsky.app/profile/acme.bsky.social",
        "https://mastodon.social/@acme",
        "https://reddit.com/r/acme",
        "https://discord.gg/acme",
        "https://github.com/acme",
        "https://vk.com/acme",
        "https://ok.ru/group/123456",
        "https://xing.com/pages/acme",
        "https://snapchat.com/add/acme",
        "https://dzen.ru/acme",
        "https://acme.tumblr.com",
        "https://weibo.com/u/123456",
        "https://medium.com/@acme",
        "https://twitch.tv/acme",
        "https://vimeo.com/acme",
        "https://behance.net/acme",
        "https://dribbble.com/acme",
        "https://soundcloud.com/acme",
    ]
    networks = {found.network for found in map(classify_link, profiles) if found is not None and found.kind == "social"}
    assert len(networks) >= 25


def test_a_vimeo_account_without_a_chosen_name_is_its_number() -> None:
    found = classify_link("https://vimeo.com/user46001122")
    assert found is not None and (found.url, found.handle) == ("https://vimeo.com/user46001122", "46001122")


@pytest.mark.parametrize(
    ("href", "profile"),
    [
        ("https://www.instagram.com/harbor-tools", False),
        ("https://www.instagram.com/harbor..tools", False),
        ("https://twitter.com/harbor_tools_and_hardware", False),
        ("https://www.facebook.com/groups/harbor-tools-owners", True),
    ],
)
def test_names_the_network_does_not_allow_are_not_profiles(href: str, profile: bool) -> None:
    assert (classify_link(href) is not None) is profile


def test_facebook_names_typed_as_text_follow_the_username_rules() -> None:
    text = (
        "facebook.com/harbor-tools facebook.com/harbor.tools "
        "facebook.com/Harbor-Tools-Werkstatt-104455667788 facebook.com/profile.php?id=100055667788"
    )
    assert {f.handle for f in links_in_text(text)} == {
        "harbor.tools",
        "Harbor-Tools-Werkstatt-104455667788",
        "100055667788",
    }
    # A link's address was copied from the browser: an older page name is given the benefit of the doubt.
    assert classify_link("https://www.facebook.com/harbor-tools") is not None


@pytest.mark.parametrize(
    "href",
    [
        "https://www.tiktok.com/trending?shareId=7301234567890",
        "https://www.tiktok.com/foryou?lang=de",
        "https://www.tiktok.com/explore",
        "https://www.tiktok.com/discover/bike-repair-tips",
        "https://www.tiktok.com/tag/cycling",
        "https://www.tiktok.com/music/Summer-Jingle-7012345678901",
        "https://www.tiktok.com/search?q=harbor%20tools",
        "https://www.tiktok.com/live",
        "https://m.tiktok.com/v/7301234567890",
        "https://m.tiktok.com/v/7301234567890.html?u_code=abc",
        "https://www.tiktok.com/video/7301234567890",
        "https://www.tiktok.com/embed/7301234567890",
        "https://www.tiktok.com/embed/v2/7301234567890",
        "https://www.tiktok.com/share/video/7301234567890",
        "https://www.tiktok.com/t/ZTRabc123/",
        "https://www.tiktok.com/@harbortools/photo/7301234567890",
        "https://www.tiktok.com/@",
        "https://www.tiktok.com/",
        # Without the @ the name is no profile address: TikTok answers with its own page.
        "https://www.tiktok.com/harbortools",
    ],
)
def test_tiktoks_own_pages_videos_and_share_links_are_not_profiles(href: str) -> None:
    assert classify_link(href) is None


@pytest.mark.parametrize(
    "href",
    [
        "https://m.tiktok.com/@harbortools",
        "https://www.tiktok.com/@HarborTools?is_from_webapp=1&sender_device=pc",
        "https://www.tiktok.com/@harbortools/live",
        "//www.tiktok.com/@harbortools",
    ],
)
def test_a_tiktok_profile_is_the_at_name_whatever_follows(href: str) -> None:
    found = classify_link(href, "https://harbor-tools.co.uk/")
    assert found is not None
    assert (found.network, found.url, found.handle.lower()) == (
        "tiktok",
        "https://tiktok.com/@harbortools",
        "harbortools",
    )


# Profiles, a network's own pages and content on many networks: a protocol-relative link
# opens the same page as the https one, so it must be read the same way.
_SCHEME_TWINS = [
    "https://www.reddit.com/r/bicycling",
    "https://reddit.com/r/",
    "https://www.reddit.com/user/harbortools",
    "https://www.reddit.com/submit?url=x",
    "https://www.reddit.com/r/tools/comments/abc123/new_hammer/",
    "https://www.tiktok.com/trending?shareId=7301234567890",
    "https://m.tiktok.com/v/7301234567890",
    "https://www.tiktok.com/@harbortools",
    "https://www.linkedin.com/company/",
    "https://www.linkedin.com/company/harbor-tools/about/",
    "https://www.facebook.com/pages/create",
    "https://www.facebook.com/harbortools",
    "https://www.facebook.com/sharer/sharer.php?u=x",
    "https://www.instagram.com/explore/tags/bikes/",
    "https://www.instagram.com/harbor.tools/",
    "https://twitter.com/intent/tweet?text=hi",
    "https://twitter.com/harbortools",
    "https://www.youtube.com/watch?v=Xy12AbCdEf0",
    "https://www.youtube.com/@HarborTools",
    "https://github.com/trending",
    "https://github.com/harbor-tools",
    "https://vk.com/wall-5566_120",
    "https://t.me/harbortools",
    "https://wa.me/442079460958",
    "https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com%2FHarborTools",
]


@pytest.mark.parametrize("href", _SCHEME_TWINS)
@pytest.mark.parametrize("page", ["https://harbor-tools.co.uk/about/", "http://127.0.0.1:8000/"])
def test_a_protocol_relative_link_is_read_as_its_https_twin(href: str, page: str) -> None:
    with_scheme = classify_link(href, page)
    relative = classify_link(href.removeprefix("https:"), page)
    assert (relative and (relative.kind, relative.network, relative.url, relative.handle)) == (
        with_scheme and (with_scheme.kind, with_scheme.network, with_scheme.url, with_scheme.handle)
    )
