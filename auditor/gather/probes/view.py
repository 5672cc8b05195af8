"""The ledger seen as artifacts: the Probe records an audit's responsiveness checks read."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from auditor.artifacts import Probe, ProbeEvent
from auditor.config.probes import ProbesConfig
from auditor.gather.probes.timing import parse_iso
from auditor.storage.ledger import Ledger, ProbeRow

# A probe in these states says something about the company; planned and sending ones do not yet.
REPORTED_STATES = ("sent", "replied", "no_reply", "protected", "failed", "unknown")


def as_probe(row: ProbeRow, ledger: Ledger) -> Probe:
    events: list[ProbeEvent] = []
    if row.sent_at:
        events.append(ProbeEvent(at=row.sent_at, kind="sent", note=row.target))
    for reply in ledger.replies(row.id):
        kind = "auto_reply" if reply.automatic else "human_reply"
        note = reply.reason + (f"; promised {reply.promised_response_time}" if reply.promised_response_time else "")
        events.append(ProbeEvent(at=reply.arrived_at, kind=kind, note=note))
    if row.handover_asked_at:
        events.append(ProbeEvent(at=row.handover_asked_at, kind="handover_asked"))
    events.sort(key=lambda e: e.at)
    if row.sent_at:
        sent = parse_iso(row.sent_at)
        for event in events:
            event.seconds_after_sent = round((parse_iso(event.at) - sent).total_seconds(), 3)
    return Probe(
        channel=row.channel,  # type: ignore[arg-type]
        target=row.target,
        token=row.token,
        sent_at=row.sent_at,
        first_reply_at=row.first_reply_at,
        first_human_reply_at=row.first_human_reply_at,
        auto_reply=row.auto_reply,
        promised_response_time=row.promised_response_time,
        status=row.state,
        human_handover=row.human_handover,
        detail=row.detail,
        business_seconds_to_human_reply=row.business_seconds,
        events=events,
    )


def domain_probes(ledger: Ledger, domain: str) -> list[Probe]:
    """The newest probe per channel and target for a site, as the audit's artifacts."""
    newest: dict[tuple[str, str], ProbeRow] = {}
    for row in ledger.probes(domain=domain, states=REPORTED_STATES):
        newest[(row.channel, row.target)] = row  # rows come oldest first
    return [as_probe(row, ledger) for row in newest.values()]


def ledger_probes(config: ProbesConfig, domain: str, database: str | None = None) -> tuple[list[Probe], str | None]:
    """Probes for an audit run, and a warning when the ledger could not be read (the audit goes on)."""
    if not config.enabled:
        return [], None
    try:
        ledger = Ledger(database)
        try:
            return domain_probes(ledger, domain), None
        finally:
            ledger.close()
    except SQLAlchemyError as error:
        return [], f"the probe ledger could not be read ({error.__class__.__name__}); probes are left out"
