"""findings.csv: every finding as spreadsheet rows, one per evidence row.

Columns are stable English ids (a contract, like report.json), whatever `--lang` says.
Page text can start with `=`, `+`, `-` or `@`, which Excel, LibreOffice and Google
Sheets run as a formula (`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`): such cells get a
leading apostrophe, as OWASP recommends, so they are shown as text. The file starts
with a byte-order mark because Excel otherwise reads UTF-8 as a legacy code page and
garbles accents and Hindi.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from auditor.results import AuditResults, CheckResult, EvidenceRow
from reports.view import check_sections

REPORT_NAME = "findings.csv"
COLUMNS = (
    "check_id",
    "category",
    "check_title",
    "band",
    "score",
    "weight",
    "display_value",
    "page",
    "selector",
    "snippet",
    "screenshot",
    "recommendation",
)
# Also the full-width forms, which spreadsheets in East Asian locales treat like the ASCII ones.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(results: AuditResults, out_dir: Path) -> Path:
    """Write `findings.csv` into `out_dir` (created if missing) and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT_NAME
    path.write_text(render_csv(results), encoding="utf-8-sig", newline="")
    return path


def render_csv(results: AuditResults) -> str:
    """The findings, costliest first, as CSV text (without the byte-order mark)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")  # RFC 4180
    writer.writerow(COLUMNS)
    for check in check_sections(results.checks).findings:
        for row in check.evidence or [EvidenceRow()]:
            writer.writerow(_row(check, row))
    return buffer.getvalue()


def _row(check: CheckResult, evidence: EvidenceRow) -> list[str]:
    score = "" if check.score is None else str(round(check.score * 100))
    cells = [
        check.id,
        check.category,
        check.title,
        check.band,
        score,
        f"{check.weight:g}",
        check.display_value,
        evidence.url,
        evidence.selector,
        evidence.snippet,
        evidence.screenshot or "",
        check.recommendation,
    ]
    return [safe_cell(cell) for cell in cells]
