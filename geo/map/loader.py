"""The events the map shows, loaded once: the one loader behind the map page.

Four sources: the curated seed (``geo.events``), an events file (``GEO_EVENTS_FILE``,
the export's CSV columns), a reader's own article held in the session (its proposed and
corrected events), or articles of the workspace database (``?articles=1,2`` or
``?articles=all``; :func:`workspace_source` names them with the store's change stamp,
so a correction made in another session is a new source at the next rerun). Each comes
out as :class:`MapEvents`: the rows that can be drawn, with their popup entries, the
timeline, the day index, the legend's categories and where the map opens. A reader's
article is read from memory, never written to disk, and its
popups (as the workspace's) stay out of the public static files (``public``).
"""

from __future__ import annotations

import gc
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
    heading: tuple[str, str] | None = None  # title and caption (Markdown), when the source has


def load_map_events(path: str | Path | None = None, frame: pd.DataFrame | None = None) -> MapEvents:
    """The events to show: a reader's ``frame``, else the file at ``path``, else the seed.

    Rows without a day or a point are left out (they cannot be drawn). The seed's rows
    (and an events file without a ``passage`` column) link to the seed article's
    paragraphs; a reader's article has no article page, so its popups carry no link.
    """
    if path and str(path).startswith(WORKSPACE):
        return _workspace_events(str(path))
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


def keep(data: MapEvents) -> MapEvents:
    """Take loaded events out of the cyclic garbage collector's rounds (``gc.freeze``).

    The page keeps them for the server's life: hundreds of thousands of records that a
    full collection would traverse every few steps, only to find them alive (100,000
    generated events: 0.5 s of CPU, one step in eight). Frozen objects are still freed
    by reference counting when the page's cache drops them.
    """
    gc.collect()
    gc.freeze()
    return data


WORKSPACE = "workspace:"
ALL = "all"
MAX_ARTICLES_PARAM = 2000  # ids in one ?articles= (a link, not a query language)


def parse_articles(value: str | None) -> list[int] | None | str:
    """``?articles=``: ``"all"``, or the ids ``1,2,3`` (sorted, no repeats); ``""`` when
    the value is missing or not of that form."""
    text = (value or "").strip()
    if text == ALL:
        return ALL
    parts = text.split(",")
    if not text or len(parts) > MAX_ARTICLES_PARAM:
        return ""
    if not all(p.isascii() and p.isdigit() and len(p) < 10 for p in parts):
        return ""
    return sorted({int(p) for p in parts})


def workspace_source(value: str | None, url: str | None = None) -> str | None:
    """The map's source key for ``?articles=…`` (None when the value is not one):
    ``workspace:<ids or all>@<stamp>``, the stamp being the store's change counter."""
    from geo.store.workspace import shared_store

    ids = parse_articles(value)
    if ids == "":
        return None
    spec = ALL if ids == ALL else ",".join(map(str, ids))
    stamp = shared_store(url).stamp(None if ids == ALL else ids)
    return f"{WORKSPACE}{spec}@{stamp}"


def source_params(source: str | None) -> dict[str, str]:
    """The URL parameters that name ``source`` (``{"articles": …}`` for the workspace)."""
    if source and source.startswith(WORKSPACE):
        return {"articles": source[len(WORKSPACE):].rpartition("@")[0]}
    return {}


def _workspace_events(source: str) -> MapEvents:
    """The events (not rejected) of the articles a :func:`workspace_source` key names.

    With several articles each popup names its article. The seed article's rows link to
    its passages (the article page shows the seed); other articles' rows carry no link.
    """
    from geo.markup import markdown_text
    from geo.store.workspace import shared_store

    store = shared_store()
    spec = source_params(source)["articles"]
    ids = None if spec == ALL else [int(i) for i in spec.split(",")]
    summaries = [a for a in store.articles() if ids is None or a.id in ids]
    df = store.frame([a.id for a in summaries])
    df = df.dropna(subset=["lat", "lon", "start"]).reset_index(drop=True)
    seed = store.seed_id()
    passages = seed_passages(df)
    df["passage"] = [p if a == seed else None for p, a in zip(passages, df["article_id"],
                                                              strict=True)]
    titles = {a.id: a.title for a in summaries}
    if len(summaries) > 1:
        df["article"] = [titles.get(a, "") for a in df["article_id"]]
    df = popup_fragments(df, place_aliases(df))
    categories = tuple(sorted(df["category"].dropna().astype(str).unique()))
    if len(summaries) == 1:
        one = summaries[0]
        head = (markdown_text(one.title), f"Article {one.id} of the workspace"
                f"{', ' + markdown_text(one.outlet) if one.outlet else ''}, published "
                f"{one.published:%d %B %Y}: {df['event_id'].nunique()} events, {len(df)} "
                "markers.")
    else:
        head = ("Workspace map", f"{len(summaries)} articles of the workspace on one "
                f"timeline: {df['event_id'].nunique()} events, {len(df)} markers.")
    return MapEvents(df, Timeline.from_frame(df), EventIndex.from_frame(df), categories,
                     focus_bounds(df), public=False, heading=head)  # fmt: skip


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
