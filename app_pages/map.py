"""Map page: the article's events on a map, day by day. Reads top-down: load, state, draw.

The base map (``geo.map.build``) has the same inputs on every rerun: streamlit-folium keeps
the Leaflet map, a step swaps the day's feature groups. Loading: ``geo.map.loader`` (cached
per source, plain data; folium objects are built each run). State: ``q_*`` keys of
``st.session_state``, changed by ``geo.map.session`` only, in the URL after every run.
"""

from __future__ import annotations

import json
import os
import time
from datetime import date

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.basemap import Basemap, Bounds, load_basemap
from geo.highlight import day_label
from geo.map import build, paging, session
from geo.map.aggregate import AGGREGATE_ABOVE, layers_for_day
from geo.map.layers import EventLayers
from geo.map.loader import MapEvents, keep, load_map_events, source_params
from geo.map.popups import format_span, step_popups
from geo.map.state import VIEW_LABELS, MapView, heading, list_label, list_rows, steps_ahead
from geo.map.strip import PICK, build_strip, on_day, strip_note, strip_spec
from geo.markup import macro
from geo.store import StoreError
from geo.timeline import Step, Timeline, View

EVENTS_FILE_ENV = "GEO_EVENTS_FILE"  # another events file (CSV in the export's columns)
TILES_ENV = "GEO_TILES"  # "off": leave OpenStreetMap out (no request leaves the machine)
USER_EVENTS_KEY = "user_events"  # the "Your article" page's {"frame", "title", "published"}
PLAY_SECONDS = 1.5
LIST_HEIGHT = build.MAP_HEIGHT - 150  # the day's list beside the map, as tall as the map
SELECTED_HEIGHT = 230  # the selected event's passage, above the list
LIST_MAX = 40  # buttons at most (a busy day of generated events has hundreds)


# --- load (cached plain data, never folium objects) -----------------------------------


@st.cache_resource(show_spinner=False, max_entries=8)
def events_to_show(source: str | None, _frame: pd.DataFrame | None) -> MapEvents:
    """The events of ``source`` (a file path, a reader's key, or None: the seed)."""
    return keep(load_map_events(None if _frame is not None else source, _frame))


@st.cache_resource(show_spinner=False, max_entries=8)
def basemap(source: str | None, _bounds: Bounds | None) -> tuple[Basemap, dict[str, str]]:
    """The basemap, in full detail around the events shown, and its layers' URLs (static
    files the map fetches once, not resent at every step)."""
    shape = load_basemap(focus=_bounds)
    return shape, build.install_basemap(shape)


@st.cache_resource(show_spinner=False, max_entries=8)
def popups_url(source: str | None, _data: MapEvents) -> str | None:
    """The curated events' popup table URL; None for a reader's article (sent per step)."""
    return build.install_popups(_data.events) if _data.public else None


@st.cache_resource(show_spinner=False, max_entries=64)  # 10,000 events: ~1 MB each
def day_layers(source: str | None, day: date, view: str, selected: str | None,
               open_popup: bool, _data: MapEvents) -> EventLayers:  # fmt: skip
    """The day's markers as JSON (aggregated by zoom when many), once per day/view/selection
    (frozen: shared)."""
    return layers_for_day(_data.index, day, View(view), selected, open_popup)


@st.cache_resource(show_spinner=False, max_entries=8)
def strip(source: str | None, _data: MapEvents) -> tuple[str, str]:
    """The timeline strip's spec (JSON, aggregated per day: bounded by the days, not the
    events) and its caption."""
    t = _data.timeline
    aggregated = build_strip(_data.events, t.first_day, t.last_day)
    return strip_spec(aggregated), strip_note(aggregated)


def _source() -> tuple[str | None, pd.DataFrame | None, dict | None]:
    """Workspace articles, the reader's own article, GEO_EVENTS_FILE or the seed."""
    try:
        return session.choose_source(st.query_params.get("articles"),
                                     st.session_state.get(USER_EVENTS_KEY),
                                     os.environ.get(EVENTS_FILE_ENV))  # fmt: skip
    except StoreError as exc:
        st.error(str(exc))
        st.stop()


