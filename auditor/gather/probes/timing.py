"""When a reply arrived, and how long the wait was in calendar and business hours."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import Message
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from auditor.config.probes import BusinessHours, opening_minutes, weekday_numbers


def utc_now() -> datetime:
    return datetime.now(UTC)


# Where the probes read the time; the tests pass a clock of their own, so that no test waits real hours.
Clock = Callable[[], datetime]


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC with millisecond precision: chat replies come within seconds."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def parse_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def top_received(message: Message) -> datetime | None:
    """The time our own mail server stamped on the reply: the date after the last ';' of the top Received:."""
    received = message.get_all("Received") or []
    if not received:
        return None
    _, _, stamp = str(received[0]).rpartition(";")
    try:
        moment = parsedate_to_datetime(stamp.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def arrival(internal_date: datetime | None, message: Message, now: Clock = utc_now) -> datetime:
    """When the reply reached the probe mailbox; never the sender's Date: header, which it sets itself."""
    return internal_date or top_received(message) or now()


def business_seconds(start: datetime, end: datetime, hours: BusinessHours) -> float:
    """Seconds between start and end that fall inside the configured working hours."""
    if end <= start:
        return 0.0
    zone = ZoneInfo(hours.timezone)
    days = weekday_numbers(hours.days)
    open_at, close_at = opening_minutes(hours.hours)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    total = 0.0
    day = local_start.date()
    while day <= local_end.date():
        if day.weekday() in days:
            midnight = datetime(day.year, day.month, day.day, tzinfo=zone)
            window_start = max(midnight + timedelta(minutes=open_at), local_start)
            window_end = min(midnight + timedelta(minutes=close_at), local_end)
            if window_end > window_start:
                total += (window_end - window_start).total_seconds()
        day += timedelta(days=1)
    return total
