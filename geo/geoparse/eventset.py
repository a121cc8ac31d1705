"""The annotated event set (``benchmarks/data/events/``) and the rules that score proposals.

The set names articles of the LGL and GeoVirus corpora (read from ``../shared``, never
copied: only file ids and short anchors are stored) and, for each, the events a careful
reader would map: a verbatim anchor (and optional further anchors) from the sentence that
reports it, the place (or places) with a tolerance in km, and the inclusive days. Its
README gives the conventions, the publication dates and which articles are held out.

Scoring (issue 13), over the rows :func:`geo.geoparse.propose.propose_events` returns (one
row per event and place):

- a row *reports* an event when its excerpt overlaps one of the event's anchors;
- its place is *right* when it lies within the tolerance of one of the event's places;
- its date is *right* when its span of days overlaps the event's;
- an event is *found* when some row reports it, and found *right* when one such row has
  both the right place and the right date.

Where the set names them: a row's *category* is right when it is the category of an event
the row reports (``category``, a name of :mod:`geo.categories`); a proposed actor is
*right* when it names one of the actors annotated for such an event (``actors``, as the
anchor's sentence names them: scored on the rows that quote the anchor; one contains the
other, case ignored).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from geo import ROOT
from geo.article import Article, make_article
from geo.categories import NAMES as CATEGORY_NAMES
from geo.distance import km_between
from geo.events import Event
from geo.geoparse.corpora import CORPORA_DIR

EVENT_SET = ROOT / "benchmarks" / "data" / "events" / "events.json"
SPLITS = ("dev", "held-out")


class EventSetError(ValueError):
    """The annotation file is malformed or an anchor is not in its text."""


@dataclass(frozen=True)
class GoldPlace:
    name: str
    lat: float
    lon: float
    tolerance_km: float


@dataclass(frozen=True)
class GoldEvent:
    what: str
    spans: tuple[tuple[int, int], ...]  # the anchor first, then the further anchors
    places: tuple[GoldPlace, ...]
    start: date
    end: date
    category: str = ""  # a name of geo.categories ("" when not annotated)
    actors: tuple[str, ...] | None = None  # who acts, verbatim (None when not annotated)


@dataclass(frozen=True)
class AnnotatedArticle:
    id: str
    corpus: str
    split: str
    topic: str
    article: Article
    events: tuple[GoldEvent, ...]


def _require(record: dict, key: str, kind: type | tuple[type, ...], where: str) -> object:
    if key not in record or not isinstance(record[key], kind):
        raise EventSetError(f"{where}: field {key!r} is missing or not {kind}")
    return record[key]


def _day(text: object, where: str) -> date:
    try:
        return date.fromisoformat(str(text))
    except ValueError as exc:
        raise EventSetError(f"{where}: {text!r} is not a YYYY-MM-DD day") from exc


def _place(record: dict, where: str) -> GoldPlace:
    lat = float(_require(record, "lat", (int, float), where))
    lon = float(_require(record, "lon", (int, float), where))
    tol = float(_require(record, "tolerance_km", (int, float), where))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and tol > 0):
        raise EventSetError(f"{where}: coordinates or tolerance out of range")
    return GoldPlace(str(_require(record, "name", str, where)), lat, lon, tol)


def _span(text: str, anchor: str, where: str) -> tuple[int, int]:
    i = text.find(anchor)
    if not anchor.strip() or i < 0:
        raise EventSetError(f"{where}: anchor {anchor!r} is not in the text")
    return i, i + len(anchor)


def load_event_set(path: Path = EVENT_SET, corpora: Path = CORPORA_DIR,
                   split: str | None = None) -> list[AnnotatedArticle]:
    """The annotated articles (of one split, or all), each with its text as an Article.

    Raises :class:`EventSetError` for a malformed record or an anchor not found verbatim.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    out: list[AnnotatedArticle] = []
    for rec in _require(data, "articles", list, path.name):
        where = f"{path.name}: {rec.get('id', '?')}"
        corpus = str(_require(rec, "corpus", str, where))
        name = str(_require(rec, "file", str, where))
        if "/" in name or "\\" in name or name.startswith("."):
            raise EventSetError(f"{where}: file {name!r} must be a bare file name")
        part = str(_require(rec, "split", str, where))
        if part not in SPLITS:
            raise EventSetError(f"{where}: split {part!r} is not one of {SPLITS}")
        if split is not None and part != split:
            continue
        published = _day(_require(rec, "published", str, where), where)
        _require(rec, "published_rule", str, where)
        text = (corpora / corpus / "texts" / name).read_text(encoding="utf-8")
        events = []
        for k, ev in enumerate(_require(rec, "events", list, where)):
            at = f"{where} event {k}"
            anchors = [_require(ev, "anchor", str, at), *ev.get("also", [])]
            spans = tuple(_span(text, a, at) for a in anchors)
            places = tuple(_place(p, at) for p in _require(ev, "places", list, at))
            start = _day(_require(ev, "start", str, at), at)
            end = _day(_require(ev, "end", str, at), at)
            if not places or end < start:
                raise EventSetError(f"{at}: no place, or end before start")
            category = str(ev.get("category", ""))
            if category and category not in CATEGORY_NAMES:
                raise EventSetError(f"{at}: category {category!r} is not in geo.categories")
            actors = ev.get("actors")
            if actors is not None and not (isinstance(actors, list)
                                           and all(isinstance(x, str) for x in actors)):
                raise EventSetError(f"{at}: actors must be a list of names")
            events.append(GoldEvent(str(ev.get("what", "")), spans, places, start, end,
                                    category, None if actors is None else tuple(actors)))
        article = make_article(text, id=str(rec["id"]), title="", outlet=corpus,
                               published=published, source=f"{corpus}/texts/{name}")
        out.append(AnnotatedArticle(str(rec["id"]), corpus, part,
                                    str(rec.get("topic", "")), article, tuple(events)))
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def place_right(lat: float, lon: float, event: GoldEvent) -> bool:
    return any(km_between((lat, lon), (p.lat, p.lon)) <= p.tolerance_km
               for p in event.places)


