"""Where the map opens: the area most events are in, not the box around all of them."""

from __future__ import annotations

import math

import pandas as pd

from geo.distance import km_between

#: Rings wider than this are not drawn (a country-level place would cover the map), and
#: such places do not pull the initial view; the popup still states the precision.
MAX_RING_KM = 120.0
#: The map opens on the events within this distance of their median point.
FOCUS_RADIUS_KM = 300.0
#: Never open closer than this (one place alone would otherwise fill the map).
FOCUS_MAX_ZOOM = 9

Bounds = tuple[tuple[float, float], tuple[float, float]]


def focus_bounds(events: pd.DataFrame, radius_km: float = FOCUS_RADIUS_KM) -> Bounds | None:
    """South-west and north-east corners of the area the map opens on.

    The box around every event would reach Tehran and London for the seed, leaving the
    Lebanon/Syria border, where most events are, a few pixels wide. So the view is the
    box of the places within ``radius_km`` of the events' median point; country-level
    places (precision over ``MAX_RING_KM``) are left out, their point is nominal.
    ``None`` when there is nothing to show.
    """
    rows = events.dropna(subset=["lat", "lon"])
    if "precision_km" in rows:
        precise = rows[~(rows["precision_km"] > MAX_RING_KM)]
        rows = precise if len(precise) else rows
    if rows.empty:
        return None
    middle = (float(rows["lat"].median()), float(rows["lon"].median()))
    spots = rows[["lat", "lon"]].drop_duplicates()
    near = [
        (lat, lon)
        for lat, lon in spots.itertuples(index=False)
        if km_between(middle, (lat, lon)) <= radius_km
    ] or [middle]
    lats, lons = [p[0] for p in near], [p[1] for p in near]
    return (min(lats), min(lons)), (max(lats), max(lons))


def tile_xy(lat: float, lon: float, zoom: int) -> tuple[int, int]:
    """The slippy-map tile holding a point (for the OpenStreetMap probe)."""
    n = 2**zoom
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y
