"""How much a finding costs: its severity, from the points of overall score fixing it would win.

A finding is a failing scored check (below the pass line of 90), counted once however many
evidence rows it has. Its gain is the rise of the overall score if that check alone scored
100: the results carry it (`CheckResult.gain`); for results written before they did, it is
worked out the same way from the check's weight and its category's. By gain:

- high: 5 points or more, a fix a customer would notice (a whole category failing);
- medium: 2 points or more;
- low: less than 2 points.

The bands are fixed, so a gate written today means the same next year.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.config.settings import Severity
from auditor.judge.scoring import category_mean, fix_gain, is_finding
from auditor.results import AuditResults, CheckResult

SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")
HIGH, MEDIUM = 5.0, 2.0


@dataclass(frozen=True)
class RatedFinding:
    check_id: str
    title: str
    gain: float
    severity: Severity


def severity_of(gain: float) -> Severity:
    return "high" if gain >= HIGH else "medium" if gain >= MEDIUM else "low"


def estimated_gain(check: CheckResult, results: AuditResults) -> float:
    """For results written before checks carried their gain: the overall score's rise (0-100)
    if `check` alone scored 1, its category's mean worked out again from its checks,
    the other categories as the results scored them."""
    weights = {c.id: c.weight for c in results.categories}
    if check.category not in weights:
        return 0.0
    members = [c for c in results.checks if c.category == check.category]
    means = {c.id: None if c.score is None else c.score / 100 for c in results.categories}
    means[check.category] = category_mean(members)
    return fix_gain(check, members, means, weights) or 0.0


def rated_findings(results: AuditResults, muted: set[str] | frozenset[str] = frozenset()) -> list[RatedFinding]:
    """Every finding of the run with its gain and severity, the costliest first."""
    found = []
    for check in results.checks:
        if not is_finding(check) or check.id in muted:
            continue
        gain = estimated_gain(check, results) if check.gain is None else check.gain
        found.append(RatedFinding(check.id, check.title, gain, severity_of(gain)))
    return sorted(found, key=lambda f: -f.gain)


def at_least(findings: list[RatedFinding], severity: Severity) -> list[RatedFinding]:
    """The findings of `severity` or worse: `medium` counts medium and high ones."""
    rank = SEVERITIES.index(severity)
    return [f for f in findings if SEVERITIES.index(f.severity) <= rank]
