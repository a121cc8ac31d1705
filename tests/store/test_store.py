"""The workspace database (geo.store) on SQLite and PostgreSQL: seed, import, corrections."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from sqlalchemy import func, select

from geo.events import FRAME_COLUMNS, events_frame, load_seed_events
from geo.store import ADDED, ALREADY, REFUSED, StaleVersion, open_store
from geo.store.models import ArticleRow, CorrectionRow, EventPlaceRow, EventRow

ARTICLE = (
    "Clashes in Tripoli\n\n"
    "Fighting broke out in Tripoli, Lebanon, on Sunday between supporters and opponents of "
    "the Syrian regime, killing three people, a security source said.\n\n"
    "The army deployed in Bab al-Tabbaneh on Monday after the clashes in Tripoli.\n"
)
PUBLISHED = date(2013, 6, 4)


def counts(store) -> dict[str, int]:
    with store.engine.connect() as c:
        return {
            t.__tablename__: c.scalar(select(func.count()).select_from(t))
            for t in (ArticleRow, EventRow, EventPlaceRow, CorrectionRow)
        }


def test_a_new_database_holds_the_seed_first_curated_and_confirmed(store) -> None:
    [seed] = store.articles()
    assert seed.id == store.seed_id() == 1 and seed.title.startswith("Syria rebels")
    assert (seed.first_day, seed.last_day) == (date(2013, 5, 19), date(2013, 6, 5))
    frame = store.frame([seed.id])
    expected = events_frame(load_seed_events())
    assert seed.events == expected["event_id"].nunique()
    assert set(frame["status"]) == {"confirmed"}
    # The stored frame is the curated frame, value for value and type for type.
    got = frame[list(FRAME_COLUMNS)].sort_values("id").reset_index(drop=True)
    want = expected.sort_values("id").reset_index(drop=True)
    assert got.dtypes.equals(want.dtypes)
    assert got.equals(want)


def test_opening_again_neither_migrates_nor_seeds_twice(db_url, store) -> None:
    before = counts(store)
    again = open_store(db_url)
    assert counts(again) == before
    again.close()


def test_a_deleted_seed_does_not_come_back(db_url, store) -> None:
    store.delete_article(store.seed_id())
    again = open_store(db_url)
    assert again.articles() == []
    again.close()


def test_the_schema_of_the_migrations_is_the_schema_of_the_models(store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from geo.store.models import Base

    with store.engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c), Base.metadata)
    assert diff == []


def test_importing_the_same_text_twice_adds_nothing_and_says_so(store) -> None:
    first = store.import_bytes(ARTICLE.encode(), "tripoli.txt", published=PUBLISHED)
    assert first.status == ADDED and first.events >= 1, first
    after_first = counts(store)
    # Same text, other name, other line ends: the same article.
    second = store.import_bytes(ARTICLE.replace("\n", "\r\n").encode(), "copy.md",
                                published=date(2020, 1, 1))
    assert second.status == ALREADY and second.article_id == first.article_id
    assert "already in the workspace as article" in second.message
    assert counts(store) == after_first
    seed = store.import_bytes(store.article(1).text.encode(), "seed.txt", published=PUBLISHED)
    assert (seed.status, seed.article_id) == (ALREADY, 1)


def test_an_import_is_refused_with_the_reason_and_stores_nothing(store) -> None:
    before = counts(store)
    no_date = store.import_bytes(ARTICLE.encode(), "tripoli.txt")
    assert no_date.status == REFUSED and "publication date" in no_date.message
    binary = store.import_bytes(b"\x00\x01PK", "x.txt", published=PUBLISHED)
    assert binary.status == REFUSED and "binary" in binary.message
    empty = store.import_bytes(b"  \n", "e.txt", published=PUBLISHED)
    assert empty.status == REFUSED and "empty" in empty.message
    assert counts(store) == before


def test_imported_events_are_proposed_and_their_ids_unique_in_the_workspace(store) -> None:
    a = store.import_bytes(ARTICLE.encode(), "a.txt", published=PUBLISHED)
    b = store.import_bytes((ARTICLE + "\nMore.\n").encode(), "b.txt", published=PUBLISHED)
    frame = store.frame([a.article_id, b.article_id])
    assert set(frame["status"]) == {"proposed"}
    assert frame["id"].is_unique
    assert all(k.startswith(f"a{i}-") for k, i in zip(frame["event_id"], frame["article_id"],
                                                       strict=True))
    assert store.summary(a.article_id).first_day == date(2013, 6, 2)  # "on Sunday"


HTML = b"""<!DOCTYPE html><html lang="en"><head>
<title>Clashes in Tripoli | The Daily Star</title>
<meta property="og:title" content="Clashes in Tripoli">
<meta property="og:site_name" content="The Daily Star">
<meta property="article:published_time" content="2013-06-04T08:00:00+03:00">
<style>.story { color: red } body::after { content: "STYLE-LEAK" }</style>
<script>window.SCRIPT_LEAK = "<p>evil</p>"; alert("pwned")</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article class="story"><h1>Clashes in Tripoli</h1>
<p>Fighting broke out in Tripoli, Lebanon, on Sunday between supporters and opponents of
the Syrian regime, killing three people, a security source said.</p>
<script>document.write("SCRIPT-LEAK-2")</script>
<p>The army deployed in Bab al-Tabbaneh on Monday after the clashes in Tripoli.</p>
<noscript>NOSCRIPT-LEAK</noscript>
</article><footer>Copyright 2013</footer></body></html>"""


def test_html_is_reduced_to_text_and_metadata_without_scripts_or_styles(store) -> None:
    result = store.import_bytes(HTML, "story.html")
    assert result.status == ADDED, result
    [summary] = [a for a in store.articles() if a.id == result.article_id]
    assert summary.title == "Clashes in Tripoli"
    assert summary.outlet == "The Daily Star"
    assert summary.published == date(2013, 6, 4)
    stored = store.article(result.article_id).text
    assert "Fighting broke out in Tripoli" in stored and "Bab al-Tabbaneh" in stored
    for leak in ("LEAK", "pwned", "alert", "color: red", "<", "evil"):
        assert leak not in stored
    assert not store.frame([result.article_id]).empty


def test_a_date_given_wins_over_the_metadata_and_htmldate_finds_one_trafilatura_lacks(
    store,
) -> None:
    given = store.import_bytes(HTML, "story.html", published=date(2013, 6, 5))
    assert store.summary(given.article_id).published == date(2013, 6, 5)
    bare = (b"<html><head><title>Beirut</title></head><body><article><p>Rockets hit Dahiyeh "
            b"in Beirut on Sunday, the army said.</p><p>Posted on 2013-05-27</p></article>"
            b"</body></html>")
    found = store.import_bytes(bare, "beirut.html")
    assert found.status == ADDED, found
    assert store.summary(found.article_id).published == date(2013, 5, 27)


def test_corrections_are_saved_with_their_history_and_exported(store) -> None:
    from geo.export import to_geojson

    added = store.import_bytes(ARTICLE.encode(), "t.txt", published=PUBLISHED)
    frame = store.frame([added.article_id])
    row = frame.iloc[0]
    key = row["event_id"]
    v1 = int(row["version"])
    v2 = store.correct_place(row["id"], "Homs", v1, note="the source says Homs")
    v3 = store.correct_dates(key, date(2013, 6, 1), date(2013, 6, 2), v2)
    v4 = store.set_status(key, "confirmed", v3)
    assert (v2, v3, v4) == (v1 + 1, v1 + 2, v1 + 3) == (v1 + 1, v1 + 2, store.version(key))
    history = store.history(key)
    assert [c.field for c in history] == ["place", "dates", "status"]
    assert history[0].before.startswith("Tripoli") and history[0].after == "Homs (homs)"
    assert history[0].note == "the source says Homs"
    assert (history[1].before, history[1].after) == (
        f"{row['start']:%Y-%m-%d} to {row['end']:%Y-%m-%d}", "2013-06-01 to 2013-06-02")
    assert (history[2].before, history[2].after) == ("proposed", "confirmed")
    after = store.frame([added.article_id]).set_index("event_id").loc[[key]].iloc[0]
    assert after["place_id"] == "homs" and after["status"] == "confirmed"
    assert (after["start"].date(), after["end"].date()) == (date(2013, 6, 1), date(2013, 6, 2))
    assert after["date_precision"] == "range"
    lines = after["corrections"].split(" | ")
    assert len(lines) == 3 and "place: Tripoli" in lines[0] and "(the source says Homs)" in lines[0]
    feature = next(f for f in to_geojson(store.frame([added.article_id]))["features"]
                   if f["properties"]["event_id"] == key)
    assert feature["properties"]["corrections"] == after["corrections"]
    assert len(store.corrections(added.article_id)) == 3
    store.set_status(key, "rejected", v4)
    assert key not in set(store.frame([added.article_id])["event_id"])
    assert key in set(store.frame([added.article_id], include_rejected=True)["event_id"])


def test_a_change_made_on_a_stale_version_is_refused_and_loses_nothing(db_url, store) -> None:
    added = store.import_bytes(ARTICLE.encode(), "t.txt", published=PUBLISHED)
    row = store.frame([added.article_id]).iloc[0]
    other = open_store(db_url)  # a second session, as a second browser tab
    read = int(row["version"])
    other.correct_dates(row["event_id"], date(2013, 6, 1), date(2013, 6, 1), read)
    with pytest.raises(StaleVersion, match="changed elsewhere"):
        store.correct_place(row["id"], "Homs", read)
    with pytest.raises(StaleVersion):
        store.set_status(row["event_id"], "rejected", read)
    now = store.frame([added.article_id]).set_index("id").loc[row["id"]]
    assert now["start"].date() == date(2013, 6, 1) and now["place_id"] == row["place_id"]
    assert [c.field for c in store.history(row["event_id"])] == ["dates"]
    other.close()


def test_deleting_an_article_deletes_its_events_places_and_corrections(store) -> None:
    before = counts(store)
    added = store.import_bytes(ARTICLE.encode(), "t.txt", published=PUBLISHED)
    row = store.frame([added.article_id]).iloc[0]
    store.set_status(row["event_id"], "rejected", int(row["version"]))
    store.delete_article(added.article_id)
    assert counts(store) == before


@pytest.mark.slow
def test_two_processes_opening_a_new_database_at_once_load_the_seed_once(db_url) -> None:
    import subprocess
    import sys

    code = "import sys; from geo.store import open_store; open_store(sys.argv[1])"
    procs = [subprocess.Popen([sys.executable, "-c", code, db_url], stderr=subprocess.PIPE,
                              text=True) for _ in range(3)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    s = open_store(db_url)
    assert [a.id for a in s.articles()] == [1]
    s.close()


@pytest.mark.slow
def test_the_cli_contract(cli, tmp_path) -> None:
    a = tmp_path / "tripoli.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    a.with_suffix(".json").write_text('{"published": "2013-06-04", "outlet": "AFP"}')
    page = tmp_path / "story.html"
    page.write_bytes(HTML.replace(b"three people", b"four people"))  # not the .txt's text
    no_date = tmp_path / "undated.md"
    no_date.write_text("Beirut\n\nRockets hit Beirut on Sunday.\n", encoding="utf-8")
    # A new database, opened by the CLI first, starts with the seed.
    listed = cli("articles", "--json")
    assert listed.returncode == 0, listed.stderr
    [seed] = json.loads(listed.stdout)
    assert seed["id"] == 1 and seed["first_day"] == "2013-05-19"

    done = cli("import", str(a), str(page), str(a), str(no_date), "--json")
    assert done.returncode == 1, done.stderr  # one file refused
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [set(x) for x in lines] == [{"file", "status", "article_id", "events", "message"}] * 4
    assert [x["status"] for x in lines] == ["added", "added", "already there", "refused"]
    assert lines[2]["article_id"] == lines[0]["article_id"]
    assert "publication date" in lines[3]["message"]

    listed = json.loads(cli("articles", "--json").stdout)
    assert [x["id"] for x in listed] == [1, lines[0]["article_id"], lines[1]["article_id"]]
    assert set(listed[1]) == {"id", "title", "outlet", "published", "events", "first_day",
                              "last_day"}
    assert (listed[1]["outlet"], listed[1]["published"]) == ("AFP", "2013-06-04")
    assert listed[2]["outlet"] == "The Daily Star" and listed[2]["published"] == "2013-06-04"

    one = cli("export", "--article", str(lines[0]["article_id"]), "--format", "geojson")
    assert one.returncode == 0, one.stderr
    features = json.loads(one.stdout)["features"]
    assert features and all("corrections" in f["properties"] for f in features)
    every = cli("export", "--all", "--format", "csv")
    header = next(csv.reader(io.StringIO(every.stdout)))
    assert "corrections" in header and "article_id" in header
    kml = cli("export", "--all", "--format", "kml")
    assert kml.returncode == 0 and "<Placemark>" in kml.stdout
    seed_only = cli("export", "--format", "csv")  # as before: the curated seed file
    assert "corrections" not in seed_only.stdout.splitlines()[0]

    refused = cli("delete", str(lines[0]["article_id"]))
    assert refused.returncode == 2 and "--yes" in refused.stderr
    gone = cli("delete", str(lines[0]["article_id"]), "--yes")
    assert gone.returncode == 0 and "deleted article" in gone.stdout
    missing = cli("delete", "999", "--yes")
    assert missing.returncode == 1 and "no article 999" in missing.stderr
    assert len(json.loads(cli("articles", "--json").stdout)) == 2


def test_an_import_that_fails_while_storing_stores_nothing(store, monkeypatch) -> None:
    import geo.store.workspace as workspace

    real = workspace._add_events

    def fails_after_writing(*args, **kwargs):
        real(*args, **kwargs)  # the article, its events and places are flushed...
        raise RuntimeError("the disk is full")  # ...and then the transaction fails

    before = counts(store)
    monkeypatch.setattr(workspace, "_add_events", fails_after_writing)
    with pytest.raises(RuntimeError, match="disk is full"):
        store.import_bytes(ARTICLE.encode(), "t.txt", published=PUBLISHED)
    assert counts(store) == before
    monkeypatch.setattr(workspace, "_add_events", real)
    assert store.import_bytes(ARTICLE.encode(), "t.txt", published=PUBLISHED).status == ADDED
