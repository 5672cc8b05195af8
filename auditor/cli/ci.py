"""`contact-audit ci URL`: an audit, then the gate. Exit 0 passed, 1 gate failed; 2, 3, 4 tool failed.

Whatever happens after the run directory exists, gate.json is written, so a CI job can
always tell "the site failed the gate" from "the tool could not judge the site".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from auditor.cli.options import (
    AuthOption,
    ConfigOption,
    CookieOption,
    HeaderOption,
    IgnoreRobotsOption,
    JsonOption,
    KeepOption,
    LangOption,
    NoHistoryOption,
    QuietOption,
    access_overrides,
    err,
    fail,
)
from auditor.errors import AuditError, ConfigError, UsageError

if TYPE_CHECKING:
    from auditor.config.settings import AuditConfig, GateConfig
    from auditor.history.record import History
    from auditor.history.snapshot import Snapshot
    from auditor.results import Assertion, GateResult

FailOn = Literal["new", "regressed", "any"]


def _pairs(values: list[str], option: str, shape: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name.strip() or not setting.strip():
            raise UsageError(f"{option} expects {shape}, not '{value}'")
        pairs[name.strip()] = setting.strip()
    return pairs


def gate_settings(settings: AuditConfig, updates: dict[str, Any], minimums: list[str], checks: list[str]) -> GateConfig:
    """The [gate] table with the command line laid over it; check ids must exist."""
    from pydantic import ValidationError

    from auditor.config.settings import GateConfig
    from auditor.judge.registry import discover

    data = settings.gate.model_dump()
    data.update({k: v for k, v in updates.items() if v is not None})
    data["categories"] = {**data["categories"], **_pairs(minimums, "--min", "CATEGORY=SCORE, e.g. clarity=70")}
    data["checks"] = {**data["checks"], **_pairs(checks, "--check", "CHECK=error|warn|off")}
    try:
        gate = GateConfig.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise UsageError(f"gate setting '{key}': {first['msg'][0].lower()}{first['msg'][1:]}") from None
    known = {check.meta.id for check in discover()}
    for check_id in gate.checks:
        if check_id not in known:
            raise ConfigError(
                f"{settings.where('gate', 'checks', check_id)}: gate.checks.{check_id} names no known check"
            )
    return gate


def stored_baseline(url: str, settings: AuditConfig, history: History | None) -> Snapshot | None:
    """The newest stored run of this site, read before this run is stored."""
    from auditor.history.listing import newest_snapshot
    from auditor.storage.db import database_url, open_database

    engine = history.engine if history is not None else open_database(database_url(settings.history.url or None))
    return newest_snapshot(engine, url)


def ci_command(
    url: Annotated[str | None, typer.Argument(help="The site to audit, e.g. https://staging.example.com/")] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Run directory: reports, gate.json (default contact-audit-ci, or RUN_DIR)."),
    ] = None,
    from_run: Annotated[
        Path | None,
        typer.Option("--from", help="Re-check a saved run directory against the gate, without crawling."),
    ] = None,
    fail_under: Annotated[float | None, typer.Option(help="Fail when the overall score is below this.")] = None,
    minimums: Annotated[
        list[str] | None, typer.Option("--min", help="A category minimum, CATEGORY=SCORE; repeatable.")
    ] = None,
    checks: Annotated[
        list[str] | None, typer.Option("--check", help="A check assertion, CHECK=error|warn|off; repeatable.")
    ] = None,
    baseline: Annotated[
        str | None, typer.Option(help="Compare with a report.json, a run directory, or `latest` stored run.")
    ] = None,
    fail_on: Annotated[
        FailOn | None, typer.Option(help="With --baseline: fail on new findings, regressions, or any (default).")
    ] = None,
    noise: Annotated[float | None, typer.Option(help="Score points a change must reach to count (default 5).")] = None,
    formats: Annotated[str, typer.Option("--format", "-f", help="Report formats; json is always written.")] = "html,md",
    max_pages: Annotated[int | None, typer.Option(help="Pages to crawl at most.")] = None,
    max_depth: Annotated[int | None, typer.Option(help="Links to follow from the home page at most.")] = None,
    delay: Annotated[float | None, typer.Option(help="Seconds between requests to the site.")] = None,
    render: Annotated[bool | None, typer.Option("--render/--no-render", help="Render key pages in Chromium.")] = None,
    auth: AuthOption = None,
    headers: HeaderOption = None,
    cookies: CookieOption = None,
    ignore_robots_txt: IgnoreRobotsOption = False,
    config: ConfigOption = None,
    lang: LangOption = None,
    no_history: NoHistoryOption = False,
    keep: KeepOption = None,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Audit a site and gate it: exit 1 when it fails a threshold, an assertion or the baseline."""
    from auditor.cli.audit import run_audit, summary
    from auditor.cli.history import load_run
    from auditor.config.settings import command_config
    from auditor.config.usage import parse_formats
    from auditor.history.gate import evaluate
    from auditor.history.record import open_history
    from auditor.results import GateResult
    from auditor.run.files import load_results
    from auditor.run.pipeline import prepare_out_dir
    from auditor.run.render import check_printer, report_options

    try:
        if (url is None) == (from_run is None):
            raise UsageError("give the URL of a site to audit, or --from RUN_DIR to re-check a saved run (not both)")
        saved = load_results(from_run) if from_run is not None else None
        settings = command_config(
            config,
            {"max_pages": max_pages, "max_depth": max_depth, "delay": delay, "render": render},
            access_overrides(auth, headers, cookies, ignore_robots_txt),
        )
        updates = {"fail_under": fail_under, "baseline": baseline, "fail_on": fail_on, "noise": noise}
        gate = gate_settings(settings, updates, minimums or [], checks or [])
        chosen = list(dict.fromkeys([*parse_formats(formats), "json"]))
        options = report_options(settings.report, settings, lang)
        check_printer(options, chosen)
        # A saved run is judged again, not stored again.
        history = open_history(settings, not no_history and saved is None, keep)
        site = saved.site.url if saved is not None else str(url)
        out = out or (from_run if from_run is not None else Path("contact-audit-ci"))
        warnings: list[str] = []
        before: Snapshot | None = None
        if gate.baseline == "latest":
            before = stored_baseline(site, settings, history)
            if before is None:
                warnings.append("No stored run of this site yet: the baseline comparison was skipped.")
        elif gate.baseline:
            before = load_run(gate.baseline, None)
        if saved is None:
            prepare_out_dir(out)
        else:
            out.mkdir(parents=True, exist_ok=True)
    except AuditError as error:
        raise fail(error) from None
    try:
        results = saved or run_audit(site, settings, out, chosen, quiet or as_json, options, history)
    except AuditError as error:
        _write(GateResult(passed=False, exit_code=error.exit_code, site=site, error=str(error)), out, None)
        raise fail(error) from None
    result = evaluate(results, gate, before, gate.baseline or "")
    result.warnings += warnings
    _write(result, out, results)
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False))
    elif not quiet:
        summary(results, out, False, quiet)
        say_gate(result)
    raise typer.Exit(result.exit_code)


