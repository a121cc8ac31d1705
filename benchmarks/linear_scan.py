"""Scan for super-linear time: every regex and text function of geo/ on hostile text shapes.

    python benchmarks/linear_scan.py              # regexes and functions, sizes 4k and 32k
    python benchmarks/linear_scan.py --regex      # only the regexes (seconds)
    python benchmarks/linear_scan.py --small 2000 --factor 8

Each probe is run on a shape at a small size and at ``factor`` times that size; the CPU
time ratio (``time.process_time``) is printed when it is more than ``factor * 2`` (a
linear probe costs about ``factor`` times more; a quadratic one ``factor ** 2``). The
shapes are what a hostile or careless paste holds: long runs of one letter, of capitalised
words, of "X, Y and", of punctuation, of digits, text without spaces, nested brackets, many
full stops. The regexes are every compiled pattern held at module level in geo/ (found by
walking the modules) plus the patterns written inline in functions (listed below).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import geo  # noqa: E402

# Units repeated to a given size. Each shape is (name, unit, tail): unit * k + tail * k.
SHAPES: list[tuple[str, str, str]] = [
    ("letters A", "A", ""),
    ("letters a", "a", ""),
    ("no spaces", "Beirut", ""),
    ("cap words", "Beirut ", ""),
    ("cap words 2", "Homs Syria ", ""),
    ("X, Y and", "Homs, Syria and ", ""),
    ("X, Y and + letters", "Homs, Syria and ", "a"),
    ("X, Y and + caps", "Homs, Syria and ", "A"),
    ("comma caps", "A, ", ""),
    ("comma nospace", "A,", ""),
    ("and caps", "A and ", ""),
    ("hyphen chain", "Beirut-", ""),
    ("hyphen al", "al-", ""),
    ("apostrophes", "A'", ""),
    ("quotes", "'\"", ""),
    ("dots", ".", ""),
    ("cap dots", "A.", ""),
    ("cap dot space", "A. ", ""),
    ("sentences", "Fighting in Homs. ", ""),
    ("abbrevs", "U.S. ", ""),
    ("mr", "Mr. ", ""),
    ("digits", "1", ""),
    ("digit groups", "1,", ""),
    ("digit dots", "1.", ""),
    ("digits spaced", "12 ", ""),
    ("punct", "!?.,;:", ""),
    ("brackets", "(", ")"),
    ("brackets 2", "([", "])"),
    ("spaces", " ", ""),
    ("newlines", "\n", ""),
    ("blank lines", " \n", ""),
    ("tabs nbsp", "\t\xa0", ""),
    ("bullets", "• ", ""),
    ("county", "Beirut County ", ""),
    ("county list", "Beirut, Homs and ", ""),
    ("counties tail", "Beirut, ", "counties "),
    ("city of", "the city of ", ""),
    ("in the", "in the ", ""),
    ("of caps", "Bank of ", ""),
    ("dates", "on Monday May 5, ", ""),
    ("months", "May ", ""),
    ("numbers words", "5 km ", ""),
    ("dash", "— ", ""),
    ("dateline", "HOMS, Syria — ", ""),
    ("arabic", "القصير", ""),
    ("mixed case", "aB", ""),
    ("underscores", "_", ""),
    ("apostrophe s", "Homs's ", ""),
]


def shape(unit: str, tail: str, size: int) -> str:
    """``unit`` repeated, then ``tail`` repeated, to about ``size`` characters."""
    if tail:
        half = size // 2
        return (unit * (half // len(unit) + 1))[:half] + (tail * (half // len(tail) + 1))[:half]
    return (unit * (size // len(unit) + 1))[:size]


def module_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled str pattern held at module level in geo/ (name -> pattern)."""
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(geo.__path__, "geo."):
        if info.name.startswith("geo.commands") or info.name == "geo.__main__":
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception as exc:  # noqa: BLE001 - a scan reports and goes on
            print(f"skip {info.name}: {exc}", file=sys.stderr)
            continue
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{info.name}.{attr}"] = value
    return found


