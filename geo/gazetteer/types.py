"""The gazetteer's value types: a place, a ranked candidate, a resolution.

Their own module so that imports point one way: every layer (curated, GeoNames, online),
the ranking (``context``, ``document``, ``qualified``) and every caller import these
from here, and the package (:class:`geo.gazetteer.Gazetteer`) imports the layers. The
package re-exports them: ``from geo.gazetteer import Place`` keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEMONYM_KINDS = frozenset({"country", "state", "admin1", "continent"})  # what a demonym names
INDEXED_PREFIXES = ("geonames:", "area:", "airport:")  # ids of places from the GeoNames index
ONLINE_PREFIX = "online:"  # ids of places an online geocoder gave ("online:<provider>:<key>")


@dataclass(frozen=True)
class Place:
    """One place on the map, with how far the true spot may be from the point."""

    id: str  # curated id ("qusayr") or "geonames:<id>" or "online:<provider>:<key>"
    name: str  # display name ("Al-Qusayr")
    kind: str  # city, town, village, suburb, district, governorate, country, ...
    country_code: str  # ISO 3166-1 alpha-2 ("SY"); "" when unknown
    lat: float
    lon: float
    precision_km: float  # how far the true spot may be from the point
    population: int | None
    source: str  # "geonames:170017" or a reference
    geonames_id: int | None
    aliases: tuple[str, ...] = field(default=())

    @property
    def indexed(self) -> bool:
        """From the GeoNames index (its spellings are asked of the index, not ``aliases``)."""
        return layer_of(self.id) == "indexed"

    @property
    def curated(self) -> bool:
        """From ``data/gazetteer.csv``: checked by hand, with the spellings seen in news."""
        return layer_of(self.id) == "curated"


def layer_of(place_id: str) -> str:
    """Which layer holds the place with this id: "curated", "indexed" or "online".

    The one rule for where an id comes from: :class:`Place` asks it, and
    :meth:`Gazetteer.get` asks that layer, so every id a layer hands out can be
    fetched back (an ``area:`` id as well as a ``geonames:`` one).
    """
    if place_id.startswith(INDEXED_PREFIXES):
        return "indexed"
    if place_id.startswith(ONLINE_PREFIX):
        return "online"
    return "curated"


@dataclass(frozen=True)
class Candidate:
    """A place that a name may mean, with the ranking score it got."""

    place: Place
    score: float


@dataclass(frozen=True)
class Resolution:
    """The chosen place for a name, the runners-up and one checkable line of why."""

    query: str
    place: Place
    score: float
    reason: str  # one line a reader can check
    alternatives: tuple[Candidate, ...]
