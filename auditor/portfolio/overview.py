"""After a scan: link each new run to its portfolio site, find what regressed, write the overview."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from auditor.config.settings import command_config
from auditor.errors import AuditError
from auditor.history.compare import Comparison, biggest_regression, compare, regression_lines
from auditor.history.store import load_snapshot, run_by_dir, runs_of
from auditor.portfolio.alerts import SiteAlert
from auditor.portfolio.file import LoadedPortfolio, PortfolioSite
from auditor.results import OverviewRow
from auditor.storage.db import database_url, open_database

if TYPE_CHECKING:
    from auditor.portfolio.state import ScanState, SiteState

TREND_RUNS = 12


def _engine(loaded: LoadedPortfolio, problems: list[str]) -> Engine | None:
    try:
        settings = command_config(loaded.config)
        if not settings.history.enabled:
            return None
        return open_database(database_url(settings.history.url or None))
    except AuditError as error:
        problems.append(f"history is not available: {error}")
        return None


def _with_history(
    engine: Engine, site: PortfolioSite, row: OverviewRow, run_dir: Path, drop: float
) -> Comparison | None:
    """Fill the trend and the biggest regression from history; the comparison when the site regressed."""
    with Session(engine) as session, session.begin():
        run = run_by_dir(session, run_dir)
        if run is None:
            return None
        # The portfolio names the site: history and its queries use the name from now on.
        run.site.name, run.site.owner = site.name, site.owner or None
        runs = runs_of(session, run.site_id, TREND_RUNS)
        row.scores = [r.score for r in runs]
        ids = [r.id for r in runs]
        if run.id not in ids:
            return None
        # A partial run is compared with nothing and is never compared against: what it did
        # not reach would read as a channel gone.
        earlier = [r for r in runs[: ids.index(run.id)] if not r.partial]
        if run.partial or not earlier:
            return None
        previous = earlier[-1]
        comparison = compare(load_snapshot(session, previous.id), load_snapshot(session, run.id), drop)
        if run.score is not None and previous.score is not None:
            row.delta = run.score - previous.score
    row.regression = biggest_regression(comparison)
    regressed = comparison.worse_scores or comparison.disappeared or comparison.regressed_checks
    return comparison if regressed else None


def _alert(site: PortfolioSite, row: OverviewRow, comparison: Comparison) -> SiteAlert:
    return SiteAlert(
        site.name,
        site.url,
        site.owner,
        row.regression,
        row.score,
        changes=tuple(regression_lines(comparison)),
        previous_score=comparison.before.score,
        lost_channels=tuple(text for _, text in comparison.disappeared),
    )


def build_overview(loaded: LoadedPortfolio, state: ScanState, path: Path) -> tuple[Path, list[SiteAlert], list[str]]:
    """Write the overview page; the alerts to send and any problems met on the way."""
    from auditor.run.render import write_overview

    problems: list[str] = []
    alerts: list[SiteAlert] = []
    engine = _engine(loaded, problems)
    rows = []
    for site in loaded.portfolio.sites:
        site_state: SiteState = state.site(site.name)
        row = OverviewRow(site.name, site.url, site.owner, site_state.status, site_state.error, site_state.score)
        run_dir = Path(site_state.run_dir) if site_state.run_dir else None
        if run_dir is not None and (run_dir / "report.html").is_file():
            row.report = os.path.relpath(run_dir / "report.html", path.parent)
        regressed = None
        if engine is not None and run_dir is not None and site_state.status == "done":
            regressed = _with_history(engine, site, row, run_dir, loaded.portfolio.alerts.drop)
        if regressed is not None:
            alerts.append(_alert(site, row, regressed))
        elif site_state.status == "failed":
            alerts.append(SiteAlert(site.name, site.url, site.owner, f"could not be audited: {row.error}"))
        rows.append(row)
    if engine is not None:
        engine.dispose()
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    write_overview(path, loaded.portfolio.portfolio.name, rows, generated)
    return path, alerts, problems
