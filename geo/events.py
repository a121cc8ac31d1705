"""The article's events as records a reader can check, validated on load, and a pandas view.

``data/events.csv`` holds one row per event and place: an event that involves several
places (rebels fleeing from Al-Qusayr to Dabaa and Buweida Al-Sharqiya) has one row per
place, tied together by ``event_id``, each with the place's role in the event. Every row
quotes the article word for word (``excerpt`` at ``excerpt_start:excerpt_end``) and says
where its date comes from: either a date phrase of the article that
:func:`geo.dates.resolve_date` turns into exactly the stored days, or, when the article
gives no date for the event itself, a ``date_rule`` starting with ``context:`` that says
in words how the days were inferred.

Loading checks all of that (see :func:`validate`) and reports every broken row by file,
line and field in one :class:`EventDataError`, so a curator fixes the file, not the code.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import pandas as pd

from geo import DATA_DIR
from geo.article import Article, load_seed_article
from geo.categories import NAMES
from geo.dates import PRECISIONS, DateNotUnderstood, find_dates, resolve_date
from geo.gazetteer import load_gazetteer

SEED_EVENTS = DATA_DIR / "events.csv"

# What a place is to an event.
PLACE_ROLES = {
    "site": "where it happened",
    "subject": "the place a statement, claim or deal is about",
    "origin": "where people or fighters came from",
    "destination": "where people or fighters went",
    "statement": "where a statement was made or issued",
    "base": "where the actors are based (the article does not say where they acted)",
    "objective": "the place the event opens the way to",
}
CONTEXT_RULE_PREFIX = "context:"
# Columns of the CSV file, in order.
CSV_FIELDS = (
    "event_id",
    "place_id",
    "place_role",
    "title",
    "category",
    "start",
    "end",
    "date_precision",
    "date_phrase",
    "date_phrase_start",
    "date_rule",
    "actors",
    "reported_by",
    "excerpt",
    "excerpt_start",
    "excerpt_end",
    "confidence",
    "note",
)
# Columns of events_frame (the contract in ARCHITECTURE.md), then the group key and rule.
FRAME_COLUMNS = (
    "id",
    "title",
    "category",
    "start",
    "end",
    "date_phrase",
    "date_precision",
    "place_id",
    "place_name",
    "place_role",
    "lat",
    "lon",
    "country_code",
    "precision_km",
    "kind",
    "actors",
    "reported_by",
    "excerpt",
    "excerpt_start",
    "excerpt_end",
    "confidence",
    "event_id",
    "date_rule",
)
LIST_SEPARATOR = "; "
# Fields that must agree between the rows (places) of one event.
_SHARED_FIELDS = (
    "title",
    "category",
    "start",
    "end",
    "date_precision",
    "date_phrase",
    "date_rule",
    "actors",
    "reported_by",
)


@dataclass(frozen=True)
class Event:
    """One event at one place, as quoted from the article.

    ``id`` (``event_id@place_id``) is unique per row; ``event_id`` groups the places of
    one event. ``start`` and ``end`` are inclusive days.
    """

    event_id: str
    place_id: str
    place_role: str
    title: str
    category: str
    start: date
    end: date
    date_precision: str
    date_phrase: str
    date_rule: str
    actors: tuple[str, ...]
    reported_by: tuple[str, ...]
    excerpt: str
    excerpt_start: int
    excerpt_end: int
    confidence: float
    date_phrase_start: int | None = None
    note: str = ""
    line: int = 0  # line of the record in its file (0 when not from a file)

    @property
    def id(self) -> str:
        return f"{self.event_id}@{self.place_id}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one record."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class EventDataError(ValueError):
    """The events file has broken records; ``problems`` lists each by file, line, field."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        head = f"{len(self.problems)} problem(s) in event data:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class PlaceLookup(Protocol):
    """What validation needs from a gazetteer (``geo.gazetteer.Gazetteer`` has it)."""

    def get(self, place_id: str): ...


# --- reading -------------------------------------------------------------------------


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


