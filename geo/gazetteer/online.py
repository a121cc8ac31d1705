"""Optional online layer: any geopy geocoder, off unless ``GEO_ONLINE`` names one.

``GEO_ONLINE=nominatim`` asks OpenStreetMap's Nominatim for names the offline
layers do not know. Its usage policy is respected: at most one request per second
(geopy's RateLimiter), a real User-Agent (``GEO_USER_AGENT`` to set your own), and
answers cached on disk so the same name is never asked twice. Any failure (timeout,
refusal, no network) is a warning and an empty answer: the offline layers stand.

A network that accepts connections and never answers must not hold a reader for
minutes, so the time online is bounded three ways: a short timeout per request and no
retries (:data:`TIMEOUT_SECONDS`); a budget per document or call (:meth:`budget`,
opened by :meth:`geo.gazetteer.Gazetteer.resolve` and the geoparser): once it is spent,
further names are not asked; and failures remembered for :data:`FAILURE_TTL_SECONDS`
(not on disk), so a name that failed is not asked again at once. What happened is
counted in an :class:`OnlineReport`, for the page to say that look-ups were slow or
skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.distance import km_between
from geo.gazetteer.geonames import CACHE_DIR
from geo.gazetteer.types import Place

if TYPE_CHECKING:
    from geopy.geocoders.base import Geocoder

# geopy is imported where it is used: importing it costs ~70 ms of the gazetteer's
# start-up, and the online layer is off by default.

ENV_SERVICE = "GEO_ONLINE"
ENV_USER_AGENT = "GEO_USER_AGENT"
DEFAULT_USER_AGENT = "qusayr-map/0.1 (news event map; offline-first geocoding)"
MIN_DELAY_SECONDS = 1.0  # Nominatim's policy: an absolute maximum of 1 request per second
TIMEOUT_SECONDS = 3.0  # one request; Nominatim answers in well under a second
BUDGET_SECONDS = 10.0  # time online one document (or one look-up) may spend at most
FAILURE_TTL_SECONDS = 600.0  # a name whose look-up failed is not asked again for this long
MAX_FAILURES_KEPT = 10_000  # names remembered as failed (oldest forgotten first)


@dataclass
class OnlineReport:
    """What the online layer did within one budget: for a page to say it was slow.

    ``asked``: requests sent; ``failed``: of those, failures (timeout, refusal, no
    network); ``skipped``: names not asked because the budget was spent;
    ``recent_failures``: names not asked because they failed a short while ago.
    """

    provider: str
    budget_seconds: float
    asked: int = 0
    failed: int = 0
    skipped: int = 0
    recent_failures: int = 0
    seconds: float = 0.0  # time spent waiting for the service

    @property
    def spent(self) -> bool:
        return self.seconds >= self.budget_seconds

    @property
    def message(self) -> str | None:
        """One line for the reader when the online look-up was slow or skipped; else None."""
        if not (self.failed or self.skipped or self.recent_failures):
            return None
        parts = []
        if self.failed:
            parts.append(f"{self.failed} of {self.asked} look-ups failed or timed out")
        if self.skipped:
            parts.append(f"{self.skipped} names were not looked up (time budget spent)")
        if self.recent_failures:
            parts.append(f"{self.recent_failures} names failed a short while ago and were skipped")
        return (
            f"Online look-up ({self.provider}) is slow or unreachable: "
            f"{'; '.join(parts)}. Places are from the offline gazetteer."
        )


class OnlineGazetteer:
    """A geopy geocoder as a gazetteer layer: rate-limited, disk-cached, never raising."""

    def __init__(
        self,
        geocoder: Geocoder,
        provider: str,
        cache_path: Path | None = None,
        min_delay_seconds: float = MIN_DELAY_SECONDS,
        budget_seconds: float = BUDGET_SECONDS,
        failure_ttl_seconds: float = FAILURE_TTL_SECONDS,
        timeout_seconds: float = TIMEOUT_SECONDS,
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        self.provider = provider
        self.budget_seconds = budget_seconds
        self.failure_ttl_seconds = failure_ttl_seconds
        self.timeout_seconds = timeout_seconds
        self._budgets = threading.local()  # the budget open in this thread, if any
        self._failed: dict[str, float] = {}  # key -> monotonic time the failure expires
        self._geocode = RateLimiter(
            geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=0,
            swallow_exceptions=False,
        )  # fmt: skip
        self.cache_path = cache_path or CACHE_DIR / f"online-{provider}.json"
        self._lock = threading.Lock()
        self._cache: dict[str, list[dict[str, Any]]] = self._read_cache()

    @contextlib.contextmanager
    def budget(self, seconds: float | None = None) -> Iterator[OnlineReport]:
        """Bound the time the look-ups inside spend online (this thread); count them.

        Budgets do not nest: inside an open one, the outer budget (and its report)
        stays in force, so a document's look-ups share one budget whatever asks them.
        """
        current = getattr(self._budgets, "report", None)
        if current is not None:
            yield current
            return
        report = OnlineReport(self.provider, self.budget_seconds if seconds is None else seconds)
        self._budgets.report = report
        try:
            yield report
        finally:
            self._budgets.report = None

    def candidates(self, name: str, country: str | None = None) -> list[Place]:
        """Places the provider knows by this name; [] (with a warning) when it fails."""
        key = f"{name.strip().casefold()}|{(country or '').upper()}"
        with self._lock:
            cached = self._cache.get(key)
        if cached is None:
            with self.budget() as report:
                found = self._ask(name, country, key, report)
            if found is None:
                return []
            cached = [_record(loc) for loc in found]
            with self._lock:
                self._cache[key] = cached
                self._write_cache()
        return [self._place(rec) for rec in cached]

    def _ask(self, name: str, country: str | None, key: str, report: OnlineReport) -> list | None:
        """The service's answer, or None: failed, failed lately, or the budget is spent."""
        from geopy.exc import GeopyError

        now = time.monotonic()
        with self._lock:
            expires = self._failed.get(key)
        if expires is not None and now < expires:
            report.recent_failures += 1
            return None
        remaining = report.budget_seconds - report.seconds
        if remaining <= 0:
            report.skipped += 1
            return None
        kwargs: dict[str, Any] = {
            "exactly_one": False, "timeout": min(self.timeout_seconds, remaining),
        }  # fmt: skip
        if country and self.provider == "nominatim":
            kwargs["country_codes"] = country.lower()
        report.asked += 1
        try:
            return self._geocode(name, **kwargs) or []
        except (GeopyError, OSError, ValueError) as exc:
            report.failed += 1
            with self._lock:
                if len(self._failed) >= MAX_FAILURES_KEPT:
                    self._failed.pop(next(iter(self._failed)))
                self._failed[key] = time.monotonic() + self.failure_ttl_seconds
            warnings.warn(
                f"online geocoder {self.provider} failed for {name!r} ({exc}); "
                "answering from the offline gazetteer",
                stacklevel=3,
            )
            return None
        finally:
            report.seconds += time.monotonic() - now

    def get(self, place_id: str) -> Place | None:
        """A place this layer returned (it is in the answers' cache), by its id."""
        prefix = f"online:{self.provider}:"
        if not place_id.startswith(prefix):
            return None
        wanted = place_id[len(prefix) :]
        with self._lock:
            records = [rec for recs in self._cache.values() for rec in recs]
        return next((self._place(r) for r in records if str(r["key"]) == wanted), None)

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
    return round(max(km_between((south, west), (north, east)) / 2, 0.1), 2)


def _adapter_factory():
    """geopy's default HTTP adapter, without retries."""
    import functools

    from geopy.adapters import RequestsAdapter, URLLibAdapter

    if RequestsAdapter.is_available:
        return functools.partial(RequestsAdapter, max_retries=0)
    return URLLibAdapter


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
        # One try per request: geopy's default adapter retries a connection twice, which
        # made each name cost three timeouts on a network that never answers.
        geocoder = cls(
            user_agent=user_agent, timeout=TIMEOUT_SECONDS, adapter_factory=_adapter_factory()
        )
    except (GeopyError, TypeError, ValueError) as exc:  # e.g. a provider needing an API key
        warnings.warn(f"{ENV_SERVICE}={service!r}: {exc}; online layer off", stacklevel=2)
        return None
    return OnlineGazetteer(geocoder, service)
