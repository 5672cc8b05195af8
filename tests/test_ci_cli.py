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


@pytest.fixture
def two_sites(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two sites on two ports: the first keeps its footer contact links, the second lost one."""
    first, second = tmp_path / "first-site", tmp_path / "second-site"
    write_site(first, 1)
    write_site(second, 2)
    with serve(first) as a, serve(second) as b:
        yield a, b


def test_several_sites_each_gated_and_one_that_cannot_be_audited(two_sites: tuple[str, str], tmp_path: Path) -> None:
    a, b = two_sites
    down = f"http://127.0.0.1:{free_port()}/"
    summary = tmp_path / "summary.md"
    env = {"CONTACT_AUDIT_DB": f"sqlite:///{tmp_path / 'h.sqlite'}", "GITHUB_STEP_SUMMARY": str(summary)}
    args = ("--delay", "0", "--no-render", "--check", "contact-link-in-footer=error", "--out", "out")
    # Two URLs of the second site: one audit, started at the first of them.
    done = run_cli("ci", f"{a}/", f"{b}/", f"{b}/about/", down, *args, cwd=tmp_path, env=env)
    assert done.returncode == 3, done.stderr  # a site the tool could not judge wins over a failed gate
    gate = load(tmp_path / "out" / "gate.json")
    assert [s["site"] for s in gate["sites"]] == [f"{a}/", f"{b}/", down]
    assert [(s["passed"], s["exit_code"]) for s in gate["sites"]] == [(True, 0), (False, 1), (False, 3)]
    assert (gate["passed"], gate["exit_code"], gate["error"]) == (False, 3, "1 of 3 sites could not be audited")
    failed = [a for a in gate["sites"][1]["assertions"] if not a["passed"]]
    assert [(x["kind"], x["target"]) for x in failed] == [("check", "contact-link-in-footer")]
    pages = {p["url"]: p for p in gate["sites"][1]["pages"]}
    assert pages[f"{b}/about/"] == {"url": f"{b}/about/", "crawled": True, "findings": ["contact-link-in-footer"]}
    assert "connection to 127.0.0.1 was refused" in gate["sites"][2]["error"]
    for site in gate["sites"]:  # a folder per site, with its own gate.json
        folder = tmp_path / site["run_dir"]
        assert folder.parent == tmp_path / "out" and load(folder / "gate.json")["sites"][0]["site"] == site["site"]
    assert (tmp_path / gate["sites"][0]["run_dir"] / "report.html").is_file()
    assert f"contact-audit: gate failed: {b}/: check contact-link-in-footer: expected passes" in done.stderr
    assert f"contact-audit: {b}/about/ has findings: contact-link-in-footer" in done.stderr
    assert f"contact-audit: error: {down}: {down} could not be audited" in done.stderr
    assert f"Gate FAILED for 2 of 3 sites: {b}/, {down}" in done.stdout
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("## Contact audit gate: ❌ failed (2 of 3 sites failed)")
    assert f"| ❌ | {b}/ | " in written and "| Check contact-link-in-footer |" in written

    # The folder re-checked without a crawl: the gate alone failing is exit 1.
    again = run_cli("ci", "--from", "out", "--check", "contact-link-in-footer=error", "--json", cwd=tmp_path, env=env)
    assert again.returncode == 1, again.stderr
    verdict = json.loads(again.stdout)
    assert [(s["site"], s["passed"]) for s in verdict["sites"]] == [(f"{a}/", True), (f"{b}/", False)]


def test_a_sitemap_index_named_in_the_config_file(site: tuple[str, Path], tmp_path: Path) -> None:
    base, root = site
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{base}{path}</loc></url>" for path in ("/", "/about/", "/contact/", "/old-offer/"))
        + "</urlset>",
        encoding="utf-8",
    )
    ci = tmp_path / "ci"
    ci.mkdir()
    (ci / "index.xml").write_text(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/sitemap.xml</loc></sitemap><sitemap><loc>{base}/gone.xml</loc></sitemap>"
        "</sitemapindex>",
        encoding="utf-8",
    )
    (ci / "contact-audit.toml").write_text(
        '[crawl]\ndelay = 0\nrender = false\n\n[gate]\nsitemap = "index.xml"\n', encoding="utf-8"
    )
    done = run_cli("ci", "--config", str(ci / "contact-audit.toml"), "--no-history", "--out", "run", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    gate = load(tmp_path / "run" / "gate.json")
    assert gate["site"] == f"{base}/" and len(gate["sites"]) == 1  # four pages of one site: one audit
    assert [(p["url"].removeprefix(base), p["crawled"]) for p in gate["pages"]] == [
        ("/", True),
        ("/about/", True),
        ("/contact/", True),
        ("/old-offer/", False),
    ]
    assert f"contact-audit: {base}/old-offer/ was not reached by the crawl" in done.stderr
    assert f"a sitemap of the index was skipped: {base}/gone.xml answered HTTP 404" in done.stderr
    bad = run_cli("ci", "--sitemap", str(ci / "contact-audit.toml"), "--no-history", cwd=tmp_path)
    assert bad.returncode == 2 and "the sitemap could not be read: " in bad.stderr and "not valid XML" in bad.stderr


def test_presets_and_finding_counts_by_severity(site: tuple[str, Path], tmp_path: Path) -> None:
    base, _ = site
    listed = run_cli("ci", "--list-presets")
    assert listed.returncode == 0
    assert "# preset strict: " in listed.stdout and "[gate.max_findings]\nmedium = 0\n" in listed.stdout
    assert "--preset [recommended|strict|no-regressions]" in run_cli("ci", "--help").stdout
    run = tmp_path / "run"
    done = run_cli("ci", f"{base}/", "--out", str(run), "--delay", "0", "--no-render", "--no-history", "--quiet")
    assert done.returncode == 0, done.stderr  # no assertion: nothing can fail

    def verdict(*args: str) -> tuple[int, dict[tuple[str, str], Any]]:
        done = run_cli("ci", "--from", str(run), "--json", *args, cwd=tmp_path)
        assert done.returncode in (0, 1), done.stderr
        return done.returncode, {(a["kind"], a["target"]): a for a in json.loads(done.stdout)["assertions"]}

    # strict, with one category minimum and one check overridden on the command line.
    code, strict = verdict("--preset", "strict", "--min", "clarity=10", "--check", "unlabelled-emails=off")
    assert code == 1
    assert strict["score", "overall"]["expected"] == ">= 90" and not strict["score", "overall"]["passed"]
    assert strict["category", "clarity"]["expected"] == ">= 10" and strict["category", "clarity"]["passed"]
    assert ("check", "unlabelled-emails") not in strict and ("check", "contact-page-exists") in strict
    medium = strict["findings", "medium"]
    assert medium["expected"] == "at most 0 medium or worse" and not medium["passed"]
    assert medium["actual"].startswith("3: complaints-channel (high, +")  # the costliest first
    assert "consistent-contacts (medium" in medium["actual"] and "machine-readable" not in medium["actual"]

    # The config file's [gate] over the preset, the command line over both.
    (tmp_path / "contact-audit.toml").write_text(
        '[gate]\npreset = "recommended"\n\n[gate.max_findings]\nhigh = 2\nlow = 3\n', encoding="utf-8"
    )
    code, mixed = verdict("--max-findings", "low=4")
    assert code == 0
    assert [(k, a["expected"], a["actual"][:1]) for k, a in mixed.items() if k[0] == "findings"] == [
        (("findings", "high"), "at most 2 high", "2"),
        (("findings", "low"), "at most 4 low or worse", "4"),
    ]
    assert mixed["check", "contact-link-in-header"]["level"] == "warn"  # from the preset
    bad = run_cli("ci", "--from", str(run), "--max-findings", "urgent=1", cwd=tmp_path)
    assert bad.returncode == 2
    assert "gate setting 'max_findings.urgent': input should be 'high', 'medium' or 'low'" in bad.stderr
