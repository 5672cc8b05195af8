"""Collect replies: read the probe mailbox, match each message to its probe, classify it, store it.

Matching follows the threading rules of mail clients, most certain first: our
Message-ID in In-Reply-To or References, then the probe's own reply address
(`box+TOKEN@`), then the token in the subject or text.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses
from hashlib import sha256

from auditor.config.probes import ProbesConfig
from auditor.gather.extract.promises import promised_duration
from auditor.gather.probes.classify import classify
from auditor.gather.probes.imap import Mailbox
from auditor.gather.probes.message import PROBE_HEADER, token_of_address, tokens_in
from auditor.gather.probes.timing import Clock, arrival, business_seconds, iso, parse_iso, utc_now
from auditor.storage.ledger import Ledger, NewReply, ProbeRow

_TAGS = re.compile(r"<[^>]+>")
_IDS = re.compile(r"<[^<>\s]+>")
MAIL_CHANNELS = ("email", "form")


@dataclass
class CollectReport:
    stored: list[tuple[ProbeRow, NewReply]] = field(default_factory=list)
    closed: list[ProbeRow] = field(default_factory=list)
    unmatched: int = 0
    seen: int = 0


def message_text(message: Message) -> str:
    """Subject and readable text of a message, for tokens and promised times."""
    parts = [str(message.get("Subject", ""))]
    if isinstance(message, EmailMessage):
        body = message.get_body(preferencelist=("plain", "html"))
        if body is not None:
            try:
                content = body.get_content()
            except (LookupError, ValueError):
                content = ""
            parts.append(_TAGS.sub(" ", content) if body.get_content_subtype() == "html" else str(content))
    return "\n".join(parts)


def _is_bounce(message: Message) -> bool:
    return message.get_content_type() == "multipart/report" and "delivery-status" in str(
        message.get_param("report-type") or ""
    )


def match_probe(message: Message, text: str, probes: list[ProbeRow]) -> ProbeRow | None:
    by_message_id = {p.message_id: p for p in probes if p.message_id}
    by_token = {p.token: p for p in probes}
    thread = _IDS.findall(f"{message.get('In-Reply-To', '')} {message.get('References', '')}")
    for message_id in reversed(thread):  # the nearest ancestor comes last in References
        if message_id in by_message_id:
            return by_message_id[message_id]
    fields = [str(message.get(name, "")) for name in ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")]
    for _, address in getaddresses(fields):
        token = token_of_address(address)
        if token in by_token:
            return by_token[token]
    return next((by_token[t] for t in tokens_in(text) if t in by_token), None)


def handle_message(
    ledger: Ledger,
    config: ProbesConfig,
    raw: bytes,
    internal_date: datetime | None,
    probes: list[ProbeRow],
    now: Clock = utc_now,
) -> tuple[ProbeRow, NewReply] | None:
    """Store one message as a reply to its probe; None when it belongs to no probe or was stored before."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    if message.get(PROBE_HEADER):
        return None  # one of our own probes (a copy, or a loop): not a reply
    text = message_text(message)
    probe = match_probe(message, text, probes)
    if probe is None or probe.sent_at is None:
        return None
    came = arrival(internal_date, message, now)
    if probe.window_closes_at and came > parse_iso(probe.window_closes_at):
        return None  # too late to count: the probe's window had closed
    if _is_bounce(message):
        ledger.mark_bounced(probe.id, "the message bounced: the address does not take mail")
        return None
    # INTERNALDATE has whole seconds: an instant reply can look older than the probe it answers.
    arrived = max(came, parse_iso(probe.sent_at))
    waited = (arrived - parse_iso(probe.sent_at)).total_seconds()
    verdict = classify(message, waited, config.instant_reply_seconds)
    sender = next((a for _, a in getaddresses([str(message.get("From", ""))]) if a), "")
    # A reply without a Message-ID is still stored once: its own content names it.
    message_id = (
        str(message.get("Message-ID") or "").strip() or f"<sha256-{sha256(raw).hexdigest()[:32]}@contact-audit>"
    )
    hours = config.business_hours
    reply = NewReply(
        message_id=message_id,
        arrived_at=iso(arrived),
        automatic=verdict.automatic,
        reason=verdict.reason,
        sender_domain=sender.rpartition("@")[2].lower(),
        promised_response_time=promised_duration(text),
        business_seconds=None
        if verdict.automatic or hours is None
        else business_seconds(parse_iso(probe.sent_at), arrived, hours),
    )
    return (probe, reply) if ledger.add_reply(probe.id, reply) else None


def collect(
    ledger: Ledger,
    config: ProbesConfig,
    wait_seconds: float = 0.0,
    on_reply: Callable[[ProbeRow, NewReply], None] | None = None,
    now: Clock = utc_now,
) -> CollectReport:
    """Read new mail once, then keep waiting up to `wait_seconds` while probes still wait for replies.

    Windows close by `now()`; `wait_seconds` is real time, spent waiting on the mailbox.
    """
    report = CollectReport()
    deadline = time.monotonic() + wait_seconds
    if not _waiting(ledger):
        return report
    # Windows are closed only after the mailbox was read: a reply that came in time counts,
    # however late `probe collect` runs.
    with Mailbox(config.imap) as mailbox:
        while True:
            probes = ledger.probes(states=("sent", "replied"))
            probes = [p for p in probes if p.channel in MAIL_CHANNELS]
            cursor = ledger.cursor(mailbox.key)
            after = cursor[1] if cursor and cursor[0] == mailbox.uid_validity else 0
            for uid, internal_date, raw in mailbox.new_messages(after):
                report.seen += 1
                stored = handle_message(ledger, config, raw, internal_date, probes, now)
                if stored is not None:
                    report.stored.append(stored)
                    if on_reply is not None:
                        on_reply(*stored)
                ledger.set_cursor(mailbox.key, mailbox.uid_validity, uid)
            report.closed += ledger.close_windows(iso(now()))
            left = deadline - time.monotonic()
            if left <= 0 or not _waiting(ledger):
                return report
            mailbox.wait(min(left, _next_close(ledger, now())))


def _waiting(ledger: Ledger) -> bool:
    return any(p.channel in MAIL_CHANNELS for p in ledger.probes(states=("sent",)))


def _next_close(ledger: Ledger, now: datetime) -> float:
    """Seconds until the next window closes, so a waiting collector wakes up to close it."""
    closes = [parse_iso(p.window_closes_at) for p in ledger.probes(states=("sent",)) if p.window_closes_at]
    soonest = min(closes, default=now + timedelta(hours=1))
    return max(0.5, (soonest - now).total_seconds())
