"""Fixtures for the workspace database: every test runs on SQLite and on PostgreSQL.

``db_url`` is a fresh, empty database per test: a SQLite file in a temporary folder, or a
new database on a PostgreSQL server. The server is ``GEO_TEST_POSTGRES_URL`` when set
(any database on it; the tests create and drop their own), else a throw-away cluster this
session starts on a Unix socket in a temporary folder (``initdb`` and ``pg_ctl`` from
Debian's ``postgresql`` package, run as the ``postgres`` user since PostgreSQL refuses
root) and stops at the end. Without PostgreSQL the PostgreSQL variants are skipped with the
reason, except with ``CI=true``, where that fails the run (as a missing browser does).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
ROOT = Path(__file__).resolve().parent.parent.parent


def _missing_postgres(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def pg_bin() -> Path | None:
    """The newest Debian PostgreSQL bin folder (or PG_BIN), if initdb is there."""
    given = os.environ.get("PG_BIN")
    found = [given] if given else sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2])
    )
    for folder in reversed(found):
        if (Path(folder) / "initdb").exists():
            return Path(folder)
    return None


class Cluster:
    """A throw-away PostgreSQL cluster on a Unix socket in a temporary folder."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="geo-pg-"))
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def run(self, *args: str) -> None:
        done = subprocess.run([*self.as_user, *args], capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")

    def start(self) -> str:
        data = self.dir / "data"
        self.run(str(self.bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                 "-E", "UTF8", "--no-sync")
        options = f"-c listen_addresses='' -k {self.dir} -c fsync=off"
        self.run(str(self.bin / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                 str(self.dir / "log"), "-w", "start")
        return f"postgresql+psycopg://postgres@/postgres?host={self.dir}"

    def stop(self) -> None:
        try:
            self.run(str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate",
                     "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server the tests may create databases on."""
    given = os.environ.get("GEO_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _missing_postgres("psycopg is not installed (pip install -r requirements.txt)")
    bin_dir = pg_bin()
    if bin_dir is None:
        _missing_postgres("no PostgreSQL server binaries (apt-get install -y postgresql), "
                          "and GEO_TEST_POSTGRES_URL is not set")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            _missing_postgres("running as root and there is no 'postgres' user to run as")
    cluster = Cluster(bin_dir)
    try:
        url = cluster.start()
    except RuntimeError as exc:
        cluster.stop()
        _missing_postgres(f"cannot start a PostgreSQL cluster: {exc}")
    yield url
    cluster.stop()


def _fresh_postgres_database(server: str) -> tuple[str, object]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"geo_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name)

    def drop() -> None:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url.render_as_string(hide_password=False), drop


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of a new, empty database (the schema and seed come when it is opened)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workspace.sqlite3'}"
        return
    server = request.getfixturevalue("postgres_server")
    url, drop = _fresh_postgres_database(server)
    yield url
    drop()


@pytest.fixture
def store(db_url: str):
    from geo.store import open_store

    s = open_store(db_url)
    yield s
    s.close()


def run_cli(*args: str, url: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """``python -m geo ARGS`` on the database at ``url``."""
    import sys

    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "GEO_DATABASE_URL": url}, timeout=timeout,
    )


@pytest.fixture
def cli(db_url: str):
    """``cli(*args)``: ``python -m geo ARGS`` on this test's database."""
    return lambda *args, **kw: run_cli(*args, url=db_url, **kw)
