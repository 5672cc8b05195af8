"""Shared fixtures: one server for every fixture site, and a way to run the CLI."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.config.file import ENVIRONMENT
from auditor.demo.sitehost import serve

SITES = Path(__file__).parent / "sites"
ROOT = Path(__file__).parent.parent
# A PostgreSQL cluster for the history tests (fixtures `postgres_server`, `history_url`).
pytest_plugins = ["tests.postgres", "tests.redis_server"]


@pytest.fixture(autouse=True, scope="session")
def _private_history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every audit a test runs stores its history in a throw-away folder, never the user's."""
    cleared = ("CONTACT_AUDIT_DB", "GITHUB_STEP_SUMMARY", *ENVIRONMENT)  # a developer's own settings, too
    saved = {name: os.environ.get(name) for name in ("XDG_DATA_HOME", *cleared)}
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("xdg-data"))
    for name in cleared:
        os.environ.pop(name, None)
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def free_port() -> int:
    """A port nothing listens on: bound, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Single-page apps among the fixture sites: URL prefix -> the folder served there, whose
# index.html answers every route of the app (the built React app is served from dist/).
SPA_ROOTS = {
    "/spa-history/": SITES / "spa-history",
    "/spa-sub/app/": SITES / "spa-sub" / "app",
    "/spa-buttons/": SITES / "spa-buttons",
    "/spa-react/": SITES / "spa-react" / "dist",
}


@pytest.fixture(scope="session")
def site_posts() -> list[tuple[str, bytes]]:
    """Every POST the fixture sites received, as (path, body), in order: no audit may submit a form."""
    return []


@pytest.fixture(scope="session")
def sites(site_posts: list[tuple[str, bytes]]) -> Iterator[str]:
    """Base URL of the fixture sites under tests/sites, served on 127.0.0.1."""
    # /offsite/ redirects to another host name for the same loopback address, so
    # an audit that followed it would still stay on this machine.
    port = free_port()
    redirects = {
        "/offsite/": f"http://localhost:{port}/bare/",
        "/moved/": "/bare/",
    }

    def record_post(path: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
        site_posts.append((path, body))
        return 204, {}, b""

    with serve(SITES, redirects=redirects, port=port, on_post=record_post, spa_roots=SPA_ROOTS) as base:
        yield base


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `contact-audit` as a user would, in a fresh process (`env` adds or overrides variables)."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=cwd or ROOT,
        env=env,
    )


def audit_without_delay(
    base: str, out: Path, *options: str, concurrency: int, tmp: Path
) -> subprocess.CompletedProcess[str]:
    """`contact-audit audit` of the site at `base` at `--delay 0`, `concurrency` pages at
    once (`crawl.concurrency` in a config file written under `tmp`), quiet, no history,
    with `options` after."""
    config = tmp / f"concurrency-{concurrency}.toml"
    config.write_text(f"[crawl]\nconcurrency = {concurrency}\n", encoding="utf-8")
    command = ["audit", f"{base}/", "--out", str(out), "--config", str(config), "--delay", "0", "--quiet"]
    return run_cli(*command, "--no-history", *options)
