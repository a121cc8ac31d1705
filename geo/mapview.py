"""The event map: a folium base map that never changes, and the day's markers as data.

Speed rests on one rule. streamlit-folium keeps the Leaflet map in the browser as long
as the base map's script is identical from one rerun to the next, and then only swaps
the layers passed as ``feature_group_to_add``. So the base map (``build_map``) depends
only on the basemap and the event categories, never on the selected day; the day's
markers are built by ``event_layers`` as plain JSON (cacheable, cheap to send) and
wrapped in three small feature groups by ``feature_groups``.

Markers are drawn in the browser from that JSON by a few lines of Leaflet code
(``_DataLayer``) instead of one folium object per marker: rendering hundreds of folium
objects per step would cost more than the step budget.

Article text is untrusted. Every piece of it is escaped with ``html.escape`` where it
becomes HTML (popups, labels), and the data reaches JavaScript only as JSON with ``<``,
``>``, ``&`` and the line separators escaped (``js_json``), never inside a template
literal or a string that is evaluated, so backticks, ``${...}`` and ``</script>`` stay text.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

import folium
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.assets import local_css, local_js
from geo.basemap import Basemap
from geo.timeline import State

#: A stable key for ``st_folium`` (streamlit-folium also hashes the base map's script).
MAP_KEY = "event-map"
DEFAULT_CENTER = (34.2, 37.0)
DEFAULT_ZOOM = 7
MAP_HEIGHT = 620
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"
NE_ATTRIBUTION = "Natural Earth (public domain)"
ARTICLE_PAGE = "/article"

#: Rings wider than this are not drawn (a country-level place would cover the map);
#: the popup still states the precision.
MAX_RING_KM = 120.0
#: With more marker groups than this, only the day's places get a label.
MAX_LABELS = 40
#: A popup lists at most this many of the day's events in full, then earlier ones briefly.
POPUP_FULL = 25
POPUP_BRIEF = 15


@dataclass(frozen=True)
class CategoryStyle:
    """How a category looks on the map and in the legend."""

    color: str
    symbol: str
    label: str


CATEGORY_STYLES: dict[str, CategoryStyle] = {
    "offensive": CategoryStyle("#b3261e", "⚔", "Offensive"),
    "battle": CategoryStyle("#e8590c", "✸", "Battle"),
    "capture": CategoryStyle("#7b1fa2", "⚑", "Capture"),
    "siege": CategoryStyle("#880e4f", "◉", "Siege"),
    "bombardment": CategoryStyle("#d9480f", "✹", "Bombardment"),
    "withdrawal": CategoryStyle("#1565c0", "➜", "Withdrawal, flight"),
    "reinforcement": CategoryStyle("#5d4037", "⇶", "Reinforcements"),
    "negotiation": CategoryStyle("#2e7d32", "⇄", "Negotiation"),
    "statement": CategoryStyle("#455a64", "❝", "Statement"),
    "humanitarian": CategoryStyle("#00838f", "✚", "Humanitarian"),
    "celebration": CategoryStyle("#f59f00", "★", "Celebration"),
    "sectarian violence": CategoryStyle("#6d4c41", "✖", "Sectarian violence"),
    "security operation": CategoryStyle("#283593", "⚒", "Security operation"),
    "outlook": CategoryStyle("#37474f", "➟", "What comes next"),
}
OTHER_STYLE = CategoryStyle("#616161", "●", "Other")


def category_style(category: str | None) -> CategoryStyle:
    """The style of a category (case and separators ignored); ``OTHER_STYLE`` if unknown."""
    key = re.sub(r"[\s_-]+", " ", str(category or "")).strip().lower()
    return CATEGORY_STYLES.get(key, OTHER_STYLE)


# --- escaping -------------------------------------------------------------------------

_JS_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
              "\u2029": "\\u2029"}  # fmt: skip


def js_json(value: Any) -> str:
    """``value`` as a JavaScript literal that is safe inside a ``<script>`` element.

    JSON strings are double-quoted, so backticks and ``${`` have no meaning in them;
    escaping ``<``, ``>`` and ``&`` keeps ``</script>`` and ``<!--`` from ending or
    confusing the script element around it.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JS_UNSAFE[m.group()], text)


