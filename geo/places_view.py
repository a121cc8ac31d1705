"""The Places page's content: the gazetteer entries an article uses, and its distance claims.

Two questions a reader of the map asks about places: where did each point come from
(coordinates, how precise, which source, which spellings of the article matched it), and
does the map agree with what the article says about distances ("only some 10 kilometers
from the frontier"). The measuring itself is ``geo.distance``'s; this module finds the
claims in the text and turns a measured distance into a verdict a reader can check.

Pure functions; no streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from geo.highlight import name_pattern

PLACE_COLUMNS = [
    "id",
    "name",
    "kind",
    "country_code",
    "lat",
    "lon",
    "precision_km",
    "population",
    "source",
    "geonames_id",
    "spellings_matched",
    "aliases",
    "events",
]


class PlaceLike(Protocol):
    """The fields of ``geo.gazetteer.Place`` this module reads."""

    id: str
    name: str
    kind: str
    country_code: str
    lat: float
    lon: float
    precision_km: float
    population: int | None
    source: str
    geonames_id: int | None
    aliases: tuple[str, ...]


def spellings_in_text(text: str, spellings: Iterable[str]) -> list[str]:
    """The spellings that occur in ``text`` as whole words (case-sensitive), longest first.

    A spelling found only inside a longer one ("Qusayr" inside "Al-Qusayr") still counts
    only if it also occurs on its own, so the list says which spellings the article
    really uses.
    """
    unique = list(dict.fromkeys(s for s in spellings if s and s.strip()))
    pattern = name_pattern(unique)
    if pattern is None:
        return []
    found = {" ".join(m.group(0).split()) for m in pattern.finditer(text)}
    matched = [s for s in unique if " ".join(s.split()) in found]
    return sorted(matched, key=lambda s: (-len(s), s))


def places_frame(
    places: Iterable[PlaceLike], text: str, event_counts: Mapping[str, int] | None = None
) -> pd.DataFrame:
    """One row per place: where it is, how sure, from where, and how the article spells it.

    ``event_counts`` maps place id to the number of events located there. Columns are
    ``PLACE_COLUMNS``; ``spellings_matched`` and ``aliases`` are joined with "; ".
    """
    event_counts = event_counts or {}
    rows = []
    for place in places:
        spellings = (place.name, *place.aliases)
        rows.append(
            {
                "id": place.id,
                "name": place.name,
                "kind": place.kind,
                "country_code": place.country_code,
                "lat": float(place.lat),
                "lon": float(place.lon),
                "precision_km": float(place.precision_km),
                "population": place.population,
                "source": place.source,
                "geonames_id": place.geonames_id,
                "spellings_matched": "; ".join(spellings_in_text(text, spellings)),
                "aliases": "; ".join(place.aliases),
                "events": int(event_counts.get(place.id, 0)),
            }
        )
    frame = pd.DataFrame(rows, columns=PLACE_COLUMNS)
    frame["population"] = frame["population"].astype("Int64")
    frame["geonames_id"] = frame["geonames_id"].astype("Int64")
    frame["events"] = frame["events"].astype("int64")
    return frame.sort_values(["events", "name"], ascending=[False, True], ignore_index=True)


@dataclass(frozen=True)
class DistanceClaim:
    """A distance the article states: "only some 10 kilometers from the frontier"."""

    phrase: str  # as written
    start: int  # offsets of the phrase in the text
    end: int
    claimed_km: float
    hedged: bool  # "some", "about", "around", ... : a round figure, not a measurement
    target: str  # what the distance is to, as written ("the frontier")


_HEDGES = ("some", "about", "around", "roughly", "approximately", "nearly", "almost")
_UNITS_KM = {"kilometers": 1.0, "kilometres": 1.0, "km": 1.0, "miles": 1.609344, "mile": 1.609344}
_CLAIM = re.compile(
    r"(?P<lead>(?:(?:only|just|barely)\s+)?(?:(?P<hedge>" + "|".join(_HEDGES) + r")\s+)?)"
    r"(?<!\d)(?P<value>\d++(?:[.,]\d++)?)\s*(?:-\s*)?"  # a number read once, not per digit
    r"(?P<unit>kilometers|kilometres|km|miles|mile)\s+"
    r"(?:away\s+)?(?:from|of)\s+(?P<target>(?:the\s+)?[\w-]+(?-i:\s+[A-Z][\w-]+)*)",
    re.IGNORECASE,
)


def find_distance_claims(text: str) -> list[DistanceClaim]:
    """Statements of the form "<number> kilometers/miles from <something>" in ``text``."""
    claims = []
    for m in _CLAIM.finditer(text):
        factor = _UNITS_KM[m.group("unit").lower()]
        value = float(m.group("value").replace(",", "."))
        claims.append(
            DistanceClaim(
                phrase=m.group(0),
                start=m.start(),
                end=m.end(),
                claimed_km=value * factor,
                hedged=m.group("hedge") is not None,
                target=m.group("target"),
            )
        )
    return claims


@dataclass(frozen=True)
class ClaimCheck:
    """A claim set against a measurement, with the margin allowed and the verdict."""

    claim: DistanceClaim
    measured_km: float
    tolerance_km: float  # how far the measurement may be from the claim and still agree
    verdict: str  # "consistent", "overstated" (farther than measured), "understated"
    explanation: str


HEDGED_FRACTION = 0.3  # "some 10 km": a round figure, read as 7..13 km
PLAIN_FRACTION = 0.1  # "10 km": read as rounded to the nearest unit or so


def judge_distance(
    claim: DistanceClaim, measured_km: float, uncertainty_km: float = 0.0
) -> ClaimCheck:
    """Does ``measured_km`` agree with the claim?

    The margin is a share of the claimed figure (30 % for a hedged round figure, 10 %
    otherwise) plus ``uncertainty_km``, how far the place's point may be from the true
    spot (its gazetteer precision): a town's centre point can be off by its own size.
    """
    fraction = HEDGED_FRACTION if claim.hedged else PLAIN_FRACTION
    tolerance = claim.claimed_km * fraction + max(0.0, uncertainty_km)
    diff = claim.claimed_km - measured_km
    if abs(diff) <= tolerance:
        verdict = "consistent"
        how = "within"
    elif diff > 0:
        verdict = "overstated"
        how = "more than"
    else:
        verdict = "understated"
        how = "more than"
    explanation = (
        f"The article says {claim.claimed_km:g} km; measured {measured_km:.1f} km, "
        f"{abs(diff):.1f} km {'more' if diff < 0 else 'less'}, {how} the "
        f"{tolerance:.1f} km allowed ({fraction:.0%} of the claim"
        + (f" + {uncertainty_km:g} km point precision)." if uncertainty_km > 0 else ").")
    )
    return ClaimCheck(claim, float(measured_km), tolerance, verdict, explanation)
