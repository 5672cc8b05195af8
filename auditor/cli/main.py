"""The `contact-audit` command."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from auditor import __version__
from auditor.cli.audit import gate, run_audit, say_warnings, summary
from auditor.cli.help import App
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
    whole_lines,
)
from auditor.errors import EXIT_BELOW_THRESHOLD, EXIT_INTERNAL, AuditError, UsageError

if TYPE_CHECKING:
    pass

# `--help` and usage errors must answer at once: this module imports only what building the
# commands needs, and each command imports the crawler, the checks, the reports and the
# database when it runs.

app = App(
    name="contact-audit",
    help="Audit how customers can reach a company: find every contact channel, judge it, score it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
FormatOption = Annotated[
    str, typer.Option("--format", "-f", help="Report formats, comma-separated: html,json,pdf,md,junit,csv or all.")
]


@app.command()
def audit(
    url: Annotated[str, typer.Argument(help="The site to audit, e.g. https://example.com/")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Run directory for artifacts, results and reports.")] = Path(
        "contact-audit-report"
    ),
    max_pages: Annotated[int | None, typer.Option(help="Pages to crawl at most (default: 50).")] = None,
    max_depth: Annotated[
        int | None, typer.Option(help="Links to follow from the home page at most (default: 5).")
    ] = None,
    delay: Annotated[float | None, typer.Option(help="Seconds between requests to the site (default: 1).")] = None,
    time_budget: Annotated[
        float | None,
        typer.Option(help="Seconds the crawl may take, then the audit ends with what it has, partial (default: 900)."),
    ] = None,
    render: Annotated[bool | None, typer.Option("--render/--no-render", help="Render key pages in Chromium.")] = None,
    formats: FormatOption = "html,json",
    fail_under: Annotated[float | None, typer.Option(help="Exit 1 when the score is below this (0-100).")] = None,
    minimums: Annotated[
        list[str] | None, typer.Option("--min", help="Exit 1 when a category scores below SCORE (0-100); repeatable.")
    ] = None,
    checks: Annotated[
        list[str] | None,
        typer.Option(
            "--check", help="When CHECK fails: exit 1 (LEVEL error), only say so (warn) or ignore it (off); repeatable."
        ),
    ] = None,
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
    """Crawl a site, find its contact channels, score them and write the reports."""
    from auditor.config.usage import check_url, parse_formats

    try:
        if fail_under is not None and not 0 <= fail_under <= 100:
            raise UsageError(f"--fail-under must be between 0 and 100, not {fail_under:g}")
        chosen = parse_formats(formats)
        check_url(url)  # before the config, the history and the run directory are touched
    except AuditError as error:
        raise fail(error) from None
    from auditor.config.settings import command_config
    from auditor.history.record import open_history
    from auditor.run.render import check_printer, report_options

    try:
        settings = command_config(
            config,
            {
                "max_pages": max_pages,
                "max_depth": max_depth,
                "delay": delay,
                "render": render,
                "time_budget": time_budget,
            },
            access_overrides(auth, headers, cookies, ignore_robots_txt),
        )
        options = report_options(settings.report, settings, lang)
        check_printer(options, chosen)
        # The same assertions as `ci` (without a baseline), refused before the crawl when wrong.
        asserted = None
        if minimums or checks:
            from auditor.cli.ci import gate_settings

            asserted = gate_settings(settings, {"fail_under": fail_under, "baseline": ""}, minimums or [], checks or [])
        history = open_history(settings, not no_history, keep)
        results = run_audit(url, settings, out, chosen, quiet or as_json, options, history, verbose=verbose)
    except AuditError as error:
        raise fail(error) from None
    summary(results, out, as_json, quiet)
    if asserted is None:
        raise typer.Exit(gate(results, fail_under))
    from auditor.cli.ci import say_gate
    from auditor.history.gate import evaluate

    verdict = evaluate(results, asserted)
    if not as_json and not quiet:
        say_gate(verdict)
    raise typer.Exit(verdict.exit_code)


@app.command()
def report(
    run_dir: Annotated[Path, typer.Argument(help="A run directory written by `contact-audit audit`.")],
    formats: FormatOption = "html,json",
    lang: LangOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write the reports into this folder instead, e.g. a second language's beside the run's "
            "(default: RUN_DIR).",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="Take the [report] branding from this file, not from the run."),
    ] = None,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Re-render the reports of a finished run from its results.json, without crawling."""
    from auditor.config.settings import command_config
    from auditor.config.usage import parse_formats
    from auditor.run.files import load_results
    from auditor.run.render import check_printer, copy_screenshots, render_reports, report_options, stored_report_config

    try:
        chosen = parse_formats(formats)
        results = load_results(run_dir)
        settings = command_config(config)
        branding = settings.report if config is not None else stored_report_config(results)
        options = report_options(branding, settings, lang)
        check_printer(options, chosen)
        if out is not None:
            copy_screenshots(run_dir, out)
        written = render_reports(results, out or run_dir, chosen, options)
    except AuditError as error:
        raise fail(error) from None
    if as_json:
        summary(results, out or run_dir, True, quiet, run_dir=run_dir, written=written)
    elif not quiet:
        for path in written:
            typer.echo(f"Wrote {path}")


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the demo report.")] = Path(
        "contact-audit-demo"
    ),
    formats: FormatOption = "all",
    lang: LangOption = None,
    probes: Annotated[
        bool, typer.Option("--probes", help="Also probe email, form and chat through a local mail server (~30 s).")
    ] = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Serve the bundled demo company site on 127.0.0.1 and audit it."""
    # The demo is the same everywhere: no config file or environment of the user is read.
    from auditor.config.settings import load_config
    from auditor.config.usage import parse_formats
    from auditor.demo.site import demo_site
    from auditor.demo.sitehost import serve
    from auditor.run.render import check_printer, report_options

    try:
        chosen = parse_formats(formats)
        settings = load_config(None, {"delay": 0.0})
        options = report_options(settings.report, settings, lang)
        check_printer(options, chosen)
        if probes:
            from auditor.demo.probes import run_probe_demo

            say = (lambda _: None) if quiet else (lambda line: err.print(line, markup=False))
            results = run_probe_demo(settings, out, chosen, options, say)
            if verbose:
                say_warnings(results)
        else:
            with demo_site() as root, serve(root) as base:
                if not quiet:
                    err.print(f"Serving the demo site (Nimbus Bikes) at {base}/", markup=False)
                results = run_audit(base + "/", settings, out, chosen, quiet, options, verbose=verbose)
    except AuditError as error:
        raise fail(error) from None
    summary(results, out, False, quiet)
    if not quiet:
        typer.echo(f"Open {(out / 'report.html').resolve().as_uri()} in a browser to read the report.")


@app.command("eval")
def evaluate_corpus(
    corpus: Annotated[Path, typer.Argument(help="A labelled corpus: labels.json beside its pages.")] = Path(
        "tests/corpus"
    ),
    baselines: Annotated[
        bool, typer.Option("--baselines/--no-baselines", help="Also run other extractors on the corpus.")
    ] = True,
    as_json: JsonOption = False,
) -> None:
    """Measure contact extraction (precision, recall) on a labelled corpus, beside other extractors."""
    from auditor.evaluate.corpus import evaluate
    from auditor.evaluate.report import evaluation_dict, print_evaluation

    try:
        result = evaluate(corpus, with_baselines=baselines)
    except AuditError as error:
        raise fail(error) from None
    if as_json:
        typer.echo(json.dumps(evaluation_dict(result), ensure_ascii=False, indent=2))
    else:
        print_evaluation(result, whole_lines())
    raise typer.Exit(0 if result.meets_targets() else EXIT_BELOW_THRESHOLD)


def _probe_app() -> typer.Typer:
    from auditor.cli.probe import app as probe_app

    return probe_app


app.add_typer(_probe_app(), name="probe")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"contact-audit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """contact-audit: how easily can customers reach a company?"""


def main() -> None:
    try:
        # Named so however it was started (`python -m auditor`): usage lines and shell completion say contact-audit.
        app(prog_name="contact-audit")
    except KeyboardInterrupt:
        err.print("contact-audit: interrupted", markup=False)
        sys.exit(130)
    except Exception as error:  # a bug: still one sentence for the user, the traceback on request
        if os.environ.get("CONTACT_AUDIT_DEBUG"):
            raise
        err.print(
            f"contact-audit: internal error: {type(error).__name__}: {error} "
            f"(set CONTACT_AUDIT_DEBUG=1 for the traceback)",
            markup=False,
            soft_wrap=True,
        )
        sys.exit(EXIT_INTERNAL)


def _register_commands() -> None:
    # They use this module's options and helpers, so they are imported once it is complete.
    from auditor.cli.commands import register

    register(app)


_register_commands()
