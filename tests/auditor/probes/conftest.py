"""A local mail world per test: SMTP and IMAP on 127.0.0.1, the stand-in helpdesk, a fresh ledger.

The helpdesk answers on a stepped clock: nothing comes back until a test advances it, and
what comes back is stamped with the clock's time, so no test waits for a person or races a window.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from auditor.config.settings import AuditConfig
from auditor.gather.probes.lab.clock import SteppedClock
from auditor.gather.probes.lab.servers import MailLab
from auditor.storage.ledger import Ledger

COMPANY = "probe-bikes.co.uk"
# A Monday morning on a whole second: IMAP's INTERNALDATE keeps whole seconds, so times stay exact.
MONDAY = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> SteppedClock:
    """The test's time: it stands still until the test advances it. Pass `now=clock.now` to the probes."""
    return SteppedClock(start=MONDAY)


@pytest.fixture
def lab(monkeypatch: pytest.MonkeyPatch, clock: SteppedClock) -> Iterator[MailLab]:
    with MailLab([COMPANY], clock=clock) as running:
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
