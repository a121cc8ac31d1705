"""Map page: the article's events on a map, day by day.

Thin on purpose: state handling and drawing only. The base map comes from
``geo.mapview.build_map`` with the same inputs on every rerun, so streamlit-folium
keeps the Leaflet map in the browser and a timeline step only swaps the day's
feature groups (``feature_group_to_add``). Loading events, the basemap and the day's
marker data are cached as plain data; folium objects are built fresh each run. The
basemap and the popups' texts are static files the browser fetches once.

State lives in ``st.session_state`` under ``q_*`` keys (the widgets only mirror it),
and is written to the URL after every run: ``?day=…&event=…&view=…&step=…`` (see
ARCHITECTURE.md, URLs), so a copied link restores the view.
"""

from __future__ import annotations

import os
import re
import time
from datetime import date

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.assets import STATIC_DIR, URL_PREFIX
from geo.basemap import install_static_basemap, load_basemap
from geo.gazetteer.geonames import CACHE_DIR
from geo.mapview import (
    MAP_HEIGHT,
    MAP_KEY,
    Bounds,
    EventLayers,
    build_map,
    category_style,
    feature_groups,
    focus_bounds,
    format_day,
    format_span,
    install_popup_table,
    layers_from_records,
    popup_fragments,
)
from geo.timeline import EventIndex, Step, Timeline, View, parse_day, write_events_table

#: Another events file (CSV in the export's columns) instead of the seed's events.
EVENTS_FILE_ENV = "GEO_EVENTS_FILE"
#: Set to "off" to leave OpenStreetMap out entirely (no request leaves the machine).
TILES_ENV = "GEO_TILES"
#: Where the "Your article" page leaves the reader's events: {"frame", "title", "published"}.
USER_EVENTS_KEY = "user_events"
USER_EVENTS_DIR = CACHE_DIR / "user-events"
PLAY_SECONDS = 1.5
#: The day's list beside the map: as tall as the map below its heading.
LIST_HEIGHT = MAP_HEIGHT - 150
#: At most this many buttons (a busy day of generated events has hundreds).
LIST_MAX = 40
VIEW_LABELS = {View.CUMULATIVE.value: "Up to the day", View.DAY.value: "Day only"}


# --- cached data (plain values, never folium objects) ---------------------------------


@st.cache_resource(show_spinner=False)
def load_events(path: str | None) -> pd.DataFrame:
    """The events frame with popup HTML per row (read-only: shared between sessions)."""
    if path:
        from geo.timeline import read_events_table

        df = read_events_table(path)
    else:
        from geo.events import events_frame, load_seed_events

        df = events_frame(load_seed_events())
    df = df.dropna(subset=["lat", "lon", "start"]).reset_index(drop=True)
    if "passage" not in df:
        df["passage"] = _passages(df)
    return popup_fragments(df, _aliases(df))


def _passages(df: pd.DataFrame) -> list[int | None]:
    """The article paragraph holding each excerpt (for the popups' links)."""
    try:
        from geo.article import load_seed_article

        article = load_seed_article()
    except Exception:  # no article: popups simply go without a link
        return [None] * len(df)
    out: list[int | None] = []
    for offset in pd.to_numeric(df.get("excerpt_start"), errors="coerce"):
        paragraph = None if pd.isna(offset) else article.paragraph_at(int(offset))
        out.append(paragraph.index if paragraph is not None else None)
    return out


