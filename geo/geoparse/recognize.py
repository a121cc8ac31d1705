"""Toponym recognition: which spans of a text name places.

Candidates come from ``features.generate`` (capitalised spans the gazetteer knows, demonyms,
abbreviations, "X County"); the learned model scores each; overlapping spans are settled by
score. One sense per discourse works twice: every mention's log-odds lean halfway towards
the average over all mentions of the same surface (so "Nabih Berri" and "Berri worked"
outweigh one "close to Berri"), then a surface accepted with confidence somewhere is
accepted everywhere it is a candidate. The threshold comes with the model (``model.json``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.geoparse.cues import airports, lift
from geo.geoparse.features import MAX_SPAN_WORDS, Candidate, Lookup, bare_name, generate
from geo.geoparse.lexicon import MEDIA_NOUNS
from geo.geoparse.model import Model, sigmoid

# How far every mention of a surface leans towards the average evidence about it: 0 not at
# all, 1 all mentions alike. 0.5 is the best of 0, 0.3, 0.5, 0.7 by F1 in 5-fold CV on LGL.
DISCOURSE = 0.5
# Head start per extra word when overlapping candidates compete (0.05: F1 0.836 in 5-fold CV
# on LGL, against 0.835 for 0 and 0.1; it settles near-ties towards the longer name).
LONGER = 0.05


# "Al-Manar television": a name followed by a media noun is an outlet. Its score is cut by
# this factor unless the name is a country, a state or a city of MEDIA_CITY people or more
# ("Damascus radio" still says where).
MEDIA_FACTOR = 0.5
MEDIA_CITY = 100_000
_NEXT_WORD = re.compile(r"[ \u00a0]+([a-z]+)")


def _names_media(text: str, c: Candidate) -> bool:
    """Whether ``c`` is a small place's name used for a media outlet ("Al-Manar television")."""
    m = _NEXT_WORD.match(text, c.end)
    if m is None or m.group(1) not in MEDIA_NOUNS:
        return False
    return not any(getattr(p, "kind", "") in ("country", "state", "admin1")
                   or (getattr(p, "population", None) or 0) >= MEDIA_CITY for p in c.places)


@dataclass(frozen=True)
class Mention:
    """A recognised toponym: its span and the evidence kept for resolution."""

    text: str
    start: int
    end: int
    score: float
    places: Sequence[object]  # gazetteer entries with this name (may be empty)
    demonym: tuple[str, str] | None  # (place name, country code) for "Syrian", "Ky."
    # The name resolution knows it by when the text says more than the span: "province
    # of Homs" (the area) is another name than "Homs" (the city) in the same article.
    name: str = ""


def _nested_in_same_name(cands: list[Candidate], keys: list[str]) -> list[bool]:
    """For each candidate, whether a longer candidate with the same key contains it.

    Containing spans start at most ``MAX_SPAN_WORDS`` tokens earlier, so each candidate
    looks at a handful of others, not all of them (a long text has tens of thousands).
    """
    by_first: dict[int, list[tuple[int, str]]] = {}
    for c, key in zip(cands, keys, strict=True):
        by_first.setdefault(c.first, []).append((c.last, key))
    out = []
    for c, key in zip(cands, keys, strict=True):
        out.append(any(
            last >= c.last and (first, last) != (c.first, c.last) and k == key
            for first in range(c.first - MAX_SPAN_WORDS, c.first + 1)
            for last, k in by_first.get(first, ())
        ))  # fmt: skip
    return out


def select(cands: list[Candidate], scores: list[float], threshold: float) -> list[int]:
    """Indices of the kept candidates: best first, no two overlapping, then text order.

    "Best" gives a longer name a small head start (:data:`LONGER` per extra word), so that
    of two near-equal readings the longer wins ("New York City" over "New York").
    """
    order = sorted(
        range(len(cands)),
        key=lambda i: (-(scores[i] + LONGER * (len(cands[i].text.split()) - 1)),
                       -(cands[i].end - cands[i].start)),
    )
    # Kept spans never overlap, so sorted by start they are sorted by end too: a new span
    # overlaps a kept one only if it overlaps its neighbour on either side (bisect, not a
    # scan, so a long text with thousands of names stays fast).
    starts: list[int] = []
    ends: list[int] = []
    keep: list[int] = []
    for i in order:
        if scores[i] < threshold:
            continue
        c = cands[i]
        k = bisect.bisect_left(starts, c.start)
        if (k < len(starts) and starts[k] < c.end) or (k > 0 and ends[k - 1] > c.start):
            continue
        starts.insert(k, c.start)
        ends.insert(k, c.end)
        keep.append(i)
    return sorted(keep, key=lambda i: cands[i].start)


