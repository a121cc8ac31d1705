"""Institutions named for a place ("Indiana State Police", "St. Cloud Hospital").

Their place is evidence of where the story is, and a facility (a hospital, a racecourse,
an airport) is itself a place where something happens, in the town it is named for.
Split from :mod:`geo.geoparse.discourse`; read by :mod:`geo.geoparse.propose`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from geopy.distance import great_circle

from geo.gazetteer import Gazetteer, Place
from geo.gazetteer.document import admin1_of, prior
from geo.gazetteer.normalize import fold
from geo.geoparse.discourse import WIDE_KINDS, as_main
from geo.geoparse.lexicon import DEMONYMS
from geo.geoparse.toponyms import Toponym

# Institutions named for the place they serve or stand in: "Indiana State Police",
# "Kansas State University", "Vancouver Coastal Health Authority", "St. Cloud Hospital".
# Their place is evidence of where the story is, even when the recogniser takes the whole
# name for an organisation's; a facility ("Hospital", "Racecourse") is also a place where
# something happens, in the town it is named for.
FACILITY_WORDS = ("Hospital", "Medical Center", "Medical Centre", "Clinic", "Racecourse",
                  "Race Course", "Raceway", "Speedway", "Airport", "Stadium", "Arena",
                  "Jail", "Prison", "Courthouse", "Infirmary", "High School",
                  "Middle School", "Elementary School", "Fairgrounds", "Convention Center",
                  "Power Plant", "Air Force Base", "Mall")
ORGANISATION_WORDS = ("State Police", "State Patrol", "Highway Patrol", "Police", "Sheriff",
                      "University", "State University", "College", "Health Authority",
                      "Health Department", "Fire Department", "Fire Rescue",
                      "School District", "Council", "Board of", "Chamber of Commerce",
                      "Public Schools")
_INSTITUTION = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, FACILITY_WORDS + ORGANISATION_WORDS),
                               key=len, reverse=True)) + r")\b"
)
# Up to three capitalised words right before the institution's word ("St. Cloud ").
_INITIAL = re.compile(r"[A-Z]\.")  # "A." of "Pattie A. Clay"
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w.'’-]{0,30}\s+){1,3}$")
_NOT_PLACE_WORDS = frozenset({"The", "A", "An", "At", "In", "On", "Of", "To", "By", "For",
                              "From", "And", "But", "North", "South", "East", "West",
                              "Central", "New", "State", "National", "General", "Regional",
                              "Memorial", "Community", "County", "City",
                              # "University Medical Center", "Mercy Hospital": no town
                              "University", "College", "Medical", "Mercy", "Veterans",
                              "Children's", "Children’s", "Baptist", "Methodist",
                              "Presbyterian", "Lutheran", "Catholic", "Christian",
                              "International"})


@dataclass(frozen=True)
class Institution:
    """A place named in an institution's name, and whether the institution is a facility."""

    name: str  # the place's words ("St. Cloud")
    start: int  # of those words in the text
    end: int
    label: str  # the institution's name as written ("St. Cloud Hospital")
    facility: bool
    place: Place  # the most prominent namesake (a state before a village of its name)


def institutions(text: str, lookup: Callable[[str], Sequence[Place]]) -> list[Institution]:
    """The places named in institutions' names (see :data:`FACILITY_WORDS`), in text order.

    The longest run of up to three capitalised words before the institution's word that
    the gazetteer knows ("Vancouver Coastal" is not a place, "Vancouver" is); each place
    is its most prominent namesake, weighed as the resolver weighs one without context.
    """
    out: list[Institution] = []
    for m in _INSTITUTION.finditer(text):
        run = _NAME_BEFORE.search(text, max(0, m.start() - 100), m.start())
        if run is None:
            continue
        words = run.group().split()
        while words and words[0] in _NOT_PLACE_WORDS:
            words = words[1:]
        # "Butte’s Bert Mooney Airport": the owner is the place, the rest names the facility.
        own = next((i for i, w in enumerate(words) if w.endswith(("'s", "’s"))), None)
        if own is not None:
            words = words[:own] + [words[own][:-2]]
        if any(_INITIAL.fullmatch(w) for w in words):
            continue  # "Pattie A. Clay Medical Center": named for a person
        start = run.start() + run.group().find(words[0]) if words else -1
        for k in range(len(words), 0, -1):
            name = " ".join(words[:k])
            if name in _NOT_PLACE_WORDS or name in DEMONYMS:
                continue
            found = [p for p in lookup(name) if p.kind not in WIDE_KINDS]
            if found:
                # Written as its main name before those that only have it as another
                # ("Berea" is Berea, not Aleppo, once called so).
                main = [p for p in found if as_main(p.name) == as_main(name)]
                best = max(main or found, key=prior)
                out.append(Institution(name, start, start + len(name),
                                       text[start:m.end()], m.group() in FACILITY_WORDS,
                                       best))
                break
    return out


# How near an anchor town a namesake must lie to be the one the story means.
NEAR_ANCHOR_KM = 150.0
# Reasons of a choice made on prominence alone, which the text's own context may overrule.
_WEAK_REASONS = ("the most prominent place of that name", "written as its main name")


