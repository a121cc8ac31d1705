"""Document-level toponym resolution: pick one gazetteer entry for every mention.

A name alone is ambiguous (there are dozens of Gainesvilles and Alexandrias); a news article
is not: its places cluster in a few countries and usually in one region. So every mention
first takes its most prominent namesake (population, and countries and states before towns),
then all mentions are re-decided together for a few rounds, each time preferring namesakes
that sit in the countries the article is about and near the places already chosen for the
other names. Demonyms and abbreviations ("Syrian", "Ky.") stand for the place they name.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from geo.geoparse.recognize import Mention

# Kinds that name a whole area; the article is "about" their country.
AREA_KINDS = {"country", "state", "continent", "region", "governorate", "province", "admin1"}
_KIND_PRIOR = {
    "country": 3.0,
    "continent": 3.0,
    "state": 2.6,
    "governorate": 1.5,
    "province": 1.5,
    "admin1": 1.5,
    "region": 1.0,
    "district": 0.5,
}
_ROUNDS = 3
_NEAR_KM = 250.0  # a place within this of another chosen place is "in the same story"
_AREA_KM = {
    "state": 300.0,
    "governorate": 150.0,
    "province": 300.0,
    "admin1": 300.0,
    "region": 300.0,
    "district": 60.0,
    "county": 40.0,
}  # rough reach of an area from its point


@dataclass(frozen=True)
class Resolved:
    """A mention and the place chosen for it (None when the gazetteer knows no namesake)."""

    mention: Mention
    place: object | None
    score: float
    reason: str


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius).

    Inlined rather than geopy's ``great_circle`` because resolution compares every
    candidate with every chosen place, and this loop decides the throughput.
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _prior(place: object) -> float:
    pop = getattr(place, "population", None) or 0
    return 0.45 * math.log10(pop + 1) + _KIND_PRIOR.get(getattr(place, "kind", ""), 0.0)


def _options(m: Mention, lookup) -> Sequence[object]:
    """The namesakes a mention may mean; demonyms and abbreviations use their place."""
    if m.demonym is not None:
        name, cc = m.demonym
        places = [p for p in lookup(name) if not cc or p.country_code == cc]
        areas = [p for p in places if p.kind in AREA_KINDS]
        return areas or places
    return m.places


W_RANK = 0.6
W_SHARE = 2.5
W_NEAR = 1.2
W_INSIDE = 1.5


def resolve_mentions(
    mentions: Sequence[Mention],
    lookup,
    rank=None,
    max_options: int = 25,
) -> list[Resolved]:
    """Choose a place for every mention, using the whole document as context.

    ``rank(mention, places)``, when given, returns a prior score per place (the
    gazetteer's own context ranking); otherwise population and kind make the prior.
    """
    options = []
    priors: list[dict[int, float]] = []
    for m in mentions:
        opts = sorted(_options(m, lookup), key=_prior, reverse=True)[:max_options]
        options.append(opts)
        if rank is not None and len(opts) > 1:
            ranked = rank(m, opts)
            priors.append(
                {id(p): _prior(p) + W_RANK * math.log(ranked.get(id(p), 0.0) + 0.01) for p in opts}
            )
        else:
            priors.append({id(p): _prior(p) for p in opts})
    choice = [
        max(opts, key=lambda p, pr=pr: pr[id(p)]) if opts else None
        for opts, pr in zip(options, priors, strict=True)
    ]
    reasons = ["most prominent namesake"] * len(mentions)
    scores = [0.0] * len(mentions)
    for _ in range(_ROUNDS):
        # Country votes count names, not mentions, so a repeated name cannot vote for itself.
        votes: dict[str, tuple[str, float]] = {}
        for m, p in zip(mentions, choice, strict=True):
            if p is not None and p.country_code:
                votes[m.text.lower()] = (p.country_code, 1.0 if m.demonym is None else 0.5)
        countries: Counter[str] = Counter()
        for cc, w in votes.values():
            countries[cc] += w
        points = [
            (i, p) for i, p in enumerate(choice) if p is not None and p.kind not in AREA_KINDS
        ]
        areas = [
            (i, p, max(getattr(p, "precision_km", 0.0) or 0.0, _AREA_KM[p.kind]))
            for i, p in enumerate(choice)
            if p is not None and p.kind in _AREA_KM
        ]
        new_choice = []
        for i, (m, opts) in enumerate(zip(mentions, options, strict=True)):
            key = m.text.lower()
            if len(opts) <= 1:
                new_choice.append(opts[0] if opts else None)
                continue
            best, best_s, why = None, -1e9, ""
            for p in opts:
                s = priors[i][id(p)]
                own = votes.get(key)
                others = sum(countries.values()) - (own[1] if own else 0.0)
                same = countries[p.country_code] - (
                    own[1] if own and own[0] == p.country_code else 0.0
                )
                share = same / others if others > 0 else 0.0
                s += W_SHARE * share
                near = 0
                for j, q in points:
                    if j == i or mentions[j].text.lower() == key:
                        continue
                    d = km(p.lat, p.lon, q.lat, q.lon)
                    if d < _NEAR_KM:
                        near += 1
                s += W_NEAR * math.log1p(near)
                inside = 0
                if p.kind not in AREA_KINDS:
                    for j, q, reach in areas:
                        if (
                            j != i
                            and q.country_code == p.country_code
                            and km(p.lat, p.lon, q.lat, q.lon) < reach
                        ):
                            inside += 1
                s += W_INSIDE * math.log1p(inside)
                if s > best_s:
                    best, best_s = p, s
                    why = (
                        f"prominence, {share:.0%} of the article in {p.country_code or '?'},"
                        f" {near} chosen places within {_NEAR_KM:.0f} km"
                    )
            new_choice.append(best)
            scores[i] = best_s
            reasons[i] = why
        # One sense per discourse: every mention of a name takes the best-supported choice.
        best_for: dict[str, int] = {}
        for i, m in enumerate(mentions):
            k = m.text.lower()
            if new_choice[i] is not None and (k not in best_for or scores[i] > scores[best_for[k]]):
                best_for[k] = i
        choice = [
            new_choice[best_for[m.text.lower()]]
            if m.text.lower() in best_for and options[i]
            else new_choice[i]
            for i, m in enumerate(mentions)
        ]
    return [
        Resolved(m, p, s, r) for m, p, s, r in zip(mentions, choice, scores, reasons, strict=True)
    ]
