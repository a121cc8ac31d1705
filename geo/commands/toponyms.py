"""`python -m geo toponyms FILE [FILE ...]`: the place names of text files, as JSON Lines.

One line per input file, in input order::

    {"file": "a.txt", "toponyms": [{"text": "Homs", "start": 12, "end": 16, "name": "Homs",
                                   "lat": 34.73, "lon": 36.71, "country_code": "SY",
                                   "score": 0.96}, ...]}
    {"file": "missing.txt", "error": "no such file"}

Offsets are character offsets into the file's text as decoded from UTF-8 (a byte-order mark
counts as one character; line endings are not translated), end exclusive. ``name``, ``lat``,
``lon`` and ``country_code`` are null for a name the recogniser found but the gazetteer
cannot place. A file that cannot be read as text (missing, a directory, binary, not UTF-8,
over 20 MB) gets an ``error`` line and the others go on; the gazetteer and model load once
for all. The JSON is ASCII (other characters escaped as ``\\uXXXX``), so any file name prints.

Exit code: 0 when every file was parsed, 1 when at least one got an error line, 2 for
wrong usage (argparse).
"""

from __future__ import annotations

import argparse
import json
import stat
import sys
from pathlib import Path

# One decoding rule for the CLI and the app's "Your article" page; re-exported here.
from geo.article import UnreadableText, decode_text

# Bigger files are refused rather than parsed: the geoparser is linear in the text (about
# 1.5 s per MB of news here), but an untrusted input must not hold the process for minutes.
MAX_BYTES = 20_000_000


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "toponyms",
        help="list the place names of text files (JSON Lines, one line per file)",
        description="Recognise and resolve the place names of each FILE (UTF-8 text). "
        "Prints one JSON object per file, in input order: {\"file\", \"toponyms\": [{\"text\", "
        "\"start\", \"end\", \"name\", \"lat\", \"lon\", \"country_code\", \"score\"}]}, or "
        "{\"file\", \"error\"} for a file that cannot be read. Exit code 0 if all files were "
        "parsed, 1 if any failed.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="text files (UTF-8)")
    p.set_defaults(func=run)


def read_text(path: Path) -> str:
    """The text of ``path``, or :class:`UnreadableText` saying why a reader cannot have it.

    The file must be a regular file of at most :data:`MAX_BYTES` (checked before reading
    it); its bytes then go through :func:`geo.article.decode_text` (no NUL byte, UTF-8).
    """
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableText("is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):  # /dev/zero, a pipe: may never end
            raise UnreadableText("not a regular file (a device, pipe or socket)")
        if info.st_size > MAX_BYTES:  # checked before reading it all
            raise UnreadableText(
                f"too large ({info.st_size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableText("no such file") from None
    except PermissionError:
        raise UnreadableText("permission denied") from None
    except OSError as exc:
        raise UnreadableText(f"cannot read: {exc.strerror or exc}") from None
    return decode_text(data)


def run(args: argparse.Namespace) -> int:
    # Imported here so `python -m geo --help` stays fast.
    from geo.geoparse.toponyms import Geoparser

    parser: Geoparser | None = None
    failed = 0
    for name in args.files:
        try:
            text = read_text(Path(name))
            if parser is None:  # loaded once, and only if some file is readable
                parser = Geoparser()
            record: dict[str, object] = {
                "file": name,
                "toponyms": [t.as_json() for t in parser.toponyms(text)],
            }
        except UnreadableText as exc:
            failed += 1
            record = {"file": name, "error": str(exc)}
        except Exception as exc:  # one bad file must not stop the others
            failed += 1
            record = {"file": name, "error": f"internal error: {type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(record) + "\n")
        sys.stdout.flush()
    return 1 if failed else 0
