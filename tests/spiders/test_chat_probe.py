"""Chat widgets found, measured and photographed in a real Chromium, on fixture pages
that reproduce each vendor's embed snippet with local stand-ins for its script."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from auditor.demo.sitehost import serve
from auditor.gather.extract.chat import PROBE_SCRIPT, from_probe, probe_argument
from spiders.chat_inspect import InspectPlan
from tests.spiders.conftest import TEST_PLAN, Chromium
from tests.spiders.png import pixel, read_png

pytestmark = pytest.mark.slow

CHAT = Path(__file__).parent.parent / "sites" / "chat"
PAGES = sorted(p.stem for p in CHAT.glob("*.html"))
VIEWPORTS = ("desktop", "mobile")
# page -> the one vendor it embeds
ONE_VENDOR = {
    "brevo": "brevo",
    "chatra": "chatra",
    "chatwoot-left": "chatwoot",
    "crisp-back-to-top": "crisp",
    "drift-lazy": "drift",
    "facebook-retired": "facebook-customer-chat",
    "freshchat-desktop-only": "freshchat",
    "gorgias": "gorgias",
    "helpscout": "helpscout",
    "hubspot": "hubspot",
    "intercom-left": "intercom",
    "jivochat": "jivochat",
    "livechat-delayed": "livechat",
    "olark": "olark",
    "smartsupp": "smartsupp",
    "tawk-cookie-banner": "tawk",
    "tawk-twice": "tawk",
    "tidio": "tidio",
    "tidio-broken": "tidio",
    "whatsapp-button": "whatsapp-button",
    "zendesk": "zendesk",
}
Inspections = dict[tuple[str, str], dict[str, Any]]


@pytest.fixture(scope="module")
def inspections(chromium: Chromium, sites: str) -> Inspections:
    """Every fixture page inspected in both viewports, a few pages at a time."""
    gate = asyncio.Semaphore(4)

    async def one(name: str, viewport: str) -> tuple[tuple[str, str], dict[str, Any]]:
        async with gate:
            return (name, viewport), await chromium.inspect(f"{sites}/chat/{name}.html", viewport)

    async def every() -> list[tuple[tuple[str, str], dict[str, Any]]]:
        return await asyncio.gather(*(one(name, viewport) for name in PAGES for viewport in VIEWPORTS))

    return dict(chromium.run(every()))


def widgets(inspections: Inspections, name: str, viewport: str = "desktop") -> dict[str, dict[str, Any]]:
    return {w["vendor"]: w for w in inspections[name, viewport]["widgets"]}


def found(inspections: Inspections, name: str, viewport: str = "desktop") -> dict[str, Any]:
    """Vendor id -> FoundWidget, network evidence included, as the spider sees it."""
    result = inspections[name, viewport]
    return {w.vendor: w for w in from_probe(result["widgets"], result["requests"], result["failures"])}


def test_fixtures_cover_at_least_fifteen_vendors() -> None:
    assert len(set(ONE_VENDOR.values()) - {"facebook-customer-chat"}) >= 15
    assert set(ONE_VENDOR) | {"none", "two-vendors", "contact"} == set(PAGES)


@pytest.mark.parametrize("name", sorted(ONE_VENDOR))
def test_each_page_shows_exactly_its_vendor(inspections: Inspections, name: str) -> None:
    assert set(found(inspections, name)) == {ONE_VENDOR[name]}


@pytest.mark.parametrize(
    "name",
    sorted(set(ONE_VENDOR) - {"facebook-customer-chat", "tidio-broken", "freshchat-desktop-only", "facebook-retired"}),
)
def test_working_widgets_have_a_visible_launcher_on_both_screens(inspections: Inspections, name: str) -> None:
    for viewport in VIEWPORTS:
        box = widgets(inspections, name, viewport)[ONE_VENDOR[name]]["box"]
        assert box is not None and box["visible"], (viewport, box)
        assert box["corner"].startswith("bottom-")
        assert box["page"].endswith(f"/chat/{name}.html")


def test_pages_without_a_widget_show_none(inspections: Inspections) -> None:
    for viewport in VIEWPORTS:
        assert found(inspections, "none", viewport) == {}
        assert found(inspections, "contact", viewport) == {}
        assert inspections["none", viewport]["nudged"]  # looked for lazy widgets before concluding
        assert inspections["none", viewport]["elapsed_ms"] < TEST_PLAN.budget_ms


def test_the_browser_never_left_127_0_0_1(inspections: Inspections, chromium: Chromium) -> None:
    assert inspections
    assert chromium.offsite == []


def test_evidence_says_which_signals_matched(inspections: Inspections) -> None:
    tawk = found(inspections, "tawk-cookie-banner")["tawk"].evidence
    assert {
        "global:Tawk_API",
        "script:embed.tawk.to",
        "request:embed.tawk.to",
        "dom:iframe[title='chat widget']",
    } <= set(tawk)
    drift = found(inspections, "drift-lazy")["drift"].evidence
    assert "global:driftt" in drift and "global:drift" in drift  # the weak name only next to a strong one


def test_a_loader_that_fetches_the_widget_is_seen_on_the_network(inspections: Inspections) -> None:
    hubspot = found(inspections, "hubspot")["hubspot"]
    assert "request:js.usemessages.com" in hubspot.evidence  # not in the HTML: the tracking code fetched it
    assert "global:HubSpotConversations" in hubspot.evidence
    zendesk = found(inspections, "zendesk")["zendesk"]
    assert {"request:static.zdassets.com", "global:zE", "dom:iframe[title='Button to launch messaging window']"} <= set(
        zendesk.evidence
    )


def test_left_and_right_corners_are_measured_not_assumed(inspections: Inspections) -> None:
    for viewport in VIEWPORTS:
        assert widgets(inspections, "intercom-left", viewport)["intercom"]["box"]["corner"] == "bottom-left"
        assert widgets(inspections, "chatwoot-left", viewport)["chatwoot"]["box"]["corner"] == "bottom-left"
        assert widgets(inspections, "tidio", viewport)["tidio"]["box"]["corner"] == "bottom-right"
    intercom = widgets(inspections, "intercom-left")["intercom"]["box"]
    assert (intercom["x"], intercom["y"], intercom["width"], intercom["height"]) == (20, 768 - 20 - 48, 48, 48)
    olark = widgets(inspections, "olark", "mobile")["olark"]["box"]
    assert (olark["width"], olark["height"]) == (200, 40)  # a tab, not a round button


def test_a_lazy_widget_appears_after_a_nudge(inspections: Inspections) -> None:
    for viewport in VIEWPORTS:
        box = widgets(inspections, "drift-lazy", viewport)["drift"]["box"]
        assert box["visible"] and box["after_nudge"] is True
        assert inspections["drift-lazy", viewport]["nudged"]


def test_a_lazy_widget_an_interval_starts_after_the_nudge_is_waited_for(chromium: Chromium, sites: str) -> None:
    # The interaction starts an interval; its first tick, 850 ms later, starts the chat:
    # past half of this plan's quiet window, within the whole of it.
    plan = InspectPlan(settle_ms=600, budget_ms=8000, stable_ms=1000, nudge_wait_ms=700, poll_ms=100)
    for viewport in VIEWPORTS:
        result = chromium.run(chromium.inspect(f"{sites}/chat/polled/drift.html", viewport, plan))
        (box,) = [w["box"] for w in result["widgets"] if w["vendor"] == "drift"]
        assert box["visible"] and box["after_nudge"] is True


def test_a_late_widget_is_waited_for(inspections: Inspections) -> None:
    box = widgets(inspections, "livechat-delayed")["livechat"]["box"]
    assert box["visible"]
    assert box["appeared_ms"] >= 300  # started 700 ms after the HTML was parsed, not at the load event
    tidio = widgets(inspections, "tidio")["tidio"]["box"]
    assert tidio["appeared_ms"] < box["appeared_ms"]


def test_covered_launchers_name_what_covers_them(inspections: Inspections) -> None:
    for viewport in VIEWPORTS:
        tawk = widgets(inspections, "tawk-cookie-banner", viewport)["tawk"]["box"]
        assert tawk["overlaps"] == ["cookie banner: div#cookie-banner.consent-bar"]
        crisp = widgets(inspections, "crisp-back-to-top", viewport)["crisp"]["box"]
        assert crisp["overlaps"] == ["back to top: a#back-to-top.scroll-top"]
        assert widgets(inspections, "tidio", viewport)["tidio"]["box"]["overlaps"] == []


def test_two_vendors_on_one_page_are_both_found_and_one_hides_the_other(inspections: Inspections) -> None:
    both = widgets(inspections, "two-vendors")
    assert set(both) == {"intercom", "tawk"}
    # Intercom's launcher has the higher z-index: Tawk's button is under it.
    assert both["tawk"]["box"]["overlaps"] == ["chat widget: intercom"]
    assert both["intercom"]["box"]["overlaps"] == []
    assert both["intercom"]["box"]["intersects"] == ["chat widget: tawk"]


def test_the_same_widget_twice_is_counted(inspections: Inspections) -> None:
    twice = widgets(inspections, "tawk-twice")["tawk"]
    assert twice["instances"] == 2
    assert twice["box"]["overlaps"] == ["chat widget: tawk"]  # the second copy sits on the first
    assert widgets(inspections, "tawk-cookie-banner")["tawk"]["instances"] == 1


def test_a_widget_hidden_on_phones_is_measured_as_not_drawn(inspections: Inspections) -> None:
    desktop = widgets(inspections, "freshchat-desktop-only")["freshchat"]["box"]
    mobile = widgets(inspections, "freshchat-desktop-only", "mobile")["freshchat"]["box"]
    assert desktop["visible"] and desktop["corner"] == "bottom-right"
    assert (mobile["corner"], mobile["visible"], mobile["width"]) == ("none", False, 0)


def test_a_broken_embed_is_code_without_a_launcher(inspections: Inspections) -> None:
    tidio = found(inspections, "tidio-broken")["tidio"]
    assert tidio.box is None
    assert tidio.failed_requests and tidio.failed_requests[0].endswith("d3adk3y.js (HTTP 404)")


def test_a_retired_widget_is_found_as_retired_without_waiting_for_it(inspections: Inspections) -> None:
    facebook = widgets(inspections, "facebook-retired")["facebook-customer-chat"]
    assert facebook["retired"] is True
    assert facebook["box"]["corner"] == "none"
    assert "dom:.fb-customerchat" in facebook["evidence"]
    assert inspections["facebook-retired", "desktop"]["elapsed_ms"] < TEST_PLAN.budget_ms


def test_a_floating_whatsapp_link_is_a_widget_a_footer_link_is_not(inspections: Inspections) -> None:
    whatsapp = widgets(inspections, "whatsapp-button", "mobile")["whatsapp-button"]
    assert whatsapp["evidence"] == ["floating-link:wa.me/"]
    assert whatsapp["instances"] == 1
    assert (whatsapp["box"]["corner"], whatsapp["box"]["width"]) == ("bottom-right", 56)


# The probe script on its own


def test_probe_script_measures_a_covered_launcher(chromium: Chromium, sites: str) -> None:
    result = chromium.run(
        chromium.evaluate(
            f"{sites}/chat/tawk-cookie-banner.html", PROBE_SCRIPT, probe_argument(), "iframe[title='chat widget']"
        )
    )
    (tawk,) = result
    assert tawk["vendor"] == "tawk" and tawk["retired"] is False
    assert tawk["box"]["corner"] == "bottom-right" and tawk["box"]["visible"] is True
    assert tawk["box"]["overlaps"] == ["cookie banner: div#cookie-banner.consent-bar"]


def test_probe_script_finds_nothing_on_a_page_full_of_decoys(chromium: Chromium, sites: str) -> None:
    assert chromium.run(chromium.evaluate(f"{sites}/chat/none.html", PROBE_SCRIPT, probe_argument())) == []


# Other fixture sites: no false vendors


def test_no_false_vendor_on_the_other_fixture_sites(chromium: Chromium, sites: str) -> None:
    root = Path(__file__).parent.parent / "sites"
    urls = [
        f"{sites}/{p.relative_to(root).as_posix()}" for site in ("bare", "ru") for p in (root / site).rglob("*.html")
    ]
    urls = [u for u in urls if "/blog/" not in u or u.endswith("/1.html")]  # one blog template is enough

    async def every() -> list[dict[str, Any]]:
        return list(await asyncio.gather(*(chromium.inspect(u) for u in urls)))

    for url, result in zip(urls, chromium.run(every()), strict=True):
        assert found_vendors(result) == set(), url


def test_demo_site_shows_crisp_where_it_is_embedded_and_nowhere_else(chromium: Chromium) -> None:
    demo = Path(__file__).parent.parent.parent / "auditor" / "demo" / "nimbus"
    with serve(demo) as base:

        async def every() -> dict[str, set[str]]:
            paths = ("", "contact/", "about/")
            results = await asyncio.gather(*(chromium.inspect(f"{base}/{path}") for path in paths))
            return {path: found_vendors(result) for path, result in zip(paths, results, strict=True)}

        vendors = chromium.run(every())
    assert vendors == {"": {"crisp"}, "contact/": {"crisp"}, "about/": set()}
    assert chromium.offsite == []


def found_vendors(result: dict[str, Any]) -> set[str]:
    return {w.vendor for w in from_probe(result["widgets"], result["requests"], result["failures"])}


# Screenshots


def test_screenshot_outlines_the_launcher(chromium: Chromium, sites: str, tmp_path: Path) -> None:
    plan = InspectPlan(
        settle_ms=TEST_PLAN.settle_ms,
        budget_ms=TEST_PLAN.budget_ms,
        stable_ms=TEST_PLAN.stable_ms,
        screenshot_dir=str(tmp_path),
        screenshot_name="screenshots/tidio-mobile.png",
    )
    result = chromium.run(chromium.inspect(f"{sites}/chat/tidio.html", "mobile", plan))
    (tidio,) = result["widgets"]
    assert result["screenshot"] == tidio["box"]["screenshot"] == "screenshots/tidio-mobile.png"
    width, height, rows = read_png(tmp_path / "screenshots" / "tidio-mobile.png")
    assert (width, height) == (390, 844)
    box = tidio["box"]
    channels = len(rows[0]) // width
    # The outline is drawn 5 px outside the launcher's box, 3 px wide, in one colour.
    left_edge = int(box["x"]) - 4
    assert pixel(rows, left_edge, int(box["y"] + box["height"] / 2), channels) == (0xE1, 0x1D, 0x48)
    assert pixel(rows, 20, 20, channels) != (0xE1, 0x1D, 0x48)
