"""The event map: a folium base map that never changes, and the day's markers as data.

Speed rests on one rule. streamlit-folium keeps the Leaflet map in the browser as long
as the base map's script is identical from one rerun to the next, and then only swaps
the layers passed as ``feature_group_to_add``. So the base map (``build_map``) depends
only on the basemap and the event categories, never on the selected day; the day's
markers are built by ``event_layers`` as plain JSON (cacheable, cheap to send) and
wrapped in three small feature groups by ``feature_groups``.

Markers are drawn in the browser from that JSON by a few lines of Leaflet code
(``_MAP_JS``: ``window.__qmap.update``) instead of one folium object per marker:
rendering hundreds of folium objects per step would cost more than the step budget.
The markers live in groups of the base map that are never replaced; a step adds,
removes or redraws only the markers that differ from the previous day's. Popup texts
are not in the step's data at all: the browser fetches every event's popup entries
once (the popup table, a static file) and a marker names the rows its popup lists.
Each step also carries the layers of the days Previous and Next lead to, while they are
small: the map draws them at the click, and the rerun that follows confirms them.

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
from pathlib import Path
from typing import Any
from urllib.parse import quote

import folium
import pandas as pd
from branca.element import Element, MacroElement
from geopy.distance import great_circle
from jinja2 import Template

from geo.assets import local_css, local_js, write_content_named
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
#: Event ids sent with a marker (for ``window.__qmap.markers()``, read by tests); a busy
#: place of 10,000 generated events has hundreds, and the page needs none of them to draw.
MARKER_IDS = 25
MARKER_IDS_BUSY = 3
#: A popup lists at most this many of the day's events in full, then earlier ones briefly.
#: A step sends only row numbers for them (the text is in the popup table, sent once).
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

#: What could end or confuse a ``<script>`` element around JSON, and its JSON escape:
#: ``</`` (as in ``</script>``) and ``<!--`` (which changes how a script is parsed).
#: Other ``<`` are harmless there and stay as they are: each escape costs 5 bytes, and a
#: busy step's JSON holds tens of thousands of tags.
_JS_UNSAFE = {"</": "\\u003c/", "<!--": "\\u003c!--", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def js_json(value: Any) -> str:
    """``value`` as a JavaScript literal that is safe inside a ``<script>`` element.

    JSON strings are double-quoted, so backticks and ``${`` have no meaning in them;
    escaping ``</`` and ``<!--`` keeps ``</script>`` and comments from ending or
    confusing the script element around it (the line separators U+2028/9 are escaped
    for old JavaScript parsers).
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _JS_UNSAFE.items():  # str.replace: a step's JSON is megabytes
        text = text.replace(raw, escaped)
    return text


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


# --- initial view ---------------------------------------------------------------------

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
        if great_circle(middle, (lat, lon)).km <= radius_km
    ] or [middle]
    lats, lons = [p[0] for p in near], [p[1] for p in near]
    return (min(lats), min(lons)), (max(lats), max(lons))


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

    Done once per events file (the app caches it); the map gets them once as the popup
    table (:func:`popup_table_json`), so a timeline step sends row numbers, not text.
    ``aliases`` maps place id to other spellings to mark in excerpts. The frame's index
    is reset: row numbers are positions in it.
    """
    aliases = aliases or {}
    out = events.reset_index(drop=True)
    records = out.to_dict("records")
    out["popup_full"] = [event_popup_item(r, aliases.get(r.get("place_id"), ())) for r in records]
    out["popup_brief"] = [event_popup_item(r, brief=True) for r in records]
    return out


def popup_table_json(events: pd.DataFrame) -> str:
    """Every row's popup entries, ``[[full, brief], ...]`` by row number, as safe JSON.

    The map fetches this once (from a static file, see ``install_popup_table``) and
    builds a popup from it when one opens; the day's markers carry only row numbers.
    10,000 events make a 10 MB table, which would otherwise be resent, in part, at
    every step. The entries are escaped HTML from :func:`event_popup_item`.
    """
    return js_json([[full, brief] for full, brief in
                    zip(events["popup_full"], events["popup_brief"], strict=True)])  # fmt: skip


def install_popup_table(events: pd.DataFrame, static_dir: Path, url_prefix: str) -> str:
    """Write the popup table under ``static_dir`` once; return its URL.

    The file name holds a digest of the content: other events (a reader's article, a
    corrected place) get another URL, and the browser may cache each one for good.
    """
    name = write_content_named(static_dir, "popups", popup_table_json(events), digits=16)
    return f"{url_prefix}/{name}"


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
    ``popup_fragments``; its index labels are the row numbers of the popup table. The
    group holding ``selected`` is highlighted, and its popup opened when ``open_popup``
    (the reader picked the event in the list).
    """
    records = visible.to_dict("records")
    for row, record in zip(visible.index, records, strict=True):
        record["_row"] = int(row)
    return layers_from_records(records, selected, open_popup)


