"""`python -m geo geocode NAME [--context TEXT] [--country CC] [--json]`.

Resolves one place name with the offline gazetteer and prints the place, its
precision, the source of its coordinates, one line of why, and the alternatives.
Exit codes: 0 found, 1 unknown name, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata

from geo.gazetteer import MAX_NAME_CHARS

MAX_CONTEXT_CHARS = 1_000_000


class InputError(ValueError):
    """Input the command refuses, with a message for the user."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "geocode",
        help="resolve a place name to coordinates (offline gazetteer)",
        description="Resolve a place name to coordinates, with the reason and alternatives.",
    )
    p.add_argument("name", help='place name as written, e.g. "Qusair"')
    p.add_argument("--context", default=None, help="text around the mention (ranks candidates)")
    p.add_argument("--country", default=None, help="ISO 3166-1 alpha-2 code to restrict to")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def check_name(name: str) -> str:
    """The name, stripped; InputError when blank, absurdly long or with control chars."""
    if any(unicodedata.category(ch) == "Cc" and not ch.isspace() for ch in name):
        raise InputError("the name contains control characters")
    name = " ".join(name.split())
    if not name:
        raise InputError("the name is empty")
    if len(name) > MAX_NAME_CHARS:
        raise InputError(f"the name is {len(name):,} characters long (at most {MAX_NAME_CHARS})")
    return name


def check_context(context: str | None) -> str | None:
    if context is None:
        return None
    if len(context) > MAX_CONTEXT_CHARS:
        raise InputError(f"the context is longer than {MAX_CONTEXT_CHARS:,} characters")
    # Line breaks and tabs are normal in a text; other control characters are dropped.
    return "".join(
        ch if ch in "\n\t" or unicodedata.category(ch) != "Cc" else " " for ch in context
    )


def check_country(country: str | None) -> str | None:
    if country is None:
        return None
    code = country.strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise InputError(f"--country wants an ISO 3166-1 alpha-2 code such as SY, not {country!r}")
    return code


def run(args: argparse.Namespace) -> int:
    try:
        name = check_name(args.name)
        context = check_context(args.context)
        country = check_country(args.country)
    except InputError as exc:
        return _fail(str(exc), args.json, code=2)

    from geo.gazetteer import load_gazetteer
    from geo.gazetteer.geocoder import resolution_dict
    from geo.gazetteer.qualified import unknown_message

    gazetteer = load_gazetteer()
    res = gazetteer.resolve(name, context=context, country=country)
    if res is None:
        why = unknown_message(gazetteer, name, country)
        return _fail(f"unknown place name: {why}", args.json, code=1)
    if args.json:
        print(json.dumps(resolution_dict(res), ensure_ascii=False, indent=2))
        return 0
    p = res.place
    print(f"{p.name} ({p.kind}, {p.country_code or '-'}): {p.lat:.5f}, {p.lon:.5f}")
    print(f"  precision: {p.precision_km:g} km   source: {p.source}   id: {p.id}")
    print(f"  why: {res.reason}")
    for alt in res.alternatives[:5]:
        a = alt.place
        print(
            f"  alternative: {a.name} ({a.kind}, {a.country_code or '-'}) "
            f"{a.lat:.4f}, {a.lon:.4f}  score {alt.score:.3f}"
        )
    return 0


def _fail(message: str, as_json: bool, code: int) -> int:
    if as_json:
        print(json.dumps({"error": message}, ensure_ascii=False))
    else:
        print(f"geocode: {message}", file=sys.stderr)
    return code
