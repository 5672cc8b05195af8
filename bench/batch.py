"""Batch throughput: `contact-audit batch` against `contact-audit audit` once per site, in the same run.

    .venv/bin/python bench/batch.py [--sites 100] [--pages 10] [--scripts] [--concurrency 4]
                                    [--baseline-sites N] [--no-queue] [--json]

On a farm of generated sites on 127.0.0.1 (`bench/batch_farm.py`, each site on its own
port), it measures, one after another on the same machine:

- the baseline: `contact-audit audit URL` for each site, one after another (with
  `--baseline-sites N`, the first N sites, and the rate is theirs);
- `contact-audit batch LIST`: every site, concurrently in one process tree;
- the queue: `contact-audit batch LIST --queue redis://...` with two `contact-audit worker`
  processes on this machine, a throw-away redis-server, and a check that every site of the
  batch is stored in the history exactly once.

Figures: sites per minute, peak memory of the whole process tree (Chromium included), as
the sum of the processes' resident memory (RSS: shared pages counted in every process)
and as their proportional share (PSS: shared pages divided among the processes that map
them, the memory the tree really takes), and sites failed. Targets: the batch audits >= 60
sites a minute, its tree's peak PSS stays under 1.5 GiB, no site fails; the two workers
store every site exactly once.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psutil

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from batch_farm import generate, serve_sites  # noqa: E402

CLI = [sys.executable, "-m", "auditor"]
TARGET_SITES_PER_MINUTE = 60.0
TARGET_PEAK_PSS_GIB = 1.5
GIB = 1024**3


@dataclass
class Figures:
    name: str
    sites: int
    seconds: float
    failed: int
    peak_rss_gib: float
    peak_pss_gib: float
    stored_once: bool | None = None

    @property
    def per_minute(self) -> float:
        return self.sites / self.seconds * 60 if self.seconds else 0.0


class TreeMemory:
    """The peak memory of a process tree, sampled every 0.2 s from outside it."""

    def __init__(self, roots: list[psutil.Process]) -> None:
        self.roots = roots
        self.peak_rss = 0
        self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            rss = pss = 0
            for root in self.roots:
                try:
                    tree = [root, *root.children(recursive=True)]
                except psutil.Error:
                    continue
                for process in tree:
                    try:
                        info = process.memory_full_info()
                    except psutil.Error:
                        continue
                    rss += info.rss
                    pss += getattr(info, "pss", info.rss)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def _run(command: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], TreeMemory]:
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with TreeMemory([psutil.Process(process.pid)]) as memory:
        stdout, stderr = process.communicate()
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr), memory


def baseline(urls: list[str], work: Path, env: dict[str, str]) -> Figures:
    failed, peak_rss, peak_pss = 0, 0, 0
    started = time.monotonic()
    for number, url in enumerate(urls):
        done, memory = _run([*CLI, "audit", url, "--out", str(work / f"one-{number}"), "--delay", "0", "--quiet"], env)
        failed += done.returncode not in (0, 1)
        peak_rss, peak_pss = max(peak_rss, memory.peak_rss), max(peak_pss, memory.peak_pss)
    return Figures("audit once per site", len(urls), time.monotonic() - started, failed, peak_rss / GIB, peak_pss / GIB)


def batch(listing: Path, count: int, concurrency: int, env: dict[str, str]) -> Figures:
    command = [*CLI, "batch", str(listing), "--delay", "0", "--concurrency", str(concurrency), "--json"]
    started = time.monotonic()
    done, memory = _run(command, env)
    seconds = time.monotonic() - started
    if done.returncode not in (0, 3):
        raise SystemExit(f"batch failed: {done.stderr.strip()[-500:]}")
    sites = json.loads(done.stdout.strip().splitlines()[-1])["sites"]
    failed = sum(s["state"] != "done" for s in sites)
    return Figures("batch", count, seconds, failed, memory.peak_rss / GIB, memory.peak_pss / GIB)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def redis_server(work: Path) -> Iterator[str]:
    program = shutil.which("redis-server")
    if program is None:
        raise SystemExit("redis-server is not installed: run scripts/setup.sh (or apt-get install redis-server)")
    port = _free_port()
    folder = work / "redis"
    folder.mkdir()
    server = subprocess.Popen(
        [program, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60  # a bound on waiting for the server, not a measurement
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                if connection.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            raise SystemExit("redis-server did not start")
        time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=30)


def queue(listing: Path, count: int, work: Path, env: dict[str, str], database: Path) -> Figures:
    with redis_server(work) as broker:
        workers = [
            subprocess.Popen(
                [*CLI, "worker", "--queue", broker, "--name", f"bench{n}@127.0.0.1", "--quiet"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for n in (1, 2)
        ]
        try:
            command = [*CLI, "batch", str(listing), "--queue", broker, "--delay", "0", "--json", "--fresh"]
            started = time.monotonic()
            process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            roots = [psutil.Process(w.pid) for w in workers] + [psutil.Process(process.pid)]
            with TreeMemory(roots) as memory:
                stdout, stderr = process.communicate()
            seconds = time.monotonic() - started
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(timeout=120)
    if process.returncode not in (0, 3):
        raise SystemExit(f"queued batch failed: {stderr.strip()[-500:]}")
    sites = json.loads(stdout.strip().splitlines()[-1])["sites"]
    failed = sum(s["state"] != "done" for s in sites)
    with sqlite3.connect(database) as connection:
        per_site = connection.execute(
            "SELECT sites.url, COUNT(runs.id) FROM sites JOIN runs ON runs.site_id = sites.id "
            "WHERE runs.run_dir LIKE ? GROUP BY sites.url",
            (f"{listing.parent / 'queue-runs'}%",),
        ).fetchall()
    once = len(per_site) == count and all(n == 1 for _, n in per_site)
    return Figures(
        "2 workers through the queue", count, seconds, failed, memory.peak_rss / GIB, memory.peak_pss / GIB, once
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", type=int, default=100)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--scripts", action="store_true", help="every page loads a small script of its site's own")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--baseline-sites", type=int, default=0, help="audit only the first N sites one by one")
    parser.add_argument("--no-queue", action="store_true", help="leave out the two-worker queue run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="contact-audit-batch-bench-") as scratch:
        work = Path(scratch)
        farm = generate(work / "farm", args.sites, args.pages, scripts=args.scripts)
        with serve_sites(farm) as urls:
            database = work / "history.sqlite"
            env = {**os.environ, "PYTHONWARNINGS": "ignore", "CONTACT_AUDIT_DB": f"sqlite:///{database}"}
            listing = work / "batch.txt"
            listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
            figures = [baseline(urls[: args.baseline_sites or len(urls)], work, env)]
            figures.append(batch(listing, len(urls), args.concurrency, env))
            if not args.no_queue:
                queued = work / "queue.txt"
                queued.write_text(listing.read_text(encoding="utf-8"), encoding="utf-8")
                figures.append(queue(queued, len(urls), work, env, database))
    _report(figures, args)


def _report(figures: list[Figures], args: Any) -> None:
    base, run = figures[0], figures[1]
    verdict = {
        "sites_per_minute": run.per_minute >= TARGET_SITES_PER_MINUTE,
        "peak_pss": run.peak_pss_gib < TARGET_PEAK_PSS_GIB,
        "no_site_failed": run.failed == 0,
        "queue_stored_once": all(f.stored_once for f in figures[2:]) if len(figures) > 2 else None,
    }
    if args.json:
        rows = [{**asdict(f), "sites_per_minute": round(f.per_minute, 1)} for f in figures]
        print(json.dumps({"figures": rows, "speedup": round(run.per_minute / base.per_minute, 2), "targets": verdict}))
        return
    kind = " with scripts" if args.scripts else ""
    print(f"{args.sites} sites of {args.pages} pages{kind}, concurrency {args.concurrency}")
    print(
        f"{'run':<30} {'sites':>5} {'seconds':>8} {'sites/min':>9} {'peak RSS':>9} {'peak PSS':>9} {'failed':>6}  once"
    )
    for f in figures:
        once = "-" if f.stored_once is None else ("yes" if f.stored_once else "NO")
        print(
            f"{f.name:<30} {f.sites:>5} {f.seconds:>8.1f} {f.per_minute:>9.1f} {f.peak_rss_gib:>7.2f} G"
            f" {f.peak_pss_gib:>7.2f} G {f.failed:>6}  {once}"
        )
    print(f"batch / audit once per site: {run.per_minute / base.per_minute:.2f}x sites per minute")
    print("targets: " + ", ".join(f"{k} {'met' if v else 'NOT met'}" for k, v in verdict.items() if v is not None))


if __name__ == "__main__":
    main()
