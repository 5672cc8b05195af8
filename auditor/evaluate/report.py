"""The evaluation as a table for people and as JSON for CI."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from auditor.evaluate.corpus import KINDS, TARGETS, Evaluation, Tally


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _cells(tally: Tally | None) -> tuple[str, str]:
    if tally is None:
        return "n/a", "n/a"
    return _ratio(tally.precision), _ratio(tally.recall)


def print_evaluation(result: Evaluation, console: Console) -> None:
    table = Table(title=f"Contact extraction on {result.cases} labelled pages and sites", title_justify="left")
    for column in ("kind", "extractor", "precision", "recall", "target"):
        table.add_column(column)
    for kind in KINDS:
        target = TARGETS.get(kind)
        shown = "–" if target is None else f"{target:.2f}"
        table.add_row(kind, "contact-auditor", *_cells(result.ours[kind]), shown)
        for tool, tallies in result.others.items():
            if kind in tallies:
                table.add_row("", tool, *_cells(tallies[kind]), "")
    console.print(table)
    for kind in KINDS:
        tally = result.ours[kind]
        for miss in tally.misses:
            console.print(f"missed {kind}: {miss}", markup=False, highlight=False)
        for wrong in tally.false_positives:
            console.print(f"wrongly found {kind}: {wrong}", markup=False, highlight=False)
    verdict = "meets" if result.meets_targets() else "does NOT meet"
    console.print(f"contact-auditor {verdict} the targets.", markup=False)


def evaluation_dict(result: Evaluation) -> dict[str, Any]:
    def tally_dict(tally: Tally) -> dict[str, Any]:
        return {
            "precision": tally.precision,
            "recall": tally.recall,
            "misses": tally.misses,
            "false_positives": tally.false_positives,
        }

    return {
        "cases": result.cases,
        "targets": TARGETS,
        "meets_targets": result.meets_targets(),
        "ours": {kind: tally_dict(result.ours[kind]) for kind in KINDS},
        "others": {tool: {k: tally_dict(t) for k, t in tallies.items()} for tool, tallies in result.others.items()},
        "warnings": result.warnings,
    }
