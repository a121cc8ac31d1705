"""The base map and the day's feature groups, as ``st_folium`` takes them.

The base map (:func:`build_map`) depends only on the basemap, the categories and the
events' area, never on the selected day, so its script is identical from one rerun to
the next and streamlit-folium keeps the Leaflet map; a step swaps only the three small
feature groups of :func:`feature_groups`. Build both fresh every run (never cache folium
objects: streamlit-folium renames them when it renders).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import folium
import pandas as pd

from geo.assets import STATIC_DIR, URL_PREFIX, local_css, local_js
from geo.basemap import Basemap, install_static_basemap
from geo.categories import OTHER, Category, category
from geo.map.bounds import FOCUS_MAX_ZOOM, Bounds, tile_xy
from geo.map.elements import (
    STATIC_SOURCE,
    CountryLabels,
    DataLayer,
    GeoJsonLayer,
    Legend,
    QMap,
)
from geo.map.layers import EventLayers, ahead_json
from geo.map.popups import install_popup_table
from geo.map.safejson import js_json
from geo.markup import macro

#: A stable key for ``st_folium`` (streamlit-folium also hashes the base map's script).
MAP_KEY = "event-map"
#: Streamlit keys of the page's Previous/Next buttons: the map finds them by the
#: ``st-key-<key>`` class Streamlit gives their containers, to draw a step at the click.
STEP_KEYS = {"previous": "q-previous", "next": "q-next", "play": "q-play"}
DEFAULT_CENTER = (34.2, 37.0)
DEFAULT_ZOOM = 7
#: The camera following the story never goes closer than this (a town and its outskirts).
FOLLOW_MAX_ZOOM = 10
MAP_HEIGHT = 620
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"
EVENTS_LAYER = "Events"
RINGS_LAYER = "Precision rings"
LABELS_LAYER = "Place labels"


#: The map page's own layout rules (the phone's sticky step bar, the strip).
PAGE_CSS = STATIC_SOURCE / "page.css"


@lru_cache(maxsize=1)
def page_css() -> str:
    """The page's rules as a ``<style>`` element, read from disk once per process."""
    return f"<style>{PAGE_CSS.read_text(encoding='utf-8')}</style>"


def install_basemap(basemap: Basemap) -> dict[str, str]:
    """The basemap layers as static files the map fetches once (not resent at every step).

    Under ``static/vendor/`` (served at ``/app/static/vendor``, kept out of git): copies
    of ``data/naturalearth`` made at run time, like the vendored Leaflet.
    """
    return install_static_basemap(basemap, STATIC_DIR / "vendor" / "naturalearth",
                                  f"{URL_PREFIX}/naturalearth")  # fmt: skip


def install_popups(events: pd.DataFrame) -> str:
    """The curated events' (public) popup table as a static file; return its URL."""
    return install_popup_table(events, STATIC_DIR / "vendor" / "popups", f"{URL_PREFIX}/popups")


def legend_html(categories: Iterable[str], bubbles: bool = False) -> str:
    """The legend: one line per category present, then what faded and ringed mean, and
    the count bubbles when the events are many enough to be aggregated (``bubbles``).

    Closed by default: open, it would cover the markers in the map's lower left.
    """
    seen: dict[str, Category] = {}
    for name in categories:
        style = category(name)
        seen.setdefault(style.label, style)
    return str(macro("popup.html", "legend")(list(seen.values()), OTHER, bubbles))


