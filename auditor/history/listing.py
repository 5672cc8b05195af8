"""The history as the commands show it: sites and runs as plain data, read through the store.

The commands never read the database's rows themselves: `history`, `diff` and `ci` ask
here, so that the tables can change without touching a command.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from auditor.history.snapshot import Snapshot, site_key
from auditor.history.store import find_site, iso, latest_run, load_snapshot, runs_of, sites
from auditor.results import band
from auditor.storage.tables import RunRow, SiteRow


def _site(site: SiteRow) -> dict[str, Any]:
    return {"key": site.key, "url": site.url, "domain": site.domain, "name": site.name, "owner": site.owner}


def _run(run: RunRow) -> dict[str, Any]:
    return {
        "id": run.id,
        "url": run.url,
        "started_at": iso(run.started_at),
        "finished_at": iso(run.finished_at),
        "score": run.score,
        "band": band(run.score),
        "partial": run.partial,
        "categories": {c.category: c.score for c in run.categories},
        "run_dir": run.run_dir,
        "tool_version": run.tool_version,
    }


def every_site(engine: Engine, recent: int = 12) -> dict[str, Any]:
    """Every stored site, with its number of runs and its recent scores."""
    with Session(engine) as session:
        listed = []
        for site, count in sites(session):
            latest = runs_of(session, site.id, recent)
            listed.append({**_site(site), "runs": count, "scores": [r.score for r in latest]})
        return {"sites": listed}


def site_runs(engine: Engine, text: str, limit: int) -> dict[str, Any]:
    """One site (by name, URL or domain) and its newest `limit` runs."""
    with Session(engine) as session:
        row = find_site(session, text)
        return {"site": _site(row), "runs": [_run(r) for r in runs_of(session, row.id, limit)]}


def stored_snapshot(engine: Engine, run_id: int) -> Snapshot:
    with Session(engine) as session:
        return load_snapshot(session, run_id)


def newest_snapshot(engine: Engine, url: str) -> Snapshot | None:
    """The newest complete stored run of the site at `url`, as a snapshot; None when it has none.

    A partial run (its budget ran out, a page failed fatally) is never the baseline: what it
    did not reach would count as fixed or gone."""
    with Session(engine) as session:
        site = session.scalar(select(SiteRow).where(SiteRow.key == site_key(url)))
        run = latest_run(session, site.id, complete=True) if site is not None else None
        return load_snapshot(session, run.id) if run is not None else None
