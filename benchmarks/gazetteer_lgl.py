"""Resolution quality of the gazetteer on LGL (tuned on) and GeoVirus (held out).

For every gold toponym, the surface text is resolved with its whole article as
context (``resolve(name, context=article)``: no recogniser, the gazetteer finds the
article's other place names itself); the error is the great-circle distance from the
gold point. A name the gazetteer does not know counts as a miss (20,039 km). Printed:
accuracy within 161 km (100 miles), median and mean error, AUC of the log error
curve (lower is better), and the same figures for the population-only baseline
(the most populous place of that name, no context). Then what the misses are:
unknown names, a place in the wrong country, the right country but far, and an area
(country/state) whose reference point differs from the corpus' by more than 161 km.

The weights of :mod:`geo.gazetteer.document` were tuned on LGL only; GeoVirus is
reported as held out.

    python benchmarks/gazetteer_lgl.py [--limit N] [--data DIR] [--errors K] [--lgl-only]

Gold format (see ../shared/data/README.md): line i of gold.txt holds the toponyms of
texts/<i>.txt, separated by ``||``; fields separated by ``,,``:
gazetteer name, surface text, lat, lon, start, end[, area km²].
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.distance import km_between  # noqa: E402
from geo.gazetteer import load_gazetteer  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "geoparse" / "LGL"
HELD_OUT = ROOT.parent / "shared" / "data" / "geoparse" / "GeoVirus"
HALF_EARTH_KM = 20039.0  # error charged for a toponym the gazetteer does not know


@dataclass(frozen=True)
class Gold:
    doc: int
    surface: str
    lat: float
    lon: float
    gold_name: str


def read_gold(data: Path, limit: int | None = None) -> tuple[dict[int, str], list[Gold]]:
    lines = (data / "gold.txt").read_text(encoding="utf-8").split("\n")
    texts: dict[int, str] = {}
    golds: list[Gold] = []
    for i, line in enumerate(lines):
        if limit is not None and i >= limit:
            break
        path = data / "texts" / f"{i}.txt"
        if not path.is_file():
            continue
        texts[i] = path.read_text(encoding="utf-8", errors="replace")
        for item in line.split("||"):
            fields = item.split(",,")
            if len(fields) < 6:
                continue
            golds.append(Gold(i, fields[1], float(fields[2]), float(fields[3]), fields[0]))
    return texts, golds


def scores(errors: list[float]) -> dict[str, float]:
    n = len(errors)
    auc = sum(math.log1p(e) / math.log1p(HALF_EARTH_KM) for e in errors) / n
    return {
        "n": n,
        "acc@161": sum(e <= 161 for e in errors) / n,
        "median_km": statistics.median(errors),
        "mean_km": statistics.fmean(errors),
        "auc": auc,
    }


def evaluate(label: str, data: Path, limit: int | None, show_errors: int) -> dict[str, float]:
    """Resolve every gold toponym of one corpus; print the figures and the misses."""
    from geo.gazetteer.document import AREA_KINDS

    texts, golds = read_gold(data, limit)
    gazetteer = load_gazetteer()
    ours: list[float] = []
    baseline: list[float] = []
    misses = []
    kinds: Counter[str] = Counter()
    started = time.perf_counter()
    for g in golds:
        res = gazetteer.resolve(g.surface, context=texts[g.doc])
        if res is None:
            kinds["unknown name"] += 1
            ours.append(HALF_EARTH_KM)
            baseline.append(HALF_EARTH_KM)
            continue
        err = km_between((g.lat, g.lon), (res.place.lat, res.place.lon))
        ours.append(err)
        if err > 161:
            misses.append((err, g, res))
            if res.place.kind in AREA_KINDS and err < 1000:
                kinds["area, reference point differs"] += 1
            elif err > 1000:
                kinds["far (> 1000 km): another namesake"] += 1
            else:
                kinds["161..1000 km: a nearby namesake"] += 1
        biggest = max(gazetteer.places_for(g.surface)[0], key=lambda p: p.population or 0)
        baseline.append(km_between((g.lat, g.lon), (biggest.lat, biggest.lon)))
    elapsed = time.perf_counter() - started

    print(f"{label}: {len(texts)} articles, {len(golds)} gold toponyms, "
          f"{kinds['unknown name']} not in gazetteer")  # fmt: skip
    result = {}
    for name, errors in (("context ranking", ours), ("population only", baseline)):
        s = scores(errors)
        result.setdefault("acc@161", s["acc@161"])
        print(
            f"  {name:16s} acc@161km {s['acc@161']:.3f}  median {s['median_km']:.1f} km  "
            f"mean {s['mean_km']:.0f} km  AUC {s['auc']:.3f}"
        )
    known = [e for e, g in zip(ours, golds, strict=True) if e < HALF_EARTH_KM]
    if known:
        print(f"  context ranking, only the {len(known)} names the gazetteer knows: acc@161km "
              f"{sum(e <= 161 for e in known) / len(known):.3f}")  # fmt: skip
    print(f"  {len(golds) / elapsed:.0f} resolutions/s with context ({elapsed:.1f} s)")
    print("  misses: " + ", ".join(f"{k} {v} ({v / len(golds):.1%})" for k, v in
                                   kinds.most_common()))  # fmt: skip
    for err, g, res in sorted(misses, key=lambda m: -m[0])[:show_errors]:
        print(
            f"  miss {err:7.0f} km doc {g.doc} {g.surface!r} gold {g.gold_name} "
            f"({g.lat},{g.lon}) -> {res.place.name} {res.place.country_code} {res.place.kind}"
            f" | {res.reason}"
        )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--errors", type=int, default=0, help="print the K worst misses")
    parser.add_argument("--lgl-only", action="store_true", help="skip the held-out corpus")
    args = parser.parse_args(argv)
    if not (args.data / "gold.txt").is_file():
        print(f"no LGL data at {args.data}", file=sys.stderr)
        return 2
    evaluate("LGL (tuned on)", args.data, args.limit, args.errors)
    if not args.lgl_only and (HELD_OUT / "gold.txt").is_file():
        evaluate("GeoVirus (held out)", HELD_OUT, args.limit, args.errors)
    print("target (issue 3): acc@161km above 0.83 on LGL (published Mordecai3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
