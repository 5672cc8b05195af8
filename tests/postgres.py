"""A real PostgreSQL for the history tests: a throw-away cluster on a free 127.0.0.1 port.

Made with the machine's own initdb/pg_ctl (Debian's `postgresql` package, which
scripts/setup.sh installs). PostgreSQL refuses to run as root, so as root the cluster
runs as the `postgres` user (or `nobody`). If it cannot start, the tests that need it
fail with the reason: a database we claim to support must be tested, not skipped.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pg_program(name: str) -> str | None:
    """`initdb` on PATH, else the newest /usr/lib/postgresql/<version>/bin/<name> (Debian's place)."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return versions[-1] if versions else None


def _run_as() -> tuple[list[str], tuple[int, int] | None]:
    if os.geteuid() != 0:
        return [], None
    for user in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(user)
        except KeyError:
            continue
        return ["runuser", "-u", user, "--"], (entry.pw_uid, entry.pw_gid)
    pytest.fail("PostgreSQL will not run as root and there is no postgres or nobody user to run it as")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """`postgresql+psycopg://postgres@127.0.0.1:PORT`, trusted local logins only."""
    initdb, pg_ctl = pg_program("initdb"), pg_program("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.fail("PostgreSQL is not installed (no initdb): run scripts/setup.sh, which installs it")
    prefix, owner = _run_as()
    # Under /tmp even when $TMPDIR is private: the postgres user must reach the folder.
    root = Path(tempfile.mkdtemp(prefix="contact-audit-pg-", dir="/tmp" if owner is not None else None))
    if owner is not None:
        os.chown(root, *owner)
    data, port = root / "data", free_port()
    options = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='' -c fsync=off"
    try:
        for command in (
            [initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
            [pg_ctl, "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60", "-o", options, "start"],
        ):
            done = subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=120)
            if done.returncode != 0:
                log = (root / "log").read_text(errors="replace") if (root / "log").exists() else ""
                pytest.fail(f"PostgreSQL did not start: {done.stderr or done.stdout}\n{log[-2000:]}")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_database(postgres_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the session's server, dropped afterwards."""
    name = f"history_{uuid.uuid4().hex[:12]}"
    plain = postgres_server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    yield f"{postgres_server}/{name}"
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def history_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty history database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'history.sqlite'}"
    url: str = request.getfixturevalue("postgres_database")
    return url
