from auditor.artifacts import ChatWidget, ContactPage, Email, Link, OpeningHours, Phone, SocialProfile
from auditor.gather.extract.dom import parse
from auditor.gather.extract.readability import text_stats
from checks import (
    broken_contact_links,
    complaints_channel,
    consistent_contacts,
    duplicate_social_profiles,
    form_fields_labelled,
    free_mail_addresses,
    messengers_offered,
    plain_language,
    realtime_channel,
    retired_chat_widget,
    returns_policy_findable,
    single_chat_widget,
    support_hours_stated,
)
from tests.builders import BASE, judge, page, site


def test_realtime_and_messengers() -> None:
    assert judge(realtime_channel, site(phones=[Phone(raw="+442079460958")])).score == 1.0
    assert judge(realtime_channel, site(chat_widgets=[ChatWidget(vendor="Old", retired=True)])).score == 0.0
    assert judge(messengers_offered, site(messengers=[{"network": "telegram", "url": "https://t.me/x"}])).score == 1
    assert judge(messengers_offered, site()).score == 0.0


def test_duplicate_social_profiles() -> None:
    one = [SocialProfile(network="facebook", url="https://facebook.com/a")]
    assert judge(duplicate_social_profiles, site(social=one)).score == 1.0
    two = [*one, SocialProfile(network="facebook", url="https://facebook.com/a.official")]
    outcome = judge(duplicate_social_profiles, site(social=two))
    assert (outcome.score, outcome.display_value) == (0.0, "2 facebook")
    assert judge(duplicate_social_profiles, site()).score is None


def test_consistent_contacts() -> None:
    footer = Phone(raw="1", e164="+442079460958", locations=["footer"])
    same_on_contact_page = Phone(raw="1", e164="+442079460958", locations=["footer", "main", "contact-page"])
    other_on_contact_page = Phone(raw="2", e164="+441614960000", locations=["main", "contact-page"])
    assert judge(consistent_contacts, site(phones=[same_on_contact_page])).score == 1.0
    outcome = judge(consistent_contacts, site(phones=[footer, other_on_contact_page]))
    assert outcome.score == 0.0
    assert {e.snippet for e in outcome.evidence} == {"phone: +442079460958", "phone: +441614960000"}
    assert judge(consistent_contacts, site(phones=[footer])).score is None


def test_free_mail_addresses() -> None:
    own = Email(address="help@shop.co.uk")
    assert judge(free_mail_addresses, site(emails=[own])).score == 1.0
    for address in ("shop.orders@gmail.com", "magazin@mail.ru", "dukaan@rediffmail.com"):
        assert judge(free_mail_addresses, site(emails=[own, Email(address=address)])).score == 0.0, address


def test_broken_contact_links() -> None:
    assert judge(broken_contact_links, site()).score == 1.0
    gone = page("/contact/", status=404, footer_contact=False)
    outcome = judge(broken_contact_links, site([page("/"), page("/about/"), gone]))
    assert outcome.score == 0.0
    assert outcome.evidence[0].url == f"{BASE}/contact/"
    assert outcome.evidence[0].snippet == f'HTTP 404: "Contact us" on {BASE}/ and 1 other page(s)'
    assert judge(broken_contact_links, site([page("/", footer_contact=False)])).score is None


def test_retired_chat_widget() -> None:
    assert judge(retired_chat_widget, site(chat_widgets=[ChatWidget(vendor="Crisp")])).score == 1.0
    dead = ChatWidget(vendor="Facebook Customer Chat (retired)", retired=True, pages=[f"{BASE}/"])
    assert judge(retired_chat_widget, site(chat_widgets=[dead])).score == 0.0


def policy_link(text: str, path: str) -> Link:
    return Link(url=f"{BASE}{path}", text=text, location="footer")


