"""A mail world on 127.0.0.1 for the demo and the tests: an SMTP server, an IMAP server, a helpdesk.

The SMTP server (aiosmtpd, STARTTLS with a throw-away certificate, login required)
routes mail for the company's domain to the stand-in helpdesk and mail for the probe
mailbox into the IMAP server (pymap, run as its own process), stamping a Received:
header on the way, as a real mail exchanger does. Nothing here talks to any other host.
"""

from __future__ import annotations

import asyncio
import imaplib
import logging
import secrets
import smtplib
import socket
import subprocess
import sys
import tempfile
import threading
import time
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from auditor.config.probes import ImapServer, MailServer, ProbesConfig
from auditor.gather.probes.lab.certs import self_signed_certificate, server_context
from auditor.gather.probes.lab.clock import LabClock, RealTime
from auditor.gather.probes.lab.helpdesk import Behaviour, Helpdesk
from auditor.mail.smtp import tls_context

HOST = "127.0.0.1"
# aiosmtpd 1.4.6 logs a deprecation of its own attribute on every login; nothing to act on.
logging.getLogger("mail.log").setLevel(logging.ERROR)
REFUSED_LOCAL_PARTS = frozenset({"nobody", "gone"})  # the company's server answers 550 for these


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class _Handler:
    def __init__(self, lab: MailLab) -> None:
        self.lab = lab

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:  # noqa: N802
        if not self.lab.accepts(address):
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        content = envelope.original_content or envelope.content
        loop = asyncio.get_running_loop()
        for recipient in envelope.rcpt_tos:
            await loop.run_in_executor(None, self.lab.route, recipient, content)
        return "250 2.0.0 Message accepted for delivery"


