"""Markers aggregated by zoom (``geo.map.aggregate``) and the day's list in pages."""

from __future__ import annotations

import gc
import json
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from benchmarks.app_browser import generate_events
from geo.map.aggregate import (
    MAX_LEVEL,
    MIN_LEVEL,
    POPUP_LIMITS,
    aggregated_layers,
    cell_ids,
    grid_for,
    layers_for_day,
    memo_for,
)
from geo.map.layers import AHEAD_MAX_BYTES, MEMO_MAX, ahead_json, layers_from_records
from geo.map.loader import keep, load_map_events
from geo.map.paging import list_page, page_count
from geo.timeline import EventIndex, View, read_events_table

DAYS = [date(2013, 3, 1), date(2013, 7, 14), date(2013, 7, 15), date(2013, 10, 1)]


def _index(tmp: Path, n: int, seed: int = 5) -> EventIndex:
    path = tmp / f"events_{n}_{seed}.csv"
    generate_events(path, n, seed=seed)
    return EventIndex.from_frame(read_events_table(path))


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> EventIndex:
    return _index(tmp_path_factory.mktemp("agg"), 4000)


def _agg(layers) -> dict:
    data = json.loads(layers.markers_json)
    assert isinstance(data, dict), "expected aggregated markers"
    return data["agg"]


def _count(agg: dict, entry) -> int:
    return entry[2] if isinstance(entry, list) else agg["spots"][entry]["n"]


@pytest.mark.parametrize("view", [View.CUMULATIVE, View.DAY])
@pytest.mark.parametrize("day", DAYS)
def test_counts_add_up_to_the_visible_events_at_every_level(index, day, view) -> None:
    rows, _ = index.visible_rows(day, view)
    layers = layers_for_day(index, day, view, above=0)
    agg = _agg(layers)
    assert agg["events"] == len(rows) == sum(g.count for g in layers.groups)
    assert sum(spot["n"] for spot in agg["spots"]) == len(rows)
    assert MIN_LEVEL < agg["spotsFrom"] <= MAX_LEVEL + 1
    for level, entries in agg["levels"].items():
        assert sum(_count(agg, e) for e in entries) == len(rows), level
        singles = [e for e in entries if isinstance(e, int)]
        assert len(singles) == len(set(singles))  # a spot is drawn once
    # A bubble lies in the grid cell of its places (the box's corners are two of them).
    for level, entries in agg["levels"].items():
        bubbles = np.array([e for e in entries if isinstance(e, list)]).reshape(-1, 8)
        assert (bubbles[:, 2] >= 2).all()  # two places at least, an event each
        cells = [cell_ids(bubbles[:, a], bubbles[:, b], int(level)) for a, b in
                 ((0, 1), (4, 5), (6, 7))]  # fmt: skip
        assert (cells[0] == cells[1]).all() and (cells[1] == cells[2]).all()


def test_the_spots_are_the_markers_of_the_whole_computation(index) -> None:
    """Built from the rows the popups name, the places' markers are those that all the
    visible rows give (popups, counts, icons, order), at a fraction of the work."""
    for day in DAYS:
        for view in (View.CUMULATIVE, View.DAY):
            full = layers_from_records(index.visible(day, view), popup_limits=POPUP_LIMITS)
            agg = _agg(layers_for_day(index, day, view, above=0))
            assert agg["spots"] == json.loads(full.markers_json)


def test_bubbles_keep_their_place_from_step_to_step(index) -> None:
    """A cell's bubble sits at the mean of the cell's places over the whole file: the same
    position every day, so the map's diffing keeps it (only its count changes)."""
    seen: dict[tuple[int, int], tuple[float, float]] = {}
    times: Counter[tuple[int, int]] = Counter()
    for k in range(0, 30, 3):
        day = date(2013, 9, 1) + timedelta(days=k)
        for view in (View.CUMULATIVE, View.DAY):
            agg = _agg(layers_for_day(index, day, view, above=0))
            for level, entries in agg["levels"].items():
                for e in entries:
                    if isinstance(e, list):
                        cell = int(cell_ids(np.array([e[4]]), np.array([e[5]]), int(level))[0])
                        assert seen.setdefault((int(level), cell), (e[0], e[1])) == (e[0], e[1])
                        times[int(level), cell] += 1
    assert sum(1 for n in times.values() if n > 5) > 20  # cells met again and again


def test_grids_nest_from_level_to_level(index) -> None:
    grid = grid_for(index)
    for coarse, fine in zip(grid.cells, grid.cells[1:], strict=False):
        parent: dict[int, int] = {}
        for c, f in zip(coarse.tolist(), fine.tolist(), strict=True):
            assert parent.setdefault(f, c) == c  # a fine cell lies inside one coarse cell


