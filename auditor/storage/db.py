"""Where history lives: an embedded SQLite file by default, PostgreSQL by URL for teams."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase

from auditor.errors import ConfigError

DB_ENV = "CONTACT_AUDIT_DB"


class HistoryError(ConfigError):
    """The history database cannot be used: a usage or config problem, exit code 2."""


class Base(DeclarativeBase):
    """Every stored table derives from this; migrations compare against its metadata."""


def default_database_path() -> Path:
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "contact-auditor" / "history.sqlite"


def database_url(configured: str | None = None) -> str:
    """The database to use: $CONTACT_AUDIT_DB, then the config file's URL, then the default SQLite file."""
    url = os.environ.get(DB_ENV) or configured
    if url:
        return url
    path = default_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        # Several processes (a scheduled scan, `probe collect`) may share the file.
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection: object, _record: object) -> None:
            cursor = connection.cursor()  # type: ignore[attr-defined]
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    return engine


def open_database(url: str) -> Engine:
    """An engine on the history database, its schema upgraded to the newest revision.

    Raises `HistoryError` (one sentence, password hidden) when the URL is wrong or the
    database cannot be reached, so that a command can refuse before any crawl.
    """
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    from auditor.storage.migrate import MigrationError, migrate

    try:
        engine = make_engine(url)
    except (ArgumentError, NoSuchModuleError, ValueError):
        raise HistoryError(
            f"the history database URL '{safe_url(url)}'{_named(url)} is not one SQLAlchemy can open"
        ) from None
    try:
        migrate(engine)
    except SQLAlchemyError as error:
        engine.dispose()
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise HistoryError(f"the history database {safe_url(url)} could not be opened: {reason}") from None
    except MigrationError as error:
        engine.dispose()
        raise HistoryError(f"the history database {safe_url(url)} could not be opened: {error}") from None
    return engine


def _named(url: str) -> str:
    """Where the URL came from, for the error that shows it."""
    return f" (from ${DB_ENV})" if os.environ.get(DB_ENV) == url else ""


def safe_url(url: str) -> str:
    """The URL as it may be shown: any password replaced by ***."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(unreadable URL)"
