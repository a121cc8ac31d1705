"""Article text -> HTML with place names and date expressions marked and linked.

The article page shows the full text with every place name and date expression
highlighted, each linked to the event it belongs to (the link opens the map with that
event's marker selected), and an anchor per paragraph so the map's popups can open the
article at a passage. The text is untrusted: the HTML is rendered by an autoescaping
Jinja2 template (``geo/templates/article.html``, ``geo.markup``) from plain pieces, so
nothing in the article can add a tag, an attribute or a script.

Pure functions over plain values (offsets into the text); no streamlit.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol
from urllib.parse import quote

import pandas as pd

from geo.markup import macro

PLACE = "place"
DATE = "date"


@dataclass(frozen=True)
class Mark:
    """A span of the article to highlight: a place name or a date expression.

    ``title`` is the tooltip (the place's name, or the date as resolved), shown as
    text. ``event_id`` is the event the span is linked to, if any.
    """

    start: int
    end: int
    kind: str  # PLACE or DATE
    title: str
    event_id: str | None = None
    place_id: str | None = None


class Named(Protocol):
    """What :func:`spellings_of` reads from a ``geo.gazetteer.Place``."""

    id: str
    name: str
    aliases: tuple[str, ...]


class _Resolved(Protocol):
    start: date
    end: date
    precision: str


class DateSpan(Protocol):
    """What :func:`date_marks` reads from a ``geo.dates.DateMention``."""

    start: int
    end: int
    date: _Resolved


@dataclass(frozen=True)
class EventSpan:
    """Where an event's excerpt lies in the text and the places it is located at."""

    id: str
    start: int
    end: int
    place_ids: frozenset[str] = frozenset()


def event_spans(frame: pd.DataFrame) -> list[EventSpan]:
    """One :class:`EventSpan` per event of an events frame (``geo.events.events_frame``).

    The frame has a row per event and place; the places are gathered. Events come out
    by start day, then by position in the text, so "the first event at a place" is the
    earliest one.
    """
    if frame.empty:
        return []
    ordered = frame.sort_values(["start", "excerpt_start"], kind="stable", na_position="last")
    spans = []
    for event_id, rows in ordered.groupby("id", sort=False):
        spans.append(
            EventSpan(
                id=str(event_id),
                start=int(rows["excerpt_start"].min()),
                end=int(rows["excerpt_end"].max()),
                place_ids=frozenset(str(p) for p in rows["place_id"].dropna()),
            )
        )
    return spans


def spellings_of(places: Iterable[Named]) -> dict[str, str]:
    """Spelling -> place id for every place's name and aliases; the first place wins."""
    names: dict[str, str] = {}
    for place in places:
        for spelling in (place.name, *place.aliases):
            if spelling and spelling.strip():
                names.setdefault(spelling, place.id)
    return names


def day_label(day: date) -> str:
    """"Wed 5 June 2013": how the app names a day (the weekday matters to readers of
    "on Wednesday"): the article's date titles, the map's popups, list and heading."""
    return f"{day:%a} {day.day} {day:%B %Y}"


def date_title(start: date, end: date, precision: str) -> str:
    """The resolved date as a reader checks it: one day, or first and last day."""
    if start == end:
        text = day_label(start)
    else:
        text = f"{day_label(start)} to {day_label(end)}"
    return text if precision == "day" else f"{text} ({precision})"


def date_marks(mentions: Iterable[DateSpan]) -> list[Mark]:
    """Marks for date mentions (``geo.dates.find_dates``), titled with the resolved days."""
    return [
        Mark(m.start, m.end, DATE, date_title(m.date.start, m.date.end, m.date.precision))
        for m in mentions
    ]


def passage_id(index: int) -> str:
    """Element id of paragraph ``index``: the anchor the map's popup links point at."""
    return f"passage-{int(index)}"


def find_names(
    text: str, names: Mapping[str, str], titles: Mapping[str, str] | None = None
) -> list[Mark]:
    """Occurrences of the place names in ``names`` (spelling -> place id) in ``text``.

    Whole words only and case-sensitive (place names are proper nouns: "Homs" but not
    "homs" inside a word). Longer spellings win over shorter ones they contain
    ("Al-Qusayr" over "Qusayr"), and spans never overlap. ``titles`` maps place id to
    the display name used as tooltip (defaults to the spelling).
    """
    titles = titles or {}
    by_key = {_spaces(s): place_id for s, place_id in reversed(list(names.items()))}
    pattern = name_pattern(by_key)
    if pattern is None:
        return []
    marks = []
    for m in pattern.finditer(text):
        place_id = by_key[_spaces(m.group(0))]
        title = titles.get(place_id, m.group(0))
        marks.append(Mark(m.start(), m.end(), PLACE, title, place_id=place_id))
    return marks


def name_pattern(
    spellings: Iterable[str], ignore_case: bool = False
) -> re.Pattern[str] | None:
    """A regex for any of ``spellings`` as whole words, longest first; None if there are none.

    The one builder of the patterns that mark place names (the article page, the places
    page, the map's popups). A space in a spelling matches any run of whitespace:
    articles as collected often carry non-breaking spaces ("Al-Qusayr\xa0region").
    ``ignore_case``: the popups mark "al-Qusayr" for "Al-Qusayr" too.
    """
    unique = sorted({_spaces(s) for s in spellings if s and s.strip()}, key=lambda s: (-len(s), s))
    if not unique:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, s.split(" "))) for s in unique)
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", flags)


def _spaces(value: str) -> str:
    """``value`` with every run of whitespace (non-breaking spaces too) as one space."""
    return " ".join(value.split())


