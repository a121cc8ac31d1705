"""The workspace: many articles, their events and every correction, in one database.

:func:`open_store` opens (and, the first time, creates) the database and returns a
:class:`Store`. Everything the pages and the CLI do with the workspace goes through it:

- :meth:`Store.import_source` (and ``import_bytes`` / ``import_file``): one article and
  all its proposed events in one transaction, or nothing; the same text twice adds nothing
  and says so (the SHA-256 of the text is the article's identity);
- :meth:`Store.articles`, :meth:`Store.article`, :meth:`Store.frame`: what is stored, the
  events as the frame of ``geo.events.events_frame`` plus ``note``, ``status``,
  ``version``, ``article_id`` and ``corrections`` (the history, one line per change);
- :meth:`Store.correct_place`, :meth:`Store.correct_dates`, :meth:`Store.set_status`:
  a reader's changes, each written with its audit row. Each names the event ``version``
  it was made on; when another session changed the event since, :class:`StaleVersion`
  says so instead of silently overwriting.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from geo.article import Article, make_article
from geo.events import FRAME_COLUMNS, LIST_SEPARATOR, Event
from geo.store.engine import (
    ENV_URL,
    database_url,
    make_engine,
    migrate_and_seed,
    shown,
    unreachable,
)
from geo.store.errors import NotFound, StaleVersion, StoreError
from geo.store.models import (
    STATUSES,
    ArticleRow,
    CorrectionRow,
    EventPlaceRow,
    EventRow,
    MetaRow,
)
from geo.store.sources import BadSource, Source, read_file, read_source

SEED_LOADED = "seed_loaded"
ADDED, ALREADY, REFUSED = "added", "already there", "refused"
# Columns of Store.frame after those of geo.events.events_frame.
EXTRA_COLUMNS = ("note", "status", "version", "article_id", "corrections")
HISTORY_SEPARATOR = " | "


@dataclass(frozen=True)
class ImportResult:
    """What became of one file or text: ``status`` is added, already there or refused."""

    file: str
    status: str
    article_id: int | None
    events: int
    message: str
    online: str | None = None  # what the online look-ups met (GEO_ONLINE), for the page

    def as_json(self) -> dict[str, object]:
        return {"file": self.file, "status": self.status, "article_id": self.article_id,
                "events": self.events, "message": self.message}


@dataclass(frozen=True)
class ArticleSummary:
    """One line of the library: an article and the span of its (not rejected) events."""

    id: int
    title: str
    outlet: str
    published: date
    source: str
    curated: bool
    added_at: datetime
    events: int
    first_day: date | None
    last_day: date | None

    def as_json(self) -> dict[str, object]:
        def iso(d: date | None) -> str | None:
            return None if d is None else d.isoformat()

        return {"id": self.id, "title": self.title, "outlet": self.outlet,
                "published": self.published.isoformat(), "events": self.events,
                "first_day": iso(self.first_day), "last_day": iso(self.last_day)}


@dataclass(frozen=True)
class Correction:
    """One change in the audit trail."""

    event_key: str
    place_id: str | None  # the place row it changed (its place now), None for dates/status
    field: str
    before: str
    after: str
    at: datetime  # UTC
    note: str

    def line(self) -> str:
        note = f" ({self.note})" if self.note else ""
        return f"{self.at:%Y-%m-%d %H:%M} UTC {self.field}: {self.before} -> {self.after}{note}"


def content_hash(text: str) -> str:
    """The article's identity: SHA-256 of its text (line ends and outer space ignored)."""
    normal = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def open_store(url: str | URL | None = None) -> Store:
    """The workspace at ``url`` (default: ``GEO_DATABASE_URL``, else the user's SQLite file).

    Creates or migrates the schema and loads the seed into a new database;
    :class:`StoreError` with a readable message when that cannot be done.
    """
    parsed = url if isinstance(url, URL) else database_url(url)
    engine = make_engine(parsed)
    try:
        migrate_and_seed(engine, _load_seed)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


_shared: dict[str, Store] = {}
_shared_lock = threading.Lock()


def shared_store(url: str | None = None) -> Store:
    """One :class:`Store` per database URL for this process (opened on first use).

    For code that has no store at hand (the map's loader): opening runs the migrations
    check, which should not happen at every load. :class:`StoreError` is not kept.
    """
    key = url or os.environ.get(ENV_URL) or ""
    with _shared_lock:
        store = _shared.get(key)
        if store is None:
            store = _shared[key] = open_store(url)
        return store