def recognize(text: str, lookup: Lookup, model: Model) -> list[Mention]:
    """The toponyms of ``text`` in text order."""
    _, cands = generate(text, lookup, model.common)
    if not cands:
        return []
    logits = [model.logit(c.features) for c in cands]
    # One sense per discourse, 1: every mention of a surface leans towards the average
    # evidence about it ("Nabih Berri", "Berri worked" outweigh one "close to Berri").
    # A surface is its name without an Arabic article: "Qusayr" shares "Al-Qusayr"'s. The
    # "Qusayr" inside an "Al-Qusayr" is the same mention, not another: it takes no part.
    keys = [bare_name(c.text) for c in cands]
    nested = _nested_in_same_name(cands, keys)
    by_surface: dict[str, list[float]] = {}
    for key, z, inner in zip(keys, logits, nested, strict=True):
        if not inner:
            by_surface.setdefault(key, []).append(z)
    mean = {k: sum(v) / len(v) for k, v in by_surface.items()}
    scores = [sigmoid(z if inner else (1 - DISCOURSE) * z + DISCOURSE * mean[key])
              for key, z, inner in zip(keys, logits, nested, strict=True)]
    # 2: lift every mention of a surface confidently accepted once.
    best: dict[str, float] = {}
    for key, s, inner in zip(keys, scores, nested, strict=True):
        if not inner:
            best[key] = max(best.get(key, 0.0), s)
    scores = [max(s, best[key] - 0.15) if not inner and best[key] >= 0.8 else s
              for key, s, inner in zip(keys, scores, nested, strict=True)]
    scores = [s * MEDIA_FACTOR if _names_media(text, c) else s
              for c, s in zip(cands, scores, strict=True)]
    # Names a locative cue marks as places ("near Lampedusa", "Idlib Province").
    scores, head_places = lift(text, cands, scores, lookup)
    keep = select(cands, scores, model.threshold)
    # Airports the model does not read ("Gatwick", "Kennedy Airport", "Beirut airport").
    keep, scores, airport_of = airports(text, cands, scores, keep, lookup)
    out = []
    for i in keep:
        c = cands[i]
        if i in airport_of:
            name, places = airport_of[i]
            out.append(Mention(c.text, c.start, c.end, scores[i], places, None, name))
            continue
        out.append(_extend(text, Mention(c.text, c.start, c.end, scores[i],
                                         head_places.get(i, c.places), c.demonym), lookup))
    return out


_LOWER_HEAD = re.compile(r"[ \u00a0](region|district|province|governorate|county|area)\b")
# "the central province of Homs": the name that follows is the area, not its city.
_AREA_BEFORE = re.compile(r"\b(province|governorate|district|county|region|state) of[ \u00a0]+$",
                          re.IGNORECASE)
_AREA_KINDS = {
    "province": {"province", "governorate", "admin1"},
    "governorate": {"governorate", "province", "admin1"},
    "district": {"district"},
    "county": {"county"},
    "region": {"region", "province", "governorate", "admin1", "district"},
    "state": {"state", "admin1"},
}


def _extend(text: str, m: Mention, lookup: Lookup) -> Mention:
    """"Al-Qusayr region": take a lower-case area word in when the gazetteer knows the whole.

    The model only sees capitalised spans; a name the gazetteer lists with its area word
    ("Al-Qusayr District", alias "Al-Qusayr region") is the more precise answer. Written
    after the word instead ("the province of Homs"), the name keeps only its namesakes
    of that kind, when it has any.
    """
    if m.demonym is not None:
        return m
    before = _AREA_BEFORE.search(text, max(0, m.start - 20), m.start)
    if before is not None:
        # The area by its full name ("Province of Homs") if the gazetteer has it, else
        # the name's namesakes of that kind.
        kinds = _AREA_KINDS[before.group(1).lower()]
        whole = lookup(f"{before.group(1)} of {m.text}")
        areas = [p for p in whole if getattr(p, "kind", None) in kinds]
        areas = areas or [p for p in m.places if getattr(p, "kind", None) in kinds]
        if areas:
            name = f"{before.group(1).lower()} of {m.text}"
            return Mention(m.text, m.start, m.end, m.score, areas, None, name)
    head = _LOWER_HEAD.match(text, m.end)
    if head is None:
        return m
    longer = text[m.start:head.end()]
    places = lookup(longer.replace("\u00a0", " "))
    if not places:
        return m
    return Mention(longer, m.start, head.end(), m.score, places, None)