# --- draw -----------------------------------------------------------------------------


def main() -> None:
    source, frame, user = _source()
    s = st.session_state
    if s.get("q_source", source) != source:
        s.q_init = False  # another set of events: start over
    s.q_source = source
    data = events_to_show(source, frame)
    session.init_view(s, st.query_params, data)
    title, caption = data.heading or heading(source, user, data.events)
    st.markdown(build.page_css(), unsafe_allow_html=True)  # our own file, read once
    with st.container(key="q-head"):
        st.title(title)
        st.caption(caption)
    if user:
        st.button("Back to the Al-Qusayr article", on_click=session.back_to_seed,
                  args=(s, USER_EVENTS_KEY))
    if data.events.empty:
        st.warning("No events to show.")
        return
    _step_bar(data.timeline)
    view = MapView(s.q_day, s.q_view, s.q_step, s.q_selected)
    layers = day_layers(source, view.day, view.view, view.selected, bool(s.q_open), data)
    s.q_layers, s.q_open = layers, False
    ahead = steps_ahead(data.timeline, view, lambda day: day_layers(
        source, day, view.view, view.selected, False, data))  # drawn at a click (qmap.js)
    url = popups_url(source, data)  # else a reader's popup texts go with this session's steps
    camera = session.camera(s)  # the reader's view from the URL, until the next step
    popups = None if url else step_popups(data.events, [layers, *(x for _, x in ahead.values())])
    shape, urls = basemap(source, data.bounds)
    left, right = st.columns([3, 1.25], gap="medium")
    with left:
        st_folium(
            build.build_map(shape, data.categories, bounds=data.bounds, basemap_urls=urls,
                            online_tiles=os.environ.get(TILES_ENV, "on") != "off",
                            popups_url=url, bubbles=len(data.index) > AGGREGATE_ABOVE),
            key=build.MAP_KEY, height=build.MAP_HEIGHT, width="stretch",
            returned_objects=["last_object_clicked"],
            feature_group_to_add=build.feature_groups(
                layers, view.day, ahead, popups, camera.as_json() if camera else None),
            on_change=lambda: session.select_clicked(s, build.MAP_KEY), render=False,
        )  # fmt: skip
        _strip(source, data)
        _options(data.timeline)
    with right:
        _event_list(data, view, layers)
    url = view.params() | (camera.params() if camera else {}) | source_params(source)
    if dict(st.query_params) != url:
        st.query_params.from_dict(url)  # Streamlit pushes a history entry
    s.q_url = url
    if s.q_playing:
        # Last on the page: an element added above the map would shift it in the page's
        # tree and streamlit would mount a new iframe (a new Leaflet map) on every tick.
        _player(data.timeline)


def _step_bar(timeline: Timeline) -> None:
    """Previous, the day, Next, Play: one compact row (sticky on a phone, page.css)."""
    s = st.session_state
    by = Step(s.q_step)
    with st.container(key="q-bar"):
        c_prev, c_day, c_next, c_play = st.columns([1, 1.6, 1, 1], vertical_alignment="center")
    # Keyed: the map finds them by their st-key-<key> class to draw a step at the click.
    for column, label, forward in ((c_prev, "Previous", False), (c_next, "Next", True)):
        column.button(label, key=build.STEP_KEYS[label.lower()], on_click=session.step,
                      args=(s, timeline, forward), width="stretch",
                      disabled=timeline.at_end(s.q_day, forward, by))  # fmt: skip
    c_day.markdown(f"**{day_label(s.q_day)}**")
    c_play.button("Pause" if s.q_playing else "Play", on_click=lambda: session.toggle_play(
                  s, timeline, time.monotonic()), key=build.STEP_KEYS["play"], width="stretch",
                  type="primary" if s.q_playing else "secondary")  # fmt: skip


