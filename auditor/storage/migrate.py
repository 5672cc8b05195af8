"""Bring a history database up to the newest schema, safely when several processes start at once.

Alembic is configured here in code, from the migrations shipped inside the package, so
an installed `contact-audit` needs no alembic.ini. The whole upgrade is one transaction
that holds a lock (PostgreSQL: an advisory lock; SQLite: BEGIN IMMEDIATE), so two
processes opening a new database at the same moment cannot both create the tables, and
an upgrade that dies half-way leaves the old schema, never half of the new one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
# Any constant shared by every contact-audit process; "ca" + "hist" in ASCII.
ADVISORY_LOCK_ID = 0x6361_68697374


class MigrationError(Exception):
    """The schema could not be brought up to date; the message says why, in a few words."""


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(MIGRATIONS / "versions"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def newest_file_revision() -> str:
    """The head by the naming rule (files start with their revision number: 0001_, 0002_).

    Checked before Alembic is even asked, so an up-to-date database costs one query.
    """
    numbers = [p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py")]
    return max(numbers, default="")


def migrate(engine: Engine) -> None:
    """Upgrade to the newest revision; a database already there is only read, not locked."""
    with engine.connect() as connection:
        if inspect(connection).has_table("alembic_version"):
            stored = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            if stored == [newest_file_revision()]:
                return
    from alembic import command
    from alembic.util import CommandError

    head = head_revision()
    locking = _locking_engine(engine)
    try:
        with locking.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK_ID})")
            # Another process may have finished the upgrade while this one waited for the lock.
            if current_revision(connection) != head:
                command.upgrade(alembic_config(connection), "head")
    except CommandError as error:
        # Typically a database written by a newer contact-audit, with revisions this one lacks.
        raise MigrationError(f"its schema cannot be upgraded by this version ({error})") from None
    finally:
        locking.dispose()


def _locking_engine(engine: Engine) -> Engine:
    """A private engine for the upgrade; SQLite's needs explicit transactions for DDL."""
    url = engine.url
    if engine.dialect.name != "sqlite":
        return create_engine(url)
    locking = create_engine(url)

    @event.listens_for(locking, "connect")
    def _own_transactions(dbapi_connection: object, _record: object) -> None:
        # pysqlite would otherwise commit each CREATE TABLE on its own.
        dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(locking, "begin")
    def _begin_immediate(connection: Connection) -> None:
        # IMMEDIATE takes the write lock now, so a second process waits here, not half-way.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return locking
