"""The ready-made CI examples parse, and the commands in them are ones `contact-audit ci` accepts."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from auditor.cli.main import app
from reports.junit_report import REPORT_NAME as JUNIT_NAME

EXAMPLES = Path(__file__).parent.parent / "examples"


def load(name: str) -> Any:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


def ci_options() -> set[str]:
    """Every option of `contact-audit ci`, read from its --help."""
    help_text = CliRunner().invoke(app, ["ci", "--help"], terminal_width=200).output
    return {word.rstrip(",") for word in help_text.split() if word.startswith("--")}


def check_command(command: str) -> None:
    words = shlex.split(command.replace('"$SITE_URL"', "https://staging.example.com/"))
    assert words[:3] == ["contact-audit", "ci", "https://staging.example.com/"], words
    known = ci_options()
    assert {w for w in words if w.startswith("--")} <= known
    assert "--baseline" in words and "--fail-under" in words


def test_github_actions_workflow() -> None:
    workflow = load("github-actions.yml")
    job = workflow["jobs"]["contact-audit"]
    assert job["container"].startswith("python:3.11-bookworm")
    steps = job["steps"]
    (gate,) = [s for s in steps if s.get("name") == "Audit and gate"]
    check_command(gate["run"])
    assert job["env"]["CONTACT_AUDIT_DB"].startswith("sqlite:///")
    uploads = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert uploads and uploads[0]["if"] == "always()"
    assert any("apt-get install -y -qq chromium" in str(s.get("run", "")) for s in steps)
    assert set(workflow[True]) == {"push", "pull_request", "schedule"}  # YAML 1.1 reads `on` as true


def test_gitlab_ci_job() -> None:
    job = load("gitlab-ci.yml")["contact-audit"]
    (command,) = job["script"]
    check_command(command)
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"]["junit"] == f"contact-audit-report/{JUNIT_NAME}"
    assert ".contact-audit/" in job["cache"]["paths"]


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_examples_have_no_tabs_or_secrets(name: str) -> None:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert "\t" not in text and "password" not in text.lower()