def esc(value: object) -> str:
    """HTML-escaped text of a value (quotes included); empty for missing values."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if value is pd.NaT:
        return ""
    return html.escape(str(value), quote=True)


def highlight_names(text: str, names: Iterable[str]) -> str:
    """``text`` escaped, with each occurrence of one of ``names`` wrapped in ``<mark>``.

    Case-insensitive, longest name first, so "Al-Qusayr" wins over "Qusayr".
    """
    wanted = sorted({n for n in names if n and n.strip()}, key=len, reverse=True)
    if not wanted:
        return esc(text)
    pattern = re.compile("|".join(re.escape(n) for n in wanted), re.IGNORECASE)
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(esc(text[pos : m.start()]))
        out.append(f"<mark>{esc(m.group())}</mark>")
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


# --- dates ----------------------------------------------------------------------------


def format_day(day: date | pd.Timestamp) -> str:
    """``Wed 5 June 2013``: the weekday matters to readers of "on Wednesday"."""
    return f"{day:%a} {day.day} {day:%B %Y}"


def format_span(start: date | pd.Timestamp, end: date | pd.Timestamp | None) -> str:
    """One day, or ``Sun 19 May – Wed 5 June 2013`` for a span."""
    if end is None or pd.isna(end) or pd.Timestamp(end) == pd.Timestamp(start):
        return format_day(start)
    if start.year == end.year:
        return f"{start:%a} {start.day} {start:%B} – {format_day(end)}"
    return f"{format_day(start)} – {format_day(end)}"


def article_link(passage: int, event_id: str | None = None) -> str:
    """The article page opened at paragraph ``passage`` (see ARCHITECTURE.md, URLs).

    With ``event_id`` the article page also marks that event's excerpt.
    """
    link = f"{ARTICLE_PAGE}?passage={int(passage)}"
    return f"{link}&event={quote(event_id, safe='')}" if event_id else link


# --- popups ---------------------------------------------------------------------------


def event_popup_item(row: Mapping[str, Any], names: Sequence[str] = (), brief: bool = False) -> str:
    """One event's entry in a marker's popup, as escaped HTML.

    Full: title, date as resolved with the phrase as written, place and its role, who
    reports it, the excerpt with the place name marked, and a link to the passage.
    Brief (older events at a busy place): title and date only.
    """
    style = category_style(row.get("category"))
    when = format_span(row["start"], row.get("end"))
    if row.get("date_precision") == "approximate":
        when = f"about {when}"
    head = (
        f'<h4><span class="ev-sym" style="color:{style.color}" aria-hidden="true">'
        f"{style.symbol}</span> {esc(row.get('title'))}</h4>"
    )
    phrase = esc(row.get("date_phrase"))
    when_html = f'<p class="ev-when"><time>{esc(when)}</time>'
    when_html += f" <q>{phrase}</q></p>" if phrase else "</p>"
    item_id = esc(row.get("id"))
    if brief:
        return f'<div class="ev-item ev-brief" data-event="{item_id}">{head}{when_html}</div>'
    role = esc(row.get("place_role"))
    place = f'<p class="ev-where">{esc(row.get("place_name"))}'
    place += f" <span>({role})</span></p>" if role else "</p>"
    who = esc(row.get("reported_by"))
    reported = f'<p class="ev-who">Reported by {who}</p>' if who else ""
    marked = highlight_names(str(row.get("excerpt") or ""), [row.get("place_name") or "", *names])
    excerpt = f"<blockquote>{marked}</blockquote>" if marked else ""
    passage = row.get("passage")
    link = ""
    if passage is not None and not pd.isna(passage):
        link = (
            f'<a class="ev-link" href="{esc(article_link(int(passage), row.get("id")))}" '
            f'target="_blank" '
            f'rel="noopener">Read the passage (paragraph {int(passage) + 1})</a>'
        )
    return (
        f'<div class="ev-item" data-event="{item_id}">{head}{when_html}{place}{reported}'
        f"{excerpt}{link}</div>"
    )


def popup_fragments(
    events: pd.DataFrame, aliases: Mapping[str, Sequence[str]] | None = None
) -> pd.DataFrame:
    """The events frame with ``popup_full`` and ``popup_brief`` HTML per row.

    Done once per events file (the app caches it), so a timeline step only joins
    ready-made strings. ``aliases`` maps place id to other spellings to mark in excerpts.
    """
    aliases = aliases or {}
    out = events.copy()
    records = out.to_dict("records")
    out["popup_full"] = [event_popup_item(r, aliases.get(r.get("place_id"), ())) for r in records]
    out["popup_brief"] = [event_popup_item(r, brief=True) for r in records]
    return out


# --- the day's layers -----------------------------------------------------------------


@dataclass(frozen=True)
class MarkerGroup:
    """The events drawn as one marker: all visible events at one place."""

    place_ids: tuple[str, ...]  # a town and its district may share the spot
    place_name: str  # their names, the most precise first, joined with " / "
    lat: float
    lon: float
    state: str  # State value of the group: today if any of its events covers the day
    event_ids: tuple[str, ...]  # the day's events first, then the most recent
    category: str  # of the lead event (sets colour and symbol)
    precision_km: float
    selected: bool


@dataclass(frozen=True)
class EventLayers:
    """The day's markers, rings and labels as JSON for the browser, and their groups."""

    groups: tuple[MarkerGroup, ...]
    markers_json: str
    rings_json: str
    labels_json: str

    def group_at(self, lat: float, lon: float, tolerance: float = 1e-5) -> MarkerGroup | None:
        """The group whose marker is at ``lat, lon`` (what a click on the map returns)."""
        for group in self.groups:
            if abs(group.lat - lat) <= tolerance and abs(group.lon - lon) <= tolerance:
                return group
        return None

    def group_of(self, event_id: str) -> MarkerGroup | None:
        for group in self.groups:
            if event_id in group.event_ids:
                return group
        return None


