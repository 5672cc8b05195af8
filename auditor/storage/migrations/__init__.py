"""Alembic migrations of the history database, run by `open_database` (no alembic.ini needed).

`env.py` takes the connection from `config.attributes["connection"]`; revisions live in
`versions/`, one file each, chained by `down_revision` ("0001", "0002", ...).
"""
