"""Days on the map's timeline: which events show on a day, and how a step moves.

The map page shows one day at a time. Events have a first and a last day (the
siege covers weeks, "on Wednesday" one day), and an event shows on every day it
covers. Stepping goes day by day, or jumps to the next day on which an event
begins, so a reader can walk through the story without empty days.

Everything here works on the pandas frame from ``geo.events.events_frame`` (one row
per event and place, ``start``/``end`` as datetime64 days) and plain ``date``s.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd


class View(StrEnum):
    """What the map shows for the selected day."""

    CUMULATIVE = "cumulative"  # everything up to the day; the day's events highlighted
    DAY = "day"  # only the events that cover the day


class Step(StrEnum):
    """How Previous/Next move."""

    DAY = "day"  # one calendar day
    EVENT = "event"  # to the previous/next day on which an event begins


class State(StrEnum):
    """How an event relates to the selected day (drives the marker style)."""

    TODAY = "today"  # the event covers the day
    PAST = "past"  # the event ended before the day (cumulative view only)


@dataclass(frozen=True)
class Timeline:
    """The span of days the slider offers and the days on which events begin."""

    first_day: date
    last_day: date
    event_days: tuple[date, ...]

    @classmethod
    def from_frame(cls, events: pd.DataFrame) -> Timeline:
        """Build the timeline of an events frame.

        The first day is the first day of any event shown (19 May 2013 for the seed,
        the day its offensive was launched; a reader's 2018 article opens in 2018); the
        last day is the last day any event covers (so a long event is reachable to its
        end). With no events, one day: today.
        """
        starts = _days(events["start"])
        ends = _days(events["end"].fillna(events["start"]))
        if not starts:
            today = date.today()
            return cls(today, today, ())
        first = min(starts)
        last = max(max(ends), max(starts))
        return cls(first, last, tuple(sorted(set(starts))))

    @property
    def n_days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def clamp(self, day: date) -> date:
        """The day itself if on the timeline, else the nearest end."""
        return min(max(day, self.first_day), self.last_day)

    def step(self, day: date, forward: bool, by: Step = Step.DAY) -> date:
        """The day one step before or after ``day``; stays put at either end."""
        day = self.clamp(day)
        if by == Step.DAY:
            return self.clamp(day + timedelta(days=1 if forward else -1))
        if forward:
            i = bisect.bisect_right(self.event_days, day)
            return self.event_days[i] if i < len(self.event_days) else day
        i = bisect.bisect_left(self.event_days, day)
        return self.event_days[i - 1] if i > 0 else day

    def at_end(self, day: date, forward: bool = True, by: Step = Step.DAY) -> bool:
        """True when a step in that direction would not move (Play stops there)."""
        return self.step(day, forward, by) == self.clamp(day)


def _days(column: pd.Series) -> list[date]:
    return [d.date() for d in pd.to_datetime(column.dropna())]


@dataclass(frozen=True, eq=False)
class EventIndex:
    """The events as plain records with their first and last days as numbers.

    Selecting the rows in pandas costs tens of milliseconds per call on 10,000 events
    (row selection copies every column); the page steps through days many times over
    the same events, so it builds this once and each step is a numpy comparison and a
    list of references. Records are shared: read them, never change them.
    """

    records: tuple[dict, ...]  # one per row, with "_start" and "_spot" (see from_frame)
    first: np.ndarray  # days since 1970-01-01
    last: np.ndarray
    order: np.ndarray  # positions sorted by first day, then title (the day's list)
    # The records again with "state" set, so a step picks references instead of copying.
    as_today: tuple[dict, ...] = ()
    as_past: tuple[dict, ...] = ()

    @classmethod
    def from_frame(cls, events: pd.DataFrame) -> EventIndex:
        """Index an events frame (``geo.map.loader`` columns, ``popup_*`` included).

        Each record also gets ``_start`` (nanoseconds, for sorting), ``_spot`` (the
        marker's position to 4 decimals), which ``geo.map.layers`` would otherwise compute
        at every step, and ``_row`` (its position in the frame: its row in the map's
        popup table).
        """
        start = events["start"].to_numpy(dtype="datetime64[D]").astype(np.int64)
        end = events["end"].fillna(events["start"]).to_numpy(dtype="datetime64[D]")
        titles = events["title"].astype(str).to_numpy(dtype=object)
        order = np.array(sorted(range(len(events)), key=lambda i: (start[i], titles[i])),
                         dtype=np.int64)  # fmt: skip
        records = events.to_dict("records")
        for row, r in enumerate(records):
            r["_row"] = row
            r["_start"] = pd.Timestamp(r["start"]).value
            r["_spot"] = (round(float(r["lat"]), 4), round(float(r["lon"]), 4))
        today = tuple({**r, "state": State.TODAY.value} for r in records)
        past = tuple({**r, "state": State.PAST.value} for r in records)
        return cls(tuple(records), start, end.astype(np.int64), order, today, past)

    def __len__(self) -> int:
        return len(self.records)

    def visible(self, day: date, view: View) -> list[dict]:
        """The records to draw on ``day``, each with its ``state`` (shared: do not change).

        An event covers every day from ``start`` to ``end``. The day view keeps the
        events that cover the day; the cumulative view adds the ones that ended before
        it, marked ``past`` so the map can fade them.
        """
        rows, today = self.visible_rows(day, view)
        now, past = self.as_today, self.as_past
        return [now[i] if t else past[i] for i, t in zip(rows.tolist(), today.tolist(),
                                                         strict=True)]  # fmt: skip

    def visible_rows(self, day: date, view: View) -> tuple[np.ndarray, np.ndarray]:
        """The rows :meth:`visible` returns (positions, in file order) and whether each
        covers the day: the same choice as arrays, for ``geo.map.aggregate``."""
        n = _day_number(day)
        today = (self.first <= n) & (self.last >= n)
        keep = today if view == View.DAY else self.first <= n
        rows = np.flatnonzero(keep)
        return rows, today[rows]

    def on(self, day: date) -> list[dict]:
        """The records that cover ``day``, by first day and title (the list beside the map)."""
        n = _day_number(day)
        covers = (self.first[self.order] <= n) & (self.last[self.order] >= n)
        return [self.records[i] for i in self.order[covers]]


    def listed(self, day: date) -> list[dict]:
        """The day's list: the events that begin on ``day`` first, each group in the
        order the article tells them (a news article leads with what matters most), then
        the events still running from earlier days."""
        n = _day_number(day)
        return sorted(self.on(day), key=lambda r: (int(self.first[r["_row"]]) != n,
                                                   _article_position(r)))  # fmt: skip


def _article_position(record: dict) -> float:
    """Where the record's excerpt starts in the article; unknown last."""
    value = record.get("excerpt_start")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return float("inf")
    return number if number == number else float("inf")  # NaN: unknown


def _day_number(day: date) -> int:
    return int(np.datetime64(day, "D").astype(np.int64))


def parse_day(text: str | None, default: date) -> date:
    """A day from a URL parameter (``YYYY-MM-DD``); ``default`` if missing or malformed."""
    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        return default


def read_events_table(path: str | Path | IO[str]) -> pd.DataFrame:
    """An events frame from a CSV with the columns of ``events_frame`` (export format).

    Lets the app show another events file than the seed's (``GEO_EVENTS_FILE``): the
    benchmark's generated events, or a test's hostile text. Missing optional columns
    are filled so the map code can rely on them.
    """
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for name in ("start", "end"):
        df[name] = pd.to_datetime(df.get(name, ""), errors="coerce").astype("datetime64[s]")
    df["end"] = df["end"].fillna(df["start"])
    for name in ("lat", "lon", "precision_km", "confidence", "excerpt_start", "excerpt_end"):
        df[name] = pd.to_numeric(df.get(name, ""), errors="coerce")
    if "passage" in df:  # optional: the article paragraph of the excerpt
        df["passage"] = pd.to_numeric(df["passage"], errors="coerce").astype("Int64")
    for name in ("id", "title", "category", "date_phrase", "date_precision", "place_id",
                 "place_name", "place_role", "country_code", "reported_by", "excerpt"):  # fmt: skip
        if name not in df:
            df[name] = ""
    return df.dropna(subset=["start", "lat", "lon"]).reset_index(drop=True)
