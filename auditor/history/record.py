"""History at audit time: store the run, and tell the report how the site did before.

The database is opened (and migrated) before the crawl, so that a wrong URL is refused
in a second, not after a long crawl. After the checks, the run is compared with the
previous stored run of the same site and stored; the history and the changes go into
results.json, so `report RUN` shows them offline later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from auditor.config.settings import AuditConfig
from auditor.history.compare import compare, to_changes
from auditor.history.snapshot import snapshot_of
from auditor.history.store import iso, latest_run, load_snapshot, prune, runs_of, site_for, store_run
from auditor.results import AuditResults, HistoryPoint
from auditor.storage.db import database_url, open_database
from auditor.storage.tables import RunRow

HISTORY_POINTS = 24  # two years of monthly scans on the report's trend chart


@dataclass(frozen=True)
class History:
    engine: Engine
    keep: int | None = None
    noise: float = 5.0


def open_history(config: AuditConfig, enabled: bool = True, keep: int | None = None) -> History | None:
    """The history database of this config, migrated; None with --no-history or `[history] enabled = false`."""
    if not enabled or not config.history.enabled:
        return None
    engine = open_database(database_url(config.history.url or None))
    return History(engine=engine, keep=keep or config.history.keep, noise=config.gate.noise)


class AlreadyStoredError(Exception):
    """The run was stored before, by an earlier delivery of the same job: nothing stored twice."""


def record(
    history: History,
    results: AuditResults,
    run_dir: Path,
    claim: Callable[[Session], bool] | None = None,
    stored: Callable[[Session, RunRow], None] | None = None,
) -> AuditResults:
    """Store the run; return the results with `history` and `changes` filled in, for the caller to save.

    `claim` runs first, in the same transaction: when it returns False the run is not stored
    (AlreadyStoredError), which is how a batch stores each of its sites once. `stored` runs last,
    still in the transaction, with the new run's row."""
    with Session(history.engine) as session, session.begin():
        if claim is not None and not claim(session):
            raise AlreadyStoredError(f"{results.site.url} was already stored for this batch")
        site = site_for(session, results.site.url, results.site.domain)
        previous = latest_run(session, site.id, complete=True)
        previous_id = previous.id if previous is not None else None
        before = load_snapshot(session, previous_id) if previous_id is not None else None
        run = store_run(session, results, run_dir)
        if history.keep:
            prune(session, site.id, history.keep)
        points = [
            HistoryPoint(run_id=r.id, finished_at=iso(r.finished_at or r.started_at), score=r.score)
            for r in runs_of(session, site.id, HISTORY_POINTS)
        ]
        run_id = run.id
        if stored is not None:
            stored(session, run)
    changes = None
    if before is not None and previous_id is not None:
        comparison = compare(before, snapshot_of(results, f"run {run_id}"), history.noise)
        changes = to_changes(comparison, previous_id)
    updated = results.model_copy(update={"history": points, "changes": changes})
    return updated
