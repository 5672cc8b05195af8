"""The CI gate on hand-built runs: thresholds, per-check levels, baselines; passes are reported too."""

from __future__ import annotations

from typing import Any

from auditor.config.settings import GateConfig
from auditor.history.gate import evaluate
from auditor.history.snapshot import snapshot_of
from reports.gate_report import render_gate_markdown
from tests.builders import binary_check, footer_check, run


def gate(**fields: Any) -> GateConfig:
    return GateConfig.model_validate(fields)


def test_no_assertions_pass() -> None:
    result = evaluate(run(), gate())
    assert result.passed and result.exit_code == 0 and result.assertions == []


def test_fail_under_and_category_minimums() -> None:
    result = evaluate(run(score=80, categories={"clarity": 60}), gate(fail_under=85, categories={"clarity": 50}))
    assert not result.passed and result.exit_code == 1
    assert [(a.kind, a.target, a.passed) for a in result.assertions] == [
        ("score", "overall", False),
        ("category", "clarity", True),
    ]
    assert evaluate(run(score=None), gate(fail_under=0)).exit_code == 1  # no score cannot pass


def test_check_levels() -> None:
    checks = [binary_check("written-channel", False), footer_check("/a/")]
    failing = evaluate(run(checks=checks), gate(checks={"written-channel": "error"}))
    assert failing.exit_code == 1
    warned = evaluate(run(checks=checks), gate(checks={"written-channel": "warn", "contact-link-in-footer": "off"}))
    assert warned.passed
    assert [(a.target, a.level, a.passed) for a in warned.assertions] == [("written-channel", "warn", False)]
    missing = evaluate(run(checks=checks), gate(checks={"chat-on-every-page": "error"}))
    assert missing.passed and missing.assertions[0].actual == "not run (disabled)"


def test_baseline_new_findings_and_regressions() -> None:
    baseline = snapshot_of(run(score=80, checks=[footer_check("/a/")]), "report.json")
    worse = run(score=80, checks=[footer_check("/a/", "/b/")])  # one more page fails: new, and 25 points down
    for fail_on, code in (("new", 1), ("regressed", 1), ("any", 1)):
        assert evaluate(worse, gate(fail_on=fail_on), baseline, "report.json").exit_code == code
    same_score_new_page = run(score=80, checks=[footer_check("/c/")])
    by_new = evaluate(same_score_new_page, gate(fail_on="new"), baseline, "report.json")
    by_regression = evaluate(same_score_new_page, gate(fail_on="regressed"), baseline, "report.json")
    assert by_new.exit_code == 1 and by_regression.exit_code == 0
    assert by_regression.baseline is not None
    assert [f.where for f in by_regression.baseline.new] == ["/c/"]
    assert [f.where for f in by_regression.baseline.fixed] == ["/a/"]
    # The regression assertion is still listed, as a passed one.
    assert [(a.target, a.level, a.passed) for a in by_regression.assertions] == [
        ("new", "warn", False),
        ("regressed", "error", True),
    ]


def test_checks_set_off_are_ignored_by_the_baseline() -> None:
    baseline = snapshot_of(run(checks=[footer_check()]), "b")
    result = evaluate(run(checks=[footer_check("/x/")]), gate(checks={"contact-link-in-footer": "off"}), baseline)
    assert result.passed


def test_markdown_summary_escapes_page_text() -> None:
    baseline = snapshot_of(run(checks=[footer_check()]), "b")
    current = run(checks=[footer_check("/<script>|x/")])
    text = render_gate_markdown(evaluate(current, gate(fail_under=90), baseline, "main/report.json"))
    assert text.startswith("## Contact audit gate: ❌ failed")
    assert "| ❌ | Overall score | &gt;= 90 | 80 |" in text
    assert "<script>" not in text and "&lt;script&gt;\\|x" in text


def test_findings_by_severity_count_each_failing_check_once() -> None:
    # Findability holds only this check: failing on three pages it costs the whole category.
    results = run(categories={"findability": 25, "coverage": 100}, checks=[footer_check("/a/", "/b/", "/c/")])
    result = evaluate(results, gate(max_findings={"high": 0, "low": 1}))
    assert [(a.target, a.expected, a.passed) for a in result.assertions] == [
        ("high", "at most 0 high", False),
        ("low", "at most 1 low or worse", True),
    ]
    assert result.assertions[0].actual == "1: contact-link-in-footer (high, +37.5)"
    muted = evaluate(results, gate(max_findings={"high": 0}, checks={"contact-link-in-footer": "off"}))
    assert muted.passed and muted.assertions[0].actual == "0"


def test_a_finding_on_one_more_page_is_new_for_the_gate_but_counted_once() -> None:
    baseline = snapshot_of(run(checks=[footer_check("/a/")]), "b")
    result = evaluate(run(checks=[footer_check("/a/", "/b/", "/c/")]), gate(fail_on="new"), baseline, "b")
    new = next(a for a in result.assertions if a.target == "new")
    assert (new.actual, new.passed) == ("0 new, 1 on new pages", False)
    assert result.baseline is not None and [f.where for f in result.baseline.new] == ["/b/, /c/"]