def test_the_selected_event_stays_alone_with_its_popup(index) -> None:
    day, view = date(2013, 10, 1), View.CUMULATIVE
    rows, _ = index.visible_rows(day, view)
    picked = str(index.records[int(rows[len(rows) // 2])]["id"])
    layers = layers_for_day(index, day, view, picked, True, above=0)
    agg = _agg(layers)
    mine = [i for i, s in enumerate(agg["spots"]) if s["open"]]
    assert len(mine) == 1 and agg["spots"][mine[0]]["popup"]["sel"] is not None
    for entries in agg["levels"].values():
        assert mine[0] in entries  # drawn alone at every level
    assert layers.group_of(picked) is not None


def test_few_visible_events_keep_one_marker_per_place(index) -> None:
    day, view = date(2013, 3, 1), View.DAY
    rows, _ = index.visible_rows(day, view)
    layers = layers_for_day(index, day, view)  # the default threshold
    assert 0 < len(rows) <= 1000
    assert isinstance(json.loads(layers.markers_json), list)
    assert layers.rings_json != "[]"
    big = layers_for_day(index, date(2013, 10, 1), View.CUMULATIVE)
    assert isinstance(json.loads(big.markers_json), dict)  # 3,000 visible: aggregated


def _resolved(ahead: dict, sent: dict) -> dict:
    """A step ahead as the map draws it (``withItems`` in static/qmap.js): a number in a
    list is the item at that position of what the page sent with it."""

    def resolve(items: list, base: list) -> list:
        return [base[x] if isinstance(x, int) else x for x in items]

    out = {}
    for kind, data in ahead.items():
        if kind == "day":
            continue
        base = sent[kind]["agg"]["spots"] if isinstance(sent[kind], dict) else sent[kind]
        if isinstance(data, dict):
            out[kind] = {"agg": {**data["agg"], "spots": resolve(data["agg"]["spots"], base)}}
        else:
            out[kind] = resolve(data, base)
    return out


@pytest.mark.parametrize("view", [View.CUMULATIVE, View.DAY])
def test_steps_ahead_name_the_days_own_markers_and_cost_a_fraction_of_them(index, view) -> None:
    """Previous and Next are drawn at the click from the steps ahead: they must equal the
    layers of those days, and cost far less than sending those whole (the cumulative
    view's places change little from one day to the next)."""
    day = date(2013, 10, 1)
    days = {k: day + timedelta(days=k) for k in (-1, 0, 1)}
    layers = {k: layers_for_day(index, d, view) for k, d in days.items()}
    ahead = {"next": (days[1], layers[1]), "previous": (days[-1], layers[-1])}
    text = ahead_json(ahead, layers[0])
    whole = sum(len(x.markers_json + x.rings_json + x.labels_json)
                for x in (layers[1], layers[-1]))  # fmt: skip
    sent = {kind: json.loads(getattr(layers[0], f"{kind}_json"))
            for kind in ("markers", "rings", "labels")}  # fmt: skip
    for direction, k in (("next", 1), ("previous", -1)):
        drawn = _resolved(json.loads(text)[direction], sent)
        assert drawn == {kind: json.loads(getattr(layers[k], f"{kind}_json"))
                         for kind in ("markers", "rings", "labels")}  # fmt: skip
    # Most places are unchanged up to the day: well under half of the layers sent whole.
    assert len(text) < (0.5 if view == View.CUMULATIVE else 0.9) * whole
    assert 0 < len(text) <= AHEAD_MAX_BYTES


def test_aggregation_costs_time_linear_in_the_rows(tmp_path) -> None:
    """Ten times the rows at the same places: well under ten times the CPU (the places'
    markers are a fixed part); a quadratic step would cost a hundred."""
    small, large = _index(tmp_path, 2000), _index(tmp_path, 20000)
    day, view = date(2013, 12, 20), View.CUMULATIVE

    def cpu(index: EventIndex) -> float:
        grid_for(index)
        rows, today = index.visible_rows(day, view)
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            for _ in range(3):
                aggregated_layers(index, rows, today)
            return time.process_time() - started
        finally:
            gc.enable()

    cpu(small)
    assert cpu(large) < 15 * max(cpu(small), 0.05)


@pytest.mark.parametrize("view", [View.CUMULATIVE, View.DAY])
def test_places_unchanged_since_the_day_before_reuse_their_markers(index, view) -> None:
    """A step reuses the markers of places whose events did not change (the memo): the
    same layers as built afresh, for less CPU up to the day (most places unchanged)."""
    days = [date(2013, 10, 1) + timedelta(days=k) for k in range(4)]
    memo = memo_for(index)

    def build(day: date, fresh: bool):
        if fresh:
            memo.clear()
        gc.collect()
        started = time.process_time()
        layers = layers_for_day(index, day, view, "gen-7@g0", open_popup=True)
        return layers, time.process_time() - started

    stepped, fresh = [], []
    build(days[0] - timedelta(days=1), fresh=True)  # the grid, the memo of the day before
    for day in days:
        layers, cpu = build(day, fresh=False)  # memo holds the day before
        stepped.append(cpu)
        again, cpu = build(day, fresh=True)
        fresh.append(cpu)
        assert layers == again
        build(day, fresh=False)  # the day's markers in the memo for the next day
    assert len(memo) <= MEMO_MAX
    if view == View.CUMULATIVE:
        assert sum(stepped) < 0.8 * sum(fresh)


def test_loaded_events_stay_out_of_the_collectors_rounds(tmp_path) -> None:
    """A full collection at 100,000 events cost 0.5 s of a step: the page's events are
    frozen (``gc.freeze``), and a collection no longer visits their records."""
    path = tmp_path / "events.csv"
    generate_events(path, 1500)
    data = load_map_events(path)
    records = (data.index.records[0], data.index.as_today[-1], data.index.as_past[7])
    assert all(gc.is_tracked(r) for r in records)
    try:
        assert keep(data) is data
        visited = {id(o) for o in gc.get_objects()}  # the frozen generation left out
        assert not visited & {id(r) for r in records}
        assert gc.get_freeze_count() >= 3 * len(data.index)
    finally:
        gc.unfreeze()


def test_the_days_list_goes_by_pages() -> None:
    rows = list(range(95))
    assert page_count(95, 40) == 3 and page_count(0, 40) == 1
    first, last = list_page(rows, 1, 40), list_page(rows, 3, 40)
    assert (first.rows, first.first, first.last) == (rows[:40], 1, 40)
    assert (last.rows, last.first, last.last, last.pages) == (rows[80:], 81, 95, 3)
    assert list_page(rows, 99, 40).number == 3 and list_page(rows, 0, 40).number == 1
    assert list_page([], 1, 40).rows == [] and list_page([], 1, 40).first == 0
