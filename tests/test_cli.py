"""The command as a user runs it: exit codes and one clear sentence per error."""

import json
from pathlib import Path

import pytest

from reports.json_report import validate_report
from tests.conftest import free_port, run_cli


def assert_one_sentence(stderr: str, *fragments: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in lines[0], stderr


def test_version() -> None:
    done = run_cli("--version")
    assert done.returncode == 0
    assert done.stdout.startswith("contact-audit 0.")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("example.com", "is not a web address"),
        ("ftp://example.com/", "is not a web address"),
        ("http://", "has no host name"),
        ("http://127.0.0.1:99999/", "has an invalid port"),
    ],
)
def test_invalid_url_is_a_usage_error(tmp_path: Path, url: str, message: str) -> None:
    done = run_cli("audit", url, "--out", str(tmp_path), "--quiet")
    assert done.returncode == 2
    assert_one_sentence(done.stderr, message)


def test_unreachable_site(tmp_path: Path) -> None:
    port = free_port()
    done = run_cli("audit", f"http://127.0.0.1:{port}/", "--out", str(tmp_path), "--quiet")
    assert done.returncode == 3
    assert_one_sentence(done.stderr, "could not be audited", "connection to 127.0.0.1 was refused")
    # Refused before any crawler or browser started: no crawl log, and the failure is kept.
    assert not (tmp_path / "crawl.log").exists()
    saved = json.loads((tmp_path / "artifacts.json").read_text(encoding="utf-8"))
    assert saved["site"]["partial"] is True
    assert "was refused" in saved["warnings"][0]


def test_redirect_to_another_site_is_not_followed(sites: str, tmp_path: Path) -> None:
    done = run_cli("audit", f"{sites}/offsite/", "--out", str(tmp_path), "--quiet", "--delay", "0")
    assert done.returncode == 3
    assert_one_sentence(done.stderr, "redirects to http://localhost:", "which is another site")
    saved = json.loads((tmp_path / "artifacts.json").read_text(encoding="utf-8"))
    assert saved["site"]["partial"] is True
    assert saved["pages"] == []
    assert "which is another site" in saved["warnings"][0]


def test_home_page_error_status(sites: str, tmp_path: Path) -> None:
    done = run_cli("audit", f"{sites}/no-such-site/", "--out", str(tmp_path), "--quiet", "--delay", "0")
    assert done.returncode == 3
    assert_one_sentence(done.stderr, "answered HTTP 404")


def test_score_below_fail_under_exits_1_and_still_writes_reports(sites: str, tmp_path: Path) -> None:
    done = run_cli(
        "audit",
        f"{sites}/moved/",
        "--out",
        str(tmp_path),
        "--no-render",
        "--delay",
        "0",
        "--fail-under",
        "90",
        "--json",
    )
    assert done.returncode == 1, done.stderr
    assert "below --fail-under 90" in done.stderr
    summary = json.loads(done.stdout)
    assert summary["score"] < 90
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert validate_report(report) == []
    assert report["site"]["url"].endswith("/moved/")
    assert report["site"]["pages_rendered"] == 0
    by_id = {c["id"]: c for c in report["checks"]}
    assert by_id["contact-page-exists"]["score"] == 0
    assert by_id["written-channel"]["score"] == 0
    assert report["channels"]["emails"] == []  # you@example.com and hero@2x.png are not contacts
    assert (tmp_path / "report.html").is_file()
    assert (tmp_path / "results.json").is_file()


def test_bad_config_and_bad_options(sites: str, tmp_path: Path) -> None:
    config = tmp_path / "audit.toml"
    config.write_text("[crawl]\ndelay = 'slow'\n", encoding="utf-8")
    done = run_cli("audit", f"{sites}/bare/", "--out", str(tmp_path), "--config", str(config))
    assert done.returncode == 2
    assert_one_sentence(done.stderr, "key 'crawl.delay'")
    done = run_cli("audit", f"{sites}/bare/", "--out", str(tmp_path), "--format", "docx")
    assert done.returncode == 2
    assert_one_sentence(done.stderr, "unknown report format 'docx'")
    done = run_cli("audit", f"{sites}/bare/", "--out", str(tmp_path), "--fail-under", "120")
    assert done.returncode == 2
    assert_one_sentence(done.stderr, "--fail-under must be between 0 and 100")
    # The option typed is named, not the setting behind it.
    done = run_cli("audit", f"{sites}/bare/", "--out", str(tmp_path), "--max-pages", "0")
    assert done.returncode == 2
    assert_one_sentence(done.stderr, "--max-pages must be greater than or equal to 1, not 0")
    # A bad value in the file is refused even when the same setting is given as an option.
    done = run_cli("audit", f"{sites}/bare/", "--out", str(tmp_path), "--config", str(config), "--delay", "0")
    assert done.returncode == 2
    assert_one_sentence(done.stderr, "key 'crawl.delay'")
    done = run_cli("history", env={"CONTACT_AUDIT_DB": "nonsense://x"})
    assert done.returncode == 2
    assert_one_sentence(done.stderr, "'nonsense://x' (from $CONTACT_AUDIT_DB) is not one SQLAlchemy can open")


def test_report_needs_a_run_directory(tmp_path: Path) -> None:
    done = run_cli("report", str(tmp_path))
    assert done.returncode == 2
    assert_one_sentence(done.stderr, "is not a run directory")
    (tmp_path / "results.json").write_text("{not json", encoding="utf-8")
    done = run_cli("report", str(tmp_path))
    assert done.returncode == 2
    assert_one_sentence(done.stderr, "is damaged")


def test_a_failed_run_leaves_no_earlier_report_beside_it(sites: str, tmp_path: Path) -> None:
    done = run_cli(
        "audit", f"{sites}/jsgroups/", "--out", str(tmp_path), "--delay", "0", "--no-render", "--no-history",
        "--format", "all", "--quiet",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "report.json").is_file() and (tmp_path / "findings.csv").is_file()
    (tmp_path / "notes.txt").write_text("the user's own file", encoding="utf-8")
    done = run_cli("audit", f"http://127.0.0.1:{free_port()}/", "--out", str(tmp_path), "--no-history")
    assert done.returncode == 3
    assert "Cleared an earlier run's files" in done.stderr
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {"artifacts.json", "notes.txt"}  # the failed run's facts, and what is not ours
    assert json.loads((tmp_path / "artifacts.json").read_text(encoding="utf-8"))["site"]["partial"] is True
