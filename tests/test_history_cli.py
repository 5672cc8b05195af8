"""History through the command, as a user runs it: two audits of a site that changed in between,
then `history`, `diff` and the report's "since the last audit" section."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from auditor.demo.sitehost import serve
from auditor.history.record import History, record
from auditor.storage.db import open_database
from reports.json_report import validate_report
from tests.builders import footer_check, run, write_site
from tests.conftest import run_cli


@dataclass
class TwoRuns:
    base: str
    first: Path
    second: Path
    env: dict[str, str]


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TwoRuns]:
    root = tmp_path_factory.mktemp("site")
    work = tmp_path_factory.mktemp("runs")
    env = {"CONTACT_AUDIT_DB": f"sqlite:///{work / 'history.sqlite'}"}
    with serve(root) as base:
        runs = []
        for version in (1, 2):
            write_site(root, version)
            out = work / f"run{version}"
            done = run_cli("audit", f"{base}/", "--out", str(out), "--delay", "0", "--no-render", "--quiet", env=env)
            assert done.returncode == 0, done.stderr
            runs.append(out)
        yield TwoRuns(base, runs[0], runs[1], env)


def test_the_report_says_what_changed_since_the_last_audit(two_runs: TwoRuns) -> None:
    first, second = load(two_runs.first / "report.json"), load(two_runs.second / "report.json")
    assert validate_report(first) == [] and validate_report(second) == []
    assert first["changes"] is None and len(first["history"]) == 1
    assert [p["run_id"] for p in second["history"]] == [first["history"][0]["run_id"], second["history"][1]["run_id"]]
    summary = second["changes"]["summary"]
    assert "The WhatsApp link 442079460958 is gone" in summary
    assert "A second support email appeared: help@velo-test.co.uk" in summary
    assert [f["url"].split("/", 3)[3] for f in second["changes"]["new_findings"] if f["url"]] == ["about/"]
    # results.json keeps them too, so that `report RUN` shows the same changes offline.
    saved = load(two_runs.second / "results.json")
    assert saved["changes"] == second["changes"] and saved["history"] == second["history"]
    html = BeautifulSoup((two_runs.second / "report.html").read_text(encoding="utf-8"), "html.parser")
    section = html.select_one("#history")
    assert section is not None and section.find_next("section")["id"] == "scores"  # at the top
    assert len(section.select("svg circle")) == 2 and section.select_one("svg polyline")["points"].strip()
    assert "The WhatsApp link 442079460958 is gone" in section.get_text()
    assert (
        BeautifulSoup((two_runs.first / "report.html").read_text(encoding="utf-8"), "html.parser").select("#history")
        == []
    )  # a first audit has no history to show


def test_history_command(two_runs: TwoRuns) -> None:
    site = two_runs.base.removeprefix("http://")
    done = run_cli("history", site, "--json", env=two_runs.env)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["site"]["key"] == site
    assert [r["run_dir"] for r in data["runs"]] == [str(two_runs.first), str(two_runs.second)]
    assert all(set(r["categories"]) >= {"findability", "coverage"} for r in data["runs"])
    text = run_cli("history", site, env=two_runs.env)
    assert text.returncode == 0
    assert "Trend  " in text.stdout and any(ch in text.stdout for ch in "▁▂▃▄▅▆▇█")
    listing = run_cli("history", env=two_runs.env)
    assert site in listing.stdout and " 2 " in listing.stdout
    missing = run_cli("history", "example.org", env=two_runs.env)
    assert missing.returncode == 2 and "no stored runs of 'example.org'" in missing.stderr


def test_diff_of_run_directories_and_of_history_ids(two_runs: TwoRuns) -> None:
    by_dir = run_cli("diff", str(two_runs.first), str(two_runs.second), "--json", env=two_runs.env)
    assert by_dir.returncode == 0, by_dir.stderr
    data = json.loads(by_dir.stdout)
    assert [c["text"] for c in data["channels"]["disappeared"]] == ["The WhatsApp link 442079460958 is gone"]
    assert [f["url"].split("/", 3)[3] for f in data["findings"]["new"] if f["url"]] == ["about/"]
    ids = [p["run_id"] for p in load(two_runs.second / "report.json")["history"]]
    by_id = run_cli("diff", str(ids[0]), str(ids[1]), "--json", env=two_runs.env)
    assert json.loads(by_id.stdout)["findings"] == data["findings"]
    words = run_cli("diff", str(two_runs.first), str(two_runs.second), env=two_runs.env)
    assert "  - The WhatsApp link 442079460958 is gone" in words.stdout
    assert "  + A second support email appeared: help@velo-test.co.uk" in words.stdout
    bad = run_cli("diff", "no-such-run", str(two_runs.second), env=two_runs.env)
    assert bad.returncode == 2 and "is neither a run directory" in bad.stderr


def test_no_history_and_keep(two_runs: TwoRuns, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'h.sqlite'}"
    engine = open_database(url)
    record(History(engine), run(url=f"{two_runs.base}/"), tmp_path)  # an earlier run of the same site
    engine.dispose()
    env = {"CONTACT_AUDIT_DB": url}
    args = ("audit", f"{two_runs.base}/", "--delay", "0", "--no-render", "--quiet", "--max-pages", "1")
    assert run_cli(*args, "--out", str(tmp_path / "a"), "--no-history", env=env).returncode == 0
    assert load(tmp_path / "a" / "report.json")["history"] == []
    assert run_cli(*args, "--out", str(tmp_path / "b"), "--keep", "1", env=env).returncode == 0
    runs = json.loads(run_cli("history", two_runs.base, "--json", env=env).stdout)["runs"]
    assert [r["run_dir"] for r in runs] == [str(tmp_path / "b")]


def test_a_wrong_database_is_refused_before_the_crawl(two_runs: TwoRuns, tmp_path: Path) -> None:
    env = {"CONTACT_AUDIT_DB": "postgresql+psycopg://audit:s3cret@127.0.0.1:1/history"}
    done = run_cli("audit", f"{two_runs.base}/", "--out", str(tmp_path), "--delay", "0", env=env)
    assert done.returncode == 2
    assert "the history database postgresql+psycopg://audit:***@127.0.0.1:1/history could not be opened" in done.stderr
    assert "s3cret" not in done.stderr and not (tmp_path / "artifacts.json").exists()


def test_history_and_diff_commands_on_both_databases(history_url: str, tmp_path: Path) -> None:
    engine = open_database(history_url)
    first = record(History(engine), run(score=82, finished_at="2026-01-01T06:00:00+00:00"), tmp_path)
    record(History(engine), run(score=64, whatsapp=False, checks=[footer_check("/about/", "/x/")]), tmp_path)
    engine.dispose()
    env = {"CONTACT_AUDIT_DB": history_url}
    shown = json.loads(run_cli("history", "nimbus-bikes.example", "--json", env=env).stdout)
    assert [r["score"] for r in shown["runs"]] == [82, 64]
    run_id = first.history[0].run_id
    diff = run_cli("diff", str(run_id), str(run_id + 1), env=env)
    assert diff.returncode == 0, diff.stderr
    assert "The score fell from 82 to 64 (-18)\n" in diff.stdout
    assert "The WhatsApp link 442079460958 is gone" in diff.stdout


def test_diff_counts_a_finding_once_however_many_pages_it_is_on(tmp_path: Path) -> None:
    def saved(name: str, *missing: str) -> str:
        path = tmp_path / f"{name}.json"
        path.write_text(run(checks=[footer_check(*missing)]).model_dump_json(), encoding="utf-8")
        return str(path)

    clean, three, moved = saved("clean"), saved("three", "/a/", "/b/", "/c/"), saved("moved", "/a/", "/b/", "/d/")
    words = run_cli("diff", clean, three)
    assert words.returncode == 0, words.stderr
    assert "Findings: 1 new, 0 fixed, 0 changed, 0 unchanged" in words.stdout
    assert "  new     Every page links to the contact page from its footer — /a/, /b/, /c/\n" in words.stdout
    assert "Findings: 0 new, 1 fixed, 0 changed" in run_cli("diff", three, clean).stdout
    shifted = run_cli("diff", three, moved)
    assert "Findings: 0 new, 0 fixed, 1 changed, 0 unchanged" in shifted.stdout
    assert "now also at /d/; no longer at /c/" in shifted.stdout  # a page fixed and a new one never cancel out
    data = json.loads(run_cli("diff", clean, three, "--json").stdout)
    (new,) = data["findings"]["new"]
    assert [p["url"].rsplit("/", 2)[-2] for p in new["places"]] == ["a", "b", "c"]
