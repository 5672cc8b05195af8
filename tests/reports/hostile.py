"""Results whose page text tries to break out of every report format."""

from __future__ import annotations

from auditor.results import AuditResults, CheckResult, EvidenceRow
from tests.builders import sample_results

SCRIPT = "<script>alert('x')</script>"
FORMULA = "=cmd|' /C calc'!A0"
CDATA_END = "]]> <!-- -->"
MARKDOWN = "| `rm -rf` | [click](javascript:alert(1)) **bold** @everyone #1"
CONTROL = "bell\x07 nul\x00 esc\x1b end"
HOSTILE_TITLE = "Footer lacks <b>contact</b> | link"


def hostile_check(rows: int = 4) -> CheckResult:
    """A failing check whose every field comes from a hostile page."""
    payloads = [SCRIPT, FORMULA, CDATA_END, MARKDOWN, CONTROL, "@SUM(1+1)", "+41 44 123 45 67", "-2+3"]
    evidence = [
        EvidenceRow(
            url=f"https://www.velo-werk.example/p{i}/?q={payloads[i % len(payloads)]}",
            selector=f"footer > a[href='{payloads[(i + 1) % len(payloads)]}']",
            snippet=payloads[i % len(payloads)] + "\nsecond line, with a comma",
        )
        for i in range(rows)
    ]
    return CheckResult(
        id="hostile-footer",
        category="findability",
        title=HOSTILE_TITLE,
        score=0.0,
        mode="binary",
        weight=2,
        display_value=FORMULA,
        explanation=f"{SCRIPT} {CDATA_END}",
        recommendation=MARKDOWN,
        evidence=evidence,
    )


def hostile_results(rows: int = 4) -> AuditResults:
    results = sample_results()
    checks = [*results.checks, hostile_check(rows)]
    site = results.site.model_copy(update={"domain": "velo-werk.example"})
    return results.model_copy(update={"checks": checks, "site": site, "warnings": [*results.warnings, SCRIPT]})