def _start_key(record: Mapping[str, Any]) -> int:
    """The start as a number (precomputed by ``geo.timeline.EventIndex`` as ``_start``)."""
    key = record.get("_start")
    return key if key is not None else pd.Timestamp(record["start"]).value


def _spot_key(record: Mapping[str, Any]) -> tuple[float, float]:
    """Where the marker goes, to 4 decimals (~10 m); precomputed as ``_spot``."""
    key = record.get("_spot")
    return key if key is not None else (round(float(record["lat"]), 4),
                                        round(float(record["lon"]), 4))  # fmt: skip


def _nan_last(value: object) -> float:
    return math.inf if value is None or value != value else float(value)  # NaN != NaN


def layers_from_records(
    records: Sequence[Mapping[str, Any]], selected: str | None = None, open_popup: bool = False
) -> EventLayers:
    """``event_layers`` on plain records (``geo.timeline.EventIndex.visible``).

    The app's path at every step: plain dictionaries cost a few milliseconds where the
    same grouping in pandas costs tens (10,000 events).
    """
    if not records:
        return EventLayers((), "[]", "[]", "[]")
    today = State.TODAY.value
    # The day's events first, then the most recent (stable: ties keep the file's order).
    ordered = sorted(records, key=lambda r: (r["state"] != today, -_start_key(r)))
    # One marker per spot, not per place id: a town and its district can share a point.
    spots: dict[tuple[float, float], list[Mapping[str, Any]]] = {}
    for r in ordered:
        spots.setdefault(_spot_key(r), []).append(r)
    groups: list[MarkerGroup] = []
    markers, rings, labels = [], [], []
    busy = len(spots) > MAX_LABELS
    id_limit = MARKER_IDS_BUSY if busy else MARKER_IDS
    for rows in spots.values():
        first = rows[0]
        ids = tuple(dict.fromkeys(str(r["id"]) for r in rows))
        by_place: dict[str, Mapping[str, Any]] = {}
        for r in rows:
            by_place.setdefault(str(r["place_id"]), r)
        places = sorted(by_place.values(), key=lambda r: _nan_last(r.get("precision_km")))
        name = " / ".join(dict.fromkeys(str(r["place_name"]) for r in places))
        is_today = any(r["state"] == today for r in rows)
        state = today if is_today else State.PAST.value
        is_selected = selected is not None and selected in ids
        style = category_style(first["category"])
        lat, lon = round(float(first["lat"]), 6), round(float(first["lon"]), 6)
        precision = [_nan_last(r.get("precision_km")) for r in places]
        precision = [km for km in precision if km != math.inf]
        group = MarkerGroup(
            place_ids=tuple(str(r["place_id"]) for r in places),
            place_name=name,
            lat=lat,
            lon=lon,
            state=state,
            event_ids=ids,
            category=str(first["category"]),
            precision_km=precision[0] if precision else 0.0,
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
                "event_ids": list(ids[:id_limit]),
            }
        )
        busy_and_past = busy and not (is_today or is_selected)
        for km in dict.fromkeys(precision):
            if 0 < km <= MAX_RING_KM and not busy_and_past:  # busy map: the day's rings only
                rings.append(
                    {"lat": lat, "lon": lon, "r": km * 1000, "color": style.color,
                     "state": state}  # fmt: skip
                )
    many = len(groups) > MAX_LABELS
    # Most important first: the browser places labels in this order and hides those that
    # would cover a marker or a label already placed.
    for group in sorted(groups, key=lambda g: (not g.selected, g.state != today)):
        if many and group.state != today and not group.selected:
            continue
        label = group.place_name.split(" / ")[0]  # the most precise name
        labels.append(
            {"lat": group.lat, "lon": group.lon, "text": esc(label), "state": group.state}
        )
    return EventLayers(tuple(groups), js_json(markers), js_json(rings), js_json(labels))


