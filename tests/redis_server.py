"""A real Redis for the batch tests: a throw-away `redis-server` on a free 127.0.0.1 port.

Made with the machine's own redis-server (Debian's `redis-server` package, which
scripts/setup.sh installs). It keeps nothing on disk (no RDB snapshots, no append-only
file) and works in a folder of its own under the temp dir. If it cannot start, the tests
that need it fail with the reason: a broker we claim to support must be tested, not skipped.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

# Redis answers within milliseconds; the deadline only bounds a slow, loaded machine.
START_DEADLINE = 60.0
STOP_DEADLINE = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ping(port: int, timeout: float = 1.0) -> bool:
    """Whether a Redis on 127.0.0.1:`port` answers PING with PONG (RESP, no client library)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(b"*1\r\n$4\r\nPING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def _log_tail(path: Path) -> str:
    return path.read_text(errors="replace")[-2000:] if path.exists() else ""


@pytest.fixture(scope="session")
def redis_server() -> Iterator[str]:
    """`redis://127.0.0.1:PORT/0` of a Redis that lives for the test session."""
    program = shutil.which("redis-server")
    if program is None:
        pytest.fail("Redis is not installed (no redis-server): run scripts/setup.sh, which installs it")
    root = Path(tempfile.mkdtemp(prefix="contact-audit-redis-"))
    port, log = free_port(), root / "log"
    command = [
        program,
        "--port", str(port),
        "--bind", "127.0.0.1",
        "--dir", str(root),
        "--save", "",
        "--appendonly", "no",
        "--daemonize", "no",
        "--logfile", str(log),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + START_DEADLINE
        while not ping(port):
            if process.poll() is not None:
                error = process.stderr.read().decode(errors="replace") if process.stderr else ""
                pytest.fail(f"Redis did not start (exit {process.returncode}): {error}\n{_log_tail(log)}")
            if time.monotonic() > deadline:
                pytest.fail(f"Redis did not answer PING within {START_DEADLINE:.0f} s\n{_log_tail(log)}")
            time.sleep(0.02)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_DEADLINE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_DEADLINE)
        if process.stderr:
            process.stderr.close()
        shutil.rmtree(root, ignore_errors=True)
