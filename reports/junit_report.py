"""report.junit.xml: one test case per check, for CI systems that show JUnit results.

A suite per category, `classname` the category id and `name` the check id (stable across
runs, unlike titles, so CI can track a check's history). A finding is a <failure>, a check
that crashed an <error>, not-applicable and informative checks are <skipped>. GitLab only
displays JUnit; the exit code of `--fail-under` is what gates.

ElementTree escapes markup, but it writes characters that XML 1.0 forbids (NUL, most
control characters, lone surrogates) as they are, so those are dropped first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

from auditor.results import PASSING, SCORED_MODES, AuditResults, CheckResult

REPORT_NAME = "report.junit.xml"
MAX_EVIDENCE_ROWS = 100  # CI pages choke on megabytes of failure text; report.html has all rows
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: object) -> str:
    """Text that XML 1.0 can carry: characters it forbids are removed."""
    return _NOT_XML.sub("", str(value))


def write_junit(results: AuditResults, out_dir: Path) -> Path:
    """Write `report.junit.xml` into `out_dir` (created if missing) and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT_NAME
    path.write_text(render_junit(results), encoding="utf-8")
    return path


def outcome(check: CheckResult) -> str:
    """passed, failure, error or skipped, as JUnit counts them."""
    if check.mode == "error":
        return "error"
    if check.mode not in SCORED_MODES or check.score is None:
        return "skipped"
    return "passed" if check.score >= PASSING else "failure"


def render_junit(results: AuditResults) -> str:
    """The JUnit XML document as a string, with its XML declaration."""
    order = [c.id for c in results.categories]
    order += sorted({c.category for c in results.checks} - set(order))
    root = _element("testsuites", name=f"contact-audit {results.site.domain}")
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for category in order:
        checks = [c for c in results.checks if c.category == category]
        if not checks:
            continue
        suite = _suite(root, category, checks, results)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", _seconds(results))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(root: ET.Element, category: str, checks: list[CheckResult], results: AuditResults) -> ET.Element:
    outcomes = [outcome(c) for c in checks]
    suite = _element(
        "testsuite",
        name=category,
        tests=len(checks),
        failures=outcomes.count("failure"),
        errors=outcomes.count("error"),
        skipped=outcomes.count("skipped"),
        timestamp=results.site.started_at,
        time=0,
    )
    root.append(suite)
    properties = ET.SubElement(suite, "properties")
    titles = {c.id: c for c in results.categories}
    score = titles[category].score if category in titles else None
    for name, value in (("site", results.site.url), ("score", "" if score is None else score)):
        properties.append(_element("property", name=name, value=value))
    for check, result in zip(checks, outcomes, strict=True):
        case = _element("testcase", classname=category, name=check.id, time=0)
        suite.append(case)
        if result == "failure":
            assert check.score is not None
            shown = f"{check.title} ({check.display_value})" if check.display_value else check.title
            message = f"score {round(check.score * 100)}/100: {shown}"
            case.append(_element("failure", message=message, type=check.mode, text=_details(check)))
        elif result == "error":
            case.append(_element("error", message=check.explanation or check.title, type="error"))
        elif result == "skipped":
            reason = "informative" if check.mode == "informative" else "not applicable"
            message = f"{reason}: {check.explanation}" if check.explanation else reason
            case.append(_element("skipped", message=message))
    return suite


def _details(check: CheckResult) -> str:
    """The failure's body: what was found, where, and how to fix it, as plain text."""
    lines = [check.title]
    if check.explanation:
        lines.append(check.explanation)
    if check.recommendation:
        lines.append(f"How to fix: {check.recommendation}")
    for row in check.evidence[:MAX_EVIDENCE_ROWS]:
        lines.append("- " + " | ".join(part for part in (row.url, row.selector, row.snippet) if part))
    if len(check.evidence) > MAX_EVIDENCE_ROWS:
        lines.append(f"... and {len(check.evidence) - MAX_EVIDENCE_ROWS} more evidence rows in report.html")
    return "\n".join(lines)


def _element(tag: str, text: str | None = None, **attributes: object) -> ET.Element:
    element = ET.Element(tag, {key: xml_text(value) for key, value in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _seconds(results: AuditResults) -> str:
    try:
        started = datetime.fromisoformat(results.site.started_at)
        finished = datetime.fromisoformat(results.site.finished_at or "")
    except ValueError:
        return "0"
    return f"{max((finished - started).total_seconds(), 0):.3f}"
