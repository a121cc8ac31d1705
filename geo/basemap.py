"""The offline basemap: Natural Earth layers kept in ``data/naturalearth/``.

The map must be readable without internet (no tile server), so it carries its own
background: country fills and names, coastline, lakes, rivers and international
boundaries. The Levant layers are copied as they are from the shared Natural Earth
extracts; the world countries layer is clipped to the region the article's places
span (Europe to Iran) and simplified, so the page stays light (it is sent to the
browser with the map). ``prepare_basemap`` makes the copies; ``load_basemap`` reads
them as plain GeoJSON dictionaries (no folium here: ``geo.mapview`` draws them).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import box, mapping, shape

from geo import DATA_DIR, ROOT

NATURALEARTH_DIR = DATA_DIR / "naturalearth"
SHARED_NATURALEARTH = ROOT.parent / "shared" / "data" / "naturalearth"

#: Copied unchanged; the gazetteer's distance checks read the boundaries too.
LEVANT_LAYERS = ("boundaries", "coastline", "lakes", "rivers")
COUNTRIES_FILE = "countries_region.geojson"
#: lon/lat box kept from the world layer: the United Kingdom to Iran, the Sahel to Scandinavia.
REGION_BBOX = (-15.0, 10.0, 70.0, 62.0)
#: Douglas-Peucker tolerance in degrees (~3 km): plenty at the zooms the map opens at.
SIMPLIFY_DEGREES = 0.03

GeoJSON = dict[str, Any]


@dataclass(frozen=True)
class CountryLabel:
    """Where a country's name is written on the map."""

    name: str
    iso_a2: str
    lat: float
    lon: float
    area: float  # square degrees of the clipped country: big ones are labelled first


@dataclass(frozen=True)
class Basemap:
    """The offline layers as GeoJSON FeatureCollections, ready for Leaflet."""

    countries: GeoJSON
    boundaries: GeoJSON
    coastline: GeoJSON
    lakes: GeoJSON
    rivers: GeoJSON
    labels: tuple[CountryLabel, ...]

    def as_json(self, layer: str) -> str:
        """A layer serialised once (``countries``, ``lakes``...): the map embeds it each run."""
        cache = self.__dict__.setdefault("_json", {})
        if layer not in cache:
            cache[layer] = json.dumps(getattr(self, layer), separators=(",", ":"))
        return cache[layer]


def levant_file(layer: str, folder: Path = NATURALEARTH_DIR) -> Path:
    """Path of one of the Levant layers (``boundaries``, ``coastline``, ...)."""
    return folder / f"levant_10m_{layer}.geojson"


def clip_countries(
    world: GeoJSON,
    bbox: tuple[float, float, float, float] = REGION_BBOX,
    tolerance: float = SIMPLIFY_DEGREES,
) -> GeoJSON:
    """The countries inside ``bbox``, simplified, with only name and ISO code kept."""
    frame = box(*bbox)
    features = []
    for feature in world["features"]:
        geom = shape(feature["geometry"]).intersection(frame)
        if geom.is_empty:
            continue
        geom = shapely.set_precision(geom.simplify(tolerance, preserve_topology=True), 0.001)
        if geom.is_empty:
            continue
        props = feature["properties"]
        features.append(
            {
                "type": "Feature",
                "properties": {"name": props.get("name"), "iso_a2": props.get("iso_a2")},
                "geometry": mapping(geom),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def prepare_basemap(source: Path = SHARED_NATURALEARTH, dest: Path = NATURALEARTH_DIR) -> None:
    """Copy the Levant layers and write the clipped countries layer into ``dest``.

    Run once when the shared extracts change:
    ``python -c "from geo.basemap import prepare_basemap; prepare_basemap()"``.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for layer in LEVANT_LAYERS:
        shutil.copyfile(levant_file(layer, source), levant_file(layer, dest))
    world = json.loads((source / "world_50m_countries.geojson").read_text(encoding="utf-8"))
    clipped = clip_countries(world)
    (dest / COUNTRIES_FILE).write_text(
        json.dumps(clipped, separators=(",", ":"), ensure_ascii=False), encoding="utf-8"
    )


def country_labels(countries: GeoJSON) -> tuple[CountryLabel, ...]:
    """One label per country, at a point inside it (not the centroid, which may be at sea)."""
    labels = []
    for feature in countries["features"]:
        geom = shape(feature["geometry"])
        if geom.is_empty:
            continue
        point = geom.representative_point()
        props = feature["properties"]
        labels.append(
            CountryLabel(
                name=props.get("name") or "",
                iso_a2=props.get("iso_a2") or "",
                lat=round(point.y, 3),
                lon=round(point.x, 3),
                area=round(geom.area, 3),
            )
        )
    return tuple(sorted(labels, key=lambda label: -label.area))


def _read(path: Path) -> GeoJSON:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def load_basemap(folder: Path = NATURALEARTH_DIR) -> Basemap:
    """Read the offline layers (cached: the files do not change while the app runs)."""
    countries = _read(folder / COUNTRIES_FILE)
    return Basemap(
        countries=countries,
        boundaries=_read(levant_file("boundaries", folder)),
        coastline=_read(levant_file("coastline", folder)),
        lakes=_read(levant_file("lakes", folder)),
        rivers=_read(levant_file("rivers", folder)),
        labels=country_labels(countries),
    )


def install_static_basemap(basemap: Basemap, static_dir: Path, url_prefix: str) -> dict[str, str]:
    """Write each layer's JSON under ``static_dir`` once; return layer -> URL.

    The map then fetches its background from the app's own server instead of carrying
    it in its script: streamlit-folium sends that script to the browser on every rerun,
    and the layers are most of it (260 kB). File names hold a digest of the content, so
    a changed basemap gets new URLs, and servers sharing the folder never clash (each
    file is written to a temporary name, then renamed).
    """
    from geo.assets import write_content_named

    return {
        layer: f"{url_prefix}/{write_content_named(static_dir, layer, basemap.as_json(layer))}"
        for layer in ("countries", *LEVANT_LAYERS)
    }
