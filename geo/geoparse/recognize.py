"""Toponym recognition: which spans of a text name places.

Candidates come from ``features.generate`` (capitalised spans the gazetteer knows, demonyms,
abbreviations, "X County"); the learned model scores each; overlapping spans are settled by
score, and a last pass applies one sense per discourse (a surface accepted with confidence
somewhere in the document is accepted everywhere it is a candidate).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.geoparse.features import Candidate, Lookup, generate
from geo.geoparse.model import Model


@dataclass(frozen=True)
class Mention:
    """A recognised toponym: its span and the evidence kept for resolution."""

    text: str
    start: int
    end: int
    score: float
    places: Sequence[object]  # gazetteer entries with this name (may be empty)
    demonym: tuple[str, str] | None  # (place name, country code) for "Syrian", "Ky."


def select(cands: list[Candidate], scores: list[float], threshold: float) -> list[int]:
    """Indices of the kept candidates: best first, no two overlapping, then text order."""
    order = sorted(range(len(cands)), key=lambda i: (-scores[i], -(cands[i].end - cands[i].start)))
    taken: list[tuple[int, int]] = []
    keep: list[int] = []
    for i in order:
        if scores[i] < threshold:
            break
        c = cands[i]
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        keep.append(i)
    return sorted(keep, key=lambda i: cands[i].start)


def recognize(text: str, lookup: Lookup, model: Model) -> list[Mention]:
    """The toponyms of ``text`` in text order."""
    _, cands = generate(text, lookup)
    if not cands:
        return []
    scores = [model.score(c.features) for c in cands]
    # One sense per discourse: lift every mention of a surface confidently accepted once.
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


def _extend(text: str, m: Mention, lookup: Lookup) -> Mention:
    """"Al-Qusayr region": take a lower-case area word in when the gazetteer knows the whole.

    The model only sees capitalised spans; a name the gazetteer lists with its area word
    ("Al-Qusayr District", alias "Al-Qusayr region") is the more precise answer.
    """
    head = _LOWER_HEAD.match(text, m.end)
    if head is None or m.demonym is not None:
        return m
    longer = text[m.start:head.end()]
    places = lookup(longer.replace("\u00a0", " "))
    if not places:
        return m
    return Mention(longer, m.start, head.end(), m.score, places, None)
