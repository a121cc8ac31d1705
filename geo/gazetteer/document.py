"""Resolving all the place names of one document together.

A name alone is ambiguous (dozens of Alexandrias, a Lebanon in Ohio and one in the
Levant); a news article is not: its places cluster in a few countries and usually in
one region, it names the countries and states it is about, and it writes a name the
same way for the same place throughout (one sense per discourse). So every distinct
name of the document gets one place, chosen jointly:

1. each name's candidates get a fixed score from what the candidate is and how the
   text writes it: population and kind, spelled as its main name, in the curated
   table, written "Name, Area" with its own area, used like a town ("Lebanon
   Police", "the city of Jordan"), other names of the text that *could* lie near it;
2. every name takes its best candidate; then, for a few rounds, every name is
   re-decided against the others' choices: the share of the document's names in the
   candidate's country, chosen places within :data:`NEAR_KM`, chosen states and areas
   that contain it.

The gazetteer's ``resolve(name, context=text)`` and the geoparser's document-level
resolution both use this; they differ only in how they find the names (capitalised
phrases of the text, or the recogniser's mentions). Each answer keeps the ranked
alternatives (softmax shares of the scores) and one line of reason a reader can check.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geo.distance import km_matrix
from geo.gazetteer.normalize import fold
from geo.gazetteer.types import Candidate, Place, Resolution
from geo.gazetteer.usage import county_readings, local_usage

if TYPE_CHECKING:

    from geo.gazetteer import Gazetteer

# numpy is imported where distances are computed (here and in geo.distance.km_matrix):
# a look-up without context needs none, and importing numpy is a fifth of the
# gazetteer's start-up.

# Kinds that name a whole area: the document is "about" their country.
AREA_KINDS = frozenset(
    {"country", "state", "admin1", "continent", "governorate", "province", "region",
     "ocean", "world region"}
)  # fmt: skip
# Named features (data/features.csv) that are points but no town: no council, no police.
FEATURE_KINDS = frozenset({"landmark", "airport"})
KIND_PRIOR = {
    "country": 3.0,
    "continent": 3.0,
    "state": 2.6,
    "governorate": 1.5,
    "province": 1.5,
    "admin1": 1.5,
    "region": 1.0,
    "district": 0.5,
    "county": 0.3,
    # Named features of data/features.csv: news that writes "the White House" or
    # "Heathrow" means the landmark, not a village named after it (above a country's,
    # so that Casablanca, "Casa Blanca", does not win by its population).
    "landmark": 4.0,
    "airport": 4.0,
    "ocean": 4.0,
    "world region": 4.0,
}
# How far an area reaches from its point when nothing better is known.
REACH_KM = {
    "state": 300.0,
    "governorate": 150.0,
    "province": 300.0,
    "admin1": 300.0,
    "region": 300.0,
    "district": 60.0,
    "county": 40.0,
    "admin2": 40.0,  # a second-level area outside the US (its own extent when larger)
}
NEAR_KM = 250.0  # a chosen place this close is "in the same story"
POSSIBLE_KM = 50.0  # another name that may mean a place this close
ROUNDS = 3
TWIN_CITY_POPULATION = 50_000  # a city this large stands for the area named like it
MAX_OPTIONS = 30  # candidates of one name, by prior, before the document is weighed
SOFTMAX_TEMPERATURE = 1.0

# Weights (tuned on LGL with benchmarks/gazetteer_lgl.py; GeoVirus held out).
W_POPULATION = 0.55  # times log10(population + 1)
W_MAIN_NAME = 0.6  # written as the place's main name
W_EXACT = 0.3  # written exactly as one of its names (else: a looser spelling match)
W_CURATED = 0.5  # checked by hand for the seed article
W_QUALIFIED = 3.0  # "Lebanon, Ohio" and the place is in Ohio
W_LOCAL = 1.5  # "Lebanon Police": a town (and areas lose their kind prior)
W_POSSIBLE = 1.0  # times log(1 + other names that may mean a place within POSSIBLE_KM)
# W_COUNTY_LIST, W_COUNTY_NAMED: in geo.gazetteer.usage, with the county readings.
W_SHARE = 2.5  # share of the document's other names chosen in the same country
W_NEAR = 1.2  # times log(1 + chosen places within NEAR_KM)
W_INSIDE = 1.5  # times log(1 + chosen areas that contain it)
W_COUNTRY = 0.5  # its country is named in the text (as a country or by its demonym)
W_REGION = 1.0  # share of the document's other names chosen in the same first-level area
W_NEIGHBOUR = 1.0  # a country named in the text borders its country ("Gaza" with Israel)
W_CAPITAL = 1.0  # a national capital over the state named like it ("Washington")


@dataclass(frozen=True)
class NameInText:
    """One distinct place name of a document, as the resolver needs it."""

    text: str  # as written
    places: tuple[Place, ...]  # what it may mean
    count: int = 1  # how many times the document writes it
    weight: float = 1.0  # how sure we are that it names a place (its votes scale with it)
    demonym: bool = False  # "Syrian": stands for its country, spelling not weighed


@dataclass
class _Option:
    """A candidate of one name, with the evidence that does not change between rounds."""

    place: Place
    base: float
    admin1: str
    prior: float = 0.0  # :func:`prior` of the place, kept for the reason line
    qualified: str = ""  # the area written after the name ("Ohio"), when it holds the place
    local: bool = False  # the text uses the name like a town's
    possible: int = 0  # other names that may mean a place within POSSIBLE_KM


@dataclass
class _Terms:
    """The document's evidence for one option, kept to explain the winner."""

    score: float
    share: float = 0.0
    country_mentions: int = 0
    near: list[str] = field(default_factory=list)
    inside: list[str] = field(default_factory=list)


