"""The offline basemap: Natural Earth layers kept in ``data/naturalearth/``.

The map must be readable without internet (no tile server), anywhere an article's
events are: a reader's article may be about New York or Sacramento, not only the
Levant. So the map carries its own world background: land (the country polygons'
fill), coastline, country borders, first-level borders where Natural Earth draws them
at 1:50m (United States, Canada, Brazil, Australia), and the names of countries and
major cities.

Two levels of detail keep the page light. The whole world is drawn coarse (simplified,
small islands left out: a few hundred kB the browser parses once); inside a box around
the events (``detail_box``: their focus area with a margin, snapped to a grid so that
nearby event sets share files) the 1:50m layers are drawn as Natural Earth has them,
and the 1:10m Levant layers replace the 1:50m lines over the Levant (the seed's area,
also read by ``geo.distance``). ``load_basemap(focus=...)`` composes the layers for one
box; the result depends only on the box, so the base map stays identical from one
rerun to the next.

Labels are decluttered here, once: for each zoom level from ``LABEL_ZOOMS`` a greedy
pass places country names (largest country first) and city names (Natural Earth's
rank, then population) wherever their estimated box in pixels does not touch one
already placed; a label's ``min_zoom`` is the first level where it fits, and it keeps
its place at every closer zoom. The browser shows the labels whose ``min_zoom`` is at
most the map's zoom. ``prepare_basemap`` makes the copies from ``../shared``;
``load_basemap`` reads them as plain GeoJSON dictionaries (no folium here:
``geo.map`` draws them).
"""

from __future__ import annotations

import json
import math
import shutil
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import box, mapping, shape
from shapely.ops import polylabel

from geo import DATA_DIR, ROOT

NATURALEARTH_DIR = DATA_DIR / "naturalearth"
SHARED_NATURALEARTH = ROOT.parent / "shared" / "data" / "naturalearth"

#: Copied unchanged; the gazetteer's distance checks read the boundaries too.
LEVANT_LAYERS = ("boundaries", "coastline", "lakes", "rivers")
#: lon/lat box the Levant extracts cover (west, south, east, north): there the 1:10m
#: lines replace the 1:50m ones.
LEVANT_BBOX = (33.5, 29.0, 43.5, 38.0)
COUNTRIES_FILE = "world_50m_countries.geojson"
#: The world line layers (Basemap field -> file), copied with their properties cut.
WORLD_LINES = {
    "coastline": "world_50m_coastline.geojson",
    "boundaries": "world_50m_boundary_lines_land.geojson",
    "admin1": "world_50m_admin1_lines.geojson",
}
PLACES_FILE = "world_50m_populated_places.geojson"
#: The layers the map draws (``Basemap.as_json``, ``install_static_basemap``).
LAYERS = ("countries", "admin1", *LEVANT_LAYERS, "labels")

#: Outside the detail box: Douglas-Peucker tolerance (degrees, ~9 km) and rounding.
COARSE_DEGREES = 0.08
COARSE_ROUND = 0.01
#: Outside the detail box, islands under this many square degrees (~ 30 x 30 km) and
#: lines shorter than this many degrees are left out: at the zooms one sees them from
#: afar they are a few pixels, and they are most of the bytes.
COARSE_MIN_AREA = 0.1
COARSE_MIN_LENGTH = 1.0
#: The detail box: the events' focus area plus this margin (degrees), snapped outwards
#: to multiples of ``DETAIL_GRID`` degrees.
DETAIL_MARGIN = 8.0
DETAIL_GRID = 5.0
#: The detailed polygons reach this far past the box, so the seam is not drawn.
SEAM_OVERLAP = 0.05

#: Zoom levels labels are placed for (the map's min zoom is 3); a label that fits at
#: none of them is not sent.
LABEL_ZOOMS = tuple(range(3, 12))
#: Estimated label boxes in pixels (11 px type, see ``geo/map/static/qmap.css``).
COUNTRY_CHAR_PX = 8.6  # uppercase with letter spacing
PLACE_CHAR_PX = 6.4
LABEL_HEIGHT_PX = 14.0
LABEL_GAP_PX = 4.0
#: A city of Natural Earth rank ``r`` is named from zoom ``PLACE_ZOOM_BY_RANK[r]`` on,
#: at the earliest: at world scale only the largest cities.
PLACE_ZOOM_BY_RANK = (3, 3, 4, 5, 6, 6, 7, 7, 8, 8, 8)

