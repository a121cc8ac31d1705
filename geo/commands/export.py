"""`python -m geo export [--article ID | --all] --format geojson|csv|kml [--output FILE]`.

Without ``--article`` or ``--all``: the seed's curated events from ``data/events.csv``, as
always (no database involved). With either: the events stored in the workspace database
(rejected ones left out), with ``status``, ``article_id`` and a ``corrections`` column or
property holding each row's history ("<when> UTC <field>: <before> -> <after> (<note>)",
joined with " | ").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.export import FORMATS, render


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write events as GeoJSON, CSV or KML (the seed, or workspace articles)",
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
    which = p.add_mutually_exclusive_group()
    which.add_argument("--article", type=int, action="append", metavar="ID",
                       help="a workspace article's events (repeat for several)")
    which.add_argument("--all", action="store_true", help="every workspace article's events")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so `python -m geo --help` stays fast and works without the data.
    from geo.article import load_seed_article
    from geo.events import EventDataError, events_frame, load_seed_events

    if args.article or args.all:
        return _write(args, *_from_store(args))
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
    return _write(args, text, len(df))


def _from_store(args: argparse.Namespace) -> tuple[str | None, int]:
    """(text, records) of the workspace articles asked for; (None, code) after a message."""
    from geo.commands.workspace import DB_ERROR, open_or_explain
    from geo.export import to_kml
    from geo.store import NotFound, StoreError

    store = open_or_explain("export")
    if store is None:
        return None, DB_ERROR
    try:
        ids = None if args.all else args.article
        titles = [store.summary(i).title for i in ids] if ids else []
        df = store.frame(ids)
    except NotFound as exc:
        print(f"export: {exc}", file=sys.stderr)
        return None, 1
    except StoreError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return None, DB_ERROR
    if args.format == "kml":
        name = f"Events: {titles[0]}" if len(titles) == 1 else "Events: workspace"
        return to_kml(df, name=name), len(df)
    return render(df, args.format), len(df)


def _write(args: argparse.Namespace, text: str | None, records: int) -> int:
    if text is None:
        return records  # the exit code, after the message
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    except OSError as exc:
        print(f"export: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"export: {records} records ({args.format}) written to {args.output}", file=sys.stderr)
    return 0