def in_context(toponyms: list[Toponym], anchors: list[Institution],
               lookup: Callable[[str], Sequence[Place]], gazetteer: Gazetteer
               ) -> list[Toponym]:
    """``toponyms`` with namesakes chosen on prominence alone ("Richmond": Virginia's)
    moved to the namesake the text's institutions place the story in ("Indiana State
    Police": Richmond, Indiana; "Vancouver Coastal Health Authority": Richmond, British
    Columbia), one sense per name."""
    states = [(a.place.country_code, admin1_of(a.place, gazetteer), a) for a in anchors
              if a.place.kind in ("state", "admin1")]
    # A town's institution ("Richmond Fire Department") is no evidence for its own name,
    # nor, read on prominence, for the others' names: only towns the text names nowhere else.
    named = {fold(t.text) for t in toponyms}
    towns = [a for a in anchors if a.place.kind not in ("state", "admin1", "country")
             and fold(a.name) not in named]
    if not states and not towns:
        return toponyms

    def near(p: Place) -> Institution | None:
        """The anchor ``p`` lies in or near (never one of ``p``'s own name)."""
        code = admin1_of(p, gazetteer) if states else ""
        for cc, state, a in states:
            if p.country_code == cc and code and code == state and a.place.name != p.name:
                return a
        for a in towns:
            if a.place.name != p.name and great_circle(
                    (p.lat, p.lon), (a.place.lat, a.place.lon)).km <= NEAR_ANCHOR_KM:
                return a
        return None

    moved: dict[str, tuple[Place, str]] = {}
    out = []
    for t in toponyms:
        if t.place is not None and t.place.name not in moved and \
                t.reason.split(": ", 1)[-1].startswith(_WEAK_REASONS) and near(t.place) is None:
            same = [p for p in lookup(t.place.name) if fold(p.name) == fold(t.place.name)]
            for p in sorted(same, key=prior, reverse=True):
                a = near(p)
                if a is not None and p.kind not in WIDE_KINDS:
                    moved[t.place.name] = (p, f"{p.name}, {_country(p, gazetteer)}: in or "
                                              f"near {a.name}, named in \"{a.label}\"; "
                                              f"{t.place.name}, {_country(t.place, gazetteer)}"
                                              " is more prominent")
                    break
        if t.place is not None and t.place.name in moved and t.place.id != moved[
                t.place.name][0].id:
            p, why = moved[t.place.name]
            t = Toponym(t.text, t.start, t.end, t.score, p, why)
        out.append(t)
    return out


def _country(place: Place, gazetteer: Gazetteer) -> str:
    geonames = getattr(gazetteer, "geonames", None)
    names = geonames.country_names() if geonames is not None else {}
    return names.get(place.country_code, place.country_code or "?")


# "the Queen Elizabeth University Hospital in Glasgow", "Kings County Hospital, Brooklyn".
_FACILITY_IN = re.compile(r"\s*,\s*|\s+(?:in|at)\s+(?:the\s+)?")


def facility_toponyms(institutions_: list[Institution], toponyms: list[Toponym],
                      lookup: Callable[[str], Sequence[Place]], text: str = "") -> list[Toponym]:
    """Places for the facilities the recogniser left out ("transferred to St. Cloud
    Hospital": St. Cloud), each the namesake nearest the places resolved in the text
    (the most prominent when none is), as toponyms the proposer can use as sites. A
    facility the text places ("the Queen Elizabeth University Hospital in Glasgow") is
    in that place, whatever it is named for."""
    at = {t.start: t for t in toponyms if t.place is not None}
    known = [t.place for t in toponyms if t.place is not None
             and t.place.kind not in ("country", "continent", "region")]
    taken = [(t.start, t.end) for t in toponyms]
    countries = {t.place.country_code for t in toponyms if t.place is not None}
    out = []
    for a in institutions_:
        if not a.facility or any(s < a.end and a.start < e for s, e in taken):
            continue
        where_in = _FACILITY_IN.match(text, a.start + len(a.label)) if text else None
        host = at.get(where_in.end()) if where_in is not None else None
        if host is not None:
            out.append(Toponym(a.name, a.start, a.end, 0.8, host.place,
                               f"\"{a.label}\": a facility in {host.text}"))
            continue
        # The facility itself, when the gazetteer knows it by its whole name ("Heathrow
        # Airport": not Heathrow, Florida, a village that has the first word as its name).
        whole = [p for p in lookup(a.label) if fold(p.name) == fold(a.label)]
        options = whole or [p for p in lookup(a.name) if p.kind not in WIDE_KINDS]
        # Namesakes written as named, not those that only have it as another name.
        # ("Mercy Memorial Hospital" is in no Mercy-le-Bas.)
        options = whole or [p for p in options if as_main(p.name) == as_main(a.name)]
        named = [p for p in known if p.name == a.name or p.name.startswith(a.name + " ")]

        def gap(p: Place) -> float:
            return min((great_circle((p.lat, p.lon), (k.lat, k.lon)).km for k in known),
                       default=math.inf)

        if named:  # "Westmoreland Hospital" in a story of Westmoreland County
            best = named[0]
        elif not options:
            continue
        else:  # near the text's places, else in its countries, else the most prominent
            near = [p for p in options if gap(p) <= NEAR_ANCHOR_KM]
            home = [p for p in options if p.country_code in countries]
            best = min(near, key=gap) if near else max(home or options, key=prior)
        where = "the facility itself" if whole else f"a facility in {best.name}"
        out.append(Toponym(a.name, a.start, a.end, 0.8, best, f"\"{a.label}\": {where}"))
    return out
