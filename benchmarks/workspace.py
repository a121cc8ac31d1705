"""Workspace database benchmark: import times and database size (issue 12).

    python benchmarks/workspace.py                       # SQLite in a temporary folder
    python benchmarks/workspace.py --url postgresql+psycopg://postgres@/postgres?host=/tmp/x
    python benchmarks/workspace.py --limit 100           # first 100 LGL articles only

Each run starts from a new, empty database (for PostgreSQL ``--url`` names a server; the
script creates and drops its own database there). Measured, wall clock and process CPU:

1. opening a new database: migrations and the seed with its curated events;
2. importing the seed's text as an ordinary article (parse + store; the seed is deleted
   first so it is not "already there");
3. importing a 50,000-word text (LGL articles joined, in file order, as one article);
4. importing the LGL articles (``../shared/data/geoparse/LGL/texts``, 588) as one batch,
   one transaction per article, as ``python -m geo import`` does; articles per second,
   and the part of the time the geoparser alone takes on the same texts (so the rest is
   the store's);
5. database size per 1,000 events added by steps 2-4 (SQLite: the file after a WAL
   checkpoint; PostgreSQL: ``pg_database_size``, whose empty database is about 7.5 MB of
   catalogs), article texts included.

The geoparser's own start (gazetteer and model) is paid once before step 1 and not timed.
The figures are on LGL, which the geoparser's recogniser was trained on; the import time
does not depend on that (the parser runs the same code whatever it finds).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LGL = ROOT.parent / "shared" / "data" / "geoparse" / "LGL" / "texts"
PUBLISHED = date(2009, 3, 1)
WORDS = 50_000


class Clock:
    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu

    def __str__(self) -> str:
        return f"{self.wall:7.2f} s wall, {self.cpu:7.2f} s CPU"


def lgl_texts(limit: int | None) -> list[Path]:
    files = sorted(LGL.glob("*.txt"), key=lambda p: int(p.stem))
    if not files:
        sys.exit(f"no LGL texts in {LGL}")
    return files[:limit] if limit else files


def long_text(files: list[Path]) -> str:
    parts, words = [], 0
    for f in files * 10:
        text = f.read_text(encoding="utf-8").strip()
        parts.append(text)
        words += len(text.split())
        if words >= WORDS:
            break
    return "A long file of news\n\n" + "\n\n".join(parts) + "\n"


def database(url: str | None, folder: Path):
    """(URL of a new database, cleanup function)."""
    if url is None:
        return f"sqlite:///{folder / 'bench.sqlite3'}", lambda: None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"geo_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    return make_url(url).set(database=name).render_as_string(hide_password=False), drop


def size_bytes(store) -> tuple[int, int]:
    """(database size, size of the article texts as stored)."""
    from sqlalchemy import text

    if store.engine.dialect.name == "sqlite":  # outside a transaction: fold the WAL in
        raw = store.engine.raw_connection()
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    with store.engine.connect() as c:
        if c.dialect.name == "sqlite":
            total = Path(store.engine.url.database).stat().st_size
            texts = c.scalar(text("SELECT sum(length(CAST(text AS BLOB))) FROM articles"))
        else:
            total = c.scalar(text("SELECT pg_database_size(current_database())"))
            texts = c.scalar(text("SELECT sum(pg_column_size(text)) FROM articles"))
    return int(total), int(texts or 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", help="a PostgreSQL server URL (default: SQLite, temporary)")
    ap.add_argument("--limit", type=int, help="only the first N LGL articles")
    args = ap.parse_args()

    from sqlalchemy import func, select

    from geo.article import load_seed_article
    from geo.events import events_frame, load_seed_events
    from geo.geoparse.propose import propose_events
    from geo.geoparse.toponyms import Geoparser
    from geo.store import open_store
    from geo.store.models import EventPlaceRow, EventRow
    from geo.store.sources import Source

    files = lgl_texts(args.limit)
    parser = Geoparser()
    events_frame(load_seed_events())  # gazetteer, model and seed loaded: not timed
    parser.toponyms("Warm-up in Beirut and Homs.")
    with tempfile.TemporaryDirectory() as folder:
        url, drop = database(args.url, Path(folder))
        try:
            with Clock() as opened:
                store = open_store(url)
            store._parser = parser
            print(f"backend: {store.engine.dialect.name}; {len(files)} LGL articles")
            print(f"1. new database (migrations + seed, 26 events):        {opened}")
            base, _ = size_bytes(store)

            seed = load_seed_article()
            store.delete_article(store.seed_id())
            with Clock() as seeded:
                r = store.import_source(Source(seed.source, seed.text, seed.title, seed.outlet,
                                               seed.published))
            print(f"2. seed text imported (parse + store, {r.events} events):   {seeded}")

            text = long_text(files)
            with Clock() as long:
                r = store.import_source(Source("long.txt", text, "A long file", "",
                                               PUBLISHED))
            print(f"3. {len(text.split()):,}-word text ({len(text.encode()) / 1e3:.0f} kB, "
                  f"{r.events} events):  {long}")

            sources = [Source(str(f), f.read_text(encoding="utf-8"), "", "", PUBLISHED)
                       for f in files]
            sources = [Source(s.name, s.text, s.text.strip().splitlines()[0][:120], "",
                              PUBLISHED) for s in sources]
            with Clock() as batch:
                results = [store.import_source(s) for s in sources]
            added = sum(r.status == "added" for r in results)
            events = sum(r.events for r in results)
            with Clock() as parse_only:
                for s in sources:
                    from geo.article import make_article

                    propose_events(make_article(s.text, id="x", title=s.title, outlet="",
                                                published=PUBLISHED), parser)
            print(f"4. LGL batch: {added} added ({len(results) - added} already there), "
                  f"{events} events: {batch}")
            print(f"   {added / batch.wall:.1f} articles/s wall, {added / batch.cpu:.1f} per "
                  f"CPU second; the geoparser's proposals alone on the same texts: "
                  f"{parse_only}, so the rest (article split, queries, writes) takes "
                  f"{max(0.0, batch.cpu - parse_only.cpu) / max(added, 1) * 1e3:.1f} ms CPU "
                  "per article in this process")

            with store.engine.connect() as c:
                n_events = c.scalar(select(func.count()).select_from(EventRow))
                n_rows = c.scalar(select(func.count()).select_from(EventPlaceRow))
            total, texts = size_bytes(store)
            grown = total - base
            print(f"5. database: {total / 1e6:.2f} MB ({base / 1e6:.2f} MB when new, with the "
                  f"seed) for {n_events} events ({n_rows} event places) and {added + 2} "
                  f"articles: {grown / (n_events - 26) * 1000 / 1e6:.2f} MB per 1,000 events "
                  f"added, article texts included ({texts / 1e6:.2f} MB of texts in all)")
            store.close()
        finally:
            drop()
    print(f"(python {sys.version.split()[0]}, {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
