"""The day's markers, rings and labels as JSON, grouped by place: what a step sends.

Markers are drawn in the browser from this JSON (``window.__qmap.update`` in
``static/qmap.js``) instead of one folium object per marker: rendering hundreds of
folium objects per step would cost more than the step budget. A marker's popup names
rows of the popup table (``geo.map.popups``), not texts. Each step can also carry the
layers of the days Previous and Next lead to (:func:`ahead_json`), naming the markers
they share with the day's own by position: from day to day most places do not change.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import pandas as pd

from geo.categories import category
from geo.map.bounds import MAX_RING_KM
from geo.map.popups import place_head
from geo.map.safejson import js_json
from geo.markup import macro
from geo.timeline import State

#: With more marker groups than this, only the day's places get a label.
MAX_LABELS = 40
#: Event ids sent with a marker (for ``window.__qmap.markers()``, read by tests); a busy
#: place of 10,000 generated events has hundreds, and the page needs none of them to draw.
MARKER_IDS = 25
MARKER_IDS_BUSY = 3
#: Places drawn without a precision ring: a country's own outline is on the basemap.
NO_RING_KINDS = frozenset({"country"})
#: A popup lists at most this many of the day's events in full, then earlier ones briefly.
#: A step sends only row numbers for them (the text is in the popup table, sent once).
POPUP_FULL = 25
POPUP_BRIEF = 15


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
    count: int = 0  # events at the spot (more than ``event_ids`` when aggregated)


@dataclass(frozen=True)
class EventLayers:
    """The day's markers, rings and labels as JSON for the browser, and their groups."""

    groups: tuple[MarkerGroup, ...]
    markers_json: str
    rings_json: str
    labels_json: str
    popup_rows: tuple[int, ...] = ()  # rows of the popup table the markers name
    spots: tuple[tuple[float, float], ...] = ()  # each group's spot (``_spot``), in order
    #: Each marker's, ring's and label's JSON (the items of the three lists, in order):
    #: a step ahead names those equal to the day's own by position (:func:`ahead_json`).
    #: Empty: not known (the layers are then sent whole).
    items: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] = ((), (), ())
    #: The text before and after the marker list in ``markers_json`` (aggregated markers
    #: wrap it, ``geo.map.aggregate``).
    wrap: tuple[str, str] = ("", "")

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


