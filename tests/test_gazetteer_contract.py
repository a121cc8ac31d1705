"""Contract over every gazetteer layer: a place any layer returns can be fetched back by id.

Ids are what events, exports and the reader's corrections store; an id that
:meth:`Gazetteer.get` cannot resolve turns into a row without a name or a point (issue 9,
item 3: ``area:`` places came out as ``place_name = "area:3821"`` with no coordinates).
"""

from __future__ import annotations

from datetime import date

import pytest
from geopy.location import Location

from geo.gazetteer import Gazetteer, Place, layer_of, load_gazetteer
from geo.gazetteer.online import OnlineGazetteer

# First- and second-level areas, countries, continents, US states, cities, curated places.
NAMES = [
    "Anhui province", "Ontario", "East Azerbaijan", "Barren County", "Anhui", "Texas",
    "Syria", "Lebanon", "France", "United States", "Europe", "Homs", "Tripoli", "Paris",
    "Springfield", "Qusair", "Dahiyeh", "Lebanese", "Cork", "Pangasinan",
]  # fmt: skip
SAMPLE_KEYS = 1500  # index keys read whole (their places fetched back one by one)


def same(a: Place, b: Place | None) -> bool:
    return b is not None and (b.id, b.name, b.lat, b.lon) == (a.id, a.name, a.lat, a.lon)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    gazetteer = load_gazetteer()
    assert gazetteer.geonames is not None
    gazetteer.geonames.ensure_built()
    return gazetteer


def test_every_curated_place_comes_back(gaz) -> None:
    for place in gaz.curated:
        assert place.curated and layer_of(place.id) == "curated"
        assert gaz.get(place.id) == place


@pytest.mark.parametrize("name", NAMES)
def test_candidates_and_resolutions_come_back(gaz, name) -> None:
    places = gaz.candidates(name) + gaz.places_for(name)[0]
    res = gaz.resolve(name)
    assert res is not None and places
    places += [res.place, *(c.place for c in res.alternatives)]
    for place in places:
        assert same(place, gaz.get(place.id)), place


def test_areas_and_countries_come_back(gaz) -> None:
    for name, kind in [("Ontario", "admin1"), ("Anhui province", "admin1"),
                       ("East Azerbaijan", "admin1"), ("Barren County", "county"),
                       ("Canada", "country")]:  # fmt: skip
        place = gaz.resolve(name).place
        assert place.kind == kind and place.indexed
        assert same(place, gaz.get(place.id))
    assert gaz.get("area:0") is None and gaz.get("area:x") is None
    assert gaz.get("geonames:0") is None


def test_a_sample_of_the_whole_index_comes_back(gaz) -> None:
    """Every place of a spread of index keys (areas, countries, continents included)."""
    db = gaz.geonames._db
    total = db.execute("SELECT count(*) FROM lookup").fetchone()[0]
    step = max(total // SAMPLE_KEYS, 1)
    keys = [k for (k,) in db.execute("SELECT key FROM lookup")][::step]
    keys += [k for (k,) in db.execute("SELECT key FROM area_keys")][::10]
    kinds = set()
    for key in keys:
        for place in gaz.geonames.candidates(key):
            kinds.add(place.kind)
            assert place.indexed and layer_of(place.id) == "indexed"
            assert same(place, gaz.get(place.id)), place
    assert {"admin1", "admin2", "county", "country", "state", "city"} <= kinds


class OneAnswer:
    """A geopy geocoder that knows one place (no network)."""

    def geocode(self, query: str, **kwargs):
        raw = {"osm_type": "relation", "osm_id": 7, "address": {"country_code": "us"}}
        return [Location("Crown Heights, Brooklyn, New York", (40.67, -73.94, 0.0), raw)]


def test_online_places_come_back(gaz, tmp_path) -> None:
    online = OnlineGazetteer(OneAnswer(), "nominatim", tmp_path / "c.json", 0)
    layered = Gazetteer(gaz.curated, gaz.geonames, online)
    place = layered.resolve("Xyzzyqwv Heights").place
    assert layer_of(place.id) == "online" and not place.curated and not place.indexed
    assert same(place, layered.get(place.id))


def test_an_area_is_mapped_and_can_be_chosen(gaz) -> None:
    """An article's area keeps its name and point; the reader can correct a place to one."""
    from geo.user_article import article_from_bytes, choose_place, correct_place, propose_frame

    text = (
        "Floods hit Anhui province on Monday, officials said. On Tuesday, heavy snow fell "
        "across Ontario."
    )
    article = article_from_bytes(
        text.encode(), title="t", outlet="", published=date(2016, 7, 5), name="t.txt"
    )
    frame = propose_frame(article)
    areas = frame[frame["place_id"].str.startswith("area:")]
    assert set(areas["place_name"]) == {"Anhui", "Ontario"}
    assert areas["lat"].notna().all() and areas["lon"].notna().all()
    choice = choose_place("Ontario", text)
    assert choice.place_id.startswith("area:") and choice.name == "Ontario"
    row = frame[frame["place_name"] == "Anhui"].iloc[0]
    moved = correct_place(frame, row["id"], "Ontario", text)
    new = moved[moved["id"] == f"{row['event_id']}@{choice.place_id}"].iloc[0]
    assert (new["place_name"], new["lat"], new["lon"]) == ("Ontario", choice.lat, choice.lon)
