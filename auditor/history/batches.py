"""A batch's sites in the history database: each queued once, its state, and the run it stored.

The row of (batch, site) is the batch's idempotent key. A worker may audit a site twice
(its job was delivered again after a worker died), but the run is stored by the one
transaction that turns the row to `done`; any later delivery finds it done and stores
nothing. Finished sites are skipped when a batch is started again, so an interrupted
batch resumes where it stopped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from auditor.history.record import AlreadyStoredError, History, record
from auditor.history.snapshot import site_key
from auditor.history.store import now
from auditor.results import AuditResults
from auditor.storage.tables import BatchSiteRow, RunRow

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
FINISHED = (DONE, FAILED)


@dataclass(frozen=True)
class BatchSite:
    """One site to audit: its name and URL, and the options that differ from the batch's."""

    name: str
    url: str
    options: tuple[tuple[str, object], ...] = ()

    @property
    def key(self) -> str:
        return site_key(self.url)


def batch_name(source: Path, out: Path) -> str:
    """A batch's stable name: the same file audited into the same folder is the same batch."""
    digest = hashlib.sha1(f"{source.resolve()}\n{out.resolve()}".encode()).hexdigest()[:10]
    return f"{source.stem[:150]}-{digest}"


def plan_batch(
    engine: Engine, batch: str, sites: Sequence[BatchSite], fresh: bool = False, only_new: bool = False
) -> list[BatchSite]:
    """Record the batch's sites (once); the sites still to audit, in the file's order.

    With `fresh` every site is audited again (a new pass of the same batch). With
    `only_new`, only the sites recorded now: those already queued are on the queue."""
    with Session(engine) as session, session.begin():
        known = {row.site_key: row for row in session.scalars(select(BatchSiteRow).where(BatchSiteRow.batch == batch))}
        recorded: set[str] = set()
        for position, site in enumerate(sites):
            row = known.get(site.key)
            if row is None or fresh:
                recorded.add(site.key)
            if row is None:
                session.add(
                    BatchSiteRow(
                        batch=batch, site_key=site.key, name=site.name, url=site.url, position=position, state=QUEUED
                    )
                )
            elif fresh:
                row.state, row.error, row.run_id, row.score = QUEUED, None, None, None
        session.flush()
        done = set(
            session.scalars(
                select(BatchSiteRow.site_key).where(BatchSiteRow.batch == batch, BatchSiteRow.state.in_(FINISHED))
            )
        )
    if only_new:
        return [site for site in sites if site.key in recorded]
    return [site for site in sites if site.key not in done]


def start_site(engine: Engine, batch: str, site: BatchSite, worker: str) -> bool:
    """Mark the site running; False when it is already finished (a job delivered again)."""
    with Session(engine) as session, session.begin():
        changed = session.execute(
            update(BatchSiteRow)
            .where(BatchSiteRow.batch == batch, BatchSiteRow.site_key == site.key, BatchSiteRow.state.not_in(FINISHED))
            .values(
                state=RUNNING, worker=worker[:200], attempts=BatchSiteRow.attempts + 1, started_at=now(), error=None
            )
        )
        return bool(getattr(changed, "rowcount", 0))


def store_site(
    history: History, batch: str, site: BatchSite, results: AuditResults, run_dir: Path, seconds: float
) -> AuditResults | None:
    """Store the site's run exactly once for this batch; None when an earlier delivery stored it."""

    def claim(session: Session) -> bool:
        changed = session.execute(
            update(BatchSiteRow)
            .where(BatchSiteRow.batch == batch, BatchSiteRow.site_key == site.key, BatchSiteRow.state != DONE)
            .values(state=DONE, finished_at=now())
        )
        return bool(getattr(changed, "rowcount", 0))

    def stored(session: Session, run: RunRow) -> None:
        session.execute(
            update(BatchSiteRow)
            .where(BatchSiteRow.batch == batch, BatchSiteRow.site_key == site.key)
            .values(
                run_id=run.id,
                run_dir=str(run_dir),
                score=results.score,
                pages=results.site.pages_crawled,
                seconds=round(seconds, 1),
                error=None,
            )
        )

    try:
        return record(history, results, run_dir, claim=claim, stored=stored)
    except AlreadyStoredError:
        return None


def fail_site(engine: Engine, batch: str, site: BatchSite, error: str, run_dir: Path | None, seconds: float) -> None:
    """The site could not be audited: say why, unless an earlier delivery finished it."""
    with Session(engine) as session, session.begin():
        session.execute(
            update(BatchSiteRow)
            .where(BatchSiteRow.batch == batch, BatchSiteRow.site_key == site.key, BatchSiteRow.state != DONE)
            .values(
                state=FAILED,
                error=error,
                run_dir=str(run_dir) if run_dir else None,
                seconds=round(seconds, 1),
                finished_at=now(),
            )
        )


def release_site(engine: Engine, batch: str, site: BatchSite) -> None:
    """Put a site that was interrupted mid-audit back in the queue, to be audited on the next start."""
    with Session(engine) as session, session.begin():
        session.execute(
            update(BatchSiteRow)
            .where(BatchSiteRow.batch == batch, BatchSiteRow.site_key == site.key, BatchSiteRow.state == RUNNING)
            .values(state=QUEUED)
        )


@dataclass(frozen=True)
class SiteOutcome:
    name: str
    url: str
    state: str
    score: int | None
    pages: int | None
    seconds: float | None
    error: str
    run_dir: str
    attempts: int


def batch_outcomes(engine: Engine, batch: str) -> list[SiteOutcome]:
    """Every site of the batch, in the file's order, as it stands."""
    with Session(engine) as session:
        rows = session.scalars(
            select(BatchSiteRow).where(BatchSiteRow.batch == batch).order_by(BatchSiteRow.position)
        ).all()
        return [
            SiteOutcome(
                name=row.name,
                url=row.url,
                state=row.state,
                score=row.score,
                pages=row.pages,
                seconds=row.seconds,
                error=row.error or "",
                run_dir=row.run_dir or "",
                attempts=row.attempts,
            )
            for row in rows
        ]
