"""The audit's steps, each reading and writing the run directory:
gather -> artifacts.json -> checks -> results.json -> reports."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from auditor.artifacts import SiteArtifacts
from auditor.cli.usage import FORMATS as FORMATS
from auditor.cli.usage import parse_formats as parse_formats
from auditor.config.settings import AuditConfig, ReportConfig
from auditor.errors import ConfigError, SiteError, UsageError
from auditor.gather.crawl import chromium_path, crawl_site
from auditor.judge.audit import audit
from auditor.results import AuditResults

if TYPE_CHECKING:
    from reports.options import ReportOptions

ARTIFACTS_FILE = "artifacts.json"
RESULTS_FILE = "results.json"


def report_options(report: ReportConfig, config: AuditConfig, lang: str | None = None) -> ReportOptions:
    """The reports' language and branding: `--lang` over the [report] table; the logo inlined."""
    from reports.i18n import languages
    from reports.options import LogoError, ReportOptions, logo_data_uri

    chosen = (lang or report.lang).strip().lower()
    if chosen not in languages():
        raise UsageError(f"unknown report language '{chosen}'; choose from {', '.join(languages())}")
    try:
        logo = logo_data_uri(Path(report.logo)) if report.logo else ""
    except LogoError as error:
        raise ConfigError(f"report.logo: {error}") from None
    return ReportOptions(
        lang=chosen, client=report.client, auditor=report.auditor, logo=logo, chromium=chromium_path(config)
    )


def stored_report_config(results: AuditResults) -> ReportConfig:
    """The [report] table the run was audited with, so that `report RUN` dresses it the same way."""
    try:
        report = ReportConfig.model_validate(results.settings.get("report") or {})
    except ValidationError:
        return ReportConfig()
    if report.logo and not Path(report.logo).is_file():
        report.logo = ""  # the run was moved to another machine: a report without the logo beats none
    return report


def _write(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


# A run directory belongs to one run: what an earlier run left there (another site's
# PDF, a report of a run that has since failed) must never sit beside this run's files.
SCREENSHOTS_DIR = "screenshots"
CRAWL_LOG = "crawl.log"


def run_files() -> tuple[str, ...]:
    """Every file a run writes into its directory, by the names its writers use."""
    from auditor.history.gate import GATE_FILE
    from reports import csv_report, html_report, json_report, junit_report, markdown_report, pdf_report

    writers = (csv_report, html_report, json_report, junit_report, markdown_report, pdf_report)
    return (ARTIFACTS_FILE, RESULTS_FILE, GATE_FILE, CRAWL_LOG, *(w.REPORT_NAME for w in writers))


def prepare_out_dir(out_dir: Path) -> list[str]:
    """Create the run directory, clearing what an earlier run wrote there; return what was cleared."""
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
    url: str, config: AuditConfig, out_dir: Path, on_progress: Callable[[int, int, int], None] | None = None
) -> SiteArtifacts:
    """Crawl the site and save artifacts.json, even when the crawl fails part-way."""
    try:
        artifacts = crawl_site(url, config, log_file=out_dir / CRAWL_LOG, run_dir=out_dir, on_progress=on_progress)
    except SiteError as error:
        if isinstance(error.partial, SiteArtifacts):
            _write(out_dir / ARTIFACTS_FILE, error.partial.model_dump_json(indent=2))
        raise
    add_ledger_probes(artifacts, config)
    _write(out_dir / ARTIFACTS_FILE, artifacts.model_dump_json(indent=2))
    return artifacts


def add_ledger_probes(artifacts: SiteArtifacts, config: AuditConfig) -> None:
    """Finished probes of this site, from the probe ledger, for the responsiveness checks."""
    from auditor.gather.probes.view import ledger_probes

    probes, warning = ledger_probes(config.probes, artifacts.site.domain, config.history.url or None)
    artifacts.probes = probes
    if warning:
        artifacts.warnings.append(warning)


def judge(artifacts: SiteArtifacts, config: AuditConfig, out_dir: Path) -> AuditResults:
    results = audit(artifacts, config)
    _write(out_dir / RESULTS_FILE, results.model_dump_json(indent=2))
    return results


def check_printer(options: ReportOptions, formats: list[str]) -> None:
    """Refuse a PDF without Chromium before any work, not after a long crawl."""
    if "pdf" in formats and not Path(options.chromium).exists():
        raise ConfigError(
            f"Chromium, which prints report.pdf, was not found at {options.chromium}; install Debian's "
            "chromium package, set CONTACT_AUDIT_CHROMIUM, or leave pdf out of --format"
        )


def render_reports(
    results: AuditResults, out_dir: Path, formats: list[str], options: ReportOptions | None = None
) -> list[Path]:
    """Write each format from the results alone; nothing here touches the site."""
    from reports.csv_report import write_csv
    from reports.html_report import write_html
    from reports.json_report import write_json
    from reports.junit_report import write_junit
    from reports.markdown_report import write_markdown
    from reports.options import ReportOptions
    from reports.pdf_report import write_pdf

    options = options or ReportOptions(chromium=chromium_path(AuditConfig()))
    check_printer(options, formats)
    writers: dict[str, Callable[[], Path]] = {
        "html": lambda: write_html(results, out_dir, options),
        "json": lambda: write_json(results, out_dir),
        "pdf": lambda: write_pdf(results, out_dir, options),
        "md": lambda: write_markdown(results, out_dir, options),
        "junit": lambda: write_junit(results, out_dir),
        "csv": lambda: write_csv(results, out_dir),
    }
    return [writers[f]() for f in formats]


def load_results(run_dir: Path) -> AuditResults:
    path = run_dir / RESULTS_FILE
    if not path.is_file():
        raise UsageError(f"{run_dir} is not a run directory: it has no {RESULTS_FILE}")
    try:
        return AuditResults.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, ValidationError, UnicodeDecodeError):
        raise UsageError(f"{path} is damaged or was written by an incompatible version") from None
