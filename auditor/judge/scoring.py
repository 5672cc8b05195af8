"""Scores: a weighted mean per category and overall, as Lighthouse computes them."""

from __future__ import annotations

import math

from auditor.judge.registry import CATEGORY_TITLES
from auditor.results import CategoryResult, CheckResult

SCORED_MODES = ("binary", "numeric")


def weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    """Mean of (value, weight) pairs; None when nothing carries weight."""
    total = sum(weight for _, weight in pairs)
    if total <= 0:
        return None
    return sum(value * weight for value, weight in pairs) / total


def score_categories(checks: list[CheckResult], weights: dict[str, float]) -> list[CategoryResult]:
    """Category scores 0-100. Not-applicable, informative and errored checks weigh 0;
    an errored check makes its category provisional."""
    categories = []
    for category, title in CATEGORY_TITLES.items():
        members = [c for c in checks if c.category == category]
        if not members:
            continue
        mean = weighted_mean([(c.score, c.weight) for c in members if c.mode in SCORED_MODES and c.score is not None])
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


# z-score of the 10th percentile of a standard normal distribution.
_Z_P10 = 1.2815515655446004


def log_normal_score(value: float, p10: float, median: float) -> float:
    """Score a duration on a log-normal curve, as Lighthouse scores its timings.

    The `median` scores 0.5 and the `p10` value (what the best tenth achieve) 0.9;
    faster is better, and the score falls smoothly towards 0 for slow values.
    """
    if not 0 < p10 < median:
        raise ValueError(f"curve points need 0 < p10 < median, got p10={p10}, median={median}")
    if value <= 0:
        return 1.0
    sigma = (math.log(median) - math.log(p10)) / _Z_P10
    standardized = (math.log(value) - math.log(median)) / (math.sqrt(2) * sigma)
    return max(0.0, min(1.0, math.erfc(standardized) / 2))
