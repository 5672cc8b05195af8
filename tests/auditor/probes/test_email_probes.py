"""Email probes through a real SMTP server, replies from a real IMAP server, a helpdesk that answers."""

from __future__ import annotations

import select
from typing import Any

import pytest

from auditor.artifacts import Email, Probe, SiteArtifacts
from auditor.gather.probes import imap
from auditor.gather.probes.collect import collect
from auditor.gather.probes.imap import CollectError
from auditor.gather.probes.lab.clock import SteppedClock
from auditor.gather.probes.lab.servers import MailLab
from auditor.gather.probes.send import ProbeError, send_probes
from auditor.gather.probes.view import domain_probes
from auditor.storage.ledger import Ledger
from tests.auditor.probes.conftest import COMPANY, lab_config
from tests.builders import site

pytestmark = pytest.mark.slow
ADDRESSES = ["support", "sales", "info", "hello", "nobody"]


def company_site(*locals_: str) -> SiteArtifacts:
    artifacts = site(emails=[Email(address=f"{local}@{COMPANY}") for local in locals_])
    artifacts.site.url, artifacts.site.domain = f"https://www.{COMPANY}/", COMPANY
    return artifacts


def by_target(ledger: Ledger) -> dict[str, Probe]:
    return {p.target.partition("@")[0]: p for p in domain_probes(ledger, COMPANY)}


def seconds(probe: Probe) -> list[tuple[str, float | None]]:
    return [(e.kind, e.seconds_after_sent) for e in probe.events]


def test_every_kind_of_helpdesk_answer_is_matched_classified_and_timed(
    lab: MailLab, ledger: Ledger, clock: SteppedClock
) -> None:
    config = lab_config(lab, max_per_channel=5, email_window_hours=1)
    rows = send_probes(ledger, company_site(*ADDRESSES), config, now=clock.now)
    assert {r.target.partition("@")[0]: r.state for r in rows} == {
        "support": "sent", "sales": "sent", "info": "sent", "hello": "sent", "nobody": "failed",
    }  # fmt: skip
    clock.advance(0)  # the machines answer at once
    clock.advance(4)  # sales' person answers after three seconds, support's after four
    collect(ledger, config.probes, now=clock.now)
    probes = by_target(ledger)

    support = probes["support"]  # acknowledged at once with a promise, a person later, threaded by References only
    assert support.status == "replied" and support.auto_reply is True
    assert support.promised_response_time == "P2D"
    assert seconds(support) == [("sent", 0.0), ("auto_reply", 0.0), ("human_reply", 4.0)]

    sales = probes["sales"]  # a person, from another address, with no thread headers: matched by box+TOKEN@
    assert sales.status == "replied" and sales.auto_reply is False
    assert seconds(sales) == [("sent", 0.0), ("human_reply", 3.0)]

    info = probes["info"]  # an out-of-office note in German, without any header saying so
    assert info.auto_reply is True and info.first_human_reply_at is None
    assert info.promised_response_time == "P3D"
    assert "Abwesenheitsnotiz" in info.events[1].note
    assert "refused the recipient nobody@" in probes["nobody"].detail
    assert info.status == probes["hello"].status == "sent"  # their windows are still open

    clock.advance(3600)
    report = collect(ledger, config.probes, now=clock.now)
    assert sorted(p.target for p in report.closed) == [f"hello@{COMPANY}", f"info@{COMPANY}"]
    probes = by_target(ledger)
    assert probes["info"].status == "replied" and probes["info"].first_human_reply_at is None
    assert probes["hello"].status == "no_reply" and probes["hello"].first_reply_at is None


def test_sending_again_sends_nothing_twice(lab: MailLab, ledger: Ledger) -> None:
    config = lab_config(lab)
    artifacts = company_site("hello")
    first = send_probes(ledger, artifacts, config)
    again = send_probes(ledger, artifacts, config)
    assert [(r.id, r.state, r.token) for r in again] == [(r.id, r.state, r.token) for r in first]
    received = [m for m in lab.helpdesk.received if "hello@" in str(m["To"])]
    assert len(received) == 1


def test_wrong_credentials_stop_with_one_sentence_and_keep_the_probe_planned(
    lab: MailLab, ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(lab.password_env, "not-the-password")
    with pytest.raises(ProbeError) as caught:
        send_probes(ledger, company_site("hello"), lab_config(lab))
    assert str(caught.value) == (
        f"the SMTP server 127.0.0.1:{lab.smtp_port} refused the login for 'probes'; "
        f"check the user and the password in ${lab.password_env}"
    )
    assert [r.state for r in ledger.probes()] == ["planned"]
    monkeypatch.setenv(lab.password_env, lab.password)
    assert [r.state for r in send_probes(ledger, company_site("hello"), lab_config(lab))] == ["sent"]


class ServerDiesDuringIdle:
    """Stands in for `select` in the IMAP client: the lab's IMAP server is killed while the collector waits in IDLE."""

    def __init__(self, lab: MailLab) -> None:
        self.lab = lab
        self.killed = False

    def select(self, *waiting: Any) -> Any:
        if not self.killed:
            self.killed = True
            self.lab.stop_imap()
        return select.select(*waiting)


def test_collecting_resumes_after_the_imap_server_goes_away(
    lab: MailLab, ledger: Ledger, clock: SteppedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = lab_config(lab, max_per_channel=5, email_window_hours=1)
    send_probes(ledger, company_site("support", "sales"), config, now=clock.now)
    clock.advance(0)  # the acknowledgement is in; the people answer later
    collect(ledger, config.probes, now=clock.now)
    assert by_target(ledger)["support"].auto_reply is True

    dies = ServerDiesDuringIdle(lab)
    with monkeypatch.context() as patched, pytest.raises(CollectError) as caught:
        patched.setattr(imap, "select", dies)
        collect(ledger, config.probes, wait_seconds=120, now=clock.now)
    assert dies.killed  # it was waiting in IDLE, not reading, when the server died
    assert str(caught.value).startswith(f"the connection to the IMAP server 127.0.0.1:{lab.imap_port} was lost")
    assert str(caught.value).endswith("run `contact-audit probe collect` again to resume")
    assert by_target(ledger)["support"].auto_reply is True  # what was stored stays stored

    clock.advance(4)  # the people answer while the mailbox is down: the mail server queues their mail
    lab.start_imap()  # back, empty but for the queued replies
    report = collect(ledger, config.probes, now=clock.now)
    probes = by_target(ledger)
    assert probes["support"].status == "replied" and probes["sales"].status == "replied"
    assert sorted((p.target, reply.automatic) for p, reply in report.stored) == [
        (f"sales@{COMPANY}", False),
        (f"support@{COMPANY}", False),
    ]
