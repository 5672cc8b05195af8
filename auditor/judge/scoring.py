"""Scores: a weighted mean per category and overall, as Lighthouse computes them."""

from __future__ import annotations

from auditor.judge.api import CATEGORY_TITLES
from auditor.results import PASSING, SCORED_MODES, CategoryResult, CheckResult


def weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    """Mean of (value, weight) pairs; None when nothing carries weight."""
    total = sum(weight for _, weight in pairs)
    if total <= 0:
        return None
    return sum(value * weight for value, weight in pairs) / total


def category_mean(members: list[CheckResult]) -> float | None:
    """A category's weighted mean 0..1 over its scored checks, unrounded."""
    return weighted_mean([(c.score, c.weight) for c in members if c.mode in SCORED_MODES and c.score is not None])


def score_categories(checks: list[CheckResult], weights: dict[str, float]) -> list[CategoryResult]:
    """Category scores 0-100. Not-applicable, informative and errored checks weigh 0;
    an errored check makes its category provisional."""
    categories = []
    for category, title in CATEGORY_TITLES.items():
        members = [c for c in checks if c.category == category]
        if not members:
            continue
        mean = category_mean(members)
        categories.append(
            CategoryResult(
                id=category,
                title=title,
                weight=weights.get(category, 1.0),
                score=None if mean is None else round(mean * 100),
                provisional=any(c.mode == "error" for c in members),
                checks=[c.id for c in members],
            )
        )
    return categories


def overall_score(categories: list[CategoryResult]) -> int | None:
    mean = weighted_mean([(c.score, c.weight) for c in categories if c.score is not None])
    return None if mean is None else round(mean)


def with_gains(checks: list[CheckResult], categories: list[CategoryResult]) -> list[CheckResult]:
    """The checks, each failing scored one carrying its `gain` (see `fix_gain`).

    Both sides of the difference are computed from unrounded means, so that a fix worth
    0.4 points is not shown as 0 or 1 by rounding."""
    weights = {c.id: c.weight for c in categories}
    members = {category: [c for c in checks if c.category == category] for category in weights}
    means = {category: category_mean(group) for category, group in members.items()}
    gained = []
    for check in checks:
        gain = None
        if is_finding(check) and check.category in weights:
            gain = fix_gain(check, members[check.category], means, weights)
        gained.append(check.model_copy(update={"gain": gain}))
    return gained


def fix_gain(
    check: CheckResult, members: list[CheckResult], means: dict[str, float | None], weights: dict[str, float]
) -> float | None:
    """How many points (0-100, one decimal) the overall score would rise by if `check` alone
    scored 1.0: its category's mean worked out again over `members` (the category's checks),
    the categories' `means` (0..1, None when not scored) as given for the rest."""

    def overall(by_category: dict[str, float | None]) -> float | None:
        return weighted_mean([(mean * 100, weights[k]) for k, mean in by_category.items() if mean is not None])

    fixed = [c.model_copy(update={"score": 1.0}) if c is check else c for c in members]
    before, after = overall(means), overall(means | {check.category: category_mean(fixed)})
    return None if before is None or after is None else round(after - before, 1)


def is_finding(check: CheckResult) -> bool:
    """A scored check below the pass line: what the reports, the gate and the diff call a finding."""
    return check.mode in SCORED_MODES and check.score is not None and check.score < PASSING
