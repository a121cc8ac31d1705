"""The workspace on the map and the review page's logic (geo.store.review, the loader's
workspace source), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

TRIPOLI = (b"Fighting in Tripoli\n\nClashes in Tripoli, Lebanon, killed three people on "
           b"Tuesday. The Syrian army shelled Homs on Monday.\n")


@pytest.fixture
def imported(store):
    result = store.import_bytes(TRIPOLI, "tripoli.txt", published=date(2013, 6, 5))
    assert result.article_id is not None
    return result.article_id


def test_the_stamp_changes_with_a_correction_and_only_for_the_articles_it_names(store,
                                                                                imported):
    from geo.store import review

    seed = store.seed_id()
    before, seed_before = store.stamp([imported]), store.stamp([seed])
    frame = review.review_frame(store, imported)
    row = frame.iloc[0]
    outcome = review.change_place(store, row["id"], "Beirut", int(row["version"]))
    assert outcome.ok and outcome.row_id == f"{row['event_id']}@beirut", outcome
    assert store.stamp([imported]) != before
    assert store.stamp([seed]) == seed_before


def test_a_stale_change_is_refused_with_a_message_and_nothing_is_lost(store, imported):
    from geo.store import review

    row = review.review_frame(store, imported).iloc[0]
    version = int(row["version"])
    assert review.change_dates(store, row["id"], date(2013, 6, 1), date(2013, 6, 2),
                               version).ok
    stale = review.change_status(store, row["id"], "rejected", version)  # the other tab
    assert not stale.ok and "changed elsewhere" in stale.message
    after = review.review_frame(store, imported).iloc[0]
    assert (after["status"], str(after["start"].date())) == ("proposed", "2013-06-01")
    assert review.history_lines(review.review_frame(store, imported), row["id"]) == [
        line for line in after["corrections"].split(" | ")]
    assert "dates: 2013-06-04 to 2013-06-04 -> 2013-06-01 to 2013-06-02" in after["corrections"]


def test_the_downloads_leave_out_rejected_events_and_carry_the_history(store, imported):
    from geo.store import review

    frame = review.review_frame(store, imported)
    row = frame.iloc[1]
    assert review.change_status(store, row["id"], "rejected", int(row["version"])).ok
    frame = review.review_frame(store, imported)
    assert len(frame) == 2  # the page shows the rejected one too
    out = review.export_frame(frame)
    assert list(out["id"]) == [frame.iloc[0]["id"]]
    assert "corrections" in out and "status" in out and "corrected" not in out


def test_the_map_shows_a_selection_on_one_timeline_and_names_each_article(
        db_url, store, imported, monkeypatch):
    from geo.map import loader
    from geo.store import workspace

    monkeypatch.setenv("GEO_DATABASE_URL", db_url)
    monkeypatch.setattr(workspace, "_shared", {})
    seed = store.seed_id()
    key = loader.workspace_source(f"{imported},{seed}")
    assert key.startswith(f"workspace:{min(seed, imported)},{max(seed, imported)}@")
    assert loader.source_params(key) == {"articles": key[10:].rpartition("@")[0]}
    data = loader.load_map_events(key)
    assert set(data.events["article_id"]) == {seed, imported}
    assert data.timeline.first_day == date(2013, 5, 19)  # the seed's, the earlier
    assert data.timeline.last_day == date(2013, 6, 5)
    ours = data.events.loc[data.events["article_id"] == imported]
    assert all("From <cite>Fighting in Tripoli</cite>" in p for p in ours["popup_full"])
    assert not data.public  # popups travel with the steps, not as a public file
    one = loader.load_map_events(loader.workspace_source(str(imported)))
    assert one.timeline.first_day == date(2013, 6, 3)  # never a day of another article
    assert "article" not in one.events  # one article: popups need not name it
    assert one.heading[0] == "Fighting in Tripoli"


@pytest.mark.parametrize("value", ["", "x", "1,x", "-1", "1;2", "１", "1," * 3000])
def test_a_strange_articles_parameter_is_no_source(value):
    from geo.map.loader import parse_articles

    assert parse_articles(value) == ""


def test_the_pages_title_and_excerpt_are_escaped_by_the_template():
    from geo.store.review import excerpt_html, heading_html

    hostile = '<img src=x onerror=alert(1)> & "${alert(2)}"'
    assert heading_html(hostile) == (
        '<h2 class="ya-title">&lt;img src=x onerror=alert(1)&gt; &amp; &#34;${alert(2)}&#34;</h2>'
    )
    assert excerpt_html("<script>") == '<blockquote class="ya-excerpt">&lt;script&gt;</blockquote>'
