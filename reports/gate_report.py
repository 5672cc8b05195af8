"""The CI gate's outputs: gate.json for machines, and a Markdown section for the job summary.

The section goes on top of report.md's summary, inside GitHub's 1 MiB job-summary limit:
the markdown report keeps 16 KiB free for lines like these, so the lists here are capped
well below that. Page text is escaped with the report's own Markdown escaping.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from auditor.results import Assertion, BaselineFinding, GateResult
from reports.markdown_report import md_escape

REPORT_NAME = "gate.json"
SUMMARY_ENV = "GITHUB_STEP_SUMMARY"
LISTED = 10  # findings listed per kind; the rest are counted
CLIP = 160
ICONS = {True: "✅", False: "❌"}
TARGETS = {"score": "Overall score", "category": "Category", "check": "Check", "baseline": "Baseline"}


def write_gate_json(result: GateResult, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT_NAME
    path.write_text(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _clip(text: str) -> str:
    return text if len(text) <= CLIP else text[: CLIP - 1] + "…"


def _icon(assertion: Assertion) -> str:
    if not assertion.passed and assertion.level == "warn":
        return "⚠️"
    return ICONS[assertion.passed]


def _name(assertion: Assertion) -> str:
    if assertion.kind == "score":
        return TARGETS["score"]
    if assertion.kind == "baseline":
        return f"Baseline: {assertion.target}"
    name = f"{TARGETS[assertion.kind]} {md_escape(assertion.target)}"
    return name + (" (warn)" if assertion.level == "warn" else "")


def _findings(label: str, findings: list[BaselineFinding]) -> list[str]:
    lines = [
        f"- {label} **{md_escape(_clip(f.title))}**" + (f" — {md_escape(_clip(f.where))}" if f.where else "")
        for f in findings[:LISTED]
    ]
    if len(findings) > LISTED:
        lines.append(f"- … and {len(findings) - LISTED} more")
    return lines


def render_gate_markdown(result: GateResult) -> str:
    """`## Contact audit gate: ❌ failed`, a table of every assertion, and what the baseline says."""
    verdict = "✅ passed" if result.passed else "❌ failed"
    lines = [f"## Contact audit gate: {verdict}", ""]
    if result.error:
        lines += [f"The audit could not run: {md_escape(_clip(result.error))}", ""]
        return "\n".join(lines) + "\n"
    if result.assertions:
        lines += ["| | Assertion | Expected | Actual |", "| --- | --- | --- | --- |"]
        for a in result.assertions:
            lines.append(f"| {_icon(a)} | {_name(a)} | {md_escape(a.expected)} | {md_escape(_clip(a.actual))} |")
    else:
        lines.append("No assertions configured: set `--fail-under`, `[gate]` minimums or `--baseline`.")
    baseline = result.baseline
    if baseline is not None:
        lines += ["", f"**Baseline** {md_escape(baseline.source)} (fail on: {baseline.fail_on})", ""]
        lines += [f"- {md_escape(_clip(line))}" for line in baseline.regressed[:LISTED]]
        lines += _findings("🆕", baseline.new) + _findings("✔️ fixed:", baseline.fixed)
        if not (baseline.regressed or baseline.new or baseline.fixed):
            lines.append("- No change since the baseline.")
    for warning in result.warnings[:LISTED]:
        lines += ["", f"> ⚠️ {md_escape(_clip(warning))}"]
    return "\n".join(lines) + "\n\n"


def append_step_summary(text: str) -> Path | None:
    """Add `text` to GitHub's job summary when running in GitHub Actions; the path, or None."""
    target = os.environ.get(SUMMARY_ENV)
    if not target:
        return None
    path = Path(target)
    with path.open("a", encoding="utf-8") as summary:
        summary.write(text if text.endswith("\n") else text + "\n")
    return path
