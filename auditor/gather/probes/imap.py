"""Read new messages from the probe mailbox over IMAP, waiting with IDLE where the server offers it.

The mailbox is opened read-only (EXAMINE): collecting never marks the operator's mail
as read or moves it. Every failure ends in a CollectError with one sentence.
"""

from __future__ import annotations

import imaplib
import re
import select
import ssl
import time
from collections.abc import Iterator
from contextlib import suppress
from datetime import datetime
from email.utils import parsedate_to_datetime
from types import TracebackType

from auditor.config.probes import ImapServer
from auditor.mail.smtp import tls_context

_DEFAULT_PORTS = {"tls": 993, "starttls": 143, "none": 143}
_INTERNALDATE = re.compile(rb'INTERNALDATE "([^"]+)"')
_UID = re.compile(rb"UID (\d+)")


class CollectError(Exception):
    """Collecting stopped; what was stored so far stays stored."""


class Mailbox:
    def __init__(self, server: ImapServer) -> None:
        self.server = server
        self.where = f"{server.host}:{server.port or _DEFAULT_PORTS[server.security]}"
        self.imap: imaplib.IMAP4 | None = None
        self.uid_validity = 0

    @property
    def key(self) -> str:
        """Names this mailbox in the ledger's cursor table."""
        return f"{self.server.user}@{self.where}/{self.server.folder}"

    def __enter__(self) -> Mailbox:
        server = self.server
        if not server.host:
            raise CollectError("no IMAP server is configured (set probes.imap.host)")
        port = server.port or _DEFAULT_PORTS[server.security]
        try:
            if server.security == "tls":
                imap: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                    server.host, port, ssl_context=tls_context(server), timeout=server.timeout
                )
            else:
                imap = imaplib.IMAP4(server.host, port, timeout=server.timeout)
                if server.security == "starttls":
                    imap.starttls(ssl_context=tls_context(server))
        except (OSError, imaplib.IMAP4.error, ssl.SSLError) as error:
            raise CollectError(f"the IMAP server {self.where} could not be reached: {error}") from None
        self.imap = imap
        login = server.login()
        try:
            if login is not None:
                imap.login(*login)
            status, _ = imap.select(_quoted(server.folder), readonly=True)
        except imaplib.IMAP4.abort as error:
            raise self.lost(error) from None
        except imaplib.IMAP4.error:
            user = login[0] if login else "(no user)"
            raise CollectError(
                f"the IMAP server {self.where} refused the login for '{user}'; check the user and the "
                f"password in ${server.password_env or 'the password variable'}"
            ) from None
        if status != "OK":
            raise CollectError(f"the IMAP folder '{server.folder}' could not be opened on {self.where}")
        # Servers announce IDLE only after login; imaplib keeps the list it read on connecting.
        status, caps = imap.capability()
        if status == "OK" and caps and isinstance(caps[0], bytes):
            imap.capabilities = tuple(caps[0].decode().upper().split())
        validity = imap.response("UIDVALIDITY")[1]
        self.uid_validity = int(validity[0]) if validity and validity[0] else 0
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self.imap is not None:
            with suppress(OSError, imaplib.IMAP4.error):  # the server may be gone already
                self.imap.logout()

    def lost(self, error: BaseException) -> CollectError:
        return CollectError(
            f"the connection to the IMAP server {self.where} was lost ({error or error.__class__.__name__}); "
            "the replies collected so far are saved, run `contact-audit probe collect` again to resume"
        )

    def new_messages(self, after_uid: int) -> Iterator[tuple[int, datetime | None, bytes]]:
        """(uid, INTERNALDATE, raw message) for every message with a UID above `after_uid`, oldest first."""
        assert self.imap is not None
        try:
            self.imap.noop()  # lets the server report messages that came in since we last looked
            status, data = self.imap.uid("SEARCH", "UID", f"{after_uid + 1}:*")
            uids = sorted(int(u) for u in (data[0] or b"").split() if int(u) > after_uid) if status == "OK" else []
            for uid in uids:
                status, parts = self.imap.uid("FETCH", str(uid), "(UID INTERNALDATE BODY.PEEK[])")
                if status != "OK":
                    continue
                for part in parts:
                    if isinstance(part, tuple):
                        yield uid, _internal_date(part[0]), part[1]
        except (OSError, imaplib.IMAP4.abort) as error:
            raise self.lost(error) from None

    def wait(self, seconds: float) -> None:
        """Wait up to `seconds` for new mail: IDLE where offered (RFC 2177), else a plain sleep."""
        assert self.imap is not None
        if not (self.server.idle and "IDLE" in self.imap.capabilities):
            time.sleep(max(0.0, min(seconds, self.server.poll_seconds)))
            return
        try:
            self._idle(seconds)
        except (OSError, imaplib.IMAP4.abort) as error:
            raise self.lost(error) from None

    def _idle(self, seconds: float) -> None:
        imap = self.imap
        assert imap is not None
        tag = imap._new_tag()  # type: ignore[attr-defined]
        imap.send(tag + b" IDLE\r\n")
        if not imap.readline().startswith(b"+"):
            raise imaplib.IMAP4.abort("the server did not accept IDLE")
        deadline = time.monotonic() + seconds
        sock = imap.socket()
        while (left := deadline - time.monotonic()) > 0:
            # select() instead of a socket timeout: a timed-out buffered reader cannot be read again.
            pending = isinstance(sock, ssl.SSLSocket) and sock.pending() > 0
            if pending or select.select([sock], [], [], min(left, 1.0))[0]:
                line = imap.readline()
                if not line:
                    raise imaplib.IMAP4.abort("the server closed the connection")
                if b"EXISTS" in line or b"RECENT" in line:
                    break
        imap.send(b"DONE\r\n")
        while True:
            line = imap.readline()
            if not line:
                raise imaplib.IMAP4.abort("the server closed the connection")
            if line.startswith(tag):
                return


def _quoted(folder: str) -> str:
    return folder if folder.isalnum() else '"' + folder.replace('"', '\\"') + '"'


def _internal_date(meta: bytes) -> datetime | None:
    match = _INTERNALDATE.search(meta)
    if not match:
        return None
    try:
        return parsedate_to_datetime(match.group(1).decode().replace("-", " ", 2))
    except (TypeError, ValueError):
        return None
