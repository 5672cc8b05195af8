"""The CI gate: judge a run against thresholds, per-check assertions, finding counts by
severity and a baseline. Pure.

Every assertion is reported, passes included, so that a CI log shows what was checked
and not only what failed. `warn` assertions are shown but never fail the gate.
"""

from __future__ import annotations

from typing import Literal

from auditor.config.settings import GateConfig
from auditor.errors import EXIT_BELOW_THRESHOLD, EXIT_OK
from auditor.history.compare import Comparison, compare
from auditor.history.findings import CheckFinding
from auditor.history.severity import SEVERITIES, at_least, rated_findings
from auditor.history.snapshot import Finding, Snapshot, page_key, snapshot_of
from auditor.judge.scoring import is_finding
from auditor.results import (
    PASSING,
    SCORED_MODES,
    Assertion,
    AuditResults,
    BaselineFinding,
    BaselineSummary,
    CheckResult,
    ListedPage,
    SiteGate,
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


def _finding(finding: CheckFinding, places: tuple[Finding, ...] | None = None) -> BaselineFinding:
    where = finding.where(places) or finding.detail
    return BaselineFinding(check_id=finding.check_id, title=finding.title, where=where)


def _findings_assertions(results: AuditResults, gate: GateConfig, muted: set[str]) -> list[Assertion]:
    """`at most N findings of SEVERITY or worse`, naming the findings counted."""
    rated = rated_findings(results, muted)
    assertions = []
    for severity in SEVERITIES:
        if severity not in gate.max_findings:
            continue
        most, counted = gate.max_findings[severity], at_least(rated, severity)
        named = ", ".join(f"{f.check_id} ({f.severity}, +{f.gain:g})" for f in counted[:5])
        named += f" and {len(counted) - 5} more" if len(counted) > 5 else ""
        worse = "" if severity == "high" else " or worse"
        assertions.append(
            Assertion(
                kind="findings",
                target=severity,
                level="error",
                expected=f"at most {most} {severity}{worse}",
                actual=f"{len(counted)}" + (f": {named}" if named else ""),
                passed=len(counted) <= most,
            )
        )
    return assertions


def listed_pages(results: AuditResults, urls: list[str]) -> list[ListedPage]:
    """Each named page of the site: whether the crawl reached it, and the failing checks found on it."""
    crawled = {page_key(p.url) for p in results.pages if p.status is not None and p.error is None}
    on_page: dict[str, list[str]] = {}
    for check in results.checks:
        if is_finding(check):
            for row in check.evidence:
                ids = on_page.setdefault(page_key(row.url), [])
                if row.url and check.id not in ids:
                    ids.append(check.id)
    return [
        ListedPage(url=url, crawled=page_key(url) in crawled, findings=on_page.get(page_key(url), [])) for url in urls
    ]


def _baseline(
    comparison: Comparison, source: str, gate: GateConfig, muted: set[str]
) -> tuple[BaselineSummary, list[Assertion]]:
    new = [f for f in comparison.new if f.check_id not in muted]
    spread = [m for m in comparison.spread if m.after.check_id not in muted]
    regressed = [s.sentence() for s in comparison.worse_scores]
    regressed += [
        f"{m.after.title} ({m.after.id}) got worse"
        for m in comparison.regressed_checks
        if m.after is not None and m.after.id not in muted
    ]
    summary = BaselineSummary(
        source=source,
        fail_on=gate.fail_on,
        new=[_finding(f) for f in new] + [_finding(m.after, m.new_places) for m in spread],
        fixed=[_finding(f) for f in comparison.fixed if f.check_id not in muted]
        + [_finding(m.before, m.fixed_places) for m in comparison.changed if m.fixed_places],
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
            expected="no new findings, none on new pages",
            actual=f"{len(new)} new" + (f", {len(spread)} on new pages" if spread else ""),
            passed=not new and not spread,
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
    results: AuditResults,
    gate: GateConfig,
    baseline: Snapshot | None = None,
    baseline_source: str = "",
    pages: list[str] | None = None,
) -> SiteGate:
    """The site's verdict; `pages` are the site's pages the command named, matched with the crawl."""
    assertions: list[Assertion] = []
    muted = {check_id for check_id, level in gate.checks.items() if level == "off"}
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
    assertions += _findings_assertions(results, gate, muted)
    summary = None
    if baseline is not None:
        comparison = compare(baseline, snapshot_of(results, "this run"), gate.noise)
        summary, more = _baseline(comparison, baseline_source, gate, muted)
        assertions += more
    failed = any(not a.passed and a.level == "error" for a in assertions)
    listed = listed_pages(results, pages or [])
    missed = [p.url for p in listed if not p.crawled]
    warnings = []
    if missed:
        warnings.append(
            f"{len(missed)} of the {len(listed)} pages named for {results.site.url} were not reached by the crawl "
            f"(first: {missed[0]}); link them, or raise --max-pages or --max-depth"
        )
    return SiteGate(
        passed=not failed,
        exit_code=EXIT_BELOW_THRESHOLD if failed else EXIT_OK,
        site=results.site.url,
        score=results.score,
        band=band(results.score),
        assertions=assertions,
        baseline=summary,
        pages=listed,
        warnings=warnings,
    )
