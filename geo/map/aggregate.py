"""Markers aggregated by zoom: what the map draws when many events are visible.

With a few hundred events the map draws one marker per place (``geo.map.layers``). With
tens of thousands, building every place's popup from every visible row costs more than a
step may (100,000 generated events: 75,000 visible rows, 0.36 s of CPU a step), and a
region's hundreds of markers cover each other. Above :data:`AGGREGATE_ABOVE` visible
events a step therefore sends:

- the places' markers as today, each with its popup, but built from the rows the popup
  names (the day's first, then the most recent: at most :data:`ROWS_PER_SPOT` per
  place, chosen with numpy) and the place's count;
- per zoom level, the places grouped in a square grid of :data:`CELL_PX` screen pixels
  (Web Mercator, the tiles' projection): a cell holding one visible place shows its
  marker, a cell holding more shows one count bubble. Grids of successive levels nest
  (a cell splits in four), as in a quadtree.

The browser (``static/qcluster.js``) draws the level of its zoom and redraws at each
zoom change; a click on a bubble zooms to its places. A cell's bubble sits at the mean of
all the places of the events file that fall in it (not only the visible ones), so it
keeps its position, and the map's diffing (``q.update``) its marker, from step to step.
The cost of a step is linear in the visible rows (numpy) plus the places shown.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from geo.map.layers import EventLayers, layers_from_records
from geo.map.safejson import js_json
from geo.timeline import EventIndex, View

#: More visible events than this: markers aggregated by zoom (fewer: one per place).
AGGREGATE_ABOVE = 1000
#: A grid cell's side in screen pixels at its zoom (a bubble is ~34 px wide).
CELL_PX = 64
#: Zoom levels with a grid (the map's minimum zoom is 3); closer, every place alone.
MIN_LEVEL = 3
MAX_LEVEL = 13
#: A place's popup, aggregated: the day's first 10 events in full, then 5 more briefly
#: (one place of 100,000 events holds hundreds; the page's list has them all, by day).
POPUP_LIMITS = (10, 5)
ROWS_PER_SPOT = sum(POPUP_LIMITS)


def cell_ids(lat: np.ndarray, lon: np.ndarray, zoom: int, cell_px: int = CELL_PX) -> np.ndarray:
    """The grid cell of each point at ``zoom``, as one integer (column * 2**32 + row).

    Web Mercator pixels, as Leaflet places tiles: ``256 * 2**zoom`` pixels round the world.
    """
    scale = 256 * 2**zoom / cell_px
    lat = np.clip(np.asarray(lat, dtype=float), -85.0511, 85.0511)
    x = (np.asarray(lon, dtype=float) + 180.0) / 360.0
    rad = np.radians(lat)
    y = (1.0 - np.log(np.tan(rad) + 1.0 / np.cos(rad)) / math.pi) / 2.0
    col = np.floor(x * scale).astype(np.int64)
    row = np.floor(y * scale).astype(np.int64)
    return col * (1 << 32) + row


@dataclass(frozen=True, eq=False)
class SpotGrid:
    """The places (spots) of an events file and their grid cells at each level.

    Built once per events file (:func:`grid_for`); a step only counts rows per spot.
    """

    spot_of_row: np.ndarray  # (rows,) index of each row's spot
    spots: tuple[tuple[float, float], ...]  # each spot's key (``_spot``: lat, lon to 4 dp)
    lat: np.ndarray  # (spots,)
    lon: np.ndarray
    start: np.ndarray  # (rows,) first day's number (sorts the most recent first)
    cells: tuple[np.ndarray, ...]  # per level from MIN_LEVEL: the cell (0..k-1) of each spot
    anchors: tuple[np.ndarray, ...]  # per level: (k, 2) mean lat, lon of the cell's spots

    @classmethod
    def from_index(cls, index: EventIndex) -> SpotGrid:
        keys: dict[tuple[float, float], int] = {}
        spot_of_row = np.fromiter(
            (keys.setdefault(r["_spot"], len(keys)) for r in index.records),
            dtype=np.int64, count=len(index.records),
        )  # fmt: skip
        spots = tuple(keys)
        lat = np.array([s[0] for s in spots], dtype=float)
        lon = np.array([s[1] for s in spots], dtype=float)
        cells, anchors = [], []
        for zoom in range(MIN_LEVEL, MAX_LEVEL + 1):
            _, dense = np.unique(cell_ids(lat, lon, zoom), return_inverse=True)
            dense = dense.reshape(-1)
            k = int(dense.max()) + 1 if len(dense) else 0
            n = np.bincount(dense, minlength=k)
            mean = np.column_stack([np.bincount(dense, lat, k) / n, np.bincount(dense, lon, k) / n])
            cells.append(dense)
            anchors.append(np.round(mean, 5))
        return cls(spot_of_row, spots, lat, lon, np.asarray(index.first), tuple(cells),
                   tuple(anchors))  # fmt: skip


_GRIDS: weakref.WeakKeyDictionary[EventIndex, SpotGrid] = weakref.WeakKeyDictionary()
_ROWS: weakref.WeakKeyDictionary[EventIndex, dict[str, int]] = weakref.WeakKeyDictionary()
#: Each index's places' markers from step to step (``layers_from_records(memo=...)``).
_MEMOS: weakref.WeakKeyDictionary[EventIndex, dict] = weakref.WeakKeyDictionary()


def memo_for(index: EventIndex) -> dict:
    """The memo of ``index``'s places' markers, kept while the index lives."""
    memo = _MEMOS.get(index)
    if memo is None:
        memo = _MEMOS[index] = {}
    return memo


def grid_for(index: EventIndex) -> SpotGrid:
    """The grid of ``index``'s places, built at its first use and kept while it lives."""
    grid = _GRIDS.get(index)
    if grid is None:
        grid = _GRIDS[index] = SpotGrid.from_index(index)
    return grid


