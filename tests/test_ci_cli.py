"""`contact-audit ci` as a CI job runs it: exit codes, gate.json, the Markdown job summary."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.cli.ci import gate_settings
from auditor.config.settings import load_config
from auditor.demo.sitehost import serve
from auditor.errors import UsageError
from reports.json_report import validate_report
from tests.builders import write_site
from tests.conftest import free_port, run_cli


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "site"
    write_site(root, 1)
    with serve(root) as base:
        yield base, root


def test_gate_failure_then_a_baseline_of_the_latest_run(site: tuple[str, Path], tmp_path: Path) -> None:
    base, root = site
    (tmp_path / "contact-audit.toml").write_text(
        "[crawl]\ndelay = 0\nrender = false\n\n[gate]\nfail_under = 95\n\n[gate.checks]\n"
        'contact-page-exists = "error"\nunlabelled-emails = "warn"\n',
        encoding="utf-8",
    )
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {"CONTACT_AUDIT_DB": f"sqlite:///{tmp_path / 'h.sqlite'}", "GITHUB_STEP_SUMMARY": str(summary)}
    first = run_cli("ci", f"{base}/", "--out", "first", cwd=tmp_path, env=env)
    assert first.returncode == 1, first.stderr
    assert "contact-audit: gate failed: the overall score: expected >= 95" in first.stderr
    gate = load(tmp_path / "first" / "gate.json")
    assert gate["passed"] is False and gate["exit_code"] == 1
    assertions = {(a["kind"], a["target"]): a for a in gate["assertions"]}
    assert assertions["score", "overall"]["passed"] is False
    assert assertions["check", "contact-page-exists"]["passed"] is True  # passes are reported too
    assert validate_report(load(tmp_path / "first" / "report.json")) == []
    report_md = (tmp_path / "first" / "report.md").read_text(encoding="utf-8")
    assert report_md.startswith("## Contact audit gate: ❌ failed")
    assert "| ✅ | Check contact-page-exists | passes |" in report_md
    assert "## Contact audit: 127.0.0.1" in report_md  # the report's own summary follows
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## Contact audit gate: ❌ failed")  # appended, not replaced

    write_site(root, 2)  # the about page loses its footer contact link: a new finding
    second = run_cli(
        "ci",
        f"{base}/",
        "--out",
        "second",
        "--fail-under",
        "0",
        "--baseline",
        "latest",
        "--fail-on",
        "new",
        "--json",
        cwd=tmp_path,
        env=env,
    )
    assert second.returncode == 1, second.stderr
    gate = json.loads(second.stdout)
    assert gate == load(tmp_path / "second" / "gate.json")
    assert [f["where"] for f in gate["baseline"]["new"] if f["where"].startswith("/")] == ["/about/"]
    assert "The WhatsApp link 442079460958 is gone" in gate["baseline"]["summary"]
    by_target = {a["target"]: a for a in gate["assertions"] if a["kind"] == "baseline"}
    assert (by_target["new"]["level"], by_target["new"]["passed"]) == ("error", False)
    assert by_target["regressed"]["level"] == "warn"
    assert summary.read_text(encoding="utf-8").count("## Contact audit gate") == 2


def test_tool_failures_are_not_gate_failures(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    env = {"CONTACT_AUDIT_DB": f"sqlite:///{tmp_path / 'h.sqlite'}", "GITHUB_STEP_SUMMARY": str(summary)}
    done = run_cli("ci", f"http://127.0.0.1:{free_port()}/", "--out", str(tmp_path / "run"), "--delay", "0", env=env)
    assert done.returncode == 3
    gate = load(tmp_path / "run" / "gate.json")
    assert (gate["passed"], gate["exit_code"]) == (False, 3)
    assert "connection to 127.0.0.1 was refused" in gate["error"]
    assert "The audit could not run" in summary.read_text(encoding="utf-8")


def test_a_config_error_exits_2_before_any_crawl(tmp_path: Path) -> None:
    (tmp_path / "contact-audit.toml").write_text("[gate.checks]\nno-such-check = 'error'\n", encoding="utf-8")
    done = run_cli("ci", "http://127.0.0.1:9/", "--out", "run", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"contact-audit: error: config file {tmp_path / 'contact-audit.toml'}, line 2: "
        "gate.checks.no-such-check names no known check"
    )
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize(
    ("minimums", "checks", "message"),
    [
        (["speed=50"], [], "gate setting 'categories': value error, 'speed' is not a category"),
        (["clarity"], [], "--min expects CATEGORY=SCORE, e.g. clarity=70, not 'clarity'"),
        ([], ["contact-page-exists"], "--check expects CHECK=error|warn|off, not 'contact-page-exists'"),
        ([], ["contact-page-exists=fatal"], "gate setting 'checks.contact-page-exists': input should be"),
    ],
)
def test_gate_options(minimums: list[str], checks: list[str], message: str) -> None:
    with pytest.raises(UsageError, match=re.escape(message)):
        gate_settings(load_config(None), {}, minimums, checks)
    merged = gate_settings(load_config(None), {"fail_under": 60}, ["clarity=70"], ["contact-page-exists=warn"])
    assert (merged.fail_under, merged.categories, merged.checks) == (
        60,
        {"clarity": 70},
        {"contact-page-exists": "warn"},
    )


def test_a_saved_run_is_checked_again_without_a_crawl_and_audit_takes_the_same_assertions(
    site: tuple[str, Path], tmp_path: Path
) -> None:
    base, _ = site
    env = {"CONTACT_AUDIT_DB": f"sqlite:///{tmp_path / 'h.sqlite'}"}
    run = tmp_path / "run"
    # `audit` with ci's assertions: a category minimum no site reaches fails it, exit 1.
    done = run_cli(
        "audit", f"{base}/", "--out", str(run), "--delay", "0", "--no-render", "--min", "clarity=100",
        "--check", "contact-page-exists=error", env=env,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "gate failed: category clarity: expected >= 100" in done.stderr
    crawled = {p.name for p in run.iterdir()}
    # Checked again from its results.json with other assertions: nothing is fetched or stored.
    done = run_cli("ci", "--from", str(run), "--check", "contact-page-exists=error", "--json", env=env)
    assert done.returncode == 0, done.stderr
    verdict = json.loads(done.stdout)
    assert verdict["passed"] is True and verdict["site"] == f"{base}/"
    assert [a["target"] for a in verdict["assertions"]] == ["contact-page-exists"]
    assert load(run / "gate.json")["passed"] is True
    assert {p.name for p in run.iterdir()} == crawled | {"gate.json", "report.md"}  # the gate on top of report.md
    history = run_cli("history", f"{base}/", "--json", env=env)
    assert len(json.loads(history.stdout)["runs"]) == 1, history.stdout
    done = run_cli("ci", f"{base}/", "--from", str(run))
    assert done.returncode == 2 and "not both" in done.stderr
