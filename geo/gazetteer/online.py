"""Optional online layer: any geopy geocoder, off unless ``GEO_ONLINE`` names one.

``GEO_ONLINE=nominatim`` asks OpenStreetMap's Nominatim for names the offline
layers do not know. Its usage policy is respected: at most one request per second
(geopy's RateLimiter), a real User-Agent (``GEO_USER_AGENT`` to set your own), and
answers cached on disk so the same name is never asked twice. Any failure (timeout,
refusal, no network) is a warning and an empty answer: the offline layers stand.
"""

from __future__ import annotations

import json
import os
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.gazetteer import Place
from geo.gazetteer.geonames import CACHE_DIR

if TYPE_CHECKING:
    from geopy.geocoders.base import Geocoder

# geopy is imported where it is used: importing it costs ~70 ms of the gazetteer's
# start-up, and the online layer is off by default.

ENV_SERVICE = "GEO_ONLINE"
ENV_USER_AGENT = "GEO_USER_AGENT"
DEFAULT_USER_AGENT = "qusayr-map/0.1 (news event map; offline-first geocoding)"
MIN_DELAY_SECONDS = 1.0  # Nominatim's policy: an absolute maximum of 1 request per second


class OnlineGazetteer:
    """A geopy geocoder as a gazetteer layer: rate-limited, disk-cached, never raising."""

    def __init__(
        self,
        geocoder: Geocoder,
        provider: str,
        cache_path: Path | None = None,
        min_delay_seconds: float = MIN_DELAY_SECONDS,
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        self.provider = provider
        self._geocode = RateLimiter(
            geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=0,
            swallow_exceptions=False,
        )  # fmt: skip
        self.cache_path = cache_path or CACHE_DIR / f"online-{provider}.json"
        self._lock = threading.Lock()
        self._cache: dict[str, list[dict[str, Any]]] = self._read_cache()

    def candidates(self, name: str, country: str | None = None) -> list[Place]:
        """Places the provider knows by this name; [] (with a warning) when it fails."""
        key = f"{name.strip().casefold()}|{(country or '').upper()}"
        with self._lock:
            cached = self._cache.get(key)
        if cached is None:
            from geopy.exc import GeopyError

            kwargs: dict[str, Any] = {"exactly_one": False}
            if country and self.provider == "nominatim":
                kwargs["country_codes"] = country.lower()
            try:
                found = self._geocode(name, **kwargs) or []
            except (GeopyError, OSError, ValueError) as exc:
                warnings.warn(
                    f"online geocoder {self.provider} failed for {name!r} ({exc}); "
                    "answering from the offline gazetteer",
                    stacklevel=2,
                )
                return []
            cached = [_record(loc) for loc in found]
            with self._lock:
                self._cache[key] = cached
                self._write_cache()
        return [self._place(rec) for rec in cached]

    def _place(self, rec: dict[str, Any]) -> Place:
        return Place(
            id=f"online:{self.provider}:{rec['key']}",
            name=rec["name"],
            kind=rec.get("kind") or "place",
            country_code=rec.get("country_code", ""),
            lat=rec["lat"],
            lon=rec["lon"],
            precision_km=rec.get("precision_km", 5.0),
            population=None,
            source=f"{self.provider} (online)",
            geonames_id=None,
            aliases=(),
        )

    def _read_cache(self) -> dict[str, list[dict[str, Any]]]:
        try:
            return json.loads(self.cache_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _write_cache(self) -> None:
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_text(json.dumps(self._cache, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.cache_path)
        except OSError as exc:
            warnings.warn(f"could not write {self.cache_path}: {exc}", stacklevel=2)


def _record(location: Any) -> dict[str, Any]:
    """What we keep of a geopy Location: enough to rebuild a Place from the cache."""
    raw = location.raw if isinstance(location.raw, dict) else {}
    key = raw.get("osm_id") or raw.get("place_id") or f"{location.latitude},{location.longitude}"
    address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    return {
        "key": f"{raw.get('osm_type', '')}{key}",
        "name": str(location.address).split(",")[0].strip() or str(location.address),
        "kind": raw.get("addresstype") or raw.get("type") or "place",
        "country_code": str(address.get("country_code", "")).upper(),
        "lat": float(location.latitude),
        "lon": float(location.longitude),
        "precision_km": _bbox_radius_km(raw.get("boundingbox")),
    }


def _bbox_radius_km(bbox: Any) -> float:
    """Half the diagonal of Nominatim's bounding box [south, north, west, east], in km."""
    try:
        south, north, west, east = (float(v) for v in bbox)
    except (TypeError, ValueError):
        return 5.0
    from geopy.distance import great_circle

    return round(max(great_circle((south, west), (north, east)).km / 2, 0.1), 2)


def online_from_env(environ: dict[str, str] | None = None) -> OnlineGazetteer | None:
    """The online layer named by ``GEO_ONLINE`` (e.g. ``nominatim``), or None (default)."""
    env = os.environ if environ is None else environ
    service = env.get(ENV_SERVICE, "").strip().lower()
    if not service or service in ("0", "off", "no", "false"):
        return None
    from geopy.exc import GeopyError
    from geopy.geocoders import get_geocoder_for_service

    try:
        cls = get_geocoder_for_service(service)
    except GeopyError as exc:
        warnings.warn(f"{ENV_SERVICE}={service!r}: {exc}; online layer off", stacklevel=2)
        return None
    user_agent = env.get(ENV_USER_AGENT) or DEFAULT_USER_AGENT
    try:
        geocoder = cls(user_agent=user_agent, timeout=10)
    except (GeopyError, TypeError, ValueError) as exc:  # e.g. a provider needing an API key
        warnings.warn(f"{ENV_SERVICE}={service!r}: {exc}; online layer off", stacklevel=2)
        return None
    return OnlineGazetteer(geocoder, service)
