"""The geoparser's events on the seed against the curated ones, and how they are dated.

The curated events (``data/events.csv``) are the answer key: the parser must recover at
least 90% of their (place id, start day) pairs. Precision is reported too (in the run's
summary): the parser proposes events the curators merged or left out, so it is lower by
design. A stricter figure is reported beside it: curated rows whose place and start day
a proposed event matches with an excerpt that overlaps the curated one.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.article import load_seed_article, make_article
from geo.events import CSV_FIELDS, Event, events_frame, load_seed_events
from geo.geoparse.propose import FALLBACK_RULE, propose_events, sentence_dates
from geo.geoparse.toponyms import Geoparser


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser()


@pytest.fixture(scope="module")
def proposed(parser: Geoparser) -> list[Event]:
    return propose_events(load_seed_article(), parser)


def pairs(events: list[Event]) -> set[tuple[str, date]]:
    return {(e.place_id, e.start) for e in events}


def _same_passage(a: Event, b: Event) -> bool:
    return (a.place_id, a.start) == (b.place_id, b.start) and (
        a.excerpt_start < b.excerpt_end and b.excerpt_start < a.excerpt_end
    )


def test_recovers_the_curated_place_day_pairs(proposed: list[Event], report) -> None:
    curated_events = load_seed_events()
    curated = pairs(curated_events)
    found = pairs(proposed)
    hit = curated & found
    precision = len(hit) / len(found)
    recall = len(hit) / len(curated)
    report(
        f"seed events, (place id, start day) pairs: curated {len(curated)}, "
        f"proposed {len(found)}, recovered {len(hit)}: "
        f"precision {precision:.3f}, recall {recall:.3f}"
    )
    rows = sum(any(_same_passage(c, p) for p in proposed) for c in curated_events)
    right = sum(any(_same_passage(p, c) for c in curated_events) for p in proposed)
    report(
        f"seed events, rows with the same place, start day and an overlapping excerpt: "
        f"curated rows recovered {rows}/{len(curated_events)}, "
        f"proposed rows matching one {right}/{len(proposed)}"
    )
    print("  missed:", sorted(curated - found, key=str))
    print("  extra: ", sorted(found - curated, key=str))
    assert recall >= 0.90
    assert precision >= 0.6  # a floor: the pairs are not simply every place on every day


def test_events_follow_the_curated_schema(proposed: list[Event]) -> None:
    article = load_seed_article()
    assert proposed
    for e in proposed:
        assert article.text[e.excerpt_start:e.excerpt_end] == e.excerpt
        assert article.in_body(e.excerpt_start, e.excerpt_end)  # never the reader's comment
        assert e.start <= e.end <= article.published
        assert 0.0 < e.confidence <= 1.0
        assert e.reported_by and e.category
    df = events_frame(proposed)
    assert len(df) == len(proposed)
    assert df["lat"].notna().all() and df["lon"].notna().all()
    assert df["id"].is_unique
    assert set(CSV_FIELDS) - {"date_phrase_start", "note"} <= set(df.columns) | {"event_id"}


def test_key_events_of_the_seed(proposed: list[Event]) -> None:
    by_pair = pairs(proposed)
    assert ("qusayr", date(2013, 6, 5)) in by_pair  # the fall, "on Wednesday"
    assert ("qusayr-district", date(2013, 5, 19)) in by_pair  # "launched on May 19"
    assert ("dahiyeh", date(2013, 6, 5)) in by_pair  # the celebrations
    assert any(e.place_id == "tripoli-lb" and e.category == "sectarian violence"
               for e in proposed)


def test_weekday_is_read_against_the_publication_date(parser: Geoparser) -> None:
    text = "Rebels withdrew from Homs on Tuesday, the army said."
    for published, expected in ((date(2013, 6, 5), date(2013, 6, 4)),  # a Wednesday
                                (date(2013, 6, 12), date(2013, 6, 11))):
        article = make_article(text, id="t", title="t", outlet="Test", published=published)
        events = propose_events(article, parser)
        assert [(e.place_id, e.start) for e in events] == [("homs", expected)]
        assert events[0].date_phrase == "Tuesday"
        assert article.text[events[0].date_phrase_start:].startswith("Tuesday")


def test_publication_date_fallback_is_marked(parser: Geoparser) -> None:
    text = "Heavy shelling hit Homs, activists said.\n\nFighting went on in Damascus."
    article = make_article(text, id="t", title="t", outlet="Test",
                           published=date(2013, 6, 5))
    events = propose_events(article, parser)
    assert {e.place_id for e in events} == {"homs", "damascus"}
    for e in events:
        assert (e.start, e.end) == (date(2013, 6, 5), date(2013, 6, 5))
        assert e.date_rule == FALLBACK_RULE and "fallback" in e.date_rule
        assert e.date_phrase == ""
        assert e.confidence < 1.0  # less sure than an event with a date of its own


def test_sentence_dates_carry_a_day_to_the_next_sentence() -> None:
    article = load_seed_article()
    from geo.dates import find_dates

    dates = sentence_dates(article, find_dates(article.body, article.published))
    assert len(dates) == len(article.sentences)
    launched = next(i for i, s in enumerate(article.sentences) if "launched on May 19" in s.text)
    assert dates[launched].resolved.start == date(2013, 5, 19)
    assert dates[launched].weight == 1.0
    assert dates[launched + 1].resolved.start == date(2013, 5, 19)
    assert dates[launched + 1].weight < 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The country of a more precise place is context, not the event's place.
        ("Syria's army routed rebels from Al-Qusayr on Wednesday.", {"qusayr"}),
        # "-based" says where an actor sits.
        ("The Britain-based Observatory said fighting continued in the Syrian village of "
         "Dabaa on Tuesday.", {"dabaa"}),
        # A country alone, or another country than the precise place's, stays.
        ("Sectarian fighting in Lebanon killed 35 on Tuesday.", {"lebanon"}),
        ("Reinforcements from Lebanon joined the rebels in Al-Qusayr on Tuesday.",
         {"lebanon", "qusayr"}),
    ],
)
def test_event_places(parser: Geoparser, text: str, expected: set[str]) -> None:
    article = make_article(text, id="t", title="t", outlet="Test", published=date(2013, 6, 5))
    assert {e.place_id for e in propose_events(article, parser)} == expected


def test_based_place_alone_is_a_base(parser: Geoparser) -> None:
    text = "The Britain-based Syrian Observatory for Human Rights said on Tuesday it had news."
    article = make_article(text, id="t", title="t", outlet="Test", published=date(2013, 6, 5))
    events = propose_events(article, parser)
    assert [(e.place_id, e.place_role) for e in events] == [("united-kingdom", "base")]