# The evidence of a document with no other names: none (shared, never changed).
_NO_TERMS = _Terms(0.0)


# A settlement whose population no source gives (a curated village) weighs as a typical
# one of its kind, not as an empty place: else any namesake of 500 people outweighs it.
TYPICAL_POPULATION = {"village": 1_000, "town": 5_000, "suburb": 20_000, "city": 50_000}


def prior(place: Place) -> float:
    """What a place weighs before any context: population and kind."""
    population = place.population or TYPICAL_POPULATION.get(place.kind, 0)
    return W_POPULATION * math.log10(population + 1) + KIND_PRIOR.get(place.kind, 0.0)


def _indexed(place: Place) -> bool:
    return place.indexed


def spelling_bonus(name: str, place: Place, gazetteer: Gazetteer | None) -> float:
    """How closely ``name`` is written like the place: main name, another name, or loosely."""
    geonames = getattr(gazetteer, "geonames", None)
    if _indexed(place):
        if geonames is None:
            return 0.0
        if fold(name) == fold(place.name):
            return W_MAIN_NAME + W_EXACT
        return W_EXACT if geonames.exact(name, place) else 0.0
    folded = fold(name)
    if folded in {fold(a) for a in (place.name, *place.aliases)}:
        return W_MAIN_NAME + W_EXACT
    return 0.0


def admin1_of(place: Place, gazetteer: Gazetteer | None) -> str:
    """The place's first-level area code (US: the state's postal code), or ""."""
    geonames = getattr(gazetteer, "geonames", None)
    if geonames is None or not _indexed(place):
        return ""
    return geonames.admin1(place)


def _qualifying_area(place: Place, code: str, areas: list[tuple[str, str, str]]) -> str:
    """The area written after the name ("Ohio" of "Lebanon, Ohio") that holds the place."""
    if place.kind == "country":
        return ""
    for cc, a1, area in areas:
        if cc == place.country_code and (not a1 or a1 == code):
            return area
    return ""


