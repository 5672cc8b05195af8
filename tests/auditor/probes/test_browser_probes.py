"""Form and chat probes in Chromium against the fixture site: a real form, a CAPTCHA, a bot and a person."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser

from auditor.artifacts import ChatWidget, ContactPage, Form, Probe, SiteArtifacts
from auditor.config.settings import AuditConfig
from auditor.demo.sitehost import serve
from auditor.gather.probes.collect import collect
from auditor.gather.probes.lab.clock import SteppedClock
from auditor.gather.probes.lab.servers import MailLab
from auditor.gather.probes.send import chromium, send_probes
from auditor.gather.probes.view import domain_probes
from auditor.storage.ledger import Ledger
from tests.auditor.probes.conftest import COMPANY, lab_config
from tests.builders import site
from tests.conftest import SITES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(AuditConfig()) as shared:
        yield shared


@pytest.fixture
def base(lab: MailLab) -> Iterator[str]:
    with serve(SITES, on_post=lab.form_handler(f"contact@{COMPANY}")) as url:
        yield url


def fixture_site(base: str, **channels: Any) -> SiteArtifacts:
    artifacts = site(contact_pages=[ContactPage(url=f"{base}/probe/contact/")], **channels)
    artifacts.site.url, artifacts.site.domain = f"{base}/probe/", "127.0.0.1"
    return artifacts


def only_probe(ledger: Ledger) -> Probe:
    (probe,) = domain_probes(ledger, "127.0.0.1")
    return probe


def test_the_form_is_filled_honestly_submitted_once_and_answered(
    lab: MailLab, ledger: Ledger, base: str, browser: Browser, clock: SteppedClock
) -> None:
    artifacts = fixture_site(base, forms=[Form(page=f"{base}/probe/contact/", action=f"{base}/probe/contact/send")])
    config = lab_config(lab, form_window_hours=1)
    (row,) = send_probes(ledger, artifacts, config, browser=browser, now=clock.now)
    assert row.state == "sent", row.detail
    (submitted,) = [m for m in lab.helpdesk.received if str(m["To"]) == f"contact@{COMPANY}"]
    assert submitted["Reply-To"] == f"probes+{row.token}@audit.test"  # the probe's own reply address
    assert "test message" in submitted.get_content() and "opt out" in submitted.get_content()

    clock.advance(3)  # the acknowledgement at once, the person after three seconds
    collect(ledger, config.probes, now=clock.now)
    probe = only_probe(ledger)
    assert probe.status == "replied" and probe.auto_reply is True
    assert probe.promised_response_time == "PT24H"
    assert [(e.kind, e.seconds_after_sent) for e in probe.events] == [
        ("sent", 0.0),
        ("auto_reply", 0.0),
        ("human_reply", 3.0),
    ]

    send_probes(ledger, artifacts, config, browser=browser, now=clock.now)
    assert len([m for m in lab.helpdesk.received if str(m["To"]) == f"contact@{COMPANY}"]) == 1


def test_a_form_behind_a_captcha_is_never_submitted(lab: MailLab, ledger: Ledger, base: str, browser: Browser) -> None:
    page = f"{base}/probe/captcha/"
    artifacts = fixture_site(base, forms=[Form(page=page, action=f"{page}send", captcha="recaptcha")])
    (row,) = send_probes(ledger, artifacts, lab_config(lab), browser=browser)
    assert row.state == "protected"
    assert only_probe(ledger).detail == "protected by a CAPTCHA (recaptcha); not probed"
    assert lab.helpdesk.received == []


def test_a_captcha_added_after_the_audit_still_stops_the_probe(
    lab: MailLab, ledger: Ledger, base: str, browser: Browser
) -> None:
    page = f"{base}/probe/captcha/"  # the audit saw no CAPTCHA here; the live page has one
    (row,) = send_probes(
        ledger, fixture_site(base, forms=[Form(page=page, action=page)]), lab_config(lab), browser=browser
    )
    assert row.state == "protected" and lab.helpdesk.received == []


def test_the_chat_bot_answers_at_once_and_a_person_takes_over_when_asked(
    lab: MailLab, ledger: Ledger, base: str, browser: Browser
) -> None:
    page = f"{base}/probe/contact/"
    artifacts = fixture_site(base, chat_widgets=[ChatWidget(vendor="tawk", pages=[page])])
    (row,) = send_probes(ledger, artifacts, lab_config(lab, chat_window_seconds=10), browser=browser)
    assert row.state == "replied", row.detail
    probe = only_probe(ledger)
    assert probe.auto_reply is True and probe.human_handover is True
    # Bot and person are told apart by the widget's marks, not by how fast they came: only the order is certain.
    assert [e.kind for e in probe.events] == ["sent", "auto_reply", "handover_asked", "human_reply"]
    sent, bot, asked, person = (e.seconds_after_sent for e in probe.events)
    assert sent == 0 and bot is not None and asked is not None and person is not None
    assert 0 <= bot <= asked < person
