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
    delivery = send_alerts(AlertsSettings(webhook=url), "Agency", ALERTS)
    assert delivery.problems == []
    assert delivery.sent == ["the webhook at 127.0.0.1"]  # its host only: a hook's path is its secret
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
    delivery = send_alerts(settings, "Agency", ALERTS)
    assert (delivery.sent, delivery.problems) == (
        ["email to web@agency.example, ops@agency.example through 127.0.0.1"],
        [],
    )
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
    delivery = send_alerts(settings, "Agency", ALERTS)
    problems = delivery.problems
    assert len(problems) == 2 and delivery.sent == []
    assert problems[0].startswith("the webhook alert could not be sent")
    assert problems[1].startswith("the email alert could not be sent: the SMTP server 127.0.0.1:")
    assert problems[1].endswith("could not be reached: connection refused")
    nothing = send_alerts(settings, "Agency", [])  # nothing regressed: nothing sent
    assert (nothing.sent, nothing.problems) == ([], [])


def test_an_alert_names_the_score_change_and_every_lost_channel(webhook: tuple[str, list[dict[str, Any]]]) -> None:
    url, received = webhook
    alert = SiteAlert(
        "Nimbus Bikes",
        "https://nimbus.example/",
        "",
        "The WhatsApp link 4420 is gone",
        80,
        changes=("The score stayed at 80", "The WhatsApp link 4420 is gone", "The contact form on /contact/ is gone"),
        previous_score=80,
        lost_channels=("The WhatsApp link 4420 is gone", "The contact form on /contact/ is gone"),
    )
    send_alerts(AlertsSettings(webhook=url), "Agency", [alert])
    (posted,) = received
    assert posted["json"]["text"].splitlines()[1:] == [
        "• Nimbus Bikes https://nimbus.example/: The score stayed at 80",
        "    – The WhatsApp link 4420 is gone",
        "    – The contact form on /contact/ is gone",
    ]
    (site,) = posted["json"]["sites"]
    assert (site["score"], site["previous_score"]) == (80, 80)
    assert site["lost_channels"] == ["The WhatsApp link 4420 is gone", "The contact form on /contact/ is gone"]
