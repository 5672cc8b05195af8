"""Tell people when a site regressed: a webhook (Slack-compatible JSON) and/or an email.

A failed alert never fails the scan: the scan's result is in the overview and the
history either way. Each failure comes back as one sentence for the scan to report.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import EmailMessage
from urllib.parse import urlsplit

from auditor.mail import smtp
from auditor.portfolio.file import AlertsSettings, SmtpServer


@dataclass(frozen=True)
class SiteAlert:
    name: str
    url: str
    owner: str
    what: str  # the biggest change in one sentence: "The score fell from 82 to 71 (-11)"
    score: int | None = None
    # Everything the alert says of the site: the overall score's change, every channel gone, ...
    changes: tuple[str, ...] = ()
    previous_score: int | None = None
    lost_channels: tuple[str, ...] = ()

    @property
    def lines(self) -> tuple[str, ...]:
        return self.changes or (self.what,)


@dataclass
class AlertDelivery:
    """Where the alert went (no secret: a webhook by its host, mail by its recipients) and what failed."""

    sent: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def alert_text(portfolio: str, alerts: list[SiteAlert]) -> str:
    count = f"{len(alerts)} site{'s' if len(alerts) != 1 else ''}"
    lines = [f"contact-audit: {count} of {portfolio} regressed"]
    for alert in alerts:
        owner = f" (owner: {alert.owner})" if alert.owner else ""
        first, *more = alert.lines
        lines.append(f"• {alert.name} {alert.url}{owner}: {first}")
        lines += [f"    – {line}" for line in more]
    return "\n".join(lines)


def post_webhook(url: str, portfolio: str, alerts: list[SiteAlert], timeout: float = 15) -> None:
    """POST `{"text": ..., "sites": [...]}`: Slack and compatible hooks read `text`."""
    payload = {
        "text": alert_text(portfolio, alerts),
        "portfolio": portfolio,
        "sites": [
            {
                "name": a.name,
                "url": a.url,
                "owner": a.owner,
                "change": a.what,
                "changes": list(a.lines),
                "score": a.score,
                "previous_score": a.previous_score,
                "lost_channels": list(a.lost_channels),
            }
            for a in alerts
        ],
    }
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "contact-audit"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()


def send_email(server: SmtpServer, recipients: list[str], portfolio: str, alerts: list[SiteAlert]) -> None:
    message = EmailMessage()
    message["From"] = server.sender
    message["To"] = ", ".join(recipients)
    message["Subject"] = alert_text(portfolio, alerts).splitlines()[0]
    message.set_content(alert_text(portfolio, alerts) + "\n")
    smtp.send_email(server, message, recipients)


def webhook_host(url: str) -> str:
    """A webhook as it may be shown: its host. Its path is often the secret (Slack's is)."""
    return urlsplit(url).hostname or "the webhook"


def send_alerts(settings: AlertsSettings, portfolio: str, alerts: list[SiteAlert]) -> AlertDelivery:
    """Send to every configured destination; where it went and the problems, one sentence each."""
    delivery = AlertDelivery()
    if not alerts:
        return delivery
    if settings.webhook:
        try:
            post_webhook(settings.webhook, portfolio, alerts)
            delivery.sent.append(f"the webhook at {webhook_host(settings.webhook)}")
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", None) or error
            delivery.problems.append(f"the webhook alert could not be sent: {reason}")
    if settings.email and settings.smtp is not None:
        try:
            send_email(settings.smtp, settings.email, portfolio, alerts)
            delivery.sent.append(f"email to {', '.join(settings.email)} through {settings.smtp.host}")
        except smtp.SendError as error:
            delivery.problems.append(f"the email alert could not be sent: {error}")
    return delivery
