"""A reader's own article: bytes in, proposed events out, and the reader's corrections.

The "Your article" page lets a reader paste or upload any English news article, see the
events the geoparser proposes (``geo.geoparse.propose``), fix a place or a date the
parser got wrong, and export the result. This module is that page's logic, without
streamlit, so it can be tested and reused:

- :func:`article_from_bytes` decodes by the same rules as ``python -m geo parse``
  (:func:`geo.article.decode_text`) and refuses what cannot be an article (empty, too
  large) with a :class:`BadArticle` message a reader can act on;
- :func:`propose_frame` is the events frame (``geo.events.events_frame``) of the proposed
  events plus a ``note`` column saying where each row came from;
- :func:`correct_place` and :func:`correct_dates` return a *new* frame with one row
  changed and the old value written into ``note``, so an export shows what the reader
  changed and nothing the parser found is lost. The excerpt and its offsets are never
  touched: they are the article's own words, which the correction is checked against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from geo.article import Article, UnreadableText, decode_text, default_title, make_article

# Far more than any news article (the seed is 9 kB); parsing 2 MB of news takes about 25 s
# of CPU, in a worker process (read_article), so other readers' pages stay responsive.
MAX_BYTES = 2_000_000
# The most a reader's article may take to read, waiting included (in a worker process,
# see read_article): 2 MB of news text takes about 25 s of CPU, so this leaves room for a
# busy machine; a text that takes longer is refused.
PARSE_SECONDS = 120.0
TOO_LONG = "this article took too long to read; try a shorter text"
NOTE = "note"
CORRECTED = "corrected by the reader"
READER_RULE = "reader: dates set by the reader"


class BadArticle(UnreadableText):
    """Input that cannot be an article; the message tells the reader what to do."""


class TooLong(BadArticle):
    """Reading the article took longer than its bound; the reader's text is kept."""


class UnknownPlace(ValueError):
    """A place name the gazetteer cannot resolve (or an unknown place id)."""


class BadCorrection(ValueError):
    """A correction that cannot apply: unknown row, end before start, duplicate place."""


@dataclass(frozen=True)
class PlaceChoice:
    """The place a typed name resolved to, and why (one line the reader can check)."""

    query: str
    place_id: str
    name: str
    country_code: str
    lat: float
    lon: float
    reason: str


def article_from_bytes(
    data: bytes,
    *,
    title: str | None,
    outlet: str | None,
    published: date,
    name: str,
) -> Article:
    """An :class:`Article` from uploaded or pasted bytes, or :class:`BadArticle` saying why.

    ``name`` is the file name (or "pasted text"); it becomes the article id and, without a
    title, the first line of the text is the title (:func:`geo.article.default_title`). A
    leading UTF-8 byte-order mark is dropped (by :func:`geo.article.decode_text`).
    """
    if len(data) > MAX_BYTES:
        raise BadArticle(
            f"{name} is too large ({len(data) / 1e6:.1f} MB); the limit is "
            f"{MAX_BYTES / 1e6:.0f} MB: paste the article itself, not a whole site"
        )
    try:
        text = decode_text(data)
    except BadArticle:
        raise
    except UnreadableText as exc:
        raise BadArticle(f"{name}: {exc}") from None
    if not text.strip():
        raise BadArticle(f"{name} is empty: paste or upload the text of an article")
    return make_article(
        text,
        id=_slug(name) or "your-article",
        title=(title or "").strip() or default_title(text),
        outlet=(outlet or "").strip(),
        published=published,
        source=name,
    )


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:60]


def file_stem(title: str) -> str:
    """A safe file name stem from an article title ("Clashes in Tripoli" -> "clashes-in-...")."""
    return _slug(title) or "your-article"


def propose_frame(article: Article) -> pd.DataFrame:
    """The events frame of the geoparser's proposals, plus a ``note`` column.

    The note is the parser's own ("proposed by the geoparser; place: <reason>"), so an
    export says each row is a proposal and why the place was chosen.
    """
    from geo.events import events_frame
    from geo.geoparse.propose import propose_events

    events = propose_events(article)
    frame = events_frame(events)
    frame[NOTE] = [ev.note for ev in events]
    return frame


