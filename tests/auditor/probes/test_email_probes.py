"""Email probes through a real SMTP server, replies from a real IMAP server, a helpdesk that answers."""

from __future__ import annotations

import threading

import pytest

from auditor.artifacts import Email, Probe, SiteArtifacts
from auditor.gather.probes.collect import collect
from auditor.gather.probes.imap import CollectError
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


def test_every_kind_of_helpdesk_answer_is_matched_classified_and_timed(lab: MailLab, ledger: Ledger) -> None:
    config = lab_config(lab, max_per_channel=5, email_window_hours=9 / 3600)
    rows = send_probes(ledger, company_site(*ADDRESSES), config)
    assert {r.target.partition("@")[0]: r.state for r in rows} == {
        "support": "sent", "sales": "sent", "info": "sent", "hello": "sent", "nobody": "failed",
    }  # fmt: skip
    collect(ledger, config.probes, wait_seconds=20)
    probes = by_target(ledger)

    support = probes["support"]  # acknowledged at once with a promise, a person later, threaded by References only
    assert support.status == "replied" and support.auto_reply is True
    assert support.promised_response_time == "P2D"
    assert support.first_reply_at is not None and support.first_human_reply_at is not None
    assert support.first_reply_at < support.first_human_reply_at
    assert [e.kind for e in support.events] == ["sent", "auto_reply", "human_reply"]
    assert support.events[2].seconds_after_sent is not None and 3 <= support.events[2].seconds_after_sent <= 8

    sales = probes["sales"]  # a person, from another address, with no thread headers: matched by box+TOKEN@
    assert sales.status == "replied" and sales.auto_reply is False and sales.first_human_reply_at is not None

    info = probes["info"]  # an out-of-office note in German, without any header saying so
    assert info.status == "replied" and info.auto_reply is True and info.first_human_reply_at is None
    assert info.promised_response_time == "P3D"
    assert "Abwesenheitsnotiz" in info.events[1].note

    assert probes["hello"].status == "no_reply" and probes["hello"].first_reply_at is None
    assert "refused the recipient nobody@" in probes["nobody"].detail


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


def test_collecting_resumes_after_the_imap_server_goes_away(lab: MailLab, ledger: Ledger) -> None:
    config = lab_config(lab, max_per_channel=5, email_window_hours=1)
    send_probes(ledger, company_site("support", "sales"), config)
    collect(ledger, config.probes, wait_seconds=2)  # the acknowledgement is in; the people answer later
    assert by_target(ledger)["support"].auto_reply is True

    cut = threading.Timer(1.0, lab.stop_imap)  # the server dies while the collector waits in IDLE
    cut.start()
    with pytest.raises(CollectError) as caught:
        collect(ledger, config.probes, wait_seconds=15)
    assert str(caught.value).startswith(f"the connection to the IMAP server 127.0.0.1:{lab.imap_port} was lost")
    assert str(caught.value).endswith("run `contact-audit probe collect` again to resume")
    assert by_target(ledger)["support"].auto_reply is True  # what was stored stays stored

    cut.join()
    lab.start_imap()  # back, but empty: the helpdesk's people still answer into it
    report = collect(ledger, config.probes, wait_seconds=10)
    probes = by_target(ledger)
    assert probes["support"].status == "replied" and probes["sales"].status == "replied"
    assert all(not reply.automatic for _, reply in report.stored)
