"""Distances to the Lebanon-Syria boundary (Natural Earth 1:10m)."""

from __future__ import annotations

import json

import pytest

from geo.distance import boundaries_path, distance_to_border
from geo.gazetteer import load_gazetteer


def test_qusayr_is_about_10_km_from_the_border() -> None:
    qusayr = load_gazetteer().get("qusayr")
    d = distance_to_border(qusayr.lat, qusayr.lon)
    # The article: "only some 10 kilometers from the frontier".
    assert 8 < d.km < 13
    # The nearest border point lies south-west of the town, toward Lebanon.
    assert d.nearest_lat < qusayr.lat and d.nearest_lon < qusayr.lon
    assert d.countries == ("Lebanon", "Syria")


def test_a_point_on_the_border_is_at_zero() -> None:
    d = distance_to_border(34.43048, 36.51248)
    assert d.km < 0.5


def test_farther_places_are_farther() -> None:
    gaz = load_gazetteer()
    homs, damascus = gaz.get("homs"), gaz.get("damascus")
    assert distance_to_border(homs.lat, homs.lon).km > distance_to_border(34.5078, 36.58029).km
    assert 20 < distance_to_border(damascus.lat, damascus.lon).km < 60


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        distance_to_border(134.0, 36.0)
    with pytest.raises(ValueError, match="no Syria|Lebanon|no Lebanon"):
        distance_to_border(34.5, 36.5, countries=("Lebanon", "Narnia"))


def test_reads_a_given_file(tmp_path) -> None:
    line = {
        "type": "Feature",
        "properties": {"adm0_left": "Lebanon", "adm0_right": "Syria"},
        "geometry": {"type": "LineString", "coordinates": [[36.0, 34.0], [36.0, 35.0]]},
    }
    path = tmp_path / "b.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [line]}))
    d = distance_to_border(34.5, 36.1, path=path)
    assert 9 < d.km < 10  # 0.1 degree of longitude at 34.5 N is about 9.2 km
    assert boundaries_path().is_file()


def test_one_great_circle_for_one_pair_and_for_many() -> None:
    """km_between (geopy) and km_matrix (numpy) are the same distance (geo.distance)."""
    from geo.distance import km_between, km_matrix

    gaz = load_gazetteer()
    places = [gaz.get(i) for i in ("qusayr", "homs", "beirut", "tehran")]
    km = km_matrix(places, places)
    for i, a in enumerate(places):
        for j, b in enumerate(places):
            one = km_between((a.lat, a.lon), (b.lat, b.lon))
            assert km[i, j] == pytest.approx(one, rel=1e-6, abs=1e-3)
    assert 1000 < km[2, 3] < 1700  # Beirut to Tehran
