"""Text in, located toponyms out: recognition, then document-level resolution.

This is the entry point the CLI, the event proposer and the benchmark share.

Long texts are parsed in windows of about :data:`WINDOW_CHARS` characters (cut at a line
break or a space), each resolved on its own: document-level resolution compares every
mention with every other, so one window keeps a 1 MB file to seconds, not hours. News
articles (the benchmark's longest is 8,400 characters) fit in one window and are parsed
as a whole.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from geo.gazetteer import Gazetteer, Place, load_gazetteer
from geo.geoparse.model import Model
from geo.geoparse.recognize import Mention, recognize
from geo.geoparse.resolve import Resolved, resolve_mentions


@dataclass(frozen=True)
class Toponym:
    """A place name found in a text, with the place it was resolved to (if any)."""

    text: str  # as written
    start: int  # character offsets into the text, end exclusive
    end: int
    score: float  # recognition confidence, 0..1
    place: Place | None  # None: recognised, but no gazetteer entry
    reason: str  # why this place (one line)

    @property
    def name(self) -> str | None:
        return self.place.name if self.place else None

    @property
    def lat(self) -> float | None:
        return self.place.lat if self.place else None

    @property
    def lon(self) -> float | None:
        return self.place.lon if self.place else None

    @property
    def country_code(self) -> str | None:
        return self.place.country_code if self.place else None

    def as_json(self) -> dict[str, object]:
        """The record ``python -m geo toponyms`` prints."""
        return {
            "text": self.text, "start": self.start, "end": self.end, "name": self.name,
            "lat": self.lat, "lon": self.lon, "country_code": self.country_code,
            "score": round(self.score, 3),
        }  # fmt: skip


WINDOW_CHARS = 20_000
MAX_JOINT = 120  # mentions of one window resolved jointly (benchmark articles: <= 73)
DENSE_BLOCK = 60  # beyond that: distinct names resolved in blocks of this many
DENSE_OPTIONS = 8  # with at most this many namesakes each


def windows(text: str, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """Spans ``[start, end)`` that cover ``text``, each at most ``size`` characters.

    A window ends at the last line break in its second half, else the last space there,
    else exactly at ``size`` (a text without spaces), so names are rarely cut in two.
    """
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        limit = start + size
        cut = text.rfind("\n", start + size // 2, limit)
        if cut == -1:
            cut = text.rfind(" ", start + size // 2, limit)
        cut = limit if cut == -1 else cut + 1
        spans.append((start, cut))
        start = cut
    spans.append((start, n))
    return spans


@functools.lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped recognition model (``geo/geoparse/model.json``), loaded once."""
    return Model.load()


class Geoparser:
    """Holds the gazetteer and the model so many texts can be parsed in one process."""

    def __init__(self, gazetteer: Gazetteer | None = None, model: Model | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.model = model or load_model()
        self._cache: dict[str, list[Place]] = {}

    def lookup(self, name: str) -> list[Place]:
        """Gazetteer candidates for a name, memoised (the same names recur across texts)."""
        found = self._cache.get(name)
        if found is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            found = self._cache[name] = self.gazetteer.candidates(name)
        return found

    def _resolve(self, text: str, mentions: list[Mention]) -> list[Resolved]:
        """Resolve the mentions of one window; a dense window one name at a time.

        Up to :data:`MAX_JOINT` mentions are resolved jointly, as they are. Beyond that
        (a list of names, a text made of place names) the joint resolution's cost, which
        grows with the square of the mentions, is bounded: one mention per distinct name
        (one sense per discourse makes the others follow it), in blocks of
        :data:`DENSE_BLOCK`, with fewer namesakes each.
        """
        if len(mentions) <= MAX_JOINT:
            return resolve_mentions(mentions, self.lookup, text=text,
                                    gazetteer=self.gazetteer)
        first: dict[tuple[str, object], int] = {}
        distinct: list[Mention] = []
        for m in mentions:
            key = ((m.name or m.text).lower(), m.demonym)
            if key not in first:
                first[key] = len(distinct)
                distinct.append(m)
        chosen: list[Resolved] = []
        for i in range(0, len(distinct), DENSE_BLOCK):
            chosen.extend(resolve_mentions(distinct[i:i + DENSE_BLOCK], self.lookup,
                                           text=text, gazetteer=self.gazetteer,
                                           max_options=DENSE_OPTIONS))
        out = []
        for m in mentions:
            r = chosen[first[((m.name or m.text).lower(), m.demonym)]]
            out.append(Resolved(m, r.place, r.score, r.reason))
        return out

    def mentions(self, text: str) -> list[Mention]:
        """Recognition only: the spans that name places."""
        return recognize(text, self.lookup, self.model)

    def toponyms(self, text: str) -> list[Toponym]:
        """Recognise and resolve the toponyms of ``text``, in text order.

        Offsets index ``text``; texts longer than :data:`WINDOW_CHARS` are parsed window
        by window (see the module docstring).
        """
        found: list[Toponym] = []
        with self.gazetteer.online_budget():  # one document, one budget for online look-ups
            for start, end in windows(text):
                found.extend(self._window(text[start:end], start))
        return found

    def _window(self, text: str, offset: int) -> list[Toponym]:
        resolved = self._resolve(text, self.mentions(text))
        return [Toponym(r.mention.text, r.mention.start + offset, r.mention.end + offset,
                        r.mention.score, r.place, r.reason) for r in resolved]


def find_toponyms(text: str, parser: Geoparser | None = None) -> list[Toponym]:
    """The toponyms of ``text`` (a default parser over the project gazetteer if none)."""
    return (parser or _default_parser()).toponyms(text)


@functools.lru_cache(maxsize=1)
def _default_parser() -> Geoparser:
    return Geoparser()