def _aliases(df: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Other spellings of each place, to mark them in excerpts ("Qusayr", "Al-Qusayr")."""
    try:
        from geo.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    except Exception:
        return {}
    out = {}
    for place_id in df["place_id"].dropna().unique():
        place = gazetteer.get(str(place_id))
        if place is not None:
            out[str(place_id)] = tuple(place.aliases)
    return out


@st.cache_resource(show_spinner=False)
def load_timeline(path: str | None) -> Timeline:
    return Timeline.from_frame(load_events(path))


@st.cache_resource(show_spinner=False)
def basemap():
    return load_basemap()


@st.cache_resource(show_spinner=False, max_entries=8)
def basemap_urls(path: str | None) -> dict[str, str]:
    """The basemap layers as static files the map fetches (not resent at every step).

    Under ``static/vendor/`` (served at ``/app/static/vendor``, kept out of git): they
    are copies of ``data/naturalearth`` made at run time, like the vendored Leaflet,
    detailed around the events' area (``load_basemap(focus=...)``).
    """
    return install_static_basemap(load_basemap(focus=initial_bounds(path)),
                                  STATIC_DIR / "vendor" / "naturalearth",
                                  f"{URL_PREFIX}/naturalearth")  # fmt: skip


@st.cache_resource(show_spinner=False)
def popups_url(path: str | None) -> str:
    """The events' popup texts as a static file the map fetches once (not at each step)."""
    return install_popup_table(load_events(path), STATIC_DIR / "vendor" / "popups",
                               f"{URL_PREFIX}/popups")  # fmt: skip


@st.cache_resource(show_spinner=False)
def initial_bounds(path: str | None) -> Bounds | None:
    """Where the map opens: the area most events are in (same every run: see build_map)."""
    return focus_bounds(load_events(path))


@st.cache_resource(show_spinner=False)
def categories(path: str | None) -> list[str]:
    """The categories in the legend (cached: ``unique`` on 10,000 rows is not free)."""
    return sorted(load_events(path)["category"].dropna().astype(str).unique())


@st.cache_resource(show_spinner=False)
def load_index(path: str | None) -> EventIndex:
    return EventIndex.from_frame(load_events(path))


@st.cache_resource(show_spinner=False, max_entries=64)  # 10,000 events: ~1 MB each
def day_layers(
    path: str | None, day: date, view: str, selected: str | None, open_popup: bool
) -> EventLayers:
    """The day's markers as JSON: computed once per day/view/selection, then reused.

    A resource cache (no copy on each hit): ``EventLayers`` is frozen.
    """
    visible = load_index(path).visible(day, View(view))
    return layers_from_records(visible, selected=selected, open_popup=open_popup)


# --- state ----------------------------------------------------------------------------


def _init_state(df: pd.DataFrame, timeline: Timeline) -> None:
    """Read the view from the URL once per session."""
    if st.session_state.get("q_init"):
        return
    params = st.query_params
    selected = params.get("event")
    if selected and selected not in set(df["id"]):
        by_event = df.loc[df.get("event_id", df["id"]).astype(str) == selected, "id"]
        selected = str(by_event.iloc[0]) if len(by_event) else None
    default_day = timeline.first_day  # readers step through the story from its start
    if selected:
        default_day = df.loc[df["id"] == selected, "start"].iloc[0].date()
    view = params.get("view", View.CUMULATIVE.value)
    st.session_state.update(
        q_init=True,
        q_day=timeline.clamp(parse_day(params.get("day"), default_day)),
        q_view=view if view in VIEW_LABELS else View.CUMULATIVE.value,
        q_step=Step.EVENT.value if params.get("step") == Step.EVENT.value else Step.DAY.value,
        q_selected=selected,
        q_open=bool(selected),
        q_playing=False,
        q_last_tick=0.0,
    )


def _write_url() -> None:
    s = st.session_state
    params = {"day": s.q_day.isoformat(), "view": s.q_view, "step": s.q_step}
    if s.q_selected:
        params["event"] = s.q_selected
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)


def _step(timeline: Timeline, forward: bool) -> None:
    s = st.session_state
    s.q_day = timeline.step(s.q_day, forward, Step(s.q_step))


def _on_slider() -> None:
    st.session_state.q_day = st.session_state.w_day


def _on_view() -> None:
    st.session_state.q_view = st.session_state.w_view


def _on_step_mode() -> None:
    st.session_state.q_step = Step.EVENT.value if st.session_state.w_by_event else Step.DAY.value


def _toggle_play(timeline: Timeline) -> None:
    s = st.session_state
    s.q_playing = not s.q_playing
    if s.q_playing and timeline.at_end(s.q_day, True, Step(s.q_step)):
        s.q_day = timeline.first_day  # Play at the end starts over
    s.q_last_tick = time.monotonic()


def _select(event_id: str) -> None:
    """An event picked in the list: its marker is highlighted, centred, its popup opened."""
    s = st.session_state
    s.q_selected = event_id
    s.q_open = True


