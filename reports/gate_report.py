"""The CI gate's outputs: gate.json for machines, and a Markdown section for the job summary.

The section goes on top of report.md's summary, inside GitHub's 1 MiB job-summary limit:
the markdown report keeps 16 KiB free for lines like these, so the lists here are capped
well below that. Page text is escaped with the report's own Markdown escaping.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from auditor.results import Assertion, BaselineFinding, GateResult, SiteGate
from reports.markdown_report import md_escape

REPORT_NAME = "gate.json"
SUMMARY_ENV = "GITHUB_STEP_SUMMARY"
LISTED = 10  # findings listed per kind; the rest are counted
CLIP = 160
ICONS = {True: "✅", False: "❌"}
TARGETS = {
    "score": "Overall score",
    "category": "Category",
    "check": "Check",
    "findings": "Findings",
    "baseline": "Baseline",
}


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
    if assertion.kind == "findings":
        return f"Findings: {assertion.target}"
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


def _pages(site: SiteGate) -> list[str]:
    """The named pages that were not reached or carry findings; the rest are counted."""
    shown = [p for p in site.pages if not p.crawled or p.findings]
    lines = [
        f"- {md_escape(_clip(p.url))}: "
        + (", ".join(md_escape(f) for f in p.findings) if p.crawled else "not reached by the crawl")
        for p in shown[:LISTED]
    ]
    if len(shown) > LISTED:
        lines.append(f"- … and {len(shown) - LISTED} more")
    clean = len(site.pages) - len(shown)
    if clean:
        lines.append(f"- {clean} of the {len(site.pages)} named pages were crawled with no finding on them")
    return ["", "**Pages**", "", *lines]


def _site_body(site: SiteGate) -> list[str]:
    if site.error:
        return [f"The audit could not run: {md_escape(_clip(site.error))}", ""]
    lines = []
    if site.assertions:
        lines += ["| | Assertion | Expected | Actual |", "| --- | --- | --- | --- |"]
        for a in site.assertions:
            lines.append(f"| {_icon(a)} | {_name(a)} | {md_escape(a.expected)} | {md_escape(_clip(a.actual))} |")
    else:
        lines.append("No assertions configured: set `--fail-under`, `--preset`, `[gate]` minimums or `--baseline`.")
    baseline = site.baseline
    if baseline is not None:
        lines += ["", f"**Baseline** {md_escape(baseline.source)} (fail on: {baseline.fail_on})", ""]
        lines += [f"- {md_escape(_clip(line))}" for line in baseline.regressed[:LISTED]]
        lines += _findings("🆕", baseline.new) + _findings("✔️ fixed:", baseline.fixed)
        if not (baseline.regressed or baseline.new or baseline.fixed):
            lines.append("- No change since the baseline.")
    if site.pages:
        lines += _pages(site)
    for warning in site.warnings[:LISTED]:
        lines += ["", f"> ⚠️ {md_escape(_clip(warning))}"]
    return lines


def render_gate_markdown(result: SiteGate) -> str:
    """`## Contact audit gate: ❌ failed`, a table of every assertion, and what the baseline says;
    with several sites, a line per site and then each site's section."""
    verdict = "✅ passed" if result.passed else "❌ failed"
    sites = result.sites if isinstance(result, GateResult) else []
    if len(sites) <= 1:
        return "\n".join([f"## Contact audit gate: {verdict}", "", *_site_body(result)]).rstrip("\n") + "\n\n"
    failed = sum(1 for s in sites if not s.passed)
    lines = [f"## Contact audit gate: {verdict} ({failed} of {len(sites)} sites failed)", ""]
    lines += ["| | Site | Score | Failed |", "| --- | --- | --- | --- |"]
    for site in sites:
        score = "–" if site.score is None else str(site.score)
        why = "could not be audited" if site.error else ", ".join(_name(a) for a in site.failures) or "–"
        lines.append(f"| {ICONS[site.passed]} | {md_escape(_clip(site.site))} | {score} | {md_escape(_clip(why))} |")
    for site in sites:
        lines += ["", f"### {ICONS[site.passed]} {md_escape(_clip(site.site))}", "", *_site_body(site)]
    return "\n".join(lines).rstrip("\n") + "\n\n"


def append_step_summary(text: str) -> Path | None:
    """Add `text` to GitHub's job summary when running in GitHub Actions; the path, or None."""
    target = os.environ.get(SUMMARY_ENV)
    if not target:
        return None
    path = Path(target)
    with path.open("a", encoding="utf-8") as summary:
        summary.write(text if text.endswith("\n") else text + "\n")
    return path