def _write(result: GateResult, out: Path, results: Any) -> None:
    """gate.json, report.md with the gate on top, and GitHub's job summary when there is one."""
    from auditor.run.render import append_step_summary, write_gate

    text = write_gate(result, out, results)
    try:
        append_step_summary(text)
    except OSError as error:
        err.print(f"contact-audit: warning: the job summary could not be written: {error}", markup=False)


def _describe(assertion: Assertion) -> str:
    what = "the overall score" if assertion.kind == "score" else f"{assertion.kind} {assertion.target}"
    return f"{what}: expected {assertion.expected}, got {assertion.actual}"


def say_gate(result: GateResult) -> None:
    failed = result.failures
    warned = [a for a in result.assertions if not a.passed and a.level == "warn"]
    verdict = "passed" if result.passed else "FAILED"
    typer.echo(f"Gate {verdict}: {len(result.assertions)} assertions, {len(failed)} failed, {len(warned)} warnings")
    for assertion in failed:
        err.print(f"contact-audit: gate failed: {_describe(assertion)}", markup=False, soft_wrap=True)
    for assertion in warned:
        err.print(f"contact-audit: gate warning: {_describe(assertion)}", markup=False, soft_wrap=True)
    for warning in result.warnings:
        err.print(f"contact-audit: {warning}", markup=False, soft_wrap=True)
