"""The CI gate: judge a run against thresholds, per-check assertions and a baseline. Pure.

Every assertion is reported, passes included, so that a CI log shows what was checked
and not only what failed. `warn` assertions are shown but never fail the gate.
"""

from __future__ import annotations

from typing import Literal

from auditor.config.settings import GateConfig
from auditor.errors import EXIT_BELOW_THRESHOLD, EXIT_OK
from auditor.history.compare import Comparison, compare
from auditor.history.snapshot import Finding, Snapshot, page_key, snapshot_of
from auditor.results import (
    PASSING,
    SCORED_MODES,
    Assertion,
    AuditResults,
    BaselineFinding,
    BaselineSummary,
    CheckResult,
    GateResult,
    band,
)


def _shown(score: float | None) -> str:
    return "no score" if score is None else f"{score:g}"


def _check_assertion(check: CheckResult | None, check_id: str, level: Literal["error", "warn"]) -> Assertion:
    if check is None:
        actual, passed = "not run (disabled)", True
    elif check.mode == "error":
        actual, passed = "the check could not run", False
    elif check.mode not in SCORED_MODES or check.score is None:
        actual, passed = "not applicable", True
    else:
        actual, passed = f"{check.score * 100:.0f} ({check.title})", check.score >= PASSING
    return Assertion(kind="check", target=check_id, level=level, expected="passes", actual=actual, passed=passed)


def _finding(finding: Finding) -> BaselineFinding:
    return BaselineFinding(
        check_id=finding.check_id, title=finding.title, where=page_key(finding.url) or finding.detail
    )


def _baseline(
    comparison: Comparison, source: str, gate: GateConfig, muted: set[str]
) -> tuple[BaselineSummary, list[Assertion]]:
    new = [f for f in comparison.new if f.check_id not in muted]
    regressed = [s.sentence() for s in comparison.worse_scores]
    regressed += [
        f"{m.after.title} ({m.after.id}) got worse"
        for m in comparison.regressed_checks
        if m.after is not None and m.after.id not in muted
    ]
    summary = BaselineSummary(
        source=source,
        fail_on=gate.fail_on,
        new=[_finding(f) for f in new],
        fixed=[_finding(f) for f in comparison.fixed if f.check_id not in muted],
        regressed=regressed,
        summary=comparison.summary(),
    )
    fails_new = gate.fail_on in ("new", "any")
    fails_regressed = gate.fail_on in ("regressed", "any")
    assertions = [
        Assertion(
            kind="baseline",
            target="new",
            level="error" if fails_new else "warn",
            expected="no new findings",
            actual=f"{len(new)} new",
            passed=not new,
        ),
        Assertion(
            kind="baseline",
            target="regressed",
            level="error" if fails_regressed else "warn",
            expected=f"no score or check worse by {gate.noise:g} points or a band",
            actual=f"{len(regressed)} regressed",
            passed=not regressed,
        ),
    ]
    return summary, assertions


def evaluate(
    results: AuditResults, gate: GateConfig, baseline: Snapshot | None = None, baseline_source: str = ""
) -> GateResult:
    assertions: list[Assertion] = []
    if gate.fail_under is not None:
        passed = results.score is not None and results.score >= gate.fail_under
        assertions.append(
            Assertion(
                kind="score",
                target="overall",
                level="error",
                expected=f">= {gate.fail_under:g}",
                actual=_shown(results.score),
                passed=passed,
            )
        )
    scores = {c.id: c.score for c in results.categories}
    for category, minimum in gate.categories.items():
        score = scores.get(category)
        assertions.append(
            Assertion(
                kind="category",
                target=category,
                level="error",
                expected=f">= {minimum:g}",
                actual=_shown(score),
                passed=score is not None and score >= minimum,
            )
        )
    checks = {c.id: c for c in results.checks}
    for check_id, level in gate.checks.items():
        if level != "off":
            assertions.append(_check_assertion(checks.get(check_id), check_id, level))
    summary = None
    if baseline is not None:
        muted = {check_id for check_id, level in gate.checks.items() if level == "off"}
        comparison = compare(baseline, snapshot_of(results, "this run"), gate.noise)
        summary, more = _baseline(comparison, baseline_source, gate, muted)
        assertions += more
    failed = any(not a.passed and a.level == "error" for a in assertions)
    return GateResult(
        passed=not failed,
        exit_code=EXIT_BELOW_THRESHOLD if failed else EXIT_OK,
        site=results.site.url,
        score=results.score,
        band=band(results.score),
        assertions=assertions,
        baseline=summary,
    )
