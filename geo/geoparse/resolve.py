"""Document-level toponym resolution: pick one gazetteer entry for every mention.

The work is the gazetteer's (:mod:`geo.gazetteer.document`): all the names of a document
are resolved together, preferring namesakes in the countries and states the document
names and near the places chosen for its other names, one sense per discourse. This
module only turns the recogniser's mentions into the resolver's names: one per distinct
surface, demonyms and abbreviations ("Syrian", "Ky.") standing for the area they name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from geo.gazetteer import Gazetteer, Place, load_gazetteer
from geo.gazetteer.context import qualified_areas
from geo.gazetteer.document import AREA_KINDS, Document, NameInText, prior
from geo.gazetteer.normalize import fold
from geo.geoparse.recognize import Mention

Lookup = Callable[[str], Sequence[Place]]


@dataclass(frozen=True)
class Resolved:
    """A mention and the place chosen for it (None when the gazetteer knows no namesake)."""

    mention: Mention
    place: Place | None
    score: float
    reason: str


def _options(m: Mention, lookup: Lookup) -> Sequence[Place]:
    """The namesakes a mention may mean; demonyms and abbreviations use their place."""
    if m.demonym is not None:
        name, cc = m.demonym
        places = [p for p in lookup(name) if not cc or p.country_code == cc]
        areas = [p for p in places if p.kind in AREA_KINDS]
        return areas or places
    return m.places


def resolve_mentions(
    mentions: Sequence[Mention],
    lookup: Lookup,
    max_options: int = 25,
    text: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Resolved]:
    """Choose a place for every mention, using the whole document as context.

    ``text`` (the document the mentions come from) adds the evidence only the text has:
    "Name, Area" pairs and a name used like a town's ("Jordan Elementary").
    """
    gazetteer = gazetteer or load_gazetteer()
    names: dict[str, NameInText] = {}
    for m in mentions:
        key = fold(m.name or m.text)
        seen = names.get(key)
        if seen is not None:
            names[key] = NameInText(seen.text, seen.places, seen.count + 1, 1.0, seen.demonym)
            continue
        opts = tuple(sorted(_options(m, lookup), key=prior, reverse=True)[:max_options])
        names[key] = NameInText(m.name or m.text, opts, 1, 1.0, m.demonym is not None)
    qualified = None
    if text:
        qualified = qualified_areas(text, gazetteer)
    doc = Document(list(names.values()), text=text, gazetteer=gazetteer, qualified=qualified)
    answers = doc.resolutions()
    out = []
    for m in mentions:
        res = answers.get(fold(m.name or m.text))
        if res is None:
            out.append(Resolved(m, None, 0.0, "no place of that name in the gazetteer"))
        else:
            out.append(Resolved(m, res.place, res.score, res.reason))
    return out
