"""Distances to Natural Earth boundaries, to check the article's distance claims.

The article says Al-Qusayr is "some 10 kilometers from the frontier". We measure it:
the nearest point of the Lebanon-Syria boundary line (Natural Earth 1:10m) to the
town, found with shapely, and the geodesic distance to it (geopy, WGS84 ellipsoid).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geopy.distance import geodesic
from shapely.geometry import LineString, MultiLineString, Point, shape
from shapely.ops import nearest_points, unary_union

from geo import DATA_DIR, ROOT

BOUNDARIES_FILE = "levant_10m_boundaries.geojson"
BOUNDARY_PATHS = (
    DATA_DIR / "naturalearth" / BOUNDARIES_FILE,
    ROOT.parent / "shared" / "data" / "naturalearth" / BOUNDARIES_FILE,
)


@dataclass(frozen=True)
class BorderDistance:
    """How far a point is from a boundary, and where the boundary's nearest point is."""

    km: float
    nearest_lat: float
    nearest_lon: float
    countries: tuple[str, str]
    source: str  # the file measured against


def boundaries_path() -> Path:
    """The project's copy in data/naturalearth/, else the shared data folder."""
    for path in BOUNDARY_PATHS:
        if path.is_file():
            return path
    tried = ", ".join(map(str, BOUNDARY_PATHS))
    raise FileNotFoundError(f"{BOUNDARIES_FILE} not found in {tried}")


@lru_cache(maxsize=16)
def boundary_line(country_a: str, country_b: str, path: Path | None = None) -> MultiLineString:
    """The boundary between two countries (Natural Earth ``adm0_left``/``adm0_right``)."""
    path = path or boundaries_path()
    pair = {country_a, country_b}
    lines = []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        props = feature.get("properties") or {}
        if {props.get("adm0_left"), props.get("adm0_right")} == pair:
            lines.append(shape(feature["geometry"]))
    if not lines:
        raise ValueError(f"no {country_a}|{country_b} boundary in {path}")
    merged = unary_union(lines)
    return merged if isinstance(merged, MultiLineString) else MultiLineString([merged])


def distance_to_border(
    lat: float,
    lon: float,
    countries: tuple[str, str] = ("Lebanon", "Syria"),
    path: Path | None = None,
) -> BorderDistance:
    """Geodesic distance from (lat, lon) to the nearest point of the two countries' border.

    The nearest point is searched in a local equirectangular projection (longitudes
    scaled by cos(latitude)), so that degrees east and north weigh the same; the
    distance to it is then measured on the ellipsoid.
    """
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"not a coordinate: {lat}, {lon}")
    line = boundary_line(*countries, path=path)
    k = math.cos(math.radians(lat))
    projected = MultiLineString(
        [LineString([(x * k, y) for x, y in part.coords]) for part in line.geoms]
    )
    nearest, _ = nearest_points(projected, Point(lon * k, lat))
    n_lat, n_lon = nearest.y, nearest.x / k
    km = geodesic((lat, lon), (n_lat, n_lon)).km
    return BorderDistance(
        km=round(km, 2),
        nearest_lat=round(n_lat, 5),
        nearest_lon=round(n_lon, 5),
        countries=countries,
        source=str((path or boundaries_path()).name),
    )
