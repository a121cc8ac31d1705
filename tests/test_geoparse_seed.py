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
from geo.geoparse.eventdates import FALLBACK_RULE, sentence_dates
from geo.geoparse.propose import propose_events
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
        # No day in the article: the week up to publication, not the publication day.
        assert (e.start, e.end) == (date(2013, 5, 29), date(2013, 6, 5))
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


def _events(parser: Geoparser, text: str, title: str = "t") -> list[Event]:
    article = make_article(text, id="t", title=title, outlet="Test",
                           published=date(2013, 6, 5))
    return propose_events(article, parser)


def test_headline_and_photo_captions_are_not_events(parser: Geoparser) -> None:
    text = ("Rebels lose battle for Al-Qusayr\n\n"
            "Regime troops in Al-Qusayr. (AFP)\n\n"
            "Rebels withdrew from Al-Qusayr on Tuesday.")
    events = _events(parser, text, title="Rebels lose battle for Al-Qusayr")
    assert [e.excerpt for e in events] == ["Rebels withdrew from Al-Qusayr on Tuesday."]
    # A text of one line is news, even when its first line stands in for the title.
    one = _events(parser, "Rebels withdrew from Al-Qusayr on Tuesday.",
                  title="Rebels withdrew from Al-Qusayr on Tuesday.")
    assert [e.place_id for e in one] == ["qusayr"]


def test_the_town_refers_back_to_the_town_named_before(parser: Geoparser) -> None:
    text = ("The army routed rebels from Al-Qusayr on Wednesday; they fled to the village "
            "of Dabaa. SANA said troops were scouring the town for tunnels.")
    events = _events(parser, text)
    last = [e for e in events if e.excerpt.startswith("SANA")]
    assert [(e.place_id, e.place_role) for e in last] == [("qusayr", "site")]
    assert "read as Al-Qusayr" in last[0].note
    named = next(e for e in events if e.place_id == "qusayr" and e.excerpt.startswith("The"))
    assert last[0].confidence < named.confidence  # "the town" is less sure than a name


def test_a_possessive_place_describes_and_another_place_is_the_site(parser: Geoparser) -> None:
    events = _events(parser, "Damascus' ally Iran hailed the fall of Al-Qusayr.")
    assert {e.place_id for e in events} == {"iran", "qusayr"}
    alone = _events(parser, "Lebanon's army clashed with gunmen on Tuesday.")
    assert {e.place_id for e in alone} == {"lebanon"}  # the only place stays


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Syria's army routed rebels from Al-Qusayr.", "capture"),
        ("Hezbollah fighters crossed from Lebanon.", None),  # fighters: no fighting
        ("Control of the city was vital for the rebels.", None),  # a noun, not "controls"
        ("It was a major battlefield success.", None),
        ("Iran congratulated the army on its victory over terrorists and civilians.",
         "statement"),
        ("SANA said troops had defused dozens of bombs.", "security operation"),
    ],
)
def test_category_words_match_whole_words(sentence: str, expected: str | None) -> None:
    from geo.geoparse.triggers import category_of

    assert category_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Syrian Observatory for Human Rights said the army was in control.",
         ("Syrian Observatory for Human Rights",)),
        ("Earlier, Syria state television said the army controls the region.",
         ("Syria state television",)),
        ("Another source also told NOW that the deal held.", ("source, to NOW",)),
        ("He also told NOW that the withdrawal aimed at protecting civilians.", ("Outlet",)),
        ("Civilians fled, according to the UN refugee agency UNHCR.",
         ("UN refugee agency UNHCR",)),
    ],
)
def test_reporters(sentence: str, expected: tuple[str, ...]) -> None:
    from geo.geoparse.attribution import reporters

    assert reporters(sentence, "Outlet") == expected


def test_actors_leave_out_sentence_openers_and_sect_adjectives(parser: Geoparser) -> None:
    from geo.geoparse.attribution import actors_of

    text = ("Control of the town passed to Hezbollah, Lebanon's powerful Shiite movement, "
            "said Deputy Foreign Minister Hossein Amir Abdollahian.")
    actors = actors_of(text, [], 0, parser.model.common)
    assert "Control" not in actors and "Shiite" not in actors
    assert "Hezbollah" in actors
    assert any(a.endswith("Hossein Amir Abdollahian") for a in actors)
