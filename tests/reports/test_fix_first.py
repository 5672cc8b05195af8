"""What to fix first: each finding's gain in the overall score, and the reports that lead with it.

The numbers are worked out by hand in `judged()`: two categories of different sizes and
weights, so that the order by gain differs from the order by a check's own weight.
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from auditor.artifacts import SiteArtifacts
from auditor.config.settings import AuditConfig
from auditor.judge.api import CheckInput, CheckMeta, Evidence, Outcome
from auditor.judge.audit import audit
from auditor.judge.registry import Check
from auditor.results import AuditResults
from reports.html_report import render_html
from reports.json_report import validate_report
from reports.markdown_report import render_markdown
from reports.options import ReportOptions
from tests.builders import site


def scored(check_id: str, category: str, score: float, weight: float, evidence: list[Evidence] | None = None) -> Check:
    def run(_: CheckInput) -> Outcome:
        return Outcome(score, display_value=f"{score:g}", evidence=list(evidence or []))

    meta = CheckMeta(
        id=check_id,
        category=category,
        title=f"{check_id} is fine",
        failure_title=f"{check_id} is broken",
        requires=("emails",),
        weight=weight,
        mode="numeric",
    )
    return Check(meta=meta, run=run, doc=f"{check_id}.\n\nWhy it matters: customers.\n\nHow to fix: fix {check_id}.\n")


def judged(artifacts: SiteArtifacts | None = None, evidence: list[Evidence] | None = None) -> AuditResults:
    """findability (weight 1): footer 0.5 x3, page 1.0 x1      -> (1.5 + 1) / 4  = 62.5
    clarity (weight 2):     labels 0.0 x1, promise 1.0 x1, hours 1.0 x2 -> 3 / 4 = 75
    overall: (62.5 x 1 + 75 x 2) / 3 = 70.83

    fix footer: findability 100 -> (100 + 150) / 3 = 83.33, gain 12.5
    fix labels: clarity 100     -> (62.5 + 200) / 3 = 87.5, gain 16.67 -> 16.7
    By the checks' own weights the footer costs more (3 x 0.5 against 1 x 1); by what the
    client's score gains, the labels come first."""
    config = AuditConfig()
    config.scoring.category_weights = {"findability": 1.0, "clarity": 2.0}
    checks = [
        scored("footer", "findability", 0.5, 3),
        scored("page", "findability", 1.0, 1),
        scored("labels", "clarity", 0.0, 1, evidence),
        scored("promise", "clarity", 1.0, 1),
        scored("hours", "clarity", 1.0, 2),
    ]
    return audit(artifacts or site(), config, checks)


@pytest.fixture(scope="module")
def results() -> AuditResults:
    return judged()


def test_each_failing_check_carries_its_gain_in_the_overall_score(results: AuditResults) -> None:
    gains = {c.id: c.gain for c in results.checks}
    assert gains == {"footer": 12.5, "page": None, "labels": 16.7, "promise": None, "hours": None}
    assert results.score == 71


def test_report_json_carries_the_gain_and_older_results_still_load(results: AuditResults) -> None:
    data = json.loads(json.dumps(results.report_dict()))
    assert {c["id"]: c["gain"] for c in data["checks"]}["labels"] == 16.7
    assert validate_report(data) == []
    for check in data["checks"]:
        del check["gain"]
    older = AuditResults.model_validate(data)
    assert all(c.gain is None for c in older.checks)


def test_findings_are_ordered_by_gain(results: AuditResults) -> None:
    soup = BeautifulSoup(render_html(results), "html.parser")
    assert [a["id"] for a in soup.select("#findings > article.finding")] == ["check-labels", "check-footer"]
    meta = [m.get_text(" ", strip=True) for m in soup.select("#findings > article.finding .meta")]
    assert "+16.7 points if fixed" in meta[0] and "+12.5 points if fixed" in meta[1]


def test_without_gains_findings_fall_back_to_their_weight(results: AuditResults) -> None:
    data = results.model_dump(mode="json")
    for check in data["checks"]:
        check.pop("gain")
    soup = BeautifulSoup(render_html(AuditResults.model_validate(data)), "html.parser")
    assert [a["id"] for a in soup.select("#findings > article.finding")] == ["check-footer", "check-labels"]
    assert "points" not in soup.select_one("#fix-first").get_text()  # type: ignore[union-attr]


def test_fix_first_comes_after_the_scores_and_links_to_its_findings(results: AuditResults) -> None:
    soup = BeautifulSoup(render_html(results), "html.parser")
    cards = [section["id"] for section in soup.select("main > section.card")]
    assert cards.index("scores") + 1 == cards.index("fix-first") == cards.index("channels") - 1
    items = soup.select("#fix-first li")
    assert [re.sub(r"\s+", " ", li.get_text(" ", strip=True)) for li in items] == [
        "labels is broken Clarity +16.7 points",
        "footer is broken Findability +12.5 points",
    ]
    for item in items:
        target = str(item.a["href"])  # type: ignore[index]
        assert target.startswith("#") and soup.select_one(f"article{target}") is not None


def test_gauges_link_to_their_categorys_findings(results: AuditResults) -> None:
    soup = BeautifulSoup(render_html(results), "html.parser")
    gauges = soup.select("#scores a.category")
    assert [g.select_one(".name").get_text() for g in gauges] == ["Findability", "Clarity"]  # type: ignore[union-attr]
    for gauge in gauges:
        anchor = soup.select_one(f"#findings {gauge['href']}")
        assert anchor is not None
    notes = [p.get_text(" ", strip=True) for p in soup.select("#findings .category-filter")]
    assert notes == [
        "Showing the findings of Findability only. Show all findings",
        "Showing the findings of Clarity only. Show all findings",
    ]


def test_the_markdown_summary_leads_with_fix_first(results: AuditResults) -> None:
    text = render_markdown(results)
    fix_first = text.index("### Fix first")
    assert fix_first < text.index("### Findings")
    assert text.index("| Findability |") < fix_first
    assert "1. **labels is broken** — +16.7 points\n2. **footer is broken** — +12.5 points\n" in text
    assert "+16.7 points if fixed" in text


def test_hindi_says_fix_first_in_hindi(results: AuditResults) -> None:
    soup = BeautifulSoup(render_html(results, ReportOptions(lang="hi")), "html.parser")
    assert soup.select_one("#fix-first h2").get_text() == "पहले इन्हें ठीक करें"  # type: ignore[union-attr]
    assert "+16.7 अंक" in soup.select_one("#fix-first").get_text()  # type: ignore[union-attr]
    assert "+16.7 अंक" in render_markdown(results, ReportOptions(lang="hi"))
