"""The chat fingerprint file, and detection that needs no browser: raw HTML, URLs, merging."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import soupsieve
from bs4 import BeautifulSoup

from auditor.artifacts import Box, ChatWidget, Page, Placement
from auditor.gather.extract.chat import find_in_html, from_probe, url_matches, vendors
from auditor.gather.extract.chat.placement import add_mobile, merge_widgets
from auditor.gather.extract.chat.vendors import load_data

SITES = Path(__file__).parent.parent / "sites"
KEYS = {
    "id", "name", "docs", "script_hosts", "request_hosts", "globals", "weak_globals",
    "selectors", "launchers", "floating_links", "open", "retired", "retired_on",
}  # fmt: skip
LISTS = KEYS - {"id", "name", "docs", "open", "retired", "retired_on"}
# The vendors issue 4 names; every one must be recognisable.
REQUIRED = {
    "intercom", "zendesk", "zopim", "drift", "tawk", "crisp", "livechat", "hubspot", "freshchat", "tidio",
    "jivochat", "olark", "smartsupp", "chatra", "userlike", "helpscout", "gorgias", "gist", "zoho-salesiq",
    "chatwoot", "brevo", "liveperson", "salesforce-messaging", "salesforce-chat", "kustomer", "front", "talkdesk",
    "reamaze", "chaport", "bitrix24", "comm100", "liveagent", "helpcrunch", "trengo", "ada", "landbot", "genesys",
    "podium", "gladly", "whatsapp-button", "telegram-button", "facebook-customer-chat",
}  # fmt: skip


def raw_widgets(name: str) -> dict[str, int]:
    soup = BeautifulSoup((SITES / "chat" / name).read_text(encoding="utf-8"), "lxml")
    return {w.vendor: w.instances for w in find_in_html(soup)}


# The data file


def test_data_file_is_versioned_and_every_entry_has_the_same_shape() -> None:
    data = load_data()
    assert isinstance(data["version"], int) and data["version"] >= 2
    date.fromisoformat(data["updated"])
    assert len(data["vendors"]) >= 40
    for entry in data["vendors"]:
        assert set(entry) - {"notes"} == KEYS, entry["id"]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry["id"]), entry["id"]
        assert entry["name"].strip() and entry["docs"].startswith("https://")
        for key in LISTS:
            assert all(isinstance(s, str) and s.strip() == s and s for s in entry[key]), (entry["id"], key)
            assert len(set(entry[key])) == len(entry[key]), (entry["id"], key)
        assert entry["open"] is None or isinstance(entry["open"], str)
        assert isinstance(entry["retired"], bool)
        if entry["retired"]:
            assert date.fromisoformat(entry["retired_on"]) <= date.fromisoformat(data["updated"])
        signals = entry["script_hosts"] + entry["request_hosts"] + entry["globals"] + entry["selectors"]
        assert signals + entry["floating_links"], f"{entry['id']} has nothing to recognise it by"


def test_vendors_the_issue_names_are_all_there() -> None:
    assert {v.id for v in vendors()} >= REQUIRED


def test_ids_names_and_signals_belong_to_one_vendor_only() -> None:
    data = load_data()["vendors"]
    for key in ("id", "name"):
        values = [v[key] for v in data]
        assert len(values) == len(set(values)), key
    for key in ("script_hosts", "request_hosts", "globals", "weak_globals", "selectors", "launchers", "floating_links"):
        owners: dict[str, str] = {}
        for entry in data:
            for signal in entry[key]:
                assert owners.setdefault(signal, entry["id"]) == entry["id"], (key, signal)
    url_signals = {s: v.id for v in vendors() for s in v.url_signals}
    for signal, owner in url_signals.items():
        others = [o for s, o in url_signals.items() if o != owner and s != signal and url_matches(signal, s)]
        assert not others, f"{signal} ({owner}) also matches {others}"


def test_selectors_are_valid_css() -> None:
    for vendor in vendors():
        for selector in vendor.selectors + vendor.launchers:
            soupsieve.compile(selector)


def test_retired_products_are_flagged() -> None:
    retired = {v.id for v in vendors() if v.retired}
    assert {"facebook-customer-chat", "salesforce-chat"} <= retired
    assert "intercom" not in retired


# Matching


@pytest.mark.parametrize(
    ("signal", "url", "expected"),
    [
        ("widget.intercom.io", "https://widget.intercom.io/widget/abc", True),
        ("widget.intercom.io", "http://127.0.0.1:8000/chat/stand-ins/widget.intercom.io/widget/x.js", True),
        ("widget.intercom.io", "https://notwidget.intercom.io/widget/abc", False),
        ("widget.intercom.io", "https://widget.intercom.iox/abc", False),
        ("widget.intercom.io", "https://example.com/page?ref=widget.intercom.io", False),
        ("/packs/js/sdk.js", "https://chat.example.org/packs/js/sdk.js", True),
        ("my.site.com/ESW", "https://acme.my.site.com/ESWMessaging1700/assets/js/bootstrap.min.js", True),
        ("ada.support", "https://canada.support.example/", False),
        ("xfbml.customerchat.js", "https://connect.facebook.net/en_US/sdk.js", False),
    ],
)
def test_url_matches_hosts_at_label_boundaries(signal: str, url: str, expected: bool) -> None:
    assert url_matches(signal, url) is expected


# Raw HTML, before any script runs


@pytest.mark.parametrize(
    ("page", "vendor"),
    [
        ("intercom-left.html", "intercom"),
        ("zendesk.html", "zendesk"),
        ("drift-lazy.html", "drift"),
        ("tawk-cookie-banner.html", "tawk"),
        ("crisp-back-to-top.html", "crisp"),
        ("livechat-delayed.html", "livechat"),
        ("freshchat-desktop-only.html", "freshchat"),
        ("tidio.html", "tidio"),
        ("jivochat.html", "jivochat"),
        ("olark.html", "olark"),
        ("smartsupp.html", "smartsupp"),
        ("chatra.html", "chatra"),
        ("helpscout.html", "helpscout"),
        ("chatwoot-left.html", "chatwoot"),
        ("brevo.html", "brevo"),
        ("gorgias.html", "gorgias"),
        ("facebook-retired.html", "facebook-customer-chat"),
    ],
)
def test_embed_snippets_are_recognised_in_the_raw_html(page: str, vendor: str) -> None:
    assert set(raw_widgets(page)) == {vendor}


def test_a_snippet_pasted_twice_counts_twice() -> None:
    assert raw_widgets("tawk-twice.html") == {"tawk": 2}
    assert raw_widgets("two-vendors.html") == {"intercom": 1, "tawk": 1}


def test_code_that_only_a_browser_reveals_is_not_guessed_from_the_html() -> None:
    assert raw_widgets("hubspot.html") == {}  # HubSpot's tracking loader is not chat by itself
    assert raw_widgets("whatsapp-button.html") == {}  # floating or not takes layout
    assert raw_widgets("none.html") == {}  # look-alike globals, plain Facebook SDK, vendor names in text


@pytest.mark.parametrize("site", ["bare", "ru"])
def test_other_fixture_sites_have_no_chat_in_their_html(site: str) -> None:
    for path in (SITES / site).rglob("*.html"):
        assert find_in_html(BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")) == [], path


# The probe's answer, the network and the merge


def test_a_request_for_a_vendor_script_is_evidence_even_without_a_widget() -> None:
    found = from_probe(
        [],
        requests=["http://127.0.0.1:1/chat/stand-ins/js.usemessages.com/conversations-embed.js"],
        failures=[],
    )
    assert [(w.vendor, w.evidence, w.box) for w in found] == [("hubspot", ["request:js.usemessages.com"], None)]


def test_failed_requests_stay_with_their_vendor() -> None:
    probe = [{"vendor": "tidio", "evidence": ["script:code.tidio.co"], "retired": False, "box": None}]
    failure = "https://code.tidio.co/dead.js (HTTP 404)"
    (tidio,) = from_probe(probe, ["https://code.tidio.co/dead.js"], [failure, "https://x.example/a.css (HTTP 500)"])
    assert tidio.failed_requests == [failure]
    assert tidio.evidence == ["script:code.tidio.co", "request:code.tidio.co"]


HOME, CONTACT, HELP = "https://s.example/", "https://s.example/contact/", "https://s.example/help/"


def box(corner: str, page: str, **more: object) -> Box:
    return Box(corner=corner, x=1, y=2, width=60, height=60, visible=corner != "none", page=page, **more)


def test_site_widget_lists_pages_without_it_and_prefers_a_drawn_launcher() -> None:
    pages = [Page(url=u, status=200, rendered=u != HELP) for u in (HOME, CONTACT, HELP)]
    on_home = ChatWidget(
        vendor="Tawk.to", vendor_id="tawk", pages=[HOME], placement=Placement(desktop=box("none", HOME))
    )
    on_help = ChatWidget(
        vendor="Tawk.to",
        vendor_id="tawk",
        pages=[HELP],
        instances=2,
        placement=Placement(desktop=box("bottom-right", HELP), mobile=box("bottom-right", HELP)),
    )
    (tawk,) = merge_widgets([on_home, on_help], pages)
    assert tawk.pages == [HOME, HELP]
    assert tawk.missing_on == [CONTACT]  # help was not rendered: unknown, not missing
    assert tawk.placement.desktop is not None and tawk.placement.desktop.page == HELP
    assert tawk.instances == 2


def test_mobile_measurements_join_the_desktop_ones() -> None:
    desktop = [
        ChatWidget(
            vendor="Freshchat",
            vendor_id="freshchat",
            pages=[HOME],
            placement=Placement(desktop=box("bottom-right", HOME)),
        )
    ]
    mobile = from_probe(
        [
            {"vendor": "whatsapp-button", "evidence": ["floating-link:wa.me/"], "retired": False,
             "box": box("bottom-left", HOME).model_dump()},
        ]
    )  # fmt: skip
    joined = {w.vendor_id: w for w in add_mobile(desktop, mobile, HOME)}
    assert joined["freshchat"].placement.mobile is not None
    assert joined["freshchat"].placement.mobile.corner == "none"  # measured on the phone: not drawn there
    whatsapp = joined["whatsapp-button"]
    assert whatsapp.vendor == "WhatsApp floating button"
    assert whatsapp.placement.desktop is not None and whatsapp.placement.desktop.corner == "none"
    assert whatsapp.placement.mobile is not None and whatsapp.placement.mobile.corner == "bottom-left"
