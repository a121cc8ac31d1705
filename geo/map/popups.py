"""Popup texts: each event's entries, rendered once per events file, and how they travel.

A marker's popup lists the events at its place. Each event has two entries, rendered
here by Jinja2 with autoescape (``geo/templates/popup.html``): the full one (title, date
as resolved and as written, place and role, who reports it, the excerpt with the place
name marked, a link to the passage) and a brief one (title and date). A step names the
rows a popup lists (``geo.map.layers``); the browser joins the entries when the popup
opens (``popupHtml`` in ``static/qmap.js``, the only place they are joined).

How the entries reach the browser: the curated seed's table is public and the same for
every reader, so it is a content-named static file fetched once
(:func:`install_popup_table`). A reader's own article's texts are that reader's: they
travel with the steps of that reader's session only (:func:`popup_entries`), and
nothing is written to disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pandas as pd

from geo.assets import write_content_named
from geo.categories import category
from geo.highlight import day_label, name_pattern
from geo.map.safejson import js_json
from geo.markup import macro

ARTICLE_PAGE = "/article"


def text(value: object) -> str:
    """A value as text for a template; empty for missing values (None, NaN, NaT)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def format_span(start: date | pd.Timestamp, end: date | pd.Timestamp | None) -> str:
    """One day, or ``Sun 19 May – Wed 5 June 2013`` for a span."""
    if end is None or pd.isna(end) or pd.Timestamp(end) == pd.Timestamp(start):
        return day_label(start)
    if start.year == end.year:
        return f"{start:%a} {start.day} {start:%B} – {day_label(end)}"
    return f"{day_label(start)} – {day_label(end)}"


def article_link(passage: int, event_id: str | None = None) -> str:
    """The article page opened at paragraph ``passage`` (see ARCHITECTURE.md, URLs).

    With ``event_id`` the article page also marks that event's excerpt.
    """
    link = f"{ARTICLE_PAGE}?passage={int(passage)}"
    return f"{link}&event={quote(event_id, safe='')}" if event_id else link


def marked_pieces(text_: str, names: Iterable[str]) -> list[tuple[str, bool]]:
    """``text_`` cut into (piece, is a name) for the template to mark the names.

    Whole words, case-insensitive, longest name first, so "Al-Qusayr" wins over "Qusayr"
    (:func:`geo.highlight.name_pattern`, the one builder of such patterns).
    """
    pattern = name_pattern(names, ignore_case=True)
    if pattern is None:
        return [(text_, False)] if text_ else []
    out, pos = [], 0
    for m in pattern.finditer(text_):
        if m.start() > pos:
            out.append((text_[pos : m.start()], False))
        out.append((m.group(), True))
        pos = m.end()
    if pos < len(text_):
        out.append((text_[pos:], False))
    return out


def entry_values(row: Mapping[str, Any], names: Sequence[str] = ()) -> dict[str, Any]:
    """What an event's popup entry shows: title, dates, place, source, passage and link.

    Full and brief entries carry the same passage, source and link (issue 11); the brief
    one (an earlier event) folds them under its title.
    """
    style = category(row.get("category"))
    when = format_span(row["start"], row.get("end"))
    if row.get("date_precision") == "approximate":
        when = f"about {when}"
    place = text(row.get("place_name"))
    passage = row.get("passage")
    has_link = passage is not None and not pd.isna(passage)
    return {
        "id": text(row.get("id")), "color": style.color, "symbol": style.symbol,
        "title": text(row.get("title")), "when": when, "phrase": text(row.get("date_phrase")),
        "place": place, "role": text(row.get("place_role")),
        "who": text(row.get("reported_by")),
        "excerpt": marked_pieces(text(row.get("excerpt")), [place, *names]),
        "link": article_link(int(passage), row.get("id")) if has_link else "",
        # The number the link's ?passage= holds and the article page shows ("Passage N").
        "paragraph": int(passage) if has_link else 0,
        "article": text(row.get("article")),  # set when several articles are shown
    }  # fmt: skip


def event_entry(row: Mapping[str, Any], names: Sequence[str] = (), brief: bool = False) -> str:
    """One event's entry in a marker's popup, as HTML rendered with autoescape."""
    return str(macro("popup.html", "item")(entry_values(row, names), brief=brief))


def popup_fragments(
    events: pd.DataFrame, aliases: Mapping[str, Sequence[str]] | None = None
) -> pd.DataFrame:
    """The events frame with ``popup_full`` and ``popup_brief`` HTML per row.

    Done once per events file (the app caches it); a timeline step sends row numbers,
    not text. ``aliases`` maps place id to other spellings to mark in excerpts. The
    frame's index is reset: row numbers are positions in it.
    """
    aliases = aliases or {}
    out = events.reset_index(drop=True)
    records = out.to_dict("records")
    item = macro("popup.html", "item")
    values = [entry_values(r, aliases.get(r.get("place_id"), ())) for r in records]
    out["popup_full"] = [str(item(v)) for v in values]
    out["popup_brief"] = [str(item(v, brief=True)) for v in values]
    return out


def place_head(places: Sequence[Mapping[str, Any]], n: int) -> str:
    """The top line of a marker's popup: its places, their country and precision."""
    key = tuple((place.get("place_name"), place.get("country_code"), place.get("precision_km"))
                for place in places)  # fmt: skip
    try:
        return _place_head(key, n)
    except TypeError:  # a value that cannot be a key (a list): no cache
        return _place_head.__wrapped__(key, n)


@lru_cache(maxsize=16384)  # a place and its count change little from step to step
def _place_head(places: tuple[tuple[Any, Any, Any], ...], n: int) -> str:
    items = []
    for name, country, km in places:
        ring = f"±{km:g} km" if km and km == km else ""  # km == km: not NaN
        detail = ", ".join(x for x in (text(country), ring) if x)
        items.append({"name": text(name), "detail": detail})
    return str(macro("popup.html", "place_head")(items, n))


def popup_table_json(events: pd.DataFrame) -> str:
    """Every row's popup entries, ``[[full, brief], ...]`` by row number, as safe JSON."""
    return js_json([[full, brief] for full, brief in
                    zip(events["popup_full"], events["popup_brief"], strict=True)])  # fmt: skip


def install_popup_table(events: pd.DataFrame, static_dir: Path, url_prefix: str) -> str:
    """Write the popup table under ``static_dir`` once; return its URL.

    For the curated seed only (public text): the browser fetches it once instead of
    receiving texts at every step. The file name holds a digest of the content, so the
    browser may cache it for good. A reader's own article never goes here
    (:func:`popup_entries`).
    """
    name = write_content_named(static_dir, "popups", popup_table_json(events), digits=16)
    return f"{url_prefix}/{name}"


def popup_entries(events: pd.DataFrame, rows: Iterable[int]) -> dict[int, list[str]]:
    """The popup entries of ``rows`` (``{row: [full, brief]}``), sent with a step.

    How a reader's own article's texts reach only that reader's map.
    """
    full, brief = events["popup_full"], events["popup_brief"]
    return {row: [full.iat[row], brief.iat[row]] for row in sorted(set(rows))}


def step_popups(events: pd.DataFrame, layers: Iterable[Any]) -> dict[int, list[str]]:
    """The popup entries every marker of ``layers`` (``EventLayers``) names: a step's."""
    return popup_entries(events, {row for lay in layers for row in lay.popup_rows})
