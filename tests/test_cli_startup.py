"""`contact-audit --help` and usage errors answer at once: they load no crawler, browser,
database, parser or template engine."""

from pathlib import Path

import pytest

from tests.conftest import run_cli

HEAVY = {"scrapy", "playwright", "sqlalchemy", "phonenumbers", "bs4", "lxml", "jinja2"}


def imported_packages(stderr: str) -> set[str]:
    """The top-level packages Python reported importing (`PYTHONPROFILEIMPORTTIME`)."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            names.add(name.split(".")[0])
    return names


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip() and not line.startswith("import time:")]


def run_profiled(*args: str) -> tuple[int, str, set[str]]:
    done = run_cli(*args, env={"PYTHONPROFILEIMPORTTIME": "1"})
    return done.returncode, done.stdout + "\n".join(error_lines(done.stderr)), imported_packages(done.stderr)


def test_the_profile_sees_imports() -> None:
    # The other tests would pass vacuously if the import profile were not read.
    _, _, packages = run_profiled("--version")
    assert {"auditor", "typer"} <= packages


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        [],
        ["audit", "--help"],
        ["report", "--help"],
        ["demo", "--help"],
        ["ci", "--help"],
        ["diff", "--help"],
        ["history", "--help"],
        ["scan", "--help"],
        ["schedule", "install", "--help"],
        ["probe", "--help"],
        ["probe", "send", "--help"],
    ],
    ids=lambda args: " ".join(args) or "no arguments",
)
def test_help_loads_nothing_heavy(args: list[str]) -> None:
    code, output, packages = run_profiled(*args)
    assert code == (0 if args else 2), output  # without arguments the help is a usage error
    assert "Usage:" in output
    assert not packages & HEAVY, sorted(packages & HEAVY)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["audit", "ftp://example.com/"], "'ftp://example.com/' is not a web address"),
        (["audit", "http://"], "'http://' has no host name"),
        (["audit", "https://example.com/", "--format", "docx"], "unknown report format 'docx'"),
        (["audit", "https://example.com/", "--fail-under", "120"], "--fail-under must be between 0 and 100"),
        (["audit", "https://example.com/", "--no-such-option"], "No such option: --no-such-option"),
        (["diff", "no-such-run-a", "no-such-run-b"], "'no-such-run-a' is neither a run directory"),
        (["probe", "plan"], "Missing argument 'RUN_DIR'"),
        (["audit", "https://example.com/", "--quiet", "--verbose"], "--quiet and --verbose contradict each other"),
    ],
)
def test_usage_errors_load_nothing_heavy(args: list[str], message: str, tmp_path: Path) -> None:
    if args[0] == "audit":
        args = [*args, "--out", str(tmp_path / "run")]
    code, output, packages = run_profiled(*args)
    assert code == 2, output
    assert message in output
    assert not packages & HEAVY, sorted(packages & HEAVY)


def test_a_bad_address_leaves_no_run_directory(tmp_path: Path) -> None:
    done = run_cli("audit", "example.com", "--out", str(tmp_path / "run"), "--quiet")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "contact-audit: error: 'example.com' is not a web address: it must start with http:// or https://"
    )
    assert not (tmp_path / "run").exists()
