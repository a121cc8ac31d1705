"""The offline gazetteer behind geopy's Geocoder interface."""

from __future__ import annotations

from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.gazetteer.geocoder import OfflineGeocoder, geocoder_for


def test_is_a_geopy_geocoder_returning_locations() -> None:
    geocoder = OfflineGeocoder()
    assert isinstance(geocoder, Geocoder)
    loc = geocoder.geocode("Qusair")
    assert isinstance(loc, Location)
    assert (round(loc.latitude, 2), round(loc.longitude, 2)) == (34.51, 36.58)
    assert loc.raw["id"] == "qusayr"
    assert loc.raw["precision_km"] > 0 and loc.raw["reason"] and loc.raw["source"]


def test_exactly_one_false_lists_alternatives() -> None:
    locs = OfflineGeocoder().geocode("Tripoli", exactly_one=False, context="Lebanon, Lebanon")
    assert isinstance(locs, list) and len(locs) >= 2
    assert {loc.raw["country_code"] for loc in locs} >= {"LB", "LY"}
    assert locs[0].raw["country_code"] == "LB"


def test_unknown_is_none_like_geopy() -> None:
    assert OfflineGeocoder().geocode("Xyzzyqwv") is None


def test_country_codes_like_nominatim() -> None:
    assert OfflineGeocoder().geocode("Tripoli", country_codes="LY").raw["country_code"] == "LY"


def test_swap_providers_by_name() -> None:
    assert isinstance(geocoder_for("offline"), OfflineGeocoder)
    assert isinstance(geocoder_for("nominatim", user_agent="test"), Nominatim)
