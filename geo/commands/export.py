"""`python -m geo export --format geojson|csv|kml [--output FILE]`: the seed's events."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.export import FORMATS, render


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write the seed article's events as GeoJSON, CSV or KML",
        description="Write the seed article's curated events (validated on load), one "
        "record per event and place, to stdout or a file.",
    )
    p.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default="geojson",
        help="output format (default: geojson)",
    )
    p.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write to FILE instead of stdout"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so `python -m geo --help` stays fast and works without the data.
    from geo.article import load_seed_article
    from geo.events import EventDataError, events_frame, load_seed_events

    try:
        events = load_seed_events()
    except EventDataError as exc:
        print(f"export: the events data is broken, nothing written.\n{exc}", file=sys.stderr)
        return 1
    df = events_frame(events)
    if args.format == "kml":
        from geo.export import to_kml

        text = to_kml(df, name=f"Events: {load_seed_article().title}")
    else:
        text = render(df, args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    except OSError as exc:
        print(f"export: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"export: {len(df)} records ({args.format}) written to {args.output}", file=sys.stderr)
    return 0
