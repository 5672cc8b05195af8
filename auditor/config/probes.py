"""The [probes] config section: who may be probed, who the operator is, and the mail servers.

Probes are the only part of the tool that writes to people, so everything here
defaults to "off" and nothing is sent until an operator says who they are and
which domains they may test.
"""

from __future__ import annotations

import os
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Security = Literal["starttls", "tls", "none"]
Channel = Literal["email", "form", "chat"]
CHANNELS: tuple[Channel, ...] = ("email", "form", "chat")
_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MailServer(_Section):
    """An SMTP or IMAP server; the password is read from the environment, never from the file."""

    host: str = ""
    port: int = Field(0, ge=0, le=65535, description="0 picks the usual port for the security mode")
    security: Security = "starttls"
    user: str = ""
    user_env: str = Field("", description="environment variable holding the login, when `user` is empty")
    password_env: str = Field("", description="environment variable holding the password")
    ca_file: str = Field("", description="extra CA bundle to trust, for a server with a private certificate")
    timeout: float = Field(30, gt=0, le=600)

    def login(self) -> tuple[str, str] | None:
        """(user, password) from config and environment, or None when the server needs no login."""
        user = self.user or (os.environ.get(self.user_env, "") if self.user_env else "")
        password = os.environ.get(self.password_env, "") if self.password_env else ""
        return (user, password) if user else None


class ImapServer(MailServer):
    folder: str = "INBOX"
    idle: bool = Field(True, description="wait with IMAP IDLE when the server offers it")
    poll_seconds: float = Field(60, gt=0, le=3600, description="how often to look when IDLE is not offered")


class BusinessHours(_Section):
    """When the company works, to measure waits in business hours as helpdesks do."""

    days: str = Field("mon-fri", description="e.g. 'mon-fri' or 'mon,tue,thu'")
    hours: str = Field("09:00-17:00", description="opening and closing time, 24-hour clock")
    timezone: str = "UTC"

    @field_validator("days")
    @classmethod
    def _known_days(cls, value: str) -> str:
        weekday_numbers(value)
        return value

    @field_validator("hours")
    @classmethod
    def _hours_shape(cls, value: str) -> str:
        opening_minutes(value)
        return value


def weekday_numbers(days: str) -> frozenset[int]:
    """'mon-fri' -> {0, 1, 2, 3, 4}; raises ValueError for an unknown day."""
    chosen: set[int] = set()
    for part in days.lower().replace(" ", "").split(","):
        first, _, last = part.partition("-")
        if first[:3] not in _DAY_NAMES or (last and last[:3] not in _DAY_NAMES):
            raise ValueError(f"'{part}' is not a day or a range of days such as mon-fri")
        start = _DAY_NAMES.index(first[:3])
        end = _DAY_NAMES.index(last[:3]) if last else start
        chosen.update(range(start, end + 1) if start <= end else [*range(start, 7), *range(0, end + 1)])
    return frozenset(chosen)


def opening_minutes(hours: str) -> tuple[int, int]:
    """'09:00-17:30' -> (540, 1050), minutes after midnight."""
    match = _HOURS.match(hours)
    if not match:
        raise ValueError("must look like 09:00-17:00")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if not 0 <= start < end <= 24 * 60:
        raise ValueError("the closing time must come after the opening time, within one day")
    return start, end


class ProbesConfig(_Section):
    enabled: bool = Field(False, description="probes send real messages: off unless asked for")
    authorised_domains: list[str] = Field(default_factory=list, description="domains the operator may test")
    do_not_probe: list[str] = Field(default_factory=list, description="domains or addresses never to write to")
    channels: list[Channel] = Field(default_factory=lambda: list(CHANNELS))
    operator_name: str = Field("", max_length=200)
    operator_email: str = Field("", max_length=320)
    from_address: str = Field("", max_length=320, description="From: of probe emails; the operator's by default")
    reply_mailbox: str = Field("", description="box@domain that receives replies as box+TOKEN@domain")
    question: str = Field(
        "Could you tell us your opening hours and how long you usually take to answer an email?",
        max_length=500,
        description="the one short, answerable question each probe asks",
    )
    max_per_channel: int = Field(1, ge=1, le=10, description="probes per channel per site per run")
    rate_limit_seconds: float = Field(10, ge=0, le=3600, description="pause between two probes")
    email_window_hours: float = Field(72, gt=0, le=24 * 30)
    form_window_hours: float = Field(72, gt=0, le=24 * 30)
    chat_window_seconds: float = Field(300, gt=0, le=3600, description="how long a chat probe waits for replies")
    instant_reply_seconds: float = Field(
        30, ge=0, le=3600, description="a reply faster than this is taken as automatic"
    )
    smtp: MailServer = Field(default_factory=MailServer)
    imap: ImapServer = Field(default_factory=ImapServer)
    business_hours: BusinessHours | None = None

    @field_validator("authorised_domains", "do_not_probe")
    @classmethod
    def _lower(cls, values: list[str]) -> list[str]:
        return [v.strip().lower().rstrip(".") for v in values if v.strip()]

    def window_seconds(self, channel: str) -> float:
        if channel == "chat":
            return self.chat_window_seconds
        hours = self.email_window_hours if channel == "email" else self.form_window_hours
        return hours * 3600
