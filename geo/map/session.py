"""The map page's state and how the reader's actions change it (no streamlit here).

The page keeps its state in ``st.session_state`` under ``q_*`` keys; these functions take
that mapping (any ``MutableMapping``: tests pass a dict) and are the page's callbacks, so
the page itself only reads state and draws. Keys: ``q_day``, ``q_view``, ``q_step``,
``q_selected``, ``q_open`` (reopen the selection's popup), ``q_playing``, ``q_last_tick``,
``q_play_all`` (Play stops on every day), ``q_camera`` (the day and the reader's view from
the URL), ``q_url`` (the URL the page last wrote), ``q_strip_n`` (the strip chart's
generation), ``q_layers`` (the markers drawn).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

import pandas as pd

from geo.map.loader import frame_key, workspace_source
from geo.map.state import Camera, MapView
from geo.map.strip import day_of_pick
from geo.timeline import Step, Timeline

State = MutableMapping[str, Any]
#: The strip chart's key prefix; each click makes a fresh chart (a click on the same day
#: again must count as a change of selection).
STRIP_KEY = "q-strip-chart"


def choose_source(
    articles: str | None, user: MutableMapping[str, Any] | None, events_file: str | None
) -> tuple[str | None, pd.DataFrame | None, MutableMapping[str, Any] | None]:
    """What the map shows: workspace articles (``?articles=``), else the reader's own
    article (the *Your article* page's ``{"frame", "title", "published"}``), else an
    events file, else the seed (``None``). Returns the source's cache key, the reader's
    frame and the reader's record. Raises ``geo.store.StoreError``.
    """
    chosen = workspace_source(articles)  # its key changes with the articles' changes
    if chosen:
        return chosen, None, None
    if user:
        if "key" not in user:  # once per set of events: the caches key on it
            user["key"] = frame_key(user["frame"])
        return user["key"], user["frame"], user
    return events_file or None, None, None


def init_view(s: State, params: Mapping[str, str], data: Any) -> None:
    """Read the view from the URL once per session, and again when the URL is not the
    one the page last wrote: the browser's Back or Forward (each step pushes an entry).

    ``data`` is the page's ``geo.map.loader.MapEvents``.
    """
    if s.get("q_init") and dict(params) == s.get("q_url", dict(params)):
        return
    v = MapView.from_params(params, data.events, data.timeline)
    s.update(q_init=True, q_day=v.day, q_view=v.view, q_step=v.step, q_selected=v.selected,
             q_open=bool(v.selected), q_playing=False, q_last_tick=0.0,
             q_camera=(v.day, Camera.from_params(params)))  # fmt: skip


def camera(s: State) -> Camera | None:
    """The reader's view from the URL while the map is still on its day, else None."""
    day, view = s.get("q_camera", (None, None))
    return view if day == s["q_day"] else None


def step(s: State, timeline: Timeline, forward: bool) -> None:
    """Previous or Next, by day or by event day (``q_step``)."""
    s["q_day"] = timeline.step(s["q_day"], forward, Step(s["q_step"]))


def play_step(s: State) -> Step:
    """Play goes from event day to event day, or through every day if the reader asks."""
    return Step.DAY if s.get("q_play_all") else Step.EVENT


def toggle_play(s: State, timeline: Timeline, now: float) -> None:
    s["q_playing"] = not s.get("q_playing")
    if s["q_playing"] and timeline.at_end(s["q_day"], True, play_step(s)):
        s["q_day"] = timeline.first_day  # Play at the end starts over
    s["q_last_tick"] = now


def tick(s: State, timeline: Timeline, now: float, period: float) -> bool:
    """One tick of Play (``period`` seconds apart): True when the page must move on."""
    if not s.get("q_playing") or now - s.get("q_last_tick", 0.0) < period * 0.8:
        return False
    s["q_last_tick"] = now
    if timeline.at_end(s["q_day"], True, play_step(s)):
        s["q_playing"] = False
    else:
        s["q_day"] = timeline.step(s["q_day"], True, play_step(s))
    return True


def strip_key(s: State) -> str:
    return f"{STRIP_KEY}-{s.get('q_strip_n', 0)}"


def pick_day(s: State, timeline: Timeline) -> None:
    """A click on a day of the timeline strip goes there (its selection, under
    :func:`strip_key`); the next run draws a fresh chart."""
    day = day_of_pick(s.get(strip_key(s)))
    if day is not None:
        s["q_day"] = timeline.clamp(day)
    s["q_strip_n"] = s.get("q_strip_n", 0) + 1


def select_clicked(s: State, map_key: str) -> None:
    """A click on a marker selects its first event in the list (the day's first)."""
    clicked = (s.get(map_key) or {}).get("last_object_clicked")
    layers = s.get("q_layers")
    group = layers.group_at(clicked["lat"], clicked["lng"]) if clicked and layers else None
    if group is not None and group.event_ids:
        if s.get("q_selected") not in group.event_ids:
            s["q_selected"] = group.event_ids[0]
        s["q_open"] = True  # the markers are redrawn with the selection: reopen the popup


def back_to_seed(s: State, user_key: str) -> None:
    """Leave a reader's article for the seed, whose view starts over."""
    s.pop(user_key, None)
    s.q_init = False


def list_page_number(s: State, day: Any, pages: int) -> int:
    """The page of the day's list the reader chose (``w_page``), the first on another day
    or when the day has fewer pages."""
    if s.get("q_list_day") != day or not 1 <= s.get("w_page", 0) <= pages:
        s.q_list_day, s.w_page = day, 1
    return s.w_page
