"""Events page: the seed's events as a sortable, filterable table, with downloads.

Thin: loads the events frame once (cached), filters it with the widgets, shows it, and
hands the filtered rows to ``geo.export`` for GeoJSON, CSV and KML.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.highlight import map_link

try:
    from geo.article import load_seed_article
    from geo.events import events_frame, load_seed_events
    from geo.export import FORMATS, render
except ImportError as exc:  # a module the page rests on is missing: say so, do not crash
    st.title("Events")
    st.error(f"The events are not available: {exc}.")
    st.stop()




@st.cache_data(show_spinner=False)
def load() -> tuple[str, pd.DataFrame]:
    """The article id (for file names) and one row per event and place."""
    return load_seed_article().id, events_frame(load_seed_events())


def reporters(frame: pd.DataFrame) -> list[str]:
    """Every source named in ``reported_by`` (joined with "; " in the frame)."""
    names = {n.strip() for cell in frame["reported_by"].dropna() for n in str(cell).split(";")}
    return sorted(n for n in names if n)


def filter_events(
    frame: pd.DataFrame,
    categories: list[str],
    places: list[str],
    sources: list[str],
    first: pd.Timestamp,
    last: pd.Timestamp,
) -> pd.DataFrame:
    """Rows matching every filter; an empty selection means "all".

    An event that spans days is kept when its span overlaps the chosen range.
    """
    keep = pd.Series(True, index=frame.index)
    if categories:
        keep &= frame["category"].isin(categories)
    if places:
        keep &= frame["place_name"].isin(places)
    if sources:
        named = frame["reported_by"].fillna("").map(lambda s: {n.strip() for n in s.split(";")})
        keep &= named.map(lambda names: bool(names & set(sources)))
    end = frame["end"].fillna(frame["start"])
    keep &= (frame["start"] <= last) & (end >= first)
    return frame[keep]


st.title("Events")
article_id, frame = load()
st.caption(
    f"{frame['event_id'].nunique()} events at {frame['place_id'].nunique()} places, from "
    f"article `{article_id}`. One row (and one marker) per event and place. Click a column "
    "header to sort."
)

days = pd.concat([frame["start"], frame["end"]]).dropna()
lo, hi = days.min().date(), days.max().date()
c1, c2, c3, c4 = st.columns([1, 1, 1.2, 1])
categories = c1.multiselect("Category", sorted(frame["category"].unique()), key="f_category")
places = c2.multiselect("Place", sorted(frame["place_name"].unique()), key="f_place")
sources = c3.multiselect("Reported by", reporters(frame), key="f_source")
picked = c4.date_input(
    "Date range", (lo, hi), min_value=lo, max_value=hi, key="f_dates",
    format="YYYY-MM-DD",
)
first, last = picked if isinstance(picked, tuple | list) and len(picked) == 2 else (lo, hi)

shown = filter_events(
    frame, categories, places, sources, pd.Timestamp(first), pd.Timestamp(last)
).copy()
shown.insert(1, "map", shown["id"].map(map_link))

st.dataframe(
    shown,
    hide_index=True,
    key="events_table",
    column_order=[
        "start", "end", "title", "category", "place_name", "date_phrase", "date_precision",
        "reported_by", "actors", "place_role", "confidence", "map", "id", "event_id", "excerpt",
        "lat", "lon", "precision_km", "kind", "country_code", "place_id",
    ],  # fmt: skip
    column_config={
        "start": st.column_config.DateColumn("Start", format="ddd D MMM YYYY"),
        "end": st.column_config.DateColumn("End", format="ddd D MMM YYYY"),
        "title": st.column_config.TextColumn("Event", width="large"),
        "category": "Category",
        "place_name": "Place",
        "date_phrase": "Date as written",
        "date_precision": "Date precision",
        "reported_by": "Reported by",
        "place_role": "Role of place",
        "confidence": st.column_config.ProgressColumn(
            "Confidence", min_value=0.0, max_value=1.0, format="%.2f"
        ),
        "map": st.column_config.LinkColumn("Map", display_text="show on map"),
        "excerpt": st.column_config.TextColumn("Excerpt", width="large"),
        "precision_km": st.column_config.NumberColumn("Precision (km)", format="%.1f"),
    },
)
st.caption(
    f"{shown['event_id'].nunique()} of {frame['event_id'].nunique()} events shown "
    f"({len(shown)} of {len(frame)} rows)."
)

export = shown.drop(columns=["map"])
downloads = st.container(horizontal=True)
for fmt in FORMATS.values():
    downloads.download_button(
        f"Download {fmt.label}",
        render(export, fmt.name),
        file_name=f"{article_id}-events.{fmt.extension}",
        mime=fmt.mime,
        on_click="ignore",
        key=f"dl_{fmt.name}",
    )
