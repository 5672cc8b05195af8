"""Store runs and read them back: sites, runs over time, a run as a comparable snapshot."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.orm import Session, selectinload

from auditor.domains import registrable_domain
from auditor.errors import UsageError
from auditor.history.snapshot import (
    Channel,
    CheckState,
    Finding,
    Snapshot,
    channels_of,
    fingerprint,
    site_key,
    snapshot_of,
)
from auditor.results import AuditResults
from auditor.storage.tables import (
    CategoryScoreRow,
    ChannelRow,
    CheckResultRow,
    FindingRow,
    ProbeResultRow,
    RunRow,
    SiteRow,
)


def utc(timestamp: str | None) -> datetime | None:
    """An ISO 8601 time as naive UTC, the way every table stores time; None when unreadable."""
    if not timestamp:
        return None
    try:
        moment = datetime.fromisoformat(timestamp)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.replace(tzinfo=UTC).isoformat()


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def site_for(session: Session, url: str, domain: str = "") -> SiteRow:
    key = site_key(url)
    site = session.scalar(select(SiteRow).where(SiteRow.key == key))
    if site is None:
        host_domain = domain or registrable_domain(key.split("/", 1)[0].rsplit(":", 1)[0])
        site = SiteRow(key=key, url=url, domain=host_domain, created_at=now())
        session.add(site)
        session.flush()
    return site


def store_run(session: Session, results: AuditResults, run_dir: Path | None) -> RunRow:
    """Add one run with its scores, check results, findings, channels and probe results."""
    site = site_for(session, results.site.url, results.site.domain)
    info = results.site
    run = RunRow(
        site_id=site.id,
        url=info.url,
        started_at=utc(info.started_at) or now(),
        finished_at=utc(info.finished_at),
        score=results.score,
        partial=info.partial,
        pages_crawled=info.pages_crawled,
        pages_rendered=info.pages_rendered,
        run_dir=str(run_dir.resolve()) if run_dir is not None else None,
        tool_version=results.tool.version,
    )
    run.categories = [
        CategoryScoreRow(category=c.id, title=c.title, score=c.score, provisional=c.provisional)
        for c in results.categories
    ]
    run.checks = [
        CheckResultRow(
            check_id=c.id,
            category=c.category,
            title=c.title[:500],
            score=c.score,
            mode=c.mode,
            weight=c.weight,
            display_value=c.display_value,
        )
        for c in results.checks
    ]
    snap = snapshot_of(results, "")
    run.findings = [
        FindingRow(
            fingerprint=fingerprint(site.key, f.check_id, f.key),
            check_id=f.check_id,
            key=f.key,
            title=f.title[:500],
            score=f.score,
            url=f.url,
            detail=f.detail,
        )
        for f in snap.findings.values()
    ]
    run.channels = [
        ChannelRow(kind=c.kind, key=c.key, value=c.value, noun=c.noun[:200], detail={}) for c in channels_of(results)
    ]
    run.probes = [
        ProbeResultRow(
            channel=p.channel,
            target=p.target,
            token=p.token,
            status=p.status,
            sent_at=utc(p.sent_at),
            first_reply_at=utc(p.first_reply_at),
            first_human_reply_at=utc(p.first_human_reply_at),
            auto_reply=p.auto_reply,
            human_handover=p.human_handover,
            promised_response_time=p.promised_response_time,
        )
        for p in results.probes
    ]
    session.add(run)
    session.flush()
    return run


def prune(session: Session, site_id: int, keep: int) -> int:
    """Delete all but the newest `keep` runs of a site; how many went."""
    ids = session.scalars(select(RunRow.id).where(RunRow.site_id == site_id).order_by(*_newest_first()))
    old = list(ids)[keep:]
    if old:
        # Children first: SQLite enforces ON DELETE CASCADE only where foreign keys are on.
        for table in (CategoryScoreRow, CheckResultRow, FindingRow, ChannelRow, ProbeResultRow):
            session.execute(delete(table).where(table.run_id.in_(old)))
        session.execute(delete(RunRow).where(RunRow.id.in_(old)))
    return len(old)


def _newest_first() -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    return (RunRow.started_at.desc(), RunRow.id.desc())


def latest_run(session: Session, site_id: int, exclude: int | None = None, complete: bool = False) -> RunRow | None:
    """The newest stored run of the site; with `complete`, the newest that saw the whole site."""
    query = select(RunRow).where(RunRow.site_id == site_id).order_by(*_newest_first()).limit(1)
    if complete:
        query = query.where(RunRow.partial.is_(False))
    if exclude is not None:
        query = query.where(RunRow.id != exclude)
    return session.scalar(query)


def runs_of(session: Session, site_id: int, limit: int | None = None) -> list[RunRow]:
    """The site's runs, oldest first (the newest `limit` of them)."""
    query = (
        select(RunRow)
        .where(RunRow.site_id == site_id)
        .options(selectinload(RunRow.categories))
        .order_by(*_newest_first())
    )
    if limit is not None:
        query = query.limit(limit)
    return list(reversed(list(session.scalars(query))))


def sites(session: Session) -> list[tuple[SiteRow, int]]:
    """Every site with its number of stored runs."""
    query = (
        select(SiteRow, func.count(RunRow.id))
        .outerjoin(RunRow, RunRow.site_id == SiteRow.id)
        .group_by(SiteRow.id)
        .order_by(SiteRow.key)
    )
    return [(site, count) for site, count in session.execute(query)]


def find_site(session: Session, text: str) -> SiteRow:
    """A site by its portfolio name, its URL or key, or its domain; one sentence when it is not one site."""
    wanted = text.strip()
    key = site_key(wanted if "://" in wanted else f"http://{wanted}")
    query = (
        select(SiteRow)
        .where(or_(func.lower(SiteRow.name) == wanted.lower(), SiteRow.key == key, SiteRow.domain == wanted.lower()))
        .order_by(SiteRow.key)
    )
    found = list(session.scalars(query))
    exact = [s for s in found if s.key == key or (s.name or "").lower() == wanted.lower()]
    if len(exact) == 1:
        return exact[0]
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(f"no stored runs of '{wanted}'; `contact-audit history` lists the sites with history")
    names = ", ".join(s.key for s in found[:5])
    raise UsageError(f"'{wanted}' matches several sites ({names}); name one of them")


def run_by_dir(session: Session, run_dir: Path) -> RunRow | None:
    query = select(RunRow).where(RunRow.run_dir == str(run_dir.resolve())).order_by(RunRow.id.desc()).limit(1)
    return session.scalar(query)


def load_snapshot(session: Session, run_id: int) -> Snapshot:
    run = session.get(RunRow, run_id)
    if run is None:
        raise UsageError(f"there is no stored run {run_id}; `contact-audit history SITE` lists the run ids")
    snap = Snapshot(
        label=f"run {run.id}",
        site_key=run.site.key,
        url=run.url,
        finished_at=iso(run.finished_at or run.started_at),
        score=run.score,
        categories={c.category: c.score for c in run.categories},
        category_titles={c.category: c.title for c in run.categories},
        partial=run.partial,
    )
    snap.checks = {
        c.check_id: CheckState(c.check_id, c.title, c.category, c.score, c.mode, c.weight, c.display_value)
        for c in run.checks
    }
    for f in run.findings:
        finding = Finding(f.check_id, f.key, f.title, f.score, f.url, f.detail)
        snap.findings[finding.match] = finding
    snap.channels = {c.key: Channel(c.kind, c.key, c.value, c.noun) for c in run.channels}
    return snap
