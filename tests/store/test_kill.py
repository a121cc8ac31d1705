"""SIGKILL in the middle of a batch import leaves a sound database of whole articles."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import text

from geo.store import open_store
from geo.store.models import ArticleRow

from .conftest import ROOT

LGL = ROOT.parent / "shared" / "data" / "geoparse" / "LGL" / "texts"
BATCH = 40
KILL_AFTER = 3  # articles reported added
PUBLISHED = "2009-03-01"


def lgl_files() -> list:
    if not LGL.is_dir():
        pytest.skip(f"no LGL corpus at {LGL}")
    return sorted(LGL.glob("*.txt"), key=lambda p: int(p.stem))[:BATCH]


@pytest.mark.slow
def test_a_killed_batch_import_leaves_only_whole_articles(db_url) -> None:
    files = lgl_files()
    proc = subprocess.Popen(
        [sys.executable, "-m", "geo", "import", *map(str, files), "--published", PUBLISHED,
         "--json"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "GEO_DATABASE_URL": db_url},
    )
    added = 0
    try:
        for line in proc.stdout:  # the marker: the importer's own report of each file
            added += json.loads(line)["status"] == "added"
            if added >= KILL_AFTER:
                break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert added >= KILL_AFTER

    store = open_store(db_url)
    try:
        with store.engine.connect() as c:
            if c.dialect.name == "sqlite":
                assert c.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
                assert c.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            else:  # nothing points nowhere (the foreign keys would refuse it anyway)
                orphans = c.execute(text(
                    "SELECT count(*) FROM event_places p LEFT JOIN events e "
                    "ON e.id = p.event_id WHERE e.id IS NULL")).scalar()
                assert orphans == 0
        stored = [a for a in store.articles() if not a.curated]
        assert KILL_AFTER <= len(stored) < len(files)  # killed in the middle
        # Each stored article has exactly the events and places its import proposes.
        from geo.article import make_article
        from geo.geoparse.propose import propose_events

        by_text = {f.read_text(encoding="utf-8"): f for f in files}
        for summary in stored:
            article = store.article(summary.id)
            assert article.text in by_text, summary.title
            proposed = propose_events(make_article(
                article.text, id="x", title=summary.title, outlet="",
                published=date.fromisoformat(PUBLISHED)))
            frame = store.frame([summary.id], include_rejected=True)
            # (an article with no events has an empty frame: no partition columns)
            assert Counter(str(i).partition("-")[2] for i in frame["event_id"]) == Counter(
                e.event_id for e in proposed), summary.title
        # And the batch can simply be run again: what is there stays, the rest is added.
        again = subprocess.run(
            [sys.executable, "-m", "geo", "import", *map(str, files), "--published",
             PUBLISHED, "--json"],
            cwd=ROOT, capture_output=True, text=True, timeout=600,
            env={**os.environ, "GEO_DATABASE_URL": db_url},
        )
        assert again.returncode == 0, again.stderr
        statuses = Counter(json.loads(line)["status"] for line in again.stdout.splitlines())
        assert statuses["already there"] == len(stored)
        assert statuses["added"] == len(files) - len(stored)
        with store.engine.connect() as c:
            assert c.scalar(text(f"SELECT count(*) FROM {ArticleRow.__tablename__}")) == (
                len(files) + 1)
    finally:
        store.close()
