"""Tell people when a site regressed: a webhook (Slack-compatible JSON) and/or an email.

A failed alert never fails the scan: the scan's result is in the overview and the
history either way. Each failure comes back as one sentence for the scan to report.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage

from auditor.mail import smtp
from auditor.portfolio.file import AlertsSettings, SmtpServer


@dataclass(frozen=True)
class SiteAlert:
    name: str
    url: str
    owner: str
    what: str  # the change in one sentence: "The score fell from 82 to 71 (-11)"
    score: int | None = None


def alert_text(portfolio: str, alerts: list[SiteAlert]) -> str:
    count = f"{len(alerts)} site{'s' if len(alerts) != 1 else ''}"
    lines = [f"contact-audit: {count} of {portfolio} regressed"]
    for alert in alerts:
        owner = f" (owner: {alert.owner})" if alert.owner else ""
        lines.append(f"• {alert.name} {alert.url}{owner}: {alert.what}")
    return "\n".join(lines)


def post_webhook(url: str, portfolio: str, alerts: list[SiteAlert], timeout: float = 15) -> None:
    """POST `{"text": ..., "sites": [...]}`: Slack and compatible hooks read `text`."""
    payload = {
        "text": alert_text(portfolio, alerts),
        "portfolio": portfolio,
        "sites": [{"name": a.name, "url": a.url, "owner": a.owner, "change": a.what, "score": a.score} for a in alerts],
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


def send_alerts(settings: AlertsSettings, portfolio: str, alerts: list[SiteAlert]) -> list[str]:
    """Send to every configured destination; the problems, one sentence each."""
    problems: list[str] = []
    if not alerts:
        return problems
    if settings.webhook:
        try:
            post_webhook(settings.webhook, portfolio, alerts)
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", None) or error
            problems.append(f"the webhook alert could not be sent: {reason}")
    if settings.email and settings.smtp is not None:
        try:
            send_email(settings.smtp, settings.email, portfolio, alerts)
        except smtp.SendError as error:
            problems.append(f"the email alert could not be sent: {error}")
    return problems
