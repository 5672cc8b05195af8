"""report.junit.xml: one test case per check, valid XML whatever the pages said."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from reports.junit_report import render_junit, write_junit
from tests.builders import FOOTER_FIX, sample_results
from tests.reports.hostile import CDATA_END, FORMULA, SCRIPT, hostile_results


def cases(root: ET.Element) -> dict[str, ET.Element]:
    return {case.get("name", ""): case for case in root.iter("testcase")}


def test_one_test_case_per_check(tmp_path: Path) -> None:
    results = sample_results()
    path = write_junit(results, tmp_path)
    assert path.name == "report.junit.xml"
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    found = cases(root)
    assert sorted(found) == sorted(c.id for c in results.checks)
    assert len(list(root.iter("testcase"))) == len(results.checks)
    for check in results.checks:
        assert found[check.id].get("classname") == check.category


def test_outcomes_and_counts() -> None:
    root = ET.fromstring(render_junit(sample_results()))
    found = cases(root)
    failure = found["contact-link-in-footer"].find("failure")
    assert failure is not None
    assert failure.get("message") == "score 50/100: Some pages have no contact link in their footer (4 of 8 pages)"
    assert FOOTER_FIX in (failure.text or "")
    assert found["reply-time-promised"].find("failure") is not None
    assert list(found["contact-page-exists"]) == []  # passed: no child element
    error = found["chat-launcher-visible"].find("error")
    assert error is not None and "KeyError: 'mobile'" in (error.get("message") or "")
    skipped = found["probe-reply-time"].find("skipped")
    assert skipped is not None and skipped.get("message") == "not applicable: No probe was sent in this run."
    assert found["channel-inventory"].find("skipped") is not None  # informative
    totals = {key: root.get(key) for key in ("tests", "failures", "errors", "skipped")}
    assert totals == {"tests": "9", "failures": "3", "errors": "1", "skipped": "2"}
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert list(suites) == ["findability", "coverage", "clarity", "responsiveness", "human-touch"]
    assert suites["clarity"].get("failures") == "2"


def test_hostile_text_is_escaped_and_the_xml_stays_valid() -> None:
    text = render_junit(hostile_results())
    assert "<script" not in text
    assert "&lt;script&gt;" in text
    root = ET.fromstring(text)  # raises on control characters or broken markup
    failure = cases(root)["hostile-footer"].find("failure")
    assert failure is not None
    assert FORMULA in (failure.get("message") or "")
    body = failure.text or ""
    assert SCRIPT in body and CDATA_END in body  # read back exactly as the page had it
    assert "bell nul esc end" in body  # characters XML cannot carry are dropped, the rest kept
