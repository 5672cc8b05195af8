"""Shared fixtures: one server for every fixture site, and a way to run the CLI."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.sitehost import serve

SITES = Path(__file__).parent / "sites"
ROOT = Path(__file__).parent.parent


def free_port() -> int:
    """A port nothing listens on: bound, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def sites() -> Iterator[str]:
    """Base URL of the fixture sites under tests/sites, served on 127.0.0.1."""
    # /offsite/ redirects to another host name for the same loopback address, so
    # an audit that followed it would still stay on this machine.
    port = free_port()
    redirects = {
        "/offsite/": f"http://localhost:{port}/bare/",
        "/moved/": "/bare/",
    }
    with serve(SITES, redirects=redirects, port=port) as base:
        yield base


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `contact-audit` as a user would, in a fresh process."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=cwd or ROOT,
        env=env,
    )
