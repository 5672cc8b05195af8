"""The command line as a user meets it: help that names values, shell completion, --verbose
against --quiet, progress on a terminal and in a pipe, and the options every command shares."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli.main import app
from auditor.demo.sitehost import serve
from tests.builders import write_site
from tests.conftest import ROOT, run_cli
from tests.test_cli import assert_one_sentence

COMMANDS = [
    [],
    ["audit"],
    ["report"],
    ["demo"],
    ["eval"],
    ["history"],
    ["diff"],
    ["ci"],
    ["scan"],
    ["batch"],
    ["worker"],
    ["probe"],
    ["probe", "plan"],
    ["probe", "send"],
    ["probe", "collect"],
    ["probe", "status"],
    ["schedule"],
    ["schedule", "install"],
    ["schedule", "list"],
    ["schedule", "remove"],
]


def help_of(*command: str) -> str:
    done = CliRunner().invoke(app, [*command, "--help"], prog_name="contact-audit")
    assert done.exit_code == 0, done.output
    return done.output


def words(text: str) -> str:
    """The help with its wrapping undone, so that a phrase split over two lines is found."""
    return " ".join(text.split())


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "contact-audit")
def test_help_names_values_not_python_types(command: list[str]) -> None:
    text = help_of(*command)
    assert not re.search(r"<(str|int|float|bool|path|list|dir|file|text)\b", text), text
    assert "[default:" not in text and "[required]" not in text and "x>=" not in text, text
    assert " {" not in text.splitlines()[0], text  # no `{url}` in the usage line
    listed = text.split("Commands:", 1)[1] if "Commands:" in text else ""
    assert "..." not in listed, text  # every command's first sentence, whole


@pytest.mark.parametrize(
    "command",
    COMMANDS,
    ids=lambda c: " ".join(c) or "contact-audit",
)
def test_help_says_every_default_one_way(command: list[str]) -> None:
    text = words(help_of(*command))
    assert not re.search(r"\(default(?!: )", text), text


SHOWN = [
    (
        ["audit"],
        [
            "Usage: contact-audit audit [OPTIONS] URL",
            "URL The site to audit",
            "-o, --out DIR",
            "--max-pages N",
            "--delay SECONDS",
            "--time-budget SECONDS",
            "-f, --format FORMATS",
            "--fail-under SCORE",
            "--min CATEGORY=SCORE",
            "--check CHECK=LEVEL",
            "--auth USER:PASSWORD",
            "--header NAME:VALUE",
            "--cookie NAME=VALUE",
            "-c, --config FILE",
            "--lang LANG",
            "--keep N",
            "-v, --verbose",
            "(default: contact-audit-report)",
            "Pages to crawl at most (default: 50).",
            "history (at least 1).",
        ],
    ),
    (
        ["ci"],
        [
            "Usage: contact-audit ci [OPTIONS] [URL]",
            "--from RUN_DIR",
            "--baseline RUN",
            "--fail-on [new|regressed|any]",
            "--noise POINTS",
            "--min CATEGORY=SCORE",
            "json is always written (default: html,md).",
        ],
    ),
    (["report"], ["Usage: contact-audit report [OPTIONS] RUN_DIR", "-o, --out DIR", "--json"]),
    (["demo"], ["-f, --format FORMATS", "(default: all)", "-v, --verbose"]),
    (["scan"], ["Usage: contact-audit scan [OPTIONS] PORTFOLIO", "-c, --config FILE", "-v, --verbose"]),
    (["batch"], ["Usage: contact-audit batch [OPTIONS] FILE", "--concurrency N", "(1 to 64; default: 4)"]),
    (["diff"], ["Usage: contact-audit diff [OPTIONS] RUN_A RUN_B", "(0 to 100; default: 5)"]),
    (["history"], ["Usage: contact-audit history [OPTIONS] [SITE]", "-n, --limit N"]),
    (["eval"], ["[CORPUS]", "(default: tests/corpus)", "(default: --baselines)"]),
    (["probe", "collect"], ["--wait SECONDS"]),
    (["schedule", "install"], ["--at WHEN", "--using [auto|cron|systemd]", "(default: monthly)"]),
    ([], ["--install-completion", "--show-completion"]),
]


@pytest.mark.parametrize(("command", "shown"), SHOWN, ids=[" ".join(c) or "contact-audit" for c, _ in SHOWN])
def test_help_shows_what_each_value_is(command: list[str], shown: list[str]) -> None:
    text = words(help_of(*command))
    for phrase in shown:
        assert phrase in text, (phrase, text)


def test_usage_errors_name_the_argument_as_help_does() -> None:
    done = run_cli("audit")
    assert done.returncode == 2
    assert "Missing argument 'URL'" in done.stderr
    assert done.stderr.startswith("Usage: contact-audit audit [OPTIONS] URL")  # also under `python -m auditor`


def test_shell_completion() -> None:
    def complete(line: str) -> list[str]:
        words = line.split(" ")
        env = {"_CONTACT_AUDIT_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
        done = run_cli(env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert complete("contact-audit au") == ["audit"]
    assert complete("contact-audit sch") == ["schedule"]
    assert complete("contact-audit ci --fail-on ") == ["new", "regressed", "any"]
    assert "--verbose" in complete("contact-audit audit --ver")
    # The script a user installs (the shell given, as when it cannot be detected).
    done = run_cli("--show-completion", "bash", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert done.returncode == 0, done.stderr
    assert "complete -o default -F _contact_audit_completion contact-audit" in done.stdout
    assert "_CONTACT_AUDIT_COMPLETE=complete_bash" in done.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["audit", "https://example.com/", "--out", "RUN", "--quiet", "--verbose"],
        ["audit", "https://example.com/", "--out", "RUN", "-v", "-q"],
        ["demo", "--out", "RUN", "--verbose", "--quiet"],
        ["scan", "RUN/portfolio.toml", "-q", "-v"],
        ["ci", "https://example.com/", "--verbose", "--quiet"],
    ],
    ids=" ".join,
)
def test_verbose_and_quiet_together_are_refused(args: list[str], tmp_path: Path) -> None:
    run = tmp_path / "run"
    done = run_cli(*(arg.replace("RUN", str(run)) for arg in args))
    assert done.returncode == 2
    assert_one_sentence(done.stderr, "--quiet and --verbose contradict each other; give one of them")
    assert not run.exists()  # refused before any work


def whole_lines(stderr: str) -> list[str]:
    lines = stderr.splitlines()
    assert "…" not in stderr
    return lines


@pytest.mark.slow  # prints the PDF in Chromium
def test_verbose_in_a_pipe_prints_every_page_and_step_whole(sites: str, tmp_path: Path) -> None:
    done = run_cli(
        "audit", f"{sites}/bare/", "--out", str(tmp_path), "--no-render", "--delay", "0", "--no-history",
        "--max-pages", "7", "--ignore-robots-txt", "--format", "html,json,pdf", "--verbose",
        env={"COLUMNS": "40"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = whole_lines(done.stderr)
    pages = [line for line in lines if " of 7 pages, 0 rendered, " in line]
    assert len(pages) >= 2, done.stderr
    assert re.fullmatch(rf"1 of 7 pages, 0 rendered, {re.escape(sites)}/bare/, \d+:\d\d elapsed", pages[0])
    assert all(len(line) > 40 for line in pages)  # whole, whatever COLUMNS says
    assert "Judging 2 pages" in lines
    assert "Printing report.pdf in Chromium" in lines
    assert "Crawled 2 pages, 0 rendered in Chromium." in lines
    # The run's warnings, as the report has them, in one line each.
    assert any(line.startswith("contact-audit: warning: robots.txt was not obeyed") for line in lines), done.stderr
    assert done.stdout.startswith("Score: ")


def test_without_verbose_a_pipe_gets_no_progress_lines(sites: str, tmp_path: Path) -> None:
    done = run_cli(
        "audit", f"{sites}/bare/", "--out", str(tmp_path), "--no-render", "--delay", "0", "--no-history",
        "--ignore-robots-txt",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert " of 50 pages" not in done.stderr and "Judging" not in done.stderr
    assert "robots.txt was not obeyed" not in done.stderr
    assert "Crawled 2 pages, 0 rendered in Chromium." in done.stderr


def test_progress_on_a_terminal(sites: str, tmp_path: Path) -> None:
    controller, terminal = pty.openpty()
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "TERM": "xterm", "COLUMNS": "200"}
    command = [sys.executable, "-m", "auditor", "audit", f"{sites}/bare/", "--out", str(tmp_path)]
    command += ["--no-render", "--delay", "0.5", "--no-history"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=terminal, cwd=ROOT, env=env, text=True)
    os.close(terminal)
    seen: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the child closed the terminal
                return
            if not chunk:
                return
            seen.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    stdout, _ = child.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(controller)
    shown = b"".join(seen).decode("utf-8", "replace")
    assert child.returncode == 0, shown
    assert re.search(rf"1 of 50 pages, 0 rendered, {re.escape(sites)}/bare/, 0:0\d elapsed", shown), shown
    assert f"2 of 50 pages, 0 rendered, {sites}/bare/about.html" in shown, shown
    assert "Judging 2 pages" in shown
    assert "Crawled 2 pages, 0 rendered in Chromium." in shown
    assert stdout.startswith("Score: ")


def test_report_writes_another_language_beside_the_run(sites: str, tmp_path: Path) -> None:
    run = tmp_path / "run"
    done = run_cli("audit", f"{sites}/bare/", "--out", str(run), "--no-render", "--delay", "0", "--no-history", "-q")
    assert done.returncode == 0, done.stderr
    (run / "screenshots").mkdir()
    (run / "screenshots" / "chat-desktop.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    english = (run / "report.html").read_bytes()

    done = run_cli("report", str(run), "--lang", "hi", "--out", str(run / "hi"), "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["run_dir"] == str(run)
    assert summary["report"] == str(run / "hi" / "report.html")
    assert summary["written"] == [str(run / "hi" / "report.html"), str(run / "hi" / "report.json")]
    assert isinstance(summary["score"], int) and summary["partial"] is False
    assert '<html lang="hi">' in (run / "hi" / "report.html").read_text(encoding="utf-8")
    assert (run / "hi" / "screenshots" / "chat-desktop.png").is_file()  # linked as screenshots/... by the report
    assert (run / "report.html").read_bytes() == english  # the run's own reports stay as they were

    done = run_cli("report", str(run), "--format", "md", "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["run_dir"] == str(run) and summary["written"] == [str(run / "report.md")]
    done = run_cli("report", str(run), "--format", "md")
    assert done.stdout.strip() == f"Wrote {run / 'report.md'}"


@pytest.mark.slow
def test_demo_writes_only_the_formats_asked(tmp_path: Path) -> None:
    done = run_cli("demo", "--format", "json,md", "--out", str(tmp_path), "--quiet")
    assert done.returncode == 0, done.stderr
    written = {p.name for p in tmp_path.iterdir()}
    assert {"report.json", "report.md"} <= written
    assert not {"report.html", "report.pdf", "findings.csv"} & written
    done = run_cli("demo", "--format", "docx", "--out", str(tmp_path / "again"))
    assert done.returncode == 2
    assert_one_sentence(done.stderr, "unknown report format 'docx'")


def test_scan_takes_a_config_and_says_more_with_verbose(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write_site(root, 1)
    config = tmp_path / "one-page.toml"
    config.write_text("[crawl]\nmax_pages = 1\n", encoding="utf-8")
    env = {"CONTACT_AUDIT_DB": f"sqlite:///{tmp_path / 'h.sqlite'}"}
    with serve(root) as base:
        portfolio = tmp_path / "clients.toml"
        portfolio.write_text(
            f'[portfolio]\nout = "scans"\n\n[[sites]]\nname = "Velo"\nurl = "{base}/"\ndelay = 0\nrender = false\n',
            encoding="utf-8",
        )
        done = run_cli("scan", str(portfolio), "--config", str(config), "--verbose", env=env)
        assert done.returncode == 0, done.stderr
        state = json.loads((tmp_path / "scans" / "scan-state.json").read_text(encoding="utf-8"))
        run_dir = Path(state["sites"]["Velo"]["run_dir"])
        artifacts = json.loads((run_dir / "artifacts.json").read_text(encoding="utf-8"))
        assert len(artifacts["pages"]) == 1  # max_pages from --config
        score = state["sites"]["Velo"]["score"]
        assert f"Velo: done, score {score} ({run_dir})" in done.stderr.splitlines()

        done = run_cli("scan", str(portfolio), "--config", str(tmp_path / "missing.toml"), env=env)
        assert done.returncode == 2
        assert_one_sentence(done.stderr, f"the config file {tmp_path / 'missing.toml'} does not exist")
