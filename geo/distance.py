"""Distances: between places (great circle) and to Natural Earth boundaries.

The one home of distance on the globe. Between two points, :func:`km_between` (geopy's
great circle); between many places at once, :func:`km_matrix` (the same formula,
vectorised with numpy: the document resolver compares every candidate of every name
with every chosen place, for every round). Both use the mean Earth radius.

The article says Al-Qusayr is "some 10 kilometers from the frontier". We measure it:
the nearest point of the Lebanon-Syria boundary line (Natural Earth 1:10m) to the
town, found with shapely, and the geodesic distance to it (geopy, WGS84 ellipsoid).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from geo import DATA_DIR, ROOT

if TYPE_CHECKING:
    import numpy as np
    from shapely.geometry import MultiLineString

# numpy, geopy and shapely are loaded on first use, in the functions that need them: the
# gazetteer imports this module (km_matrix), and a look-up without context needs none of
# them (numpy alone is a fifth of the gazetteer's start-up; geopy and shapely over 1 s).

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG), as geopy's great_circle uses

BOUNDARIES_FILE = "levant_10m_boundaries.geojson"
BOUNDARY_PATHS = (
    DATA_DIR / "naturalearth" / BOUNDARIES_FILE,
    ROOT.parent / "shared" / "data" / "naturalearth" / BOUNDARIES_FILE,
)


class Located(Protocol):
    """Anything with a point (``geo.gazetteer.Place`` fits)."""

    lat: float
    lon: float


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points (geopy)."""
    from geopy.distance import great_circle

    return great_circle(a, b).km


def _radians(places: Sequence[Located]) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    return (
        np.radians(np.fromiter((p.lat for p in places), float, len(places))),
        np.radians(np.fromiter((p.lon for p in places), float, len(places))),
    )


def km_matrix(a: Sequence[Located], b: Sequence[Located]) -> np.ndarray:
    """Great-circle distances (haversine, km) between every place of ``a`` and of ``b``.

    Vectorised rather than :func:`km_between` per pair: every candidate of every name
    is compared with every chosen place, for every round.
    """
    import numpy as np

    lat1, lon1 = _radians(a)
    lat2, lon2 = _radians(b)
    h = (
        np.sin((lat2[None, :] - lat1[:, None]) / 2) ** 2
        + np.cos(lat1)[:, None]
        * np.cos(lat2)[None, :]
        * np.sin((lon2[None, :] - lon1[:, None]) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))


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
    from shapely.geometry import MultiLineString, shape
    from shapely.ops import unary_union

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
    from geopy.distance import geodesic
    from shapely.geometry import LineString, MultiLineString, Point
    from shapely.ops import nearest_points

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
