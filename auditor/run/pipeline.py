"""The audit's steps, each reading and writing the run directory:
gather -> artifacts.json -> checks -> results.json -> reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.artifacts import SiteArtifacts
from auditor.config.settings import AuditConfig
from auditor.errors import AuditInterruptedError, SiteError, UsageError
from auditor.results import AuditResults
from auditor.run.files import ARTIFACTS_FILE, RESULTS_FILE, SCREENSHOTS_DIR, write_atomic
from auditor.run.render import render_reports, run_files

if TYPE_CHECKING:
    from auditor.history.record import History
    from reports.options import ReportOptions

Progress = Callable[[int, int, int], None]
# A page the crawl has just received: its URL, and whether Chromium rendered it.
PageArrived = Callable[[str, bool], None]
# A step of the audit after the crawl, said to the person watching ("Judging 12 pages").
Step = Callable[[str], None]


def prepare_out_dir(out_dir: Path) -> list[str]:
    """Create the run directory, clearing what an earlier run wrote there; return what was cleared.

    A run directory belongs to one run: what an earlier run left there (another site's
    PDF, a report of a run that has since failed) must never sit beside this run's files.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        cleared = [name for name in run_files() if (out_dir / name).is_file()]
        for name in cleared:
            (out_dir / name).unlink()
        shots = out_dir / SCREENSHOTS_DIR
        if shots.is_dir():
            for shot in shots.glob("*.png"):
                shot.unlink()
            cleared.append(f"{SCREENSHOTS_DIR}/")
    except OSError as error:
        raise UsageError(f"the output directory {out_dir} could not be prepared: {error.strerror}") from None
    return cleared


def gather(
    url: str,
    config: AuditConfig,
    out_dir: Path,
    on_progress: Progress | None = None,
    keep_browser: bool = False,
    on_page: PageArrived | None = None,
) -> SiteArtifacts:
    """Crawl the site and save artifacts.json, even when the crawl fails part-way. With
    `keep_browser`, the crawl's browser stays up for the PDF (see audit_site)."""
    from auditor.gather.crawl import crawl_site
    from auditor.run.files import CRAWL_LOG

    try:
        artifacts = crawl_site(
            url,
            config,
            log_file=out_dir / CRAWL_LOG,
            run_dir=out_dir,
            on_progress=on_progress,
            on_page=on_page,
            keep_browser=keep_browser,
        )
    except SiteError as error:
        if isinstance(error.partial, SiteArtifacts):
            write_atomic(out_dir / ARTIFACTS_FILE, error.partial.model_dump_json(indent=2))
        raise
    add_ledger_probes(artifacts, config)
    write_atomic(out_dir / ARTIFACTS_FILE, artifacts.model_dump_json(indent=2))
    return artifacts


def add_ledger_probes(artifacts: SiteArtifacts, config: AuditConfig) -> None:
    """Finished probes of this site, from the probe ledger, for the responsiveness checks."""
    from auditor.gather.probes.view import ledger_probes

    probes, warning = ledger_probes(config.probes, artifacts.site.domain, config.history.url or None)
    artifacts.probes = probes
    if warning:
        artifacts.warnings.append(warning)


def judge(artifacts: SiteArtifacts, config: AuditConfig, out_dir: Path) -> AuditResults:
    from auditor.judge.audit import audit

    results = audit(artifacts, config)
    write_atomic(out_dir / RESULTS_FILE, results.model_dump_json(indent=2))
    return results


def audit_site(
    url: str,
    config: AuditConfig,
    out_dir: Path,
    formats: list[str],
    options: ReportOptions,
    history: History | None = None,
    on_progress: Progress | None = None,
    on_page: PageArrived | None = None,
    on_step: Step | None = None,
) -> AuditResults:
    """One whole audit into a prepared run directory: gather, judge, record, report.

    An interrupted run is reported, never stored: it is no baseline for the next one.
    """
    from auditor.gather.crawl import close_browser, lend_browser
    from auditor.history.record import record

    # One browser for the whole audit: the crawl's renders and screenshots, then the PDF.
    try:
        artifacts = gather(url, config, out_dir, on_progress=on_progress, keep_browser=True, on_page=on_page)
        if on_step is not None:
            pages = len(artifacts.pages)
            on_step(f"Judging {pages} page{'s' if pages != 1 else ''}")
        results = judge(artifacts, config, out_dir)
        if history is not None and not artifacts.site.interrupted:
            results = record(history, results, out_dir)
            write_atomic(out_dir / RESULTS_FILE, results.model_dump_json(indent=2))
        render_reports(results, out_dir, formats, options, lend_browser, on_step=on_step)
    finally:
        close_browser()
    if artifacts.site.interrupted:
        raise AuditInterruptedError(
            f"the audit of {url} was interrupted; partial results are in {out_dir} and were not stored in the history"
        )
    return results
