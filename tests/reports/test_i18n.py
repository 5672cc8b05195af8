"""The report chrome in English and Hindi (the checks' own words: test_check_texts.py)."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from auditor.artifacts import ContactPage
from auditor.judge.audit import run_check
from auditor.judge.registry import discover
from auditor.results import AuditResults
from reports.html_report import render_html
from reports.i18n import UnknownLanguageError, catalogue, languages
from reports.markdown_report import render_markdown
from reports.options import ReportOptions
from reports.view import when
from tests.builders import BASE, FOOTER_TITLE, HOSTILE_LABEL, page, sample_results, site

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
    assert headings == ["संपर्क स्कोर", "पहले इन्हें ठीक करें", "संपर्क चैनलों का नक्शा", "पाई गई कमियाँ", "चेतावनियाँ"]
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
    # The client's name is the report's title, as written (escaped), the site under it.
    assert soup.select_one(".masthead h1").get_text() == "<b>Velo</b> AG"
    assert soup.title is not None and soup.title.get_text() == "Contact audit · <b>Velo</b> AG"
    assert "velo-werk.example" in soup.select_one(".masthead .site-url").get_text()
    facts = soup.select_one(".facts").get_text(" ", strip=True)
    assert "Auditor Asha Rao" in facts
    logo = soup.select_one(".masthead .logo img")
    assert logo is not None and logo["src"] == "data:image/png;base64,iVBORw0KGgo="


# What the checks found, in the report's language: a real run, saved and rendered again.


def footer_run(missing: int, tmp_path: Path) -> AuditResults:
    """A run of the footer check over 6 pages, `missing` of them without the link, read back from results.json."""
    pages = [page(f"/p{i}/", footer_contact=i >= missing) for i in range(6)]
    artifacts = site(pages, contact_pages=[ContactPage(url=f"{BASE}/contact/", status=200)])
    footer = next(c for c in discover() if c.meta.id == "contact-link-in-footer")
    results = sample_results().model_copy(update={"checks": [run_check(footer, artifacts, 3)]})
    saved = tmp_path / "results.json"
    saved.write_text(results.model_dump_json(), encoding="utf-8")
    return AuditResults.model_validate_json(saved.read_text(encoding="utf-8"))


def finding(html: str) -> tuple[str, str]:
    article = BeautifulSoup(html, "html.parser").select_one("#check-contact-link-in-footer")
    assert article is not None
    return article.select_one(".display-value").get_text(), article.select_one(".explanation").get_text()


def test_a_hindi_report_says_what_the_check_found_in_hindi_with_its_plural(tmp_path: Path) -> None:
    one, five = footer_run(1, tmp_path), footer_run(5, tmp_path)
    assert finding(render_html(one, ReportOptions(lang="hi"))) == (
        "6 में से 5 पेज",
        "लोड हुए 6 पेजों में से 1 पेज के फ़ुटर में संपर्क का लिंक नहीं है।",
    )
    assert finding(render_html(five, ReportOptions(lang="hi"))) == (
        "6 में से 1 पेज",
        "लोड हुए 6 पेजों में से 5 पेजों के फ़ुटर में संपर्क का लिंक नहीं है।",
    )
    markdown = render_markdown(five, ReportOptions(lang="hi"))
    assert "लोड हुए 6 पेजों में से 5 पेजों के फ़ुटर में संपर्क का लिंक नहीं है।" in markdown
    assert "pages that loaded" not in markdown


def test_english_reports_and_report_json_keep_the_english_words(tmp_path: Path) -> None:
    one, five = footer_run(1, tmp_path), footer_run(5, tmp_path)
    assert finding(render_html(one)) == (
        "5 of 6 pages",
        "1 of the 6 pages that loaded has no contact link in the footer.",
    )
    assert finding(render_html(five))[1] == "5 of the 6 pages that loaded have no contact link in the footer."
    check = five.report_dict()["checks"][0]
    assert check["explanation"] == "5 of the 6 pages that loaded have no contact link in the footer."
    assert check["display_value"] == "1 of 6 pages"
    assert "messages" not in check


def test_results_from_before_messages_are_rendered_with_their_english(tmp_path: Path) -> None:
    saved = json.loads(footer_run(5, tmp_path).model_dump_json())
    for check in saved["checks"]:
        del check["messages"]
    old = AuditResults.model_validate(saved)
    display_value, explanation = finding(render_html(old, ReportOptions(lang="hi")))
    assert (display_value, explanation) == (
        "1 of 6 pages",
        "5 of the 6 pages that loaded have no contact link in the footer.",
    )
    # The chrome and the check's own title are still Hindi.
    title = BeautifulSoup(render_html(old, ReportOptions(lang="hi")), "html.parser").select_one(
        "#check-contact-link-in-footer h3"
    )
    assert title is not None and title.get_text(strip=True) == "कुछ पेजों के फ़ुटर में संपर्क का लिंक नहीं है"
    assert "5 of the 6 pages that loaded have no contact link in the footer." in render_markdown(
        old, ReportOptions(lang="hi")
    )


def test_a_message_the_catalogue_lacks_keeps_its_english(tmp_path: Path) -> None:
    run = footer_run(5, tmp_path)
    check = run.checks[0]
    unknown = check.messages["explanation"].model_copy(update={"key": "contact-link-in-footer.renamed"})
    renamed = check.model_copy(update={"messages": {**check.messages, "explanation": unknown}})
    display_value, explanation = finding(
        render_html(run.model_copy(update={"checks": [renamed]}), ReportOptions(lang="hi"))
    )
    assert (display_value, explanation) == (
        "6 में से 1 पेज",
        "5 of the 6 pages that loaded have no contact link in the footer.",
    )


def test_page_regions_corners_and_form_fields_are_words_of_the_report_language() -> None:
    def shown(soup: BeautifulSoup, selector: str) -> list[str]:
        return [pill.get_text() for pill in soup.select(selector)]

    hindi = BeautifulSoup(render_html(sample_results(), ReportOptions(lang="hi")), "html.parser")
    assert shown(hindi, "#channel-emails .pill-loc") == ["फ़ुटर", "संपर्क पेज", "मुख्य भाग"]
    assert shown(hindi, "#channel-forms .pill-kind") == ["नाम", "ईमेल", "संदेश"]
    assert "नीचे दाएँ" in shown(hindi, "#channel-chat .pill-corner")
    # How a contact was found is a technical id, the same in every language.
    assert "mailto" in shown(hindi, "#channel-emails .pill-src")
    english = BeautifulSoup(render_html(sample_results()), "html.parser")
    assert shown(english, "#channel-emails .pill-loc") == ["footer", "contact-page", "main"]
    assert shown(english, "#channel-forms .pill-kind") == ["name", "email", "message"]


def recorded_reasons() -> list[str]:
    """Every reason the crawl records on a page (spiders/render_plan.py), its placeholders filled."""
    from spiders import render_plan

    values = {"url": f"{BASE}/shop/1", "hooks": "data-advice", "budget": 40}
    reasons = [render_plan.STATIC_KEY.format(what=what) for what in (render_plan.HOME, render_plan.CONTACT)]
    for name, text in vars(render_plan).items():
        if name.isupper() and isinstance(text, str) and name != "STATIC_KEY":
            reasons.append(text.format(**values))
    return reasons


def test_every_render_reason_the_crawl_records_is_said_in_hindi_with_its_url_and_values() -> None:
    english, hindi = catalogue("en"), catalogue("hi")
    reasons = recorded_reasons()
    assert len(reasons) >= 15
    for reason in reasons:
        assert english.render_reason(reason) == reason
        said = hindi.render_reason(reason)
        assert DEVANAGARI.search(said), reason
        for value in (f"{BASE}/shop/1", "data-advice", "40"):
            assert (value in said) == (value in reason), (reason, said)
    # A reason from another version is shown as written.
    assert hindi.render_reason("rendered for a reason of the future") == "rendered for a reason of the future"


def test_the_hindi_report_says_why_pages_were_rendered_in_hindi() -> None:
    hostile = f"not rendered: same scripts and section as {BASE}/<b>x</b>, whose rendering changed nothing"
    reasons = {"home page": 1, hostile: 7}
    soup = BeautifulSoup(render_html(sample_results(render_reasons=reasons), ReportOptions(lang="hi")), "html.parser")
    items = [li.get_text() for li in soup.select(".render-reasons li")]
    assert items == ["1 × होम पेज", f"7 × रेंडर नहीं किया: स्क्रिप्ट और खंड {BASE}/<b>x</b> जैसे ही हैं, जिसकी रेंडरिंग से कुछ नहीं बदला"]
    assert not soup.select(".render-reasons b")  # the page's text is escaped, not markup
