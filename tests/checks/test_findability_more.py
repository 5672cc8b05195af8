import pytest

from auditor.artifacts import Box, ChatWidget, ContactPage, Email, Link, Phone, Placement
from checks import (
    chat_launcher_corner,
    chat_launcher_tap_target,
    chat_launcher_unobstructed,
    chat_on_every_page,
    contact_link_in_header,
    contact_one_click,
    footer_contact_details,
    machine_readable_contacts,
    tap_to_contact,
)
from tests.builders import BASE, judge, page, site

CONTACT = [ContactPage(url=f"{BASE}/contact/", status=200, depth=1)]


def nav_link(path: str = "/contact/", text: str = "Contact") -> Link:
    return Link(url=f"{BASE}{path}", text=text, location="nav", contact_like=True)


def test_contact_link_in_header() -> None:
    good = site([page("/", links=[nav_link()]), page("/a", links=[nav_link()])], contact_pages=CONTACT)
    assert judge(contact_link_in_header, good).score == 1.0
    half = site([page("/", links=[nav_link()]), page("/a")], contact_pages=CONTACT)
    outcome = judge(contact_link_in_header, half)
    assert outcome.score == 0.5
    assert [e.url for e in outcome.evidence] == [f"{BASE}/a"]


def test_contact_one_click() -> None:
    assert judge(contact_one_click, site([page("/")], contact_pages=CONTACT)).score == 1.0
    deep = [ContactPage(url=f"{BASE}/help/contact/", status=200, depth=2)]
    outcome = judge(contact_one_click, site([page("/", footer_contact=False)], contact_pages=deep))
    assert (outcome.score, outcome.display_value) == (0.0, "2 clicks")
    assert judge(contact_one_click, site([page("/")])).score is None


def test_footer_contact_details() -> None:
    footer_phone = Phone(raw="020 7946 0958", locations=["footer"])
    assert judge(footer_contact_details, site(phones=[footer_phone])).score == 1.0
    main_email = Email(address="a@shop.co.uk", locations=["main"])
    assert judge(footer_contact_details, site(emails=[main_email])).score == 0.0


def test_tap_to_contact() -> None:
    linked = Phone(raw="020 7946 0958", sources=["tel", "text"], pages=[f"{BASE}/"])
    plain = Phone(raw="+44 161 496 0000", sources=["tel", "text"], unlinked_on=[f"{BASE}/contact/"])
    email = Email(address="a@shop.co.uk", sources=["mailto"])
    assert judge(tap_to_contact, site(phones=[linked], emails=[email])).score == 1.0
    outcome = judge(tap_to_contact, site(phones=[linked, plain], emails=[email]))
    assert outcome.score is not None and abs(outcome.score - 2 / 3) < 1e-9
    assert [(e.url, e.snippet) for e in outcome.evidence] == [(f"{BASE}/contact/", "+44 161 496 0000")]
    assert judge(tap_to_contact, site()).score is None


def test_machine_readable_contacts() -> None:
    marked = Email(address="a@shop.co.uk", sources=["jsonld"])
    assert judge(machine_readable_contacts, site(emails=[marked])).score == 1.0
    assert judge(machine_readable_contacts, site(emails=[Email(address="a@shop.co.uk", sources=["mailto"])])).score == 0
    assert judge(machine_readable_contacts, site()).score is None


def widget(desktop: Box | None, mobile: Box | None = None, pages: list[str] | None = None) -> ChatWidget:
    return ChatWidget(vendor="Crisp", pages=pages or [f"{BASE}/"], placement=Placement(desktop=desktop, mobile=mobile))


def box(corner: str, visible: bool = True, overlaps: list[str] | None = None) -> Box:
    return Box(corner=corner, x=1, y=1, width=60, height=60, visible=visible, overlaps=overlaps or [])


def test_chat_launcher_corner() -> None:
    assert judge(chat_launcher_corner, site(chat_widgets=[widget(box("bottom-right"))])).score == 1.0
    mixed = judge(chat_launcher_corner, site(chat_widgets=[widget(box("bottom-right"), box("top-left"))]))
    assert mixed.score == 0.5
    assert mixed.evidence[0].selector == "mobile"
    left = judge(chat_launcher_corner, site(chat_widgets=[widget(box("bottom-left"))]))
    assert left.score == 0.75
    assert judge(chat_launcher_corner, site(chat_widgets=[widget(None)])).score is None
    tuned = judge(chat_launcher_corner, site(chat_widgets=[widget(box("bottom-left"))]), **{"bottom-left": 1.0})
    assert tuned.score == 1.0


def test_chat_launcher_unobstructed() -> None:
    assert judge(chat_launcher_unobstructed, site(chat_widgets=[widget(box("bottom-right"))])).score == 1.0
    covered = widget(box("bottom-right"), box("bottom-right", overlaps=["div#cookie-banner"]))
    outcome = judge(chat_launcher_unobstructed, site(chat_widgets=[covered]))
    assert outcome.score == 0.5
    assert "covered by div#cookie-banner" in outcome.evidence[0].snippet
    hidden = judge(chat_launcher_unobstructed, site(chat_widgets=[widget(box("bottom-right", visible=False))]))
    assert hidden.score == 0.0


def test_chat_on_every_page() -> None:
    home, contact, about = page("/"), page("/contact/"), page("/about/")
    home.rendered = contact.rendered = True
    everywhere = widget(None, pages=[home.url, contact.url])
    assert judge(chat_on_every_page, site([home, contact, about], chat_widgets=[everywhere])).score == 1.0
    only_home = judge(chat_on_every_page, site([home, contact, about], chat_widgets=[widget(None, pages=[home.url])]))
    assert only_home.score == 0.5
    assert [e.url for e in only_home.evidence] == [contact.url]
    assert judge(chat_on_every_page, site([home])).score is None
    # A page without any script was not rendered, yet it is known to run no chat.
    known_missing = widget(None, pages=[home.url, contact.url])
    known_missing.missing_on = [about.url]
    outcome = judge(chat_on_every_page, site([home, contact, about], chat_widgets=[known_missing]))
    assert outcome.score == pytest.approx(2 / 3)
    assert [e.url for e in outcome.evidence] == [about.url]


def test_chat_launcher_drawn_nowhere_is_reported_once() -> None:
    nothing = Box(corner="none", x=0, y=0, width=0, height=0, visible=False)
    widgets = [widget(box("bottom-right"), nothing)]
    assert judge(chat_launcher_corner, site(chat_widgets=widgets)).score == 1.0
    outcome = judge(chat_launcher_unobstructed, site(chat_widgets=widgets))
    assert outcome.score == 0.5
    assert outcome.evidence[0].snippet == "Crisp: no launcher drawn"


def test_chat_launcher_tap_target() -> None:
    small = Box(corner="bottom-right", x=1, y=1, width=30, height=30, visible=True, page=f"{BASE}/")
    assert judge(chat_launcher_tap_target, site(chat_widgets=[widget(None, box("bottom-right"))])).score == 1.0
    outcome = judge(chat_launcher_tap_target, site(chat_widgets=[widget(None, small)]))
    assert (outcome.score, outcome.display_value) == (0.0, "30×30 px")
    assert judge(chat_launcher_tap_target, site(chat_widgets=[widget(box("bottom-right"))])).score is None
