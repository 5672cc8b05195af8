"""What a probe says: an honest, labelled test question with a token and its own reply address."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from auditor.config.probes import ProbesConfig

PROBE_HEADER = "X-Contact-Audit-Probe"
# Tokens are short, lower-case and unambiguous so they survive subject rewriting
# ("Re: [#123] ...") and case-folding mail systems.
_TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
TOKEN_PATTERN = re.compile(r"\bca-([a-z2-9]{10})\b", re.I)


def new_token() -> str:
    return "ca-" + "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(10))


def reply_address(mailbox: str, token: str) -> str:
    """`probes@audit.example` + token -> `probes+ca-xxxx@audit.example` (plus-addressing)."""
    box, _, domain = mailbox.partition("@")
    return f"{box}+{token}@{domain}" if domain else mailbox


def token_of_address(address: str) -> str | None:
    """The token in a plus address, or None."""
    local = address.rpartition("@")[0]
    _, plus, tag = local.partition("+")
    match = TOKEN_PATTERN.fullmatch(tag) if plus else None
    return match.group(0).lower() if match else None


def tokens_in(text: str) -> list[str]:
    return [m.group(0).lower() for m in TOKEN_PATTERN.finditer(text)]


def subject(config: ProbesConfig, token: str) -> str:
    return f"[Test message] A quick question ({token})"


def body(config: ProbesConfig, token: str, channel: str) -> str:
    """The probe's text: the question, who sent it and why, and how to opt out. No personal data."""
    operator = config.operator_name or "a contact-auditor user"
    contact = config.operator_email or config.from_address
    return (
        f"Hello,\n\n{config.question}\n\n"
        f"This is a test message ({token}) sent by {operator} with contact-auditor, a tool that "
        f"measures how quickly companies answer their customers through their {channel} channel. "
        "A short reply is welcome; no action is needed otherwise.\n\n"
        f"Questions about this test: {contact}. To opt out of future tests, reply with "
        '"opt out" or write to that address.\n'
    )


def chat_text(config: ProbesConfig, token: str) -> str:
    """A chat message is one line: still labelled as a test, still naming the operator."""
    operator = config.operator_name or "a contact-auditor user"
    contact = config.operator_email or config.from_address
    return f"{config.question} (Test message {token} from {operator}, {contact}, measuring response times.)"


def compose_email(config: ProbesConfig, token: str, to: str, *, domain_hint: str = "") -> EmailMessage:
    """The probe email. Never marked bulk or auto-submitted: helpdesks drop those unanswered."""
    mailbox = config.reply_mailbox or config.from_address
    sender = config.from_address or config.operator_email
    message = EmailMessage()
    message["From"] = f"{config.operator_name} <{sender}>" if config.operator_name else sender
    message["To"] = to
    message["Reply-To"] = reply_address(mailbox, token)
    message["Subject"] = subject(config, token)
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(idstring=token, domain=(mailbox.rpartition("@")[2] or domain_hint) or None)
    message[PROBE_HEADER] = f"test; token={token}; operator={config.operator_email or sender}"
    message.set_content(body(config, token, "email"))
    return message
