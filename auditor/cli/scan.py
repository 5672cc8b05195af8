"""`contact-audit scan PORTFOLIO` and `contact-audit schedule install|list|remove`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

import typer

from auditor.cli.options import JsonOption, QuietOption, err, fail
from auditor.errors import EXIT_SITE_FAILED, AuditError

schedule_app = typer.Typer(
    name="schedule",
    help="Run `contact-audit scan PORTFOLIO` regularly, from your crontab or a systemd user timer.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
PortfolioArg = Annotated[Path, typer.Argument(help="A portfolio TOML file: the sites, owners and alerts.")]
Using = Literal["auto", "cron", "systemd"]


def scan_command(
    portfolio: PortfolioArg,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Start a new pass even if the last one was interrupted.")
    ] = False,
    quiet: QuietOption = False,
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
        report = run_scan(loaded, fresh=fresh, say=say)
    except AuditError as error:
        raise fail(error) from None
    for problem in report.problems:
        err.print(f"contact-audit: warning: {problem}", markup=False, soft_wrap=True)
    sites = report.state.sites
    failed = [name for name, site in sites.items() if site.status == "failed"]
    if as_json:
        data = {
            "overview": str(report.overview),
            "resumed": report.resumed,
            "sites": {name: vars(site) for name, site in sites.items()},
            "regressed": [alert.name for alert in report.regressed if not alert.what.startswith("could not")],
            "problems": report.problems,
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
