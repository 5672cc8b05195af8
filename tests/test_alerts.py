"""Alerts reach a webhook and an SMTP server, both listening on 127.0.0.1 in the test."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
from aiosmtpd.controller import Controller

from auditor.portfolio.alerts import SiteAlert, send_alerts
from auditor.portfolio.file import AlertsSettings
from tests.conftest import free_port


class Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append({"type": self.headers["Content-Type"], "json": json.loads(body)})
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextmanager
def hook_server() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A webhook receiver on 127.0.0.1: its URL, and the JSON bodies posted to it."""
    received: list[dict[str, Any]] = []
    handler = type("H", (Hook,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks/T0/B0", received
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    with hook_server() as hook:
        yield hook


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[int, Inbox]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


ALERTS = [
    SiteAlert("Nimbus Bikes", "https://nimbus.example/", "jane@agency.example", "The WhatsApp link 4420 is gone", 71),
    SiteAlert("Velo <Test>", "https://velo.example/", "", "could not be audited: the connection was refused"),
]


def test_webhook_gets_slack_compatible_json(webhook: tuple[str, list[dict[str, Any]]]) -> None:
    url, received = webhook
    assert send_alerts(AlertsSettings(webhook=url), "Agency", ALERTS) == []
    (posted,) = received
    assert posted["type"].startswith("application/json")
    text = posted["json"]["text"]
    assert text.startswith("contact-audit: 2 sites of Agency regressed")
    assert "• Nimbus Bikes https://nimbus.example/ (owner: jane@agency.example): The WhatsApp link 4420 is gone" in text
    assert [s["score"] for s in posted["json"]["sites"]] == [71, None]


def test_email_alert(smtp: tuple[int, Inbox]) -> None:
    port, inbox = smtp
    settings = AlertsSettings.model_validate(
        {
            "email": ["web@agency.example", "ops@agency.example"],
            "smtp": {"host": "127.0.0.1", "port": port, "security": "none", "sender": "audits@agency.example"},
        }
    )
    assert send_alerts(settings, "Agency", ALERTS) == []
    ((recipients, message),) = inbox.messages
    assert recipients == ["web@agency.example", "ops@agency.example"]
    assert message["Subject"] == "contact-audit: 2 sites of Agency regressed"
    assert message["From"] == "audits@agency.example"
    assert "Velo <Test> https://velo.example/: could not be audited" in message.get_payload(decode=True).decode()


def test_failures_are_reported_not_raised() -> None:
    settings = AlertsSettings.model_validate(
        {
            "webhook": f"http://127.0.0.1:{free_port()}/hook",
            "email": ["web@agency.example"],
            "smtp": {"host": "127.0.0.1", "port": free_port(), "security": "none", "sender": "a@agency.example"},
        }
    )
    problems = send_alerts(settings, "Agency", ALERTS)
    assert len(problems) == 2
    assert problems[0].startswith("the webhook alert could not be sent")
    assert problems[1].startswith("the email alert could not be sent: the SMTP server 127.0.0.1:")
    assert problems[1].endswith("could not be reached: connection refused")
    assert send_alerts(settings, "Agency", []) == []  # nothing regressed: nothing sent
