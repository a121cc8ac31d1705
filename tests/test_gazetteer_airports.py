"""Airports in the gazetteer (airportsdata, issue 13 class 3): ids, spellings, look-ups."""

from __future__ import annotations

import pytest

from geo.gazetteer import airports, load_gazetteer
from geo.gazetteer.normalize import fold, name_key


def _never(name: str) -> bool:
    return False


@pytest.mark.parametrize("icao", ["EGKK", "KJFK", "00AK", "_AYM", "ZZZZ"])
def test_an_airport_id_gives_its_code_back(icao: str) -> None:
    int_id = airports.airport_int_id(icao)
    assert airports.is_airport_id(int_id) and airports.icao_of(int_id) == icao
    assert not airports.is_airport_id(-5)  # an area's id


def test_the_ways_news_names_an_airport() -> None:
    names = airports.spellings("London Gatwick Airport", "London", "LGW", _never)
    assert {"London Gatwick Airport", "Gatwick Airport", "Gatwick", "London Gatwick",
            "LGW Airport"} <= set(names)
    names = airports.spellings("John F Kennedy International Airport", "New York", "JFK",
                               _never)
    assert {"Kennedy Airport", "JFK Airport", "John F Kennedy International Airport"} <= set(
        names)
    # A name with an initial is a person's: not an airport by itself.
    assert "John F Kennedy" not in names and "JFK" not in names


def test_a_bare_city_name_never_becomes_an_airport() -> None:
    names = airports.spellings("Dubai International Airport", "Dubai", "DXB", _never)
    assert "Dubai" not in names
    assert {"Dubai Airport", "Dubai International"} <= set(names)
    # The only airport of its city answers to "<city> Airport", never to the bare city.
    names = airports.spellings("Beirut Rafic Hariri International Airport", "Beirut", "BEY",
                               _never, city_alias=True)
    assert "Beirut Airport" in names and "Beirut" not in names
    assert "Rafic Hariri" not in names  # two words beside the city: mostly a person


def test_a_bare_name_a_town_has_is_left_to_the_town() -> None:
    def taken(name: str) -> bool:
        return fold(name) in {"midway", "ganzhou"}

    names = airports.spellings("Chicago Midway International Airport", "Chicago", "MDW", taken)
    assert "Midway" not in names and "Midway Airport" in names
    # An official name without an airport word is the town's when a town has it.
    assert airports.spellings("Ganzhou", "Ganzhou", "KOW", taken)[0] == "Ganzhou Airport"


def test_no_spelling_is_made_of_airport_words_only() -> None:
    for name, city in [("Al Najaf International Airport", "Najaf"),
                       ("London City Airport", "London"),
                       ("Miami Executive Airport", "Miami")]:
        for spelling in airports.spellings(name, city, "XXX", _never):
            words = set(fold(spelling).split())
            assert words - {"airport", "international", "al", "city", "executive"}, spelling


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_the_index_knows_airports_by_the_names_news_uses(gazetteer) -> None:
    for name in ("Gatwick", "Gatwick Airport", "London Gatwick"):
        found = gazetteer.candidates(name)
        assert [p.id for p in found] == ["airport:EGKK"], name
    jfk = gazetteer.resolve("Kennedy Airport")
    assert jfk.place.id == "airport:KJFK" and jfk.place.kind == "airport"
    assert gazetteer.resolve("Beirut airport").place.country_code == "LB"
    back = gazetteer.get("airport:EGKK")
    assert back is not None and back.name == "London Gatwick Airport"
    assert abs(back.lat - 51.15) < 0.05 and abs(back.lon + 0.19) < 0.05


def test_cities_keep_their_names(gazetteer) -> None:
    for city in ("London", "Dubai", "Beirut", "New York", "Chicago", "Cairo"):
        assert all(p.kind != "airport" for p in gazetteer.candidates(city)), city


def test_a_curated_airport_hides_its_indexed_twin(gazetteer) -> None:
    found = gazetteer.candidates("Heathrow Airport")
    assert [p.id for p in found] == ["heathrow-airport"]


def test_airports_are_filed_under_their_key() -> None:
    # name_key drops articles and periods: "John F. Kennedy" meets "John F Kennedy".
    assert name_key("John F. Kennedy International Airport") == name_key(
        "John F Kennedy International Airport")


def test_a_code_read_as_an_article_makes_no_bare_airport_word() -> None:
    # name_key drops "ath" (an Arabic article): "ATH Airport" would be keyed "airport".
    names = airports.spellings("Eleftherios Venizelos International Airport", "Athens",
                               "ATH", _never)
    assert "ATH Airport" not in names and "Eleftherios Venizelos Airport" in names


def test_a_name_after_the_city_is_no_bare_airport_name() -> None:
    # "Copernicus Wrocław Airport": the words before the city are mostly a person's name.
    names = airports.spellings("Copernicus Wrocław Airport", "Wrocław", "WRO", _never)
    assert "Copernicus" not in names and "Copernicus Airport" in names
