"""Where the workspace lives and how it is opened: URL, engine, migrations, the seed.

``GEO_DATABASE_URL`` (any SQLAlchemy URL) chooses the database; by default it is a SQLite
file in the user's data directory (``platformdirs``). SQLite runs in WAL mode with foreign
keys on and ``BEGIN IMMEDIATE`` transactions, so readers never block the writer, writers
queue (up to :data:`BUSY_TIMEOUT_S`) instead of failing, and a killed process leaves the
last committed state.

Opening runs the Alembic migrations up to the newest revision and loads the seed article
into a new database, both in one transaction under a lock (SQLite: the write lock of
``BEGIN IMMEDIATE``; PostgreSQL: a transaction-level advisory lock), so two processes that
open a new database at once neither race on ``CREATE TABLE`` nor load the seed twice.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, MetaData, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from geo.store.errors import StoreError
from geo.store.models import Base

ENV_URL = "GEO_DATABASE_URL"
APP_NAME = "qusayr-map"
DEFAULT_FILE = "workspace.sqlite3"
BUSY_TIMEOUT_S = 30
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock key: "geo-store" in ASCII, fits a bigint.
_PG_LOCK = 0x67656F2D73746F


def default_url() -> str:
    """The SQLite file in the user's data directory (created on first use)."""
    from platformdirs import user_data_path

    return f"sqlite:///{user_data_path(APP_NAME, appauthor=False) / DEFAULT_FILE}"


def database_url(url: str | None = None) -> URL:
    """``url``, else ``GEO_DATABASE_URL``, else :func:`default_url`, parsed."""
    raw = url or os.environ.get(ENV_URL) or default_url()
    try:
        return make_url(raw)
    except ArgumentError:
        raise StoreError(
            f"{ENV_URL} is not a database URL: {raw!r} (e.g. sqlite:///path/to/file.sqlite3 "
            "or postgresql+psycopg://user@host/dbname)"
        ) from None


def shown(url: URL) -> str:
    """The URL as it may be shown to a reader (password hidden)."""
    return url.render_as_string(hide_password=True)


def make_engine(url: URL) -> Engine:
    """An engine for ``url``; on SQLite with WAL, foreign keys and immediate transactions."""
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
            try:
                Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"Cannot create the folder for the database {shown(url)}: "
                    f"{exc.strerror or exc} (set {ENV_URL} to put it elsewhere)"
                ) from None
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
        _sqlite_pragmas(engine)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(
            f"No driver for the database {shown(url)}: {exc} (for PostgreSQL use "
            "postgresql+psycopg://..., installed with requirements.txt)"
        ) from None


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        # SQLAlchemy's documented recipe: the driver stays out of transaction handling,
        # and "begin" below starts each transaction itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        # Take the write lock at the start: a read that later writes can never deadlock
        # with another writer (SQLITE_BUSY at once, whatever the timeout).
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def unreachable(url: URL, exc: BaseException) -> StoreError:
    """The message for a database that cannot be reached or used."""
    reason = getattr(exc, "orig", None) or exc
    reason = " ".join(str(reason).split())[:300]
    where = f"{ENV_URL}={shown(url)}" if os.environ.get(ENV_URL) else shown(url)
    return StoreError(
        f"Cannot use the workspace database {where}: {reason}. "
        f"Check that the server is running and the URL is right (set {ENV_URL} to choose "
        "another database)."
    )


def migrate_and_seed(engine: Engine, seed) -> None:
    """Bring the schema to the newest revision and load the seed once, under one lock.

    ``seed(connection)`` loads the seed article when the database has never had it.
    :class:`StoreError` when the database is newer than this code or cannot be reached.
    """
    url = engine.url
    config = alembic_config()
    scripts = ScriptDirectory.from_config(config)
    head = scripts.get_current_head()
    try:
        with engine.connect() as connection, connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
            current = MigrationContext.configure(connection).get_current_revision()
            if current is not None:
                try:
                    known = scripts.get_revision(current)
                except CommandError:
                    known = None
                if known is None:
                    raise StoreError(
                        f"The workspace database {shown(url)} has schema version {current}, "
                        f"newer than this version of the app knows (up to {head}). Update the "
                        f"app (git pull, then pip install -r requirements.txt), or set "
                        f"{ENV_URL} to another database."
                    )
            if current != head:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
            check_columns(connection, Base.metadata)
            seed(connection)
    except StoreError:
        raise
    except (DBAPIError, OSError) as exc:
        raise unreachable(url, exc) from None


def check_columns(connection: Connection, metadata: MetaData) -> None:
    """:class:`StoreError` when the tables' columns are not those the app's models expect.

    A database stamped with the newest revision can still differ from it: made by a
    development version of a migration, or edited by hand. Writing to it would fail deep in
    an import with a driver's traceback; this says so at open, before anything is written,
    and the reader's data stays where it is.
    """
    found = inspect(connection)
    problems = []
    for table in metadata.sorted_tables:
        if not found.has_table(table.name):
            problems.append(f"table {table.name} is missing")
            continue
        have = {c["name"]: c for c in found.get_columns(table.name)}
        missing = sorted(set(table.columns.keys()) - set(have))
        required = sorted(name for name, c in have.items() if name not in table.columns
                          and not c["nullable"] and c.get("default") is None)
        problems += [f"{table.name} lacks column {name}" for name in missing]
        problems += [f"{table.name} has a required column {name} the app does not know"
                     for name in required]
    if problems:
        raise StoreError(
            f"The workspace database {shown(connection.engine.url)} does not match the schema "
            f"its version says it has ({'; '.join(problems[:5])}). It was probably made by "
            f"another version of the app. Nothing was changed in it: move the file aside (or "
            f"keep it for its data) and open the app again, or set {ENV_URL} to another "
            "database."
        )
