"""Scores: a weighted mean per category and overall, as Lighthouse computes them."""

from __future__ import annotations

from auditor.judge.api import CATEGORY_TITLES
from auditor.results import SCORED_MODES, CategoryResult, CheckResult


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
