"""findings.csv: one row per evidence row, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from pathlib import Path

from reports.csv_report import safe_cell, write_csv
from tests.builders import sample_results
from tests.reports.hostile import FORMULA, MARKDOWN, SCRIPT, hostile_results


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_one_row_per_evidence_row_or_per_finding(tmp_path: Path) -> None:
    path = write_csv(sample_results(), tmp_path)
    assert path.name == "findings.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    rows = read(path)
    assert [r["check_id"] for r in rows] == [
        "contact-link-in-footer",
        "contact-link-in-footer",
        "reply-time-promised",
        "unlabelled-emails",
    ]
    footer = rows[0]
    assert footer["page"] == "https://www.velo-werk.example/werkstatt/"
    assert footer["snippet"] == "<img src=x onerror=alert(2)>"
    assert (footer["band"], footer["score"], footer["weight"]) == ("average", "50", "3")
    assert rows[2]["page"] == "" and rows[2]["recommendation"].startswith("Say when customers")
    assert list(rows[0]) == [
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
    ]


def test_hostile_cells_round_trip_and_never_run_as_formulas(tmp_path: Path) -> None:
    rows = [r for r in read(write_csv(hostile_results(), tmp_path)) if r["check_id"] == "hostile-footer"]
    assert len(rows) == 4
    for row in rows:
        assert not any(value.startswith(("=", "+", "-", "@")) for value in row.values()), row
    assert rows[0]["display_value"] == "'" + FORMULA
    assert rows[0]["snippet"] == SCRIPT + "\nsecond line, with a comma"  # newline and comma survive quoting
    assert rows[1]["snippet"] == "'" + FORMULA + "\nsecond line, with a comma"
    assert rows[3]["snippet"].startswith(MARKDOWN)
    assert rows[0]["recommendation"] == MARKDOWN


def test_safe_cell() -> None:
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("+41 44 123 45 67") == "'+41 44 123 45 67"
    assert safe_cell("\t=1") == "'\t=1"
    assert safe_cell("＝1+1") == "'＝1+1"
    assert safe_cell("a=b") == "a=b"
    assert safe_cell(None) == ""