def _marker_icon(style: CategoryStyle, state: str, count: int, selected: bool) -> str:
    classes = f"ev-marker ev-{state}" + (" ev-selected" if selected else "")
    badge = f'<span class="ev-count">{count}</span>' if count > 1 else ""
    return (
        f'<div class="{classes}" style="--c:{style.color}">'
        f'<span class="ev-sym">{style.symbol}</span>{badge}</div>'
    )


def event_layers(
    visible: pd.DataFrame, selected: str | None = None, open_popup: bool = False
) -> EventLayers:
    """Group the visible rows by place and build the JSON the browser draws.

    ``visible`` comes from ``geo.timeline.visible_events`` (with ``state``) after
    ``popup_fragments``. The group holding ``selected`` is highlighted, and its popup
    opened when ``open_popup`` (the reader picked the event in the list).
    """
    groups: list[MarkerGroup] = []
    markers, rings, labels = [], [], []
    if visible.empty:
        return EventLayers((), "[]", "[]", "[]")
    today = State.TODAY.value
    # One marker per spot, not per place id: a town and its district can share a point.
    frame = visible.assign(
        _today=visible["state"].eq(today),
        _key=visible["lat"].round(4).astype(str) + "," + visible["lon"].round(4).astype(str),
    ).sort_values(["_today", "start"], ascending=[False, False], kind="stable")
    for _key, rows in frame.groupby("_key", sort=False):
        first = rows.iloc[0]
        ids = tuple(dict.fromkeys(rows["id"].astype(str)))
        places = rows.drop_duplicates("place_id").sort_values("precision_km", kind="stable")
        name = " / ".join(dict.fromkeys(places["place_name"].astype(str)))
        is_today = bool(rows["_today"].any())
        state = today if is_today else State.PAST.value
        is_selected = selected is not None and selected in ids
        style = category_style(first["category"])
        lat, lon = round(float(first["lat"]), 6), round(float(first["lon"]), 6)
        precision = places["precision_km"].dropna()
        group = MarkerGroup(
            place_ids=tuple(places["place_id"].astype(str)),
            place_name=name,
            lat=lat,
            lon=lon,
            state=state,
            event_ids=ids,
            category=str(first["category"]),
            precision_km=float(precision.iloc[0]) if len(precision) else 0.0,
            selected=is_selected,
        )
        groups.append(group)
        markers.append(
            {
                "lat": lat,
                "lon": lon,
                "icon": _marker_icon(style, state, len(ids), is_selected),
                "popup": _group_popup(rows, places, selected),
                "title": f"{name}: {len(ids)} event(s)",
                "z": (2000 if is_selected else 0) + (1000 if is_today else 0),
                "open": bool(is_selected and open_popup),
                "event_ids": list(ids),
            }
        )
        for km in precision.unique():
            if 0 < km <= MAX_RING_KM:
                rings.append(
                    {"lat": lat, "lon": lon, "r": float(km) * 1000, "color": style.color,
                     "state": state}  # fmt: skip
                )
    many = len(groups) > MAX_LABELS
    for group in groups:
        if many and group.state != today and not group.selected:
            continue
        label = group.place_name.split(" / ")[0]  # the most precise name
        labels.append(
            {"lat": group.lat, "lon": group.lon, "text": esc(label), "state": group.state}
        )
    return EventLayers(tuple(groups), js_json(markers), js_json(rings), js_json(labels))