class _RowReader:
    """Turns one CSV row into an Event, collecting problems instead of raising."""

    def __init__(self, file: str, line: int, problems: list[Problem]) -> None:
        self.file, self.line, self.problems = file, line, problems

    def problem(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.line, field, message))

    def date(self, row: dict[str, str], field: str) -> date | None:
        try:
            return date.fromisoformat(row[field].strip())
        except ValueError:
            self.problem(field, f"not an ISO date (YYYY-MM-DD): {row[field]!r}")
            return None

    def integer(self, row: dict[str, str], field: str, optional: bool = False) -> int | None:
        value = row[field].strip()
        if optional and not value:
            return None
        try:
            return int(value)
        except ValueError:
            self.problem(field, f"not a whole number: {value!r}")
            return None

    def event(self, row: dict[str, str]) -> Event | None:
        before = len(self.problems)
        missing = [f for f in CSV_FIELDS if row.get(f) is None]
        if missing:
            for f in missing:
                self.problem(f, "column missing from the record")
            return None
        start, end = self.date(row, "start"), self.date(row, "end")
        excerpt_start = self.integer(row, "excerpt_start")
        excerpt_end = self.integer(row, "excerpt_end")
        phrase_start = self.integer(row, "date_phrase_start", optional=True)
        try:
            confidence = float(row["confidence"])
        except ValueError:
            self.problem("confidence", f"not a number: {row['confidence']!r}")
            confidence = float("nan")
        if len(self.problems) > before:
            return None
        return Event(
            event_id=row["event_id"].strip(),
            place_id=row["place_id"].strip(),
            place_role=row["place_role"].strip(),
            title=row["title"].strip(),
            category=row["category"].strip(),
            start=start,
            end=end,
            date_precision=row["date_precision"].strip(),
            date_phrase=row["date_phrase"],
            date_rule=row["date_rule"].strip(),
            actors=_split_list(row["actors"]),
            reported_by=_split_list(row["reported_by"]),
            excerpt=row["excerpt"],
            excerpt_start=excerpt_start,
            excerpt_end=excerpt_end,
            confidence=confidence,
            date_phrase_start=phrase_start,
            note=row["note"].strip(),
            line=self.line,
        )


def read_events(path: Path) -> tuple[list[Event], list[Problem]]:
    """Parse the CSV file into events; malformed fields become problems, not exceptions."""
    problems: list[Problem] = []
    events: list[Event] = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in CSV_FIELDS if c not in (reader.fieldnames or ())]
        if missing:
            problems.append(Problem(str(path), 1, ", ".join(missing), "missing columns"))
            return events, problems
        line = reader.line_num + 1
        for row in reader:
            event = _RowReader(str(path), line, problems).event(row)
            if event is not None:
                events.append(event)
            line = reader.line_num + 1
    return events, problems


# --- validation ----------------------------------------------------------------------


def locate(article: Article, excerpt: str) -> list[tuple[int, int]]:
    """Where ``excerpt`` stands in the article, tolerating differences in whitespace.

    The seed uses no-break spaces around some names, invisible in an editor; this finds
    the spans so the error message (and a curator) can give exact offsets.
    """
    words = excerpt.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(w) for w in words)
    return [m.span() for m in re.finditer(pattern, article.text)]


def time_span(article: Article) -> tuple[date, date]:
    """The article's time span: from the earliest day its body mentions to publication.

    Events must lie inside it; for the seed that is 19 May to 5 June 2013.
    """
    starts = [m.date.start for m in find_dates(article.body, article.published)]
    return min([*starts, article.published]), article.published


