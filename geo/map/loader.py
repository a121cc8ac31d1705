"""The events the map shows, loaded once: the one loader behind the map page.

Three sources: the curated seed (``geo.events``), an events file (``GEO_EVENTS_FILE``,
the export's CSV columns), or a reader's own article (its proposed and corrected
events, from the *Your article* page). Each comes out as :class:`MapEvents`: the rows
that can be drawn, with their popup entries, the timeline, the day index, the legend's
categories and where the map opens. A reader's article is read from memory, never
written to disk, and its popups stay out of the public static files (``public``).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.map.bounds import Bounds, focus_bounds
from geo.map.popups import popup_fragments
from geo.timeline import EventIndex, Timeline, read_events_table


@dataclass(frozen=True, eq=False)
class MapEvents:
    """Everything the map page reads about the events it shows (shared: read only)."""

    events: pd.DataFrame  # one row per event and place, with popup_full / popup_brief
    timeline: Timeline
    index: EventIndex
    categories: tuple[str, ...]  # in the legend
    bounds: Bounds | None  # where the map opens
    public: bool  # curated or operator-given: popups may be a public static file


def load_map_events(path: str | Path | None = None, frame: pd.DataFrame | None = None) -> MapEvents:
    """The events to show: a reader's ``frame``, else the file at ``path``, else the seed.

    Rows without a day or a point are left out (they cannot be drawn). The seed's rows
    (and an events file without a ``passage`` column) link to the seed article's
    paragraphs; a reader's article has no article page, so its popups carry no link.
    """
    if frame is not None:
        from geo.export import to_csv

        df = read_events_table(io.StringIO(to_csv(frame.assign(passage=pd.NA),
                                                 for_spreadsheets=False)))
    elif path:
        df = read_events_table(path)
    else:
        from geo.events import events_frame, load_seed_events

        df = events_frame(load_seed_events())
    df = df.dropna(subset=["lat", "lon", "start"]).reset_index(drop=True)
    if "passage" not in df:
        df["passage"] = seed_passages(df)
    df = popup_fragments(df, place_aliases(df))
    categories = tuple(sorted(df["category"].dropna().astype(str).unique()))
    return MapEvents(df, Timeline.from_frame(df), EventIndex.from_frame(df), categories,
                     focus_bounds(df), public=frame is None)  # fmt: skip


def frame_key(frame: pd.DataFrame) -> str:
    """A key naming a reader's events by content (for caches; corrected events differ)."""
    from geo.export import to_csv

    return "reader:" + hashlib.sha256(to_csv(frame).encode()).hexdigest()[:16]


def seed_passages(df: pd.DataFrame) -> list[int | None]:
    """The seed article's paragraph holding each excerpt (for the popups' links)."""
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


def place_aliases(df: pd.DataFrame) -> dict[str, tuple[str, ...]]:
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