def _group_popup(rows: pd.DataFrame, places: pd.DataFrame, selected: str | None) -> str:
    """All events at one spot: the day's in full, earlier ones as title and date."""
    n = len(rows)
    where = []
    for place in places.to_dict("records"):
        km = place.get("precision_km")
        ring = f"±{km:g} km" if km and km == km else ""  # km == km: not NaN
        detail = ", ".join(x for x in (esc(place.get("country_code")), ring) if x)
        suffix = f" <span>({detail})</span>" if detail else ""
        where.append(f"{esc(place.get('place_name'))}{suffix}")
    header = f'<div class="ev-place">{" · ".join(where)}'
    header += f" — {n} events</div>" if n > 1 else "</div>"
    parts = [header]
    full = brief = 0
    for i, row in enumerate(rows.itertuples(index=False)):
        is_selected = selected is not None and str(row.id) == selected
        if is_selected or (row.state == State.TODAY.value and full < POPUP_FULL):
            item, full = row.popup_full, full + 1
        elif brief < POPUP_BRIEF:
            item, brief = row.popup_brief, brief + 1
        else:
            parts.append(f'<p class="ev-more">and {n - i} earlier event(s) here</p>')
            break
        if is_selected:
            item = item.replace('class="ev-item', 'class="ev-item ev-selected', 1)
        parts.append(item)
    return f'<div class="ev-popup">{"".join(parts)}</div>'


# --- folium elements ------------------------------------------------------------------


class _Raw(Element):
    """Ready-made text in the figure (branca would compile it as a Jinja template)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _FastMacro(MacroElement):
    """A MacroElement whose rendered parts are not re-parsed as Jinja templates.

    branca wraps every rendered script in a new ``Template``; for the basemap's
    embedded GeoJSON that parse alone costs tens of milliseconds per rerun.
    """

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        module = self._template.module.__dict__
        for part, target in (("header", figure.header), ("html", figure.html),
                             ("script", figure.script)):  # fmt: skip
            macro = module.get(part)
            if macro is not None:
                target.add_child(_Raw(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class _DataLayer(_FastMacro):
    """Adds Leaflet layers built from JSON data to its parent feature group.

    ``kind`` picks the builder in ``_EVENTS_JS`` (markers, rings or labels). The group
    also registers itself in the base map's layer control under ``name``, replacing the
    previous step's group, and stays hidden if the reader switched it off.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var fg = {{ this._parent.get_name() }};
            var data = {{ this.data }};
            var q = window.__qmap;
            if (q && q.build) { q.build({{ this.kind|tojson }}, fg, data); }
            if (q && q.register) { q.register({{ this.name|tojson }}, fg); }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, kind: str, name: str, data_json: str):
        super().__init__()
        self._name = "DataLayer"
        self.kind = kind
        self.name = name
        self.data = data_json


EVENTS_LAYER = "Events"
RINGS_LAYER = "Precision rings"
LABELS_LAYER = "Place labels"