def layers_for_day(
    index: EventIndex,
    day: date,
    view: View,
    selected: str | None = None,
    open_popup: bool = False,
    above: int = AGGREGATE_ABOVE,
) -> EventLayers:
    """The day's layers: one marker per place, or aggregated when more than ``above``
    events are visible (the markers' JSON is then ``{"agg": ...}``, see
    :func:`aggregated_layers`)."""
    rows, today = index.visible_rows(day, view)
    if len(rows) <= above:
        return layers_from_records(index.visible(day, view), selected, open_popup,
                                   memo=memo_for(index))  # fmt: skip
    return aggregated_layers(index, rows, today, selected, open_popup)


def rows_for_popups(grid: SpotGrid, rows: np.ndarray, today: np.ndarray, per_spot: int,
               keep: int | None = None) -> np.ndarray:  # fmt: skip
    """The visible ``rows`` each spot's popup names: per spot the first ``per_spot`` by
    (the day's first, then the latest start, then file order), plus the row ``keep``."""
    spot = grid.spot_of_row[rows]
    order = np.lexsort((rows, -grid.start[rows], ~today, spot))
    ranked = spot[order]
    starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]]) if len(ranked) else ranked
    rank = np.arange(len(ranked)) - np.repeat(starts, np.diff(np.r_[starts, len(ranked)]))
    chosen = order[rank < per_spot]
    if keep is not None:
        chosen = np.union1d(chosen, np.flatnonzero(rows == keep))
    return np.sort(chosen)