@dataclass(frozen=True)
class ParsedArticle:
    """What the page shows of an article: the article, its proposals, its marks' sources."""

    article: Article
    frame: pd.DataFrame  # propose_frame(article)
    toponyms: tuple  # geo.geoparse.toponyms.Toponym of article.body
    dates: tuple  # geo.dates.DateMention of article.body
    online: str | None = None  # what the online look-ups met (GEO_ONLINE), for the page


def parse_article(
    data: bytes, *, title: str | None, outlet: str | None, published: date, name: str
) -> ParsedArticle:
    """Bytes to :class:`ParsedArticle` in this process (:func:`read_article` bounds it)."""
    from geo.dates import find_dates
    from geo.gazetteer import load_gazetteer
    from geo.geoparse.toponyms import find_toponyms

    article = article_from_bytes(
        data, title=title, outlet=outlet, published=published, name=name
    )
    # The online layer's budget and report live where the look-ups run (a worker).
    with load_gazetteer().online_budget() as online:  # None unless GEO_ONLINE is set
        frame = propose_frame(article)
        toponyms = tuple(find_toponyms(article.body))
    return ParsedArticle(
        article, frame, toponyms, tuple(find_dates(article.body, article.published)),
        online.message if online else None,
    )


def read_article(
    data: bytes,
    *,
    title: str | None,
    outlet: str | None,
    published: date,
    name: str,
    timeout: float = PARSE_SECONDS,
    parse=parse_article,
) -> ParsedArticle:
    """:func:`parse_article` in a worker process, within ``timeout`` seconds.

    The app's readers share one process: a parse there would hold the interpreter lock
    and slow every other reader's page. In a worker (:mod:`geo.worker`) it does not, and
    one that runs past ``timeout`` is stopped: :class:`TooLong` (a :class:`BadArticle`)
    tells the reader to try a shorter text. ``parse`` is the function the worker runs
    (module-level, so it pickles; tests pass one that never ends).
    """
    from geo.worker import WorkerFailed, WorkerTimeout, run_bounded

    try:
        return run_bounded(
            parse, data, title=title, outlet=outlet, published=published, name=name,
            timeout=timeout,
        )
    except WorkerTimeout:
        raise TooLong(TOO_LONG) from None
    except WorkerFailed as exc:
        raise BadArticle(f"the article could not be read ({exc}); try a shorter text") from None


def choose_place(name_or_id: str, context: str | None = None) -> PlaceChoice:
    """The place a reader means: a gazetteer id as is, else the name resolved in context.

    ``context`` is the article's text: "Tripoli" in an article about Lebanon is Tripoli,
    Lebanon. Raises :class:`UnknownPlace` when the gazetteer has nothing by that name.
    """
    from geo.gazetteer import MAX_NAME_CHARS, load_gazetteer
    from geo.gazetteer.qualified import unknown_message

    query = " ".join(name_or_id.split())
    if not query:
        raise UnknownPlace("type a place name (or a gazetteer id such as 'tripoli-lb')")
    if len(query) > MAX_NAME_CHARS:
        raise UnknownPlace(
            f"that is {len(query):,} characters long: type a place name (at most "
            f"{MAX_NAME_CHARS}), such as \"Tripoli, Lebanon\""
        )
    gazetteer = load_gazetteer()
    place = gazetteer.get(query)
    if place is not None:
        reason = f"{place.name}: gazetteer id {place.id}"
    else:
        resolution = gazetteer.resolve(query, context=context)
        if resolution is None:
            raise UnknownPlace(unknown_message(gazetteer, query))
        place, reason = resolution.place, resolution.reason
    return PlaceChoice(
        query, place.id, place.name, place.country_code, place.lat, place.lon, reason
    )


def _row(frame: pd.DataFrame, row_id: str) -> int:
    """Index label of the row whose ``id`` is ``row_id``, or :class:`BadCorrection`."""
    hits = frame.index[frame["id"] == row_id]
    if len(hits) != 1:
        raise BadCorrection(f"no row {row_id!r} in the events")
    return hits[0]


