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

from geo.geoparse.features import Candidate, Lookup, generate
from geo.geoparse.model import Model, sigmoid

# How far every mention of a surface leans towards the average evidence about it: 0 not at
# all, 1 all mentions alike. 0.5 is the best of 0, 0.3, 0.5, 0.7 by F1 in 5-fold CV on LGL.
DISCOURSE = 0.5
# Head start per extra word when overlapping candidates compete (0.05: F1 0.836 in 5-fold CV
# on LGL, against 0.835 for 0 and 0.1; it settles near-ties towards the longer name).
LONGER = 0.05


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
    by_surface: dict[str, list[float]] = {}
    for c, z in zip(cands, logits, strict=True):
        by_surface.setdefault(c.text.lower(), []).append(z)
    mean = {k: sum(v) / len(v) for k, v in by_surface.items()}
    scores = [sigmoid((1 - DISCOURSE) * z + DISCOURSE * mean[c.text.lower()])
              for c, z in zip(cands, logits, strict=True)]
    # 2: lift every mention of a surface confidently accepted once.
    best: dict[str, float] = {}
    for c, s in zip(cands, scores, strict=True):
        key = c.text.lower()
        best[key] = max(best.get(key, 0.0), s)
    scores = [max(s, best[c.text.lower()] - 0.15) if best[c.text.lower()] >= 0.8 else s
              for c, s in zip(cands, scores, strict=True)]
    keep = select(cands, scores, model.threshold)
    return [_extend(text, Mention(cands[i].text, cands[i].start, cands[i].end, scores[i],
                                  cands[i].places, cands[i].demonym), lookup) for i in keep]


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