def feature_groups(layers: EventLayers) -> list[folium.FeatureGroup]:
    """The day's three feature groups for ``st_folium(feature_group_to_add=...)``.

    Built fresh each rerun (folium objects must not be cached: streamlit-folium
    renames them when it renders).
    """
    out = []
    for kind, name, data in (
        ("rings", RINGS_LAYER, layers.rings_json),
        ("markers", EVENTS_LAYER, layers.markers_json),
        ("labels", LABELS_LAYER, layers.labels_json),
    ):
        fg = folium.FeatureGroup(name=name, control=False)
        fg.add_child(_DataLayer(kind, name, data))
        out.append(fg)
    return out


_MAP_CSS = """
<style>
.leaflet-container { background: #c9dcea; font: 13px/1.35 system-ui, sans-serif; }
.ev-icon { background: none; border: none; }
.ev-marker { width: 26px; height: 26px; border-radius: 50%; background: var(--c);
  color: #fff; border: 2px solid #fff; box-shadow: 0 0 0 1px rgba(0,0,0,.55);
  display: flex; align-items: center; justify-content: center; font-size: 15px;
  line-height: 1; position: relative; box-sizing: border-box; cursor: pointer; }
.ev-marker.ev-past { opacity: .5; transform: scale(.78); filter: saturate(.5); }
.ev-marker.ev-today { box-shadow: 0 0 0 2px #1d1d1d, 0 0 10px 3px var(--c); }
.ev-marker.ev-selected { box-shadow: 0 0 0 3px #ffd400, 0 0 0 5px #1d1d1d;
  opacity: 1; transform: scale(1.15); filter: none; }
.ev-count { position: absolute; top: -9px; right: -11px; min-width: 16px; height: 16px;
  padding: 0 3px; border-radius: 8px; background: #1d1d1d; color: #fff; font-size: 11px;
  font-weight: 700; line-height: 16px; text-align: center; box-sizing: border-box; }
.place-label { background: none; border: none; white-space: nowrap; font-weight: 700;
  font-size: 12px; color: #1d1d1d; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
.place-label.ev-past { color: #555; font-weight: 600; }
.country-label { background: none; border: none; white-space: nowrap; color: #7a6f5c;
  font-size: 11px; letter-spacing: .12em; text-transform: uppercase;
  text-shadow: 0 0 2px #f4f0e6; transform: translate(-50%, -50%); }
.ev-popup { max-height: 320px; overflow-y: auto; padding-right: 4px; }
.ev-popup .ev-place { font-weight: 700; border-bottom: 1px solid #ddd; margin-bottom: 4px; }
.ev-popup .ev-item { border-left: 3px solid transparent; padding: 2px 0 6px 6px; }
.ev-popup .ev-item.ev-selected { border-left-color: #ffd400; background: #fffbe0; }
.ev-popup h4 { margin: 4px 0 2px; font-size: 14px; }
.ev-popup p { margin: 2px 0; }
.ev-popup blockquote { margin: 4px 0; padding: 2px 6px; border-left: 3px solid #ccc;
  color: #333; font-style: italic; }
.ev-popup mark { background: #ffe066; font-style: normal; }
.ev-legend { background: rgba(255,255,255,.92); padding: 4px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); font-size: 12px; line-height: 1.45;
  max-height: 300px; overflow: auto; }
.ev-legend summary { cursor: pointer; font-weight: 700; }
.ev-legend .ev-marker { display: inline-flex; width: 16px; height: 16px; font-size: 10px;
  vertical-align: middle; margin-right: 4px; border-width: 1px; cursor: default; }
.ev-legend .ev-marker.ev-past { transform: none; }
.qmap-button { width: 30px; height: 30px; line-height: 30px; text-align: center;
  font-size: 18px; background: #fff; cursor: pointer; display: block; color: #000;
  text-decoration: none; }
.qmap-minimap { width: 150px; height: 150px; border: 2px solid #fff;
  box-shadow: 0 1px 5px rgba(0,0,0,.4); }
.leaflet-container:fullscreen { width: 100% !important; height: 100% !important; }
</style>
"""

