"""Command line: ``python -m geo COMMAND ...``.

Each command lives in its own module under ``geo/commands`` and provides
``register(subparsers)``, which adds its parser and sets ``func`` to a function
that takes the parsed arguments and returns the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = ("geocode", "export", "parse", "toponyms", "batch", "workspace")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m geo", description="Geocode, parse and export news events."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"geo.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `python -m geo export | head`
        sys.stderr.close()
        return 0
