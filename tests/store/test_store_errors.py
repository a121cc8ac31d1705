"""A database that cannot be reached or is newer than the code: a message, not a traceback."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy import create_engine, text

from geo.store import StoreError, open_store

from .conftest import run_cli


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends


@pytest.mark.slow
@pytest.mark.parametrize("url", [
    "sqlite:////proc/no-such-place/workspace.sqlite3",
    f"postgresql+psycopg://geo@127.0.0.1:{closed_port()}/geo?connect_timeout=3",
    "not a url at all",
])
def test_an_unreachable_database_gets_a_clear_message(url) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert "database" in message.lower() and "Traceback" not in message
    assert "GEO_DATABASE_URL" in message
    done = run_cli("articles", url=url)
    assert done.returncode == 3
    assert done.stderr.startswith("articles: ") and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_the_message_hides_the_password() -> None:
    url = f"postgresql+psycopg://geo:s3cret@127.0.0.1:{closed_port()}/geo?connect_timeout=3"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert "s3cret" not in str(caught.value)


@pytest.mark.slow
def test_a_database_of_a_newer_schema_gets_a_clear_message(db_url, store) -> None:
    with store.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    store.close()
    with pytest.raises(StoreError, match="newer than this version of the app"):
        open_store(db_url)
    done = run_cli("import", "x.txt", url=db_url)
    assert done.returncode == 3 and "schema version 9999_future" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_a_database_whose_columns_differ_from_its_version_gets_a_clear_message(
        db_url, store) -> None:
    # Stamped with the newest revision but made by another version of a migration.
    with store.engine.begin() as c:
        c.execute(text("ALTER TABLE event_places DROP COLUMN note"))
    articles = len(store.articles())
    store.close()
    with pytest.raises(StoreError, match="event_places lacks column note"):
        open_store(db_url)
    done = run_cli("articles", url=db_url)
    assert done.returncode == 3 and "does not match the schema" in done.stderr
    assert "Traceback" not in done.stderr
    with create_engine(db_url).connect() as c:  # nothing was lost
        assert c.execute(text("SELECT count(*) FROM articles")).scalar() == articles


def test_an_unknown_required_column_is_named(tmp_path) -> None:
    from sqlalchemy import Column, Integer, MetaData, Table

    from geo.store.engine import check_columns

    model = MetaData()
    Table("events", model, Column("id", Integer, primary_key=True))
    engine = create_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with engine.begin() as c:
        c.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, confidence REAL NOT NULL, "
                       "note TEXT, weight REAL NOT NULL DEFAULT 1)"))
        with pytest.raises(StoreError) as caught:
            check_columns(c, model)
    # Optional columns and those with a default do not stop an insert; a required one does.
    assert "required column confidence" in str(caught.value)
    assert "note" not in str(caught.value) and "weight" not in str(caught.value)
    engine.dispose()


def test_a_database_that_goes_away_after_opening_gives_a_store_error(postgres_server) -> None:
    # PostgreSQL only: a SQLite file cannot go away under an open connection.
    from sqlalchemy.engine import make_url

    from .conftest import _fresh_postgres_database

    db_url, drop = _fresh_postgres_database(postgres_server)
    store = open_store(db_url)
    url = make_url(db_url)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE "{url.database}" WITH (FORCE)'))
    admin.dispose()
    with pytest.raises(StoreError, match="Cannot use the workspace database"):
        store.articles()
    store.close()
    drop()