def _load_seed(connection: Connection) -> None:
    """Put the seed article and its curated events in a database that never had them."""
    from geo.article import load_seed_article
    from geo.events import load_seed_events

    session = Session(bind=connection)
    if session.get(MetaRow, SEED_LOADED) is not None:
        return
    article = load_seed_article()
    events = load_seed_events()
    row = _article_row(article, curated=True)
    session.add(row)
    session.flush()
    _add_events(session, row, events, status="confirmed", prefix="")
    session.add(MetaRow(key=SEED_LOADED, value=str(row.id)))
    session.flush()


def _article_row(article: Article, curated: bool = False) -> ArticleRow:
    return ArticleRow(
        content_hash=content_hash(article.text), title=article.title, outlet=article.outlet,
        published=article.published, source=article.source, language=article.language,
        text=article.text, curated=curated, added_at=_now(),
    )


def _add_events(session: Session, article: ArticleRow, events: Sequence[Event],
                status: str, prefix: str) -> int:
    """Store ``events`` (one record per event and place); the number of events.

    Places take the gazetteer's name, coordinates, country, precision and kind, as in
    ``geo.events.events_frame`` (an id the gazetteer does not know keeps its id as name
    and no coordinates).
    """
    from geo.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    rows: dict[str, EventRow] = {}
    for ev in events:
        row = rows.get(ev.event_id)
        if row is None:
            row = rows[ev.event_id] = EventRow(
                key=f"{prefix}{ev.event_id}", title=ev.title, category=ev.category,
                start_day=ev.start, end_day=ev.end, date_phrase=ev.date_phrase,
                date_phrase_start=ev.date_phrase_start, date_precision=ev.date_precision,
                date_rule=ev.date_rule, actors=LIST_SEPARATOR.join(ev.actors),
                reported_by=LIST_SEPARATOR.join(ev.reported_by), excerpt=ev.excerpt,
                excerpt_start=ev.excerpt_start, excerpt_end=ev.excerpt_end, note="",
                status=status, version=1,
            )
            article.events.append(row)
        if any(p.place_id == ev.place_id for p in row.places):
            continue  # one event names a place once
        place = gazetteer.get(ev.place_id)
        row.places.append(EventPlaceRow(
            position=len(row.places), place_id=ev.place_id,
            place_name=place.name if place else ev.place_id, place_role=ev.place_role,
            lat=float(place.lat) if place else None, lon=float(place.lon) if place else None,
            country_code=place.country_code if place else "",
            precision_km=float(place.precision_km) if place else None,
            kind=place.kind if place else "", confidence=float(ev.confidence), note=ev.note,
        ))
    session.flush()
    return len(rows)


