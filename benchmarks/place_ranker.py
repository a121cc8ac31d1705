"""Would a learned ranker choose a row's place better than the rules? (development part only)

    python benchmarks/place_ranker.py

For every proposed row that reports an event of the development part, the candidate places
are the rules' choice, the places named from two sentences before to one after (the
nearest mention of each), and the story's place. Each candidate has features (where it is
named relative to the row's sentence, whether the rules chose it, the story's place, the
dateline, mentions in the article, kind, a locative preposition before it, a residence,
a reference point or part of a longer name, whether it lies in the rules' choice or holds
it, log distance from the story's place) and a label: within the tolerance of a gold place
of the events the row reports. A logistic regression (the recogniser's own trainer,
:func:`geo.geoparse.model.train`) is fitted pointwise and, separately, on pairs (a right
candidate against a wrong one of the same row); the row's place is the candidate it
scores highest. Cross-validation is grouped by article (5 folds), so a fold never sees an
article it is scored on. Printed per part (the older 55 articles, rounds 5 and 6): rows
whose place the rules get right, and the ranker.

Result on 3 December 2026 (README of ``geo/geoparse``): the ranker does not beat the
rules on all three parts at any setting tried, so the proposer keeps the rules. Only the
development part is read: the held-out part stays unseen.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.distance import km_between  # noqa: E402
from geo.gazetteer import Place  # noqa: E402
from geo.geoparse import discourse  # noqa: E402
from geo.geoparse.eventset import EVENT_SET, load_event_set, place_right  # noqa: E402
from geo.geoparse.model import train  # noqa: E402
from geo.geoparse.propose import article_mentions, propose_events  # noqa: E402
from geo.geoparse.toponyms import Geoparser  # noqa: E402

FOLDS = 5
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|on|into|across|throughout)\s+"
                       r"(?:the\s+)?(?:\w+\s+){0,3}$", re.IGNORECASE)
Row = list[tuple[dict[str, float], bool, bool]]  # (features, right, the rules' choice)


def _kind(p: Place) -> str:
    if p.kind == "country":
        return "country"
    if p.kind in ("state", "admin1", "province"):
        return "state"
    if p.kind in ("county", "admin2", "district", "governorate"):
        return "county"
    return "local" if p.kind in discourse.LOCAL_KINDS else "other"


def rows(parser: Geoparser) -> list[tuple[str, str, Row]]:
    """(article id, part, candidates) for every development row that reports an event."""
    added = {r["id"]: r.get("added") for r in json.loads(
        EVENT_SET.read_text(encoding="utf-8"))["articles"]}
    out = []
    for a in load_event_set():
        if a.split != "dev":
            continue
        part = added.get(a.id) if added.get(a.id) in ("round 5", "round 6") else "older"
        art, body = a.article, a.article.body
        named = [t for t in article_mentions(art, parser) if t.place is not None
                 and t.text not in discourse.DEMONYMS]
        sentences = art.sentences
        lead = discourse.dateline(art, named)
        story = discourse.focus(art, named, lead, parser.gazetteer)
        counts: dict[str, int] = {}
        for t in named:
            counts[t.place.id] = counts.get(t.place.id, 0) + 1
        where = [next((i for i, s in enumerate(sentences) if s.start <= t.start <= s.end),
                      None) for t in named]
        for r in propose_events(art, parser):
            gold = [g for g in a.events if any(r.excerpt_start < e and s < r.excerpt_end
                                               for s, e in g.spans)]
            rule = parser.gazetteer.get(r.place_id)
            if not gold or rule is None:
                continue
            k = next(i for i, s in enumerate(sentences) if s.start <= r.excerpt_start <= s.end)
            cands: dict[str, tuple[Place, int | None, object]] = {rule.id: (rule, None, None)}
            for t, j in zip(named, where, strict=True):
                if j is not None and k - 2 <= j <= k + 1:
                    old = cands.get(t.place.id)
                    if old is None or old[1] is None or abs(j - k) < abs(old[1] - k):
                        cands[t.place.id] = (t.place, j, t)
            if story is not None:
                cands.setdefault(story.place.id, (story.place, None, None))
            row: Row = []
            for pid, (p, j, t) in cands.items():
                f = {"bias": 1.0, f"kind={_kind(p)}": 1.0,
                     "mentions": math.log(1 + counts.get(pid, 0))}
                if pid == rule.id:
                    f["rule"] = 1.0
                if j is not None:
                    f[f"offset={j - k}"] = 1.0
                if story is not None and pid == story.place.id:
                    f["story"] = 1.0
                if lead is not None and pid == lead.place.id:
                    f["dateline"] = 1.0
                if t is not None:
                    f["locative"] = float(bool(_LOCATIVE.search(body[max(0, t.start - 30):
                                                                     t.start])))
                    f["residence"] = float(discourse.is_residence(body, t))
                    f["reference"] = float(discourse.is_reference(body, t))
                    f["part_of_name"] = float(discourse.is_part_of_name(body, t))
                if pid != rule.id:
                    f["in_rule"] = float(discourse.holds(rule, p, parser.gazetteer))
                    f["holds_rule"] = float(discourse.holds(p, rule, parser.gazetteer))
                if story is not None:
                    f["km_story"] = math.log(1 + km_between(
                        (p.lat, p.lon), (story.place.lat, story.place.lon))) / 5
                right = any(place_right(p.lat, p.lon, g) for g in gold)
                row.append(({n: v for n, v in f.items() if v}, right, pid == rule.id))
            out.append((a.id, part, row))
    return out


def _pairs(row: Row) -> list[tuple[dict[str, float], int]]:
    out = []
    for fa, ya, _ in row:
        for fb, yb, _ in row:
            if ya and not yb:
                diff = {n: fa.get(n, 0.0) - fb.get(n, 0.0) for n in set(fa) | set(fb)}
                diff = {n: v for n, v in diff.items() if v}
                out += [(diff, 1), ({n: -v for n, v in diff.items()}, 0)]
    return out


def main() -> int:
    data = rows(Geoparser())
    articles = sorted({a for a, _, _ in data})
    fold = {a: i % FOLDS for i, a in enumerate(articles)}
    for how, l2 in (("pointwise", 1e-3), ("pointwise", 1e-2), ("pairs", 1e-2), ("pairs", 1e-1)):
        tally: dict[str, list[int]] = {}
        for f in range(FOLDS):
            train_rows = [r for a, _, r in data if fold[a] != f]
            samples = ([(x, int(y)) for r in train_rows for x, y, _ in r] if how == "pointwise"
                       else [s for r in train_rows for s in _pairs(r)])
            model = train(samples, epochs=20, l2=l2)
            for a, part, r in data:
                if fold[a] != f:
                    continue
                best = max(r, key=lambda c: model.logit(c[0]))
                t = tally.setdefault(part, [0, 0, 0])
                t[0] += 1
                t[1] += any(y for _, y, chosen in r if chosen)
                t[2] += best[1]
        print(f"{how:9s} l2={l2:<6g}" + "  ".join(
            f"{part}: rules {t[1]}/{t[0]}, ranker {t[2]}/{t[0]}"
            for part, t in sorted(tally.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
