"""`contact-audit probe plan|send|collect|status`: the probe lifecycle, around the durable ledger."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from auditor.cli.help import App
from auditor.cli.options import err
from auditor.errors import AuditError, UsageError

if TYPE_CHECKING:
    from auditor.artifacts import SiteArtifacts
    from auditor.config.settings import AuditConfig
    from auditor.gather.probes.imap import CollectError
    from auditor.gather.probes.send import ProbeError
    from auditor.storage.ledger import Ledger, ProbeRow

app = App(
    name="probe",
    help="Measure how fast a company answers: plan, send and collect test messages (opt-in, authorised domains only).",
    no_args_is_help=True,
)

RunDir = Annotated[Path, typer.Argument(help="A run directory written by `contact-audit audit` (its artifacts.json).")]
ConfigOption = Annotated[Path | None, typer.Option("--config", "-c", help="A contact-audit TOML file with [probes].")]
DomainOption = Annotated[
    list[str] | None,
    typer.Option("--authorised-domain", help="A domain you may test (repeatable); adds to the config."),
]
TargetOption = Annotated[
    list[str] | None, typer.Option("--target", help="Email probes only to this address (repeatable).")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the probes as JSON on stdout.")]


def _fail(error: AuditError | ProbeError | CollectError) -> typer.Exit:
    err.print(f"contact-audit: error: {error}", markup=False, soft_wrap=True)
    return typer.Exit(getattr(error, "exit_code", 3))


def _settings(config: Path | None, domains: list[str] | None) -> AuditConfig:
    from auditor.config.settings import command_config

    settings = command_config(config)
    extra = [d.strip().lower().rstrip(".") for d in domains or [] if d.strip()]
    settings.probes.authorised_domains = list(dict.fromkeys([*settings.probes.authorised_domains, *extra]))
    return settings


def _artifacts(run_dir: Path) -> SiteArtifacts:
    from auditor.run.files import load_artifacts

    return load_artifacts(run_dir)


def _ledger(settings: AuditConfig) -> Ledger:
    from auditor.storage.ledger import Ledger

    return Ledger(settings.history.url or None)


def _since(start: str | None, end: str | None) -> str:
    if not start or not end:
        return "-"
    from auditor.gather.probes.timing import parse_iso
    from auditor.judge.api import human_duration

    return human_duration((parse_iso(end) - parse_iso(start)).total_seconds())


def describe(row: ProbeRow) -> str:
    """One line a person reads: where the probe stands and what came back."""
    line = f"{row.state:<9} {row.channel:<5} {row.target}"
    if row.state == "unknown":
        return f"{line}  unknown — check the mailbox: {row.detail}"
    if row.detail:
        line += f"  ({row.detail})"
    if row.sent_at:
        line += f"  sent {row.sent_at[:19]}Z"
        line += f", first reply after {_since(row.sent_at, row.first_reply_at)}"
        line += f", a person after {_since(row.sent_at, row.first_human_reply_at)}"
    if row.promised_response_time:
        line += f", promised {row.promised_response_time}"
    if row.human_handover is not None:
        line += ", a person took over" if row.human_handover else ", no person took over"
    return line


def _print(rows: list[ProbeRow], ledger: Ledger, as_json: bool, quiet: bool) -> None:
    from auditor.gather.probes.view import as_probe

    if as_json:
        data: list[dict[str, Any]] = [as_probe(r, ledger).model_dump(mode="json") for r in rows]
        typer.echo(json.dumps(data, indent=2))
    elif not quiet:
        for row in rows:
            typer.echo(describe(row))


@app.command("plan")
def plan_command(
    run_dir: RunDir,
    config: ConfigOption = None,
    authorised_domain: DomainOption = None,
    target: TargetOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show which probes `probe send` would send for a run, and why others are left out. Sends nothing."""
    from auditor.gather.probes.plan import plan_probes

    try:
        settings = _settings(config, authorised_domain)
        items = plan_probes(_artifacts(run_dir), settings.probes, target)
    except AuditError as error:
        raise _fail(error) from None
    if as_json:
        typer.echo(json.dumps([item.__dict__ for item in items], indent=2))
        return
    if not settings.probes.enabled:
        typer.echo("Probes are disabled: set enabled = true in [probes] before `probe send`.")
    for item in items:
        typer.echo(f"{item.action:<9} {item.channel:<5} {item.target}" + (f"  ({item.reason})" if item.reason else ""))


@app.command("send")
def send_command(
    run_dir: RunDir,
    config: ConfigOption = None,
    authorised_domain: DomainOption = None,
    target: TargetOption = None,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Record the plan in the ledger, then send each planned probe once; safe to run again."""
    from auditor.gather.probes.send import ProbeError, send_probes

    try:
        settings = _settings(config, authorised_domain)
        artifacts = _artifacts(run_dir)
        ledger = _ledger(settings)
        try:

            def progress(row: ProbeRow, stage: str) -> None:
                if stage == "sending" and not (quiet or as_json):
                    err.print(f"Sending the {row.channel} probe to {row.target} ...", markup=False)

            rows = send_probes(ledger, artifacts, settings, only=target, on_probe=progress)
            _print(rows, ledger, as_json, quiet)
        finally:
            ledger.close()
    except (AuditError, ProbeError) as error:
        raise _fail(error) from None


@app.command("collect")
def collect_command(
    config: ConfigOption = None,
    wait: Annotated[
        float, typer.Option("--wait", min=0, help="Keep waiting for replies this many seconds (IDLE or polling).")
    ] = 0,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Read the probe mailbox, match replies to probes, close finished windows; repeat or schedule it."""
    from auditor.config.settings import command_config
    from auditor.gather.probes.collect import collect
    from auditor.gather.probes.imap import CollectError

    try:
        settings = command_config(config)
        if not settings.probes.imap.host:
            raise UsageError(
                "probe collect needs the mailbox the replies arrive in: set probes.imap.host "
                "(and user, password_env) in the config file"
            )
        ledger = _ledger(settings)
        try:

            def announce(row: ProbeRow, reply: Any) -> None:
                if not (quiet or as_json):
                    who = "automatic reply" if reply.automatic else "reply from a person"
                    err.print(f"{who} to the {row.channel} probe to {row.target}", markup=False)

            try:
                report = collect(ledger, settings.probes, wait, on_reply=announce)
            except CollectError as error:
                raise _fail(error) from None
            if not (quiet or as_json):
                typer.echo(f"{len(report.stored)} new replies stored; {len(report.closed)} probes finished.")
            _print(ledger.probes(), ledger, as_json, quiet=quiet or not as_json)
        finally:
            ledger.close()
    except AuditError as error:
        raise _fail(error) from None


@app.command("status")
def status_command(
    config: ConfigOption = None,
    domain: Annotated[str | None, typer.Option("--domain", help="Only probes of this site's domain.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List every probe in the ledger, where it stands and what came back."""
    from auditor.config.settings import command_config

    try:
        settings = command_config(config)
        ledger = _ledger(settings)
        try:
            rows = ledger.probes(domain=domain)
            if not rows and not as_json:
                typer.echo("No probes in the ledger yet.")
            _print(rows, ledger, as_json, quiet=False)
        finally:
            ledger.close()
    except AuditError as error:
        raise _fail(error) from None
