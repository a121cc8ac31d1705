"""Names typed with a qualifier ("Tripoli, Lebanon"), spellings with an ayn mark, nonsense.

The Your article page's place chooser (``choose_place``) and ``python -m geo geocode``
answer the same: a qualifier (country name or ISO code, first-level area, or a city for
a neighbourhood) narrows the name; a name nothing knows stays unknown, with a message.
"""

from __future__ import annotations

import json

import pytest

from geo.cli import main
from geo.gazetteer import MAX_NAME_CHARS, load_gazetteer
from geo.gazetteer.normalize import name_key
from geo.gazetteer.qualified import split, unknown_message
from geo.user_article import UnknownPlace, choose_place


def geocode(capsys, *argv: str) -> tuple[int, dict]:
    code = main(["geocode", *argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("typed", "cc", "name"),
    [
        ("Tripoli, Lebanon", "LB", "Tripoli"),
        ("Tripoli, LB", "LB", "Tripoli"),
        ("Tripoli, Libya", "LY", "Tripoli"),
        ("Homs, Syria", "SY", "Homs"),
        ("Douma, Syria", "SY", "Douma"),
        ("Paris, France", "FR", "Paris"),
        ("Paris, Texas", "US", "Paris"),
        ("London, Ontario", "CA", "London"),
        ("Springfield, Illinois", "US", "Springfield"),
    ],
)
def test_a_qualifier_narrows_the_name(capsys, typed: str, cc: str, name: str) -> None:
    choice = choose_place(typed)
    assert (choice.country_code, name_key(choice.name)) == (cc, name_key(name))
    code, out = geocode(capsys, typed)
    assert code == 0 and (out["country_code"], out["id"]) == (cc, choice.place_id)
    assert "as typed" in out["reason"]


def test_a_state_qualifier_picks_the_place_in_that_state() -> None:
    gaz = load_gazetteer()
    il = gaz.resolve("Springfield, Illinois").place
    mo = gaz.resolve("Springfield, Missouri").place
    assert il.id != mo.id
    assert gaz.geonames.admin1(il) == "IL" and gaz.geonames.admin1(mo) == "MO"


def test_a_qualifier_beats_the_context() -> None:
    libya = "Libya's capital. Libya, Libya."
    assert choose_place("Tripoli", libya).country_code == "LY"
    assert choose_place("Tripoli, Lebanon", libya).country_code == "LB"


def test_a_neighbourhood_in_its_city() -> None:
    """The Brooklyn neighbourhood Crown Heights is not in the offline data (GeoNames'
    only Crown Heights is a village 110 km north, in Dutchess County): the reader is told
    so. Neighbourhoods that are there are found in their city."""
    gaz = load_gazetteer()
    with pytest.raises(UnknownPlace) as info:
        choose_place("Crown Heights, Brooklyn")
    assert "no place called 'Crown Heights' lies in Brooklyn" in str(info.value)
    assert "Crown Heights (US)" in str(info.value)  # what the gazetteer does know
    williamsburg = gaz.resolve("Williamsburg, Brooklyn").place
    assert williamsburg.country_code == "US" and abs(williamsburg.lat - 40.71) < 0.05
    assert gaz.resolve("Chelsea").place.country_code == "GB"
    chelsea = gaz.resolve("Chelsea, Manhattan").place  # Manhattan: New York City
    assert chelsea.country_code == "US" and abs(chelsea.lat - 40.7) < 0.2
    assert gaz.resolve("Dahiyeh, Beirut").place.id == "dahiyeh"


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("Homs, France", "no place called 'Homs' lies in France"),
        ("Tripoli, Narnia", "no country, state, province or city called 'Narnia'"),
        ("Xyzzyqwv, Syria", "no place called 'Xyzzyqwv'"),
    ],
)
def test_a_clear_message_when_nothing_lies_there(capsys, typed: str, words: str) -> None:
    with pytest.raises(UnknownPlace) as info:
        choose_place(typed)
    assert words in str(info.value)
    code, out = geocode(capsys, typed)
    assert code == 1 and words in out["error"]


def test_split() -> None:
    assert split("Tripoli, Lebanon") == ("Tripoli", "Lebanon")
    assert split("Washington, D.C., USA") == ("Washington, D.C.", "USA")
    assert split("Tripoli") is None and split(", Lebanon") is None and split("Homs,") is None


def test_a_name_with_a_comma_of_its_own_still_resolves() -> None:
    assert load_gazetteer().resolve("Washington, D.C.").place.country_code == "US"


@pytest.mark.parametrize("typed", ["Dab'a", "Dab’a", "Dab‘a", "Dabʿa", "Dabʾa", "Dabaa"])
def test_an_ayn_mark_spelling_finds_dabaa(typed: str) -> None:
    assert choose_place(typed).place_id == "dabaa"
    assert load_gazetteer().resolve(typed).place.id == "dabaa"


@pytest.mark.parametrize("nonsense", ["qqqqqqq", "ZZZZZZZZ", "Hooooooms", "Xyzzyqwv"])
def test_nonsense_stays_unknown(capsys, nonsense: str) -> None:
    assert main(["geocode", nonsense]) == 1
    assert "unknown place name" in capsys.readouterr().err
    with pytest.raises(UnknownPlace, match="no place called"):
        choose_place(nonsense)


@pytest.mark.parametrize(
    ("variant", "place_id"),
    [("Qusair", "qusayr"), ("Dahieh", "dahiyeh"), ("Buwaydah ash Sharqiyah", "buweida-sharqiya"),
     ("HOMS", "homs"), ("Ḩimş", "homs")],
)  # fmt: skip
def test_real_spelling_variants_still_resolve(variant: str, place_id: str) -> None:
    assert choose_place(variant).place_id == place_id


def test_a_typed_name_has_a_length_cap() -> None:
    with pytest.raises(UnknownPlace, match=f"at most {MAX_NAME_CHARS}"):
        choose_place("Homs " * 100)
    assert choose_place("Homs" + " " * 1000).place_id == "homs"  # spaces are collapsed


def test_unknown_message_without_a_qualifier() -> None:
    assert "add the country" in unknown_message(load_gazetteer(), "Xyzzyqwv")
