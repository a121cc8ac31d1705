"""`python -m geo batch` on a real dask.distributed LocalCluster: same rows as `parse`, resumable.

The corpus is 50 LGL articles (``../shared``) written as article files with their ``.json``
metadata, plus a CSV table, so both kinds of input are read. The cluster is started once
for the module: two worker processes, as the issue asks.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from geo import batch
from geo.cli import main
from geo.export import to_csv
from geo.geoparse.corpora import CORPORA_DIR

LGL = CORPORA_DIR / "LGL" / "texts"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """50 articles with metadata (published dates vary, to exercise relative dates)."""
    if not LGL.is_dir():
        pytest.skip(f"the LGL corpus is not at {LGL} (../shared/data/geoparse)")
    folder = tmp_path_factory.mktemp("corpus")
    for i in range(50):
        text = (LGL / f"{i}.txt").read_text(encoding="utf-8")
        (folder / f"a{i:02d}.txt").write_text(text, encoding="utf-8")
        meta = {"id": f"lgl-{i}", "title": f"LGL {i}", "outlet": "LGL",
                "published": (date(2009, 1, 5) + timedelta(days=7 * i)).isoformat()}
        (folder / f"a{i:02d}.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def client():
    c = batch.local_client(2)
    try:
        assert len(c.scheduler_info()["workers"]) == 2
        yield c
    finally:
        cluster = c.cluster
        c.close()
        cluster.close()


def parse_csv(path: Path, capsys) -> str:
    code = main(["parse", str(path), "--format", "csv"])
    out = capsys.readouterr().out
    assert code == 0
    return out


def test_batch_rows_equal_parse_article_by_article(corpus, client, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    summary = batch.run_batch([str(corpus)], out, client=client)
    assert (summary.parsed, summary.failed, summary.skipped) == (50, 0, 0)
    assert summary.partitions >= 2  # work was cut into tasks, each written as a partition

    rows = pd.read_parquet(out)  # the folder reads as one table
    assert len(rows) == summary.rows > 50
    assert rows["article_id"].nunique() <= 50
    for path in sorted(corpus.glob("*.txt")):
        expected = parse_csv(path, capsys)
        mine = rows[rows["article_id"] == batch.content_id(path.read_text(encoding="utf-8"))]
        mine = mine.drop(columns=["article_id", "geometry"]).reset_index(drop=True)
        assert to_csv(mine) == expected, path.name


def test_output_is_geoparquet_with_points(corpus, client, tmp_path) -> None:
    import geopandas as gpd

    out = tmp_path / "out"
    batch.run_batch([str(corpus / "a0*.txt")], out, client=client)
    part = gpd.read_parquet(sorted(out.glob("part-*.parquet"))[0])
    assert part.crs.to_epsg() == 4326
    first = part.iloc[0]
    assert (first.geometry.x, first.geometry.y) == pytest.approx((first["lon"], first["lat"]))


def test_rerun_skips_finished_articles_and_drops_unrecorded_partitions(
    corpus, client, tmp_path
) -> None:
    out = tmp_path / "out"
    first = batch.run_batch([str(corpus / "a1*.txt")], out, client=client)
    assert first.parsed == 10
    before = pd.read_parquet(out)
    # A run killed after writing a partition but before recording it leaves these behind.
    before.head(3).to_parquet(out / "part-09999.parquet")
    (out / ".part-10000.parquet.tmp").write_bytes(b"half a file")

    again = batch.run_batch([str(corpus / "a1*.txt"), str(corpus / "a2*.txt")], out,
                            client=client)
    assert (again.skipped, again.parsed) == (10, 10)
    after = pd.read_parquet(out)
    assert not (out / "part-09999.parquet").exists()
    assert list(out.glob(".*.tmp")) == []
    assert after.duplicated(["article_id", "id"]).sum() == 0  # nothing written twice
    assert set(before["article_id"]) < set(after["article_id"])


def test_a_failing_document_is_reported_and_never_stops_the_batch(client, tmp_path) -> None:
    table = tmp_path / "feed.csv"
    pd.DataFrame({
        "text": ["Fighting broke out in Homs, Syria, on Tuesday.",
                 "Floods hit Dhaka, Bangladesh, on Monday.",
                 "Police clashed with protesters in Lyon, France, on Sunday."],
        "published": ["2013-06-05", "not a date", "2014-02-03"],
        "title": ["Homs", "Dhaka", ""],
    }).to_csv(table, index=False)
    out = tmp_path / "out"
    summary = batch.run_batch([str(table)], out, client=client)
    assert (summary.parsed, summary.failed) == (2, 1)
    errors = [json.loads(line) for line in (out / batch.ERRORS).read_text().splitlines()]
    assert [e["source"] for e in errors] == [f"{table}#row 2"]
    assert "publication date" in errors[0]["error"]
    rows = pd.read_parquet(out)
    assert {"Homs", "Lyon"} <= set(rows["place_name"])


def test_the_command_reports_and_exits_by_outcome(tmp_path, capsys) -> None:
    table = tmp_path / "feed.jsonl"
    table.write_text(
        json.dumps({"text": "Protests in Cairo, Egypt, on Friday.", "published": "2011-01-30"})
        + "\n" + json.dumps({"text": "", "published": "2011-01-30"}) + "\n",
        encoding="utf-8",
    )
    code = main(["batch", str(table), "--out", str(tmp_path / "out"), "--workers", "1",
                 "--quiet"])
    err = capsys.readouterr().err
    assert code == 1  # the empty text failed
    assert "1 parsed" in err and "1 failed" in err
    assert main(["batch", str(tmp_path / "nothing*.csv"), "--out", str(tmp_path / "o")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_chunks_give_every_worker_several_tasks() -> None:
    docs = [batch.Document(id=str(i), source="") for i in range(50)]
    cut = batch.chunks(docs, workers=2, size=50)
    assert len(cut) >= 8 and sum(map(len, cut)) == 50
    assert max(map(len, batch.chunks(docs * 100, workers=2, size=50))) == 50


def test_table_inputs_read_csv_jsonl_and_parquet(tmp_path) -> None:
    frame = pd.DataFrame({"text": ["A", "B"], "published": ["2020-01-01", "2020-01-02"],
                          "outlet": ["X", None]})
    frame.to_csv(tmp_path / "t.csv", index=False)
    frame.to_parquet(tmp_path / "t.parquet")
    buf = io.StringIO()
    frame.to_json(buf, orient="records", lines=True)
    (tmp_path / "t.jsonl").write_text(buf.getvalue())
    docs = list(batch.read_documents(batch.expand_inputs([str(tmp_path)])))
    assert len(docs) == 6
    assert {d.published for d in docs} == {date(2020, 1, 1), date(2020, 1, 2)}
    assert {d.outlet for d in docs} == {"X", ""}
    assert len({d.id for d in docs}) == 2  # identity is the text, whatever the file


def test_db_adds_each_article_with_its_events_once(client, tmp_path) -> None:
    from geo.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'workspace.db'}")
    table = tmp_path / "feed.csv"
    pd.DataFrame({
        "text": ["Fighting broke out in Homs, Syria, on Tuesday.",
                 "Police clashed with protesters in Lyon, France, on Sunday."],
        "published": ["2013-06-05", "2014-02-03"], "title": ["Homs", "Lyon"],
    }).to_csv(table, index=False)
    summary = batch.run_batch([str(table)], tmp_path / "out", client=client, store=store)
    assert summary.stored == 2
    rows = pd.read_parquet(tmp_path / "out")
    stored = {a.title: a.events for a in store.articles()}
    assert stored["Homs"] == (rows["place_name"] == "Homs").sum() > 0
    assert stored["Lyon"] >= 1
    # A rerun into a fresh folder parses again but the workspace adds nothing twice.
    again = batch.run_batch([str(table)], tmp_path / "out2", client=client, store=store)
    assert again.stored == 0 and len(store.articles()) == len(stored)
