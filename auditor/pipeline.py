"""The audit's steps, each reading and writing the run directory:
gather -> artifacts.json -> checks -> results.json -> reports."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from auditor.audit import audit
from auditor.config import AuditConfig
from auditor.crawl import crawl_site
from auditor.errors import SiteError, UsageError
from auditor.models import SiteArtifacts
from auditor.results import AuditResults

ARTIFACTS_FILE = "artifacts.json"
RESULTS_FILE = "results.json"
FORMATS = ("html", "json")


def parse_formats(value: str) -> list[str]:
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(f"unknown report format '{','.join(unknown) or value}'; choose from {', '.join(FORMATS)}")
    return list(dict.fromkeys(formats))


def _write(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def prepare_out_dir(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"the output directory {out_dir} could not be created: {error.strerror}") from None


def gather(
    url: str, config: AuditConfig, out_dir: Path, on_progress: Callable[[int, int, int], None] | None = None
) -> SiteArtifacts:
    """Crawl the site and save artifacts.json, even when the crawl fails part-way."""
    try:
        artifacts = crawl_site(url, config, log_file=out_dir / "crawl.log", on_progress=on_progress)
    except SiteError as error:
        if isinstance(error.partial, SiteArtifacts):
            _write(out_dir / ARTIFACTS_FILE, error.partial.model_dump_json(indent=2))
        raise
    _write(out_dir / ARTIFACTS_FILE, artifacts.model_dump_json(indent=2))
    return artifacts


def judge(artifacts: SiteArtifacts, config: AuditConfig, out_dir: Path) -> AuditResults:
    results = audit(artifacts, config)
    _write(out_dir / RESULTS_FILE, results.model_dump_json(indent=2))
    return results


def render_reports(results: AuditResults, out_dir: Path, formats: list[str]) -> list[Path]:
    from reports.html_report import write_html
    from reports.json_report import write_json

    writers = {"html": write_html, "json": write_json}
    return [writers[f](results, out_dir) for f in formats]


def load_results(run_dir: Path) -> AuditResults:
    path = run_dir / RESULTS_FILE
    if not path.is_file():
        raise UsageError(f"{run_dir} is not a run directory: it has no {RESULTS_FILE}")
    try:
        return AuditResults.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, ValidationError, UnicodeDecodeError):
        raise UsageError(f"{path} is damaged or was written by an incompatible version") from None
