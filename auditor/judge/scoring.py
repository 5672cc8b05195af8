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
    """The checks, each failing scored one carrying its `gain`: how many points (0-100, one
    decimal) the overall score would rise by if that check alone scored 1.0.

    Both sides of the difference are computed from unrounded means, so that a fix worth
    0.4 points is not shown as 0 or 1 by rounding."""
    weights = {c.id: c.weight for c in categories}
    members = {category: [c for c in checks if c.category == category] for category in weights}

    def overall(means: dict[str, float | None]) -> float | None:
        return weighted_mean([(mean * 100, weights[k]) for k, mean in means.items() if mean is not None])

    current_means = {category: category_mean(group) for category, group in members.items()}
    current = overall(current_means)
    gained = []
    for check in checks:
        gain = None
        if current is not None and _failing(check) and check.category in weights:
            fixed = [c.model_copy(update={"score": 1.0}) if c is check else c for c in members[check.category]]
            after = overall(current_means | {check.category: category_mean(fixed)})
            gain = None if after is None else round(after - current, 1)
        gained.append(check.model_copy(update={"gain": gain}))
    return gained


def _failing(check: CheckResult) -> bool:
    return check.mode in SCORED_MODES and check.score is not None and check.score < PASSING