def validate(
    events: Iterable[Event], article: Article, places: PlaceLookup, file: str = ""
) -> list[Problem]:
    """Every problem with ``events`` against the article and the gazetteer.

    Checks: excerpts verbatim at their offsets and inside the article body (not the
    readers' comments); date phrases verbatim at their offsets and resolving to the
    stored days (unless the rule is a ``context:`` explanation); days inside the
    article's time span; place ids known to the gazetteer; category, role and precision
    from the fixed vocabularies; confidence in 0..1; the rows of one event agree.
    """
    problems: list[Problem] = []
    span_start, span_end = time_span(article)
    seen: dict[str, Event] = {}
    first_of_event: dict[str, Event] = {}
    for ev in events:

        def problem(field: str, message: str, ev: Event = ev) -> None:
            problems.append(Problem(file, ev.line, field, message))

        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", ev.event_id):
            problem("event_id", f"use lowercase words joined by '-': {ev.event_id!r}")
        if ev.id in seen:
            problem("place_id", f"{ev.id} repeats the record on line {seen[ev.id].line}")
        seen.setdefault(ev.id, ev)
        if places.get(ev.place_id) is None:
            problem("place_id", f"{ev.place_id!r} is not in the gazetteer")
        if ev.place_role not in PLACE_ROLES:
            problem("place_role", f"{ev.place_role!r} is not one of {sorted(PLACE_ROLES)}")
        if ev.category not in NAMES:
            problem("category", f"{ev.category!r} is not one of {list(NAMES)}")
        if not ev.title:
            problem("title", "empty")
        if not ev.reported_by:
            problem("reported_by", "say who reports it (NOW for the article's own voice)")
        if not 0.0 <= ev.confidence <= 1.0:  # also catches NaN
            problem("confidence", f"must lie in 0..1, not {ev.confidence}")
        problems.extend(_check_excerpt(ev, article, file))
        problems.extend(_check_dates(ev, article, file, span_start, span_end))
        first = first_of_event.setdefault(ev.event_id, ev)
        for name in _SHARED_FIELDS:
            if getattr(ev, name) != getattr(first, name):
                problem(name, f"differs from line {first.line}, another place of {ev.event_id}")
    return problems


def _check_excerpt(ev: Event, article: Article, file: str) -> list[Problem]:
    def problem(field: str, message: str) -> Problem:
        return Problem(file, ev.line, field, message)

    if not ev.excerpt.strip():
        return [problem("excerpt", "empty")]
    at = article.text[ev.excerpt_start : ev.excerpt_end]
    if at == ev.excerpt and article.in_body(ev.excerpt_start, ev.excerpt_end):
        return []
    if at == ev.excerpt:
        return [problem("excerpt", "quotes the readers' comments, not the article")]
    exact = article.find(ev.excerpt)
    if exact:
        where = ", ".join(f"{s}..{s + len(ev.excerpt)}" for s in exact)
        return [
            problem(
                "excerpt_start",
                f"the excerpt is at {where}, not {ev.excerpt_start}..{ev.excerpt_end}",
            )
        ]
    loose = locate(article, ev.excerpt)
    if loose:
        s, e = loose[0]
        return [
            problem(
                "excerpt",
                f"not verbatim: differs in whitespace from the article's "
                f"{s}..{e} {article.text[s:e]!r} (no-break spaces?)",
            )
        ]
    return [problem("excerpt", "not found in the article")]