def test_returns_policy_findable_in_several_languages() -> None:
    for text, path in (
        ("Returns & refunds", "/returns"),
        ("Widerrufsbelehrung", "/widerruf"),
        ("Возврат товара", "/vozvrat"),
        ("वापसी नीति", "/policy"),
        ("Info", "/devoluciones"),
    ):
        assert judge(returns_policy_findable, site([page("/", links=[policy_link(text, path)])])).score == 1.0, text
    in_main = Link(url=f"{BASE}/returns", text="Returns", location="main")
    assert judge(returns_policy_findable, site([page("/", links=[in_main])])).score == 0.0
    contact = page("/contact/", contact=True, links=[in_main])
    found = judge(returns_policy_findable, site([page("/"), contact], contact_pages=[ContactPage(url=contact.url)]))
    assert found.score == 1.0


def test_complaints_channel() -> None:
    labelled = Email(address="claims@shop.ru", label="Жалобы")
    assert judge(complaints_channel, site(emails=[labelled])).score == 1.0
    feedback_page = page("/", links=[Link(url=f"{BASE}/feedback", text="Feedback")])
    assert judge(complaints_channel, site([feedback_page])).score == 1.0
    assert judge(complaints_channel, site(emails=[Email(address="info@shop.ru", label="Sales")])).score == 0.0


def test_form_fields_labelled() -> None:
    good = {
        "page": f"{BASE}/c",
        "action": f"{BASE}/s",
        "fields": [
            {"name": "name", "kind": "name", "label": "Name"},
            {"name": "msg", "kind": "message", "label": "Message"},
            {"name": "ok", "kind": "consent", "label": "I agree"},
            {"name": "website", "kind": "honeypot"},
        ],
    }
    assert judge(form_fields_labelled, site(forms=[good])).score == 1.0
    bare = {"page": f"{BASE}/c", "action": f"{BASE}/s", "fields": [{"name": "msg", "kind": "message"}]}
    outcome = judge(form_fields_labelled, site(forms=[bare]))
    assert outcome.score == 0.0
    assert {e.snippet for e in outcome.evidence} == {"no label: msg", "no consent or privacy notice"}
    assert judge(form_fields_labelled, site()).score is None


def test_support_hours_stated() -> None:
    phone = Phone(raw="+442079460958")
    hours = OpeningHours(text="Mo-Fr 09:00-17:00", pages=[f"{BASE}/contact/"])
    assert judge(support_hours_stated, site(phones=[phone], opening_hours=[hours])).score == 1.0
    assert judge(support_hours_stated, site(phones=[phone])).score == 0.0
    assert judge(support_hours_stated, site(emails=[Email(address="a@shop.co.uk")])).score is None


def test_single_chat_widget() -> None:
    crisp = ChatWidget(vendor="Crisp", pages=[f"{BASE}/"])
    assert judge(single_chat_widget, site(chat_widgets=[crisp])).score == 1.0
    two = judge(single_chat_widget, site(chat_widgets=[crisp, ChatWidget(vendor="Drift", pages=[f"{BASE}/"])]))
    assert (two.score, two.display_value) == (0.0, "Crisp, Drift")
    twice = judge(single_chat_widget, site(chat_widgets=[ChatWidget(vendor="Crisp", instances=2)]))
    assert twice.score == 0.0
    assert twice.evidence[0].snippet == "Crisp installed 2 times"
    assert judge(single_chat_widget, site()).score is None


def test_plain_language_is_informative_and_works_in_any_script() -> None:
    short = " ".join(["हम दो दिनों में जवाब देते हैं।"] * 6)
    contact = page("/contact/", contact=True)
    contact.text = text_stats(parse(f"<main><p>{short}</p></main>"))
    plain = judge(plain_language, site([page("/"), contact]))
    assert plain.score == 1.0
    assert "words per sentence" in plain.evidence[0].snippet
    long_sentence = " ".join(["word"] * 40) + "."
    contact.text = text_stats(parse(f"<main><p>{long_sentence}</p></main>"))
    assert judge(plain_language, site([page("/"), contact])).score == 0.0
    assert plain_language.META.mode == "informative"
    assert judge(plain_language, site([page("/")])).score is None
