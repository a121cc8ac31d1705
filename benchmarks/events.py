"""Event benchmark: the proposer's events against the annotated set (issue 13).

    python benchmarks/events.py               # both parts, per article and overall
    python benchmarks/events.py --part dev    # the development part only
    python benchmarks/events.py --quiet       # overall figures only
    python benchmarks/events.py --added "round 4"   # only the articles of one round
    python benchmarks/events.py --skip "round 5"    # all but the articles of one round

The set is ``benchmarks/data/events/`` (its README has the conventions and the split);
the scoring rules are in :mod:`geo.geoparse.eventset`. Five measures per part:

1. found: events some proposed row reports (its excerpt overlaps the event's anchor);
2. found right: ... with a row at the right place (within tolerance) and overlapping days;
3. rows real: proposed rows that report an event of the set;
4. place right, 5. date right: over the rows that report an event.

Where the set annotates them, a further line per part: category right (over the rows that
report an event with a category) and actor precision (proposed actors that name an
annotated actor).

Also printed: the seed figure (curated rows of ``data/events.csv`` recovered: same place,
start day and an overlapping excerpt) and the throughput of ``propose_events`` (articles
per second on one core, after start-up, over the whole set, median of three passes).
Figures on the development part are what the proposer was tuned on; only the held-out
part counts as a result.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.article import load_seed_article  # noqa: E402
from geo.events import Event, load_seed_events  # noqa: E402
from geo.geoparse.eventset import EVENT_SET, SPLITS, Tally, load_event_set, score  # noqa: E402
from geo.geoparse.propose import propose_events  # noqa: E402
from geo.geoparse.toponyms import Geoparser  # noqa: E402

HEADER = f"{'article':<16}{'events':>7}{'found':>7}{'right':>7}{'rows':>6}{'real':>6}" \
         f"{'place':>7}{'date':>6}"


def _line(name: str, t: Tally) -> str:
    return (f"{name:<16}{t.events:>7}{t.found:>7}{t.found_right:>7}{t.rows:>6}"
            f"{t.reporting:>6}{t.place_ok:>7}{t.date_ok:>6}")


def _measures(t: Tally) -> str:
    f, fr, real, place, day = t.measures()
    return (f"found {f:.0%} ({t.found}/{t.events}), found right {fr:.0%} "
            f"({t.found_right}/{t.events}), rows real {real:.0%} ({t.reporting}/{t.rows}), "
            f"place right {place:.0%} ({t.place_ok}/{t.reporting}), "
            f"date right {day:.0%} ({t.date_ok}/{t.reporting})")


def seed_rows(parser: Geoparser) -> tuple[int, int]:
    """Curated seed rows recovered: same place, start day and an overlapping excerpt."""
    curated = load_seed_events()
    proposed = propose_events(load_seed_article(), parser)

    def same(a: Event, b: Event) -> bool:
        return (a.place_id, a.start) == (b.place_id, b.start) and (
            a.excerpt_start < b.excerpt_end and b.excerpt_start < a.excerpt_end)

    return sum(any(same(c, p) for p in proposed) for c in curated), len(curated)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=SPLITS)
    ap.add_argument("--quiet", action="store_true", help="overall figures only")
    ap.add_argument("--no-throughput", action="store_true")
    ap.add_argument("--added", metavar="ROUND",
                    help='only the articles whose "added" is ROUND (e.g. "round 4"): a '
                         "round's first, untuned figure")
    ap.add_argument("--skip", metavar="ROUND", action="append", default=[],
                    help='leave out the articles whose "added" is ROUND (repeatable): a round '
                         "kept untuned while others develop")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    parser = Geoparser()
    articles = load_event_set()
    if args.added is not None:
        records = json.loads(EVENT_SET.read_text(encoding="utf-8"))["articles"]
        ids = {r["id"] for r in records if r.get("added") == args.added}
        if not ids:
            ap.error(f"no article has added={args.added!r}")
        articles = [a for a in articles if a.id in ids]
    if args.skip:
        records = json.loads(EVENT_SET.read_text(encoding="utf-8"))["articles"]
        skipped = {r["id"] for r in records if r.get("added") in args.skip}
        articles = [a for a in articles if a.id not in skipped]

    def locate(row: Event) -> tuple[float, float] | None:
        place = parser.gazetteer.get(row.place_id)
        return (place.lat, place.lon) if place else None

    for part in SPLITS if args.part is None else (args.part,):
        total = Tally()
        chosen = [a for a in articles if a.split == part]
        if args.added is not None and not chosen:
            continue
        if not args.quiet:
            print(f"\n== {part} ({len(chosen)} articles)\n{HEADER}")
        for a in chosen:
            t = score(a.events, propose_events(a.article, parser), locate)
            total.add(t)
            if not args.quiet:
                print(_line(a.id, t) + ("   missed: " + "; ".join(t.missed) if t.missed else ""))
        print(f"{part}: {_measures(total)}")
        if total.category_rows:
            cat, act = total.labels()
            actors = (f", actor precision {act:.0%} ({total.actors_ok}/{total.actors_named})"
                      if total.actors_named else "")
            print(f"{part}: category right {cat:.0%} ({total.category_ok}/"
                  f"{total.category_rows}){actors}")
    got, of = seed_rows(parser)
    print(f"seed: curated rows recovered {got}/{of}")
    if not args.no_throughput:
        passes = []
        for _ in range(3):
            t0 = time.process_time()
            for a in articles:
                propose_events(a.article, parser)
            passes.append(len(articles) / (time.process_time() - t0))
        print(f"throughput: {statistics.median(passes):.1f} articles/s on one core "
              f"({len(articles)} articles, CPU time, median of 3 passes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