# Patterns written inline in functions (keep in step with grep "re\.\(search\|sub\|...)(").
INLINE = {
    "geo.article._is_abbreviation": r"([\w.]+)$",
    "geo.gazetteer.context.phrases.lower": r"\b[a-z][a-z'’-]+\b",
    "geo.gazetteer.usage.county_readings.sub": r"^(?:and|or)\s+",
    "geo.dates.spaces": r"\s+",
}


def cpu(fn: Callable[[], object]) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


def probe(name: str, fn: Callable[[str], object], small: int, factor: int,
          budget: float, every: bool = False) -> list[str]:
    """Run ``fn`` on every shape at two sizes; lines for the suspicious ones."""
    out = []
    for label, unit, tail in SHAPES:
        a, b = shape(unit, tail, small), shape(unit, tail, small * factor)
        ta = cpu(lambda: fn(a))  # noqa: B023
        if ta > budget:
            out.append(f"{name:55} {label:22} small size alone {ta:.2f} s")
            if not every:
                break
            continue
        tb = cpu(lambda: fn(b))  # noqa: B023
        ratio = tb / max(ta, 1e-4)
        if ratio > factor * 2.5 and tb > 0.02:
            out.append(f"{name:55} {label:22} {ta:.3f} s -> {tb:.3f} s  x{ratio:.0f}")
            if not every:
                break  # one shape is enough to look at the probe
    return out


def regex_probes() -> dict[str, Callable[[str], object]]:
    pats = module_patterns()
    pats.update({k: re.compile(v) for k, v in INLINE.items()})
    probes: dict[str, Callable[[str], object]] = {}
    for name, pat in sorted(pats.items()):
        probes[f"re {name} finditer"] = lambda s, p=pat: sum(1 for _ in p.finditer(s))
        probes[f"re {name} match-each"] = (
            lambda s, p=pat: [p.match(s, i) for i in range(0, len(s), max(1, len(s) // 64))]
        )
    return probes


def function_probes() -> dict[str, Callable[[str], object]]:
    from datetime import date

    from geo.article import find_body_end, make_article, split_paragraphs, split_sentences
    from geo.dates import find_dates
    from geo.gazetteer import load_gazetteer
    from geo.gazetteer.context import phrases, place_names, qualified_mentions
    from geo.gazetteer.normalize import fold
    from geo.gazetteer.usage import county_readings
    from geo.geoparse.propose import propose_events
    from geo.geoparse.tokens import capitalised_runs, sentence_starts, tokenize
    from geo.geoparse.toponyms import find_toponyms

    gaz = load_gazetteer()

    def sentences(s: str) -> object:
        return split_sentences(s, split_paragraphs(s))

    def article(s: str) -> object:
        return propose_events(make_article(s, id="x", title="x", outlet="",
                                           published=date(2018, 1, 1)))

    def tokens_all(s: str) -> object:
        toks = tokenize(s)
        return sentence_starts(s, toks), capitalised_runs(s, toks)

    return {
        "fn find_body_end": find_body_end,
        "fn split_sentences": sentences,
        "fn find_dates": lambda s: find_dates(s, date(2018, 1, 1)),
        "fn tokens": tokens_all,
        "fn fold": fold,
        "fn context.phrases": phrases,
        "fn context.qualified_mentions": qualified_mentions,
        "fn context.place_names": lambda s: place_names(s, gaz),
        "fn usage.county_readings": county_readings,
        "fn find_toponyms": find_toponyms,
        "fn propose_events": article,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=4000)
    ap.add_argument("--factor", type=int, default=8)
    ap.add_argument("--budget", type=float, default=5.0, help="CPU s a small run may take")
    ap.add_argument("--regex", action="store_true", help="only the regexes")
    ap.add_argument("--only", default="", help="only probes whose name contains this")
    ap.add_argument("--every", action="store_true", help="every suspicious shape of a probe")
    args = ap.parse_args()
    probes = regex_probes()
    if not args.regex:
        probes.update(function_probes())
    bad = []
    for name, fn in probes.items():
        if args.only and args.only not in name:
            continue
        print(f"... {name}", file=sys.stderr, flush=True)
        lines = probe(name, fn, args.small, args.factor, args.budget, args.every)
        for line in lines:
            print(line, flush=True)
        bad += lines
    print(f"{len(probes)} probes x {len(SHAPES)} shapes; {len(bad)} suspicious")


if __name__ == "__main__":
    main()