def _on_map_click() -> None:
    """A click on a marker selects its first event in the list (the day's first)."""
    s = st.session_state
    clicked = (s.get(MAP_KEY) or {}).get("last_object_clicked")
    layers: EventLayers | None = s.get("q_layers")
    if not clicked or layers is None:
        return
    group = layers.group_at(clicked["lat"], clicked["lng"])
    if group is not None and group.event_ids:
        if s.q_selected not in group.event_ids:
            s.q_selected = group.event_ids[0]
        s.q_open = True  # the markers are redrawn with the selection: reopen the popup


def _md(text: object) -> str:
    """Text safe in a Markdown label (button labels render Markdown)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~<>$:])", r"\\\1", str(text))


# --- page -----------------------------------------------------------------------------


def _source() -> tuple[str | None, dict | None]:
    """Which events to show: the reader's own article (from the "Your article" page),
    else ``GEO_EVENTS_FILE``, else the seed (``None``)."""
    user = st.session_state.get(USER_EVENTS_KEY)
    if user:
        if "path" not in user:  # written once per set of events; the caches key on it
            user["path"] = str(write_events_table(user["frame"], USER_EVENTS_DIR))
        return user["path"], user
    return os.environ.get(EVENTS_FILE_ENV) or None, None


def _back_to_seed() -> None:
    st.session_state.pop(USER_EVENTS_KEY, None)
    st.session_state.q_init = False


def _heading(path: str | None, user: dict | None, df: pd.DataFrame) -> None:
    """Title and caption: the seed's, the reader's article's, or the events file's."""
    if user:
        published = user.get("published")
        st.title(_md(user.get("title") or "Your article"))
        when = f" (published {format_day(published)})" if published else ""
        events = df["event_id"].nunique() if "event_id" in df else len(df)
        st.caption(
            f"Events the geoparser found in your article{when}: {events} events, "
            f"{len(df)} markers. Correct them on the *Your article* page."
        )
        st.button("Back to the Al-Qusayr article", on_click=_back_to_seed)
    elif path:
        st.title("Events map")
        st.caption(f"Events from {_md(os.path.basename(path))}: {len(df)} rows.")
    else:
        st.title("The fall of Al-Qusayr, May–June 2013")
        st.caption(
            "Events reported in *Syria rebels say they have lost battle for Al-Qusayr* "
            "(NOW Lebanon, Wed 5 June 2013), placed on the map day by day."
        )


def main() -> None:
    path, user = _source()
    if st.session_state.get("q_source", path) != path:
        st.session_state.q_init = False  # another set of events: start over
    st.session_state.q_source = path
    df = load_events(path)
    timeline = load_timeline(path)
    _init_state(df, timeline)
    s = st.session_state
    _heading(path, user, df)
    if df.empty:
        st.warning("No events to show.")
        return

    # Timeline controls. Callbacks change q_*; the widgets are set from q_* below.
    c_prev, c_next, c_play, c_view, c_mode = st.columns([1, 1, 1, 2.6, 2.4])
    c_prev.button(
        "Previous",
        on_click=_step,
        args=(timeline, False),
        width="stretch",
        disabled=timeline.at_end(s.q_day, False, Step(s.q_step)),
    )
    c_next.button(
        "Next",
        on_click=_step,
        args=(timeline, True),
        width="stretch",
        disabled=timeline.at_end(s.q_day, True, Step(s.q_step)),
    )
    c_play.button(
        "Pause" if s.q_playing else "Play",
        on_click=_toggle_play,
        args=(timeline,),
        width="stretch",
        type="primary" if s.q_playing else "secondary",
    )
    s.w_view = s.q_view
    c_view.radio(
        "View",
        list(VIEW_LABELS),
        format_func=VIEW_LABELS.get,
        key="w_view",
        horizontal=True,
        on_change=_on_view,
        label_visibility="collapsed",
    )
    s.w_by_event = s.q_step == Step.EVENT.value
    c_mode.toggle(
        "Step event by event",
        key="w_by_event",
        on_change=_on_step_mode,
        help="Previous/Next jump to the days on which an event begins",
    )
    if timeline.n_days > 1:  # streamlit refuses a slider whose ends are equal
        s.w_day = s.q_day
        st.slider(
            "Day",
            min_value=timeline.first_day,
            max_value=timeline.last_day,
            key="w_day",
            format="ddd D MMM YYYY",
            on_change=_on_slider,
        )

    day, view = s.q_day, s.q_view
    layers = day_layers(path, day, view, s.q_selected, bool(s.q_open))
    s.q_layers = layers
    s.q_open = False

    left, right = st.columns([3, 1.25], gap="medium")
    with left:
        st_folium(
            build_map(
                basemap(),
                categories(path),
                online_tiles=os.environ.get(TILES_ENV, "on") != "off",
                bounds=initial_bounds(path),
                basemap_urls=basemap_urls(path),
                popups_url=popups_url(path),
            ),
            key=MAP_KEY,
            height=MAP_HEIGHT,
            width="stretch",
            returned_objects=["last_object_clicked"],
            feature_group_to_add=feature_groups(layers, day, _ahead(path, timeline)),
            on_change=_on_map_click,
            render=False,
        )
    with right:
        _event_list(df, load_index(path), day, view, layers)
    _write_url()
    if s.q_playing:
        # Last on the page: an element added above the map would shift it in the page's
        # tree and streamlit would mount a new iframe (a new Leaflet map) on every tick.
        _player(timeline)


def _ahead(path: str | None, timeline: Timeline) -> dict[str, tuple[date, EventLayers]]:
    """The days Previous and Next lead to and their layers (cached), for the map to
    draw at the click (see ``geo.mapview.feature_groups``)."""
    s = st.session_state
    out = {}
    for direction, forward in (("next", True), ("previous", False)):
        day = timeline.step(s.q_day, forward, Step(s.q_step))
        if day != s.q_day:
            out[direction] = (day, day_layers(path, day, s.q_view, s.q_selected, False))
    return out


def _player(timeline: Timeline) -> None:
    """While playing, a fragment ticks every PLAY_SECONDS and moves the whole page on."""

    @st.fragment(run_every=PLAY_SECONDS)
    def tick() -> None:
        s = st.session_state
        if not s.q_playing or time.monotonic() - s.q_last_tick < PLAY_SECONDS * 0.8:
            return
        s.q_last_tick = time.monotonic()
        if timeline.at_end(s.q_day, True, Step(s.q_step)):
            s.q_playing = False
        else:
            _step(timeline, True)
        st.rerun(scope="app")

    tick()


def _event_list(
    df: pd.DataFrame, index: EventIndex, day: date, view: str, layers: EventLayers
) -> None:
    """The day's events as buttons (the selected one highlighted) and the selection's text."""
    s = st.session_state
    today = index.on(day)
    shown = sum(len(g.event_ids) for g in layers.groups)
    st.subheader(format_day(day))
    scope = "up to this day" if view == View.CUMULATIVE.value else "on this day"
    st.caption(
        f"{len(today)} event(s) on this day · {shown} shown {scope} "
        f"at {len(layers.groups)} place(s)"
    )
    listed = today[:LIST_MAX]
    if s.q_selected and all(row["id"] != s.q_selected for row in listed):
        listed += [row for row in today[LIST_MAX:] if row["id"] == s.q_selected]
    with st.container(height=LIST_HEIGHT, border=False):
        for row in listed:
            style = category_style(row["category"])
            label = f"{style.symbol} {_md(row['title'])} — {_md(row['place_name'])}"
            st.button(
                label,
                key=f"ev-{row['id']}",
                width="stretch",
                type="primary" if row["id"] == s.q_selected else "secondary",
                on_click=_select,
                args=(row["id"],),
                help=format_span(row["start"], row["end"]),
            )
        if len(today) > len(listed):
            st.caption(f"… and {len(today) - len(listed)} more: click their markers.")
        if not today:
            st.caption("No event on this day: use Next or the slider.")
    if s.q_selected:
        chosen = df.loc[df["id"] == s.q_selected]
        if len(chosen):
            st.markdown("**Selected event**")
            st.html(f'<div class="ev-popup">{chosen.iloc[0]["popup_full"]}</div>')

main()
