"""A name typed with what it lies in: "Tripoli, Lebanon", "Homs, SY", "Crown Heights, Brooklyn".

A reader (the Your article page's place chooser, ``python -m geo geocode``) narrows a
name by writing after a comma the country (its name or ISO code), a first-level area
(state, province, governorate) or, for a neighbourhood, its city. The qualifier is a
filter, not a hint: only the places of the name that lie in it are ranked (in the
article's context, as usual); when none does, the reader is told which part was not
found (:func:`unknown_message`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from geo.distance import km_matrix
from geo.gazetteer.context import rank
from geo.gazetteer.document import admin1_of
from geo.gazetteer.types import Place, Resolution

if TYPE_CHECKING:
    from geo.gazetteer import Gazetteer

# Areas a place lies in by its first-level code; other areas (second-level ones, curated
# districts) by distance: within their radius.
ADMIN1_KINDS = frozenset({"state", "admin1"})
CITY_REACH_KM = 25.0  # a neighbourhood lies this far from its city's point at most ...
CITY_REACH_RADII = 3.0  # ... or this many times the city's radius (a large city)


def split(text: str) -> tuple[str, str] | None:
    """("Tripoli", "Lebanon") for "Tripoli, Lebanon"; None without a comma or a part."""
    name, comma, qualifier = text.rpartition(",")
    name, qualifier = " ".join(name.split()), " ".join(qualifier.split())
    if not comma or not name or not qualifier:
        return None
    return name, qualifier


def qualifier_places(gazetteer: Gazetteer, qualifier: str) -> list[Place]:
    """What the qualifier may name: countries (by name or ISO code), areas and cities."""
    found = gazetteer.candidates(qualifier, online=False)
    code = qualifier.upper()
    if len(code) == 2 and code.isalpha() and code not in {p.country_code for p in found}:
        geonames = gazetteer.geonames
        if geonames is not None and code in geonames.country_names():
            found += [
                p for p in gazetteer.candidates(geonames.country_names()[code], online=False)
                if p.kind == "country" and p.country_code == code
            ]  # fmt: skip
    return found


def lies_in(place: Place, area: Place, gazetteer: Gazetteer) -> bool:
    """Whether ``place`` lies in ``area`` (a country, a first-level area, another area, a city)."""
    if place.id == area.id or (place.geonames_id and place.geonames_id == area.geonames_id):
        return False
    if area.kind == "continent":
        return False  # a continent narrows nothing a reader needs narrowed
    if area.country_code and place.country_code != area.country_code:
        return False
    if area.kind == "country":
        return True
    if area.kind in ADMIN1_KINDS:
        mine, theirs = admin1_of(place, gazetteer), admin1_of(area, gazetteer)
        if mine and theirs:
            return mine == theirs
    km = float(km_matrix([place], [area])[0, 0])
    if area.kind in ADMIN1_KINDS or area.kind in _AREA_LIKE:
        return km <= area.precision_km
    return km <= max(CITY_REACH_KM, CITY_REACH_RADII * area.precision_km)


_AREA_LIKE = frozenset({"admin2", "county", "governorate", "province", "region", "district"})


def resolve(
    gazetteer: Gazetteer,
    text: str,
    context: str | None = None,
    country: str | None = None,
    near: tuple[Place, ...] | list[Place] = (),
) -> Resolution | None:
    """The best place of the name that lies in the qualifier, or None.

    The reason says which qualifier it was narrowed by.
    """
    parts = split(text)
    if parts is None:
        return None
    name, qualifier = parts
    areas = qualifier_places(gazetteer, qualifier)
    if not areas:
        return None
    places, _ = gazetteer.places_for(name, country=country)
    inside = [p for p in places if any(lies_in(p, a, gazetteer) for a in areas)]
    if not inside:
        return None
    res = rank(name, inside, context=context, near=tuple(near), gazetteer=gazetteer)
    where = next(a for a in areas if lies_in(res.place, a, gazetteer))
    narrowed = f"in {where.name} as typed ({where.kind}); {len(inside)} of {len(places)} " \
        f"places called {name!r} lie there"
    return replace(res, query=text, reason=f"{narrowed}; {res.reason}")


def unknown_message(gazetteer: Gazetteer, text: str, country: str | None = None) -> str:
    """Why ``text`` resolves to nothing, in words a reader can act on."""
    where = f" in {country}" if country else ""
    parts = split(text)
    if parts is None:
        return (
            f"no place called {text!r}{where} in the gazetteer: check the spelling, or add "
            "the country (\"Tripoli, Lebanon\")"
        )
    name, qualifier = parts
    if not qualifier_places(gazetteer, qualifier):
        return (
            f"no country, state, province or city called {qualifier!r} in the gazetteer: "
            f"after the comma, write what {name!r} lies in (\"Tripoli, Lebanon\", "
            "\"Homs, SY\")"
        )
    places, _ = gazetteer.places_for(name, country=country)
    if not places:
        return f"no place called {name!r}{where} in the gazetteer (looked for in {qualifier})"
    known = ", ".join(sorted({f"{p.name} ({p.country_code or '-'})" for p in places})[:5])
    return f"no place called {name!r} lies in {qualifier}; the gazetteer knows {known}"
