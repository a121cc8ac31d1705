"""The offline basemap holds the world, not only the Levant (issue 9, item 2)."""

from __future__ import annotations

import shutil

import pytest
import shapely
from shapely.geometry import Point, box, shape

from geo.basemap import (
    LABEL_ZOOMS,
    LEVANT_BBOX,
    NATURALEARTH_DIR,
    _label_box,
    detail_box,
    levant_file,
    load_basemap,
)

NEW_YORK = (40.7128, -74.0060)
SACRAMENTO = (38.5816, -121.4944)


def around(lat: float, lon: float, pad: float = 0.2):
    return (lat - pad, lon - pad), (lat + pad, lon + pad)


def geoms(layer: dict) -> list:
    return [shape(f["geometry"]) for f in layer["features"]]


def near(layer: dict, lat: float, lon: float, degrees: float) -> list:
    frame = Point(lon, lat).buffer(degrees)
    return [g for g in geoms(layer) if g.intersects(frame)]


def vertices(layer: dict, lat: float, lon: float, degrees: float) -> int:
    frame = box(lon - degrees, lat - degrees, lon + degrees, lat + degrees)
    return sum(len(shapely.get_coordinates(g.intersection(frame))) for g in geoms(layer))


@pytest.mark.parametrize("place", [NEW_YORK, SACRAMENTO], ids=["new-york", "sacramento"])
def test_land_coast_and_borders_are_there_around_american_cities(place):
    lat, lon = place
    for basemap in (load_basemap(), load_basemap(focus=around(lat, lon))):
        # on land, or within 5 km of it at 1:50m (lower Manhattan is at the water's edge)
        assert near(basemap.countries, lat, lon, 0.05), "land"
        # the coast within ~100 km (New York harbour; San Pablo Bay by Sacramento)
        assert near(basemap.coastline, lat, lon, 1.0)
        # state lines (NY/NJ, CA/NV), and a country border within ~700 km (Canada)
        assert near(basemap.admin1, lat, lon, 2.0)
    city = {p.name: p for p in basemap.places}
    assert city["New York"].min_zoom <= 5 and city["Sacramento"].min_zoom <= 6
    assert near(load_basemap(focus=around(*NEW_YORK)).boundaries, *NEW_YORK, 6.0)


def test_the_events_area_is_drawn_in_more_detail_than_the_rest_of_the_world():
    world = load_basemap()
    focused = load_basemap(focus=around(*NEW_YORK))
    assert focused.detail is not None and world.detail is None
    west, south, east, north = focused.detail
    assert west < NEW_YORK[1] < east and south < NEW_YORK[0] < north
    for layer in ("coastline", "countries"):
        coarse = vertices(getattr(world, layer), *NEW_YORK, 1.0)
        fine = vertices(getattr(focused, layer), *NEW_YORK, 1.0)
        assert fine > 2 * coarse > 0, (layer, coarse, fine)
    # Far from the events the world stays coarse (Sacramento in a New York basemap).
    assert vertices(focused.coastline, *SACRAMENTO, 1.0) == vertices(
        world.coastline, *SACRAMENTO, 1.0
    )


def test_the_seed_keeps_its_1_to_10m_levant_lines():
    basemap = load_basemap(focus=around(34.5, 36.6))
    levant = box(*LEVANT_BBOX)
    import json

    for layer in ("boundaries", "coastline"):
        ten = json.loads(levant_file(layer).read_text(encoding="utf-8"))
        drawn = [f["geometry"] for f in getattr(basemap, layer)["features"]]
        assert all(f["geometry"] in drawn for f in ten["features"])
        # and no 1:50m line doubles them inside the Levant box
        others = [shape(g) for g in drawn if g not in [f["geometry"] for f in ten["features"]]]
        assert all(levant.intersection(g).length < 1e-6 for g in others)


def test_a_detail_box_is_snapped_so_near_event_sets_share_one_basemap():
    a, b = around(40.71, -74.0), around(40.8, -73.9)
    assert detail_box(a) == detail_box(b)
    assert load_basemap(focus=a) is load_basemap(focus=b)
    assert load_basemap(focus=a).as_json("countries") == load_basemap(focus=b).as_json("countries")
    assert detail_box(None) is None


def test_names_do_not_overlap_at_any_zoom():
    basemap = load_basemap()
    labels = [*basemap.labels, *basemap.places]
    assert len(basemap.labels) > 150 and len(basemap.places) > 1000
    for zoom in LABEL_ZOOMS:
        boxes = sorted(_label_box(lb, zoom) for lb in labels if lb.min_zoom <= zoom)
        for i, b in enumerate(boxes):  # sorted by left edge: compare with those starting before
            for o in boxes[i + 1 :]:
                if o[0] >= b[2]:
                    break
                assert not (o[1] < b[3] and b[1] < o[3]), (zoom, b, o)
    # At world scale only the biggest names: a readable handful, not a thousand.
    assert 20 < sum(lb.min_zoom == LABEL_ZOOMS[0] for lb in labels) < 150


@pytest.mark.slow
def test_the_basemap_is_read_from_the_project_alone(tmp_path):
    """A clean clone has no ../shared: everything comes from data/naturalearth."""
    folder = tmp_path / "naturalearth"
    shutil.copytree(NATURALEARTH_DIR, folder)
    basemap = load_basemap(folder, focus=around(*SACRAMENTO))
    assert basemap.as_json("coastline") == load_basemap(focus=around(*SACRAMENTO)).as_json(
        "coastline"
    )
