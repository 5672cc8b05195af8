"""A run directory's own files: their names, writing one whole or not at all, reading them back.

A run directory holds everything about one audit (artifacts.json, results.json, crawl.log,
the screenshots, and the reports named by their writers in `reports/`). Nothing here
imports the crawler, the checks or the reports: every layer may use it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import ValidationError

from auditor.artifacts import SiteArtifacts
from auditor.errors import UsageError
from auditor.results import AuditResults

ARTIFACTS_FILE = "artifacts.json"
RESULTS_FILE = "results.json"
CRAWL_LOG = "crawl.log"
SCREENSHOTS_DIR = "screenshots"


def write_atomic(path: Path, text: str) -> Path:
    """Write `text` to `path` so that a reader, or a crash, never sees half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def load_results(run_dir: Path) -> AuditResults:
    path = run_dir / RESULTS_FILE
    if not path.is_file():
        raise UsageError(f"{run_dir} is not a run directory: it has no {RESULTS_FILE}")
    try:
        return AuditResults.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, ValidationError, UnicodeDecodeError):
        raise UsageError(f"{path} is damaged or was written by an incompatible version") from None


def load_artifacts(run_dir: Path) -> SiteArtifacts:
    path = run_dir / ARTIFACTS_FILE
    if not path.is_file():
        raise UsageError(f"{run_dir} is not a run directory: it has no {ARTIFACTS_FILE}")
    try:
        return SiteArtifacts.model_validate_json(path.read_text(encoding="utf-8"))
    except (ValidationError, UnicodeDecodeError):
        raise UsageError(f"{path} is damaged or was written by an incompatible version") from None
