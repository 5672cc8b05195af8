"""Runs stored and read back, on SQLite and PostgreSQL: history, changes, retention, lookups."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from auditor.artifacts import Probe
from auditor.errors import UsageError
from auditor.history.record import History, record
from auditor.history.snapshot import snapshot_of
from auditor.history.store import find_site, load_snapshot, runs_of, site_for
from auditor.storage.db import open_database
from auditor.storage.tables import ChannelRow, FindingRow, ProbeResultRow, RunRow
from tests.builders import footer_check, run


@pytest.fixture
def engine(history_url: str) -> Iterator[Engine]:
    engine = open_database(history_url)
    yield engine
    engine.dispose()


def months(n: int) -> str:
    return f"2026-{n:02d}-01T06:00:00+00:00"


def test_first_run_has_no_changes_and_the_second_says_what_changed(engine: Engine, tmp_path: Path) -> None:
    first = record(History(engine), run(score=80, finished_at=months(1)), tmp_path)
    assert first.changes is None
    assert [(p.run_id, p.score) for p in first.history] == [(first.history[0].run_id, 80)]
    second = record(
        History(engine),
        run(score=70, whatsapp=False, checks=[footer_check("/about/", "/shop/")], finished_at=months(2)),
        tmp_path,
    )
    assert [p.score for p in second.history] == [80, 70]
    assert second.changes is not None
    assert second.changes.since_run_id == first.history[0].run_id
    assert second.changes.since == "2026-01-01T06:00:00+00:00"
    assert "The WhatsApp link 442079460958 is gone" in second.changes.summary
    assert [f.url for f in second.changes.new_findings] == ["https://www.nimbus-bikes.example/shop/"]
    assert len(second.changes.changed_findings) == 1  # the check itself: still failing, with a lower score


def test_a_stored_run_compares_exactly_like_its_results(engine: Engine, tmp_path: Path) -> None:
    results = run(checks=[footer_check("/a/", "/b/")], emails=[("sales@nimbus-bikes.example", "Sales")])
    stored = record(History(engine), results, tmp_path)
    with Session(engine) as session:
        snapshot = load_snapshot(session, stored.history[-1].run_id)
    original = snapshot_of(results, "x")
    assert snapshot.findings == original.findings
    assert snapshot.channels == original.channels
    assert snapshot.checks == original.checks
    assert snapshot.categories == original.categories


def test_retention_keeps_the_newest_runs_and_their_rows_only(engine: Engine, tmp_path: Path) -> None:
    probe = Probe(channel="email", target="info@nimbus-bikes.example", token="t1", status="replied")
    for month in range(1, 5):
        record(History(engine, keep=2), run(score=60 + month, finished_at=months(month), probes=[probe]), tmp_path)
    with Session(engine) as session:
        site = site_for(session, "https://nimbus-bikes.example/")
        assert [r.score for r in runs_of(session, site.id)] == [63, 64]
        kept = [r.id for r in runs_of(session, site.id)]
        for table in (FindingRow, ChannelRow, ProbeResultRow):
            orphans = session.scalar(select(func.count()).select_from(table).where(table.run_id.not_in(kept)))
            assert orphans == 0, table.__tablename__
        assert session.scalar(select(func.count()).select_from(ProbeResultRow)) == 2
        assert session.scalar(select(func.count()).select_from(RunRow)) == 2


def test_sites_are_found_by_name_url_or_domain(engine: Engine, tmp_path: Path) -> None:
    for url in ("https://www.nimbus-bikes.example/de/", "https://nimbus-bikes.example/en/"):
        record(History(engine), run(url=url), tmp_path)
    with Session(engine) as session, session.begin():
        site = site_for(session, "https://nimbus-bikes.example/de/")
        site.name = "Nimbus Bikes"
    with Session(engine) as session:
        assert find_site(session, "nimbus bikes").key == "nimbus-bikes.example/de"
        assert find_site(session, "http://nimbus-bikes.example/en").key == "nimbus-bikes.example/en"
        assert find_site(session, "nimbus-bikes.example/en/").key == "nimbus-bikes.example/en"
        with pytest.raises(UsageError, match=r"'nimbus-bikes.example' matches several sites \(nimbus-bikes.example/de"):
            find_site(session, "nimbus-bikes.example")
        with pytest.raises(UsageError, match=r"no stored runs of 'example\.org'"):
            find_site(session, "example.org")


def test_a_partial_run_is_never_the_run_the_next_one_is_compared_with(engine: Engine, tmp_path: Path) -> None:
    from auditor.history.listing import newest_snapshot

    complete = record(History(engine), run(score=80, finished_at=months(1)), tmp_path)
    # The next run's time budget ran out after a few pages: its WhatsApp link was never reached.
    record(History(engine), run(score=40, whatsapp=False, partial=True, finished_at=months(2)), tmp_path)
    third = record(History(engine), run(score=79, finished_at=months(3)), tmp_path)
    assert third.changes is not None and third.changes.since_run_id == complete.history[-1].run_id
    assert not any("WhatsApp" in line for line in third.changes.summary)
    baseline = newest_snapshot(engine, third.site.url)
    assert baseline is not None and baseline.partial is False and baseline.score == 79
