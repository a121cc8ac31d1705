"""Why proposed rows have the wrong place: an error budget by class (development part only).

    python benchmarks/place_causes.py            # counts per cause: dev, round 4, the rest
    python benchmarks/place_causes.py --list     # and every wrong-place row with its cause

A row reports an event when its excerpt overlaps the event's anchor (the rules of
:mod:`geo.geoparse.eventset`); its place is wrong when it lies outside the tolerance of
every place of the events it reports. Each such row gets the first cause that fits:

(b) namesake: the name the row's place was read from has a gazetteer candidate within
    tolerance, but was resolved to another;
(c) chosen over a right one: a place the sentence names resolves within tolerance of a
    gold place, but another was chosen (or the right one set aside);
(b) namesake: another name of the sentence (or, for a sentence that names none, of the
    article) has a gazetteer candidate within tolerance, but was resolved to another;
(a) not recognised: the gold place's name is written in the sentence, but no toponym
    there resolves to it (the recogniser missed it or the gazetteer lacks it);
(d) implied, wrong: the sentence names no place and the place the proposer implied
    (dateline, story place, "the town", a speaker's capital, the event before) is wrong;
(a) not recognised, elsewhere: the gold place's name is written elsewhere in the article
    and nothing resolves to it;
(e) other: the sentence names places, none of them right, and the gold place is not
    written in the article (a speaker's seat the text does not name, a region...).

Only the development part is read: the held-out part stays unseen.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.events import Event  # noqa: E402
from geo.gazetteer import Place  # noqa: E402
from geo.geoparse.eventset import (  # noqa: E402
    EVENT_SET,
    AnnotatedArticle,
    GoldEvent,
    load_event_set,
    place_right,
)
from geo.geoparse.propose import article_mentions, propose_events  # noqa: E402
from geo.geoparse.toponyms import Geoparser, Toponym  # noqa: E402

CAUSES = {
    "a": "gold place not recognised (recogniser or gazetteer gap)",
    "b": "name recognised, resolved to a namesake",
    "c": "a right place named in the sentence, another chosen",
    "d": "sentence names no place, the implied one is wrong",
    "e": "other",
}
# How the proposer writes a place the sentence does not name (Site.how).
_IMPLIED = ("no place in the sentence", "named earlier", "speaks: its capital",
            "the sentence names only", "names the speaker's office")


def _head(name: str) -> str:
    """The gold place's own name ("Kent" of "Kent, Minnesota")."""
    return name.split("(")[0].split(",")[0].strip()


def classify(a: AnnotatedArticle, row: Event, mine: list[GoldEvent], mentions: list[Toponym],
             parser: Geoparser) -> tuple[str, str]:
    """The cause of one wrong-place row and a short detail."""
    text = a.article.body

    def ok(p: Place | None) -> bool:
        return p is not None and any(place_right(p.lat, p.lon, g) for g in mine)

    def namesake(ts: list[Toponym]) -> Toponym | None:
        return next((t for t in ts if not ok(t.place)
                     and any(ok(c) for c in parser.lookup(t.text))), None)

    inside = [t for t in mentions if row.excerpt_start <= t.start < row.excerpt_end]
    own = namesake([t for t in inside if t.place.id == row.place_id])
    if own is not None:  # the row's own name has a right namesake
        return "b", f"{own.text} -> {own.place.name}"
    right = next((t for t in inside if ok(t.place)), None)
    if right is not None:
        return "c", f"{right.text} named, not chosen"
    wrong = namesake(inside)
    implied = any(m in row.note.rsplit("; place: ", 1)[-1] for m in _IMPLIED)
    if wrong is None and implied and not any(ok(t.place) for t in mentions):
        wrong = namesake(mentions)
    if wrong is not None:
        return "b", f"{wrong.text} -> {wrong.place.name if wrong.place else None}"
    heads = {_head(p.name) for g in mine for p in g.places}
    sentence = text[row.excerpt_start:row.excerpt_end]
    said = sorted(h for h in heads if h and h in sentence)
    if said:
        return "a", f"{', '.join(said)} in the sentence"
    if implied:
        return "d", row.note.rsplit("; place: ", 1)[-1].split("; set aside")[0][:90]
    elsewhere = sorted(h for h in heads if h and h in text)
    if elsewhere and not any(ok(t.place) for t in mentions):
        return "a", f"{', '.join(elsewhere)} elsewhere in the article"
    return "e", ", ".join(t.text for t in inside) or "no place"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", action="store_true", help="every wrong-place row and its cause")
    args = ap.parse_args(argv)
    parser = Geoparser()
    records = json.loads(EVENT_SET.read_text(encoding="utf-8"))["articles"]
    round4 = {r["id"] for r in records if r.get("added") == "round 4"}
    counts = {"round 4": Counter(), "earlier": Counter()}
    rows_total = Counter()
    for a in load_event_set(split="dev"):
        group = "round 4" if a.id in round4 else "earlier"
        mentions = [t for t in article_mentions(a.article, parser) if t.place is not None]
        for row in propose_events(a.article, parser):
            mine = [g for g in a.events if any(
                row.excerpt_start < e and s < row.excerpt_end for s, e in g.spans)]
            if not mine:
                continue
            rows_total[group] += 1
            place = parser.gazetteer.get(row.place_id)
            if place is not None and any(place_right(place.lat, place.lon, g) for g in mine):
                continue
            cause, detail = classify(a, row, mine, mentions, parser)
            counts[group][cause] += 1
            if args.list:
                want = "; ".join(p.name for g in mine for p in g.places)[:60]
                got = place.name if place else row.place_id
                print(f"({cause}) {a.id:<13} {got!r:<22} want {want!r}: {detail}")
    dev = counts["round 4"] + counts["earlier"]
    print(f"\n{'cause':<58}{'dev':>6}{'round 4':>9}{'earlier':>9}")
    for key, what in CAUSES.items():
        print(f"({key}) {what:<54}{dev[key]:>6}{counts['round 4'][key]:>9}"
              f"{counts['earlier'][key]:>9}")
    total = sum(rows_total.values())
    print(f"{'wrong-place rows / rows reporting an event':<58}"
          f"{sum(dev.values()):>3}/{total:<3}"
          f"{sum(counts['round 4'].values()):>5}/{rows_total['round 4']:<3}"
          f"{sum(counts['earlier'].values()):>5}/{rows_total['earlier']:<3}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
