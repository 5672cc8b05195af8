"""`contact-audit ci URL...`: audits, then the gate. Exit 0 passed, 1 gate failed; 2, 3, 4 tool failed.

Several URLs are grouped by site (auditor/cli/ci_sites.py): one audit per site, each gated on
its own, the exit code 1 when any site fails its gate. Whatever happens after the run
directory exists, gate.json is written, so a CI job can always tell "the site failed the
gate" from "the tool could not judge the site".
"""

from __future__ import annotations

import json
import os
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
    VerboseOption,
    access_overrides,
    err,
    fail,
)
from auditor.config.presets import PresetName
from auditor.errors import (
    AuditError,
    ConfigError,
    UsageError,
)

if TYPE_CHECKING:
    from auditor.config.settings import AuditConfig, GateConfig
    from auditor.results import Assertion, AuditResults, GateResult, SiteGate

FailOn = Literal["new", "regressed", "any"]


def _pairs(values: list[str], option: str, shape: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name.strip() or not setting.strip():
            raise UsageError(f"{option} expects {shape}, not '{value}'")
        pairs[name.strip()] = setting.strip()
    return pairs


def gate_settings(
    settings: AuditConfig,
    updates: dict[str, Any],
    minimums: list[str],
    checks: list[str],
    max_findings: list[str] | None = None,
    preset: str | None = None,
) -> GateConfig:
    """The gate in layers, key by key: the preset (`preset`, else [gate] preset), the [gate] table's
    own settings over it, the command line over both; check ids must exist."""
    from pydantic import ValidationError

    from auditor.config.presets import PRESETS, preset_gate
    from auditor.config.settings import GateConfig
    from auditor.judge.registry import discover

    table = settings.gate
    chosen = preset or table.preset
    if chosen is not None and chosen not in PRESETS:
        raise UsageError(f"--preset must be one of {', '.join(PRESETS)}, not '{chosen}'")
    data = GateConfig().model_dump()
    for key, value in (preset_gate(chosen) if chosen else {}).items():
        data[key] = value
    for key in table.model_fields_set:
        value = getattr(table, key)
        data[key] = {**data[key], **value} if isinstance(value, dict) else value
    data["preset"] = chosen
    data.update({k: v for k, v in updates.items() if v is not None})
    data["categories"] = {**data["categories"], **_pairs(minimums, "--min", "CATEGORY=SCORE, e.g. clarity=70")}
    data["checks"] = {**data["checks"], **_pairs(checks, "--check", "CHECK=error|warn|off")}
    counts = _pairs(max_findings or [], "--max-findings", "SEVERITY=N, e.g. high=0")
    data["max_findings"] = {**data["max_findings"], **counts}
    try:
        gate = GateConfig.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"] if part != "[key]")
        raise UsageError(f"gate setting '{key}': {first['msg'][0].lower()}{first['msg'][1:]}") from None
    known = {check.meta.id for check in discover()}
    for check_id in gate.checks:
        if check_id not in known:
            where = settings.where("gate", "checks", check_id) if check_id in table.checks else f"preset {chosen}"
            raise ConfigError(f"{where}: gate.checks.{check_id} names no known check")
    return gate


def _list_presets(value: bool) -> None:
    if not value:
        return
    from auditor.config.presets import PRESETS, preset_toml

    typer.echo("\n".join(preset_toml(name) for name in PRESETS), nl=False)
    raise typer.Exit(0)


def named_urls(
    urls: list[str], sitemap: str | None, gate: GateConfig, settings: AuditConfig
) -> tuple[list[str], list[str]]:
    """The URLs to audit and the sitemap's warnings: the command line's, else the [gate] table's."""
    from auditor.config.access import resolve_access
    from auditor.gather.sitemap import read_sitemap

    if not urls and sitemap is None:
        urls, sitemap = list(gate.urls), gate.sitemap
    named, warnings = list(urls), []
    if sitemap:
        access = resolve_access(settings.access, os.environ)
        headers = dict(access.headers)
        if access.cookies:
            headers["Cookie"] = access.cookie_header()
        listed = read_sitemap(sitemap, headers, float(settings.crawl.timeout))
        named += listed.urls
        warnings += listed.warnings
    if not named:
        raise UsageError("give the URL of a site to audit (or several), --sitemap, `urls` in [gate], or --from RUN_DIR")
    return named, warnings


def saved_runs(from_run: Path) -> list[tuple[Path, AuditResults]]:
    """A run directory, or the folder of an earlier ci run of several sites: one per site."""
    from auditor.run.files import RESULTS_FILE, load_results

    if (from_run / RESULTS_FILE).is_file() or not from_run.is_dir():
        return [(from_run, load_results(from_run))]
    folders = sorted(d for d in from_run.iterdir() if (d / RESULTS_FILE).is_file())
    try:  # in the order the earlier run named the sites
        earlier = json.loads((from_run / "gate.json").read_text(encoding="utf-8"))
        order = [Path(str(site.get("run_dir", ""))).name for site in earlier.get("sites", [])]
    except (OSError, ValueError, AttributeError):
        order = []
    folders.sort(key=lambda d: order.index(d.name) if d.name in order else len(order))
    if not folders:
        return [(from_run, load_results(from_run))]  # says what is missing
    return [(folder, load_results(folder)) for folder in folders]


def ci_command(
    urls: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="URL",
            help="The sites to audit, e.g. https://staging.example.com/; URLs of one site are one audit.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Run directory: reports, gate.json; a folder per site for several sites "
            "(default: contact-audit-ci, or RUN_DIR with --from).",
        ),
    ] = None,
    from_run: Annotated[
        Path | None,
        typer.Option("--from", help="Re-check a saved run directory (or a ci folder of several) without crawling."),
    ] = None,
    sitemap: Annotated[
        str | None,
        typer.Option(metavar="URL_OR_FILE", help="Audit the pages a sitemap.xml lists (an index too), by site."),
    ] = None,
    preset: Annotated[
        PresetName | None,
        typer.Option(help="A set of assertions under the others; --list-presets shows them."),
    ] = None,
    list_presets: Annotated[
        bool,
        typer.Option(
            "--list-presets", is_eager=True, callback=_list_presets, help="Print every preset as a [gate] table."
        ),
    ] = False,
    fail_under: Annotated[float | None, typer.Option(help="Fail when the overall score is below this.")] = None,
    minimums: Annotated[
        list[str] | None, typer.Option("--min", help="A category minimum, CATEGORY=SCORE; repeatable.")
    ] = None,
    checks: Annotated[
        list[str] | None, typer.Option("--check", help="A check assertion, CHECK=error|warn|off; repeatable.")
    ] = None,
    max_findings: Annotated[
        list[str] | None,
        typer.Option(
            "--max-findings",
            metavar="SEVERITY=N",
            help="At most N findings of SEVERITY (high, medium, low) or worse; repeatable.",
        ),
    ] = None,
    baseline: Annotated[
        str | None, typer.Option(help="Compare with a report.json, a run directory, or `latest` stored run.")
    ] = None,
    fail_on: Annotated[
        FailOn | None, typer.Option(help="With --baseline: fail on new findings, regressions, or any (default: any).")
    ] = None,
    noise: Annotated[float | None, typer.Option(help="Score points a change must reach to count (default: 5).")] = None,
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
    verbose: VerboseOption = False,
    as_json: JsonOption = False,
) -> None:
    """Audit sites and gate them: exit 1 when one fails a threshold, an assertion or its baseline.

    Presets (--preset, or `preset` in [gate]): recommended (the basics pass, no high-severity
    finding), strict (score and categories 90, no high or medium finding), no-regressions
    (nothing worse than the latest stored run). A finding's severity is the score it costs:
    high 5 points or more, medium 2 or more, low less.
    """
    from auditor.cli.ci_run import CiRun
    from auditor.cli.ci_sites import CiSite, sites_of
    from auditor.config.settings import command_config
    from auditor.config.usage import parse_formats
    from auditor.run.render import check_printer, report_options

    try:
        if urls and from_run is not None:
            raise UsageError("give the URLs of sites to audit, or --from RUN_DIR to re-check a saved run (not both)")
        if sitemap is not None and from_run is not None:
            raise UsageError("--sitemap names sites to audit; --from re-checks a saved run without a crawl (not both)")
        settings = command_config(
            config,
            {"max_pages": max_pages, "max_depth": max_depth, "delay": delay, "render": render},
            access_overrides(auth, headers, cookies, ignore_robots_txt),
        )
        updates = {"fail_under": fail_under, "baseline": baseline, "fail_on": fail_on, "noise": noise}
        gate = gate_settings(settings, updates, minimums or [], checks or [], max_findings, preset)
        chosen = list(dict.fromkeys([*parse_formats(formats), "json"]))
        options = report_options(settings.report, settings, lang)
        check_printer(options, chosen)
        if from_run is not None:
            saved = saved_runs(from_run)
            sites = [CiSite(key=r.site.url, start=r.site.url, folder=d.name) for d, r in saved]
            warnings: list[str] = []
        else:
            saved = []
            named, warnings = named_urls(list(urls or []), sitemap, gate, settings)
            sites = sites_of(named)
        plan = CiRun(settings, gate, sites, saved, out or from_run or Path("contact-audit-ci"), chosen, options)
        plan.prepare(not no_history and not saved, keep)
    except AuditError as error:
        raise fail(error) from None
    plan.run(quiet or as_json, verbose)
    result = plan.verdict(warnings)
    for site in result.sites:
        if site.error:  # said however quiet: the job's log must say why the tool could not judge
            where = f"{site.site}: " if plan.several else ""
            err.print(f"contact-audit: error: {where}{site.error}", markup=False, soft_wrap=True)
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False))
    elif not quiet:
        say_verdict(result, plan.results)
    raise typer.Exit(result.exit_code)


