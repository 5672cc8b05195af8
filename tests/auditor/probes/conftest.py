"""A local mail world per test: SMTP and IMAP on 127.0.0.1, the stand-in helpdesk, a fresh ledger."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.config.settings import AuditConfig
from auditor.gather.probes.lab.servers import MailLab
from auditor.storage.ledger import Ledger

COMPANY = "probe-bikes.co.uk"


@pytest.fixture
def lab(monkeypatch: pytest.MonkeyPatch) -> Iterator[MailLab]:
    with MailLab([COMPANY]) as running:
        monkeypatch.setenv(running.password_env, running.password)
        yield running


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    opened = Ledger(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    yield opened
    opened.close()


def lab_config(lab: MailLab, **probes: object) -> AuditConfig:
    config = AuditConfig()
    config.probes = lab.probes_config(**probes)
    return config