# Runs once when the base map loads. Defines window.__qmap: the builders the day's
# feature groups call, the layer-control registration, the OpenStreetMap probe with its
# fallback to the offline basemap, the fullscreen button and the mini map.
_MAP_JS = """
{% macro script(this, kwargs) %}
(function () {
    var map = {{ this._parent.get_name() }};
    var osm = {{ this.osm }};
    var offline = {{ this.offline.get_name() }};
    var control = L.control.layers(
        {{ this.base_layers }}, {{ this.overlays }}, {collapsed: true}).addTo(map);
    var q = window.__qmap = {map: map, control: control, osm: osm, offline: offline,
                             overlays: {}, hidden: {}, online: null};
    map.on('overlayremove', function (e) { q.hidden[e.name] = true; });
    map.on('overlayadd', function (e) { delete q.hidden[e.name]; });
    q.register = function (name, fg) {
        var old = q.overlays[name];
        if (old) { control.removeLayer(old); }
        control.addOverlay(fg, name);
        q.overlays[name] = fg;
        if (q.hidden[name]) { fg.once('add', function () {
            setTimeout(function () { map.removeLayer(fg); }, 0); }); }
    };
    q.build = function (kind, fg, data) {
        var i, d;
        if (kind === 'markers') {
            for (i = 0; i < data.length; i++) {
                d = data[i];
                var m = L.marker([d.lat, d.lon], {
                    icon: L.divIcon({className: 'ev-icon', html: d.icon,
                                     iconSize: [26, 26], iconAnchor: [13, 13]}),
                    title: d.title, alt: d.title, zIndexOffset: d.z, riseOnHover: true});
                m.bindPopup(d.popup, {maxWidth: 380, minWidth: 260, autoPanPadding: [30, 30]});
                m.eventIds = d.event_ids;
                fg.addLayer(m);
                if (d.open) {
                    fg.once('add', (function (mk) { return function () {
                        setTimeout(function () { mk.openPopup(); }, 0); }; })(m));
                }
            }
        } else if (kind === 'rings') {
            for (i = 0; i < data.length; i++) {
                d = data[i];
                fg.addLayer(L.circle([d.lat, d.lon], {radius: d.r, color: d.color,
                    weight: 1.5, opacity: d.state === 'past' ? 0.35 : 0.8,
                    dashArray: '4 4', fillColor: d.color,
                    fillOpacity: d.state === 'past' ? 0.04 : 0.1, interactive: false}));
            }
        } else if (kind === 'labels') {
            for (i = 0; i < data.length; i++) {
                d = data[i];
                fg.addLayer(L.marker([d.lat, d.lon], {
                    icon: L.divIcon({className: 'place-label ev-' + d.state, html: d.text,
                                     iconSize: null, iconAnchor: [-16, 8]}),
                    interactive: false, keyboard: false}));
            }
        }
    };

    // OpenStreetMap when reachable: probe one tile; on success switch the base layer,
    // and fall back to the offline look if tiles start failing.
    if (osm) {
        var errors = 0;
        osm.on('tileerror', function () {
            errors += 1;
            if (errors >= 3 && map.hasLayer(osm)) {
                map.removeLayer(osm); map.addLayer(offline); q.online = false;
            }
        });
        var probe = new Image();
        probe.onload = function () {
            q.online = true;
            if (map.hasLayer(offline)) { map.removeLayer(offline); map.addLayer(osm); }
        };
        probe.onerror = function () { q.online = false; };
        probe.src = {{ this.probe_url|tojson }};
    }

    // Fullscreen (browser Fullscreen API on the map's container).
    var Full = L.Control.extend({
        options: {position: 'topleft'},
        onAdd: function () {
            var box = L.DomUtil.create('div', 'leaflet-bar leaflet-control');
            var a = L.DomUtil.create('a', 'qmap-button', box);
            a.href = '#'; a.title = 'Full screen'; a.setAttribute('role', 'button');
            a.setAttribute('aria-label', 'Full screen');
            a.innerHTML = '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" '
                + 'style="vertical-align:middle"><path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" '
                + 'fill="none" stroke="#333" stroke-width="2"/></svg>';
            L.DomEvent.on(a, 'click', function (e) {
                L.DomEvent.preventDefault(e); L.DomEvent.stopPropagation(e);
                var c = map.getContainer();
                if (document.fullscreenElement) { document.exitFullscreen(); }
                else if (c.requestFullscreen) { c.requestFullscreen(); }
            });
            return box;
        }
    });
    new Full().addTo(map);
    document.addEventListener('fullscreenchange', function () { map.invalidateSize(); });

    // Mini map: a second small Leaflet map showing where the main view lies.
    var Mini = L.Control.extend({
        options: {position: 'bottomright'},
        onAdd: function () {
            var div = L.DomUtil.create('div', 'qmap-minimap leaflet-control');
            L.DomEvent.disableClickPropagation(div);
            return div;
        }
    });
    var mini = new Mini().addTo(map);
    function buildMinimap() {
        var mm = L.map(mini.getContainer(), {attributionControl: false, zoomControl: false,
            dragging: false, scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false,
            keyboard: false, touchZoom: false, fadeAnimation: false, zoomAnimation: false,
            center: map.getCenter(), zoom: Math.max(map.getZoom() - 4, 0)});
        mm.getContainer().style.background = '#c9dcea';
        L.geoJSON({{ this.countries.get_name() }}.toGeoJSON(), {interactive: false,
            style: {color: '#9c9383', weight: 0.5, fillColor: '#f1ede3', fillOpacity: 1}})
            .addTo(mm);
        var box = L.rectangle(map.getBounds(), {color: '#b3261e', weight: 1.5,
            fillOpacity: 0.1, interactive: false}).addTo(mm);
        function sync() {
            mm.setView(map.getCenter(), Math.max(map.getZoom() - 4, 0), {animate: false});
            box.setBounds(map.getBounds());
        }
        map.on('moveend zoomend resize', sync);
        q.minimap = mm;
    }
    // After the main map has its size (the component sets the frame height later).
    map.whenReady(function () { setTimeout(function () {
        try { buildMinimap(); } catch (err) { console.warn('minimap left out', err); }
    }, 0); });
})();
{% endmacro %}
"""