class MailLab:
    """Start with `with MailLab(["company.test"]) as lab:`; `lab.probes_config()` points probes at it."""

    def __init__(
        self,
        company_domains: list[str],
        behaviours: dict[str, Behaviour] | None = None,
        mailbox: str = "probes@audit.test",
        clock: LabClock | None = None,
    ) -> None:
        self.company_domains = [d.lower() for d in company_domains]
        self.mailbox = mailbox
        self.user = mailbox.partition("@")[0]
        self.password = secrets.token_urlsafe(12)
        self.helpdesk_password = secrets.token_urlsafe(12)
        # The helpdesk answers, and the mail server stamps, on this clock.
        self.clock = clock or RealTime()
        self.helpdesk = Helpdesk(self._send_as_company, behaviours, self.clock)
        self.smtp_port = free_port()
        self.imap_port = free_port()
        self._dir = tempfile.TemporaryDirectory(prefix="contact-audit-lab-")
        self.cert_file, self.key_file = self_signed_certificate(Path(self._dir.name))
        self._imap_process: subprocess.Popen[bytes] | None = None
        self._controller: Controller | None = None
        self._delivery: imaplib.IMAP4 | None = None
        self._delivery_lock = threading.Lock()
        self._queue: list[bytes] = []

    # -- lifecycle -------------------------------------------------------------------------

    def __enter__(self) -> MailLab:
        self.start_imap()
        logins = {(self.user, self.password), ("helpdesk", self.helpdesk_password)}

        def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
            ok = isinstance(data, LoginPassword) and (data.login.decode(), data.password.decode()) in logins
            return AuthResult(success=ok, handled=False)

        self._controller = Controller(
            _Handler(self),
            hostname=HOST,
            port=self.smtp_port,
            authenticator=authenticate,
            auth_required=True,
            tls_context=server_context(self.cert_file, self.key_file),
            require_starttls=True,
        )
        self._controller.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.helpdesk.stop()
        if self._controller is not None:
            self._controller.stop()
        self.stop_imap()
        self._dir.cleanup()

    def start_imap(self) -> None:
        command = [
            sys.executable,
            "-c",
            "from pymap.main import main; main()",
            "--host",
            HOST,
            "--port",
            str(self.imap_port),
            "--no-service",
            "admin",
            "--cert",
            str(self.cert_file),
            "--key",
            str(self.key_file),
            "dict",
            # "=" form: a random password may start with "-", which argparse reads as an option.
            f"--demo-user={self.user}",
            f"--demo-password={self.password}",
        ]
        log = Path(self._dir.name) / "pymap.log"
        with log.open("ab") as output:
            self._imap_process = subprocess.Popen(command, stdout=output, stderr=output)
        with self._delivery_lock:
            self._delivery = None  # a connection to an earlier server proves nothing about this one
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                # Ready means a login works, not only an open port: the first delivery logs in.
                self._flush_queue()
                return
            except (OSError, imaplib.IMAP4.error):
                with self._delivery_lock:
                    self._delivery = None
                if self._imap_process.poll() is not None:
                    break
                time.sleep(0.2)
        tail = log.read_text(encoding="utf-8", errors="replace")[-500:]
        raise RuntimeError(f"the local IMAP server (pymap) did not start: {tail}")

    def stop_imap(self) -> None:
        """Stop the IMAP server at once, as a crash or a network cut would."""
        process = self._imap_process  # the one running now, even if a restart replaces it meanwhile
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        with self._delivery_lock:
            self._delivery = None

    # -- settings ----------------------------------------------------------------------------

    def probes_config(self, **overrides: Any) -> ProbesConfig:
        """[probes] settings for this lab: our SMTP and IMAP, trusted certificate, logins in the environment."""
        server = {"host": HOST, "security": "starttls", "user": self.user, "ca_file": str(self.cert_file)}
        settings: dict[str, Any] = {
            "enabled": True,
            "authorised_domains": [*self.company_domains, HOST],
            "operator_name": "Contact audit lab",
            "operator_email": f"operator@{self.mailbox.partition('@')[2]}",
            "from_address": self.mailbox,
            "reply_mailbox": self.mailbox,
            "rate_limit_seconds": 0,
            "instant_reply_seconds": 1.5,
            "smtp": MailServer(**server, port=self.smtp_port, password_env=self.password_env),
            "imap": ImapServer(**server, port=self.imap_port, password_env=self.password_env, poll_seconds=0.5),
        }
        settings.update(overrides)
        return ProbesConfig(**settings)

    @property
    def password_env(self) -> str:
        return "CONTACT_AUDIT_LAB_PASSWORD"

    # -- routing -----------------------------------------------------------------------------

    def accepts(self, address: str) -> bool:
        local, _, domain = address.lower().partition("@")
        if domain == self.mailbox.partition("@")[2]:
            return local.partition("+")[0] == self.user or local == "operator"
        return domain in self.company_domains and local not in REFUSED_LOCAL_PARTS

    def route(self, recipient: str, content: bytes) -> None:
        local, _, domain = recipient.lower().partition("@")
        if domain in self.company_domains:
            # The company's helpdesk answers on its own clock: our SMTP transaction ends first.
            self.helpdesk.receive(recipient, content)
        elif local.partition("+")[0] == self.user:
            self.deliver(content)

    def deliver(self, content: bytes) -> None:
        """Put a message into the probe mailbox, stamped as our mail exchanger would."""
        stamp = f"Received: from helpdesk by mx.lab (contact-audit lab); {format_datetime(self.clock.now())}\r\n"
        with self._delivery_lock:
            for _attempt in (1, 2):
                try:
                    imap = self._delivery_connection()
                    imap.append("INBOX", None, imaplib.Time2Internaldate(self.clock.now()), stamp.encode() + content)
                    return
                except (OSError, imaplib.IMAP4.error):
                    self._delivery = None  # the IMAP server restarted: log in again once
            # The mailbox is down: keep the message queued, as a mail server does, until it is back.
            self._queue.append(stamp.encode() + content)

    def _flush_queue(self) -> None:
        with self._delivery_lock:
            imap = self._delivery_connection()
            while self._queue:
                imap.append("INBOX", None, imaplib.Time2Internaldate(self.clock.now()), self._queue[0])
                self._queue.pop(0)

    def _delivery_connection(self) -> imaplib.IMAP4:
        # One login for all deliveries: pymap checks passwords with a deliberately slow hash.
        if self._delivery is None:
            imap = imaplib.IMAP4(HOST, self.imap_port, timeout=10)
            imap.starttls(ssl_context=tls_context(MailServer(ca_file=str(self.cert_file))))
            imap.login(self.user, self.password)
            self._delivery = imap
        return self._delivery

    def _send_as_company(self, message: EmailMessage) -> None:
        with smtplib.SMTP(HOST, self.smtp_port, timeout=10) as smtp:
            smtp.starttls(context=tls_context(MailServer(ca_file=str(self.cert_file))))
            smtp.login("helpdesk", self.helpdesk_password)
            smtp.send_message(message)

    def form_handler(self, helpdesk_address: str) -> Any:
        """A website's form back end: it mails each submission to the helpdesk, as most sites do."""

        def on_post(path: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
            fields = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
            if fields.get("website"):  # the honeypot: only bots fill it
                return 400, {"Content-Type": "text/plain"}, b"Rejected as spam."
            if not fields.get("email") or not fields.get("message"):
                return 422, {"Content-Type": "text/plain"}, b"Please fill in your email and message."
            message = EmailMessage()
            message["From"] = f"website@{helpdesk_address.partition('@')[2]}"
            message["To"] = helpdesk_address
            message["Reply-To"] = fields["email"]
            message["Subject"] = fields.get("subject") or "Contact form"
            message["Message-ID"] = make_msgid(domain=helpdesk_address.partition("@")[2])
            message.set_content(fields["message"])
            self._send_as_company(message)
            thanks = path.rsplit("/", 1)[0] + "/thanks.html"
            return 303, {"Location": thanks}, b""

        return on_post