@lru_cache(maxsize=1024)
def marker_icon(category_name: str, state: str, count: int, selected: bool) -> str:
    """A marker's icon HTML (category colour and symbol, state, count badge)."""
    style = category(category_name)
    return str(macro("popup.html", "icon")(style.color, style.symbol, state, count, selected,
                                            style.ink))


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
    records: Sequence[Mapping[str, Any]],
    selected: str | None = None,
    open_popup: bool = False,
    totals: Mapping[tuple[float, float], int] | None = None,
    popup_limits: tuple[int, int] = (POPUP_FULL, POPUP_BRIEF),
    memo: MutableMapping[tuple, SpotLayers] | None = None,
) -> EventLayers:
    """Group the visible records by place and build the JSON the browser draws.

    ``records`` come from ``geo.timeline.EventIndex.visible`` (with ``state``; ``_row``
    is the row in the popup table). The group holding ``selected`` is highlighted, and
    its popup opened when ``open_popup`` (the reader picked the event in the list).
    Plain dictionaries cost a few milliseconds per step where the same grouping in
    pandas costs tens (10,000 events). ``totals`` (spot -> events there) is given when
    ``records`` hold only the rows each spot's popup names (``geo.map.aggregate``);
    ``popup_limits``: how many of the day's events a popup lists in full, and earlier
    ones briefly. ``memo`` keeps each place's marker from step to step, keyed by the
    identity of its records (shared, unchanging records of one ``EventIndex`` only):
    up to the day, most places are the same as the day before.
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
    busy = len(spots) > MAX_LABELS
    made: list[SpotLayers] = []
    for spot, rows in spots.items():
        ids = tuple(dict.fromkeys(str(r["id"]) for r in rows))
        n = totals.get(spot, len(ids)) if totals else len(ids)
        chosen = selected if selected is not None and selected in ids else None
        opened = bool(open_popup and chosen is not None)
        key = (tuple(map(id, rows)), n, chosen, opened, busy, popup_limits)
        one = memo.get(key) if memo is not None else None
        if one is None:
            one = _spot_layers(rows, ids, n, chosen, opened, busy, popup_limits)
            if memo is not None:
                if len(memo) >= MEMO_MAX:
                    memo.clear()
                memo[key] = one
        made.append(one)
    groups = [one.group for one in made]
    labels = []
    many = len(groups) > MAX_LABELS
    # Most important first: the browser places labels in this order and hides those that
    # would cover a marker or a label already placed.
    for group in sorted(groups, key=lambda g: (not g.selected, g.state != today)):
        if many and group.state != today and not group.selected:
            continue
        label = group.place_name.split(" / ")[0]  # the most precise name
        labels.append({"lat": group.lat, "lon": group.lon, "text": label, "state": group.state})
    rows = tuple(sorted({row for one in made for row in one.popup_rows}))
    items = (tuple(one.marker for one in made),
             tuple(ring for one in made for ring in one.rings),
             tuple(js_json(x) for x in labels))  # fmt: skip
    marker_items, ring_items, label_items = items
    return EventLayers(tuple(groups), json_list(marker_items), json_list(ring_items),
                       json_list(label_items), rows, tuple(spots), items)  # fmt: skip


#: Places' markers a ``memo`` of :func:`layers_from_records` holds at most (then it
#: starts over): ~1 kB each.
MEMO_MAX = 20_000


@dataclass(frozen=True)
class SpotLayers:
    """One place's marker group, its marker's and rings' JSON, and its popup's rows."""

    group: MarkerGroup
    marker: str
    rings: tuple[str, ...]
    popup_rows: tuple[int, ...]


def _spot_layers(rows: Sequence[Mapping[str, Any]], ids: tuple[str, ...], n: int,
                 selected: str | None, open_popup: bool, busy: bool,
                 popup_limits: tuple[int, int]) -> SpotLayers:  # fmt: skip
    """The marker of the records ``rows`` at one spot (``selected``: one of theirs)."""
    today = State.TODAY.value
    first = rows[0]
    by_place: dict[str, Mapping[str, Any]] = {}
    for r in rows:
        by_place.setdefault(str(r["place_id"]), r)
    places = sorted(by_place.values(), key=lambda r: _nan_last(r.get("precision_km")))
    name = " / ".join(dict.fromkeys(str(r["place_name"]) for r in places))
    is_today = any(r["state"] == today for r in rows)
    state = today if is_today else State.PAST.value
    is_selected = selected is not None
    style = category(first["category"])
    lat, lon = round(float(first["lat"]), 6), round(float(first["lon"]), 6)
    precision = [_nan_last(r.get("precision_km")) for r in places]
    precision = [km for km in precision if km != math.inf]
    # A country's outline says where it is better than a ring (issue 11).
    ringed = [_nan_last(r.get("precision_km")) for r in places
              if str(r.get("kind", "")).lower() not in NO_RING_KINDS]  # fmt: skip
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
        count=n,
    )
    popup = group_popup(rows, places, selected, n, popup_limits)
    marker = {
        "lat": lat,
        "lon": lon,
        "icon": marker_icon(style.name, state, n, is_selected),
        "popup": popup,
        "title": f"{name}: {n} event(s)",
        "n": n,
        "name": name,
        "state": state,
        "z": (2000 if is_selected else 0) + (1000 if is_today else 0),
        "open": bool(is_selected and open_popup),
        "event_ids": list(ids[:MARKER_IDS_BUSY if busy else MARKER_IDS]),
    }
    rings = []
    busy_and_past = busy and not (is_today or is_selected)
    for km in dict.fromkeys(ringed):
        if 0 < km <= MAX_RING_KM and not busy_and_past:  # busy map: the day's rings only
            rings.append(js_json({"lat": lat, "lon": lon, "r": km * 1000, "color": style.color,
                                  "state": state}))  # fmt: skip
    return SpotLayers(group, js_json(marker), tuple(rings), tuple(_popup_rows(popup)))


def json_list(items: Sequence[str]) -> str:
    """A JSON list of items already in JSON (as ``js_json`` of the list would give)."""
    return "[" + ",".join(items) + "]"


def _popup_rows(popup: Mapping[str, Any]) -> list[int]:
    sel = popup["sel"]
    return [*popup["full"], *popup["brief"], *([] if sel is None else [sel])]


def group_popup(
    rows: Sequence[Mapping[str, Any]],
    places: Sequence[Mapping[str, Any]],
    selected: str | None,
    total: int | None = None,
    limits: tuple[int, int] = (POPUP_FULL, POPUP_BRIEF),
) -> dict[str, Any]:
    """What the popup of one spot lists, by row number in the popup table.

    ``{"head": html, "sel": row or None, "full": [rows], "brief": [rows], "more": n}``:
    the picked event, the day's events in full (up to ``POPUP_FULL``), up to
    ``POPUP_BRIEF`` earlier ones as title and date, and how many more there are. The
    browser joins the table's ready-made, escaped entries in that order when the popup
    opens (``popupHtml`` in ``static/qmap.js``). ``total``: the events at the spot when
    ``rows`` are only those the popup names.
    """
    n = len(rows) if total is None else total
    full_max, brief_max = limits
    head = place_head(places, n)
    sel: int | None = None
    full: list[int] = []
    brief: list[int] = []
    for row in rows:
        if selected is not None and sel is None and str(row["id"]) == selected:
            sel = int(row["_row"])
        elif row["state"] == State.TODAY.value and len(full) < full_max:
            full.append(int(row["_row"]))
        elif len(brief) < brief_max:
            brief.append(int(row["_row"]))
    more = n - len(full) - len(brief) - (sel is not None)
    return {"head": head, "sel": sel, "full": full, "brief": brief, "more": more}


#: Steps ahead are sent only while they are this small: each names the markers it shares
#: with the day's own by position, so in the cumulative view (most places unchanged
#: from day to day) they cost a fraction of the day's markers; the day view of 10,000
#: generated events sends ~2 x 50 kB; at 100,000 most places change every day, and
#: only Next fits (~190 kB).
AHEAD_MAX_BYTES = 250_000


def ahead_json(ahead: Mapping[str, tuple[date, EventLayers]],
               current: EventLayers | None = None) -> str:  # fmt: skip
    """The layers of the days Previous and Next lead to, for the map to draw at the click.

    ``{"next": {"day", "markers", "rings", "labels"}, "previous": ...}``: the directions
    in ``ahead``'s order while they fit in :data:`AHEAD_MAX_BYTES` ("" when none do). In
    each list (markers, or an aggregated layer's ``spots``; rings; labels) an item equal
    to one of ``current``'s (the day the step is sent with) is its position there, a
    number (items are objects): the map takes that item from the day's own
    (``withItems`` in ``static/qmap.js``).
    """
    parts = []
    known = [{text: i for i, text in enumerate(kind)} for kind in current.items] if current \
        else [{}, {}, {}]  # fmt: skip
    for direction, (day, layers) in ahead.items():
        lists = [layers.markers_json, layers.rings_json, layers.labels_json]
        for k, (items, seen) in enumerate(zip(layers.items, known, strict=True)):
            if items and seen:
                listed = json_list([str(seen[t]) if t in seen else t for t in items])
                lists[k] = layers.wrap[0] + listed + layers.wrap[1] if k == 0 else listed
        parts.append(
            f'"{direction}":{{"day":"{day.isoformat()}","markers":{lists[0]},'
            f'"rings":{lists[1]},"labels":{lists[2]}}}'
        )
    kept: list[str] = []  # in the order given (Next first: reading and Play go forward)
    for part in parts:
        if sum(map(len, kept)) + len(part) + len(kept) + 2 <= AHEAD_MAX_BYTES:
            kept.append(part)
    return "{" + ",".join(kept) + "}" if kept else ""
