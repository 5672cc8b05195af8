"""The shipped checks' titles, descriptions and fixes in the report's language."""

from __future__ import annotations

import dataclasses
import json
import re
import string

import pytest
from bs4 import BeautifulSoup

from auditor.judge.api import CheckInput, Outcome
from auditor.judge.audit import run_check
from auditor.judge.registry import Check, discover
from auditor.judge.texts import ENGLISH_MESSAGES_PATH, ENGLISH_PATH, as_json, english_check_texts, english_messages
from auditor.results import AuditResults
from reports.html_report import render_html
from reports.i18n.check_texts import FIELDS, check_messages, check_texts, description, translate_checks
from reports.markdown_report import render_markdown
from reports.options import ReportOptions
from tests.builders import FOOTER_TITLE, LABEL_TITLE, PASSED_TITLE, sample_results, site

DEVANAGARI = re.compile("[\u0900-\u097f]")
# Codes, markup, numbers and names a translation must carry over exactly.
KEPT = re.compile(
    r"\d+|\b(?:tel|mailto|https?|viber):|schema\.org|JSON-LD|`\w+`|<\w+|/contact|@\w+|WhatsApp|Telegram|Facebook"
)
SHIPPED = [c for c in discover() if c.run.__module__.startswith("checks.")]
# These checks only say what the shared helpers in checks/_common.py say.
NO_WORDS_OF_THEIR_OWN = {"first-response-chat", "first-response-email", "first-response-form"}


def test_english_texts_are_up_to_date_with_the_checks() -> None:
    # If this fails, run `python -m auditor.judge.texts` and update the translations.
    assert ENGLISH_PATH.read_text(encoding="utf-8") == as_json(english_check_texts())


def test_every_check_has_a_complete_hindi_entry() -> None:
    shipped = [c.meta.id for c in SHIPPED]
    hindi = check_texts("hi")
    assert len(shipped) > 30 and sorted(hindi) == sorted(shipped)
    for check_id in shipped:
        entry = hindi[check_id]
        assert tuple(entry) == FIELDS, check_id
        english = check_texts("en")[check_id]
        for field in FIELDS:
            assert DEVANAGARI.search(entry[field]), (check_id, field)
            assert entry[field] != english[field], (check_id, field)
            kept = sorted(set(KEPT.findall(english[field])))
            assert [token for token in kept if token not in entry[field]] == [], (check_id, field)


def test_english_messages_are_up_to_date_with_the_checks() -> None:
    # If this fails, run `python -m auditor.judge.texts` and update the translations.
    assert ENGLISH_MESSAGES_PATH.read_text(encoding="utf-8") == as_json(english_messages())


def placeholders(text: str) -> set[tuple[str, str]]:
    """`{n}` and `{px:.0f}` as (name, format): a translation must fill the same ones the same way."""
    return {(name, spec) for _, name, spec, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_of_every_check_has_a_hindi_translation_with_its_placeholders() -> None:
    english, hindi = check_messages("en"), check_messages("hi")
    namespaces = {key.split(".", 1)[0] for key in english}
    assert {c.meta.id for c in SHIPPED} <= namespaces | NO_WORDS_OF_THEIR_OWN
    assert sorted(hindi) == sorted(english)
    for key, text in english.items():
        assert placeholders(hindi[key]) == placeholders(text), key
        words = re.sub(r"{[^}]*}", "", text)
        if re.search(r"[A-Za-z]", words):
            assert DEVANAGARI.search(hindi[key]), key
            kept = sorted(set(KEPT.findall(words)))
            assert [token for token in kept if token not in hindi[key]] == [], key


def translatable_results() -> AuditResults:
    """The sample run, with the footer check's texts exactly as the shipped check writes them."""
    english = check_texts("en")["contact-link-in-footer"]
    results = sample_results()
    footer = results.checks[0].model_copy(
        update={"description": description(english), "recommendation": english["fix"]}
    )
    return results.model_copy(update={"checks": [footer, *results.checks[1:]]})


def test_hindi_html_report_translates_the_checks() -> None:
    hindi = check_texts("hi")
    soup = BeautifulSoup(render_html(translatable_results(), ReportOptions(lang="hi")), "html.parser")
    finding = soup.select_one("#findings article")
    assert finding is not None
    assert finding.select_one("h3").get_text(strip=True) == hindi["contact-link-in-footer"]["failure_title"]
    assert finding.select_one(".fix p").get_text() == hindi["contact-link-in-footer"]["fix"]
    assert hindi["contact-link-in-footer"]["why"] in finding.get_text()
    text = soup.get_text()
    assert hindi["contact-page-exists"]["title"] in text and PASSED_TITLE not in text
    assert hindi["unlabelled-emails"]["failure_title"] in text and LABEL_TITLE not in text
    # Words that are not the shipped check's own (an edited recommendation) stay as written.
    assert "Label every address with its purpose." in text
    # What the check found is not translated.
    assert "These pages have no link to the contact page in their footer." in text


def test_english_report_is_unchanged() -> None:
    results = translatable_results()
    assert translate_checks(results, "en") is results
    soup = BeautifulSoup(render_html(results), "html.parser")
    assert soup.select_one("#findings article h3").get_text(strip=True) == FOOTER_TITLE
    assert not DEVANAGARI.search(soup.get_text())


def test_hindi_markdown_summary_translates_the_checks() -> None:
    text = render_markdown(translatable_results(), ReportOptions(lang="hi"))
    footer = check_texts("hi")["contact-link-in-footer"]
    assert footer["failure_title"] in text and FOOTER_TITLE not in text
    assert footer["fix"].split("“")[0] in text  # the fix, as far as Markdown escaping leaves it alone


@pytest.mark.parametrize("check", SHIPPED, ids=[c.meta.id for c in SHIPPED])
def test_a_real_result_is_translated(check: Check) -> None:
    def broken(_: CheckInput) -> Outcome:
        raise RuntimeError("boom")

    result = run_check(dataclasses.replace(check, run=broken), site(), check.meta.weight)
    hindi = check_texts("hi")[check.meta.id]
    translated = translate_checks(sample_results().model_copy(update={"checks": [result]}), "hi").checks[0]
    assert translated.title == hindi["title"]
    assert translated.description == description(hindi)
    assert translated.recommendation == hindi["fix"]
    assert translated.explanation == result.explanation
    assert json.loads(translated.model_dump_json())["id"] == check.meta.id
