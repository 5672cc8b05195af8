"""What every command that audits a site shares: running the audit with its progress, the
summary it prints, and the --fail-under line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from auditor.cli.options import err
from auditor.errors import EXIT_BELOW_THRESHOLD

if TYPE_CHECKING:
    from auditor.config.settings import AuditConfig
    from auditor.history.record import History
    from auditor.results import AuditResults
    from auditor.run.render import ReportOptions


def summary(
    results: AuditResults,
    out_dir: Path,
    as_json: bool,
    quiet: bool,
    *,
    run_dir: Path | None = None,
    written: list[Path] | None = None,
) -> None:
    """The score and where the report is; `run_dir` when the reports in `out_dir` were written
    outside their run (`report RUN --out DIR`), `written` to list the files in the JSON."""
    from auditor.results import band

    report = out_dir / "report.html"
    if as_json:
        data: dict[str, Any] = {
            "score": results.score,
            "band": band(results.score),
            "partial": results.site.partial,
            "run_dir": str(run_dir or out_dir),
            "report": str(report) if report.exists() else None,
            "categories": {c.id: c.score for c in results.categories},
        }
        if written is not None:
            data["written"] = [str(path) for path in written]
        typer.echo(json.dumps(data))
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
    *,
    verbose: bool = False,
) -> AuditResults:
    """The audit with a person watching: checks' settings first, the progress on stderr (a live
    line on a terminal; with `verbose`, every page and step, then the warnings, as lines)."""
    from auditor.gather.progress import CrawlProgress
    from auditor.judge.audit import check_config
    from auditor.judge.registry import discover
    from auditor.run.pipeline import audit_site, prepare_out_dir

    check_config(config, discover())
    cleared = prepare_out_dir(out_dir)
    if cleared and not quiet:
        err.print(f"Cleared an earlier run's files from {out_dir}: {', '.join(cleared)}", markup=False, soft_wrap=True)
    # --verbose holds with --json too: the summary goes to stdout, the detail to stderr.
    progress = CrawlProgress(err, enabled=not quiet or verbose, max_pages=config.crawl.max_pages, verbose=verbose)
    with progress:
        results = audit_site(
            url,
            config,
            out_dir,
            formats,
            options,
            history,
            on_progress=progress.update,
            on_page=progress.page,
            on_step=progress.step,
        )
    if verbose:
        say_warnings(results)
    return results


def say_warnings(results: AuditResults) -> None:
    """What the run warns about, and what went wrong with single pages (the report says it too)."""
    for warning in results.warnings:
        err.print(f"contact-audit: warning: {warning}", markup=False, soft_wrap=True)
    for page in results.pages:
        problems = [page.error] if page.error else [f"HTTP {page.status}"] if (page.status or 0) >= 400 else []
        for problem in [*problems, *page.warnings]:
            err.print(f"contact-audit: warning: {page.url}: {problem}", markup=False, soft_wrap=True)
