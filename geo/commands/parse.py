"""`python -m geo parse FILE [--published YYYY-MM-DD] [--format geojson|csv|kml]`: events.

The geoparser's proposed events of any English news article (``geo.geoparse.propose``), one
record per event and place, in the curated events' schema and written by ``geo.export``,
the same code as the app's downloads and ``python -m geo export``.

Dates such as "on Tuesday" or "yesterday" are read relative to the publication date, so the
command needs one: ``--published`` if given, else ``published`` from the metadata file beside
the article (``FILE`` with the suffix ``.json``, as for the seed: see ``seeds/*.json``; its
``title``, ``outlet`` and ``id`` are used too). With neither, it stops with a message saying
so (exit code 2) rather than guess. A sentence without a date of its own gets the date of
the sentence before it (when that one is day-precise) or the publication date, and its
``date_rule`` says so ("context: ... publication date (fallback)").

Exit codes: 0 written (possibly no events), 1 the file or its metadata cannot be read, the
file is empty (or only white space) or the output cannot be written, 2 wrong usage
(including no publication date).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from geo.export import FORMATS


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {value!r}") from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "parse",
        help="propose the dated, located events of a news article (GeoJSON, CSV or KML)",
        description="Find the places and dates of an English news article (UTF-8 text) and "
        "propose its events, one record per event and place, in the schema of the curated "
        "events. The publication date comes from --published, else from FILE's metadata "
        "(the .json of the same name beside it); without either the command stops.",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the article, UTF-8 text")
    p.add_argument(
        "--published",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="publication date (relative dates are read against it); "
        "default: 'published' in FILE's .json metadata",
    )
    p.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default="geojson",
        help="output format (default: geojson)",
    )
    p.add_argument(
        "--output", "-o", type=Path, metavar="OUT", help="write to OUT instead of stdout"
    )
    p.set_defaults(func=run)


class ParseError(Exception):
    """A problem with the input a user can fix; ``code`` is the exit code to return."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def read_metadata(path: Path) -> dict[str, object]:
    """The metadata beside an article (``path`` with the suffix ``.json``), or {} if none."""
    meta_path = path.with_suffix(".json")
    if meta_path == path or not meta_path.is_file():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"cannot read the metadata {meta_path}: {exc}") from None
    if not isinstance(meta, dict):
        raise ParseError(f"the metadata {meta_path} is not a JSON object")
    return meta


def load_any_article(path: Path, published: date | None = None):
    """An :class:`geo.article.Article` for ``path``, with metadata from beside it.

    ``published`` overrides the metadata's date; :class:`ParseError` when there is no
    date at all, or the text or its metadata cannot be read.
    """
    from geo.article import default_title, make_article
    from geo.commands.toponyms import UnreadableText, read_text

    try:
        text = read_text(path)
    except UnreadableText as exc:
        raise ParseError(f"cannot parse {path}: {exc}") from None
    if not text.strip():  # as the app refuses it: no article, not "no events"
        raise ParseError(f"cannot parse {path}: the file is empty (no text to read)")
    meta = read_metadata(path)
    if published is None:
        raw = meta.get("published")
        if raw is None:
            raise ParseError(
                f"no publication date for {path}: pass --published YYYY-MM-DD, or put "
                f'{path.with_suffix(".json").name} with "published": "YYYY-MM-DD" beside it '
                "(dates such as 'on Tuesday' are read against it)",
                code=2,
            )
        try:
            published = date.fromisoformat(str(raw))
        except ValueError:
            raise ParseError(
                f"the metadata of {path} has published={raw!r}, not a date YYYY-MM-DD"
            ) from None
    return make_article(
        text,
        id=str(meta.get("id") or path.stem),
        title=str(meta.get("title") or default_title(text)),
        outlet=str(meta.get("outlet") or ""),
        published=published,
        language=str(meta.get("language") or "en"),
        source=str(path),
    )


def run(args: argparse.Namespace) -> int:
    # Imported here so `python -m geo --help` stays fast.
    from geo.export import render, to_kml
    from geo.geoparse.propose import proposals_frame, propose_events

    try:
        article = load_any_article(args.file, args.published)
    except ParseError as exc:
        print(f"parse: {exc}", file=sys.stderr)
        return exc.code
    df = proposals_frame(propose_events(article))
    if args.format == "kml":
        text = to_kml(df, name=f"Events (proposed): {article.title}")
    else:
        text = render(df, args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    except OSError as exc:
        print(f"parse: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"parse: {len(df)} records ({args.format}) written to {args.output}", file=sys.stderr)
    return 0
