"""`contact-audit scan PORTFOLIO` and `contact-audit schedule install|list|remove`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

import typer

from auditor.cli.help import App
from auditor.cli.options import JsonOption, QuietOption, VerboseOption, err, fail
from auditor.errors import EXIT_SITE_FAILED, AuditError, ConfigError

schedule_app = App(
    name="schedule",
    help="Run `contact-audit scan PORTFOLIO` regularly, from your crontab or a systemd user timer.",
    no_args_is_help=True,
)
PortfolioArg = Annotated[Path, typer.Argument(help="A portfolio TOML file: the sites, owners and alerts.")]
Using = Literal["auto", "cron", "systemd"]


def scan_command(
    portfolio: PortfolioArg,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Start a new pass even if the last one was interrupted.")
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", "-c", help="A TOML config file for the sites without their own (default: [portfolio] config)."
        ),
    ] = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    as_json: JsonOption = False,
) -> None:
    """Audit every site of a portfolio once, store history, write the overview, alert on regressions."""
    from auditor.portfolio.file import load_portfolio
    from auditor.portfolio.scan import run_scan

    def say(line: str) -> None:
        if not quiet and not as_json:
            err.print(line, markup=False, soft_wrap=True)

    try:
        loaded = load_portfolio(portfolio)
        if config is not None:
            if not config.is_file():
                raise ConfigError(f"the config file {config} does not exist")
            loaded.portfolio.portfolio.config = str(config.resolve())
        report = run_scan(loaded, fresh=fresh, say=say)
    except AuditError as error:
        raise fail(error) from None
    for problem in report.problems:
        err.print(f"contact-audit: warning: {problem}", markup=False, soft_wrap=True)
    sites = report.state.sites
    failed = [name for name, site in sites.items() if site.status == "failed"]
    if verbose and not as_json:
        for name, site in sites.items():
            score = "no score" if site.score is None else f"score {site.score}"
            outcome = f"failed: {site.error}" if site.status == "failed" else f"{site.status}, {score}"
            err.print(f"{name}: {outcome} ({site.run_dir})", markup=False, soft_wrap=True)
        for alert in report.regressed:
            err.print(f"{alert.name}: {alert.what}", markup=False, soft_wrap=True)
    if as_json:
        data = {
            "overview": str(report.overview),
            "resumed": report.resumed,
            "sites": {name: vars(site) for name, site in sites.items()},
            "regressed": [alert.name for alert in report.regressed if not alert.what.startswith("could not")],
            "problems": report.problems,
            "alerts_sent": report.alerts_sent,
        }
        typer.echo(json.dumps(data, ensure_ascii=False))
    elif not quiet:
        typer.echo(f"Audited {len(sites) - len(failed)} of {len(sites)} sites; overview: {report.overview}")
    if sites and len(failed) == len(sites):
        raise typer.Exit(EXIT_SITE_FAILED)


def install_command(
    portfolio: PortfolioArg,
    name: Annotated[str | None, typer.Option(help="The schedule's name (default: the portfolio file's name).")] = None,
    at: Annotated[
        str, typer.Option(help="monthly, weekly, daily, a cron expression or a systemd OnCalendar time.")
    ] = "monthly",
    using: Annotated[Using, typer.Option(help="cron, systemd or auto (crontab when there is one).")] = "auto",
) -> None:
    """Schedule a portfolio scan for this user."""
    from auditor.portfolio.schedule import install

    try:
        if not portfolio.is_file():
            raise AuditError(f"portfolio file {portfolio} does not exist")
        schedule = install(portfolio, name or portfolio.stem, at, using)
    except AuditError as error:
        raise fail(error) from None
    typer.echo(f"Scheduled '{schedule.name}' with {schedule.using} ({schedule.when}): {schedule.command}")


def list_command(as_json: JsonOption = False) -> None:
    """List the scan schedules of this user."""
    from auditor.portfolio.schedule import listed

    try:
        found = listed()
    except AuditError as error:
        raise fail(error) from None
    if as_json:
        typer.echo(json.dumps([vars(s) for s in found]))
        return
    if not found:
        typer.echo("No contact-audit schedules.")
    for schedule in found:
        typer.echo(f"{schedule.name}\t{schedule.using}\t{schedule.when}\t{schedule.command}")


def remove_command(
    name: Annotated[str, typer.Argument(help="The schedule's name, as `schedule list` shows it.")],
) -> None:
    """Remove a scan schedule."""
    from auditor.portfolio.schedule import remove

    try:
        removed = remove(name)
    except AuditError as error:
        raise fail(error) from None
    typer.echo(f"Removed {' and '.join(removed)} of '{name}'.")


schedule_app.command("install")(install_command)
schedule_app.command("list")(list_command)
schedule_app.command("remove")(remove_command)