def link_marks(marks: Iterable[Mark], events: Sequence[EventSpan]) -> list[Mark]:
    """Give each mark the event it belongs to.

    A mark inside an event's excerpt belongs to that event (for a place name, only if
    the event is at that place, else it falls through). A place name outside any
    matching excerpt belongs to the first event at that place, so every place on the map
    is reachable from its name. A date outside every excerpt stays unlinked.
    """
    linked = []
    for mark in marks:
        event_id = mark.event_id
        if event_id is None:
            event_id = _event_around(mark, events)
        if event_id is None and mark.kind == PLACE and mark.place_id:
            event_id = next((e.id for e in events if mark.place_id in e.place_ids), None)
        linked.append(_replace_event(mark, event_id))
    return linked


def _event_around(mark: Mark, events: Sequence[EventSpan]) -> str | None:
    containing = [e for e in events if e.start <= mark.start and mark.end <= e.end]
    if mark.kind == PLACE:
        containing = [e for e in containing if mark.place_id in e.place_ids]
    # The tightest excerpt is the most specific event.
    containing.sort(key=lambda e: e.end - e.start)
    return containing[0].id if containing else None


def _replace_event(mark: Mark, event_id: str | None) -> Mark:
    return Mark(mark.start, mark.end, mark.kind, mark.title, event_id, mark.place_id)


def non_overlapping(marks: Iterable[Mark]) -> list[Mark]:
    """Marks sorted by start, dropping any that overlaps an earlier (or longer) one.

    Date expressions and place names can overlap ("Beirut's June 5"? rarely); the longer
    span wins so the reader sees the fuller phrase.
    """
    ordered = sorted(marks, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mark] = []
    for mark in ordered:
        if mark.end <= mark.start:
            continue
        if kept and mark.start < kept[-1].end:
            continue
        kept.append(mark)
    return kept


def map_link(event_id: str, base: str = "./") -> str:
    """URL of the main map with ``event_id`` selected (see ARCHITECTURE.md, URLs)."""
    return f"{base}?event={quote(event_id, safe='')}"


def render_article(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    marks: Iterable[Mark],
    *,
    current: int | None = None,
    excerpt: tuple[int, int] | None = None,
    link: Callable[[str], str] = map_link,
) -> str:
    """The article as HTML: one ``<p id="passage-N">`` per paragraph, marks as links.

    ``current`` is the paragraph to mark (class ``current``), ``excerpt`` a span of the
    text to highlight (the selected event's excerpt). ``link`` turns an event id into
    the href of its marker. Rendered by ``geo/templates/article.html`` with autoescape;
    marks crossing a paragraph boundary are dropped.
    """
    marks = non_overlapping(marks)  # sorted by start: each paragraph's marks by bisect,
    starts = [m.start for m in marks]  # not a scan of all marks per paragraph (quadratic)
    items = []
    for index, (p_start, p_end) in enumerate(paragraphs):
        lo, hi = bisect.bisect_left(starts, p_start), bisect.bisect_left(starts, p_end)
        inside = [m for m in marks[lo:hi] if m.end <= p_end]
        items.append({
            "index": index,
            "anchor": passage_id(index),
            "classes": "passage current" if index == current else "passage",
            "pieces": _pieces(text, p_start, p_end, inside, excerpt, link),
        })  # fmt: skip
    return str(macro("article.html", "article")(items))


def _pieces(
    text: str,
    start: int,
    end: int,
    marks: Sequence[Mark],
    excerpt: tuple[int, int] | None,
    link: Callable[[str], str],
) -> list[dict]:
    """A paragraph as pieces for the template: plain text and marks, in text order."""
    pieces = []
    cursor = start
    for mark in marks:
        pieces.extend(_plain(text, cursor, mark.start, excerpt))
        pieces.append(_mark(text, mark, excerpt, link))
        cursor = mark.end
    pieces.extend(_plain(text, cursor, end, excerpt))
    return pieces


def _plain(text: str, start: int, end: int, excerpt: tuple[int, int] | None) -> list[dict]:
    """Text between marks, cut where the excerpt starts and ends."""
    if start >= end:
        return []
    if excerpt is None:
        return [{"kind": "text", "text": text[start:end], "excerpt": False}]
    cuts = sorted({start, end, *(c for c in excerpt if start < c < end)})
    return [
        {"kind": "text", "text": text[a:b], "excerpt": excerpt[0] <= a and b <= excerpt[1]}
        for a, b in zip(cuts, cuts[1:], strict=False)
    ]


def _mark(
    text: str, mark: Mark, excerpt: tuple[int, int] | None, link: Callable[[str], str]
) -> dict:
    classes = f"hl {mark.kind}"
    if excerpt is not None and excerpt[0] <= mark.start and mark.end <= excerpt[1]:
        classes += " in-excerpt"
    href = None if mark.event_id is None else link(mark.event_id)
    return {"kind": "mark", "classes": classes, "title": mark.title, "event": mark.event_id,
            "text": text[mark.start : mark.end], "href": href}  # fmt: skip


ARTICLE_CSS = """
<style>
.article { max-width: 52rem; }
.article p.passage { line-height: 1.6; padding: .25rem .5rem; border-left: 4px solid transparent;
  scroll-margin-top: 5rem; }
.article p.passage.current { border-left-color: #d9480f; background: #fff8f0; }
.article a.pilcrow { color: #adb5bd; text-decoration: none; font-size: .8em; }
.article p.legend { font-size: .85em; color: #495057; }
.article .hl { border-radius: 3px; padding: 0 2px; text-decoration: none; color: inherit; }
.article .hl.place { background: #d0ebff; border-bottom: 2px solid #1c7ed6; }
.article .hl.date { background: #fff3bf; border-bottom: 2px solid #f08c00; }
.article mark.excerpt { background: #ffc078; color: inherit; padding: 1px 0; }
.article .hl.in-excerpt { outline: 2px solid #d9480f; }
</style>
"""
