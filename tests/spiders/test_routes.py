"""Routes a visitor reaches without a link: navigation elements without `href` clicked
in a real Chromium, as the spider's page method does after the chat inspection."""

from __future__ import annotations

from typing import Any

import pytest

from spiders.chat_inspect import NetworkLog, inspect_chat, prepare_page
from spiders.routes import RouteDiscovery, discover_routes
from tests.spiders.conftest import TEST_PLAN, Chromium

pytestmark = pytest.mark.slow


def discover(chromium: Chromium, url: str, discovery: RouteDiscovery) -> tuple[dict[str, Any], dict[str, Any]]:
    """The discovery's result, and the page's state after it."""

    async def go() -> tuple[dict[str, Any], dict[str, Any]]:
        page = await (await chromium.context("desktop")).new_page()
        log = NetworkLog()
        log.attach(page)
        await prepare_page(page)
        try:
            await page.goto(url)
            await inspect_chat(page, TEST_PLAN, log)
            result = await discover_routes(page, discovery, TEST_PLAN, log)
            state = await page.evaluate(
                "() => ({ href: location.href, first: window.firstDocument === true,"
                " loggedOut: window.loggedOut === true })"
            )
            return result, state
        finally:
            await page.close()

    return chromium.run(go())


def test_buttons_and_role_links_in_the_navigation_lead_to_routes(
    chromium: Chromium, sites: str, site_posts: list[tuple[str, bytes]]
) -> None:
    result, state = discover(chromium, f"{sites}/routes/nav.html", RouteDiscovery())
    clicked = {c["text"]: (c["url"], c["where"]) for c in result["clicked"]}
    assert clicked == {
        "FAQ": (f"{sites}/routes/faq", "nav"),
        "Help": (f"{sites}/routes/nav.html#/help", "nav"),
        # A full navigation is recorded and stopped: the page stays the one that was rendered.
        "Contact": (f"{sites}/routes/contact.html", "nav"),
    }
    assert [(r["url"], r["text"]) for r in result["revealed"]] == [(f"{sites}/routes/shop.html", "Shop")]
    # The window the chat button opens is a route too, and it never opened.
    assert f"{sites}/routes/chat.html" in result["routes"]
    assert state == {"href": f"{sites}/routes/nav.html", "first": True, "loggedOut": False}
    # What the audit reads is the page from before the first click.
    assert 'id="view">Home<' in result["html"]
    assert not [path for path, _ in site_posts if path.startswith("/routes/")]


def test_each_label_is_clicked_once_per_crawl_within_its_bound(chromium: Chromium, sites: str) -> None:
    discovery = RouteDiscovery(max_clicks=2)
    first, _ = discover(chromium, f"{sites}/routes/nav.html", discovery)
    assert [c["text"] for c in first["clicked"]] == ["FAQ", "Help"]
    again, _ = discover(chromium, f"{sites}/routes/nav.html", discovery)
    assert again["clicked"] == [] and again["html"] is None
    more, _ = discover(chromium, f"{sites}/routes/nav.html", RouteDiscovery(max_clicks=10, tried=discovery.tried))
    assert [c["text"] for c in more["clicked"]] == ["Contact"]


def test_routes_the_router_takes_on_its_own_are_recorded(chromium: Chromium, sites: str) -> None:
    result, state = discover(chromium, f"{sites}/routes/splash.html", RouteDiscovery(max_clicks=0))
    assert result["clicked"] == [] and result["html"] is None
    assert result["routes"] == [f"{sites}/routes/start"]
    assert state["href"] == f"{sites}/routes/start"