GeoJSON = dict[str, Any]
Bounds = tuple[tuple[float, float], tuple[float, float]]  # (south, west), (north, east)
Box = tuple[float, float, float, float]  # west, south, east, north


@dataclass(frozen=True)
class CountryLabel:
    """Where a country's name is written on the map."""

    name: str
    iso_a2: str
    lat: float
    lon: float
    area: float  # square degrees of its largest part: big ones are labelled first
    min_zoom: int = LABEL_ZOOMS[0]  # first zoom the name is shown at


@dataclass(frozen=True)
class PlaceLabel:
    """A major city named on the map (Natural Earth populated places)."""

    name: str
    iso_a2: str
    lat: float
    lon: float
    population: int
    rank: int  # Natural Earth scalerank: 0 for the largest
    capital: bool
    min_zoom: int


@dataclass(frozen=True)
class Basemap:
    """The offline layers as GeoJSON FeatureCollections, ready for Leaflet."""

    countries: GeoJSON
    boundaries: GeoJSON
    coastline: GeoJSON
    lakes: GeoJSON
    rivers: GeoJSON
    labels: tuple[CountryLabel, ...]
    admin1: GeoJSON = field(default_factory=lambda: _collection([]))
    places: tuple[PlaceLabel, ...] = ()
    detail: Box | None = None  # where the layers are at full 1:50m detail

    def label_rows(self) -> list[list[Any]]:
        """Country and city names for the map: ``[name, lat, lon, min_zoom, kind]``.

        ``kind`` is ``"country"``, ``"capital"`` or ``"place"``; the names are plain text
        (the map writes them with ``textContent``).
        """
        rows: list[list[Any]] = [
            [lb.name, lb.lat, lb.lon, lb.min_zoom, "country"] for lb in self.labels
        ]
        rows += [
            [p.name, p.lat, p.lon, p.min_zoom, "capital" if p.capital else "place"]
            for p in self.places
        ]
        return rows

    def as_json(self, layer: str) -> str:
        """A layer serialised once (``countries``, ``labels``...): the map embeds it each run."""
        cache = self.__dict__.setdefault("_json", {})
        if layer not in cache:
            value = self.label_rows() if layer == "labels" else getattr(self, layer)
            cache[layer] = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        return cache[layer]


def levant_file(layer: str, folder: Path = NATURALEARTH_DIR) -> Path:
    """Path of one of the Levant layers (``boundaries``, ``coastline``, ...)."""
    return folder / f"levant_10m_{layer}.geojson"


def _collection(features: list[GeoJSON]) -> GeoJSON:
    return {"type": "FeatureCollection", "features": features}


def _read(path: Path) -> GeoJSON:
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, data: GeoJSON) -> None:
    path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


# --- making the copies ----------------------------------------------------------------


#: Properties kept from the populated places (name, country, size, rank, capital or not).
PLACE_PROPERTIES = ("name", "iso_a2", "pop_max", "scalerank", "featurecla")