def date_right(start: date, end: date, event: GoldEvent) -> bool:
    return start <= event.end and event.start <= end


@dataclass
class Tally:
    """The counts behind the five measures (add articles, read the ratios)."""

    events: int = 0
    found: int = 0
    found_right: int = 0
    rows: int = 0
    reporting: int = 0
    place_ok: int = 0
    date_ok: int = 0
    category_rows: int = 0  # reporting rows whose event has a category annotated
    category_ok: int = 0
    actors_named: int = 0  # actors proposed on rows whose event has actors annotated
    actors_ok: int = 0
    missed: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("events", "found", "found_right", "rows", "reporting", "place_ok",
                     "date_ok", "category_rows", "category_ok", "actors_named", "actors_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    def measures(self) -> tuple[float, float, float, float, float]:
        """Found, found right, rows reporting an event, place right, date right."""
        return (self._ratio(self.found, self.events), self._ratio(self.found_right, self.events),
                self._ratio(self.reporting, self.rows), self._ratio(self.place_ok, self.reporting),
                self._ratio(self.date_ok, self.reporting))

    def labels(self) -> tuple[float, float]:
        """Category right (over the reporting rows with an annotated category) and actor
        precision (over the actors proposed on rows with annotated actors)."""
        return (self._ratio(self.category_ok, self.category_rows),
                self._ratio(self.actors_ok, self.actors_named))


def _names(actor: str, gold: Sequence[str]) -> bool:
    """Whether a proposed actor names one of ``gold`` (one contains the other)."""
    a = actor.casefold().strip()
    return bool(a) and any(a in g.casefold() or g.casefold() in a for g in gold if g)


Locate = Callable[[Event], tuple[float, float] | None]


def score(gold: Sequence[GoldEvent], rows: Sequence[Event], locate: Locate) -> Tally:
    """The tally of one article's proposed ``rows`` against its ``gold`` events.

    ``locate`` gives a row's coordinates (from its place id).
    """
    t = Tally(events=len(gold), rows=len(rows))
    where = [locate(r) for r in rows]

    def reports(r: Event, g: GoldEvent) -> bool:
        return any(_overlaps((r.excerpt_start, r.excerpt_end), s) for s in g.spans)

    for g in gold:
        hits = [(r, w) for r, w in zip(rows, where, strict=True) if reports(r, g)]
        if hits:
            t.found += 1
            if any(w is not None and place_right(*w, g) and date_right(r.start, r.end, g)
                   for r, w in hits):
                t.found_right += 1
        else:
            t.missed.append(g.what)
    for r, w in zip(rows, where, strict=True):
        mine = [g for g in gold if reports(r, g)]
        if not mine:
            continue
        t.reporting += 1
        t.place_ok += any(w is not None and place_right(*w, g) for g in mine)
        t.date_ok += any(date_right(r.start, r.end, g) for g in mine)
        labelled = [g.category for g in mine if g.category]
        if labelled:
            t.category_rows += 1
            t.category_ok += r.category in labelled
        cast = [g.actors for g in mine if g.actors is not None  # named in the anchor's
                and _overlaps((r.excerpt_start, r.excerpt_end), g.spans[0])]  # sentence
        if cast:
            t.actors_named += len(r.actors)
            t.actors_ok += sum(_names(a, [x for c in cast for x in c]) for a in r.actors)
    return t
