"""The optional online layer, with fake geopy geocoders (never the network)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import warnings
from collections.abc import Iterator

import pytest
from geopy.exc import GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable
from geopy.location import Location

from geo.gazetteer import Gazetteer, load_gazetteer
from geo.gazetteer.online import (
    DEFAULT_USER_AGENT,
    TIMEOUT_SECONDS,
    OnlineGazetteer,
    _adapter_factory,
    online_from_env,
)


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


# --------------------------------------------------------------- a service that never answers


@contextlib.contextmanager
def silent_server() -> Iterator[tuple[int, list[socket.socket]]]:
    """A TCP server on 127.0.0.1 that accepts connections and never answers."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.settimeout(0.05)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            accepted.append(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], accepted
    finally:
        stop.set()
        thread.join(timeout=5)
        for conn in accepted:
            conn.close()
        server.close()


def silent_layer(port: int, tmp_path, budget: float, timeout: float) -> OnlineGazetteer:
    from geopy.geocoders import Nominatim

    geocoder = Nominatim(
        user_agent="test", domain=f"127.0.0.1:{port}", scheme="http",
        adapter_factory=_adapter_factory(),
    )  # fmt: skip
    return OnlineGazetteer(
        geocoder, "nominatim", tmp_path / "c.json", min_delay_seconds=0,
        budget_seconds=budget, timeout_seconds=timeout,
    )  # fmt: skip


def settled(accepted: list) -> int:
    """How many connections the server accepted, once no more are arriving."""
    deadline = time.monotonic() + 3
    seen = -1
    while len(accepted) != seen and time.monotonic() < deadline:
        seen = len(accepted)
        time.sleep(0.2)
    return len(accepted)


def test_env_geocoder_has_a_short_timeout_and_no_retries(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("geo.gazetteer.online.CACHE_DIR", tmp_path)
    layer = online_from_env({"GEO_ONLINE": "nominatim"})
    geocoder = layer._geocode.func.__self__
    assert geocoder.timeout == TIMEOUT_SECONDS <= 5
    session = getattr(geocoder.adapter, "session", None)
    if session is not None:  # requests: urllib3 would retry a connection twice by default
        assert session.get_adapter("https://x").max_retries.total == 0


def test_a_budget_stops_look_ups_on_a_service_that_never_answers(tmp_path) -> None:
    names = [f"Nowhereville {i}" for i in range(6)]
    with silent_server() as (port, accepted):
        layer = silent_layer(port, tmp_path, budget=1.0, timeout=0.4)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with layer.budget() as report:
                assert all(layer.candidates(n) == [] for n in names)
        # 0.4 + 0.4 + 0.2 s at most: three requests, one try each; the rest skipped.
        assert 1 <= report.asked <= 3
        assert report.failed == report.asked
        assert report.skipped == len(names) - report.asked
        assert report.spent and "slow or unreachable" in report.message
        assert settled(accepted) == report.asked  # one connection per request: no retries
        # The failures are remembered: asked again in a new budget, they cost nothing.
        with layer.budget() as again:
            assert layer.candidates(names[0]) == []
        assert (again.asked, again.recent_failures) == (0, 1)
        assert settled(accepted) == report.asked
    # The bound on time is the count of requests (one try each, 0.4 s timeout, at most
    # three within the 1 s budget; the rest skipped), not a wall-clock measure.
    assert not (tmp_path / "c.json").exists()  # failures are not written as answers


def test_failures_expire(tmp_path) -> None:
    with silent_server() as (port, accepted):
        layer = silent_layer(port, tmp_path, budget=5.0, timeout=0.3)
        layer.failure_ttl_seconds = 0.0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            layer.candidates("Nowhereville")
            with layer.budget() as report:
                layer.candidates("Nowhereville")
        assert (report.asked, report.recent_failures) == (1, 0)
        assert settled(accepted) == 2


def test_resolve_with_context_shares_one_budget(tmp_path) -> None:
    """A context full of unknown names costs one budget, not a timeout per name."""
    context = "Qwertzia met Asdfghia and Zxcvbia in Poiuytia, near Lkjhgia and Mnbvcia."
    with silent_server() as (port, accepted):
        layer = silent_layer(port, tmp_path, budget=0.6, timeout=0.3)
        offline = load_gazetteer()
        gaz = Gazetteer(offline.curated, offline.geonames, layer)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with gaz.online_budget() as report:
                assert gaz.resolve("Homs", context=context) is not None
        assert 1 <= report.asked <= 2 and report.skipped >= 1
        assert settled(accepted) == report.asked
    assert Gazetteer(offline.curated, offline.geonames).online is None
    with Gazetteer(offline.curated, offline.geonames).online_budget() as none:
        assert none is None


def test_online_places_can_be_fetched_back_by_id(tmp_path) -> None:
    layer = OnlineGazetteer(FakeGeocoder(), "nominatim", tmp_path / "c.json", 0)
    offline = load_gazetteer()
    gaz = Gazetteer(offline.curated, offline.geonames, layer)
    place = gaz.resolve("Xyzzyqwv").place
    assert gaz.get(place.id) == place
    assert gaz.get("online:nominatim:node999") is None
    assert Gazetteer(offline.curated, offline.geonames).get(place.id) is None
