"""`contact-audit history [SITE]` and `contact-audit diff RUN_A RUN_B`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from auditor.cli.options import ConfigOption, JsonOption, fail, whole_lines
from auditor.config.usage import NOISE
from auditor.errors import AuditError, UsageError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from auditor.history.compare import Comparison
    from auditor.history.findings import CheckFinding, FindingMove
    from auditor.history.snapshot import Snapshot
    from auditor.results import AuditResults

SPARKS = "▁▂▃▄▅▆▇█"
out = whole_lines()


def sparkline(scores: list[int | None]) -> str:
    """Scores 0-100 as block characters on a fixed scale (a gap where a run had no score)."""
    return "".join(" " if s is None else SPARKS[min(len(SPARKS) - 1, s * len(SPARKS) // 101)] for s in scores)


def history_engine(config: Path | None) -> Engine:
    from auditor.config.settings import command_config
    from auditor.storage.db import database_url, open_database

    settings = command_config(config)
    return open_database(database_url(settings.history.url or None))


def history_command(
    site: Annotated[str | None, typer.Argument(help="A site: its name, URL or domain. Without it: every site.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show the newest N runs.")] = 24,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show the stored runs of a site and its score over time."""
    from auditor.history.listing import every_site, site_runs

    try:
        engine = history_engine(config)
        data = every_site(engine) if site is None else site_runs(engine, site, limit)
    except AuditError as error:
        raise fail(error) from None
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
    elif site is None:
        _print_sites(data)
    else:
        _print_runs(data)


def _print_sites(data: dict[str, Any]) -> None:
    from rich.table import Table

    if not data["sites"]:
        out.print("No stored runs yet: every `contact-audit audit` stores one.")
        return
    table = Table("Site", "Name", "Runs", "Latest", "Trend", box=None, pad_edge=False)
    for site in data["sites"]:
        scores = site["scores"]
        latest = "–" if not scores or scores[-1] is None else str(scores[-1])
        table.add_row(site["key"], site["name"] or "", str(site["runs"]), latest, sparkline(scores))
    out.print(table)


def _print_runs(data: dict[str, Any]) -> None:
    from rich.table import Table

    site, runs = data["site"], data["runs"]
    out.print(f"{site['name'] or site['key']} ({site['url']})", markup=False)
    if not runs:
        out.print("No stored runs.")
        return
    categories = list(dict.fromkeys(c for r in runs for c in r["categories"]))
    table = Table("Run", "Finished (UTC)", "Score", "Band", *categories, box=None, pad_edge=False)
    for run in runs:
        when = (run["finished_at"] or run["started_at"] or "")[:16].replace("T", " ")
        score = "–" if run["score"] is None else str(run["score"]) + (" (partial)" if run["partial"] else "")
        cells = ["–" if run["categories"].get(c) is None else str(run["categories"][c]) for c in categories]
        table.add_row(str(run["id"]), when, score, run["band"], *cells)
    out.print(table)
    scores = [r["score"] for r in runs]
    known = [s for s in scores if s is not None]
    span = f"{known[0]} → {known[-1]}" if known else "no score yet"
    out.print(f"Trend  {sparkline(scores)}  {span}", markup=False)


def load_run(ref: str, engine: Engine | None) -> Snapshot:
    """A run directory, a report.json/results.json file, or a stored run id."""
    path = Path(ref)
    if path.is_dir() or path.is_file():
        from auditor.history.snapshot import snapshot_of

        return snapshot_of(_results_from(path), str(path))
    if ref.isdigit():
        if engine is None:
            raise UsageError(f"'{ref}' looks like a stored run id, but history is off")
        from auditor.history.listing import stored_snapshot

        return stored_snapshot(engine, int(ref))
    raise UsageError(f"'{ref}' is neither a run directory, a report.json file nor a stored run id")


def _results_from(path: Path) -> AuditResults:
    from auditor.results import AuditResults
    from auditor.run.files import RESULTS_FILE, load_results

    if path.is_dir():
        if (path / RESULTS_FILE).is_file():
            return load_results(path)
        path = path / "report.json"
        if not path.is_file():
            raise UsageError(f"{path.parent} is not a run directory: it has no results.json or report.json")
    try:
        return AuditResults.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        raise UsageError(f"{path} is not a contact-audit report.json or results.json") from None


def diff_command(
    run_a: Annotated[str, typer.Argument(help="The earlier run: a run directory, a report.json or a history id.")],
    run_b: Annotated[str, typer.Argument(help="The later run, in the same forms.")],
    noise: Annotated[
        float, typer.Option(min=0, max=100, help="Score points a change must reach to be flagged.")
    ] = NOISE,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Compare two runs: findings new, fixed, changed; channels that appeared or are gone; scores that moved."""
    try:
        needs_db = any(not Path(r).exists() and r.isdigit() for r in (run_a, run_b))
        engine = history_engine(config) if needs_db else None
        before, after = load_run(run_a, engine), load_run(run_b, engine)
    except AuditError as error:
        raise fail(error) from None
    from auditor.history.compare import compare, to_json

    comparison = compare(before, after, noise)
    if as_json:
        typer.echo(json.dumps(to_json(comparison), ensure_ascii=False))
    else:
        print_comparison(comparison)


def _finding_line(finding: CheckFinding) -> str:
    """A finding once, with the pages (or places) it is found at."""
    where = finding.where()
    return finding.title + (f" — {where}" if where else "")


def _move_line(move: FindingMove) -> str:
    said = [f"now also at {move.after.where(move.new_places)}"] if move.new_places else []
    said += [f"no longer at {move.before.where(move.fixed_places)}"] if move.fixed_places else []
    if not said and move.before.detail != move.after.detail:
        said.append(f"{move.before.detail or 'no value'} → {move.after.detail or 'no value'}")
    return move.after.title + (f" — {'; '.join(said)}" if said else "")


def print_comparison(comparison: Comparison) -> None:
    before, after = comparison.before, comparison.after
    out.print(f"From {before.label} ({before.finished_at or '?'}) to {after.label} ({after.finished_at or '?'})")
    if before.site_key != after.site_key:
        out.print(f"Note: these are runs of two different sites ({before.site_key}, {after.site_key}).", markup=False)
    for warning in comparison.warnings:
        out.print(f"Warning: {warning}.", markup=False)
    out.print("\nScores")
    moved = comparison.notable_scores
    for move in moved:
        out.print(f"  {move.sentence()}", markup=False)
    if not moved:
        out.print(f"  No score moved by {comparison.noise:g} points or changed band.")
    out.print("\nChannels")
    for _, text in comparison.disappeared:
        out.print(f"  - {text}", markup=False)
    for _, text in comparison.appeared:
        out.print(f"  + {text}", markup=False)
    if not comparison.appeared and not comparison.disappeared:
        out.print("  The same channels as before.")
    counts = (
        f"{len(comparison.new)} new, {len(comparison.fixed)} fixed, "
        f"{len(comparison.changed)} changed, {len(comparison.unchanged)} unchanged"
    )
    out.print(f"\nFindings: {counts}")
    for label, findings in (("new", comparison.new), ("fixed", comparison.fixed)):
        for finding in findings:
            out.print(f"  {label:<8}{_finding_line(finding)}", markup=False)
    for changed in comparison.changed:
        out.print(f"  {'changed':<8}{_move_line(changed)}", markup=False)
