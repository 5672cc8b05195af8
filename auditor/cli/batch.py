"""`contact-audit batch FILE` (many sites at once, or through a queue) and `contact-audit worker`."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from auditor.cli.options import JsonOption, QuietOption, err, fail
from auditor.errors import EXIT_INTERRUPTED, EXIT_SITE_FAILED, AuditError, UsageError

if TYPE_CHECKING:
    from auditor.portfolio.batch import BatchProgress, BatchReport
    from auditor.portfolio.file import LoadedPortfolio

SitesArg = Annotated[
    Path, typer.Argument(help="A list of URLs (one per line, optionally followed by a name) or a portfolio .toml file.")
]
QueueOption = Annotated[
    str | None,
    typer.Option("--queue", help="A Redis URL (redis://host:6379/0): enqueue the sites for `contact-audit worker`s."),
]


def batch_command(
    sites: SitesArg,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Where run directories and the overview go (default: beside FILE)."),
    ] = None,
    concurrency: Annotated[int, typer.Option(min=1, max=64, help="Sites audited at the same time.")] = 4,
    processes: Annotated[
        int | None, typer.Option(min=1, max=64, help="Engine processes sharing them (default: one per core).")
    ] = None,
    max_pages: Annotated[int | None, typer.Option(min=1, help="Pages to crawl per site at most.")] = None,
    time_budget: Annotated[float | None, typer.Option(help="Seconds one site's crawl may take (default: 900).")] = None,
    delay: Annotated[float | None, typer.Option(help="Seconds between requests to one site (default: 1).")] = None,
    render: Annotated[bool | None, typer.Option("--render/--no-render", help="Render key pages in Chromium.")] = None,
    formats: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="Report formats per site, comma-separated: html,json,pdf,md,junit,csv or all."
        ),
    ] = "html,json",
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Audit every site again, even those already finished.")
    ] = False,
    queue: QueueOption = None,
    wait: Annotated[
        bool, typer.Option("--wait/--no-wait", help="With --queue: watch the workers until every site is finished.")
    ] = True,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Audit many sites: concurrently in this process with one shared browser, or through a queue."""
    from auditor.config.usage import parse_formats
    from auditor.portfolio.file import load_sites_file

    overrides = {"max_pages": max_pages, "time_budget": time_budget, "delay": delay, "render": render}
    try:
        chosen = parse_formats(formats)
        loaded = load_sites_file(sites)
        if out is not None:
            loaded.portfolio.portfolio.out = str(out.resolve())
        if queue is not None:
            from auditor.portfolio.queue import enqueue_batch, watch_batch

            batch, count = enqueue_batch(loaded, overrides, queue, chosen, fresh=fresh)
            if not quiet and not as_json:
                err.print(f"Queued {count} sites of batch {batch} on {queue}", markup=False, soft_wrap=True)
            if not wait:
                if as_json:
                    typer.echo(json.dumps({"batch": batch, "queued": count}))
                return
            report = watch_batch(loaded, overrides, batch, say=_sayer(quiet or as_json))
        else:
            cores = processes or os.cpu_count() or 1
            report = _local(loaded, overrides, concurrency, cores, chosen, fresh, quiet or as_json)
    except AuditError as error:
        raise fail(error) from None
    _summary(report, quiet, as_json)
    if report.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)
    if report.failed:
        raise typer.Exit(EXIT_SITE_FAILED)


def _sayer(silent: bool) -> Callable[[str], None]:
    def say(line: str) -> None:
        if not silent:
            err.print(line, markup=False, soft_wrap=True)

    return say


def _local(
    loaded: LoadedPortfolio,
    overrides: dict[str, Any],
    concurrency: int,
    processes: int,
    formats: list[str],
    fresh: bool,
    silent: bool,
) -> BatchReport:
    from auditor.portfolio.batch import run_batch

    live = not silent and err.is_terminal
    status = err.status("Starting the batch") if live else None
    watching: list[BatchProgress] = []
    stop = threading.Event()

    def refresh() -> None:
        while not stop.wait(1.0):
            if status is not None and watching:
                status.update(watching[0].status())

    ticker = threading.Thread(target=refresh, name="batch-progress", daemon=True)
    if status is not None:
        status.start()
        ticker.start()
    try:
        return run_batch(
            loaded,
            overrides,
            concurrency=concurrency,
            processes=processes,
            formats=formats,
            fresh=fresh,
            lines=_sayer(silent),
            on_progress=watching.append,
        )
    finally:
        stop.set()
        if status is not None:
            status.stop()


def _summary(report: BatchReport, quiet: bool, as_json: bool) -> None:
    if as_json:
        typer.echo(report.summary.read_text(encoding="utf-8").strip().replace("\n", " "))
        return
    if quiet:
        return
    from auditor.results import band

    width = max([len(o.name) for o in report.outcomes] + [4])
    typer.echo(f"{'site':<{width}}  {'state':<8} {'score':>5}  {'band':<7} {'pages':>5} {'seconds':>7}  error")
    for o in report.outcomes:
        score = "-" if o.score is None else str(o.score)
        pages = "-" if o.pages is None else str(o.pages)
        seconds = "-" if o.seconds is None else f"{o.seconds:.1f}"
        shown_band = band(o.score) if o.state == "done" else "-"
        typer.echo(f"{o.name:<{width}}  {o.state:<8} {score:>5}  {shown_band:<7} {pages:>5} {seconds:>7}  {o.error}")
    done = sum(o.state == "done" for o in report.outcomes)
    typer.echo(
        f"Audited {done} of {len(report.outcomes)} sites ({len(report.failed)} failed"
        f"{', ' + str(report.resumed) + ' finished before this start' if report.resumed else ''}); "
        f"overview: {report.overview}"
    )
    if report.interrupted:
        typer.echo("Interrupted: run the same command again to audit the sites that are left.")


def worker_command(
    queue: Annotated[str, typer.Option("--queue", help="The Redis URL the batch was queued on.")],
    concurrency: Annotated[int, typer.Option(min=1, max=64, help="Sites this worker audits at once.")] = 1,
    name: Annotated[str | None, typer.Option(help="The worker's name in the queue (default: host and pid).")] = None,
    quiet: QuietOption = False,
) -> None:
    """Take site jobs from a queue and audit them; run one per machine (or more), stop with Ctrl-C."""
    from auditor.portfolio.queue import run_worker

    try:
        if not queue.startswith(("redis://", "rediss://")):
            raise UsageError(f"'{queue}' is not a Redis URL (redis://host:6379/0)")
        run_worker(queue, concurrency=concurrency, name=name, quiet=quiet)
    except AuditError as error:
        raise fail(error) from None