def build_map(
    basemap: Basemap,
    categories: Sequence[str] = (),
    online_tiles: bool = True,
    center: tuple[float, float] = DEFAULT_CENTER,
    zoom: int = DEFAULT_ZOOM,
    bounds: Bounds | None = None,
    basemap_urls: Mapping[str, str] | None = None,
    popups_url: str | None = None,
    bubbles: bool = False,
) -> folium.Map:
    """The base map: offline Natural Earth look, optional OpenStreetMap, furniture.

    ``bounds`` (from ``focus_bounds``) replaces ``center`` and ``zoom``: the map opens
    fitted to them. With ``basemap_urls`` (layer -> URL) the Natural Earth layers are
    fetched from there instead of embedded in the script. The popups' texts come from
    ``popups_url`` (``geo.map.popups.install_popup_table``), else with each step
    (``feature_groups(popups=...)``). ``bubbles``: the legend explains count bubbles
    (the events may be aggregated by zoom). Identical output for identical arguments.
    """
    if bounds is not None:
        (south, west), (north, east) = bounds
        center = ((south + north) / 2, (west + east) / 2)
    m = folium.Map(
        location=center, zoom_start=zoom, tiles=None, control_scale=True,
        min_zoom=3, max_zoom=16, attribution_control=True,
    )  # fmt: skip
    # Leaflet alone: nothing on the map uses jQuery, and each script loads in turn.
    m.default_js = [(name, url) for name, url in local_js() if name != "jquery"]
    m.default_css = local_css()
    urls = basemap_urls or {}

    def layer(name: str, **style: Any) -> GeoJsonLayer:
        return GeoJsonLayer(basemap, name, urls.get(name), **style)

    offline = folium.FeatureGroup(name="Offline map (Natural Earth)", overlay=False, control=False)
    # No outline: coastline and borders are layers of their own (the polygons are cut
    # where the detailed part of the basemap begins, and that cut must not show).
    offline.add_child(layer("countries", stroke=False, fillColor="#f4f0e6", fillOpacity=1.0))
    offline.add_child(layer("lakes", color="#7fa7c4", weight=0.5, fillColor="#c9dcea",
                            fillOpacity=1.0))  # fmt: skip
    offline.add_child(layer("rivers", color="#6f9fc4", weight=1.2, opacity=0.9))
    offline.add_child(layer("coastline", color="#5e8db3", weight=1.0))
    offline.add_to(m)
    borders = folium.FeatureGroup(name="Borders", control=False)
    borders.add_child(layer("admin1", color="#9c8f78", weight=0.8, dashArray="2 3"))
    borders.add_child(layer("boundaries", color="#6b5e4a", weight=1.6, dashArray="6 3",
                            opacity=0.9))  # fmt: skip
    borders.add_to(m)
    names = folium.FeatureGroup(name="Country and city names", control=False)
    names.add_child(CountryLabels(basemap.label_rows(), urls.get("labels")))
    names.add_to(m)

    x, y = tile_xy(center[0], center[1], zoom)
    options = {
        "osmUrl": OSM_URL if online_tiles else None,
        "osmAttribution": OSM_ATTRIBUTION,
        "probeUrl": OSM_URL.format(z=zoom, x=x, y=y) if online_tiles else None,
        "bounds": [list(bounds[0]), list(bounds[1])] if bounds else None,
        "maxZoom": FOCUS_MAX_ZOOM,
        "followMaxZoom": FOLLOW_MAX_ZOOM,
        "names": {"markers": EVENTS_LAYER, "rings": RINGS_LAYER, "labels": LABELS_LAYER},
        "popupsUrl": popups_url,
        "stepKeys": STEP_KEYS,
    }
    m.add_child(QMap(offline, {"Borders": borders, "Country and city names": names}, options))
    m.add_child(Legend(legend_html(categories, bubbles)))
    return m


def feature_groups(
    layers: EventLayers,
    day: date | None = None,
    ahead: Mapping[str, tuple[date, EventLayers]] | None = None,
    popups: Mapping[int, Sequence[str]] | None = None,
    camera: Mapping[str, float] | None = None,
) -> list[folium.FeatureGroup]:
    """The day's three feature groups for ``st_folium(feature_group_to_add=...)``.

    ``day`` is written to ``window.__qmap.day`` with the markers: it makes every step
    reach the map (streamlit-folium skips unchanged groups, and two days can show the
    same markers), so the map always states the day it shows.

    ``ahead`` ("next"/"previous" -> the day a click leads to and its layers) lets the map
    draw a step the moment Previous or Next is clicked, before the page's rerun brings
    the same layers (``q.stepAhead`` in ``static/qmap.js``): a Streamlit rerun costs the
    browser about 130 ms here, even for a page holding nothing but the map and a button.

    ``popups`` (row -> [full, brief], ``geo.map.popups.popup_entries``) go with the
    markers when the base map has no popup table URL (a reader's own article).

    ``camera`` (``{"zoom", "lat", "lon"}``, a view from the URL) replaces the camera's
    fit when this day is first drawn.
    """
    out = []
    extra = ahead_json(ahead or {}, layers)
    entries = js_json({str(k): list(v) for k, v in popups.items()}) if popups else ""
    for kind, name, data in (
        ("rings", RINGS_LAYER, layers.rings_json),
        ("markers", EVENTS_LAYER, layers.markers_json),
        ("labels", LABELS_LAYER, layers.labels_json),
    ):
        fg = folium.FeatureGroup(name=name, control=False)
        if kind == "markers":
            when = day.isoformat() if day is not None else None
            view = js_json(dict(camera, day=when)) if camera else ""
            fg.add_child(DataLayer(kind, data, when, extra, entries, view))
        else:
            fg.add_child(DataLayer(kind, data))
        out.append(fg)
    return out
