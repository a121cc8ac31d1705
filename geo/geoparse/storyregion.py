"""The story's region, and the towns read as namesakes far outside it.

Local news stays in one state or province: a flood report that names Perham, Pelican
Rapids and Detroit Lakes in Minnesota and then "near Star Lake" means a lake or hamlet
there, not Star Lake, New York, even when that is the only Star Lake the gazetteer
holds. The document resolver weighs the other names' states (:mod:`geo.gazetteer.document`),
but a name with no namesake in the story's state still gets one elsewhere, and a map pin
a thousand kilometres off is worse than none. So, once the article's names are resolved:

- the story's region is the first-level area (US: the state) that holds most of its
  distinct local names: at least :data:`MIN_NAMES` and :data:`MIN_SHARE` of those whose
  area is known;
- a town resolved outside that region, farther than :data:`FAR_KM` from every other
  place the article names, in a state the text never names, not written with its area
  ("Lake Mary, Fla.") and not a great city (which news names by its name alone), is read
  as a namesake: it moves to its namesake in the story's region when the gazetteer has
  one, else it is left without a place (a name the gazetteer does not know there).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from geo.distance import km_matrix
from geo.gazetteer import Gazetteer, Place
from geo.gazetteer.document import admin1_of, prior
from geo.gazetteer.normalize import fold
from geo.geoparse.toponyms import Toponym

MIN_NAMES = 3  # distinct local names in one region before it is the story's
MIN_SHARE = 0.6  # of the distinct local names whose region is known
FAR_KM = 250.0  # a town this far from every other named place is out of the story
FAR_ABROAD_KM = 1000.0  # the same, for a place in a country the story never names
GREAT_CITY = 500_000  # a city this large is meant by its name wherever the story is
_AREAS = frozenset({"country", "continent", "region", "ocean", "sea", "world region"})
_STATES = frozenset({"state", "admin1", "province"})


def _region(p: Place, gazetteer: Gazetteer) -> tuple[str, str] | None:
    code = admin1_of(p, gazetteer)
    return (p.country_code, code) if code and p.country_code else None


def story_region(toponyms: Sequence[Toponym], gazetteer: Gazetteer) -> tuple[str, str] | None:
    """The (country, first-level area) that holds the story's local names, if one does."""
    regions: dict[str, tuple[str, str]] = {}
    for t in toponyms:
        p = t.place
        if p is None or p.kind in _AREAS or p.kind in _STATES or fold(t.text) in regions:
            continue
        region = _region(p, gazetteer)
        if region is not None:
            regions[fold(t.text)] = region
    if not regions:
        return None
    region, n = Counter(regions.values()).most_common(1)[0]
    return region if n >= MIN_NAMES and n >= MIN_SHARE * len(regions) else None


def far_namesakes(toponyms: list[Toponym], lookup: Callable[[str], Sequence[Place]],
                  gazetteer: Gazetteer) -> list[Toponym]:
    """``toponyms`` with towns far outside the story's region moved to their namesake in
    it, or left without a place when it has none (see the module docstring)."""
    home = story_region(toponyms, gazetteer)
    if home is None:
        return toponyms
    named_regions = {_region(t.place, gazetteer) for t in toponyms
                     if t.place is not None and t.place.kind in _STATES}
    points = [t for t in toponyms if t.place is not None and t.place.kind not in _AREAS
              and t.place.kind not in _STATES]
    moved: dict[str, Toponym] = {}
    out = []
    for t in toponyms:
        key = fold(t.text)
        if key not in moved:
            moved[key] = _reread(t, home, named_regions, points, lookup, gazetteer)
        new = moved[key]
        out.append(t if new is None else replace(new, start=t.start, end=t.end,
                                                 text=t.text, score=t.score))
    return out


def _reread(t: Toponym, home: tuple[str, str], named_regions: set, points: list[Toponym],
            lookup: Callable[[str], Sequence[Place]], gazetteer: Gazetteer) -> Toponym | None:
    """The toponym re-read in the story's region, or None to keep it as it is."""
    p = t.place
    if p is None or p.kind in _AREAS or p.kind in _STATES or (p.population or 0) >= GREAT_CITY:
        return None
    region = _region(p, gazetteer)
    if region is None or region == home or region in named_regions or p.country_code != home[0]:
        return None
    if "with its area" in t.reason:  # "Lake Mary, Fla.": the text says which
        return None
    others = [o.place for o in points if fold(o.text) != fold(t.text)]
    if others and (km_matrix([p], others)[0] <= FAR_KM).any():
        return None
    there = [c for c in lookup(t.text) if fold(c.name) == fold(t.text)
             and c.kind not in _AREAS and _region(c, gazetteer) == home]
    if there:
        best = max(there, key=prior)
        return replace(t, place=best, reason=f"{best.name}: the namesake in the story's "
                                              f"region; {p.name} ({region[1]}) lies far "
                                              f"from every other place the text names")
    return replace(t, place=None, reason=f"no namesake in the story's region; {p.name} "
                                         f"({region[1]}) lies far from every other place "
                                         f"the text names")


