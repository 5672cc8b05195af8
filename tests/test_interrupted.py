"""Ctrl-C during an audit: the run ends with exit 130, partial everywhere, and is no baseline."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import ClassVar

import pytest

from auditor.demo.sitehost import QuietHandler, serve
from tests.conftest import ROOT, SITES, run_cli

pytestmark = pytest.mark.slow


class _Recording(QuietHandler):
    paths: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        type(self).paths.append(self.path)
        super().do_GET()


def test_an_interrupted_audit_is_partial_exits_130_and_is_not_stored(tmp_path: Path) -> None:
    out = tmp_path / "run"
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "CONTACT_AUDIT_DB": f"sqlite:///{tmp_path / 'history.sqlite'}"}
    recording = type("Recording", (_Recording,), {"paths": []})
    with serve(SITES / "jsgroups", handler_class=recording) as base:
        command = [sys.executable, "-m", "auditor", "audit", f"{base}/", "--out", str(out), "--no-render"]
        audit = subprocess.Popen(
            [*command, "--delay", "2"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        # Ctrl-C once the home page was read and the crawl has moved on to the next page.
        deadline = time.monotonic() + 120  # a bound on waiting, not a measurement
        while len([p for p in recording.paths if p != "/robots.txt"]) < 2:
            assert audit.poll() is None and time.monotonic() < deadline, "the crawl never got going"
            time.sleep(0.05)
        audit.send_signal(signal.SIGINT)
        stdout, stderr = audit.communicate(timeout=180)
    assert audit.returncode == 130, stderr.decode()
    assert "interrupted" in stderr.decode() and "not stored in the history" in stderr.decode()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["site"]["partial"] is True and report["site"]["interrupted"] is True
    assert "Score:" not in stdout.decode()
    stored = run_cli("history", "--json", env={"CONTACT_AUDIT_DB": env["CONTACT_AUDIT_DB"]})
    assert stored.returncode == 0, stored.stderr
    assert json.loads(stored.stdout)["sites"] == []


# Ctrl-C once the crawl is over (while the judging and the reports are made): the crawl
# itself sends it, so that the moment is not a race with the test.
AFTER_CRAWL = """
import os, signal, sys, time
from auditor.config.settings import load_config
from auditor.gather.crawl import crawl_site

site = crawl_site(sys.argv[1], load_config(None, {"render": False, "delay": 0}))
print("crawled", site.site.pages_crawled, flush=True)
try:
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(30)
    print("Ctrl-C was swallowed")
except KeyboardInterrupt:
    print("interrupted")
"""


def test_ctrl_c_after_the_crawl_interrupts_the_rest_of_the_audit() -> None:
    with serve(SITES / "jsgroups") as base:
        done = subprocess.run(
            [sys.executable, "-c", AFTER_CRAWL, f"{base}/"], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split()
    assert lines[:1] == ["crawled"] and int(lines[1]) >= 1, done.stdout
    assert lines[-1] == "interrupted", done.stdout
