"""The seed's curated events: verbatim excerpts, offsets, dates, places, and load errors."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from geo.article import load_seed_article
from geo.categories import NAMES as CATEGORIES
from geo.dates import resolve_date
from geo.events import (
    CONTEXT_RULE_PREFIX,
    CSV_FIELDS,
    FRAME_COLUMNS,
    PLACE_ROLES,
    SEED_EVENTS,
    EventDataError,
    events_frame,
    load_events,
    load_seed_events,
    time_span,
)
from geo.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def article():
    return load_seed_article()


@pytest.fixture(scope="module")
def events():
    return load_seed_events()


def test_every_event_the_issue_lists_is_there(events):
    by_event = {}
    for ev in events:
        by_event.setdefault(ev.event_id, {})[ev.place_id] = ev.place_role
    expected = {
        "offensive-launched": {"qusayr-district": "site"},
        "civilians-trapped": {"qusayr": "site"},
        "siege-of-district": {"qusayr-district": "site"},
        "reinforcements-from-lebanon": {"qusayr": "destination", "lebanon": "origin"},
        "overnight-bombardment": {"qusayr": "site"},
        "fall-of-qusayr": {"qusayr": "site"},
        "rebels-concede": {"qusayr": "subject"},
        "withdrawal-deal": {"qusayr": "subject", "lebanon": "base"},
        "flight-north": {"qusayr": "origin", "dabaa": "destination",
                         "buweida-sharqiya": "destination"},
        "fighting-north": {"dabaa": "site", "buweida-sharqiya": "site"},
        "tunnels-seized": {"qusayr": "site"},
        "bombs-defused": {"qusayr": "site"},
        "army-vow": {"syria": "subject", "damascus": "statement"},
        "iran-congratulates": {"tehran": "statement"},
        "unhcr-ghost-town": {"qusayr": "subject"},
        "dahiyeh-celebration": {"dahiyeh": "site"},
        "tripoli-fighting": {"tripoli-lb": "site"},
        "homs-next": {"homs": "objective"},
    }  # fmt: skip
    for event_id, places in expected.items():
        assert by_event.get(event_id) == places, event_id


def test_key_dates(events):
    day = {ev.event_id: (ev.start, ev.end, ev.date_precision) for ev in events}
    assert day["offensive-launched"] == (date(2013, 5, 19), date(2013, 5, 19), "day")
    assert day["overnight-bombardment"] == (date(2013, 6, 4), date(2013, 6, 5), "range")
    assert day["fall-of-qusayr"] == (date(2013, 6, 5), date(2013, 6, 5), "day")
    assert day["unhcr-ghost-town"] == (date(2013, 6, 4), date(2013, 6, 4), "day")
    assert day["tripoli-fighting"] == (date(2013, 5, 21), date(2013, 6, 5), "approximate")


def test_excerpts_are_verbatim_at_their_offsets_and_in_the_body(events, article):
    for ev in events:
        assert article.text[ev.excerpt_start : ev.excerpt_end] == ev.excerpt, ev.id
        assert ev.excerpt_end <= article.body_end, ev.id
        assert "Vlad" not in ev.excerpt and "Qusair" not in ev.excerpt  # the comment
        # every excerpt lies within one paragraph, so the app can highlight it there
        p = article.paragraph_at(ev.excerpt_start)
        assert p is not None and ev.excerpt_end <= p.end, ev.id


def test_dates_trace_to_the_article(events, article):
    first, last = time_span(article)
    assert (first, last) == (date(2013, 5, 19), date(2013, 6, 5))
    for ev in events:
        assert first <= ev.start <= ev.end <= last, ev.id
        if ev.date_phrase:
            s = ev.date_phrase_start
            assert article.text[s : s + len(ev.date_phrase)] == ev.date_phrase, ev.id
        if ev.date_rule.startswith(CONTEXT_RULE_PREFIX):
            continue
        r = resolve_date(ev.date_phrase, article.published)
        assert (r.start, r.end, r.precision, r.rule) == (
            ev.start, ev.end, ev.date_precision, ev.date_rule), ev.id  # fmt: skip


def test_places_vocabularies_and_confidence(events):
    gazetteer = load_gazetteer()
    ids = [ev.id for ev in events]
    assert len(ids) == len(set(ids))
    for ev in events:
        assert gazetteer.get(ev.place_id) is not None, ev.id
        assert ev.category in CATEGORIES and ev.place_role in PLACE_ROLES, ev.id
        assert 0.0 <= ev.confidence <= 1.0 and ev.reported_by, ev.id
    reporters = {r for ev in events for r in ev.reported_by}
    assert {"NOW", "SANA", "Al-Manar", "UNHCR", "Syrian Observatory for Human Rights"} <= reporters


def test_events_frame_columns_and_types(events):
    df = events_frame(events)
    assert tuple(df.columns) == FRAME_COLUMNS
    assert len(df) == len(events) and df["id"].is_unique
    for name in ("start", "end"):
        assert pd.api.types.is_datetime64_any_dtype(df[name])
        assert (df[name] == df[name].dt.normalize()).all()
    for name in ("lat", "lon", "precision_km", "confidence"):
        assert df[name].dtype == "float64"
    assert df["excerpt_start"].dtype == "int64"
    row = df.set_index("id").loc["flight-north@dabaa"]
    dabaa = load_gazetteer().get("dabaa")
    assert (row["lat"], row["lon"], row["place_name"]) == (dabaa.lat, dabaa.lon, dabaa.name)
    assert row["start"] == pd.Timestamp("2013-06-05")
    assert df.set_index("id").loc["withdrawal-deal@qusayr", "actors"].startswith("rebels; ")
    # callers get a copy: changing it does not change the next call's frame
    df.loc[:, "title"] = "changed"
    assert "changed" not in set(events_frame(events)["title"])


def test_loading_is_cached(events):
    assert load_seed_events() == events
    assert load_seed_events() is not load_seed_events()  # a fresh list, same records
    assert load_seed_events()[0] is events[0]


def test_empty_frame_keeps_columns():
    df = events_frame([])
    assert tuple(df.columns) == FRAME_COLUMNS and df.empty


# --- broken records are reported by file, line and field -----------------------------


def _rows() -> list[dict[str, str]]:
    with open(SEED_EVENTS, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "events.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _problems(tmp_path, rows, article):
    path = _write(tmp_path, rows)
    with pytest.raises(EventDataError) as info:
        load_events(path, article, load_gazetteer())
    return path, info.value


def test_clean_copy_loads(tmp_path, article):
    assert len(load_events(_write(tmp_path, _rows()), article, load_gazetteer())) == len(_rows())


@pytest.mark.parametrize(
    "field, value, reported_field, message",
    [
        ("place_id", "atlantis", "place_id", "not in the gazetteer"),
        ("category", "party", "category", "is not one of"),
        ("place_role", "somewhere", "place_role", "is not one of"),
        ("start", "2013-05-01", "start", "outside the article's time span"),
        ("end", "2013-06-09", "end", "outside the article's time span"),
        ("start", "2013-13-01", "start", "not an ISO date"),
        ("confidence", "1.5", "confidence", "must lie in 0..1"),
        ("confidence", "high", "confidence", "not a number"),
        ("excerpt_start", "12", "excerpt_start", "the excerpt is at 5302..5418"),
        ("excerpt", "The offensive on the Al-Qusayr region was launched on May 19, spearheaded "
         "by Hezbollah and backed by Assad's forces.", "excerpt", "differs in whitespace"),
        ("excerpt", "Something the article never said.", "excerpt", "not found"),
        ("date_phrase", "overnight", "date_phrase_start", "'overnight' is not at 5356"),
        ("date_precision", "exact", "date_precision", "is not one of"),
    ],
)  # fmt: skip
def test_a_broken_field_is_reported_with_file_line_and_field(
    tmp_path, article, field, value, reported_field, message
):
    rows = _rows()
    assert rows[0]["event_id"] == "offensive-launched"
    rows[0][field] = value
    path, error = _problems(tmp_path, rows, article)
    hits = [p for p in error.problems if p.field == reported_field and message in p.message]
    assert hits, [str(p) for p in error.problems]
    assert all(p.file == str(path) and p.line == 2 for p in error.problems)
    assert f"{path}:2: {reported_field}: " in str(error)


def test_a_date_that_does_not_follow_from_its_phrase_is_caught(tmp_path, article):
    rows = _rows()
    rows[0]["start"] = rows[0]["end"] = "2013-05-20"  # the phrase says May 19
    _, error = _problems(tmp_path, rows, article)
    assert any("'May 19' resolves to 2013-05-19" in p.message for p in error.problems)


def test_quoting_the_readers_comment_is_refused(tmp_path, article):
    rows = _rows()
    s = article.text.index("Congratulations to the people")
    excerpt = article.text[s : s + 29]
    rows[3].update(excerpt=excerpt, excerpt_start=str(s), excerpt_end=str(s + len(excerpt)))
    _, error = _problems(tmp_path, rows, article)
    assert [(p.line, p.field) for p in error.problems] == [(5, "excerpt")]
    assert "readers' comments" in error.problems[0].message


def test_rows_of_one_event_must_agree_and_not_repeat(tmp_path, article):
    rows = _rows()
    i = next(i for i, r in enumerate(rows) if r["event_id"] == "flight-north")
    rows[i + 1]["title"] = "Something else"
    rows.append(dict(rows[i]))
    _, error = _problems(tmp_path, rows, article)
    fields = {(p.line, p.field) for p in error.problems}
    assert (i + 3, "title") in fields
    assert (len(rows) + 1, "place_id") in fields  # the repeated record, on the last line


def test_missing_column_is_reported(tmp_path, article):
    path = tmp_path / "events.csv"
    path.write_text("event_id,place_id\nx,qusayr\n", encoding="utf-8")
    with pytest.raises(EventDataError) as info:
        load_events(path, article, load_gazetteer())
    assert info.value.problems[0].line == 1 and "missing columns" in str(info.value)