class Store:
    """The workspace database; thread-safe (one session per call), cheap to keep open."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.url = engine.url
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._parser = None

    def __repr__(self) -> str:
        return f"Store({shown(self.url)!r})"

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """One transaction; database failures become a readable :class:`StoreError`."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except IntegrityError:
            raise
        except DBAPIError as exc:
            raise unreachable(self.url, exc) from None

    # --- importing -------------------------------------------------------------------

    def _geoparser(self):
        if self._parser is None:
            from geo.geoparse.toponyms import Geoparser

            self._parser = Geoparser()
        return self._parser

    def find_by_text(self, text: str) -> ArticleSummary | None:
        digest = content_hash(text)
        with self._session() as s:
            found = s.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == digest))
        return None if found is None else self.summary(found)

    def import_source(self, source: Source) -> ImportResult:
        """Parse ``source`` and store it with its proposed events, all in one transaction."""
        from geo.geoparse.propose import propose_events

        there = self.find_by_text(source.text)
        if there is not None:
            return _already(source.name, there)
        if source.published is None:
            return ImportResult(
                source.name, REFUSED, None, 0,
                "no publication date: give one (the date field, or --published YYYY-MM-DD); "
                "relative dates such as 'on Tuesday' are read against it",
            )
        article = make_article(
            source.text, id=Path(source.name).stem or "article", title=source.title,
            outlet=source.outlet, published=source.published, language=source.language,
            source=source.name,
        )
        return self.add_parsed(article, propose_events(article, self._geoparser()),
                               source.name)

    def add_parsed(self, article: Article, events: Sequence[Event], name: str) -> ImportResult:
        """Store an article with the events already proposed for it, in one transaction.

        For parses done elsewhere (``python -m geo batch --db`` parses on a cluster);
        an article whose text is already there adds nothing and says so.
        """
        there = self.find_by_text(article.text)
        if there is not None:
            return _already(name, there)
        try:
            with self._session() as s:
                row = _article_row(article)
                s.add(row)
                s.flush()  # the id names the events: a<id>-<event id>
                count = _add_events(s, row, events, "proposed", f"a{row.id}-")
                article_id = row.id
        except IntegrityError:
            there = self.find_by_text(article.text)  # another process added it meanwhile
            if there is None:
                raise
            return _already(name, there)
        return ImportResult(
            name, ADDED, article_id, count,
            f"added as article {article_id} with {count} proposed event(s)",
        )

    def import_bytes(self, data: bytes, name: str, *, title: str | None = None,
                     outlet: str | None = None, published: date | None = None,
                     fallback_published: date | None = None) -> ImportResult:
        """Import an upload or a paste (text, Markdown or HTML); refused with the reason.

        ``published`` wins over the page's metadata; ``fallback_published`` is used only
        when the metadata has no date (a batch of files, some dated and some not).
        """
        try:
            source = read_source(data, name, title=title, outlet=outlet, published=published)
        except BadSource as exc:
            return ImportResult(name, REFUSED, None, 0, str(exc))
        if source.published is None and fallback_published is not None:
            source = replace(source, published=fallback_published)
        return self.import_source(source)

    def import_file(self, path: Path, *, title: str | None = None, outlet: str | None = None,
                    published: date | None = None) -> ImportResult:
        try:
            source = read_file(Path(path), title=title, outlet=outlet, published=published)
        except BadSource as exc:
            return ImportResult(str(path), REFUSED, None, 0, str(exc))
        result = self.import_source(source)
        return ImportResult(str(path), result.status, result.article_id, result.events,
                            result.message)

    # --- reading ---------------------------------------------------------------------

    def _summaries(self, s: Session, ids: Sequence[int] | None = None) -> list[ArticleSummary]:
        live = (EventRow.article_id == ArticleRow.id) & (EventRow.status != "rejected")
        query = (
            select(ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.published,
                   ArticleRow.source, ArticleRow.curated, ArticleRow.added_at,
                   func.count(EventRow.id), func.min(EventRow.start_day),
                   func.max(EventRow.end_day))
            .outerjoin(EventRow, live)
            .group_by(ArticleRow.id)
            .order_by(ArticleRow.id)
        )
        if ids is not None:
            query = query.where(ArticleRow.id.in_(list(ids)))
        return [ArticleSummary(*row) for row in s.execute(query)]

    def articles(self) -> list[ArticleSummary]:
        """Every article, in the order they were added (the seed first)."""
        with self._session() as s:
            return self._summaries(s)

    def summary(self, article_id: int) -> ArticleSummary:
        with self._session() as s:
            found = self._summaries(s, [article_id])
        if not found:
            raise NotFound(f"no article {article_id} in the workspace")
        return found[0]

    def article(self, article_id: int) -> Article:
        """The stored article as a :class:`geo.article.Article` (id ``"<n>"``)."""
        with self._session() as s:
            row = s.get(ArticleRow, article_id)
            if row is None:
                raise NotFound(f"no article {article_id} in the workspace")
            return make_article(row.text, id=str(row.id), title=row.title, outlet=row.outlet,
                                published=row.published, language=row.language,
                                source=row.source)

    def seed_id(self) -> int | None:
        """The seed article's id (None if it was deleted)."""
        with self._session() as s:
            return s.scalar(select(ArticleRow.id).where(ArticleRow.curated.is_(True))
                            .order_by(ArticleRow.id).limit(1))

    def frame(self, article_ids: Sequence[int] | None = None,
              include_rejected: bool = False) -> pd.DataFrame:
        """The events of ``article_ids`` (all when None) as one frame, one row per place.

        Columns: ``geo.events.FRAME_COLUMNS`` (same types as ``events_frame``) then
        :data:`EXTRA_COLUMNS`. Rows in article order, then the order events were stored.
        """
        with self._session() as s:
            query = (select(EventRow).options(selectinload(EventRow.places))
                     .order_by(EventRow.article_id, EventRow.id))
            if article_ids is not None:
                query = query.where(EventRow.article_id.in_(list(article_ids)))
            if not include_rejected:
                query = query.where(EventRow.status != "rejected")
            events = s.scalars(query).all()
            history = self._history(s, [e.id for e in events])
        rows = []
        for ev in events:
            for p in ev.places:
                lines = [line for place_row, line in history.get(ev.id, [])
                         if place_row in (None, p.id)]
                rows.append({
                    "id": f"{ev.key}@{p.place_id}", "title": ev.title, "category": ev.category,
                    "start": ev.start_day, "end": ev.end_day, "date_phrase": ev.date_phrase,
                    "date_precision": ev.date_precision, "place_id": p.place_id,
                    "place_name": p.place_name, "place_role": p.place_role,
                    "lat": p.lat, "lon": p.lon, "country_code": p.country_code,
                    "precision_km": p.precision_km, "kind": p.kind, "actors": ev.actors,
                    "reported_by": ev.reported_by, "excerpt": ev.excerpt,
                    "excerpt_start": ev.excerpt_start, "excerpt_end": ev.excerpt_end,
                    "confidence": p.confidence, "event_id": ev.key, "date_rule": ev.date_rule,
                    "note": "; ".join(n for n in (ev.note, p.note) if n),
                    "status": ev.status, "version": ev.version,
                    "article_id": ev.article_id,
                    "corrections": HISTORY_SEPARATOR.join(lines),
                })
        return _typed(pd.DataFrame(rows, columns=[*FRAME_COLUMNS, *EXTRA_COLUMNS]))

    def _history(self, s: Session, event_ids: list[int]) -> dict[int, list[tuple]]:
        """{event row id: [(place row id or None, history line)]}, oldest first."""
        out: dict[int, list[tuple[int | None, str]]] = {}
        for chunk in range(0, len(event_ids), 500):  # bound the IN list
            ids = event_ids[chunk:chunk + 500]
            query = (select(CorrectionRow).where(CorrectionRow.event_id.in_(ids))
                     .order_by(CorrectionRow.id))
            for c in s.scalars(query):
                line = Correction("", None, c.field, c.before, c.after, c.at, c.note).line()
                out.setdefault(c.event_id, []).append((c.event_place_id, line))
        return out

    def history(self, event_key: str) -> list[Correction]:
        """The corrections of one event, oldest first."""
        with self._session() as s:
            ev = self._event(s, event_key)
            places = {p.id: p.place_id for p in ev.places}
            query = (select(CorrectionRow).where(CorrectionRow.event_id == ev.id)
                     .order_by(CorrectionRow.id))
            return [Correction(ev.key, places.get(c.event_place_id), c.field, c.before,
                               c.after, c.at, c.note) for c in s.scalars(query)]

    def corrections(self, article_id: int | None = None) -> list[Correction]:
        """The audit trail of one article (or all), oldest first."""
        with self._session() as s:
            query = (select(CorrectionRow, EventRow.key, EventPlaceRow.place_id)
                     .join(EventRow, EventRow.id == CorrectionRow.event_id)
                     .outerjoin(EventPlaceRow, EventPlaceRow.id == CorrectionRow.event_place_id)
                     .order_by(CorrectionRow.id))
            if article_id is not None:
                query = query.where(CorrectionRow.article_id == article_id)
            return [Correction(key, place, c.field, c.before, c.after, c.at, c.note)
                    for c, key, place in s.execute(query)]

    def event_places(self, event_key: str) -> dict[str, str]:
        """{place id: place name} of one event, in its order."""
        with self._session() as s:
            return {p.place_id: p.place_name for p in self._event(s, event_key).places}

    def stamp(self, article_ids: Sequence[int] | None = None) -> str:
        """A short text that changes whenever the events of ``article_ids`` (all when None)
        change: a correction, a status, an import or a deletion. Caches key on it, so a
        change made in another session shows at the next rerun (one aggregate query)."""
        query = select(func.count(EventRow.id), func.coalesce(func.sum(EventRow.version), 0),
                       func.coalesce(func.max(EventRow.id), 0))
        if article_ids is not None:
            query = query.where(EventRow.article_id.in_(list(article_ids)))
        with self._session() as s:
            count, versions, last = s.execute(query).one()
        return f"{count}.{versions}.{last}"

    def version(self, event_key: str) -> int:
        """The event's current version (what a change must name)."""
        with self._session() as s:
            return self._event(s, event_key).version

    # --- changing --------------------------------------------------------------------

    def _event(self, s: Session, event_key: str) -> EventRow:
        ev = s.scalar(select(EventRow).where(EventRow.key == event_key)
                      .options(selectinload(EventRow.places)))
        if ev is None:
            raise NotFound(f"no event {event_key!r} in the workspace")
        return ev

    def _claim(self, s: Session, ev: EventRow, version: int) -> int:
        """Raise the event's version from ``version``, or :class:`StaleVersion`."""
        done = s.execute(
            update(EventRow).where(EventRow.id == ev.id, EventRow.version == version)
            .values(version=EventRow.version + 1)
            .execution_options(synchronize_session=False)
        )
        if done.rowcount != 1:
            s.refresh(ev)
            raise StaleVersion(
                f"The event {ev.title[:60]!r} was changed elsewhere since you opened it "
                f"(version {version}, now {ev.version}); nothing was saved. Reload to see "
                "the change, then apply yours again."
            )
        s.expire(ev, ["version"])
        return version + 1

    def _audit(self, s: Session, ev: EventRow, field: str, before: str, after: str,
               note: str, place_row: int | None = None) -> None:
        s.add(CorrectionRow(article_id=ev.article_id, event_id=ev.id, event_place_id=place_row,
                            field=field, before=before, after=after, at=_now(),
                            note=note.strip()))

    def correct_place(self, row_id: str, name_or_id: str, version: int,
                      note: str = "") -> int:
        """Move one place of an event (row ``event_key@place_id``) to the place named.

        The name is resolved in the article's context (``geo.user_article.choose_place``).
        Returns the event's new version; :class:`StaleVersion` if ``version`` is old,
        ``UnknownPlace``/``BadCorrection`` (ValueErrors) for a name or move that cannot be.
        """
        from geo.gazetteer import load_gazetteer
        from geo.user_article import CORRECTED, BadCorrection, UnknownPlace, choose_place

        key, _, place_id = row_id.partition("@")
        with self._session() as s:
            ev = self._event(s, key)
            row = next((p for p in ev.places if p.place_id == place_id), None)
            if row is None:
                raise NotFound(f"event {key!r} has no place {place_id!r}")
            choice = choose_place(name_or_id, ev.article.text)
            place = load_gazetteer().get(choice.place_id)
            if place is None:
                raise UnknownPlace(f"{choice.name} is not in the offline gazetteer")
            if place.id == row.place_id:
                return ev.version
            if any(p.place_id == place.id for p in ev.places):
                raise BadCorrection(f"this event is already at {place.name}")
            new_version = self._claim(s, ev, version)
            before, after = f"{row.place_name} ({row.place_id})", f"{place.name} ({place.id})"
            row.place_id, row.place_name = place.id, place.name
            row.lat, row.lon = float(place.lat), float(place.lon)
            row.country_code, row.kind = place.country_code, place.kind
            row.precision_km = float(place.precision_km)
            row.note = _with_note(row.note, f"{CORRECTED}: place was {before}")
            self._audit(s, ev, "place", before, after, note, row.id)
            return new_version

    def correct_dates(self, event_key: str, start: date, end: date, version: int,
                      note: str = "") -> int:
        """Date an event ``start`` to ``end`` (inclusive); returns its new version."""
        from geo.user_article import CORRECTED, READER_RULE, BadCorrection

        if end < start:
            raise BadCorrection(
                f"the end ({end:%d %B %Y}) is before the start ({start:%d %B %Y})"
            )
        with self._session() as s:
            ev = self._event(s, event_key)
            if (ev.start_day, ev.end_day) == (start, end):
                return ev.version
            new_version = self._claim(s, ev, version)
            before = f"{ev.start_day} to {ev.end_day}"
            after = f"{start} to {end}"
            ev.note = _with_note(ev.note, f"{CORRECTED}: dates were {before} ({ev.date_rule})")
            ev.start_day, ev.end_day = start, end
            ev.date_precision = "day" if start == end else "range"
            ev.date_rule = READER_RULE
            self._audit(s, ev, "dates", before, after, note)
            return new_version

    def set_status(self, event_key: str, status: str, version: int, note: str = "") -> int:
        """Confirm or reject an event (or set it back to proposed); returns its new version."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {status!r}")
        with self._session() as s:
            ev = self._event(s, event_key)
            if ev.status == status:
                return ev.version
            new_version = self._claim(s, ev, version)
            self._audit(s, ev, "status", ev.status, status, note)
            ev.status = status
            return new_version

    def delete_article(self, article_id: int) -> ArticleSummary:
        """Delete an article with its events and corrections; what was deleted."""
        gone = self.summary(article_id)
        with self._session() as s:
            s.execute(delete(ArticleRow).where(ArticleRow.id == article_id))
        return gone


def _already(name: str, there: ArticleSummary) -> ImportResult:
    return ImportResult(
        name, ALREADY, there.id, there.events,
        f"already in the workspace as article {there.id} ({there.title[:80]}); nothing added",
    )


def _with_note(old: str, added: str) -> str:
    return f"{added}; {old}" if old else added


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """The dtypes of ``geo.events.events_frame``, for frames read from the database."""
    for name in ("start", "end"):
        df[name] = pd.to_datetime(df[name]).astype("datetime64[s]")
    for name in ("lat", "lon", "precision_km", "confidence"):
        df[name] = df[name].astype("float64")
    for name in ("excerpt_start", "excerpt_end", "version", "article_id"):
        df[name] = df[name].astype("int64")
    return df


__all__ = ["Store", "StoreError", "StaleVersion", "NotFound", "open_store", "shared_store"]