class _MapFurniture(_FastMacro):
    """Layer control, OpenStreetMap probe, fullscreen button, mini map, day-layer builders."""

    _template = Template(_MAP_JS)

    def __init__(self, osm, offline, countries, base_layers: str, overlays: str, probe_url: str):
        super().__init__()
        self._name = "MapFurniture"
        self._osm_layer = osm
        self.offline = offline
        self.countries = countries
        self.base_layers = base_layers
        self.overlays = overlays
        self.probe_url = probe_url

    @property
    def osm(self) -> str:
        return self._osm_layer.get_name() if self._osm_layer is not None else "null"


class _Legend(_FastMacro):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: 'bottomleft'});
            legend.onAdd = function () {
                var div = L.DomUtil.create('div', 'ev-legend');
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str):
        super().__init__()
        self._name = "Legend"
        self.html = html_text


class _CountryLabels(_FastMacro):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var fg = {{ this._parent.get_name() }};
            var data = {{ this.data }};
            for (var i = 0; i < data.length; i++) {
                fg.addLayer(L.marker([data[i][1], data[i][2]], {
                    icon: L.divIcon({className: 'country-label', html: data[i][0],
                                     iconSize: null}),
                    interactive: false, keyboard: false}));
            }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, data_json: str):
        super().__init__()
        self._name = "CountryLabels"
        self.data = data_json