# "Stroud, Ontario", "Lake Mary, Fla.": a town and the area it lies in.
_AREA_AFTER = frozenset({", ", ","})
# "Vestfold, Oslo, Rogaland and Hedmark", "Moscow, Kiev and Minsk": a list, no area.
_LIST_JOIN = re.compile(r",?\s+(?:and|or)\s+|,\s*")


def outside_their_area(toponyms: list[Toponym], text: str, gazetteer: Gazetteer
                       ) -> list[Toponym]:
    """``toponyms`` with a town the text writes with its area ("pulled over in Stroud,
    Ontario") left without a place when it was resolved outside that area: the gazetteer
    knows no namesake there (the resolver prefers one inside the area it is written
    with), so the one it chose is another town; the area still says where it is."""
    out = list(toponyms)
    for k in range(len(out) - 1):
        t, area = out[k], out[k + 1]
        if t.place is None or area.place is None or text[t.end:area.start] not in _AREA_AFTER:
            continue
        if t.place.kind in _AREAS or t.place.kind in _STATES:
            continue
        after = out[k + 2] if k + 2 < len(out) else None
        if (after is not None and after.place is not None and after.place.kind != "country"
                and _LIST_JOIN.fullmatch(text, area.end, after.start)) or (
                k and _LIST_JOIN.fullmatch(text, out[k - 1].end, t.start)):
            continue  # one of a list ("Stroud, Ontario, Canada" goes on with its country)
        a = area.place
        if a.kind == "country":
            inside = t.place.country_code == a.country_code
        elif a.kind in _STATES and a.country_code:
            code, own = admin1_of(a, gazetteer), admin1_of(t.place, gazetteer)
            if t.place.country_code == a.country_code and not (code and own):
                continue  # an area code unknown: nothing to compare
            inside = t.place.country_code == a.country_code and code == own
        else:
            continue
        if not inside:
            out[k] = replace(t, place=None, reason=f"no namesake in {area.text}; "
                                                   f"{t.place.name} lies elsewhere")
    return out


def far_foreign_namesakes(toponyms: list[Toponym], lookup: Callable[[str], Sequence[Place]],
                          gazetteer: Gazetteer) -> list[Toponym]:
    """``toponyms`` with a place resolved in a country the text never names, far from all
    its other places, moved to its namesake in the story's country, or left without a
    place when the gazetteer has none there.

    The same reading as :func:`far_namesakes`, a level up: a story about Georgia that
    names Tbilisi and "the coastal region of Ajara" means Georgia's Ajara, not the Indian
    town the gazetteer knows by that spelling; a pin in a country the story never
    mentions, :data:`FAR_ABROAD_KM` from every place it names, is worse than none. The
    story's country holds :data:`MIN_NAMES` and :data:`MIN_SHARE` of the distinct names
    whose country is known; great cities and names written with their area are left as
    they are.
    """
    codes: dict[str, str] = {}
    for t in toponyms:
        if t.place is not None and t.place.country_code and fold(t.text) not in codes:
            codes[fold(t.text)] = t.place.country_code
    if not codes:
        return toponyms
    home, n = Counter(codes.values()).most_common(1)[0]
    if n < MIN_NAMES or n < MIN_SHARE * len(codes):
        return toponyms
    named = {t.place.country_code for t in toponyms
             if t.place is not None and t.place.kind == "country"}
    points = [t for t in toponyms if t.place is not None and t.place.kind not in _AREAS]
    moved: dict[str, Toponym | None] = {}
    out = []
    for t in toponyms:
        key = fold(t.text)
        if key not in moved:
            moved[key] = _reread_abroad(t, home, named, points, lookup)
        new = moved[key]
        out.append(t if new is None else replace(new, start=t.start, end=t.end,
                                                 text=t.text, score=t.score))
    return out


def _reread_abroad(t: Toponym, home: str, named: set[str], points: list[Toponym],
                   lookup: Callable[[str], Sequence[Place]]) -> Toponym | None:
    """The toponym re-read in the story's country, or None to keep it as it is."""
    p = t.place
    if p is None or p.kind in _AREAS or (p.population or 0) >= GREAT_CITY:
        return None
    if not p.country_code or p.country_code == home or p.country_code in named:
        return None
    if "with its area" in t.reason:
        return None
    others = [o.place for o in points if fold(o.text) != fold(t.text)]
    if others and (km_matrix([p], others)[0] <= FAR_ABROAD_KM).any():
        return None  # a town across the border (Malakal in a Sudan story) is meant
    there = [c for c in lookup(t.text) if fold(c.name) == fold(t.text)
             and c.kind not in _AREAS and c.country_code == home]
    if there:
        best = max(there, key=prior)
        return replace(t, place=best, reason=f"{best.name}: the namesake in the story's "
                                              f"country; {p.name} ({p.country_code}) lies in "
                                              f"a country the text never names")
    return replace(t, place=None, reason=f"no namesake in the story's country; {p.name} "
                                         f"({p.country_code}) lies in a country the text "
                                         f"never names")