def _describe(assertion: Assertion) -> str:
    what = "the overall score" if assertion.kind == "score" else f"{assertion.kind} {assertion.target}"
    return f"{what}: expected {assertion.expected}, got {assertion.actual}"


def say_gate(result: SiteGate, prefix: str = "") -> None:
    failed = result.failures
    warned = [a for a in result.assertions if not a.passed and a.level == "warn"]
    verdict = "passed" if result.passed else "FAILED"
    typer.echo(
        f"Gate {verdict}{' for ' + result.site if prefix else ''}: {len(result.assertions)} assertions, "
        f"{len(failed)} failed, {len(warned)} warnings"
    )
    for assertion in failed:
        err.print(f"contact-audit: gate failed: {prefix}{_describe(assertion)}", markup=False, soft_wrap=True)
    for assertion in warned:
        err.print(f"contact-audit: gate warning: {prefix}{_describe(assertion)}", markup=False, soft_wrap=True)
    for page in result.pages:  # a page's URL names its site
        if not page.crawled:
            err.print(f"contact-audit: {page.url} was not reached by the crawl", markup=False, soft_wrap=True)
        elif page.findings:
            found = ", ".join(page.findings)
            err.print(f"contact-audit: {page.url} has findings: {found}", markup=False, soft_wrap=True)
    for warning in result.warnings:
        err.print(f"contact-audit: {prefix}{warning}", markup=False, soft_wrap=True)


def say_verdict(result: GateResult, results: dict[str, AuditResults]) -> None:
    """Each site's score and gate, then, with several, the verdict of the run."""
    from auditor.cli.audit import summary

    several = len(result.sites) > 1
    for site in result.sites:
        audited = results.get(site.run_dir)
        if audited is None:
            continue  # its error is said already
        summary(audited, Path(site.run_dir), False, False)
        say_gate(site, f"{site.site}: " if several else "")
    if several:
        failed = [s.site for s in result.sites if not s.passed]
        if failed:
            typer.echo(f"Gate FAILED for {len(failed)} of {len(result.sites)} sites: {', '.join(failed)}")
        else:
            typer.echo(f"Gate passed for all {len(result.sites)} sites")
        for warning in result.warnings:
            err.print(f"contact-audit: {warning}", markup=False, soft_wrap=True)
