"""The optional online layer, with fake geopy geocoders (never the network)."""

from __future__ import annotations

import warnings

import pytest
from geopy.exc import GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable
from geopy.location import Location

from geo.gazetteer import Gazetteer, load_gazetteer
from geo.gazetteer.online import DEFAULT_USER_AGENT, OnlineGazetteer, online_from_env


class FakeGeocoder:
    """Answers like geopy's Nominatim, counts calls, fails on demand."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.calls: list[tuple[str, dict]] = []
        self.fail = fail

    def geocode(self, query: str, **kwargs):
        self.calls.append((query, kwargs))
        if self.fail is not None:
            raise self.fail
        raw = {
            "osm_type": "node",
            "osm_id": 42,
            "addresstype": "village",
            "address": {"country_code": "sy"},
            "boundingbox": ["34.60", "34.61", "36.64", "36.65"],
        }
        return [Location("Tell Nebi Mend, Homs, Syria", (34.56, 36.53, 0.0), raw)]


def test_off_by_default() -> None:
    assert online_from_env({}) is None
    assert online_from_env({"GEO_ONLINE": "off"}) is None


def test_env_names_a_geopy_provider(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("geo.gazetteer.online.CACHE_DIR", tmp_path)
    layer = online_from_env({"GEO_ONLINE": "nominatim"})
    assert layer is not None and layer.provider == "nominatim"
    assert layer._geocode.min_delay_seconds >= 1.0  # Nominatim's policy
    assert layer._geocode.func.__self__.headers["User-Agent"] == DEFAULT_USER_AGENT


def test_unknown_provider_is_a_warning_not_a_crash() -> None:
    with pytest.warns(UserWarning, match="online layer off"):
        assert online_from_env({"GEO_ONLINE": "no-such-service"}) is None


def test_results_become_places_and_are_cached_on_disk(tmp_path) -> None:
    fake = FakeGeocoder()
    cache = tmp_path / "online.json"
    layer = OnlineGazetteer(fake, "nominatim", cache_path=cache, min_delay_seconds=0)
    places = layer.candidates("Tell Nebi Mend", country="SY")
    assert places[0].id == "online:nominatim:node42"
    assert (places[0].lat, places[0].lon, places[0].country_code) == (34.56, 36.53, "SY")
    assert 0 < places[0].precision_km < 5
    assert fake.calls[0][1]["country_codes"] == "sy"
    layer.candidates("Tell Nebi Mend", country="SY")
    assert len(fake.calls) == 1  # second answer from the cache
    again = OnlineGazetteer(FakeGeocoder(), "nominatim", cache_path=cache, min_delay_seconds=0)
    assert again.candidates("Tell Nebi Mend", country="SY") == places  # from disk


@pytest.mark.parametrize(
    "error",
    [GeocoderTimedOut("timed out"), GeocoderServiceError("403"), GeocoderUnavailable("no net")],
)
def test_failures_fall_back_to_offline_with_a_warning(tmp_path, error) -> None:
    fake = FakeGeocoder(fail=error)
    layer = OnlineGazetteer(fake, "nominatim", cache_path=tmp_path / "c.json", min_delay_seconds=0)
    offline = load_gazetteer()
    gaz = Gazetteer(offline.curated, offline.geonames, layer)
    with pytest.warns(UserWarning, match="offline gazetteer"):
        assert gaz.resolve("Xyzzyqwv") is None  # unknown offline; online failed: no crash
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # known offline: the online layer is not asked
        assert gaz.resolve("Qusair").place.id == "qusayr"
    assert [q for q, _ in fake.calls] == ["Xyzzyqwv"]


def test_online_answers_names_the_offline_layers_lack(tmp_path) -> None:
    layer = OnlineGazetteer(FakeGeocoder(), "nominatim", tmp_path / "c.json", 0)
    offline = load_gazetteer()
    gaz = Gazetteer(offline.curated, offline.geonames, layer)
    res = gaz.resolve("Xyzzyqwv")
    assert res is not None and res.place.source == "nominatim (online)"
