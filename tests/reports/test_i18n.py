"""The report chrome in English and Hindi (the checks' own words: test_check_texts.py)."""

from __future__ import annotations

import json
import re
from importlib.resources import files

import pytest
from bs4 import BeautifulSoup

from reports.html_report import render_html
from reports.i18n import UnknownLanguageError, catalogue, languages
from reports.options import ReportOptions
from reports.view import when
from tests.builders import FOOTER_TITLE, HOSTILE_LABEL, sample_results

DEVANAGARI = re.compile("[\u0900-\u097f]")


def texts(lang: str) -> dict[str, str]:
    data: dict[str, str] = json.loads(files("reports.i18n").joinpath(f"{lang}.json").read_text(encoding="utf-8"))
    return data


def test_languages() -> None:
    assert languages() == ("en", "hi")
    with pytest.raises(UnknownLanguageError, match="unknown report language 'xx'; choose from en, hi"):
        catalogue("xx")


@pytest.mark.parametrize("lang", ["hi"])
def test_translations_are_complete_and_keep_their_placeholders(lang: str) -> None:
    english, other = texts("en"), texts(lang)
    assert set(other) == set(english)
    for key, text in english.items():
        assert set(re.findall(r"{\w+}", other[key])) == set(re.findall(r"{\w+}", text)), key
    assert len(other["months"].split(",")) == 12


def test_hindi_texts_are_hindi() -> None:
    hindi = texts("hi")
    # Names and codes stay in Latin script; everything a reader reads is Devanagari.
    latin_only = {"col_e164"}
    untranslated = [k for k, v in hindi.items() if k not in latin_only and not DEVANAGARI.search(v)]
    assert untranslated == []


def test_plurals() -> None:
    english, hindi = catalogue("en"), catalogue("hi")
    assert english.plural("page", 1) == "1 page"
    assert english.plural("page", 0) == "0 pages"
    assert english.plural("finding", 12_000) == "12,000 findings"
    assert hindi.plural("finding", 1) == "1 कमी"
    assert hindi.plural("finding", 3) == "3 कमियाँ"


def test_dates_follow_the_report_language_not_the_machine() -> None:
    assert when("2025-03-04T09:15:00+00:00", catalogue("hi")) == "4 मार्च 2025, 09:15 UTC"
    assert when("2025-12-04T09:15:00+00:00") == "4 December 2025, 09:15 UTC"


def test_hindi_html_report() -> None:
    soup = BeautifulSoup(render_html(sample_results(), ReportOptions(lang="hi")), "html.parser")
    assert soup.html is not None and soup.html["lang"] == "hi"
    headings = [h.get_text(strip=True) for h in soup.select("h2")]
    assert headings == ["संपर्क स्कोर", "संपर्क चैनलों का नक्शा", "पाई गई कमियाँ", "चेतावनियाँ"]
    assert [th.get_text() for th in soup.select("#channel-emails th")] == ["पता", "लेबल", "कहाँ", "पेज", "कैसे मिला"]
    categories = [n.get_text() for n in soup.select(".category .name")]
    assert categories == ["ढूँढने में आसानी", "चैनलों की उपलब्धता", "स्पष्टता", "जवाब की रफ़्तार", "इंसानी जुड़ाव"]
    assert "3 कमियाँ" in soup.select_one(".tally").get_text()
    assert "4 मार्च 2025, 09:15 UTC" in soup.get_text()
    # A shipped check's title is translated; what the pages said is shown as written, still escaped.
    assert soup.select_one("#findings article h3").get_text(strip=True) == "कुछ पेजों के फ़ुटर में संपर्क का लिंक नहीं है"
    assert FOOTER_TITLE not in soup.get_text()
    assert HOSTILE_LABEL in soup.select_one("#channel-emails").get_text()
    assert "<script" not in str(soup.select_one("#channel-emails")).lower()


def test_english_keeps_the_scoring_titles() -> None:
    results = sample_results()
    renamed = [results.categories[0].model_copy(update={"title": "Being found"}), *results.categories[1:]]
    soup = BeautifulSoup(render_html(results.model_copy(update={"categories": renamed})), "html.parser")
    assert soup.select_one(".category .name").get_text() == "Being found"
    assert soup.html is not None and soup.html["lang"] == "en"


def test_branding_in_the_html() -> None:
    options = ReportOptions(client="<b>Velo</b> AG", auditor="Asha Rao", logo="data:image/png;base64,iVBORw0KGgo=")
    soup = BeautifulSoup(render_html(sample_results(), options), "html.parser")
    facts = soup.select_one(".facts").get_text(" ", strip=True)
    assert "Client <b>Velo</b> AG" in facts and "Auditor Asha Rao" in facts
    logo = soup.select_one(".masthead img.logo")
    assert logo is not None and logo["src"] == "data:image/png;base64,iVBORw0KGgo="
