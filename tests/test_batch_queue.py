"""A batch across workers: Celery on a real Redis, results in a real PostgreSQL.

Two or more `contact-audit worker` processes take the sites of one batch; every site is
audited and stored exactly once, and a worker killed with SIGKILL in the middle of a site
loses nothing: its job goes back to the queue and another worker audits the site again.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.test_batch import EVENTS, EVENTS_LOCK, shops

pytestmark = pytest.mark.slow
WAIT = 240.0  # a bound on waiting for workers, not a measurement


def _environment(history: str, redeliver_after: float) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONWARNINGS": "ignore",
        "CONTACT_AUDIT_DB": history,
        "CONTACT_AUDIT_REDELIVER_AFTER": str(redeliver_after),
    }


def _worker(queue: str, env: dict[str, str], name: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "auditor", "worker", "--queue", queue, "--name", name, "--quiet"]
    # Its own process group: killing the group is a machine that dies, audit process and all.
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def _queue_and_watch(file: Path, queue: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`batch FILE --queue` as a user runs it: queue what is left, then watch until every site is finished."""
    command = [sys.executable, "-m", "auditor", "batch", str(file), "--queue", queue, "--json", "--no-render"]
    return subprocess.run([*command, "--delay", "0"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=WAIT)


def _stop(workers: list[subprocess.Popen[str]]) -> None:
    for worker in workers:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=60)


def _runs_per_site(history: str) -> dict[str, int]:
    listed = run_cli("history", "--json", env={"CONTACT_AUDIT_DB": history})
    assert listed.returncode == 0, listed.stderr
    return {site["url"]: site["runs"] for site in json.loads(listed.stdout)["sites"]}


def test_two_workers_audit_every_site_of_a_batch_exactly_once(
    tmp_path: Path, redis_server: str, postgres_database: str
) -> None:
    # No worker dies here: no job may come back while its site is being audited.
    env = _environment(postgres_database, redeliver_after=1800)
    with shops(tmp_path, 4, pages=2, dead=False) as batch:
        workers = [_worker(redis_server, env, f"w{n}@test") for n in (1, 2)]
        try:
            done = _queue_and_watch(batch.file, redis_server, env)
        finally:
            _stop(workers)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert [s["state"] for s in summary["sites"]] == ["done"] * 4
    assert all(s["attempts"] == 1 for s in summary["sites"])
    assert sorted(_runs_per_site(postgres_database).values()) == [1, 1, 1, 1]
    for site in summary["sites"]:
        report = json.loads((Path(site["run_dir"]) / "report.json").read_text(encoding="utf-8"))
        assert report["site"]["url"] == site["url"] and len(report["history"]) == 1


def test_a_worker_killed_mid_site_loses_nothing_and_nothing_is_stored_twice(
    tmp_path: Path, redis_server: str, postgres_database: str
) -> None:
    # The dead worker's job comes back after 30 s instead of half an hour: longer than a site
    # takes here even on a loaded machine, so only the killed worker's site is audited again.
    env = _environment(postgres_database, redeliver_after=30)
    with shops(tmp_path, 3, pages=4, dead=False) as batch:
        queued = run_cli(
            "batch", str(batch.file), "--queue", redis_server, "--no-wait", "--no-render", "--delay", "1", env=env
        )
        assert queued.returncode == 0, queued.stderr
        doomed = _worker(redis_server, env, "doomed@test")
        workers = [doomed]
        try:
            # SIGKILL once the worker is inside its first site's crawl.
            deadline = time.monotonic() + WAIT
            while True:
                with EVENTS_LOCK:
                    if any(path.startswith("/p") for _, path in EVENTS):
                        break
                assert doomed.poll() is None and time.monotonic() < deadline, "the worker never started a site"
                time.sleep(0.05)
            os.killpg(doomed.pid, signal.SIGKILL)
            doomed.wait(timeout=60)
            workers.append(_worker(redis_server, env, "rescuer@test"))
            watched = _queue_and_watch(batch.file, redis_server, env)
        finally:
            _stop(workers)
    assert watched.returncode == 0, watched.stderr
    sites = json.loads(watched.stdout.strip().splitlines()[-1])["sites"]
    assert [s["state"] for s in sites] == ["done"] * 3
    assert max(s["attempts"] for s in sites) >= 2  # the killed worker's site was audited again
    assert sorted(_runs_per_site(postgres_database).values()) == [1, 1, 1]