def _group_popup(
    rows: Sequence[Mapping[str, Any]],
    places: Sequence[Mapping[str, Any]],
    selected: str | None,
) -> dict[str, Any]:
    """What the popup of one spot lists, by row number in the popup table.

    ``{"head": html, "sel": row or None, "full": [rows], "brief": [rows], "more": n}``:
    the picked event, the day's events in full (up to ``POPUP_FULL``), up to
    ``POPUP_BRIEF`` earlier ones as title and date, and how many more there are. The
    browser joins the table's ready-made, escaped entries in that order when the popup
    opens (``popupHtml`` in ``_MAP_JS``; :func:`popup_html` here).
    """
    n = len(rows)
    where = []
    for place in places:
        km = place.get("precision_km")
        ring = f"±{km:g} km" if km and km == km else ""  # km == km: not NaN
        detail = ", ".join(x for x in (esc(place.get("country_code")), ring) if x)
        suffix = f" <span>({detail})</span>" if detail else ""
        where.append(f"{esc(place.get('place_name'))}{suffix}")
    head = f'<div class="ev-place">{" · ".join(where)}'
    head += f" — {n} events</div>" if n > 1 else "</div>"
    sel: int | None = None
    full: list[int] = []
    brief: list[int] = []
    for row in rows:
        if selected is not None and sel is None and str(row["id"]) == selected:
            sel = int(row["_row"])
        elif row["state"] == State.TODAY.value and len(full) < POPUP_FULL:
            full.append(int(row["_row"]))
        elif len(brief) < POPUP_BRIEF:
            brief.append(int(row["_row"]))
    more = n - len(full) - len(brief) - (sel is not None)
    return {"head": head, "sel": sel, "full": full, "brief": brief, "more": more}