class _GeoJsonLayer(_FastMacro):
    """A non-interactive GeoJSON layer from the basemap, already serialised.

    folium's own GeoJson re-serialises the data and walks every coordinate for its
    bounds on each render (tens of milliseconds per rerun); this embeds the cached text.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data }}, {
            interactive: false, style: {{ this.style }}
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, basemap: Basemap, layer: str, **style: Any):
        super().__init__()
        self._name = "GeoJsonLayer"
        self.data = basemap.as_json(layer).replace("<", "\\u003c")
        self.style = js_json(style)


def legend_html(categories: Iterable[str]) -> str:
    """The legend: one line per category present, then what faded and ringed mean."""
    seen: dict[str, CategoryStyle] = {}
    for category in categories:
        style = category_style(category)
        seen.setdefault(style.label, style)
    lines = []
    for style in seen.values():
        lines.append(_marker_icon(style, "today", 1, False) + esc(style.label))
    grey = OTHER_STYLE
    lines.append(_marker_icon(grey, "past", 1, False) + "earlier (faded)")
    lines.append(
        '<span class="ev-marker ev-today" style="--c:#616161">'
        '<span class="ev-count" style="position:static">2</span></span>events at one place'
    )
    lines.append("dashed ring: how precisely the place is known")
    return "<details open><summary>Legend</summary>" + "<br>".join(lines) + "</details>"


def build_map(
    basemap: Basemap,
    categories: Sequence[str] = (),
    online_tiles: bool = True,
    center: tuple[float, float] = DEFAULT_CENTER,
    zoom: int = DEFAULT_ZOOM,
) -> folium.Map:
    """The base map: offline Natural Earth look, optional OpenStreetMap, furniture.

    Identical output for identical arguments, which keeps streamlit-folium from
    rebuilding the Leaflet map on reruns. Build it fresh every run (never cache it).
    """
    m = folium.Map(
        location=center, zoom_start=zoom, tiles=None, control_scale=True,
        min_zoom=3, max_zoom=16, attribution_control=True,
    )  # fmt: skip
    m.default_js = local_js()
    m.default_css = local_css()
    m.get_root().header.add_child(_Raw(_MAP_CSS), name="qmap_css")

    offline = folium.FeatureGroup(name="Offline map (Natural Earth)", overlay=False, control=False)
    countries = _GeoJsonLayer(basemap, "countries", color="#a39a86", weight=0.6,
                              fillColor="#f4f0e6", fillOpacity=1.0)  # fmt: skip
    offline.add_child(countries)
    offline.add_child(_GeoJsonLayer(basemap, "lakes", color="#7fa7c4", weight=0.5,
                                    fillColor="#c9dcea", fillOpacity=1.0))  # fmt: skip
    offline.add_child(_GeoJsonLayer(basemap, "rivers", color="#6f9fc4", weight=1.2, opacity=0.9))
    offline.add_child(_GeoJsonLayer(basemap, "coastline", color="#5e8db3", weight=1.0))
    offline.add_to(m)

    osm = None
    if online_tiles:
        osm = folium.TileLayer(
            OSM_URL, name="OpenStreetMap", attr=OSM_ATTRIBUTION, overlay=False,
            control=False, show=False, max_zoom=19,
        )  # fmt: skip
        osm.add_to(m)

    borders = folium.FeatureGroup(name="Borders", control=False)
    borders.add_child(_GeoJsonLayer(basemap, "boundaries", color="#6b5e4a", weight=1.6,
                                    dashArray="6 3", opacity=0.9))  # fmt: skip
    borders.add_to(m)

    names = folium.FeatureGroup(name="Country names", control=False)
    label_rows = [[esc(lb.name), lb.lat, lb.lon] for lb in basemap.labels if lb.area >= 0.5]
    names.add_child(_CountryLabels(js_json(label_rows)))
    names.add_to(m)

    base_layers = "{" + f'"Offline map (Natural Earth)": {offline.get_name()}'
    if osm is not None:
        base_layers += f', "OpenStreetMap": {osm.get_name()}'
    base_layers += "}"
    overlays = "{" + f'"Borders": {borders.get_name()}, "Country names": {names.get_name()}' + "}"
    lat, lon = center
    x, y = _tile_xy(lat, lon, zoom)
    probe = OSM_URL.format(z=zoom, x=x, y=y)
    m.add_child(_MapFurniture(osm, offline, countries, base_layers, overlays, probe))
    m.add_child(_Legend(legend_html(categories)))
    return m


def _tile_xy(lat: float, lon: float, zoom: int) -> tuple[int, int]:
    """The slippy-map tile holding a point (for the OpenStreetMap probe)."""
    n = 2**zoom
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y
