"""report.md: the CI job summary, escaped and under GitHub's 1 MiB limit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.results import EvidenceRow
from reports.markdown_report import md_escape, render_markdown, write_markdown
from reports.options import ReportOptions
from tests.builders import FOOTER_FIX, FOOTER_TITLE, LABEL_TITLE, PROMISE_TITLE, sample_results
from tests.reports.hostile import HOSTILE_TITLE, hostile_check, hostile_results

# GitHub refuses a job summary ($GITHUB_STEP_SUMMARY) over 1 MiB.
GITHUB_SUMMARY_LIMIT = 1024 * 1024


def test_summary_has_score_categories_findings_and_channels(tmp_path: Path) -> None:
    path = write_markdown(sample_results(), tmp_path)
    text = path.read_text(encoding="utf-8")
    assert path.name == "report.md"
    assert text.startswith("## Contact audit: velo-werk.example\n")
    assert "**Contact score: 72/100** 🟠 average" in text
    assert "| Clarity | 40 | 🔴 fail |" in text
    assert "| Human touch (provisional) | – | ⚪ not scored |" in text
    # Findings by impact, each with its recommendation.
    titles = re.findall(r"^\d+\. \S+ \S+ \*\*(.+?)\*\*", text, flags=re.MULTILINE)
    assert titles == [FOOTER_TITLE, PROMISE_TITLE, LABEL_TITLE]
    assert FOOTER_FIX in text
    assert "| Email addresses | 2 |" in text and "| Chat widgets | 1 |" in text
    assert "The chat launcher is visible on phones" in text  # the check that could not run


def test_page_text_cannot_make_markup() -> None:
    text = render_markdown(hostile_results())
    assert "<script" not in text and "<b>" not in text and "<!--" not in text
    assert "&lt;script&gt;" in text
    assert md_escape(HOSTILE_TITLE) in text
    # A table cell border, a code span, a link, emphasis, a mention or an issue reference
    # would change what a reader sees or who gets notified.
    for raw in ("| `rm", "[click](javascript", "**bold**", " @everyone", " #1"):
        assert raw not in text, raw
    assert "\\| \\`rm -rf\\` \\| \\[click\\]\\(javascript:alert\\(1\\)\\) \\*\\*bold\\*\\* \\@everyone \\#1" in text
    assert "\x00" not in text and "\x1b" not in text


def test_every_table_row_keeps_its_columns() -> None:
    results = hostile_results()
    category = results.categories[0].model_copy(update={"title": "Find | ability"})
    results = results.model_copy(update={"categories": [category, *results.categories[1:]]})
    rows = [line for line in render_markdown(results).splitlines() if line.startswith("| ")]
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) in (3, 4), row


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("1. first", "1\\. first"),
        ("- item", "\\- item"),
        ("127.0.0.1", "127.0.0.1"),
        ("a\nb\r\nc", "a b c"),
        ("x & <y>", "x &amp; &lt;y&gt;"),
        ("C:\\path", "C:\\\\path"),
    ],
)
def test_md_escape(value: str, escaped: str) -> None:
    assert md_escape(value) == escaped


def test_ten_thousand_evidence_rows_stay_under_a_mebibyte() -> None:
    results = hostile_results(rows=10_000)
    text = render_markdown(results)
    assert len(text.encode("utf-8")) < GITHUB_SUMMARY_LIMIT
    assert "… and 9,995 more evidence rows in report.html" in text


def test_huge_page_text_is_clipped_and_the_summary_says_it_was_cut() -> None:
    giant = "x" * 200_000
    rows = [EvidenceRow(url=f"https://a.example/{giant}", snippet=giant)] * 20
    check = hostile_check().model_copy(update={"title": giant, "explanation": giant, "evidence": rows})
    checks = [check.model_copy(update={"id": f"c{index}"}) for index in range(40)]
    results = sample_results().model_copy(update={"checks": checks, "warnings": [giant] * 50})
    text = render_markdown(results)
    assert len(text.encode("utf-8")) < GITHUB_SUMMARY_LIMIT
    assert "30 more findings in report.html." in text
    assert "report.html has everything" in text
    assert max(len(line) for line in text.splitlines()) < 2_000


def test_all_clear_when_nothing_fails() -> None:
    results = sample_results()
    passing = [c.model_copy(update={"score": 1.0}) if c.mode in ("binary", "numeric") else c for c in results.checks]
    text = render_markdown(results.model_copy(update={"checks": passing}))
    assert "🟢 Every scored check passed." in text
    assert "### Findings\n" in text


def test_branding_is_escaped_too() -> None:
    text = render_markdown(sample_results(), ReportOptions(client="<i>Velo</i>", auditor="A|B"))
    assert "Client: **&lt;i&gt;Velo&lt;/i&gt;** · Auditor: **A\\|B**" in text


def test_hindi_summary() -> None:
    text = render_markdown(sample_results(), ReportOptions(lang="hi"))
    assert "**संपर्क स्कोर: 72/100** 🟠 औसत" in text
    assert "### पाई गई कमियाँ (3 में से 3)" in text
    assert "| स्पष्टता | 40 | 🔴 कमज़ोर |" in text
    assert "कुछ पेजों के फ़ुटर में संपर्क का लिंक नहीं है" in text and FOOTER_TITLE not in text
    assert PROMISE_TITLE in text  # not a shipped check: its words stay as written
    assert "4 मार्च 2025" in text


def test_a_summary_that_cannot_shrink_enough_is_cut_at_a_line() -> None:
    results = sample_results()
    many = [results.categories[0].model_copy(update={"id": f"c{i}", "title": "x" * 50}) for i in range(30_000)]
    text = render_markdown(results.model_copy(update={"categories": many}))
    assert len(text.encode("utf-8")) < GITHUB_SUMMARY_LIMIT
    assert text.endswith("report.html has everything.\n")
    assert text.splitlines()[-3].startswith("| xxxx")  # a whole table row before the note
