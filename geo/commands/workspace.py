"""`python -m geo import|articles|delete`: the workspace database from the command line.

The database is the app's (``GEO_DATABASE_URL``, else the SQLite file in the user's data
directory); ``geo.store`` does the work.

- ``import FILE... [--published YYYY-MM-DD] [--title T] [--outlet O] [--json]``: each file
  (.txt, .md, .html) becomes one article with its proposed events, in its own transaction.
  With ``--json`` one line per file: ``{"file", "status": "added"|"already there"|"refused",
  "article_id", "events", "message"}``. Exit 1 if any file was refused.
- ``articles [--json]``: one entry per article ``{"id", "title", "outlet", "published",
  "events", "first_day", "last_day"}`` (``--json``: one JSON array).
- ``delete ID --yes``: the article, its events and their corrections.

A database that cannot be opened prints the reason and exits 3.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geo.commands.parse import _iso_date

DB_ERROR = 3


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="add articles (.txt, .md, .html) with their proposed events to the workspace",
        description="Add each FILE to the workspace database (the app's): its text, metadata "
        "and the events the geoparser proposes, one transaction per file. The same text "
        "twice adds nothing. Exit code 1 if any file was refused.",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                   help="publication date (default: the HTML's metadata, or the .json "
                   "beside a text file; required when neither has one)")
    p.add_argument("--title", help="title (default: metadata, else the first line)")
    p.add_argument("--outlet", help="outlet (default: the HTML's site name, if any)")
    p.add_argument("--json", action="store_true", help="one JSON line per file")
    p.set_defaults(func=run_import)

    p = sub.add_parser("articles", help="list the workspace's articles",
                       description="List the articles of the workspace database.")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(func=run_articles)

    p = sub.add_parser("delete", help="delete an article (with its events and corrections)",
                       description="Delete article ID with its events and corrections.")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--yes", action="store_true", help="really delete (required)")
    p.set_defaults(func=run_delete)


def open_or_explain(command: str):
    """The store, or None after printing why it cannot be opened."""
    from geo.store import StoreError, open_store

    try:
        return open_store()
    except StoreError as exc:
        print(f"{command}: {exc}", file=sys.stderr)
        return None


def run_import(args: argparse.Namespace) -> int:
    from geo.store import REFUSED, StoreError

    store = open_or_explain("import")
    if store is None:
        return DB_ERROR
    refused = 0
    try:
        for path in args.files:
            result = store.import_file(path, title=args.title, outlet=args.outlet,
                                       published=args.published)
            refused += result.status == REFUSED
            if args.json:
                sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(f"{result.file}: {result.status}: {result.message}\n")
            sys.stdout.flush()
    except StoreError as exc:
        print(f"import: {exc}", file=sys.stderr)
        return DB_ERROR
    return 1 if refused else 0


def run_articles(args: argparse.Namespace) -> int:
    from geo.store import StoreError

    store = open_or_explain("articles")
    if store is None:
        return DB_ERROR
    try:
        found = store.articles()
    except StoreError as exc:
        print(f"articles: {exc}", file=sys.stderr)
        return DB_ERROR
    if args.json:
        print(json.dumps([a.as_json() for a in found], ensure_ascii=False, indent=1))
        return 0
    for a in found:
        span = f"{a.first_day} to {a.last_day}" if a.first_day else "no events"
        outlet = f", {a.outlet}" if a.outlet else ""
        print(f"{a.id:>5}  {a.published}  {a.events:>4} events ({span})  {a.title}{outlet}")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    from geo.store import NotFound, StoreError

    if not args.yes:
        print(f"delete: this deletes article {args.id} with its events and corrections; "
              "add --yes to do it", file=sys.stderr)
        return 2
    store = open_or_explain("delete")
    if store is None:
        return DB_ERROR
    try:
        gone = store.delete_article(args.id)
    except NotFound as exc:
        print(f"delete: {exc}", file=sys.stderr)
        return 1
    except StoreError as exc:
        print(f"delete: {exc}", file=sys.stderr)
        return DB_ERROR
    print(f"deleted article {gone.id} ({gone.title}) and its {gone.events} event(s)")
    return 0
