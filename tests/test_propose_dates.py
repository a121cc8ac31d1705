"""Dates of events: classes of English news writing (issue 13, class 5).

Each test is one class, with sentences written for it (not taken from the seed or the
annotated set): a date phrase tied to the event it belongs to, background that is not of
the publication day, ranges, tallies, days of the story's own schedule.
"""

from __future__ import annotations

from datetime import date

from geo.dates import find_dates
from geo.events import Event
from geo.geoparse.toponyms import Geoparser
from tests.proposing import WEDNESDAY
from tests.proposing import propose_text as _events

PUBLISHED = WEDNESDAY


def _row(events: list[Event], words: str) -> Event:
    rows = [e for e in events if words in e.excerpt]
    assert rows, f"no row quotes {words!r}"
    return rows[0]


def _spans(text: str) -> list[tuple[str, date, date, str]]:
    return [(m.phrase, m.date.start, m.date.end, m.date.rule)
            for m in find_dates(text, PUBLISHED)]


def test_a_month_that_qualifies_an_event_is_its_date() -> None:
    # "the August death": a month used as a modifier dates the event it names; in an
    # April paper it is last year's August. "last August" is the one before publication.
    assert _spans("He is charged in the August killing of a clerk.") == [
        ("August", date(2015, 8, 1), date(2015, 8, 31), "month")]
    assert _spans("The plant closed last August.") == [
        ("last August", date(2014, 8, 1), date(2014, 8, 31), "last-month-name")]
    assert _spans("The May elections were close.")[0][1] == date(2015, 5, 1)
    assert _spans("He said the things he may regret.") == []


def test_the_august_death_in_an_april_paper_is_last_years(parser: Geoparser) -> None:
    text = ("A Fresno man went on trial Monday. He has pleaded not guilty to murder in the "
            "August stabbing of his neighbour at their home in Fresno.")
    row = _row(_events(parser, text), "August stabbing")
    assert (row.start, row.end) == (date(2014, 8, 1), date(2014, 8, 31))
    assert "the year before" in row.note


def test_a_range_of_days_in_one_month_is_both_days() -> None:
    assert _spans("the festival held on the 11th and 12th of March") == [
        ("the 11th and 12th of March", date(2015, 3, 11), date(2015, 3, 12),
         "day-range-of-a-month")]
    assert _spans("flooded on the night of March 3-4 near the river")[0][1:3] == (
        date(2015, 3, 3), date(2015, 3, 4))
    assert _spans("won 7-3 March 2") == [
        ("March 2", date(2015, 3, 2), date(2015, 3, 2), "month-day-nearest-year")]


def test_a_tally_so_far_is_not_of_the_last_week() -> None:
    # "So far the only case has been ...": some time before publication, read as the year
    # up to it; "so far as", "so far away", "up to date" are no dates.
    start, end, rule = _spans("So far the only death has been a farmer in Hull.")[0][1:]
    assert (start, end) == (date(2014, 4, 1), PUBLISHED)
    assert rule == "so-far-the-year-up-to-publication"
    assert _spans("Four cases have been confirmed to date.")[0][3] == rule
    assert _spans("So far as we know, the town is so far away; records are up to date.") == []
    assert _spans("So far this year, nine boats sank.")[0][0] == "this year"
    assert _spans("The county's other arrests for the year were in May.")[0][1:] == (
        date(2015, 1, 1), PUBLISHED, "for-the-year-to-publication")
    assert _spans("the outlook for the year ahead") == []
    assert _spans("The council approved a budget for the year.") == []


def test_a_tally_sentence_is_dated_by_its_tally(parser: Geoparser) -> None:
    text = ("Twelve hens died at a farm in Norfolk on Monday. So far the only confirmed case "
            "of the virus in the country has been a dead goose found in Cornwall.")
    row = _row(_events(parser, text), "dead goose")
    assert row.start < date(2015, 1, 1) and row.end == PUBLISHED
    assert "so-far" in row.note


