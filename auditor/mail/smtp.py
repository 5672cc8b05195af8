"""Send one email over SMTP (implicit TLS, STARTTLS, or plain on a local test server).

Failures are sorted by what they mean for the ledger: nothing can have gone out
(connection, TLS, login), the server refused it for good (recipient, sender,
content), or nobody can tell (the line dropped during the transaction).
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from email.message import EmailMessage

from auditor.config.probes import MailServer

_DEFAULT_PORTS = {"tls": 465, "starttls": 587, "none": 25}


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SendError(Exception):
    """An email was not sent. `outcome` says what the ledger should record."""

    def __init__(self, message: str, outcome: str) -> None:
        super().__init__(message)
        # "not_sent": safe to retry later; "refused": final failure; "unknown": may have gone out.
        self.outcome = outcome


def tls_context(server: MailServer) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if server.ca_file:
        context.load_verify_locations(cafile=server.ca_file)
    return context


def _connect(server: MailServer) -> smtplib.SMTP:
    port = server.port or _DEFAULT_PORTS[server.security]
    if server.security == "tls":
        return smtplib.SMTP_SSL(server.host, port, timeout=server.timeout, context=tls_context(server))
    smtp = smtplib.SMTP(server.host, port, timeout=server.timeout)
    if server.security == "starttls":
        smtp.ehlo()
        if not smtp.has_extn("starttls"):
            smtp.quit()
            raise SendError(f"the SMTP server {server.host}:{port} does not offer STARTTLS", "not_sent")
        smtp.starttls(context=tls_context(server))
    return smtp


def send_email(
    server: MailServer,
    message: EmailMessage,
    recipient: str | Sequence[str],
    now: Callable[[], datetime] = _utc_now,
) -> datetime:
    """Send and return the moment the server accepted the message (its reply to DATA)."""
    where = f"{server.host}:{server.port or _DEFAULT_PORTS[server.security]}"
    recipients = [recipient] if isinstance(recipient, str) else list(recipient)
    if not server.host:
        raise SendError("no SMTP server is configured (no host)", "not_sent")
    try:
        smtp = _connect(server)
    except (OSError, smtplib.SMTPException) as error:
        raise SendError(f"the SMTP server {where} could not be reached: {_reason(error)}", "not_sent") from None
    try:
        login = server.login()
        if login is not None:
            try:
                smtp.login(*login)
            except smtplib.SMTPAuthenticationError:
                raise SendError(
                    f"the SMTP server {where} refused the login for '{login[0]}'; check the user and the "
                    f"password in ${server.password_env or 'the password variable'}",
                    "not_sent",
                ) from None
            except smtplib.SMTPNotSupportedError:
                raise SendError(f"the SMTP server {where} offers no login (AUTH)", "not_sent") from None
        try:
            smtp.send_message(message, to_addrs=recipients)
        except smtplib.SMTPRecipientsRefused as error:
            refused_to, (code, text) = next(iter(error.recipients.items()))
            refused = f"the SMTP server refused the recipient {refused_to}: {code} {_text(text)}"
            raise SendError(refused, "refused") from None
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
            what = "sender" if isinstance(error, smtplib.SMTPSenderRefused) else "message"
            refused = f"the SMTP server refused the {what}: {error.smtp_code} {_text(error.smtp_error)}"
            raise SendError(refused, "refused") from None
        except (OSError, smtplib.SMTPException) as error:
            raise SendError(
                f"the connection to {where} failed during sending ({_reason(error)}); the message may have gone out",
                "unknown",
            ) from None
        accepted = now()
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return accepted


def _text(raw: bytes | str) -> str:
    return (raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw).strip()


def _reason(error: BaseException) -> str:
    if isinstance(error, socket.timeout | TimeoutError):
        return "timed out"
    if isinstance(error, ssl.SSLError | ssl.CertificateError):
        return f"TLS failed ({error.__class__.__name__}: {getattr(error, 'reason', None) or error})"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    return str(error) or error.__class__.__name__
