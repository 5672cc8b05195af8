"""The probe ledger: every probe is a row before it is sent, and every reply a row once collected.

Sending is a claim (planned -> sending, committed) before the SMTP transaction or the
form submit, so a crash or a second `probe send` can never send the same probe twice:
a row left in `sending` is reported as unknown, never retried. Replies are keyed by
their Message-ID, so collecting the same mailbox twice stores nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, UniqueConstraint, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from auditor.storage.db import Base, database_url, open_database

# Where a probe stands; the first three are the only ones that may still change.
OPEN_STATES = ("planned", "sending", "sent")


class ProbeRow(Base):
    __tablename__ = "probe_ledger"
    __table_args__ = (UniqueConstraint("run_key", "channel", "target", name="uq_probe_once_per_run"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_key: Mapped[str] = mapped_column(String(200), index=True)
    domain: Mapped[str] = mapped_column(String(255), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    target: Mapped[str] = mapped_column(String(2000))
    token: Mapped[str] = mapped_column(String(40), unique=True)
    state: Mapped[str] = mapped_column(String(20), default="planned", index=True)
    detail: Mapped[str] = mapped_column(String(500), default="")
    planned_at: Mapped[str] = mapped_column(String(40))
    claimed_at: Mapped[str | None] = mapped_column(String(40))
    sent_at: Mapped[str | None] = mapped_column(String(40))
    message_id: Mapped[str | None] = mapped_column(String(500), index=True)
    window_closes_at: Mapped[str | None] = mapped_column(String(40))
    first_reply_at: Mapped[str | None] = mapped_column(String(40))
    first_human_reply_at: Mapped[str | None] = mapped_column(String(40))
    business_seconds: Mapped[float | None] = mapped_column(Float)
    auto_reply: Mapped[bool | None] = mapped_column(Boolean)
    promised_response_time: Mapped[str | None] = mapped_column(String(40))
    handover_asked_at: Mapped[str | None] = mapped_column(String(40))
    human_handover: Mapped[bool | None] = mapped_column(Boolean)


class ReplyRow(Base):
    """A reply, minimised: when it came, whether a machine sent it and why we think so, no body."""

    __tablename__ = "probe_replies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    probe_id: Mapped[int] = mapped_column(ForeignKey("probe_ledger.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[str] = mapped_column(String(500), unique=True)
    arrived_at: Mapped[str] = mapped_column(String(40))
    automatic: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(String(200), default="")
    sender_domain: Mapped[str] = mapped_column(String(255), default="")
    promised_response_time: Mapped[str | None] = mapped_column(String(40))


class MailboxCursor(Base):
    """The last IMAP UID handled per mailbox, so `probe collect` resumes where it stopped."""

    __tablename__ = "probe_mailbox_cursor"

    mailbox: Mapped[str] = mapped_column(String(500), primary_key=True)
    uid_validity: Mapped[int] = mapped_column(Integer)
    last_uid: Mapped[int] = mapped_column(Integer)


@dataclass(frozen=True)
class PlannedProbe:
    channel: str
    target: str
    token: str


@dataclass(frozen=True)
class NewReply:
    message_id: str
    arrived_at: str
    automatic: bool
    reason: str = ""
    sender_domain: str = ""
    promised_response_time: str | None = None
    business_seconds: float | None = None


class Ledger:
    def __init__(self, url: str | None = None) -> None:
        # The schema comes from the history migrations (0002 adds these tables), never create_all.
        self.engine = open_database(database_url(url))
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    def session(self) -> Session:
        return self._session()

    def plan(self, run_key: str, domain: str, probes: Iterable[PlannedProbe], now: str) -> list[ProbeRow]:
        """Record probes as planned; one already recorded for this run, channel and target is kept as it is."""
        with self.session() as session:
            for probe in probes:
                exists = session.scalar(
                    select(ProbeRow.id).where(
                        ProbeRow.run_key == run_key, ProbeRow.channel == probe.channel, ProbeRow.target == probe.target
                    )
                )
                if exists is None:
                    row = ProbeRow(run_key=run_key, domain=domain, channel=probe.channel, target=probe.target)
                    row.token, row.planned_at, row.state, row.detail = probe.token, now, "planned", ""
                    session.add(row)
                    try:
                        session.commit()
                    except IntegrityError:  # another process planned it at the same moment
                        session.rollback()
            return list(session.scalars(select(ProbeRow).where(ProbeRow.run_key == run_key).order_by(ProbeRow.id)))

    def claim(self, probe_id: int, now: str) -> bool:
        """planned -> sending, atomically: only one process (and only once) may send a probe."""
        with self.session() as session, session.begin():
            done = session.execute(
                update(ProbeRow)
                .where(ProbeRow.id == probe_id, ProbeRow.state == "planned")
                .values(state="sending", claimed_at=now)
            )
            return bool(getattr(done, "rowcount", 0) == 1)

    def _set(self, probe_id: int, from_states: tuple[str, ...], **values: object) -> bool:
        with self.session() as session, session.begin():
            done = session.execute(
                update(ProbeRow).where(ProbeRow.id == probe_id, ProbeRow.state.in_(from_states)).values(**values)
            )
            return bool(getattr(done, "rowcount", 0) == 1)

    def mark_sent(self, probe_id: int, sent_at: str, window_closes_at: str, message_id: str | None = None) -> bool:
        # From `unknown` too: another process's crash sweep may have flagged a send still in flight.
        return self._set(
            probe_id,
            ("sending", "unknown"),
            state="sent",
            sent_at=sent_at,
            window_closes_at=window_closes_at,
            message_id=message_id,
            detail="",
        )

    def release(self, probe_id: int) -> bool:
        """sending -> planned, only when nothing can have gone out (the connection or login failed)."""
        return self._set(probe_id, ("sending",), state="planned", claimed_at=None)

    def mark(self, probe_id: int, state: str, detail: str = "") -> bool:
        """A final state reached without a reply: failed, protected (CAPTCHA), unknown."""
        return self._set(probe_id, ("planned", "sending"), state=state, detail=detail[:500])

    def mark_bounced(self, probe_id: int, detail: str) -> bool:
        return self._set(probe_id, ("sent",), state="failed", detail=detail)

    def mark_unknown_interrupted(self, claimed_before: str) -> list[ProbeRow]:
        """Probes a crash left in `sending`: never resent, reported so a person can check the mailbox."""
        with self.session() as session, session.begin():
            query = select(ProbeRow).where(ProbeRow.state == "sending", ProbeRow.claimed_at < claimed_before)
            stuck = list(session.scalars(query))
            for row in stuck:
                row.state = "unknown"
                row.detail = "interrupted while sending; it may or may not have gone out — check the sent mailbox"
            return stuck

    def add_reply(self, probe_id: int, reply: NewReply) -> bool:
        """Store a reply and update its probe in one transaction; False when it was already stored."""
        with self.session() as session:
            if session.scalar(select(ReplyRow.id).where(ReplyRow.message_id == reply.message_id)) is not None:
                return False
            probe = session.get(ProbeRow, probe_id, with_for_update=True)
            if probe is None:
                return False
            session.add(
                ReplyRow(
                    probe_id=probe_id,
                    message_id=reply.message_id,
                    arrived_at=reply.arrived_at,
                    automatic=reply.automatic,
                    reason=reply.reason[:200],
                    sender_domain=reply.sender_domain[:255],
                    promised_response_time=reply.promised_response_time,
                )
            )
            if probe.first_reply_at is None or reply.arrived_at < probe.first_reply_at:
                probe.first_reply_at = reply.arrived_at
            if reply.automatic:
                probe.auto_reply = True
            elif probe.first_human_reply_at is None or reply.arrived_at < probe.first_human_reply_at:
                probe.first_human_reply_at = reply.arrived_at
                probe.business_seconds = reply.business_seconds
            if reply.promised_response_time and not probe.promised_response_time:
                probe.promised_response_time = reply.promised_response_time
            if not reply.automatic and probe.state == "sent":
                # The first human answer is the last number a probe needs: it is done.
                probe.state = "replied"
                probe.auto_reply = bool(probe.auto_reply)
            try:
                session.commit()
            except IntegrityError:  # a concurrent collector stored it first
                session.rollback()
                return False
            return True

    def set_handover(self, probe_id: int, asked_at: str | None, handed_over: bool | None) -> None:
        with self.session() as session, session.begin():
            session.execute(
                update(ProbeRow)
                .where(ProbeRow.id == probe_id)
                .values(handover_asked_at=asked_at, human_handover=handed_over)
            )

    def close_windows(self, now: str, probe_ids: Iterable[int] | None = None) -> list[ProbeRow]:
        """Sent probes whose window has closed become replied (something came) or no_reply."""
        with self.session() as session, session.begin():
            query = select(ProbeRow).where(ProbeRow.state == "sent", ProbeRow.window_closes_at <= now)
            if probe_ids is not None:
                query = select(ProbeRow).where(ProbeRow.state == "sent", ProbeRow.id.in_(list(probe_ids)))
            closed = list(session.scalars(query))
            for row in closed:
                row.state = "replied" if row.first_reply_at else "no_reply"
                row.auto_reply = bool(row.auto_reply)
            return closed

    def probes(self, *, domain: str | None = None, states: Iterable[str] | None = None) -> list[ProbeRow]:
        with self.session() as session:
            query = select(ProbeRow).order_by(ProbeRow.id)
            if domain is not None:
                query = query.where(ProbeRow.domain == domain)
            if states is not None:
                query = query.where(ProbeRow.state.in_(list(states)))
            return list(session.scalars(query))

    def probes_of_run(self, run_key: str) -> list[ProbeRow]:
        with self.session() as session:
            return list(session.scalars(select(ProbeRow).where(ProbeRow.run_key == run_key).order_by(ProbeRow.id)))

    def replies(self, probe_id: int) -> list[ReplyRow]:
        with self.session() as session:
            query = select(ReplyRow).where(ReplyRow.probe_id == probe_id).order_by(ReplyRow.arrived_at)
            return list(session.scalars(query))

    def cursor(self, mailbox: str) -> tuple[int, int] | None:
        with self.session() as session:
            row = session.get(MailboxCursor, mailbox)
            return (row.uid_validity, row.last_uid) if row else None

    def set_cursor(self, mailbox: str, uid_validity: int, last_uid: int) -> None:
        with self.session() as session, session.begin():
            row = session.get(MailboxCursor, mailbox)
            if row is None:
                session.add(MailboxCursor(mailbox=mailbox, uid_validity=uid_validity, last_uid=last_uid))
            else:
                row.uid_validity, row.last_uid = uid_validity, last_uid