def _with_note(old: object, added: str) -> str:
    old = "" if old is None or (isinstance(old, float) and pd.isna(old)) else str(old)
    return f"{added}; {old}" if old else added


def correct_place(
    frame: pd.DataFrame, row_id: str, place_name_or_id: str, context: str | None = None
) -> pd.DataFrame:
    """A copy of ``frame`` with row ``row_id`` moved to the place the reader names.

    The row takes the new place's id, name, coordinates, precision, kind and country; its
    ``id`` becomes ``event_id@new place id`` (the contract of ``events_frame``), and its
    note says what the place was. :class:`UnknownPlace` or :class:`BadCorrection` leave
    ``frame`` as it was (it is never modified in place).
    """
    from geo.gazetteer import load_gazetteer

    index = _row(frame, row_id)
    choice = choose_place(place_name_or_id, context)
    place = load_gazetteer().get(choice.place_id)
    old = frame.loc[index]
    if place is None:  # an online-only place: keep what the resolution gave
        raise UnknownPlace(f"{choice.name} is not in the offline gazetteer")
    if place.id == old["place_id"]:
        return frame.copy()
    new_id = f"{old['event_id']}@{place.id}"
    if (frame["id"] == new_id).any():
        raise BadCorrection(
            f"this event is already at {place.name}: change or drop that row instead"
        )
    out = frame.copy()
    if NOTE not in out:
        out[NOTE] = ""
    was = f"{CORRECTED}: place was {old['place_name']} ({old['place_id']})"
    out.loc[index, ["id", "place_id", "place_name", "country_code", "kind"]] = [
        new_id, place.id, place.name, place.country_code, place.kind,
    ]
    out.loc[index, ["lat", "lon", "precision_km"]] = [
        float(place.lat), float(place.lon), float(place.precision_km),
    ]
    out.loc[index, NOTE] = _with_note(old.get(NOTE), was)
    return out


def correct_dates(frame: pd.DataFrame, row_id: str, start: date, end: date) -> pd.DataFrame:
    """A copy of ``frame`` with row ``row_id`` dated ``start`` to ``end`` (inclusive).

    ``date_precision`` becomes "day" or "range", ``date_rule`` says the reader set it, and
    the note keeps the old dates and rule. ``date_phrase`` stays: it is the article's own
    words. :class:`BadCorrection` (``frame`` unchanged) when ``end`` is before ``start``.
    """
    index = _row(frame, row_id)
    start, end = _day(start), _day(end)
    if end < start:
        raise BadCorrection(f"the end ({end:%d %B %Y}) is before the start ({start:%d %B %Y})")
    old = frame.loc[index]
    old_start, old_end = _day(old["start"]), _day(old["end"])
    if (start, end) == (old_start, old_end):
        return frame.copy()
    out = frame.copy()
    if NOTE not in out:
        out[NOTE] = ""
    was = (
        f"{CORRECTED}: dates were {old_start.isoformat()} to {old_end.isoformat()} "
        f"({old['date_rule']})"
    )
    out.loc[index, "start"] = pd.Timestamp(start)
    out.loc[index, "end"] = pd.Timestamp(end)
    out.loc[index, "date_precision"] = "day" if start == end else "range"
    out.loc[index, "date_rule"] = READER_RULE
    out.loc[index, NOTE] = _with_note(old.get(NOTE), was)
    return out


def _day(value: object) -> date:
    """A ``date`` from a date, datetime or pandas Timestamp."""
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    if isinstance(value, date):
        return value
    raise BadCorrection(f"not a date: {value!r}")


def corrected_rows(frame: pd.DataFrame) -> pd.Series:
    """Which rows the reader corrected (their note starts with :data:`CORRECTED`)."""
    if NOTE not in frame or frame.empty:  # no rows: the column may not hold strings
        return pd.Series(False, index=frame.index, dtype=bool)
    return frame[NOTE].fillna("").astype(str).str.startswith(CORRECTED)
