"""The one place that calls `reports/`: every report, gate output and overview page is written here.

Reports read results only; this module chooses the writers, dresses them (language,
branding, the Chromium that prints the PDF) and writes their files into the run directory.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from auditor.config.settings import AuditConfig, ReportConfig, chromium_path
from auditor.errors import ConfigError, UsageError
from auditor.results import AuditResults, GateResult, OverviewRow
from auditor.run.files import ARTIFACTS_FILE, CRAWL_LOG, RESULTS_FILE, SCREENSHOTS_DIR, write_atomic

if TYPE_CHECKING:
    from reports.options import ReportOptions as ReportOptions
    from reports.pdf_report import Lender as Lender


def report_options(report: ReportConfig, config: AuditConfig, lang: str | None = None) -> ReportOptions:
    """The reports' language and branding: `--lang` over the [report] table; the logo inlined."""
    from auditor.gather.browser import CHROMIUM_ARGS
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
        lang=chosen,
        client=report.client,
        auditor=report.auditor,
        logo=logo,
        chromium=chromium_path(config),
        chromium_args=CHROMIUM_ARGS,
    )


def default_options() -> ReportOptions:
    return report_options(ReportConfig(), AuditConfig())


def stored_report_config(results: AuditResults) -> ReportConfig:
    """The [report] table the run was audited with, so that `report RUN` dresses it the same way."""
    try:
        report = ReportConfig.model_validate(results.settings.get("report") or {})
    except ValidationError:
        return ReportConfig()
    if report.logo and not Path(report.logo).is_file():
        report.logo = ""  # the run was moved to another machine: a report without the logo beats none
    return report


def check_printer(options: ReportOptions, formats: list[str]) -> None:
    """Refuse a PDF without Chromium before any work, not after a long crawl."""
    if "pdf" in formats and not Path(options.chromium).exists():
        raise ConfigError(
            f"Chromium, which prints report.pdf, was not found at {options.chromium}; install Debian's "
            "chromium package, set CONTACT_AUDIT_CHROMIUM, or leave pdf out of --format"
        )


def run_files() -> tuple[str, ...]:
    """Every file a run writes into its directory, by the names its writers use."""
    from reports import csv_report, gate_report, html_report, json_report, junit_report, markdown_report, pdf_report

    writers = (csv_report, html_report, json_report, junit_report, markdown_report, pdf_report, gate_report)
    return (ARTIFACTS_FILE, RESULTS_FILE, CRAWL_LOG, *(w.REPORT_NAME for w in writers))


def render_reports(
    results: AuditResults,
    out_dir: Path,
    formats: list[str],
    options: ReportOptions | None = None,
    lend: Lender | None = None,
    *,
    on_step: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write each format from the results alone; nothing here touches the site. `lend`
    prints the PDF in the browser the crawl rendered with (see spiders.browsers)."""
    from reports.csv_report import write_csv
    from reports.html_report import write_html
    from reports.json_report import write_json
    from reports.junit_report import write_junit
    from reports.markdown_report import write_markdown
    from reports.pdf_report import write_pdf

    options = options or default_options()
    check_printer(options, formats)
    writers: dict[str, Callable[[], Path]] = {
        "html": lambda: write_html(results, out_dir, options),
        "json": lambda: write_json(results, out_dir),
        "pdf": lambda: write_pdf(results, out_dir, options, lend),
        "md": lambda: write_markdown(results, out_dir, options),
        "junit": lambda: write_junit(results, out_dir),
        "csv": lambda: write_csv(results, out_dir),
    }
    written = []
    for chosen in formats:
        if chosen == "pdf" and on_step is not None:
            on_step("Printing report.pdf in Chromium")
        written.append(writers[chosen]())
    return written


def copy_screenshots(run_dir: Path, out_dir: Path) -> None:
    """Reports written outside their run directory link its screenshots as they do inside
    it (screenshots/NAME.png): the screenshots go beside them."""
    shots = run_dir / SCREENSHOTS_DIR
    if not shots.is_dir() or out_dir.resolve() == run_dir.resolve():
        return
    try:
        (out_dir / SCREENSHOTS_DIR).mkdir(parents=True, exist_ok=True)
        for shot in shots.glob("*.png"):
            shutil.copyfile(shot, out_dir / SCREENSHOTS_DIR / shot.name)
    except OSError as error:
        raise UsageError(f"the screenshots could not be copied into {out_dir}: {error.strerror or error}") from None


def write_gate(result: GateResult, out_dir: Path, results: AuditResults | None) -> str:
    """gate.json, and report.md with the gate on top; the Markdown, for the CI's job summary."""
    from reports.gate_report import render_gate_markdown, write_gate_json
    from reports.markdown_report import REPORT_NAME, render_markdown

    write_gate_json(result, out_dir)
    text = render_gate_markdown(result)
    if results is not None:
        text += render_markdown(results)
        write_atomic(out_dir / REPORT_NAME, text)
    return text


def append_step_summary(text: str) -> None:
    from reports.gate_report import append_step_summary as append

    append(text)


def write_overview(path: Path, title: str, rows: Sequence[OverviewRow], generated: str) -> Path:
    """A portfolio's overview page."""
    from reports.portfolio_report import render_overview

    path.parent.mkdir(parents=True, exist_ok=True)
    return write_atomic(path, render_overview(title, rows, generated))