def aggregated_layers(
    index: EventIndex,
    rows: np.ndarray,
    today: np.ndarray,
    selected: str | None = None,
    open_popup: bool = False,
) -> EventLayers:
    """Markers of the visible ``rows`` aggregated by zoom (``today``: each row covers the
    day). Rings and labels are left out: at this density they would hide the map.

    The markers' JSON: ``{"agg": {"spots": [marker...], "levels": {"3": [entry...], ...},
    "spotsFrom": zoom, "events": n}}``; an entry is a spot's position in ``spots`` (alone
    in its cell) or ``[lat, lon, events, day's events, south, west, north, east]`` (a
    bubble and the box of its places). From ``spotsFrom`` on every spot is alone.
    The selected event's spot is kept alone at every level (its popup can open).
    """
    grid = grid_for(index)
    keep = _row_of(index, selected)
    chosen = rows_for_popups(grid, rows, today, ROWS_PER_SPOT, keep)
    spot = grid.spot_of_row[rows]
    counts = np.bincount(spot, minlength=len(grid.spots))
    on_day = np.bincount(spot, weights=today, minlength=len(grid.spots)).astype(np.int64)
    visible = np.flatnonzero(counts)
    totals = {grid.spots[s]: int(counts[s]) for s in visible.tolist()}
    now, past = index.as_today, index.as_past
    records = [now[r] if t else past[r]
               for r, t in zip(rows[chosen].tolist(), today[chosen].tolist(), strict=True)]
    layers = layers_from_records(records, selected, open_popup, totals=totals,
                                 popup_limits=POPUP_LIMITS, memo=memo_for(index))  # fmt: skip
    position = {key: i for i, key in enumerate(layers.spots)}
    alone = None if keep is None else int(grid.spot_of_row[keep])
    if alone is not None and not counts[alone]:
        alone = None  # the selected event is not visible on this day
    levels, spots_from = cluster_levels(grid, counts, on_day, visible, position, alone)
    wrap = ('{"agg":{"spots":',
            f',"levels":{js_json(levels)},"spotsFrom":{spots_from},"events":{len(rows)}}}}}')
    return EventLayers(layers.groups, wrap[0] + layers.markers_json + wrap[1], "[]", "[]",
                       layers.popup_rows, layers.spots, (layers.items[0], (), ()), wrap)


def cluster_levels(
    grid: SpotGrid,
    counts: np.ndarray,
    on_day: np.ndarray,
    visible: np.ndarray,
    position: Mapping[tuple[float, float], int],
    alone: int | None = None,
) -> tuple[dict[str, list], int]:
    """Each level's entries (see :func:`aggregated_layers`) and the first level at which
    every visible spot is alone in its cell (``MAX_LEVEL + 1`` when none is)."""
    levels: dict[str, list] = {}
    where = [position[grid.spots[s]] for s in visible.tolist()]
    for i, zoom in enumerate(range(MIN_LEVEL, MAX_LEVEL + 1)):
        cell = grid.cells[i][visible].copy()
        if alone is not None:
            cell[visible == alone] = -1  # a cell of its own (grid cells are >= 0)
        _, inverse, sizes = np.unique(cell, return_inverse=True, return_counts=True)
        inverse = inverse.reshape(-1)
        if (sizes == 1).all():
            return levels, zoom
        levels[str(zoom)] = _entries(grid, i, cell, inverse, sizes, visible, counts, on_day,
                                     where)  # fmt: skip
    return levels, MAX_LEVEL + 1


def _entries(grid: SpotGrid, level: int, cell: np.ndarray, inverse: np.ndarray,
             sizes: np.ndarray, visible: np.ndarray, counts: np.ndarray, on_day: np.ndarray,
             where: Sequence[int]) -> list:  # fmt: skip
    k = len(sizes)
    events = np.bincount(inverse, counts[visible], k).astype(np.int64)
    day = np.bincount(inverse, on_day[visible], k).astype(np.int64)
    lat, lon = grid.lat[visible], grid.lon[visible]
    south = np.full(k, np.inf)
    west = np.full(k, np.inf)
    north = np.full(k, -np.inf)
    east = np.full(k, -np.inf)
    np.minimum.at(south, inverse, lat)
    np.minimum.at(west, inverse, lon)
    np.maximum.at(north, inverse, lat)
    np.maximum.at(east, inverse, lon)
    first = np.full(k, -1)
    first[inverse[::-1]] = np.arange(len(inverse))[::-1]  # a member of each cell
    out: list = []
    for c in range(k):
        member = int(first[c])
        if sizes[c] == 1:
            out.append(where[member])
            continue
        a_lat, a_lon = grid.anchors[level][int(cell[member])]
        out.append([float(a_lat), float(a_lon), int(events[c]), int(day[c]),
                    float(south[c]), float(west[c]), float(north[c]), float(east[c])])
    return out


def _row_of(index: EventIndex, event_id: str | None) -> int | None:
    """The row of ``event_id`` (a row id, ``event_id@place_id``), or None."""
    if not event_id:
        return None
    rows = _ROWS.get(index)
    if rows is None:
        rows = _ROWS[index] = {str(r["id"]): i for i, r in enumerate(index.records)}
    return rows.get(event_id)

