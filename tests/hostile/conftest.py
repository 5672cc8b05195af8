"""Running an audit of a hostile site as a user would, with a bound on its wall time.

`tests.conftest.run_cli` waits up to 240 s and then leaves whatever the audit started
(Chromium) running. A hostile site is exactly where an audit may hang, so these tests
run the CLI themselves: a bound of the audit's own `--time-budget` plus a fixed
allowance, and on expiry the whole process tree the audit started is killed by id.
The tree's memory is sampled meanwhile, for the cases that try to exhaust it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import psutil

from tests.conftest import ROOT
from tests.hostile.server import PERMISSIVE_ROBOTS, HostileSite, serve

# Beyond --time-budget: interpreter and Chromium start-up, the requests in flight when the
# budget ends (each bounded by crawl.timeout, 20 s), the checks and the reports, on a
# shared, loaded machine. A bound, not a speed figure.
ALLOWANCE = 75.0


@dataclass
class AuditRun:
    """One finished (or killed) `contact-audit audit` and what it left in its run directory."""

    url: str
    out: Path
    budget: float
    bound: float
    returncode: int | None  # None: killed at the bound
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float
    args: list[str] = field(default_factory=list)

    @property
    def killed(self) -> bool:
        return self.returncode is None

    def describe(self) -> str:
        """What a failing assertion shows: how the audit ended and what it said."""
        state = (
            f"killed after {self.seconds:.0f} s (bound {self.bound:.0f} s)"
            if self.killed
            else f"exit {self.returncode}"
        )
        return f"audit of {self.url}: {state}, {self.seconds:.0f} s; stderr: {self.stderr.strip()[-1500:]!r}"

    @cached_property
    def report(self) -> dict[str, Any]:
        return dict(json.loads((self.out / "report.json").read_text(encoding="utf-8")))

    @cached_property
    def artifacts(self) -> dict[str, Any]:
        return dict(json.loads((self.out / "artifacts.json").read_text(encoding="utf-8")))

    def emails(self) -> set[str]:
        return {e["address"] for e in self.report["channels"]["emails"]}

    def contact_pages(self) -> set[str]:
        return {c["url"] for c in self.report["channels"]["contact_pages"]}

    def warnings(self) -> list[str]:
        return list(self.report.get("warnings") or [])

    def page(self, url: str) -> dict[str, Any] | None:
        """The artifacts' record of the page at `url` (a crawled page, or one that failed)."""
        return next((p for p in self.artifacts["pages"] if p["url"] == url), None)

    def page_warnings(self) -> dict[str, list[str]]:
        return {p["url"]: p["warnings"] + ([p["error"]] if p.get("error") else []) for p in self.artifacts["pages"]}

    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def _tree(process: psutil.Process) -> list[psutil.Process]:
    try:
        return [process, *process.children(recursive=True)]
    except psutil.Error:
        return []


def _sample(pid: int, done: threading.Event, peak: list[float]) -> None:
    root = psutil.Process(pid)
    while not done.wait(0.25):
        total = 0
        for process in _tree(root):
            try:
                total += process.memory_info().rss
            except psutil.Error:
                continue
        peak[0] = max(peak[0], total / 2**20)


def audit(
    url: str,
    out: Path,
    *args: str,
    budget: float = 40.0,
    allowance: float = ALLOWANCE,
    render: bool = True,
) -> AuditRun:
    """`contact-audit audit URL --out OUT --delay 0 --quiet --no-history --time-budget BUDGET ARGS`."""
    command = [sys.executable, "-m", "auditor", "audit", url, "--out", str(out), "--delay", "0", "--quiet"]
    command += ["--no-history", "--time-budget", f"{budget:g}", *([] if render else ["--no-render"]), *args]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    bound = budget + allowance
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    done, peak = threading.Event(), [0.0]
    sampler = threading.Thread(target=_sample, args=(process.pid, done, peak), daemon=True)
    sampler.start()
    try:
        stdout, stderr = process.communicate(timeout=bound)
        returncode: int | None = process.returncode
    except subprocess.TimeoutExpired:
        # Every process this audit started (its Playwright driver, Chromium), by id.
        for child in reversed(_tree(psutil.Process(process.pid))):
            with suppress(psutil.Error):
                child.kill()
        stdout, stderr = process.communicate()
        returncode = None
    finally:
        done.set()
        sampler.join()
    return AuditRun(
        url=url,
        out=out,
        budget=budget,
        bound=bound,
        returncode=returncode,
        stdout=stdout,
        stderr=stderr,
        seconds=time.monotonic() - started,
        peak_rss_mb=peak[0],
        args=command[3:],
    )


@contextmanager
def hosted(robots: str | None = PERMISSIVE_ROBOTS) -> Iterator[tuple[str, HostileSite]]:
    """A fresh server; yields its base URL and its site, to add routes to (served at once) and
    to read the request log of."""
    site = HostileSite(robots=robots)
    with serve(site) as base:
        yield base, site
