"""Text in, located toponyms out: recognition, then document-level resolution.

This is the entry point the CLI, the event proposer and the benchmark share.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from geo.gazetteer import Gazetteer, Place, load_gazetteer
from geo.geoparse.model import Model
from geo.geoparse.recognize import Mention, recognize
from geo.geoparse.resolve import resolve_mentions


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
        self.use_rank = True

    def _ranker(self, text: str):
        """The gazetteer's context ranking of a mention's places, as {id(place): share}."""

        def rank(m: Mention, places) -> dict[int, float]:
            query = m.demonym[0] if m.demonym else m.text
            res = self.gazetteer.resolve(query, context=text)
            if res is None:
                return {}
            share = {res.place.id: res.score}
            share.update({c.place.id: c.score for c in res.alternatives})
            return {id(p): share.get(p.id, 0.0) for p in places}

        return rank

    def lookup(self, name: str) -> list[Place]:
        """Gazetteer candidates for a name, memoised (the same names recur across texts)."""
        found = self._cache.get(name)
        if found is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            found = self._cache[name] = self.gazetteer.candidates(name)
        return found

    def mentions(self, text: str) -> list[Mention]:
        """Recognition only: the spans that name places."""
        return recognize(text, self.lookup, self.model)

    def toponyms(self, text: str) -> list[Toponym]:
        """Recognise and resolve the toponyms of ``text``, in text order."""
        resolved = resolve_mentions(self.mentions(text), self.lookup,
                                    rank=self._ranker(text) if self.use_rank else None)
        return [Toponym(r.mention.text, r.mention.start, r.mention.end, r.mention.score,
                        r.place, r.reason) for r in resolved]


def find_toponyms(text: str, parser: Geoparser | None = None) -> list[Toponym]:
    """The toponyms of ``text`` (a default parser over the project gazetteer if none)."""
    return (parser or _default_parser()).toponyms(text)


@functools.lru_cache(maxsize=1)
def _default_parser() -> Geoparser:
    return Geoparser()