def prepare_basemap(source: Path = SHARED_NATURALEARTH, dest: Path = NATURALEARTH_DIR) -> None:
    """Copy the Natural Earth layers the basemap reads from ``source`` into ``dest``.

    Run once when the shared extracts change:
    ``python -c "from geo.basemap import prepare_basemap; prepare_basemap()"``.
    The Levant layers and the countries are copied unchanged; the world lines lose their
    properties (the map needs none), the places keep ``PLACE_PROPERTIES``.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for layer in LEVANT_LAYERS:
        shutil.copyfile(levant_file(layer, source), levant_file(layer, dest))
    shutil.copyfile(source / COUNTRIES_FILE, dest / COUNTRIES_FILE)
    for name in WORLD_LINES.values():
        lines = _read(source / name)
        _write(dest / name, _collection([
            {"type": "Feature", "properties": {}, "geometry": f["geometry"]}
            for f in lines["features"]
        ]))  # fmt: skip
    places = _read(source / PLACES_FILE)
    _write(dest / PLACES_FILE, _collection([
        {"type": "Feature", "geometry": f["geometry"],
         "properties": {k: f["properties"].get(k) for k in PLACE_PROPERTIES}}
        for f in places["features"]
    ]))  # fmt: skip


# --- the layers -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Sources:
    """The copies read once: full-detail and coarse shapes of each world layer."""

    country_props: tuple[dict[str, Any], ...]
    countries: np.ndarray  # shapely geometries, 1:50m
    countries_coarse: np.ndarray
    lines: dict[str, np.ndarray]
    lines_coarse: dict[str, np.ndarray]
    levant: dict[str, GeoJSON]
    places: tuple[GeoJSON, ...]


def _coarse_polygons(geoms: np.ndarray) -> np.ndarray:
    out = []
    for geom in geoms:
        parts = [p for p in getattr(geom, "geoms", [geom]) if p.area >= COARSE_MIN_AREA]
        simple = shapely.MultiPolygon(parts).simplify(COARSE_DEGREES, preserve_topology=True)
        out.append(shapely.set_precision(simple, COARSE_ROUND))
    return np.array(out, dtype=object)


def _coarse_lines(geoms: np.ndarray) -> np.ndarray:
    long = np.where(shapely.length(geoms) >= COARSE_MIN_LENGTH, geoms, None)
    simple = shapely.simplify(long, COARSE_DEGREES, preserve_topology=False)
    return shapely.set_precision(simple, COARSE_ROUND)


@lru_cache(maxsize=2)
def _sources(folder: Path) -> _Sources:
    world = _read(folder / COUNTRIES_FILE)["features"]
    countries = np.array([shape(f["geometry"]) for f in world], dtype=object)
    lines = {
        layer: np.array([shape(f["geometry"]) for f in _read(folder / name)["features"]],
                        dtype=object)
        for layer, name in WORLD_LINES.items()
    }  # fmt: skip
    return _Sources(
        country_props=tuple(
            {"name": f["properties"].get("name"), "iso_a2": f["properties"].get("iso_a2")}
            for f in world
        ),
        countries=countries,
        countries_coarse=_coarse_polygons(countries),
        lines=lines,
        lines_coarse={layer: _coarse_lines(geoms) for layer, geoms in lines.items()},
        levant={layer: _read(levant_file(layer, folder)) for layer in LEVANT_LAYERS},
        places=tuple(_read(folder / PLACES_FILE)["features"]),
    )


def detail_box(bounds: Bounds | None) -> Box | None:
    """The box drawn at full detail for events whose focus area is ``bounds``.

    ``bounds`` as ``geo.map.bounds.focus_bounds`` gives it; the box adds ``DETAIL_MARGIN``
    degrees around it (the reader zooms out a few levels to see where the place lies)
    and snaps to ``DETAIL_GRID`` degrees, so near event sets share one composition.
    """
    if bounds is None:
        return None
    (south, west), (north, east) = bounds
    grid = DETAIL_GRID

    def down(v: float) -> float:
        return math.floor((v - DETAIL_MARGIN) / grid) * grid

    def up(v: float) -> float:
        return math.ceil((v + DETAIL_MARGIN) / grid) * grid

    return (max(down(west), -180.0), max(down(south), -90.0), min(up(east), 180.0),
            min(up(north), 90.0))  # fmt: skip


def _rounded(coords: Any, digits: int) -> Any:
    """Coordinates as lists of rounded floats (shapely gives tuples and float noise)."""
    if isinstance(coords[0], float | int):
        return [round(float(c), digits) for c in coords]
    return [_rounded(c, digits) for c in coords]


def _features(geoms: Any, props: Any = None, digits: int = 3) -> list[GeoJSON]:
    out = []
    for i, geom in enumerate(geoms):
        if geom is None or geom.is_empty:
            continue
        parts = mapping(geom)
        if parts["type"] == "GeometryCollection":  # a clip may leave points beside lines
            top = max(shapely.get_dimensions(g) for g in geom.geoms)
            parts = mapping(shapely.union_all(
                [g for g in geom.geoms if shapely.get_dimensions(g) == top]))
        out.append({
            "type": "Feature",
            "properties": dict(props[i]) if props is not None else {},
            "geometry": {"type": parts["type"],
                         "coordinates": _rounded(parts["coordinates"], digits)},
        })  # fmt: skip
    return out


def _lines_layer(src: _Sources, layer: str, detail: Box | None) -> GeoJSON:
    """World lines: coarse outside ``detail``, 1:50m inside, 1:10m over the Levant."""
    coarse, full = src.lines_coarse[layer], src.lines[layer]
    levant = box(*LEVANT_BBOX) if layer in src.levant else None
    if detail is not None:
        frame = box(*detail)
        coarse = shapely.difference(coarse, frame)
        full = shapely.intersection(full[shapely.intersects(full, frame)], frame)
    else:
        full = np.array([], dtype=object)
    if levant is not None:
        coarse = shapely.difference(coarse, levant)
        full = shapely.difference(full, levant)
    features = _features(coarse, digits=2) + _features(full)
    if levant is not None:
        features += [
            {"type": "Feature", "properties": {}, "geometry": f["geometry"]}
            for f in src.levant[layer]["features"]
        ]
    return _collection(features)


def _countries_layer(src: _Sources, detail: Box | None) -> GeoJSON:
    """Country polygons (the land's fill): coarse outside ``detail``, 1:50m inside."""
    props = src.country_props
    if detail is None:
        return _collection(_features(src.countries_coarse, props, digits=2))
    west, south, east, north = detail
    outside = shapely.difference(src.countries_coarse, box(*detail))
    # The detailed side reaches a little past the box: no hairline shows at the seam.
    inner = box(west - SEAM_OVERLAP, south - SEAM_OVERLAP, east + SEAM_OVERLAP,
                north + SEAM_OVERLAP)  # fmt: skip
    near = shapely.intersects(src.countries, inner)
    inside = np.full(len(props), None, dtype=object)
    inside[near] = shapely.intersection(src.countries[near], inner)
    return _collection(_features(outside, props, digits=2) + _features(inside, props))


# --- labels ---------------------------------------------------------------------------


def _pixel(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel position of a point at ``zoom`` (Leaflet's 256 px tiles)."""
    scale = 256.0 * 2**zoom
    lat = max(min(lat, 85.0), -85.0)
    y = (1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0
    return (lon + 180.0) / 360.0 * scale, y * scale


class _Placed:
    """Label boxes placed at one zoom level, in a grid of cells for quick overlap tests."""

    CELL = 128.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, b: tuple[float, float, float, float]) -> list[tuple[int, int]]:
        c = self.CELL
        return [
            (i, j)
            for i in range(int(b[0] // c), int(b[2] // c) + 1)
            for j in range(int(b[1] // c), int(b[3] // c) + 1)
        ]

    def free(self, b: tuple[float, float, float, float]) -> bool:
        g = LABEL_GAP_PX
        for key in self._keys(b):
            for o in self.cells.get(key, ()):
                if b[0] < o[2] + g and o[0] < b[2] + g and b[1] < o[3] + g and o[1] < b[3] + g:
                    return False
        return True

    def add(self, b: tuple[float, float, float, float]) -> None:
        for key in self._keys(b):
            self.cells.setdefault(key, []).append(b)


def _label_box(label: Any, zoom: int) -> tuple[float, float, float, float]:
    x, y = _pixel(label.lat, label.lon, zoom)
    h = LABEL_HEIGHT_PX / 2
    if isinstance(label, CountryLabel):  # centred on its point
        w = len(label.name) * COUNTRY_CHAR_PX / 2
        return (x - w, y - h, x + w, y + h)
    return (x - 4.0, y - h, x + 6.0 + len(label.name) * PLACE_CHAR_PX, y + h)  # dot, then name


def _country_fits(extent: tuple[float, float, float, float], name: str, zoom: int) -> bool:
    """Whether a country is wide or tall enough at ``zoom`` to carry its name."""
    west, south, east, north = extent
    x0, y0 = _pixel(north, west, zoom)
    x1, y1 = _pixel(south, east, zoom)
    return max(x1 - x0, (y1 - y0) * 1.5) >= 0.8 * len(name) * COUNTRY_CHAR_PX


def _declutter(
    countries: list[tuple[CountryLabel, tuple[float, float, float, float]]],
    places: list[PlaceLabel],
) -> tuple[tuple[CountryLabel, ...], tuple[PlaceLabel, ...]]:
    """Each label's ``min_zoom``: the first of ``LABEL_ZOOMS`` where it fits (see module)."""
    order: list[Any] = [c for c, _ in countries] + places
    extents = {id(c): e for c, e in countries}
    first: dict[int, int] = {}
    for zoom in LABEL_ZOOMS:
        placed = _Placed()
        for label in order:  # kept from lower zooms first: they never collide closer in
            if id(label) in first:
                placed.add(_label_box(label, zoom))
        for label in order:
            if id(label) in first:
                continue
            if isinstance(label, CountryLabel):
                if not _country_fits(extents[id(label)], label.name, zoom):
                    continue
            elif PLACE_ZOOM_BY_RANK[min(label.rank, len(PLACE_ZOOM_BY_RANK) - 1)] > zoom:
                continue
            b = _label_box(label, zoom)
            if placed.free(b):
                placed.add(b)
                first[id(label)] = zoom
    return (
        tuple(_with_zoom(c, first[id(c)]) for c, _ in countries if id(c) in first),
        tuple(_with_zoom(p, first[id(p)]) for p in places if id(p) in first),
    )


def _with_zoom(label: Any, zoom: int) -> Any:
    return type(label)(**{**label.__dict__, "min_zoom": zoom})


def country_labels(countries: GeoJSON) -> tuple[CountryLabel, ...]:
    """One label per country, at the pole of inaccessibility of its largest part.

    Not the centroid, which may be at sea, nor the whole country's point (France's would
    be pulled towards Guiana). Sorted largest first; ``min_zoom`` not yet decluttered.
    """
    labels = _country_candidates(countries)
    return tuple(label for label, _ in labels)


def _country_candidates(
    countries: GeoJSON,
) -> list[tuple[CountryLabel, tuple[float, float, float, float]]]:
    out = []
    for feature in countries["features"]:
        geom = shape(feature["geometry"])
        if geom.is_empty:
            continue
        main = max(getattr(geom, "geoms", [geom]), key=lambda p: p.area)
        point = polylabel(main, tolerance=0.05)
        props = feature["properties"]
        label = CountryLabel(
            name=props.get("name") or "",
            iso_a2=props.get("iso_a2") or "",
            lat=round(point.y, 3),
            lon=round(point.x, 3),
            area=round(main.area, 3),
        )
        out.append((label, main.bounds))
    return sorted(out, key=lambda item: -item[0].area)


def _place_candidates(features: tuple[GeoJSON, ...]) -> list[PlaceLabel]:
    places = []
    for f in features:
        props = f["properties"]
        lon, lat = f["geometry"]["coordinates"][:2]
        places.append(PlaceLabel(
            name=props.get("name") or "",
            iso_a2=props.get("iso_a2") or "",
            lat=round(lat, 3),
            lon=round(lon, 3),
            population=int(props.get("pop_max") or 0),
            rank=int(props.get("scalerank") or 0),
            capital=str(props.get("featurecla") or "").startswith("Admin-0 capital"),
            min_zoom=LABEL_ZOOMS[-1],
        ))  # fmt: skip
    # Capitals first among equals, then rank, then size: the order names are placed in.
    return sorted(places, key=lambda p: (p.rank, not p.capital, -p.population, p.name))


@lru_cache(maxsize=2)
def _labels(folder: Path) -> tuple[tuple[CountryLabel, ...], tuple[PlaceLabel, ...]]:
    countries = _country_candidates(_read(folder / COUNTRIES_FILE))
    places = _place_candidates(_sources(folder).places)
    return _declutter(countries, places)


# --- loading --------------------------------------------------------------------------


def load_basemap(folder: Path = NATURALEARTH_DIR, focus: Bounds | None = None) -> Basemap:
    """The offline layers, at full detail around ``focus`` (``focus_bounds`` of the events).

    Without ``focus`` the world is coarse everywhere but over the Levant (1:10m lines).
    Cached per detail box: the files do not change while the app runs, and near event
    sets share a box (``detail_box``).
    """
    return _load(folder, detail_box(focus))


@lru_cache(maxsize=8)
def _load(folder: Path, detail: Box | None) -> Basemap:
    src = _sources(folder)
    labels, places = _labels(folder)
    return Basemap(
        countries=_countries_layer(src, detail),
        boundaries=_lines_layer(src, "boundaries", detail),
        coastline=_lines_layer(src, "coastline", detail),
        lakes=src.levant["lakes"],
        rivers=src.levant["rivers"],
        labels=labels,
        admin1=_lines_layer(src, "admin1", detail),
        places=places,
        detail=detail,
    )


def install_static_basemap(basemap: Basemap, static_dir: Path, url_prefix: str) -> dict[str, str]:
    """Write each layer's JSON under ``static_dir`` once; return layer -> URL.

    The map then fetches its background from the app's own server instead of carrying
    it in its script: streamlit-folium sends that script to the browser on every rerun,
    and the layers are most of it. File names hold a digest of the content, so a
    changed basemap (another detail box) gets new URLs, and servers sharing the folder
    never clash (each file is written to a temporary name, then renamed).
    """
    from geo.assets import write_content_named

    return {
        layer: f"{url_prefix}/{write_content_named(static_dir, layer, basemap.as_json(layer))}"
        for layer in LAYERS
    }
