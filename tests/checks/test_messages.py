"""Checks say what they found as messages: English text that keeps its key and values."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from auditor.artifacts import ContactPage, SocialProfile
from auditor.judge.api import Outcome
from auditor.judge.audit import run_check
from auditor.judge.registry import Check, discover
from auditor.messages import Message, Messages, Phrase
from checks import contact_link_in_footer, foreign_social_profiles
from checks._common import duration, joined
from tests.builders import BASE, judge, page, site

HINDI_ONE = (0, 1)  # CLDR: Hindi takes the singular for 0 and 1
SHIPPED = [c for c in discover() if c.run.__module__.startswith("checks.")]

WORDS = Messages("test", {"pages_one": "{n} page", "pages_other": "{n} pages", "list": "{items}", "h": "{n} h"})
HINDI = {"test.pages_one": "{n} पेज", "test.pages_other": "{n} पेजें", "test.list": "{items}", "test.h": "{n} घंटे"}


def hindi(message: Message) -> str:
    return message.say(HINDI, lambda n: n in HINDI_ONE)


def test_a_phrase_is_its_english_text_and_keeps_its_message() -> None:
    one, five = WORDS("pages", n=1), WORDS("pages", n=5)
    assert (one, five) == ("1 page", "5 pages")
    assert five.message == Message(key="test.pages", values={"n": 5})
    assert (hindi(WORDS("pages", n=0).message), hindi(one.message), hindi(five.message)) == ("0 पेज", "1 पेज", "5 पेजें")


def test_nested_words_are_said_in_the_same_language_and_data_is_kept() -> None:
    listed = WORDS("list", items=[WORDS("h", n=2), WORDS("pages", n=3)])
    assert listed == "2 h, 3 pages"
    assert hindi(listed.message) == "2 घंटे, 3 पेजें"
    stored = Message.model_validate_json(listed.message.model_dump_json())
    assert stored == listed.message and hindi(stored) == "2 घंटे, 3 पेजें"


def test_a_phrase_survives_copies() -> None:
    phrase = WORDS("pages", n=2)
    for copied in (copy.copy(phrase), copy.deepcopy(phrase)):
        assert isinstance(copied, Phrase) and copied == "2 pages" and copied.message == phrase.message


def test_unknown_message_keys_fail_loudly() -> None:
    with pytest.raises(KeyError):
        WORDS("page", n=1)


@pytest.mark.parametrize(
    ("seconds", "english"),
    [(0, "0 s"), (59, "59 s"), (90, "1 min 30 s"), (3600, "1 h"), (7260, "2 h 1 min"), (90061, "1 d 1 h")],
)
def test_durations_read_as_before(seconds: float, english: str) -> None:
    assert duration(seconds) == english


def test_phrases_in_a_row() -> None:
    assert joined([duration(5), duration(60), duration(7200)], "semicolon") == "5 s; 1 min; 2 h"
    assert joined([duration(5)]) == "5 s"


def test_the_footer_check_says_its_finding_as_a_plural_message() -> None:
    contact = [ContactPage(url=f"{BASE}/contact/", status=200)]
    pages = [page("/"), page("/a/", footer_contact=False), page("/b/")]
    one = judge(contact_link_in_footer, site(pages, contact_pages=contact))
    assert one.explanation == "1 of the 3 pages that loaded has no contact link in the footer."
    assert one.display_value == "2 of 3 pages"
    pages = [page("/x/", footer_contact=False), page("/y/", footer_contact=False), page("/z/")]
    two = judge(contact_link_in_footer, site(pages, contact_pages=contact))
    assert two.explanation == "2 of the 3 pages that loaded have no contact link in the footer."
    assert isinstance(two.explanation, Phrase) and two.explanation.message.values == {"n": 2, "total": 3}


def test_the_result_keeps_english_and_the_message_beside_it() -> None:
    check = next(c for c in SHIPPED if c.meta.id == "contact-link-in-footer")
    pages = [page("/"), page("/a/", footer_contact=False)]
    result = run_check(check, site(pages, contact_pages=[ContactPage(url=f"{BASE}/contact/", status=200)]), 3)
    assert result.explanation == "1 of the 2 pages that loaded has no contact link in the footer."
    assert type(result.explanation) is str
    assert result.messages["explanation"].key == "contact-link-in-footer.missing"
    assert result.messages["display_value"].values == {"n": 1, "total": 2}


def test_a_third_party_check_with_plain_english_has_no_messages() -> None:
    check = dataclasses.replace(SHIPPED[0], run=lambda _: Outcome(0.0, "2 broken", "Fix it."))
    result = run_check(check, site(), 1)
    assert (result.display_value, result.explanation, result.messages) == ("2 broken", "Fix it.", {})


def test_the_foreign_profile_sentence_lists_where_the_link_is() -> None:
    profile = SocialProfile(
        network="facebook",
        url="https://facebook.com/themeforest",
        handle="themeforest",
        pages=[f"{BASE}/"],
        locations=["header", "footer", "nav"],
        not_company="a theme author's page",
    )
    outcome = judge(foreign_social_profiles, site(social=[], foreign_social=[profile]))
    assert outcome.explanation == (
        "The Facebook link in your header, footer and navigation points to facebook.com/themeforest, "
        "a theme author's page, not yours: a leftover from a template or another site?"
    )


@pytest.mark.parametrize("check", SHIPPED, ids=[c.meta.id for c in SHIPPED])
def test_what_a_shipped_check_says_on_a_small_site_is_a_message(check: Check) -> None:
    result = run_check(check, site(), 1)
    for field in ("display_value", "explanation"):
        text = getattr(result, field)
        # Data alone (a URL, a vendor, a number) needs no translation; words do.
        if any(ch.isalpha() for ch in text) and not text.startswith(("http", "The check failed")):
            assert field in result.messages, (check, field, text)
