"""The offline gazetteer behind geopy's interface, so providers can be swapped by name.

``OfflineGeocoder().geocode("Qusair")`` returns a :class:`geopy.location.Location`
like any geopy provider; its ``.raw`` dict carries our fields (id, kind, precision,
source, reason, alternatives). :func:`geocoder_for` gives either this geocoder or
any of geopy's own (``"nominatim"``, ``"photon"``, ...) from a name.
"""

from __future__ import annotations

from typing import Any

from geopy.geocoders import get_geocoder_for_service
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.gazetteer import Gazetteer, Place, Resolution, load_gazetteer

OFFLINE_NAMES = frozenset({"offline", "gazetteer", "geo"})


def place_dict(place: Place) -> dict[str, Any]:
    """A place as plain JSON-ready values."""
    return {
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "country_code": place.country_code,
        "lat": place.lat,
        "lon": place.lon,
        "precision_km": place.precision_km,
        "population": place.population,
        "source": place.source,
        "geonames_id": place.geonames_id,
    }


def resolution_dict(res: Resolution, max_alternatives: int = 10) -> dict[str, Any]:
    """A resolution as plain JSON-ready values (what ``geocode --json`` prints)."""
    return {
        "query": res.query,
        **place_dict(res.place),
        "score": res.score,
        "reason": res.reason,
        "alternatives": [
            {
                "id": c.place.id,
                "name": c.place.name,
                "kind": c.place.kind,
                "country_code": c.place.country_code,
                "lat": c.place.lat,
                "lon": c.place.lon,
                "score": c.score,
            }
            for c in res.alternatives[:max_alternatives]
        ],
    }


class OfflineGeocoder(Geocoder):
    """A geopy geocoder answered by our offline gazetteer (no network, ever)."""

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        context: str | None = None,
        country_codes: str | None = None,
        **_ignored: Any,
    ) -> Location | list[Location] | None:
        """Like any geopy ``geocode``: a Location (or a list), None when unknown.

        ``context`` (the text around the mention) and ``country_codes`` (ISO alpha-2,
        the name geopy's Nominatim uses) steer the choice among places of one name.
        """
        res = self.gazetteer.resolve(query, context=context, country=country_codes)
        if res is None:
            return None
        best = _location(res.place, {**resolution_dict(res), "provider": "offline"})
        if exactly_one:
            return best
        others = [
            _location(c.place, {**place_dict(c.place), "score": c.score, "provider": "offline"})
            for c in res.alternatives
        ]
        return [best, *others]

    def reverse(self, query: Any, *, exactly_one: bool = True, **kwargs: Any) -> None:
        raise NotImplementedError("the offline gazetteer only geocodes names")


def _location(place: Place, raw: dict[str, Any]) -> Location:
    address = place.name if not place.country_code else f"{place.name}, {place.country_code}"
    return Location(address, (place.lat, place.lon, 0.0), raw)


def geocoder_for(service: str, **kwargs: Any) -> Geocoder:
    """Our offline geocoder for "offline", else geopy's provider of that name.

    ``geocoder_for("nominatim", user_agent="...")`` is geopy's Nominatim: the rest of
    the code only sees the geopy interface, so providers swap without other changes.
    """
    if service.lower() in OFFLINE_NAMES:
        return OfflineGeocoder(**kwargs)
    return get_geocoder_for_service(service)(**kwargs)