def test_a_day_of_the_storys_own_schedule_is_not_counted_from_publication() -> None:
    # "on the Friday", "that Friday", "the following Monday" name a day of the story's
    # own time line, not the last such day before the paper.
    assert _spans("We would have played the first game on the Friday.") == []
    assert _spans("That Friday the river rose; the following Monday it fell.") == []
    assert _spans("The river rose on Friday.")[0][0] == "Friday"


def test_a_planned_day_is_not_the_storys_day(parser: Geoparser) -> None:
    # An undated fire story whose only day is that of a plan ("are expected to spend today
    # sifting the ruins") is dated the week before publication, not the publication day.
    text = ("Warehouse burns. A fire destroyed a warehouse in Tulsa, Oklahoma, and two "
            "firefighters were hurt. Inspectors are expected to spend today sifting through "
            "the ruins.")
    row = _row(_events(parser, text), "A fire destroyed")
    assert row.start < PUBLISHED
    assert "week up to the publication" in row.note


def test_a_place_in_a_clause_with_its_own_date_takes_that_date(parser: Geoparser) -> None:
    # "saw a doctor on March 2, before driving to a hospital in Leeds on March 3 where ...":
    # the place of the second clause is of its own day, not of the first clause's.
    text = ("A patient with measles was isolated on Tuesday. The man saw his doctor on "
            "March 2, before driving to a hospital in Leeds on March 3 where he was treated.")
    row = _row(_events(parser, text), "hospital in Leeds")
    assert (row.start, row.end) == (date(2015, 3, 3), date(2015, 3, 3))
    assert "the date of the place's own clause" in row.note
    # One clause, two dates: the nearest to the signal word, as before.
    text = ("A storm flooded homes in Hull on March 3, the worst since the floods of "
            "March 2007.")
    row = _row(_events(parser, text), "flooded homes")
    assert row.start == date(2015, 3, 3) and "own clause" not in row.note
    # "since the war in X in 2011": the start of a count, not the place's date.
    text = ("A sailor drowned in January 2014, the fifth sailor lost at sea while serving "
            "since the war in Libya in 2011.")
    row = _row(_events(parser, text), "sailor drowned")
    assert row.start == date(2014, 1, 1) and "own clause" not in row.note


def test_a_date_fronted_to_a_clause_dates_that_clause(parser: Geoparser) -> None:
    # "and on February 20, Denmark confirmed a case in Aarhus": the comma after a fronted
    # date does not cut it from its clause (nor the comma inside "March 10, 2015").
    text = ("On March 10, 2015, Norway confirmed a case of the disease in Bergen, and on "
            "February 20, Denmark confirmed a case in Aarhus.")
    events = _events(parser, text)
    days = sorted((e.start, e.end) for e in events)
    assert days == [(date(2015, 2, 20), date(2015, 2, 20)), (date(2015, 3, 10), date(2015, 3, 10))]


def test_no_past_story_goes_on_from_a_count_or_into_a_sentence_of_now(
        parser: Geoparser) -> None:
    # "since the war last August": the start of a count, no past story told; "doesn't
    # want": a sentence of now. Neither takes the month of the sentence before.
    for text, words in (
            ("The opposition in Tbilisi has kept up its protests since the war with Russia "
             "last August. Police in Tbilisi said ten people were arrested.", "Police in"),
            ("In December, the council sold the old bus depot in Hull to a builder. The mayor "
             "told residents the city doesn't want a car park in Hull.", "The mayor told")):
        row = _row(_events(parser, text), words)
        assert row.start > date(2015, 3, 1), (text, row.date_rule)


