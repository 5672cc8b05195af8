"""The probe ledger's promise across processes: however many `probe send` run at once, each probe goes out once."""

from __future__ import annotations

import multiprocessing
import random
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event

from auditor.gather.probes.message import new_token
from auditor.storage.ledger import Ledger, PlannedProbe

RUN = "probe-bikes.co.uk@2026-03-16T09:00:00+00:00"
TARGETS = [f"person{number:02}@probe-bikes.co.uk" for number in range(40)]
SENDERS = 4


def send_everything(url: str, sender: str, start: Event, results: Queue[tuple[str, list[str]]]) -> None:
    """One `probe send`: plan the run with tokens of its own, then claim and "send" every probe it can."""
    ledger = Ledger(url)
    try:
        planned = [PlannedProbe("email", target, new_token()) for target in TARGETS]
        start.wait(60)
        rows = ledger.plan(RUN, "probe-bikes.co.uk", planned, "2026-03-16T09:00:00.000+00:00")
        sent = []
        for row in random.sample(rows, len(rows)):  # each sender in its own order, so that they collide
            if ledger.claim(row.id, sender):
                ledger.mark_sent(row.id, "2026-03-16T09:00:01.000+00:00", "2026-03-17T09:00:01.000+00:00")
                sent.append(row.target)
        results.put((sender, sent))
    finally:
        ledger.close()


def test_senders_in_separate_processes_send_each_planned_probe_exactly_once(history_url: str) -> None:
    Ledger(history_url).close()  # migrated here: this test is about the ledger, not the migrations
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    results: Queue[tuple[str, list[str]]] = context.Queue()
    senders = [
        context.Process(target=send_everything, args=(history_url, f"sender-{number}", start, results))
        for number in range(SENDERS)
    ]
    for process in senders:
        process.start()
    start.set()
    outcomes = dict(results.get(timeout=180) for _ in senders)
    for process in senders:
        process.join(timeout=60)
    assert [p.exitcode for p in senders] == [0] * SENDERS

    sent = [target for targets in outcomes.values() for target in targets]
    assert sorted(sent) == TARGETS  # none twice, none left out
    ledger = Ledger(history_url)
    try:
        rows = ledger.probes_of_run(RUN)
    finally:
        ledger.close()
    assert sorted(r.target for r in rows) == TARGETS  # planned once each, whoever planned first
    assert {r.state for r in rows} == {"sent"}
    assert {r.target: r.claimed_at for r in rows} == {t: s for s, targets in outcomes.items() for t in targets}
