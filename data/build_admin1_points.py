"""Rebuild ``data/admin1_points.csv``: first-level areas' points from Natural Earth.

    python data/build_admin1_points.py [PATH to world_50m_admin1.geojson]

Natural Earth's 1:50m admin-1 layer (public domain; ``../shared/data/naturalearth/``)
draws the states and provinces of the United States, Canada, Australia and Brazil. Each
feature carries GeoNames' id (``gn_id``) and Natural Earth's label point
(``latitude``/``longitude``), placed near the middle of the area's outline. That point is
the area's point in the GeoNames index: the middle of the area's places, which is what the
index has otherwise, leans to where people live (Ontario's to the south, New South
Wales' to the coast), hundreds of kilometres from where gazetteers put the area.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent.parent / "shared" / "data" / "naturalearth" / "world_50m_admin1.geojson"
OUT = HERE / "admin1_points.csv"


def build(source: Path = SOURCE, out: Path = OUT) -> int:
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    rows = []
    for f in features:
        p = f["properties"]
        if p.get("latitude") is None or p.get("longitude") is None or not p.get("iso_a2"):
            continue
        rows.append((p["iso_a2"], p.get("iso_3166_2") or "", p.get("gn_id") or "", p["name"],
                     float(p["latitude"]), float(p["longitude"])))  # fmt: skip
    rows = sorted(set(rows))  # a state of several parts is several features
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["cc", "iso_3166_2", "geonameid", "name", "lat", "lon"])
        for cc, iso, gid, name, lat, lon in rows:
            w.writerow([cc, iso, gid, name, f"{lat:.5f}", f"{lon:.5f}"])
    return len(rows)


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    print(f"{build(path)} areas written to {OUT}")
