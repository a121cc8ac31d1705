"""Build-time training of the event screen (:mod:`geo.geoparse.screen`).

``python -m geo.geoparse.train_screen`` reads the development part of the annotated event
set (``benchmarks/data/events/``, texts from ``../shared``; the held-out part is never
read), labels each sentence the proposer puts forward (1 when it overlaps an annotated
event's anchor), chooses the threshold by 5-fold cross-validation over the development
articles (the sum of the benchmark's five measures on the left-out folds; "none" keeps
every proposal), fits the model on all of them and writes ``geo/geoparse/screen.json``.
Deterministic: folds by article order, the trainer's fixed shuffle seed.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass

from geo.events import Event
from geo.geoparse.eventset import AnnotatedArticle, Tally, load_event_set, score
from geo.geoparse.model import Model, train
from geo.geoparse.screen import SCREEN_PATH

FOLDS = 5
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
EPOCHS = 20
L2 = 1e-2


@dataclass
class Proposed:
    """One article's proposed sentences: features, records and label."""

    article: AnnotatedArticle
    items: list[tuple[dict[str, float], list[Event], int]]


def _label(article: AnnotatedArticle, rows: list[Event]) -> int:
    r = rows[0]
    return int(any(s < r.excerpt_end and r.excerpt_start < e
                   for g in article.events for s, e in g.spans))


def collect(articles: Sequence[AnnotatedArticle], parser) -> list[Proposed]:
    from geo.geoparse.propose import proposals

    return [Proposed(a, [(f, rows, _label(a, rows)) for f, rows in proposals(a.article, parser)])
            for a in articles]


def fit(data: Sequence[Proposed]) -> Model:
    return train([(f, y) for p in data for f, _, y in p.items], epochs=EPOCHS, l2=L2)


def _tally(data: Sequence[Proposed], model: Model | None, threshold: float, locate) -> Tally:
    total = Tally()
    for p in data:
        rows = [r for f, rs, _ in p.items
                if model is None or model.score(f) >= threshold for r in rs]
        total.add(score(p.article.events, rows, locate))
    return total


def cross_validate(data: Sequence[Proposed], locate) -> dict[str, Tally]:
    """Tallies on the left-out folds for each threshold (and "none": no screen)."""
    out = {"none": _tally(data, None, 0.0, locate)}
    out.update({f"{t:.2f}": Tally() for t in THRESHOLDS})
    for k in range(FOLDS):
        train_part = [p for i, p in enumerate(data) if i % FOLDS != k]
        test_part = [p for i, p in enumerate(data) if i % FOLDS == k]
        model = fit(train_part)
        for t in THRESHOLDS:
            out[f"{t:.2f}"].add(_tally(test_part, model, t, locate))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.parse_args(argv)
    from geo.geoparse.toponyms import Geoparser

    parser = Geoparser()

    def locate(row: Event) -> tuple[float, float] | None:
        place = parser.gazetteer.get(row.place_id)
        return (place.lat, place.lon) if place else None

    data = collect(load_event_set(split="dev"), parser)
    results = cross_validate(data, locate)
    print("threshold  found  right  real  place  date   (5-fold CV, development part)")
    for name, t in results.items():
        print(f"{name:>9}  " + "  ".join(f"{m:5.0%}" for m in t.measures()))
    best = max(results, key=lambda k: (round(sum(results[k].measures()), 4), k == "none"))
    model = fit(data)
    model.threshold = 0.0 if best == "none" else float(best)
    model.meta = {
        "trained_on": "development part of benchmarks/data/events (texts of LGL and "
                      "GeoVirus, GPL-3.0, read from ../shared; only weights are shipped)",
        "articles": len(data), "sentences": sum(len(p.items) for p in data),
        "threshold_by": "5-fold CV over development articles, sum of the five measures",
        "cv": {k: [round(m, 3) for m in t.measures()] for k, t in results.items()},
    }
    model.save(SCREEN_PATH)
    print(f"wrote {SCREEN_PATH} (threshold {best}, {len(model.weights)} weights)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
