"""Reading a context: a person's name is no evidence of where the story is (issue 9, item 7).

``geocode Tripoli --context <seed>`` listed "Assad" (a village of that name is in
GeoNames) among the places near Tripoli: the seed writes "a close ally of Assad, who
belongs to the Alawite sect" and "rebels seeking to oust Assad".
"""

from __future__ import annotations

import pytest

from geo.article import load_seed_article
from geo.gazetteer import load_gazetteer
from geo.gazetteer.context import place_names


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def names(text: str, gaz) -> set[str]:
    return {n.text for n in place_names(text, gaz)}


def test_the_seed_names_no_person_as_a_place(gaz) -> None:
    seed = load_seed_article().text
    found = names(seed, gaz)
    assert "Assad" not in found
    assert {"Beirut", "Homs", "Lebanon", "Syria", "Tehran"} <= found
    res = gaz.resolve("Tripoli", context=seed)
    assert res.place.id == "tripoli-lb" and "Assad" not in res.reason


@pytest.mark.parametrize(
    "text",
    [
        "Talks stalled. An ally of Dallas, who spoke on Monday, said little.",
        "Talks stalled. Mayor Dallas said little to reporters.",
        "Talks stalled. Sen. Dallas, whom the party backs, said little.",
    ],
)
def test_a_name_used_for_a_person_is_not_a_place(gaz, text: str) -> None:
    assert "Dallas" not in names(text, gaz)


@pytest.mark.parametrize(
    "text",
    [
        "Talks stalled. Storms hit Dallas, which lost power.",
        "Talks stalled. Officials in Dallas, who met on Monday, said little.",
        "Talks stalled. An ally of Dallas, who spoke, landed in Dallas on Monday.",
        "Talks stalled. Officials met in Dallas.",
    ],
)
def test_a_name_the_text_places_stays_a_place(gaz, text: str) -> None:
    assert "Dallas" in names(text, gaz)


def test_countries_stay_places_whoever_they_name(gaz) -> None:
    assert "Jordan" in names("Talks stalled. An ally of Jordan, who spoke, said little.", gaz)
