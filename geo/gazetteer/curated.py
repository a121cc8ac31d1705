"""The curated layer: ``data/gazetteer.csv``, the article's places checked by hand.

Each row carries the spellings seen in the article and the usual transliterations
(``aliases``, separated by ``|``) and the reference its coordinates were checked
against (``source``; see data/README.md, section Gazetteer).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from geo import DATA_DIR
from geo.gazetteer.normalize import name_key
from geo.gazetteer.types import Place

CSV_PATH = DATA_DIR / "gazetteer.csv"
# Landmarks, oceans and world regions news names (the White House, Heathrow, the
# Atlantic): GeoNames' populated places have only their namesakes (a Heathrow in Florida,
# Casablanca by its Spanish meaning). Same columns; read with the seed's table.
FEATURES_PATH = DATA_DIR / "features.csv"
COLUMNS = (
    "id",
    "name",
    "kind",
    "country_code",
    "lat",
    "lon",
    "precision_km",
    "population",
    "geonames_id",
    "aliases",
    "source",
)


class CuratedGazetteer:
    """Curated places by id and by normalised name."""

    def __init__(self, places: list[Place]) -> None:
        self._by_id: dict[str, Place] = {}
        self._by_key: dict[str, list[Place]] = defaultdict(list)
        for place in places:
            if place.id in self._by_id:
                raise ValueError(f"duplicate curated place id {place.id!r}")
            self._by_id[place.id] = place
            for key in {name_key(n) for n in (place.name, *place.aliases)} - {""}:
                self._by_key[key].append(place)
        # Asked for every look-up: computed once.
        self._geonames_ids = frozenset(p.geonames_id for p in places if p.geonames_id)

    @classmethod
    def from_csv(
        cls, path: Path = CSV_PATH, features: Path | None = FEATURES_PATH
    ) -> CuratedGazetteer:
        """Read and check the tables; a bad row fails loudly with its line number."""
        places = _read(path)
        if features is not None and features.is_file():
            places += _read(features)
        return cls(places)

    def get(self, place_id: str) -> Place | None:
        return self._by_id.get(place_id)

    def candidates(self, name: str) -> list[Place]:
        return list(self._by_key.get(name_key(name), ()))

    def geonames_ids(self) -> frozenset[int]:
        """GeoNames ids the curated rows stand for (their GeoNames twins are hidden)."""
        return self._geonames_ids

    def __iter__(self):
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)


def _read(path: Path) -> list[Place]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing columns {sorted(missing)}")
        places = []
        for line, row in enumerate(reader, start=2):
            try:
                places.append(_place_from_row(row))
            except (ValueError, TypeError) as exc:
                raise ValueError(f"{path}:{line}: {exc}") from exc
    return places


def _place_from_row(row: dict[str, str]) -> Place:
    lat, lon = float(row["lat"]), float(row["lon"])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinates out of range: {lat}, {lon}")
    precision = float(row["precision_km"])
    if precision <= 0:
        raise ValueError("precision_km must be positive")
    if not row["id"] or not row["name"] or not row["source"]:
        raise ValueError("id, name and source are required")
    return Place(
        id=row["id"].strip(),
        name=row["name"].strip(),
        kind=row["kind"].strip(),
        country_code=row["country_code"].strip().upper(),
        lat=lat,
        lon=lon,
        precision_km=precision,
        population=int(row["population"]) if row["population"].strip() else None,
        source=row["source"].strip(),
        geonames_id=int(row["geonames_id"]) if row["geonames_id"].strip() else None,
        aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
    )
