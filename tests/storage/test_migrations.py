"""The schema comes from the Alembic migrations, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import subprocess
import sys
from typing import cast

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, Table, inspect, text

from auditor.storage.db import HistoryError, open_database
from auditor.storage.migrate import head_revision, newest_file_revision
from auditor.storage.tables import HISTORY_TABLES
from tests.conftest import free_port


def test_the_file_naming_rule_agrees_with_alembic() -> None:
    assert newest_file_revision() == head_revision()


def test_upgrade_creates_the_tables_once(history_url: str) -> None:
    engine = open_database(history_url)
    engine.dispose()
    engine = open_database(history_url)  # a second open changes nothing
    with engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    engine.dispose()
    assert {table.name for table in HISTORY_TABLES} <= names
    assert versions == [head_revision()]


def test_migrated_schema_matches_the_models(history_url: str) -> None:
    engine = open_database(history_url)
    ours = MetaData()
    for table in HISTORY_TABLES:
        table.to_metadata(ours)
    names = {table.name for table in HISTORY_TABLES}
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": lambda name, kind, _: kind != "table" or name in names}
        )
        differences = compare_metadata(context, ours)
    engine.dispose()
    assert differences == []


# Each process reports whether it ran the upgrade itself, and starts only when told to, all at once.
OPEN_WHEN_TOLD = """
import sys
from alembic import command
from auditor.storage.db import open_database

upgrade = command.upgrade


def counted(*args, **kwargs):
    print("upgraded")
    upgrade(*args, **kwargs)


command.upgrade = counted
sys.stdin.readline()
open_database(sys.argv[1]).dispose()
print("ok")
"""


def test_processes_opening_a_new_database_at_once_migrate_it_once(history_url: str) -> None:
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_WHEN_TOLD, history_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for process in processes:  # all have started and imported what they need: now they open it together
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], outputs
    said = [line for out, _ in outputs for line in out.split()]
    assert sorted(said) == ["ok", "ok", "ok", "upgraded"]  # one upgrade; the others waited for it, or found it done
    engine = open_database(history_url)
    with engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        names = set(inspect(connection).get_table_names())
    engine.dispose()
    assert versions == [head_revision()]
    assert {cast(Table, table).name for table in HISTORY_TABLES} <= names


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "is not one SQLAlchemy can open"),
        ("mysqlx://audit:s3cret@127.0.0.1/db", "'mysqlx://audit:***@127.0.0.1/db' is not one SQLAlchemy can open"),
        ("sqlite:////nonexistent-dir/x/history.sqlite", "could not be opened: unable to open database file"),
    ],
)
def test_unusable_databases_are_one_sentence(url: str, message: str) -> None:
    with pytest.raises(HistoryError, match=message.replace("*", r"\*").replace(".", r"\.")) as caught:
        open_database(url)
    assert "s3cret" not in str(caught.value)


def test_an_unreachable_server_hides_the_password() -> None:
    port = free_port()
    with pytest.raises(HistoryError, match=r"postgresql\+psycopg://audit:\*\*\*@127\.0\.0\.1") as caught:
        open_database(f"postgresql+psycopg://audit:s3cret@127.0.0.1:{port}/history")
    assert "s3cret" not in str(caught.value)
