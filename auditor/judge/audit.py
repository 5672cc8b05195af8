"""Judge artifacts with every registered check: pure, offline, repeatable."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from auditor import __version__
from auditor.artifacts import SiteArtifacts
from auditor.config.settings import AuditConfig
from auditor.errors import ConfigError
from auditor.judge.api import CheckInput
from auditor.judge.registry import Check, discover
from auditor.judge.scoring import overall_score, score_categories, with_gains
from auditor.messages import Phrase
from auditor.results import PASSING, AuditResults, CheckResult, EvidenceRow, PageSummary, ToolInfo


def run_check(
    check: Check, artifacts: SiteArtifacts, weight: float, options: dict[str, Any] | None = None
) -> CheckResult:
    """One check's result; a check that raises becomes an `error` result, never a crash."""
    meta = check.meta
    base: dict[str, Any] = {
        "id": meta.id,
        "category": meta.category,
        "weight": weight,
        "recommendation": check.section("How to fix"),
        "description": " ".join(filter(None, [check.summary, check.section("Why it matters")])),
    }
    try:
        outcome = check.run(CheckInput(artifacts, meta.requires, {**meta.options, **(options or {})}))
    except Exception as error:  # one broken check must not sink the audit
        return CheckResult(
            **base,
            title=meta.title,
            score=None,
            mode="error",
            explanation=f"The check failed: {type(error).__name__}: {error}",
        )
    if outcome.score is None:
        mode = "not_applicable"
        score = None
    else:
        score = min(1.0, max(0.0, float(outcome.score)))
        mode = meta.mode
    title = meta.failure_title if score is not None and score < PASSING and mode != "informative" else meta.title
    return CheckResult(
        **base,
        title=title,
        score=score,
        mode=mode,
        display_value=str(outcome.display_value),
        explanation=str(outcome.explanation),
        evidence=[EvidenceRow(**asdict(e)) for e in outcome.evidence],
        messages={
            name: text.message
            for name, text in (("display_value", outcome.display_value), ("explanation", outcome.explanation))
            if isinstance(text, Phrase)
        },
    )


def check_config(config: AuditConfig, checks: list[Check]) -> None:
    """Refuse config that names a check or an option that does not exist (before any crawl)."""
    known = {c.meta.id: c for c in checks}
    for check_id, settings in config.checks.items():
        if check_id not in known:
            raise ConfigError(f"{config.where('checks', check_id)}: [checks.{check_id}] names no known check")
        unknown = sorted(set(settings.options) - set(known[check_id].meta.options))
        if unknown:
            choices = ", ".join(sorted(known[check_id].meta.options)) or "none"
            raise ConfigError(
                f"{config.where('checks', check_id, 'options', unknown[0])}: checks.{check_id}.options.{unknown[0]} "
                f"is not an option of that check (options: {choices})"
            )


def audit(artifacts: SiteArtifacts, config: AuditConfig, checks: list[Check] | None = None) -> AuditResults:
    checks = discover() if checks is None else checks
    results = []
    for check in checks:
        settings = config.checks.get(check.meta.id)
        if settings is not None and not settings.enabled:
            continue
        weight = settings.weight if settings is not None and settings.weight is not None else check.meta.weight
        results.append(run_check(check, artifacts, weight, settings.options if settings is not None else None))
    categories = score_categories(results, config.scoring.category_weights)
    return AuditResults(
        tool=ToolInfo(name="contact-auditor", version=__version__),
        site=artifacts.site,
        score=overall_score(categories),
        categories=categories,
        checks=with_gains(results, categories),
        channels=artifacts.channels,
        probes=artifacts.probes,
        warnings=artifacts.warnings,
        pages=[
            PageSummary(
                url=p.url,
                status=p.status,
                depth=p.depth,
                rendered=p.rendered,
                is_contact_page=p.is_contact_page,
                error=p.error,
                warnings=p.warnings,
            )
            for p in artifacts.pages
        ],
        settings=config.model_dump(mode="json"),
    )
