"""History tables: one row per site, per run, and per category score, check result,
finding, channel and probe result of a run.

Times are stored as naive UTC datetimes: SQLite keeps no offset, and one rule for both
databases keeps sorting and comparisons right. The schema is created and upgraded only
by the Alembic migrations in `auditor/storage/migrations/`; a change here needs a new
migration (tests compare the two).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auditor.storage.db import Base


def _run_fk() -> ForeignKey:
    return ForeignKey("runs.id", ondelete="CASCADE")


class SiteRow(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The site's stable identity: host (without www.) and path, no scheme, so that an
    # http -> https move or a www redirect keeps the history together.
    key: Mapped[str] = mapped_column(String(500), unique=True)
    url: Mapped[str] = mapped_column(String(2000))
    domain: Mapped[str] = mapped_column(String(255), index=True)
    name: Mapped[str | None] = mapped_column(String(200))
    owner: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    runs: Mapped[list[RunRow]] = relationship(back_populates="site", cascade="all, delete-orphan", passive_deletes=True)


class RunRow(Base):
    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    started_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    score: Mapped[int | None] = mapped_column(Integer)
    partial: Mapped[bool] = mapped_column(Boolean, default=False)
    pages_crawled: Mapped[int] = mapped_column(Integer, default=0)
    pages_rendered: Mapped[int] = mapped_column(Integer, default=0)
    run_dir: Mapped[str | None] = mapped_column(String(4000), index=True)
    tool_version: Mapped[str] = mapped_column(String(50))

    site: Mapped[SiteRow] = relationship(back_populates="runs")
    categories: Mapped[list[CategoryScoreRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    checks: Mapped[list[CheckResultRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    findings: Mapped[list[FindingRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="FindingRow.id"
    )
    channels: Mapped[list[ChannelRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ChannelRow.id"
    )
    probes: Mapped[list[ProbeResultRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class CategoryScoreRow(Base):
    __tablename__ = "category_scores"

    run_id: Mapped[int] = mapped_column(_run_fk(), primary_key=True)
    category: Mapped[str] = mapped_column(String(50), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    score: Mapped[int | None] = mapped_column(Integer)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)


class CheckResultRow(Base):
    """Every check of a run, passes included: what a baseline or a trend per check needs."""

    __tablename__ = "check_results"

    run_id: Mapped[int] = mapped_column(_run_fk(), primary_key=True)
    check_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    category: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(500))
    score: Mapped[float | None] = mapped_column(Float)
    mode: Mapped[str] = mapped_column(String(20))
    weight: Mapped[float] = mapped_column(Float)
    display_value: Mapped[str] = mapped_column(Text, default="")


class FindingRow(Base):
    """A problem found: a failing check as a whole (key "") or one evidence row of it."""

    __tablename__ = "findings"
    __table_args__ = (UniqueConstraint("run_id", "fingerprint", name="uq_finding_once_per_run"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(_run_fk(), index=True)
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    check_id: Mapped[str] = mapped_column(String(100))
    key: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(String(500))
    score: Mapped[float | None] = mapped_column(Float)
    url: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="")


class ChannelRow(Base):
    """One contact channel found in a run, under a key that stays the same from run to run."""

    __tablename__ = "channels"
    __table_args__ = (UniqueConstraint("run_id", "key", name="uq_channel_once_per_run"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(_run_fk(), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(1000))
    value: Mapped[str] = mapped_column(Text)
    noun: Mapped[str] = mapped_column(String(200))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ProbeResultRow(Base):
    """A probe's outcome as the run reported it (results.probes); the ledger keeps the sending."""

    __tablename__ = "probe_results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(_run_fk(), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    target: Mapped[str] = mapped_column(String(2000))
    token: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    first_reply_at: Mapped[datetime | None] = mapped_column(DateTime)
    first_human_reply_at: Mapped[datetime | None] = mapped_column(DateTime)
    auto_reply: Mapped[bool | None] = mapped_column(Boolean)
    human_handover: Mapped[bool | None] = mapped_column(Boolean)
    promised_response_time: Mapped[str | None] = mapped_column(String(100))


HISTORY_TABLES = [
    SiteRow.__table__,
    RunRow.__table__,
    CategoryScoreRow.__table__,
    CheckResultRow.__table__,
    FindingRow.__table__,
    ChannelRow.__table__,
    ProbeResultRow.__table__,
]


class BatchSiteRow(Base):
    """One site of a batch: queued, running, done or failed, and the stored run it produced.

    (batch, site_key) is unique: it is the idempotent key that makes a site of a batch be
    stored once, however many times a queue delivers its job (a worker that died mid-site
    has its job delivered again)."""

    __tablename__ = "batch_sites"
    __table_args__ = (UniqueConstraint("batch", "site_key", name="uq_batch_site"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch: Mapped[str] = mapped_column(String(200), index=True)
    site_key: Mapped[str] = mapped_column(String(500))
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(2000))
    position: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str | None] = mapped_column(String(200))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    run_dir: Mapped[str | None] = mapped_column(String(4000))
    score: Mapped[int | None] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    seconds: Mapped[float | None] = mapped_column(Float)
    error: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)


HISTORY_TABLES.append(BatchSiteRow.__table__)