def popup_html(popup: Mapping[str, Any], table: Sequence[Sequence[str]]) -> str:
    """The popup as HTML, from a marker's ``popup`` and the popup table.

    What ``popupHtml`` in ``_MAP_JS`` does in the browser, for Python callers and tests.
    """
    parts = [popup["head"]]
    if popup["sel"] is not None:
        picked = table[popup["sel"]][0]
        parts.append(picked.replace('class="ev-item', 'class="ev-item ev-selected', 1))
    parts += [table[row][0] for row in popup["full"]]
    parts += [table[row][1] for row in popup["brief"]]
    if popup["more"]:
        parts.append(f'<p class="ev-more">and {popup["more"]} earlier event(s) here</p>')
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
    """Hands the day's data of one kind (markers, rings or labels) to the base map.

    Its feature group stays empty: it only carries this script to the browser, where
    ``window.__qmap.update`` puts the data into the base map's own groups (see
    ``_MAP_JS``), changing only what differs from the previous step.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var q = window.__qmap;
            {% if this.day %}if (q) { q.day = {{ this.day|tojson }}; }{% endif %}
            {% if this.ahead %}if (q) { q.ahead = {{ this.ahead }}; }{% endif %}
            if (q && q.update) { q.update({{ this.kind|tojson }}, {{ this.data }}); }
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self, kind: str, name: str, data_json: str, day: str | None = None, ahead: str = ""
    ):
        super().__init__()
        self._name = "DataLayer"
        self.kind = kind
        self.name = name
        self.data = data_json
        self.day = day
        self.ahead = ahead


EVENTS_LAYER = "Events"
RINGS_LAYER = "Precision rings"
LABELS_LAYER = "Place labels"


#: Steps ahead are sent only while they are this small (a busy map's would double a step).
AHEAD_MAX_BYTES = 60_000


def ahead_json(ahead: Mapping[str, tuple[date, EventLayers]]) -> str:
    """The layers of the days Previous and Next lead to, for the map to draw at the click.

    ``{"next": {"day", "markers", "rings", "labels"}, "previous": ...}``, or "" when
    there is nothing to send or it would be too large (:data:`AHEAD_MAX_BYTES`).
    """
    parts = []
    for direction, (day, layers) in ahead.items():
        parts.append(
            f'"{direction}":{{"day":"{day.isoformat()}","markers":{layers.markers_json},'
            f'"rings":{layers.rings_json},"labels":{layers.labels_json}}}'
        )
    text = "{" + ",".join(parts) + "}" if parts else ""
    return text if len(text) <= AHEAD_MAX_BYTES else ""


def feature_groups(
    layers: EventLayers,
    day: date | None = None,
    ahead: Mapping[str, tuple[date, EventLayers]] | None = None,
) -> list[folium.FeatureGroup]:
    """The day's three feature groups for ``st_folium(feature_group_to_add=...)``.

    Built fresh each rerun (folium objects must not be cached: streamlit-folium
    renames them when it renders). ``day`` is written to ``window.__qmap.day`` with the
    markers: it makes every step reach the map (streamlit-folium skips unchanged groups,
    and two days can show the same markers), so the map always states the day it shows.

    ``ahead`` ("next"/"previous" -> the day a click leads to and its layers) lets the map
    draw a step the moment Previous or Next is clicked, before the page's rerun brings
    the same layers (``q.stepAhead`` in ``_MAP_JS``): a Streamlit rerun costs the
    browser about 130 ms here, even for a page holding nothing but the map and a button.
    """
    out = []
    extra = ahead_json(ahead or {})
    for kind, name, data in (
        ("rings", RINGS_LAYER, layers.rings_json),
        ("markers", EVENTS_LAYER, layers.markers_json),
        ("labels", LABELS_LAYER, layers.labels_json),
    ):
        fg = folium.FeatureGroup(name=name, control=False)
        when = day.isoformat() if day is not None and kind == "markers" else None
        fg.add_child(_DataLayer(kind, name, data, when, extra if kind == "markers" else ""))
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
.country-label, .ne-place { display: block; }
.ne-place { background: none; border: none; white-space: nowrap; color: #4a4237;
  font-size: 11px; line-height: 14px; text-shadow: 0 0 2px #f4f0e6, 0 0 2px #f4f0e6;
  transform: translate(-4px, -50%); }
.ne-place::before { content: ''; display: inline-block; width: 5px; height: 5px;
  margin-right: 4px; border-radius: 50%; background: #4a4237; vertical-align: 1px; }
.ne-capital { font-weight: 700; }
.ev-popup { max-height: 320px; overflow-y: auto; padding-right: 4px; }
.ev-popup .ev-place { font-weight: 700; border-bottom: 1px solid #ddd; margin-bottom: 4px; }
.ev-popup .ev-item { border-left: 3px solid transparent; padding: 2px 0 6px 6px; }
.ev-popup .ev-item.ev-selected { border-left-color: #ffd400; background: #fffbe0; }
.ev-popup h4 { margin: 4px 0 2px; font-size: 14px; }
.ev-popup p, .ev-popup blockquote { margin: 2px 0; font-size: 13px; line-height: 1.35; }
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
    var osm = {% if this.osm_url %}L.tileLayer({{ this.osm_url|tojson }}, {
        attribution: {{ this.osm_attribution|tojson }}, maxZoom: 19}){% else %}null{% endif %};
    var offline = {{ this.offline.get_name() }};
    var bases = {'Offline map (Natural Earth)': offline};
    if (osm) { bases['OpenStreetMap'] = osm; }
    var control = L.control.layers(bases, {{ this.overlays }}, {collapsed: true}).addTo(map);
    {% if this.bounds %}
    // No animation: streamlit-folium may centre the map on a selected event right after
    // this, and an animated fit would finish later and undo it.
    map.fitBounds({{ this.bounds }}, {padding: [30, 30], maxZoom: {{ this.max_zoom }},
                                      animate: false});
    {% endif %}
    // The day's markers, rings and labels live in three groups made here, once: a step
    // only changes what is in them (q.update), so the reader's choices in the layer
    // control stay, and a marker that did not change is not redrawn.
    var groups = {markers: L.featureGroup().addTo(map), rings: L.featureGroup().addTo(map),
                  labels: L.featureGroup().addTo(map)};
    control.addOverlay(groups.markers, {{ this.events_name|tojson }});
    control.addOverlay(groups.rings, {{ this.rings_name|tojson }});
    control.addOverlay(groups.labels, {{ this.labels_name|tojson }});
    var q = window.__qmap = {map: map, control: control, osm: osm, offline: offline,
                             groups: groups, online: null, day: null,
                             // version: how many times the markers were updated; drawnAt:
                             // when the frame showing them was painted (tests, benchmark).
                             version: 0, drawnAt: null};
    var shown = {markers: {}, rings: {}, labels: {}};  // key -> {sig, layer}
    // The popup table: every event's popup entries ([full, brief] HTML, escaped on the
    // server), by row number. Fetched once; markers name rows (d.popup.items).
    var store = window.__qmapData = window.__qmapData || {};
    {% if this.popups_url %}
    store.popups = fetch({{ this.popups_url|tojson }}).then(function (r) {
        if (!r.ok) { throw new Error('popup table: HTTP ' + r.status); }
        return r.json(); });
    {% else %}
    store.popups = Promise.resolve({{ this.popup_table }});
    {% endif %}
    var table = null;
    store.popups = store.popups.catch(function (err) {
        console.warn('popup texts left out', err); return []; });
    store.popups.then(function (t) { table = t; });
    // geo.mapview.popup_html does the same in Python.
    function popupHtml(p) {
        var parts = [p.head];
        function add(row, which, selected) {
            var entry = table[row];
            if (!entry) { return; }
            parts.push(selected ? entry[which].replace('class="ev-item',
                                                       'class="ev-item ev-selected')
                                : entry[which]);
        }
        if (p.sel !== null) { add(p.sel, 0, true); }
        p.full.forEach(function (row) { add(row, 0, false); });
        p.brief.forEach(function (row) { add(row, 1, false); });
        if (p.more) {
            parts.push('<p class="ev-more">and ' + p.more + ' earlier event(s) here</p>');
        }
        return '<div class="ev-popup">' + parts.join('') + '</div>';
    }
    // Leaflet asks for the content each time the popup opens; before the table has
    // arrived (the first second of a large file) it shows the place and fills in after.
    function popupContent(m, p) {
        if (table) { return popupHtml(p); }
        store.popups.then(function () {
            if (m.isPopupOpen()) { m.setPopupContent(popupHtml(p)); }
        });
        return '<div class="ev-popup">' + p.head + '<p>Loading…</p></div>';
    }
    function make(kind, d) {
        if (kind === 'markers') {
            var m = L.marker([d.lat, d.lon], {
                icon: L.divIcon({className: 'ev-icon', html: d.icon,
                                 iconSize: [26, 26], iconAnchor: [13, 13]}),
                title: d.title, alt: d.title, zIndexOffset: d.z, riseOnHover: true});
            m.bindPopup(function () { return popupContent(m, d.popup); },
                        {maxWidth: 380, minWidth: 260, autoPanPadding: [30, 30]});
            return m;
        }
        if (kind === 'rings') {
            return L.circle([d.lat, d.lon], {radius: d.r, color: d.color,
                weight: 1.5, opacity: d.state === 'past' ? 0.35 : 0.8,
                dashArray: '4 4', fillColor: d.color,
                fillOpacity: d.state === 'past' ? 0.04 : 0.1, interactive: false});
        }
        return L.marker([d.lat, d.lon], {
            icon: L.divIcon({className: 'place-label ev-' + d.state, html: d.text,
                             iconSize: null, iconAnchor: [-16, 8]}),
            interactive: false, keyboard: false});
    }
    // Run fn once Leaflet's stylesheet applies: a popup laid out before it would keep
    // the wrong width, and its tip would point beside its marker.
    function whenStyled(fn) {
        var link = document.querySelector('link[href*="leaflet.css"]');
        if (!link || link.sheet) { fn(); } else { link.addEventListener('load', fn); }
    }
    // Replace the content of one group by ``data`` (a list of plain objects from Python),
    // keeping the layers whose data did not change.
    q.update = function (kind, data) {
        var group = groups[kind], old = shown[kind], next = {}, opened = null;
        for (var i = 0; i < data.length; i++) {
            var d = data[i];
            var key = d.lat + ',' + d.lon + (kind === 'rings' ? ',' + d.r : '');
            var sig = kind === 'markers'
                ? [d.icon, JSON.stringify(d.popup), d.title, d.z].join('\u0000')
                : kind === 'rings' ? d.color + d.state : d.text + d.state;
            var have = old[key];
            delete old[key];
            if (!have || have.sig !== sig) {
                if (have) { group.removeLayer(have.layer); }
                have = {sig: sig, layer: make(kind, d)};
                group.addLayer(have.layer);
            }
            if (kind === 'markers') {
                have.layer.eventIds = d.event_ids;
                if (d.open) { opened = have.layer; }
            }
            next[key] = have;
        }
        for (var gone in old) { group.removeLayer(old[gone].layer); }
        shown[kind] = next;
        if (kind === 'markers') {
            q.version += 1;
            requestAnimationFrame(function () {
                setTimeout(function () { q.drawnAt = Date.now(); }, 0); });
            if (opened) {  // the reader picked it: centre it and open its popup
                setTimeout(function () { whenStyled(function () {
                    map.setView(opened.getLatLng(), map.getZoom(), {animate: false});
                    opened.openPopup();
                }); }, 0);
            }
        }
        q.declutter();
    };
    // Previous and Next are the page's buttons, outside this frame. When the rerun they
    // start will show a day whose layers came with this one (q.ahead), draw them at the
    // click: the rerun then brings the same layers and changes nothing. Anything else
    // (no layers ahead, a disabled button, no access to the page) waits for the rerun.
    q.ahead = null;
    q.stepAhead = function (direction) {
        var next = q.ahead && q.ahead[direction];
        if (!next) { return false; }
        q.ahead = null;  // one step per rerun: the next click waits for fresh layers
        q.day = next.day;
        q.update('rings', next.rings);
        q.update('markers', next.markers);
        q.update('labels', next.labels);
        return true;
    };
    try {
        var page = window.parent.document;
        var onClick = function (e) {
            if (!window.frameElement || !window.frameElement.isConnected) {
                page.removeEventListener('click', onClick, true);  // this map is gone
                return;
            }
            var button = e.target && e.target.closest ? e.target.closest('button') : null;
            if (!button || button.disabled) { return; }
            var label = (button.innerText || '').trim();
            if (label === 'Next') { q.stepAhead('next'); }
            else if (label === 'Previous') { q.stepAhead('previous'); }
        };
        page.addEventListener('click', onClick, true);
    } catch (err) { /* another origin: steps wait for the rerun */ }

    // The markers drawn now: position and event ids (for tests and curious readers).
    q.markers = function () {
        var out = [];
        if (map.hasLayer(groups.markers)) {
            groups.markers.eachLayer(function (m) {
                var p = m.getLatLng();
                out.push({lat: p.lat, lng: p.lng, ids: m.eventIds || [],
                          title: m.options.title});
            });
        }
        return out;
    };

    // Place labels go right of their marker, else left, above or below, wherever they
    // cover no marker and no label placed before them (the data lists the day's places
    // first); a label with no free spot is hidden (the marker's tooltip still names it).
    // Runs once per frame however often it is asked for (each added group asks).
    var declutterQueued = false;
    q.declutter = function () {
        if (declutterQueued) { return; }
        declutterQueued = true;
        requestAnimationFrame(function () { declutterQueued = false; declutter(); });
    };
    function declutter() {
        var labels = groups.labels, events = groups.markers;
        if (!labels || !map.hasLayer(labels)) { return; }
        var taken = [];
        if (events && map.hasLayer(events)) {
            events.eachLayer(function (mk) {
                var p = map.latLngToLayerPoint(mk.getLatLng());
                taken.push([p.x - 14, p.y - 18, p.x + 22, p.y + 14]);  // icon and count badge
            });
        }
        function free(b) {
            for (var k = 0; k < taken.length; k++) {
                var t = taken[k];
                if (b[0] < t[2] && b[2] > t[0] && b[1] < t[3] && b[3] > t[1]) { return false; }
            }
            return true;
        }
        // All writes, then all reads, then all writes: one layout instead of one per label.
        var items = [];
        labels.eachLayer(function (lb) {
            var el = lb.getElement();
            if (el) { el.style.display = ''; items.push({lb: lb, el: el}); }
        });
        items.forEach(function (it) { it.w = it.el.offsetWidth; it.h = it.el.offsetHeight; });
        items.forEach(function (it) {
            var w = it.w, h = it.h, p = map.latLngToLayerPoint(it.lb.getLatLng());
            // Right of the icon and its count badge, left, above, below.
            var spots = [[24, -h / 2], [-16 - w, -h / 2], [-w / 2, -19 - h], [-w / 2, 16]];
            for (var k = 0; k < spots.length; k++) {
                var x = p.x + spots[k][0], y = p.y + spots[k][1], b = [x, y, x + w, y + h];
                if (free(b)) {
                    it.el.style.marginLeft = spots[k][0] + 'px';
                    it.el.style.marginTop = spots[k][1] + 'px';
                    it.el.classList.remove('ev-hidden');
                    taken.push(b);
                    return;
                }
            }
            it.el.style.display = 'none';
            it.el.classList.add('ev-hidden');
        });
    }
    map.on('zoomend overlayadd', q.declutter);

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
        var land = L.geoJSON(null, {interactive: false, style: {color: '#9c9383',
            weight: 0.5, fillColor: '#f1ede3', fillOpacity: 1}}).addTo(mm);
        window.__qmapData.countries.then(function (d) { land.addData(d); land.bringToBack(); })
            .catch(function () {});
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

    def __init__(
        self,
        offline: folium.FeatureGroup,
        countries: _GeoJsonLayer,
        overlays: str,
        osm_url: str | None,
        probe_url: str,
        bounds: Bounds | None,
        popups_url: str | None = None,
        popup_table: str = "[]",
    ):
        super().__init__()
        self._name = "MapFurniture"
        self.popups_url = popups_url
        self.popup_table = popup_table  # embedded when there is no URL (tests, scripts)
        self.offline = offline
        self.countries = countries
        self.overlays = overlays
        self.osm_url = osm_url  # a plain L.tileLayer: folium's TileLayer costs ms per rerun
        self.osm_attribution = OSM_ATTRIBUTION
        self.probe_url = probe_url
        self.bounds = js_json([list(bounds[0]), list(bounds[1])]) if bounds else None
        self.max_zoom = FOCUS_MAX_ZOOM
        self.events_name = EVENTS_LAYER
        self.rings_name = RINGS_LAYER
        self.labels_name = LABELS_LAYER


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
    """Country and city names (``Basemap.label_rows``), decluttered in ``geo.basemap``.

    Only the names whose ``min_zoom`` the map has reached and that lie in the view are on
    the map; a city's name gives way to the events' own markers and labels near it.
    Fetched from ``url`` (a static file) when given, else embedded; text via textContent.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var fg = {{ this._parent.get_name() }}, map = {{ this._parent._parent.get_name() }};
            var rows = [], shown = {}, queued = false;
            function label(r) {
                var el = document.createElement('span');
                el.textContent = r[0];
                el.className = r[4] === 'country' ? 'country-label'
                    : 'ne-place' + (r[4] === 'capital' ? ' ne-capital' : '');
                return L.marker([r[1], r[2]], {icon: L.divIcon({className: '', html: el,
                    iconSize: null}), interactive: false, keyboard: false, neLabel: true});
            }
            function refresh() {
                var z = map.getZoom(), view = map.getBounds().pad(0.2);
                for (var i = 0; i < rows.length; i++) {
                    var r = rows[i], want = r[3] <= z && view.contains([r[1], r[2]]);
                    if (want && !shown[i]) { shown[i] = label(r); fg.addLayer(shown[i]); }
                    else if (!want && shown[i]) { fg.removeLayer(shown[i]); delete shown[i]; }
                }
                giveWay();
            }
            function giveWay() {  // hide city names where the events are
                var q = window.__qmap, pts = [];
                if (q && q.groups && map.hasLayer(q.groups.markers)) {
                    q.groups.markers.eachLayer(function (mk) {
                        pts.push(map.latLngToLayerPoint(mk.getLatLng()));
                    });
                }
                function clear(x0, y0, x1, y1) {  // no event marker or its label there
                    for (var k = 0; k < pts.length; k++) {
                        var m = pts[k];
                        if (x0 < m.x + 110 && m.x - 16 < x1 && y0 < m.y + 16 && m.y - 20 < y1) {
                            return false;
                        }
                    }
                    return true;
                }
                for (var i in shown) {
                    var r = rows[i], el = shown[i].getElement();
                    if (!el) { continue; }
                    var p = map.latLngToLayerPoint([r[1], r[2]]), inner = el.firstChild;
                    if (r[4] === 'country') {  // a country's name moves aside instead
                        var w = 4.3 * r[0].length, dy = [0, 20, -20, 40, -40].find(function (d) {
                            return clear(p.x - w, p.y + d - 7, p.x + w, p.y + d + 7);
                        });
                        inner.style.transform = 'translate(-50%, calc(-50% + '
                            + (dy === undefined ? 0 : dy) + 'px))';
                        continue;
                    }
                    el.style.display = clear(p.x - 4, p.y - 8, p.x + 10 + 6.4 * r[0].length,
                                             p.y + 8) ? '' : 'none';
                }
            }
            function later() {
                if (queued) { return; }
                queued = true;
                requestAnimationFrame(function () { queued = false; giveWay(); });
            }
            var data = window.__qmapData = window.__qmapData || {};
            {% if this.url %}
            data.labels = fetch({{ this.url|tojson }}).then(function (r) { return r.json(); });
            {% else %}
            data.labels = Promise.resolve({{ this.data }});
            {% endif %}
            data.labels.then(function (d) {
                rows = d;
                map.on('zoomend moveend', refresh);
                map.on('layeradd layerremove', function (e) {
                    if (!(e.layer.options && e.layer.options.neLabel)) { later(); }
                });
                refresh();
            }).catch(function (err) { console.warn('basemap labels left out', err); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, data_json: str, url: str | None = None):
        super().__init__()
        self._name = "CountryLabels"
        self.url = url
        self.data = None if url else data_json


class _GeoJsonLayer(_FastMacro):
    """A non-interactive GeoJSON layer from the basemap: fetched from ``url``, or embedded.

    folium's own GeoJson re-serialises the data and walks every coordinate for its
    bounds on each render (tens of milliseconds per rerun); this embeds the cached text,
    or, given a URL (``geo.basemap.install_static_basemap``), only the URL, and the
    browser fetches the file once. ``window.__qmapData[layer]`` is a promise of the
    layer's data either way (the mini map reads the countries from it).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        // Its own pane under the markers' (overlayPane, z 400): the layers arrive after
        // the day's rings, and the opaque land would otherwise cover them.
        if (!{{ this._parent._parent.get_name() }}.getPane('qmapBase')) {
            {{ this._parent._parent.get_name() }}.createPane('qmapBase').style.zIndex = 350;
        }
        var {{ this.get_name() }} = L.geoJSON(null, {
            interactive: false, style: {{ this.style }}, pane: 'qmapBase'
        }).addTo({{ this._parent.get_name() }});
        (function (layer) {
            var data = window.__qmapData = window.__qmapData || {};
            {% if this.url %}
            data[{{ this.layer|tojson }}] = fetch({{ this.url|tojson }})
                .then(function (r) { return r.json(); });
            {% else %}
            data[{{ this.layer|tojson }}] = Promise.resolve({{ this.data }});
            {% endif %}
            // The land's fill goes under the lines, whichever file arrives first.
            data[{{ this.layer|tojson }}].then(function (d) {
                layer.addData(d);
                {% if this.layer == 'countries' %}layer.bringToBack();{% endif %}
            })
                .catch(function (err) { console.warn('basemap layer left out', err); });
        })({{ this.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, basemap: Basemap, layer: str, url: str | None = None, **style: Any):
        super().__init__()
        self._name = "GeoJsonLayer"
        self.layer = layer
        self.url = url
        self.data = None if url else basemap.as_json(layer).replace("<", "\\u003c")
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
    # Closed by default: open, it would cover the markers in the map's lower left.
    return "<details><summary>Legend</summary>" + "<br>".join(lines) + "</details>"


def build_map(
    basemap: Basemap,
    categories: Sequence[str] = (),
    online_tiles: bool = True,
    center: tuple[float, float] = DEFAULT_CENTER,
    zoom: int = DEFAULT_ZOOM,
    bounds: Bounds | None = None,
    basemap_urls: Mapping[str, str] | None = None,
    popups_url: str | None = None,
    popup_table: str = "[]",
) -> folium.Map:
    """The base map: offline Natural Earth look, optional OpenStreetMap, furniture.

    ``bounds`` (from ``focus_bounds``) replaces ``center`` and ``zoom``: the map opens
    fitted to them. With ``basemap_urls`` (layer -> URL) the Natural Earth layers are
    fetched from there instead of embedded in the script. The popups' texts come from
    ``popups_url`` (``install_popup_table``), else from ``popup_table``
    (``popup_table_json``) embedded in the script. Identical output for
    identical arguments, which keeps streamlit-folium from rebuilding the Leaflet map on
    reruns. Build it fresh every run (never cache it).
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
    m.get_root().header.add_child(_Raw(_MAP_CSS), name="qmap_css")

    urls = basemap_urls or {}

    def layer(name: str, **style: Any) -> _GeoJsonLayer:
        return _GeoJsonLayer(basemap, name, urls.get(name), **style)

    offline = folium.FeatureGroup(name="Offline map (Natural Earth)", overlay=False, control=False)
    # No outline: coastline and borders are layers of their own (the polygons are cut
    # where the detailed part of the basemap begins, and that cut must not show).
    countries = layer("countries", stroke=False, fillColor="#f4f0e6", fillOpacity=1.0)
    offline.add_child(countries)
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
    label_url = urls.get("labels")  # else embedded (not built at each rerun when served)
    names.add_child(_CountryLabels("" if label_url else js_json(basemap.label_rows()), label_url))
    names.add_to(m)

    overlays = f'{{"Borders": {borders.get_name()}, "Country and city names": {names.get_name()}}}'
    lat, lon = center
    x, y = _tile_xy(lat, lon, zoom)
    probe = OSM_URL.format(z=zoom, x=x, y=y) if online_tiles else ""
    osm_url = OSM_URL if online_tiles else None
    m.add_child(_MapFurniture(offline, countries, overlays, osm_url, probe, bounds,
                              popups_url, popup_table))  # fmt: skip
    m.add_child(_Legend(legend_html(categories)))
    return m


def _tile_xy(lat: float, lon: float, zoom: int) -> tuple[int, int]:
    """The slippy-map tile holding a point (for the OpenStreetMap probe)."""
    n = 2**zoom
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y
