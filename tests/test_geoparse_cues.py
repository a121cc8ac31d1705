"""Locative cues lift names the model doubts (issue 13, class 3: the place is not recognised).

Sentences written for these tests: a well-known place after "off", "near", "the island of"
or with a capitalised area head, and the words a cue must not turn into places.
"""

from __future__ import annotations

import pytest

from geo.geoparse.cues import cued, head_areas
from geo.geoparse.features import generate
from geo.geoparse.toponyms import Geoparser


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser()


def _found(parser: Geoparser, text: str) -> list[tuple[str, str | None]]:
    return [(t.text, t.country_code) for t in parser.toponyms(text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "A fishing boat capsized off Lampedusa on Sunday, the coast guard said.",
        "The ferry ran aground near the Italian island of Lampedusa.",
        "Volunteers handed out blankets outside Lampedusa's harbour.",
    ],
)
def test_a_cued_small_island_town_is_a_place(parser: Geoparser, sentence: str) -> None:
    # Lampedusa is a village of 4,000 people in GeoNames; the model alone rejects it.
    assert ("Lampedusa", "IT") in _found(parser, sentence)


def test_a_capitalised_area_head_names_the_area(parser: Geoparser) -> None:
    tops = parser.toponyms("Airstrikes hit Idlib Province, killing ten.")
    assert [t.text for t in tops] == ["Idlib Province"]
    assert tops[0].place is not None and tops[0].place.kind == "admin1"
    assert tops[0].country_code == "SY"


@pytest.mark.parametrize(
    "sentence",
    [
        "The fair opened in August with a parade.",  # a month, not Augusta's namesake
        "Jackson said from the start that the plan would fail.",  # a person
        "Shares of Apple rose near the close.",  # an organisation
    ],
)
def test_a_cue_does_not_make_words_places(parser: Geoparser, sentence: str) -> None:
    assert _found(parser, sentence) == []


class _Place:
    def __init__(self, name: str, kind: str, population: int | None) -> None:
        self.name, self.kind, self.population, self.country_code = name, kind, population, "XX"


_GAZ = {
    "Tinyville": [_Place("Tinyville", "village", 300)],
    "Portville": [_Place("Portville", "village", 5_000)],
    "Ardmore": [_Place("Ardmore", "province", 90_000), _Place("Ardmore", "city", 20_000)],
}


def _cand(text: str, surface: str):
    _, cands = generate(text, lambda name: _GAZ.get(name, []))
    return next(c for c in cands if c.text == surface)


def test_a_cue_needs_a_notable_place_and_a_whole_name() -> None:
    assert cued("Boats waited off Portville.", _cand("Boats waited off Portville.", "Portville"))
    # Too small to be meant on the cue alone.
    assert not cued("Boats waited off Tinyville.",
                    _cand("Boats waited off Tinyville.", "Tinyville"))
    # No cue.
    assert not cued("Portville voted.", _cand("Portville voted.", "Portville"))
    # Part of a longer name: the cue is about the whole ("near Portville Grand Hotel").
    text = "They met near Portville Grand Hotel."
    assert not cued(text, _cand(text, "Portville"))


def test_an_area_head_keeps_only_namesakes_of_its_kind() -> None:
    text = "Troops entered Ardmore Province at dawn."
    areas = head_areas(_cand(text, "Ardmore Province"), lambda name: _GAZ.get(name, []))
    assert [a.kind for a in areas] == ["province"]
    # A district head keeps no namesake of another kind (the province, the city).
    text = "Troops entered Ardmore District at dawn."
    assert head_areas(_cand(text, "Ardmore District"), lambda n: _GAZ.get(n, [])) == []


def test_an_event_off_a_cued_island_is_placed_there(parser: Geoparser) -> None:
    from datetime import date

    from geo.article import make_article
    from geo.geoparse.propose import propose_events

    text = ("ROME - A boat carrying 60 migrants capsized off Lampedusa on Sunday, and the "
            "coast guard rescued 41 people. Airstrikes hit Idlib Province on Monday, "
            "killing ten people.")
    article = make_article(text, id="t", title="", outlet="Test", published=date(2019, 5, 7))
    events = propose_events(article, parser)
    assert any("capsized" in e.excerpt and parser.gazetteer.get(e.place_id).name
               == "Lampedusa" for e in events)
    assert any("Airstrikes" in e.excerpt and parser.gazetteer.get(e.place_id).kind == "admin1"
               and parser.gazetteer.get(e.place_id).country_code == "SY" for e in events)


def test_the_first_word_of_a_hyphenated_name_is_not_cued() -> None:
    text = "Aid reached the city of Portville-sur-Mer on Friday."
    cands = generate(text, lambda name: _GAZ.get(name, []))[1]
    assert not any(cued(text, c) for c in cands if c.text == "Portville")


@pytest.mark.parametrize(
    "text",
    [
        "A cyclist was hit near Portville and Main avenues on Friday.",  # streets
        "Shells fell on the town of Portville al-Jabal.",  # the name goes on
    ],
)
def test_a_cue_before_a_longer_name_or_a_street_lifts_nothing(text: str) -> None:
    assert not cued(text, _cand(text, "Portville"))