def test_what_follows_days_after_is_counted_back(parser: Geoparser) -> None:
    # "came five days after the council announced": the announcement is five days before
    # the day of the main clause (Saturday, carried); an arrest told before the count
    # keeps its own day.
    text = ("A gas leak forced the evacuation of a school in Truro on Saturday. The leak "
            "came five days after the council in Truro announced a new safety plan.")
    row = _row(_events(parser, text), "five days after")
    assert row.start == date(2015, 3, 23) and "counted back" in row.date_rule
    row = _row(_events(parser, "A man was arrested in Truro on Saturday five days after the "
                               "theft of a van."), "arrested")
    assert row.start == date(2015, 3, 28)


def test_a_past_story_goes_on_in_the_next_past_tense_sentence(parser: Geoparser) -> None:
    # Background told with a month or year long past ("first met them in May 2011") goes
    # on in the next sentence told in the past tense; a sentence of now does not take it.
    text = ("A jury in Omaha convicted a roofer of fraud on Monday. The roofer first met "
            "the widow in Lincoln in May 2011. He stole her savings in Lincoln over the next two "
            "years. "
            "The roofer has owned a firm in Lincoln since 2015.")
    events = _events(parser, text)
    row = _row(events, "stole her savings")
    assert (row.start, row.end) == (date(2011, 5, 1), date(2011, 5, 31))
    assert "the past month or year of the sentence before" in row.note
    text = ("A jury in Omaha convicted a roofer of fraud on Monday. The roofer first met "
            "the widow in Lincoln in May 2011. The widow now lives with her son in Lincoln "
            "and has sued the firm.")
    row = _row(_events(parser, text), "has sued")
    assert row.start > date(2015, 1, 1)


def test_since_the_middle_of_a_month_runs_to_publication() -> None:
    assert _spans("He has trained hard since the middle of January.") == [
        ("since the middle of January", date(2015, 1, 11), PUBLISHED, "since(part-of-month)")]


def test_a_carried_month_day_beyond_publication_is_last_years(parser: Geoparser) -> None:
    # "The game, played Sept. 28, ..." in an April paper is last September's, and so is the
    # day the next sentence takes from it.
    text = ("A coach in Dayton is suing a school board. The game, played Sept. 28, ended in a "
            "brawl. A referee was injured in Dayton.")
    row = _row(_events(parser, text), "referee was injured")
    assert row.start == date(2014, 9, 28)


def test_a_birth_or_founding_date_is_not_the_events(parser: Geoparser) -> None:
    # "Born in 1950 in Leeds, the actor died Tuesday": the birth year is a fact about him,
    # not the date of the death, nor of the place named with it.
    text = "Born in 1950 in Leeds, the actor died on Tuesday in London."
    rows = [e for e in _events(parser, text) if "actor died" in e.excerpt]
    assert rows and all(e.start == date(2015, 3, 31) for e in rows)
    text = "A storm on Monday damaged a school in Hull that was founded in 1886."
    row = _row(_events(parser, text), "storm on Monday")
    assert row.start == date(2015, 3, 30)


def test_overnight_before_a_noun_is_no_date() -> None:
    # "works the overnight shift", "an overnight stay": an adjective, no date.
    assert _spans("She works the overnight shift; an overnight stay is booked.") == []
    assert _spans("Snow fell overnight.")[0][3] == "overnight-before-publication"


def test_a_count_of_days_later_goes_on_from_the_story_before(parser: Geoparser) -> None:
    # "Two days later, she was flown to X" counts from the last day told before it
    # (the later of two), not from publication; "detained, and released a day later"
    # counts from an event of its own sentence and is left alone.
    text = ("A climber fell on a glacier on March 3 and was carried to a hut on March 5. "
            "Two days later, she was flown to a hospital in Innsbruck.")
    row = _row(_events(parser, text), "Two days later")
    assert (row.start, row.end) == (date(2015, 3, 7), date(2015, 3, 7))
    assert "counted from the day of the story before" in row.note
    text = ("Two reporters arrived at a mine in Ghana on March 3. The reporters were "
            "detained by guards at a mine in Tarkwa, and released a day later.")
    row = _row(_events(parser, text), "released a day later")
    assert row.start == date(2015, 3, 3) and "counted from" not in row.note
