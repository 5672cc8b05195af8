"""What every command that audits a site shares: running the audit with its progress, the
summary it prints, and the --fail-under line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from auditor.cli.options import err
from auditor.errors import EXIT_BELOW_THRESHOLD

if TYPE_CHECKING:
    from auditor.config.settings import AuditConfig
    from auditor.history.record import History
    from auditor.results import AuditResults
    from auditor.run.render import ReportOptions


def summary(results: AuditResults, out_dir: Path, as_json: bool, quiet: bool) -> None:
    from auditor.results import band

    report = out_dir / "report.html"
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "score": results.score,
                    "band": band(results.score),
                    "partial": results.site.partial,
                    "run_dir": str(out_dir),
                    "report": str(report) if report.exists() else None,
                    "categories": {c.id: c.score for c in results.categories},
                }
            )
        )
    elif not quiet:
        score = "n/a" if results.score is None else f"{results.score}/100"
        partial = ", partial" if results.site.partial else ""
        typer.echo(f"Score: {score} ({band(results.score)}{partial}) for {results.site.url}")
        typer.echo(f"Report: {report if report.exists() else out_dir / 'report.json'}")


def gate(results: AuditResults, fail_under: float | None) -> int:
    if fail_under is None:
        return 0
    if results.score is None or results.score < fail_under:
        shown = "no score" if results.score is None else f"score {results.score}"
        err.print(f"contact-audit: {shown} is below --fail-under {fail_under:g}", markup=False)
        return EXIT_BELOW_THRESHOLD
    return 0


def run_audit(
    url: str,
    config: AuditConfig,
    out_dir: Path,
    formats: list[str],
    quiet: bool,
    options: ReportOptions,
    history: History | None = None,
) -> AuditResults:
    """The audit with a person watching: checks' settings first, the crawl's progress on stderr."""
    from auditor.gather.progress import CrawlProgress
    from auditor.judge.audit import check_config
    from auditor.judge.registry import discover
    from auditor.run.pipeline import audit_site, prepare_out_dir

    check_config(config, discover())
    cleared = prepare_out_dir(out_dir)
    if cleared and not quiet:
        err.print(f"Cleared an earlier run's files from {out_dir}: {', '.join(cleared)}", markup=False, soft_wrap=True)
    with CrawlProgress(err, enabled=not quiet) as progress:
        return audit_site(url, config, out_dir, formats, options, history, on_progress=progress.update)
