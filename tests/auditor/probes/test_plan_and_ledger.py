"""Who may be probed, and the ledger that never sends twice and never loses a reply."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from auditor.artifacts import ChatWidget, ContactPage, Email, Form, FormField, SiteArtifacts
from auditor.config.probes import ProbesConfig
from auditor.config.settings import AuditConfig
from auditor.errors import ConfigError
from auditor.gather.probes.plan import plan_probes, run_key
from auditor.gather.probes.send import send_probes
from auditor.gather.probes.view import domain_probes
from auditor.storage.ledger import Ledger, NewReply, PlannedProbe
from tests.builders import BASE, site

FIELDS = [FormField(name="email", kind="email"), FormField(name="message", kind="message")]


def artifacts() -> SiteArtifacts:
    return site(
        emails=[
            Email(address="jobs@example.co.uk", pages=[f"{BASE}/"]),
            Email(address="support@example.co.uk", pages=[f"{BASE}/contact/"]),
            Email(address="someone@gmail.com", pages=[f"{BASE}/"]),
        ],
        contact_pages=[ContactPage(url=f"{BASE}/contact/")],
        forms=[
            Form(page=f"{BASE}/contact/", action=f"{BASE}/send", fields=FIELDS),
            Form(page=f"{BASE}/partners/", action=f"{BASE}/send", fields=FIELDS, captcha="recaptcha"),
        ],
        chat_widgets=[ChatWidget(vendor="tawk", pages=[f"{BASE}/contact/"])],
    )


def decisions(config: ProbesConfig) -> dict[tuple[str, str], str]:
    return {(i.channel, i.target): i.action for i in plan_probes(artifacts(), config)}


def test_nothing_is_planned_for_a_domain_that_is_not_authorised() -> None:
    items = plan_probes(artifacts(), ProbesConfig(authorised_domains=["other.example"]))
    assert [(i.action, i.reason) for i in items] == [
        ("skip", "example.co.uk is not an authorised domain (add it with --authorised-domain)")
    ]


def test_one_probe_per_channel_free_mail_skipped_captcha_protected() -> None:
    plan = decisions(ProbesConfig(authorised_domains=["example.co.uk"]))
    assert plan[("email", "support@example.co.uk")] == "send"  # on the contact page, and a support address
    assert plan[("email", "jobs@example.co.uk")] == "skip"  # one email probe per run
    assert plan[("email", "someone@gmail.com")] == "skip"  # gmail.com is not authorised
    assert plan[("form", f"{BASE}/contact/")] == "send"
    assert plan[("form", f"{BASE}/partners/")] == "protected"
    assert plan[("chat", f"{BASE}/contact/")] == "send"


def test_the_do_not_probe_list_wins() -> None:
    plan = decisions(ProbesConfig(authorised_domains=["example.co.uk"], do_not_probe=["support@example.co.uk"]))
    assert plan[("email", "support@example.co.uk")] == "skip"
    assert plan[("email", "jobs@example.co.uk")] == "send"


def test_sending_refuses_while_probes_are_disabled(tmp_path: Path) -> None:
    ledger = Ledger(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    config = AuditConfig()
    config.probes.authorised_domains = ["example.co.uk"]
    with pytest.raises(ConfigError, match="probes are disabled"):
        send_probes(ledger, artifacts(), config)
    assert ledger.probes() == []  # refused before anything was recorded


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    return Ledger(f"sqlite:///{tmp_path / 'ledger.sqlite'}")


def test_planning_twice_keeps_the_first_plan(ledger: Ledger) -> None:
    first = ledger.plan("run", "example.co.uk", [PlannedProbe("email", "a@example.co.uk", "ca-aaaaaaaaaa")], "t0")
    again = ledger.plan("run", "example.co.uk", [PlannedProbe("email", "a@example.co.uk", "ca-bbbbbbbbbb")], "t1")
    assert [r.token for r in again] == [r.token for r in first] == ["ca-aaaaaaaaaa"]


def test_only_one_of_many_senders_can_claim_a_probe(ledger: Ledger) -> None:
    (row,) = ledger.plan("run", "example.co.uk", [PlannedProbe("email", "a@example.co.uk", "ca-aaaaaaaaaa")], "t0")
    results: list[bool] = []
    threads = [threading.Thread(target=lambda: results.append(ledger.claim(row.id, "t1"))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]


def test_an_interrupted_send_is_reported_unknown_and_never_retried(ledger: Ledger) -> None:
    (row,) = ledger.plan("run", "example.co.uk", [PlannedProbe("email", "a@example.co.uk", "ca-aaaaaaaaaa")], "t0")
    assert ledger.claim(row.id, "2026-01-01T00:00:00+00:00")  # then the process died
    stuck = ledger.mark_unknown_interrupted("2026-01-01T01:00:00+00:00")
    assert [r.id for r in stuck] == [row.id]
    (after,) = ledger.probes()
    assert after.state == "unknown" and "check the sent mailbox" in after.detail
    assert not ledger.claim(row.id, "2026-01-02T00:00:00+00:00")


def test_replies_are_stored_once_and_the_first_human_answer_finishes_the_probe(ledger: Ledger) -> None:
    (row,) = ledger.plan("run", "example.co.uk", [PlannedProbe("email", "a@example.co.uk", "ca-aaaaaaaaaa")], "t0")
    ledger.claim(row.id, "t1")
    ledger.mark_sent(row.id, "2026-01-01T10:00:00.000+00:00", "2026-01-04T10:00:00.000+00:00", "<probe@audit>")
    ack = NewReply("<ack@shop>", "2026-01-01T10:00:02.000+00:00", True, "Auto-Submitted", promised_response_time="P2D")
    assert ledger.add_reply(row.id, ack)
    assert not ledger.add_reply(row.id, ack)  # collected again: nothing new
    assert ledger.probes()[0].state == "sent"  # an acknowledgement is not an answer
    human = NewReply("<sam@shop>", "2026-01-01T15:00:00.000+00:00", False)
    assert ledger.add_reply(row.id, human)
    (probe,) = domain_probes(ledger, "example.co.uk")
    assert probe.status == "replied" and probe.auto_reply is True
    assert probe.first_reply_at == "2026-01-01T10:00:02.000+00:00"
    assert probe.first_human_reply_at == "2026-01-01T15:00:00.000+00:00"
    assert probe.promised_response_time == "P2D"
    assert [(e.kind, e.seconds_after_sent) for e in probe.events] == [
        ("sent", 0.0),
        ("auto_reply", 2.0),
        ("human_reply", 5 * 3600.0),
    ]


def test_a_closed_window_without_an_answer_is_no_reply(ledger: Ledger) -> None:
    (row,) = ledger.plan("run", "example.co.uk", [PlannedProbe("email", "a@example.co.uk", "ca-aaaaaaaaaa")], "t0")
    ledger.claim(row.id, "t1")
    ledger.mark_sent(row.id, "2026-01-01T10:00:00.000+00:00", "2026-01-04T10:00:00.000+00:00", "<probe@audit>")
    assert ledger.close_windows("2026-01-02T00:00:00.000+00:00") == []  # still open
    assert [r.state for r in ledger.close_windows("2026-01-05T00:00:00.000+00:00")] == ["no_reply"]
    (probe,) = domain_probes(ledger, "example.co.uk")
    assert probe.status == "no_reply" and probe.auto_reply is False


def test_run_key_names_the_run() -> None:
    assert run_key(artifacts()) == "example.co.uk@2026-11-23T00:00:00+00:00"
