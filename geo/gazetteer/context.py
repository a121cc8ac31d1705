"""Ranking the places a name may mean, with the text around the mention.

Signals, each one a reader can check in the text:

- countries named in the text (names, and demonyms such as "Lebanese"), and US
  states / first-level areas named (a state also counts as its country);
- other places named in the text: a candidate near many of them is likely right
  (news is local); "near" means some place of that other name lies within
  :data:`NEAR_KM` of the candidate;
- the candidate's own weight: population, kind (a country or state outranks a
  village of the same name), a spelling exactly as written, the curated table.

The score is a weighted sum of these (weights below); the alternatives carry the
softmax of the scores, so they read as shares of confidence that add up to 1.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from geo.gazetteer import Candidate, Place, Resolution
from geo.gazetteer.normalize import fold, name_key

if TYPE_CHECKING:
    from geo.gazetteer import Gazetteer

NEAR_KM = 120.0
AREA_KINDS = frozenset({"country", "state", "admin1", "continent", "governorate"})

# Weights of the score's terms (tuned on LGL: see benchmarks/gazetteer_lgl.py).
W_POPULATION = 1.0  # times log10(population) / 7
W_KIND = {"country": 1.2, "continent": 1.0, "state": 0.8, "admin1": 0.35, "county": 0.15}
W_EXACT = 0.15  # written exactly like one of the place's names
W_MAIN_NAME = 0.3  # written like its main name, not a historical or foreign alternate
W_CURATED = 0.3
W_COUNTRY = 1.0  # country named in the text (saturates at 3 mentions)
W_VOTES = 1.0  # share of the text's other place names most likely in the same country
W_ADMIN1 = 1.0  # state / first-level area named in the text
W_QUALIFIED = 2.0  # written "Name, Area" in the text and the place is in that area
W_NEAR = 1.5  # other places of the text nearby (saturates at NEAR_SATURATION)
NEAR_SATURATION = 4
SOFTMAX_TEMPERATURE = 0.5
MAX_CANDIDATES = 40  # of one name, by prior, before context is weighed

_POSSESSIVE = re.compile(r"['’]s?$")
_QUALIFIED = re.compile(
    r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}),\s+([A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){0,2})"
)
_PHRASE = re.compile(
    r"(?:[A-Z][\w'’.-]*|[A-Z]\.)(?:\s+(?:(?:of|de|la|del|du|al|el)\s+)?(?:[A-Z][\w'’.-]*))*"
)


@dataclass
class Signals:
    """What a text says about places: mentions of countries and areas, other places."""

    countries: Counter[str] = field(default_factory=Counter)  # cc -> mentions
    # cc -> how many place names of the text most likely lie in that country
    country_votes: Counter[str] = field(default_factory=Counter)
    admin1: Counter[tuple[str, str]] = field(default_factory=Counter)  # (cc, code) -> n
    admin1_names: dict[tuple[str, str], str] = field(default_factory=dict)
    # Area phrases: name key -> (cc, admin1 code, mentions), so that a name's own
    # mentions do not count as context for itself.
    own: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    # "Lebanon, Ohio": name key -> areas (cc, admin1 code or "") written after it.
    qualified: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    # Other place names of the text: for each, the points of its likeliest places.
    phrase_keys: tuple[str, ...] = ()
    phrase_index: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    lat: np.ndarray = field(default_factory=lambda: np.zeros(0))
    lon: np.ndarray = field(default_factory=lambda: np.zeros(0))


def prior(place: Place) -> float:
    """What a place weighs before any context: population and kind."""
    pop = place.population or 0
    return W_POPULATION * math.log10(max(pop, 1)) / 7 + W_KIND.get(place.kind, 0.0)


def phrases(text: str) -> Counter[str]:
    """Capitalised word sequences (and their 1..3-word parts) that may name places.

    A single word that the text also writes in lower case ("Control", "March") is a
    common word capitalised at a sentence start, not a name: it is left out.
    """
    lower = set(re.findall(r"\b[a-z][a-z'’-]+\b", text))
    found: Counter[str] = Counter()
    for match in _PHRASE.finditer(text):
        words = match.group(0).rstrip(".'’-").split()
        for n in range(1, min(3, len(words)) + 1):
            for i in range(len(words) - n + 1):
                part = words[i : i + n]
                if not (part[0][0].isupper() and part[-1][0].isupper()):
                    continue
                phrase = _POSSESSIVE.sub("", " ".join(part)).rstrip(".'’-")
                if n == 1 and (len(phrase) < 3 or phrase.lower() in lower):
                    continue
                found[phrase] += 1
    return found


def qualified_mentions(text: str) -> list[tuple[str, str]]:
    """Pairs ("Lebanon", "Ohio") written as "Lebanon, Ohio": a place and its area."""
    pairs = []
    for m in _QUALIFIED.finditer(text):
        words = m.group(1).split()
        for i in range(len(words)):
            pairs.append((" ".join(words[i:]), m.group(2).rstrip(",")))
    return pairs


def signals(text: str, gazetteer: Gazetteer) -> Signals:
    """The place signals of ``text`` (cached: one article has many mentions)."""
    return _signals_cached(text, gazetteer)


@lru_cache(maxsize=32)
def _signals_cached(text: str, gazetteer: Gazetteer) -> Signals:
    sig = Signals()
    keys: list[str] = []
    idx: list[int] = []
    lats: list[float] = []
    lons: list[float] = []
    for phrase, count in phrases(text).items():
        places = _drop_area_twins(gazetteer.candidates(phrase))
        if not any(_written_as(phrase, p, gazetteer) for p in places):
            # No place is written exactly so: a demonym ("Lebanese") beats a loose match.
            places = gazetteer.demonym_candidates(phrase) or places
            areas = [p for p in places if p.kind in AREA_KINDS]
        else:
            areas = [
                p for p in places if p.kind in AREA_KINDS and _written_as(phrase, p, gazetteer)
            ]
        if not places:
            continue
        best = max(areas, key=prior) if areas else None
        if best is not None and not any(
            p.kind not in AREA_KINDS
            and prior(p) > prior(best)
            and _written_as(phrase, p, gazetteer)
            for p in places
        ):
            # An area ("Ohio", "Lebanese"), unless a more prominent town has that very
            # name ("Portland" is not taken for the Jamaican parish).
            key = name_key(phrase)
            if best.kind == "country":
                sig.countries[best.country_code] += count
                sig.own[key] = (best.country_code, "", count)
            elif best.kind in ("state", "admin1"):
                code = _admin1(best, gazetteer)
                sig.admin1[(best.country_code, code)] += count
                sig.admin1_names[(best.country_code, code)] = best.name
                sig.countries[best.country_code] += count
                sig.own[key] = (best.country_code, code, count)
            continue
        settlements = sorted(places, key=prior, reverse=True)[:10]
        sig.country_votes[settlements[0].country_code] += 1
        keys.append(name_key(phrase))
        for p in settlements:
            idx.append(len(keys) - 1)
            lats.append(p.lat)
            lons.append(p.lon)
    for place_name, area_name in qualified_mentions(text):
        areas = [
            p
            for p in gazetteer.candidates(area_name)
            if p.kind in AREA_KINDS and _written_as(area_name, p, gazetteer)
        ]
        for area in areas:
            code = _admin1(area, gazetteer) if area.kind in ("state", "admin1") else ""
            sig.qualified.setdefault(name_key(place_name), set()).add((area.country_code, code))
    sig.phrase_keys = tuple(keys)
    sig.phrase_index = np.asarray(idx, dtype=np.int32)
    sig.lat = np.radians(np.asarray(lats, dtype=float))
    sig.lon = np.radians(np.asarray(lons, dtype=float))
    return sig


def _indexed(place: Place) -> bool:
    """Whether the place comes from the GeoNames index (not curated, not online)."""
    return place.id.startswith(("geonames:", "area:"))


def _written_as(phrase: str, place: Place, gazetteer: Gazetteer) -> bool:
    """Whether the phrase names this country/state as written (not a loose match)."""
    geonames = getattr(gazetteer, "geonames", None)
    if not _indexed(place):
        return fold(phrase) in {fold(a) for a in (place.name, *place.aliases)}
    if geonames is None:
        return True
    return geonames.exact(phrase, place)


def _admin1(place: Place, gazetteer: Gazetteer) -> str:
    geonames = getattr(gazetteer, "geonames", None)
    if geonames is None or not _indexed(place):
        return ""
    return geonames.admin1(place)


def _near_counts(
    sig: Signals, place: Place, own_key: str, radius_km: float = NEAR_KM
) -> tuple[int, list[str]]:
    """How many other place names of the text have a place within ``radius_km``."""
    if sig.lat.size == 0:
        return 0, []
    lat0, lon0 = math.radians(place.lat), math.radians(place.lon)
    # Haversine on the arrays: fast enough for every candidate of every mention.
    a = (
        np.sin((sig.lat - lat0) / 2) ** 2
        + math.cos(lat0) * np.cos(sig.lat) * np.sin((sig.lon - lon0) / 2) ** 2
    )
    km = 12742.0 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
    hits = np.unique(sig.phrase_index[km <= radius_km])
    names = [sig.phrase_keys[i] for i in hits if sig.phrase_keys[i] != own_key]
    return len(names), names


def _drop_area_twins(places: list[Place]) -> list[Place]:
    """Drop a first-level area named like a settlement of the same country.

    "Tripoli" the Libyan district and "Tripoli" the city are the same answer to a
    reader; the city is the more precise one.
    """
    settled = {(fold(p.name), p.country_code) for p in places if p.kind not in AREA_KINDS}
    return [
        p for p in places if p.kind != "admin1" or (fold(p.name), p.country_code) not in settled
    ]


@dataclass
class _Scored:
    place: Place
    score: float
    country_mentions: int
    admin1_mentions: int
    admin1_name: str
    near: int
    qualified: bool = False


def rank(
    name: str,
    places: list[Place],
    context: str | None = None,
    near: tuple[Place, ...] = (),
    gazetteer: Gazetteer | None = None,
) -> Resolution:
    """Score every candidate of ``name``; the best, the alternatives and why."""
    sig = signals(context, gazetteer) if context and gazetteer is not None else Signals()
    if near:
        extra = Signals(
            countries=sig.countries,
            country_votes=sig.country_votes,
            qualified=sig.qualified,
            own=sig.own,
            admin1=sig.admin1,
            admin1_names=sig.admin1_names,
            phrase_keys=(*sig.phrase_keys, *(f"near:{p.id}" for p in near)),
            phrase_index=np.concatenate(
                [sig.phrase_index, np.arange(len(near), dtype=np.int32) + len(sig.phrase_keys)]
            ),
            lat=np.concatenate([sig.lat, np.radians([p.lat for p in near])]),
            lon=np.concatenate([sig.lon, np.radians([p.lon for p in near])]),
        )
        sig = extra
    own_key = name_key(name)
    written = fold(name)
    places = _drop_area_twins(places)
    places = sorted(places, key=prior, reverse=True)[:MAX_CANDIDATES]
    scored: list[_Scored] = []
    for place in places:
        s = prior(place)
        if _indexed(place):
            geonames = getattr(gazetteer, "geonames", None)
            if geonames is not None and geonames.exact(name, place):
                s += W_EXACT
                if geonames.main_name(name, place):
                    s += W_MAIN_NAME
        else:
            s += W_CURATED
            if written in {fold(a) for a in (place.name, *place.aliases)}:
                s += W_EXACT + W_MAIN_NAME
        own_cc, own_code, own_n = sig.own.get(own_key, ("", "", 0))
        n_country = sig.countries.get(place.country_code, 0) if place.country_code else 0
        if own_cc and own_cc == place.country_code:
            n_country = max(n_country - own_n, 0)
        s += W_COUNTRY * min(n_country, 3) / 3
        votes = sum(sig.country_votes.values())
        if votes and place.country_code:
            s += W_VOTES * sig.country_votes.get(place.country_code, 0) / votes
        code = _admin1(place, gazetteer) if gazetteer is not None else ""
        n_admin1 = sig.admin1.get((place.country_code, code), 0) if code else 0
        if own_code and (own_cc, own_code) == (place.country_code, code):
            n_admin1 = max(n_admin1 - own_n, 0)
        if place.kind not in ("state", "admin1"):
            s += W_ADMIN1 * min(n_admin1, 3) / 3
        areas = sig.qualified.get(own_key, set())
        qualified = bool(areas) and (
            (place.country_code, code) in areas or (place.country_code, "") in areas
        )
        if qualified:
            s += W_QUALIFIED
        n_near, _ = _near_counts(sig, place, own_key, max(NEAR_KM, place.precision_km))
        s += W_NEAR * min(n_near, NEAR_SATURATION) / NEAR_SATURATION
        admin1_name = sig.admin1_names.get((place.country_code, code), "")
        scored.append(_Scored(place, s, n_country, n_admin1, admin1_name, n_near, qualified))
    scored.sort(key=lambda c: c.score, reverse=True)
    top = scored[0].score
    weights = [math.exp((c.score - top) / SOFTMAX_TEMPERATURE) for c in scored]
    total = sum(weights)
    shares = [w / total for w in weights]
    best = scored[0]
    alternatives = tuple(
        Candidate(c.place, round(share, 4)) for c, share in zip(scored[1:], shares[1:], strict=True)
    )
    return Resolution(
        query=name,
        place=best.place,
        score=round(shares[0], 4),
        reason=_reason(best, scored[1] if len(scored) > 1 else None, gazetteer, bool(context)),
        alternatives=alternatives,
    )


def _country_name(cc: str, gazetteer: Gazetteer | None) -> str:
    geonames = getattr(gazetteer, "geonames", None)
    if geonames is not None:
        return geonames.country_names().get(cc, cc)
    return cc


def _where(place: Place, gazetteer: Gazetteer | None) -> str:
    if place.kind == "country" or not place.country_code:
        return place.name
    return f"{place.name}, {_country_name(place.country_code, gazetteer)}"


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _reason(best: _Scored, second: _Scored | None, gazetteer: Gazetteer | None, ctx: bool) -> str:
    """One line naming the signals that made ``best`` win, checkable in the text."""
    where = _where(best.place, gazetteer)
    if second is None:
        return f"{where}: the only place of that name in the gazetteer"
    why: list[str] = []
    country = _country_name(best.place.country_code, gazetteer)
    if best.qualified and not second.qualified:
        why.append(f"the text writes it with its area ({best.admin1_name or country})")
    if best.admin1_mentions > second.admin1_mentions and best.admin1_name:
        why.append(f"{best.admin1_name} is named {_times(best.admin1_mentions)} in the text")
    if best.country_mentions > second.country_mentions and best.place.kind != "country":
        why.append(f"{country} is named {_times(best.country_mentions)} in the text")
    if best.near > second.near:
        radius = max(NEAR_KM, best.place.precision_km)
        why.append(f"{best.near} other places named in the text lie within {radius:.0f} km")
    if not why:
        if prior(best.place) >= prior(second.place):
            pop = best.place.population
            size = f"population {pop:,}" if pop else best.place.kind
            why.append(f"the most prominent place of that name ({size})")
        else:
            why.append("in the curated table for this article")
    if not ctx:
        why.append("no context given")
    other = _where(second.place, gazetteer)
    other_country = _country_name(second.place.country_code, gazetteer)
    if (second.place.population or 0) > (best.place.population or 0):
        if second.country_mentions == 0 and ctx and second.place.kind != "country":
            why.append(f"{other} is larger but {other_country} is never named")
        else:
            why.append(f"{other} is larger")
    else:
        why.append(f"next: {other}")
    return f"{where}: " + "; ".join(why)
