"""report.json and report.html, rendered from hand-built results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from pydantic import BaseModel

from auditor.artifacts import (
    Box,
    Channels,
    ChatWidget,
    ContactLinkProblem,
    ContactPage,
    Email,
    FieldKind,
    Form,
    FormField,
    Link,
    Location,
    Messenger,
    OpeningHours,
    Page,
    Phone,
    Placement,
    PostalAddress,
    SiteArtifacts,
    SiteInfo,
    SocialProfile,
)
from auditor.config.settings import AuditConfig
from auditor.judge.audit import audit
from auditor.results import (
    CategoryResult,
    CheckResult,
    EvidenceRow,
    ResultMode,
    ToolInfo,
)
from reports.html_report import render_html, write_html
from reports.json_report import report_schema, validate_report, write_json
from reports.view import check_sections, is_web_url
from tests.builders import (
    CONTACT,
    FOOTER_FIX,
    FOOTER_TITLE,
    HOME,
    HOSTILE_URL,
    LABEL_TITLE,
    PASSED_TITLE,
    PROMISE_TITLE,
    sample_results,
)


@pytest.fixture
def html() -> str:
    return render_html(sample_results())


@pytest.fixture
def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


# report.json and its schema


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = report_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "https://contact-auditor.dev/schemas/report-1.0.json"


def test_report_validates(tmp_path: Path) -> None:
    path = write_json(sample_results(), tmp_path / "run")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert path.name == "report.json"
    assert validate_report(data) == []
    assert data["schema_version"] == "1.0"
    assert "settings" not in data and "pages" not in data


def test_report_keeps_text_readable(tmp_path: Path) -> None:
    text = write_json(sample_results(), tmp_path).read_text(encoding="utf-8")
    assert "Kundenservice – Zürich" in text
    assert len(text.splitlines()) > 50  # one field per line: a person can read and diff it
    assert json.loads(text)["schema_version"] == "1.0"


def test_results_of_a_real_audit_validate() -> None:
    page = Page(url=HOME, status=200, links=[Link(url=CONTACT, text="Kontakt", location="footer", contact_like=True)])
    artifacts = SiteArtifacts(
        site=SiteInfo(url=HOME, domain="velo-werk.example", started_at="2025-03-04T09:15:00+00:00"),
        pages=[page, Page(url=CONTACT, status=200, depth=1, is_contact_page=True)],
        channels=Channels(
            emails=[
                Email(address="a@velo-werk.example", pages=[HOME]),
                Email(address="b@velo-werk.example", pages=[HOME]),
            ],
            contact_pages=[ContactPage(url=CONTACT, depth=1, linked_from=[HOME], status=200)],
        ),
    )
    results = audit(artifacts, AuditConfig())
    assert results.checks
    assert validate_report(results.report_dict()) == []


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.update(score="high"), "score"),
        (lambda d: d.update(score=101), "score"),
        (lambda d: d["checks"][0].update(score=1.5), "checks[0].score"),
        (lambda d: d["checks"][0].update(mode="skipped"), "checks[0].mode"),
        (lambda d: d["channels"]["emails"][0]["locations"].append("sidebar"), "channels.emails[0].locations[2]"),
        (lambda d: d["channels"]["forms"][0]["fields"][0].update(kind="date"), "channels.forms[0].fields[0].kind"),
        (
            lambda d: d["channels"]["chat_widgets"][0]["placement"].update(mobile="bottom"),
            "channels.chat_widgets[0].placement.mobile",
        ),
        (
            lambda d: d["channels"]["chat_widgets"][0]["placement"]["desktop"].update(corner=5),
            "channels.chat_widgets[0].placement.desktop.corner",
        ),
        (lambda d: d.pop("warnings"), "(top level)"),
        (lambda d: d["site"].pop("partial"), "site"),
        (lambda d: d.update(schema_version="2.0"), "schema_version"),
        (lambda d: d.update(probes=[{"channel": "email"}]), "probes[0]"),
    ],
)
def test_wrong_reports_do_not_validate(change: Any, where: str) -> None:
    data = sample_results().report_dict()
    change(data)
    problems = validate_report(data)
    assert problems
    assert any(p.startswith(f"{where}: ") for p in problems), problems


def test_probes_validate_when_complete() -> None:
    data = sample_results().report_dict()
    data["probes"] = [
        {
            "channel": "email",
            "target": "service@velo-werk.example",
            "token": "ca-7f3a",
            "sent_at": "2025-03-04T09:20:00+00:00",
            "first_reply_at": "2025-03-04T09:20:05+00:00",
            "first_human_reply_at": None,
            "auto_reply": True,
            "promised_response_time": "P2D",
            "status": "replied",
            "human_handover": None,
        }
    ]
    assert validate_report(data) == []
    del data["probes"][0]["human_handover"]
    assert validate_report(data) != []


def test_additional_fields_are_allowed() -> None:
    data = sample_results().report_dict()
    data["lighthouse_like"] = {"x": 1}
    data["checks"][0]["new_field"] = True
    data["channels"]["phones"][0]["extension"] = "12"
    assert validate_report(data) == []


SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "tool": ToolInfo,
    "site": SiteInfo,
    "category": CategoryResult,
    "check": CheckResult,
    "evidence_row": EvidenceRow,
    "channels": Channels,
    "email": Email,
    "phone": Phone,
    "contact_page": ContactPage,
    "form_field": FormField,
    "form": Form,
    "box": Box,
    "chat_widget": ChatWidget,
    "social_profile": SocialProfile,
    "messenger": Messenger,
    "postal_address": PostalAddress,
    "opening_hours": OpeningHours,
    "contact_link_problem": ContactLinkProblem,
}


# Fields added to a 1.x contract after 1.0: described, but older reports do not have them.
OPTIONAL_FIELDS = {"check": {"gain"}}


@pytest.mark.parametrize("name", sorted(SCHEMA_MODELS))
def test_schema_requires_every_field_the_model_emits(name: str) -> None:
    definition = report_schema()["$defs"][name]
    emitted = (
        sample_results().report_dict()["checks"][0].keys() if name == "check" else SCHEMA_MODELS[name].model_fields
    )
    fields = set(emitted)
    assert set(definition["required"]) == fields - OPTIONAL_FIELDS.get(name, set())
    assert set(definition["properties"]) == fields


def test_a_report_without_gains_is_still_valid() -> None:
    data = sample_results().report_dict()
    for check in data["checks"]:
        del check["gain"]
    assert validate_report(data) == []
    data["checks"][0]["gain"] = -1
    assert validate_report(data) != []


def test_schema_top_level_matches_report_dict() -> None:
    schema = report_schema()
    emitted = set(sample_results().report_dict())
    assert set(schema["required"]) == emitted
    assert set(schema["properties"]) == emitted
    placement = schema["$defs"]["chat_widget"]["properties"]["placement"]
    assert set(placement["required"]) == set(Placement.model_fields)


def test_schema_enums_match_the_models() -> None:
    defs = report_schema()["$defs"]
    assert defs["location"]["enum"] == list(get_args(Location))
    assert defs["form_field"]["properties"]["kind"]["enum"] == list(get_args(FieldKind))
    assert defs["check"]["properties"]["mode"]["enum"] == list(get_args(ResultMode))


# report.html


def test_write_html(tmp_path: Path) -> None:
    path = write_html(sample_results(), tmp_path / "run")
    assert path == tmp_path / "run" / "report.html"
    assert path.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_page_text_is_escaped(html: str) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<img" not in html.lower()


def test_only_web_urls_become_links(html: str, soup: BeautifulSoup) -> None:
    assert 'href="javascript' not in html.lower()
    assert HOSTILE_URL in soup.get_text()
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert f"{CONTACT}" in hrefs
    assert all(is_web_url(h) or h.startswith("#") for h in hrefs), hrefs


def test_is_web_url() -> None:
    assert is_web_url("HTTPS://example.com/")
    assert not is_web_url(" javascript:alert(1)")
    assert not is_web_url("data:text/html,x")
    assert not is_web_url("/kontakt/")
    assert not is_web_url(None)


def test_header_and_scores(html: str, soup: BeautifulSoup) -> None:
    assert soup.select_one("h1").get_text(strip=True) == "velo-werk.example"
    gauges = [g.get_text(strip=True) for g in soup.select(".gauge-value")]
    assert gauges == ["72", "75", "100", "40", "–", "–"]
    assert "band-average" in soup.select_one(".gauge-lg")["class"]  # 72 is shown in the average band's colour
    assert "4 March 2025, 09:15 UTC" in html
    assert "1 min 12 s" in html
    provisional = soup.select(".category .provisional")
    assert len(provisional) == 1
    assert "Human touch" in provisional[0].parent.get_text()
    assert "Partial results" not in html


def test_partial_banner() -> None:
    assert "Partial results" in render_html(sample_results(partial=True))


def test_unscored_run_shows_a_dash() -> None:
    results = sample_results().model_copy(update={"score": None})
    soup = BeautifulSoup(render_html(results), "html.parser")
    assert soup.select_one(".gauge-lg .gauge-value").get_text(strip=True) == "–"
    assert "band-none" in soup.select_one(".gauge-lg")["class"]


def test_findings_by_impact(soup: BeautifulSoup) -> None:
    titles = [a.h3.get_text(strip=True) for a in soup.select("#findings > article.finding")]
    # weight x (1 - score): 3 x 0.5, then 1 x 1.0, then 2 x 0.4
    assert titles == [FOOTER_TITLE, PROMISE_TITLE, LABEL_TITLE]
    footer = soup.select_one("#check-contact-link-in-footer")
    assert footer.find_parent("details") is None
    text = footer.get_text(" ", strip=True)
    assert FOOTER_FIX in text
    assert "A customer with a problem looks for Contact in the footer first." in text
    assert "4 of 8 pages" in text
    assert len(footer.select(".evidence tbody tr")) == 2


def test_errored_check_is_shown(soup: BeautifulSoup) -> None:
    errored = soup.select_one(".errored #check-chat-launcher-visible")
    assert "KeyError: 'mobile'" in errored.get_text()


def test_passed_and_unscored_checks_are_collapsed(soup: BeautifulSoup) -> None:
    passed = soup.select_one("details#passed")
    assert passed is not None and not passed.has_attr("open")
    passed_text = passed.get_text()
    assert PASSED_TITLE in passed_text
    assert "Customers can write by email or through a form" in passed_text
    assert FOOTER_TITLE not in passed_text
    other = soup.select_one("details#not-scored").get_text()
    assert "Emails are answered within a day" in other
    assert "Channels found on the site" in other


def test_channel_map(soup: BeautifulSoup) -> None:
    emails = soup.select_one("#channel-emails").get_text(" ", strip=True)
    assert "service@velo-werk.example" in emails and "2 pages" in emails
    assert "Kundenservice – Zürich" in emails
    phones = soup.select_one("#channel-phones").get_text(" ", strip=True)
    assert "+41 44 123 45 67" in phones and "+41441234567" in phones
    assert [p.get_text() for p in soup.select("#channel-emails tr:first-child .pill-loc")] == ["footer", "contact-page"]
    assert soup.select_one("#channel-contact-pages details summary").get_text() == "2 pages"
    assert "recaptcha" in soup.select_one("#channel-forms").get_text()
    assert "cookie-banner" in soup.select_one("#channel-chat").get_text()
    assert soup.select_one('#channel-social a[href="https://instagram.com/velowerk"]').get_text() == "velowerk"
    assert "Langstrasse 12, 8004, Zürich, CH" in soup.select_one("#channel-addresses").get_text()
    assert soup.select_one("#channel-hours .primary").get_text() == "Mo-Fr 08:00-18:00"
    assert "No " not in soup.select_one("#channels").get_text()


def test_empty_channels_say_so() -> None:
    results = sample_results().model_copy(update={"channels": Channels()})
    html = render_html(results)
    assert "No phone number found." in html and "No chat widget found." in html


def test_settings_and_warnings_in_the_footer(soup: BeautifulSoup) -> None:
    assert "HTTP 500" in soup.select_one("#warnings").get_text()
    settings = soup.select_one("footer details")
    assert "crawl.max_pages" in settings.get_text() and "50" in settings.get_text()
    assert "Generated by contact-auditor 0.1.0" in soup.select_one("footer").get_text()


def test_sections_leave_no_check_out() -> None:
    results = sample_results()
    sections = check_sections(results.checks)
    shown = sections.findings + sections.errored + sections.passed + sections.other
    assert sorted(c.id for c in shown) == sorted(c.id for c in results.checks)