def _check_dates(
    ev: Event, article: Article, file: str, span_start: date, span_end: date
) -> list[Problem]:
    out: list[Problem] = []

    def problem(field: str, message: str) -> None:
        out.append(Problem(file, ev.line, field, message))

    if ev.date_precision not in PRECISIONS:
        problem("date_precision", f"{ev.date_precision!r} is not one of {list(PRECISIONS)}")
    if ev.start > ev.end:
        problem("end", f"{ev.end} is before start {ev.start}")
    for name, day in (("start", ev.start), ("end", ev.end)):
        if not span_start <= day <= span_end:
            problem(name, f"{day} lies outside the article's time span {span_start}..{span_end}")
    if ev.date_phrase:
        if ev.date_phrase_start is None:
            problem("date_phrase_start", "give the phrase's offset in the article")
        else:
            s = ev.date_phrase_start
            if article.text[s : s + len(ev.date_phrase)] != ev.date_phrase:
                found = article.find(ev.date_phrase)
                problem(
                    "date_phrase_start",
                    f"{ev.date_phrase!r} is not at {s} (found at {found or 'no offset'})",
                )
            elif not article.in_body(s, s + len(ev.date_phrase)):
                problem("date_phrase_start", "the phrase stands in the readers' comments")
    if ev.date_rule.startswith(CONTEXT_RULE_PREFIX):
        if len(ev.date_rule) <= len(CONTEXT_RULE_PREFIX) + 3:
            problem("date_rule", "say in words how the days follow from the context")
        return out
    if not ev.date_phrase:
        problem(
            "date_phrase",
            f"empty: give the article's phrase, or a date_rule "
            f"'{CONTEXT_RULE_PREFIX} ...' explaining the days",
        )
        return out
    try:
        r = resolve_date(ev.date_phrase, article.published)
    except DateNotUnderstood as exc:
        problem("date_phrase", str(exc))
        return out
    stored = (ev.start, ev.end, ev.date_precision, ev.date_rule)
    if stored != (r.start, r.end, r.precision, r.rule):
        problem(
            "start",
            f"{ev.date_phrase!r} resolves to {r.start}..{r.end} "
            f"({r.precision}, rule {r.rule}), the record says "
            f"{ev.start}..{ev.end} ({ev.date_precision}, rule {ev.date_rule or '-'})",
        )
    return out


def load_events(path: Path, article: Article, places: PlaceLookup) -> list[Event]:
    """Read and validate an events file; raise :class:`EventDataError` listing all
    problems (by file, line, field) if any record is broken."""
    events, problems = read_events(path)
    problems += validate(events, article, places, str(path))
    if problems:
        raise EventDataError(sorted(problems, key=lambda p: p.line))
    return events


@lru_cache(maxsize=1)
def _seed_events() -> tuple[Event, ...]:
    return tuple(load_events(SEED_EVENTS, load_seed_article(), load_gazetteer()))


def load_seed_events() -> list[Event]:
    """The seed article's curated events, validated; cached (a new list each call)."""
    return list(_seed_events())


# --- pandas view ---------------------------------------------------------------------


def events_frame(events: Sequence[Event]) -> pd.DataFrame:
    """One row per event and place with the place's coordinates, typed for the app.

    Columns: :data:`FRAME_COLUMNS`. ``start``/``end`` are datetime64 at midnight,
    ``lat``/``lon``/``precision_km``/``confidence`` floats, ``excerpt_start``/``_end``
    integers, lists joined with "; ". Cached per sequence of events; a copy is returned
    so callers may modify it.
    """
    return _frame(tuple(events)).copy()


@lru_cache(maxsize=16)
def _frame(events: tuple[Event, ...]) -> pd.DataFrame:
    gazetteer = load_gazetteer()
    rows = []
    for ev in events:
        place = gazetteer.get(ev.place_id)
        rows.append(
            {
                "id": ev.id,
                "title": ev.title,
                "category": ev.category,
                "start": ev.start,
                "end": ev.end,
                "date_phrase": ev.date_phrase,
                "date_precision": ev.date_precision,
                "place_id": ev.place_id,
                "place_name": place.name if place else ev.place_id,
                "place_role": ev.place_role,
                "lat": place.lat if place else float("nan"),
                "lon": place.lon if place else float("nan"),
                "country_code": place.country_code if place else "",
                "precision_km": place.precision_km if place else float("nan"),
                "kind": place.kind if place else "",
                "actors": LIST_SEPARATOR.join(ev.actors),
                "reported_by": LIST_SEPARATOR.join(ev.reported_by),
                "excerpt": ev.excerpt,
                "excerpt_start": ev.excerpt_start,
                "excerpt_end": ev.excerpt_end,
                "confidence": ev.confidence,
                "event_id": ev.event_id,
                "date_rule": ev.date_rule,
            }
        )
    df = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
    for name in ("start", "end"):
        df[name] = pd.to_datetime(df[name]).astype("datetime64[s]")
    for name in ("lat", "lon", "precision_km", "confidence"):
        df[name] = df[name].astype("float64")
    for name in ("excerpt_start", "excerpt_end"):
        df[name] = df[name].astype("int64")
    return df