class Document:
    """The names of one document, resolved together; asks about any name of it."""

    def __init__(
        self,
        names: Sequence[NameInText],
        text: str | None = None,
        gazetteer: Gazetteer | None = None,
        fixed: Sequence[Place] = (),
        qualified: dict[str, list[tuple[str, str, str]]] | None = None,
        rounds: int = ROUNDS,
    ) -> None:
        """``fixed``: places known to belong to the story (they vote and count as near).

        ``qualified``: folded name -> [(country code, admin1 code or "", area name)] for
        "Name, Area" written in the text.
        """
        self.text = text or ""
        self.gazetteer = gazetteer
        self.qualified = qualified or {}
        self.counties = county_readings(self.text) if self.text and gazetteer else {}
        self.keys: list[str] = []  # one sense per discourse: one entry per folded name
        self.names: list[NameInText] = []
        seen: set[str] = set()
        for n in names:
            key = fold(n.text)
            if n.places and key not in seen:
                seen.add(key)
                self.keys.append(key)
                self.names.append(n)
        self.fixed = tuple(fixed)
        self._area_km: dict[tuple[int, int], float] = {}  # (id(place), id(area)) -> km
        self._weight = {k: n.weight for k, n in zip(self.keys, self.names, strict=True)}
        self._possible_pool = self._pool()
        self.options = [self._options(n, key) for n, key in zip(self.names, self.keys, strict=True)]
        self.choice = [max(range(len(o)), key=lambda i, o=o: o[i].base) for o in self.options]
        for _ in range(rounds if self.names else 0):  # nothing to re-decide without names
            self._state()
            changed = False
            for i, opts in enumerate(self.options):
                if len(opts) < 2:
                    continue
                scores = [self._terms(o, self.keys[i]).score for o in opts]
                best = max(range(len(opts)), key=scores.__getitem__)
                changed |= best != self.choice[i]
                self.choice[i] = best
            if not changed:
                break
        self._state()

    # ----------------------------------------------------------------- evidence

    def _pool(self) -> tuple[list[str], list[Place]]:
        """Every name's likeliest candidates: "may lie near" evidence before any choice.

        Two names that each have a namesake in the same small area (Alexandria and
        Brandon, Minnesota) are likelier there than at their largest namesakes far apart.
        """
        keys: list[str] = []
        places: list[Place] = []
        for n, key in zip(self.names, self.keys, strict=True):
            for p in sorted(n.places, key=prior, reverse=True)[:MAX_OPTIONS]:
                if p.kind not in AREA_KINDS:
                    keys.append(key)
                    places.append(p)
        return keys, places

    def _county_places(self, name: NameInText, key: str) -> list[Place]:
        """The counties named like ``name`` when the text reads it as a county."""
        if key not in self.counties or name.demonym or self.gazetteer is None:
            return []
        ids = {p.id for p in name.places}
        found = []
        for head in ("County", "Parish"):
            for p in self.gazetteer.candidates(f"{name.text} {head}", online=False):
                if p.kind == "county" and p.id not in ids:
                    found.append(p)
        return found

    def _ranked(self, name: NameInText, key: str) -> list[tuple[float, Place]]:
        """The name's candidates by prior (the first MAX_OPTIONS), then its county readings."""
        ranked = sorted(
            ((prior(p), p) for p in _drop_area_twins(list(name.places))),
            key=lambda pp: pp[0],
            reverse=True,
        )[:MAX_OPTIONS]
        return ranked + [(prior(p), p) for p in self._county_places(name, key)]

    def _possible(self, places: list[Place], key: str) -> list[float]:
        """For each place: the weight of other names that may mean a place near it."""
        pool_keys, pool = self._possible_pool
        possible = [0.0] * len(places)
        if pool and places:
            import numpy as np

            close = km_matrix(places, pool) <= POSSIBLE_KM
            other = np.array([k != key for k in pool_keys])
            for j, row in enumerate(close & other[None, :]):
                keys = {pool_keys[c] for c in np.flatnonzero(row)}
                possible[j] = sum(self._weight.get(k, 1.0) for k in keys)
        return possible

    def _options(self, name: NameInText, key: str) -> list[_Option]:
        """Each candidate with the evidence that does not depend on the other choices."""
        ranked = self._ranked(name, key)
        places = [p for _, p in ranked]
        county_bonus = self.counties.get(key, 0.0)
        local = bool(self.text) and not name.demonym and local_usage(name.text, self.text)
        areas = self.qualified.get(key, [])
        possible = self._possible(places, key)
        # The area code weighs only against areas: written after the name, or chosen for
        # the document's other names (none for a name asked without context).
        weighed = areas or self.names or self.fixed
        out = []
        for (p_prior, p), near in zip(ranked, possible, strict=True):
            base = p_prior
            base += W_MAIN_NAME + W_EXACT if name.demonym else spelling_bonus(
                name.text, p, self.gazetteer
            )
            if p.curated:  # checked by hand (not the index, not an online answer)
                base += W_CURATED
            code = admin1_of(p, self.gazetteer) if weighed else ""
            qualified = _qualifying_area(p, code, areas) if areas else ""
            if qualified:
                base += W_QUALIFIED
            is_local = local and p.kind not in AREA_KINDS and p.kind not in FEATURE_KINDS
            if is_local:
                base += W_LOCAL
            elif local:
                base -= KIND_PRIOR.get(p.kind, 0.0)  # a country has no city council
            if near:
                base += W_POSSIBLE * math.log1p(near)
            if county_bonus and p.kind == "county":
                base += county_bonus
            out.append(_Option(p, base, code, p_prior, qualified, is_local, round(near)))
        self._capital_over_state(name, key, out)
        return out

    def _capital_over_state(self, name: NameInText, key: str, options: list[_Option]) -> None:
        """A national capital named like a state of its country: news means the capital.

        "Washington" in news is the capital (and its government), the state is written
        "Washington state", "the state of Washington" or listed with other states
        ("Oregon and Washington laws"); without those marks the capital weighs what the
        state does, and a little more (:data:`W_CAPITAL`). The document's other evidence
        (places in the state, a qualifier) still counts on top.
        """
        geonames = getattr(self.gazetteer, "geonames", None)
        if geonames is None or not hasattr(geonames, "capital") or name.demonym or not self.text:
            return
        states = [o for o in options if o.place.kind in ("state", "admin1")
                  and fold(o.place.name) == key]  # fmt: skip
        if not states:
            return
        for o in options:
            p = o.place
            if (
                p.kind in AREA_KINDS
                or fold(p.name) != key
                or fold(geonames.capital(p.country_code)) != key
            ):
                continue
            twin = [s for s in states if s.place.country_code == p.country_code]
            if twin and not self._marks_state(name.text, p.country_code):
                o.base = max(o.base, max(s.base for s in twin) + W_CAPITAL)

    def _marks_state(self, name: str, cc: str) -> bool:
        """Whether the text writes ``name`` as a state: "X state", "state of X", in a list
        of the document's other state names of country ``cc`` ("Oregon and Washington";
        not "Washington and Moscow")."""
        others = sorted(
            {
                n.text
                for n in self.names
                if fold(n.text) != fold(name)
                and any(p.kind in ("state", "admin1") and p.country_code == cc
                        for p in n.places)
            },
            key=len,
            reverse=True,
        )
        escaped = re.escape(name)
        patterns = [rf"\b{escaped}\s+[Ss]tate\b", rf"\b[Ss]tate\s+of\s+{escaped}\b"]
        if others:
            listed = "|".join(re.escape(o) for o in others)
            patterns += [
                rf"\b(?:{listed})(?:,|,?\s+(?:and|or))\s+{escaped}\b(?!,?\s*D\.\s?C\.)",
                rf"\b{escaped}(?:,|,?\s+(?:and|or))\s+(?:{listed})\b",
            ]
        return any(re.search(p, self.text) for p in patterns)

    def _state(self) -> None:
        """What the current choices say: country votes, chosen points, chosen areas."""
        self.votes: dict[str, tuple[str, float]] = {}
        self.country_mentions: Counter[str] = Counter()
        self.area_mentions: Counter[tuple[str, str]] = Counter()
        points_keys: list[str] = []
        points: list[Place] = []
        self.areas: list[tuple[str, Place, str, float]] = []
        for n, key, opts, c in zip(self.names, self.keys, self.options, self.choice, strict=True):
            o = opts[c]
            p = o.place
            if p.country_code:
                self.votes[key] = (p.country_code, n.weight * (0.5 if n.demonym else 1.0))
            if p.kind == "country":
                self.country_mentions[p.country_code] += n.count
            elif p.kind in AREA_KINDS or p.kind in REACH_KM:
                if p.kind in ("state", "admin1"):
                    self.area_mentions[(p.country_code, o.admin1)] += n.count
                reach = max(p.precision_km or 0.0, REACH_KM.get(p.kind, 0.0))
                self.areas.append((key, p, o.admin1, reach))
            if p.kind not in AREA_KINDS:
                points_keys.append(key)
                points.append(p)
        for i, p in enumerate(self.fixed):
            key = f"near:{i}"
            self.votes[key] = (p.country_code, 1.0)
            points_keys.append(key)
            points.append(p)
        self.countries: Counter[str] = Counter()
        for cc, w in self.votes.values():
            self.countries[cc] += w
        self.total_votes = sum(self.countries.values())
        self._region_state()
        if [id(x) for x in points] != [id(x) for x in getattr(self, "points", ())]:
            self._near_km: dict[int, object] = {}  # id(place) -> km to each point (numpy)
        self.points_keys = points_keys
        self.points = points
        self._display = {k: n.text for k, n in zip(self.keys, self.names, strict=True)}

    def _neighbour_named(self, cc: str) -> bool:
        """Whether the text names a country that borders ``cc`` (and not ``cc`` itself)."""
        geonames = getattr(self.gazetteer, "geonames", None)
        if geonames is None or not self.country_mentions or self.country_mentions.get(cc):
            return False
        return not geonames.neighbours(cc).isdisjoint(self.country_mentions)

    def _region_state(self) -> None:
        """Votes of the chosen places for their first-level area (US: their state).

        Local news stays in one state: Gainesville, Whitesboro and Grayson County of one
        story are the Texan ones. Countries have no such area and do not vote.
        """
        self.region_votes: dict[str, tuple[tuple[str, str], float]] = {}
        for n, key, opts, c in zip(self.names, self.keys, self.options, self.choice, strict=True):
            o = opts[c]
            if o.admin1 and o.place.kind != "country":
                weight = n.weight * (0.5 if n.demonym else 1.0)
                self.region_votes[key] = ((o.place.country_code, o.admin1), weight)
        self.regions: Counter[tuple[str, str]] = Counter()
        for region, w in self.region_votes.values():
            self.regions[region] += w
        self.total_region_votes = sum(self.regions.values())

    def _region_share(self, o: _Option, key: str) -> float:
        """Share of the other names' votes that went to the option's first-level area."""
        if not o.admin1 or o.place.kind == "country":
            return 0.0
        region = (o.place.country_code, o.admin1)
        own = self.region_votes.get(key)
        others = self.total_region_votes - (own[1] if own else 0.0)
        same = self.regions.get(region, 0.0) - (own[1] if own and own[0] == region else 0.0)
        return same / others if others > 0 else 0.0

    def _terms(self, o: _Option, key: str) -> _Terms:
        p = o.place
        t = _Terms(o.base)
        own = self.votes.get(key)
        others = self.total_votes - (own[1] if own else 0.0)
        same = self.countries.get(p.country_code, 0.0) - (
            own[1] if own and own[0] == p.country_code else 0.0
        )
        if others > 0 and p.country_code:
            t.share = same / others
            t.score += W_SHARE * t.share
        if p.kind != "country":
            t.country_mentions = self.country_mentions.get(p.country_code, 0)
            if t.country_mentions:
                t.score += W_COUNTRY
        t.score += W_REGION * self._region_share(o, key)
        if p.country_code and self._neighbour_named(p.country_code):
            t.score += W_NEIGHBOUR
        if self.points:
            d = self._near_km.get(id(p))  # the same points in the next round: measured
            if d is None:
                d = self._near_km[id(p)] = km_matrix([p], self.points)[0]
            t.near = sorted(
                {self.points_keys[j] for j, close in enumerate(d < NEAR_KM) if close} - {key},
            )
            t.score += W_NEAR * math.log1p(sum(self._weight.get(k, 1.0) for k in t.near))
        if p.kind not in AREA_KINDS:
            for k, area, code, reach in self.areas:
                if k == key or area.country_code != p.country_code or area.id == p.id:
                    continue
                if code and o.admin1 and area.kind in ("state", "admin1"):
                    inside = code == o.admin1
                else:
                    pair = (id(p), id(area))  # the same pair in every round: measured once
                    km = self._area_km.get(pair)
                    if km is None:
                        km = self._area_km[pair] = km_matrix([p], [area])[0, 0]
                    inside = km < reach
                if inside:
                    t.inside.append(self._display.get(k, area.name))
            t.score += W_INSIDE * math.log1p(len(t.inside))
        return t

    # ----------------------------------------------------------------- answers

    def resolution(self, name: NameInText) -> Resolution | None:
        """The place ``name`` means in this document, the ranked alternatives and why."""
        if not name.places:
            return None
        key = fold(name.text)
        known = self.keys.index(key) if key in self.keys else -1
        if known >= 0 and self.names[known].places == name.places:
            opts = self.options[known]
        else:
            opts = self._options(name, key)
        if self.names or self.fixed:
            terms = [self._terms(o, key) for o in opts]
            scores = [t.score for t in terms]
        else:  # nothing else in the document: only what the candidates are
            scores = [o.base for o in opts]
            terms = [_NO_TERMS] * len(opts)
        order = sorted(range(len(opts)), key=scores.__getitem__, reverse=True)
        top = scores[order[0]]
        weights = [math.exp((scores[i] - top) / SOFTMAX_TEMPERATURE) for i in order]
        total = sum(weights)
        best = order[0]
        return Resolution(
            query=name.text,
            place=opts[best].place,
            score=round(weights[0] / total, 4),
            reason=self._reason([(opts[i], terms[i]) for i in order]),
            alternatives=tuple(
                Candidate(opts[i].place, round(w / total, 4))
                for i, w in zip(order[1:], weights[1:], strict=True)
            ),
        )

    def resolutions(self) -> dict[str, Resolution]:
        """Every name of the document (by its fold) and its resolution."""
        out = {}
        for n, key in zip(self.names, self.keys, strict=True):
            res = self.resolution(n)
            if res is not None:
                out[key] = res
        return out

    def _surest(self, keys: list[str]) -> list[str]:
        """Names surest to be places first (a reader checks those), then alphabetically."""
        return sorted(keys, key=lambda k: (-self._weight.get(k, 1.0), k))

    def _country_name(self, cc: str) -> str:
        geonames = getattr(self.gazetteer, "geonames", None)
        return geonames.country_names().get(cc, cc) if geonames is not None else cc

    def _where(self, place: Place) -> str:
        if place.kind == "country" or not place.country_code:
            return place.name
        return f"{place.name}, {self._country_name(place.country_code)}"

    def _reason(self, ranked: list[tuple[_Option, _Terms]]) -> str:
        """One line naming the evidence that made the first of ``ranked`` win.

        Each part is checkable in the text: the area written with the name, the areas
        and countries named, the other places near it, the runner-up it beat.
        """
        o, t = ranked[0]
        where = self._where(o.place)
        if len(ranked) == 1:
            return f"{where}: the only place of that name in the gazetteer"
        o2, t2 = ranked[1]
        others = ranked[1:]
        why: list[str] = []
        country = self._country_name(o.place.country_code)
        if o.qualified and not o2.qualified:
            why.append(f"the text writes it with its area ({o.qualified})")
        if o.local and not o2.local:
            why.append("the text uses the name like a town's (its police, council or schools)")
        if t.inside and len(t.inside) > len(t2.inside):
            why.append(f"inside {_names(t.inside)}, named in the text")
        if t.country_mentions > t2.country_mentions and o.place.kind != "country":
            why.append(f"{country} is named {_times(t.country_mentions)} in the text")
        elif t.share > t2.share + 0.05 and o.place.country_code != o2.place.country_code:
            why.append(f"{t.share:.0%} of the other places named in the text are in {country}")
        if len(t.near) > len(t2.near):
            why.append(
                f"{len(t.near)} other places named in the text lie within {NEAR_KM:.0f} km"
                f" ({_names([self._display.get(k, k) for k in self._surest(t.near)])})"
            )
        elif o.possible > o2.possible:
            why.append(f"{o.possible} other names of the text may lie within {POSSIBLE_KM:.0f} km")
        if not why:
            if o.prior >= o2.prior:
                pop = o.place.population
                size = f"population {pop:,}" if pop else o.place.kind
                why.append(f"the most prominent place of that name ({size})")
            elif not _indexed(o.place):
                why.append("in the curated table for the seed article")
            else:
                why.append("written as its main name")
        if not self.text and not self.points:
            why.append("no context given")
        # The most prominent place it was preferred to, and why that one lost.
        big = max(others, key=lambda ot: ot[0].prior, default=(o2, t2))
        if big[0].prior > o.prior:
            other = self._where(big[0].place)
            other_country = self._country_name(big[0].place.country_code)
            if o.local and big[0].place.kind in AREA_KINDS:
                why.append(f"{other} is larger, but the text uses the name like a town's")
            elif (
                self.text
                and big[1].country_mentions == 0
                and big[0].place.kind != "country"
                and big[0].place.country_code != o.place.country_code
            ):
                why.append(f"{other} is larger but {other_country} is never named")
            else:
                why.append(f"{other} is larger")
        else:
            why.append(f"next: {self._where(o2.place)}")
        return f"{where}: " + "; ".join(why)


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _names(items: Sequence[str], most: int = 3) -> str:
    shown = ", ".join(items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


def _drop_area_twins(places: list[Place]) -> list[Place]:
    """Drop a first- or second-level area named like a city of the same country.

    "Tripoli" the Libyan district and "Tripoli" the city are the same answer to a
    reader; the city is the more precise one. A village that shares its province's
    name (Hubei) does not stand for the province.
    """
    settled = {
        (fold(p.name), p.country_code)
        for p in places
        if p.kind not in AREA_KINDS
        and p.kind not in REACH_KM  # a district or county is no city
        and (p.population or 0) >= TWIN_CITY_POPULATION
    }
    return [
        p
        for p in places
        if p.kind not in ("admin1", "admin2") or (fold(p.name), p.country_code) not in settled
    ]


__all__ = ["Document", "NameInText", "km_matrix", "local_usage", "prior", "spelling_bonus"]
