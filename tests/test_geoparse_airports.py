"""Airports read as places by the geoparser and the proposer (issue 13, class 3).

Sentences written for these tests, not taken from the annotated set or the corpora.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.events import Event
from geo.geoparse.toponyms import Geoparser
from tests.proposing import propose_text

PUBLISHED = date(2016, 3, 2)  # a Wednesday


def _events(parser: Geoparser, text: str) -> list[Event]:
    return propose_text(parser, text, published=PUBLISHED)


def _places(parser: Geoparser, events: list[Event], words: str) -> set[str]:
    return {e.place_id for e in events if words in e.excerpt}


def _toponym(parser: Geoparser, text: str, name: str):
    """The toponym whose span starts where ``name`` does (the recogniser may take the
    whole airport's name or its first words: "Kennedy" of "Kennedy Airport")."""
    start = text.index(name)
    return next(t for t in parser.toponyms(text) if t.start == start)


def test_a_bare_airport_name_is_the_airport(parser: Geoparser) -> None:
    # "Gatwick": no town has the name, so the airport does; the recogniser's model (trained
    # where annotators did not mark airports) rejects it on its own.
    t = _toponym(parser, "Flights were suspended at Gatwick on Sunday after a drone was "
                         "seen over the runway.", "Gatwick")
    assert t.place.kind == "airport" and t.place.country_code == "GB"


@pytest.mark.parametrize("text, name, cc", [
    ("Two planes touched wings at Kennedy Airport on Monday night.", "Kennedy Airport", "US"),
    ("A woman was detained at John F. Kennedy International Airport on Friday.",
     "Kennedy International Airport", "US"),
    ("Smoke filled a terminal of Domodedovo Airport late on Tuesday.", "Domodedovo Airport",
     "RU"),
])
def test_an_airport_named_with_its_airport_word(parser: Geoparser, text: str, name: str,
                                                cc: str) -> None:
    t = _toponym(parser, text, name)
    assert t.place.kind == "airport" and t.place.country_code == cc


@pytest.mark.parametrize("text, name, cc", [
    ("Hundreds of travellers slept at Beirut airport on Tuesday during a strike.",
     "Beirut", "LB"),
    ("A suspected case was found at Cairo International Airport on Saturday.", "Cairo",
     "EG"),
    ("A fire broke out at Dubai International on Monday, delaying dozens of flights.",
     "Dubai", "AE"),
    ("Police evacuated a terminal at Chicago O'Hare on Monday.", "Chicago", "US"),
])
def test_a_city_named_before_its_airport_word_means_the_airport(
        parser: Geoparser, text: str, name: str, cc: str) -> None:
    # The span stays the city's (the corpora mark "Beirut" in "Beirut airport"); the place
    # is the airport.
    t = _toponym(parser, text, name)
    assert t.place.kind == "airport" and t.place.country_code == cc
    assert not any(x.text in ("International", "International Airport")
                   for x in parser.toponyms(text))


def test_a_city_without_an_airport_word_stays_the_city(parser: Geoparser) -> None:
    for text, name in [("A fire broke out in Dubai on Monday.", "Dubai"),
                       ("Protesters marched through Beirut on Sunday.", "Beirut"),
                       ("Snow fell across London on Monday.", "London")]:
        assert _toponym(parser, text, name).place.kind == "city", text


def test_a_person_named_like_an_airport_is_no_place(parser: Geoparser) -> None:
    text = "President John F. Kennedy visited the city in November 1963."
    assert all(t.place is None or t.place.kind != "airport" for t in parser.toponyms(text))


def test_the_airport_refers_to_the_airport_named_before(parser: Geoparser) -> None:
    text = ("A drone was seen near Gatwick Airport on Sunday evening, police said. "
            "The airport was closed for six hours on Monday.")
    events = _events(parser, text)
    assert _places(parser, events, "was closed") == {"airport:EGKK"}
    closed = next(e for e in events if "was closed" in e.excerpt)
    assert '"The airport" read as' in closed.note


def test_the_airport_is_not_a_town_named_before(parser: Geoparser) -> None:
    # No airport named: "the airport" does not make the town its antecedent.
    text = ("Heavy snow fell in Leeds on Sunday, the council said. "
            "Flights at the airport were cancelled on Monday.")
    events = _events(parser, text)
    cancelled = [e for e in events if "were cancelled" in e.excerpt]
    assert all('"the airport" read as' not in e.note for e in cancelled)


def test_a_word_only_keyed_like_an_airport_name_is_not_one(parser: Geoparser) -> None:
    # "Lisha" shares the look-up key of "Lishe" (Ningbo Lishe International Airport) but
    # is not written as in the airport's name.
    text = "Lisha Moore, a nurse at the clinic, said the waiting room was full on Friday."
    assert all(t.place is None or t.place.kind != "airport" for t in parser.toponyms(text))


def test_a_city_airport_is_the_great_citys(parser: Geoparser) -> None:
    # "Cairo airport" is Cairo, Egypt's, though Illinois (with its own Cairo Regional
    # Airport) is named in the same text.
    text = ("New cases were reported in Illinois and Texas on Friday. In Egypt, medical "
            "staff checked passengers arriving at Cairo airport from Mexico.")
    t = _toponym(parser, text, "Cairo")
    assert t.place.kind == "airport" and t.place.country_code == "EG"