def _options(timeline: Timeline) -> None:
    """Under the map: view, step mode, day slider. Callbacks change ``q_*``."""
    s = st.session_state
    c_view, c_mode = st.columns([2.6, 2.4])
    s.w_view = s.q_view
    c_view.radio("View", list(VIEW_LABELS), format_func=VIEW_LABELS.get, key="w_view",
                 horizontal=True, label_visibility="collapsed",
                 on_change=lambda: s.update(q_view=s.w_view))  # fmt: skip
    s.w_by_event = s.q_step == Step.EVENT.value
    c_mode.toggle(
        "Step event by event", key="w_by_event",
        help="Previous/Next jump to the days on which an event begins",
        on_change=lambda: s.update(q_step=Step.EVENT.value if s.w_by_event else Step.DAY.value),
    )  # fmt: skip
    c_mode.toggle("Play every day", key="q_play_all",
                  help="Play stops on every day, not only on days when events begin")
    if timeline.n_days > 1:  # streamlit refuses a slider whose ends are equal
        s.w_day = s.q_day
        st.slider("Day", min_value=timeline.first_day, max_value=timeline.last_day,
                  key="w_day", format="ddd D MMM YYYY",
                  on_change=lambda: s.update(q_day=s.w_day))  # fmt: skip


def _strip(source: str | None, data: MapEvents) -> None:
    """The timeline strip (Vega-Lite through Altair): a click on a day goes there."""
    spec, note = strip(source, data)
    s = st.session_state
    with st.container(key="q-strip"):
        st.vega_lite_chart(on_day(s.q_day), json.loads(spec), width="stretch",
                           key=session.strip_key(s),
                           on_select=lambda: session.pick_day(s, data.timeline),
                           selection_mode=PICK)  # fmt: skip
        st.caption(note)


def _player(timeline: Timeline) -> None:
    """While playing, a fragment ticks every PLAY_SECONDS and moves the whole page on."""

    @st.fragment(run_every=PLAY_SECONDS)
    def tick() -> None:
        if session.tick(st.session_state, timeline, time.monotonic(), PLAY_SECONDS):
            st.rerun(scope="app")

    tick()


def _event_list(data: MapEvents, view: MapView, layers: EventLayers) -> None:
    """The day's events as buttons (the selected one highlighted) and the selection's text."""
    today = data.index.listed(view.day)  # the day's own events first, the lead first
    shown = sum(g.count for g in layers.groups)
    st.subheader(day_label(view.day))
    scope = "up to this day" if view.view == View.CUMULATIVE.value else "on this day"
    st.caption(f"{len(today)} event(s) on this day · {shown} shown {scope} "
               f"at {len(layers.groups)} place(s)")  # fmt: skip
    chosen = data.events.loc[data.events["id"] == view.selected] if view.selected else []
    if len(chosen):  # the selected event's full entry, as in its popup, beside the map
        with st.container(height=SELECTED_HEIGHT, border=True, key="q-selected"):
            st.html(str(macro("popup.html", "box")(chosen.iloc[0]["popup_full"])))
    listed = list_rows(_list_page(today, view.day), today, view.selected)
    with st.container(height=LIST_HEIGHT - (SELECTED_HEIGHT if len(chosen) else 0),
                      border=False):  # fmt: skip
        for row in listed:
            st.button(list_label(row), key=f"ev-{row['id']}", width="stretch",
                      type="primary" if row["id"] == view.selected else "secondary",
                      on_click=st.session_state.update,  # select: marker lit, popup opened
                      kwargs={"q_selected": row["id"], "q_open": True},
                      help=format_span(row["start"], row["end"]))  # fmt: skip
        if not today:
            st.caption("No event on this day: use Next or the slider.")


def _list_page(today: list[dict], day: date) -> list[dict]:
    """The page of the day's list the reader chose (the first on another day)."""
    pages = paging.page_count(len(today), LIST_MAX)
    if session.list_page_number(st.session_state, day, pages) == 1 and pages == 1:
        return list(today)
    page = paging.list_page(today, st.session_state.w_page, LIST_MAX)
    st.number_input(f"Page (of {pages})", min_value=1, max_value=pages, key="w_page")
    st.caption(f"Events {page.first}–{page.last} of {len(today)}")
    return page.rows

main()
