"""Build-time training of the recognition model from a gold corpus.

``python -m geo.geoparse.train [--corpus LGL]`` reads the corpus from ``../shared`` (never
copied into the repository), labels every candidate span (1 when a gold toponym has the
same text and a midpoint under 10 characters away, the benchmark's matching rule), fits
the logistic regression and writes ``geo/geoparse/model.json`` (weights only, with the
corpus named in its ``meta`` for attribution).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from geo.geoparse.corpora import Document, load_corpus
from geo.geoparse.cues import airport_only
from geo.geoparse.features import Candidate, Lookup, generate
from geo.geoparse.model import MODEL_PATH, Model, average, train

ATTRIBUTION = {
    "LGL": "LGL corpus (Lieberman, Samet & Sankaranarayanan, ICDE 2010), as distributed "
           "by the EUPEG platform (GPL-3.0); only derived weights are shipped",
    "GeoVirus": "GeoVirus corpus (Gritta, Pilehvar & Collier, 2018), as distributed by the "
                "EUPEG platform (GPL-3.0); only derived weights are shipped",
}


def is_gold(c: Candidate, doc: Document) -> bool:
    """The benchmark's rule: same text (any case), midpoints under 10 characters apart."""
    mid = (c.start + c.end) / 2
    low = c.text.lower()
    return any(g.text.lower() == low and abs((g.start + g.end) / 2 - mid) < 10 for g in doc.gold)


COMMON_MIN = 3  # lower-case occurrences that make a word "common" (see Model.common)
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{3,}(?![\w'’-])")


def common_words(docs: Iterable[Document], least: int = COMMON_MIN) -> frozenset[str]:
    """Words the documents write in lower case at least ``least`` times."""
    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update(_LOWER_WORD.findall(doc.text))
    return frozenset(w for w, n in counts.items() if n >= least)


def labelled(
    docs: Iterable[Document], lookup: Lookup, common: frozenset[str] = frozenset()
) -> list[tuple[dict[str, float], int]]:
    """(features, label) for every candidate span of every document."""
    out = []
    for doc in docs:
        _, cands = generate(doc.text, lookup, common)
        out.extend((c.features, int(is_gold(c, doc))) for c in cands if not airport_only(c))
    return out


# Decision threshold on the (discourse-smoothed) probability. Chosen by F1 in 5-fold CV on
# LGL among 0.3, 0.35, 0.4, 0.45, 0.5 (0.35 and 0.4 tie within 0.001; 0.4 is the more
# precise). GeoVirus played no part in the choice.
THRESHOLD = 0.4
# Fits averaged into the shipped model, each over another shuffle of the samples (seeds
# 13, 14, 15): one fit's F1 moved by +-0.002 with the shuffle alone in 5-fold CV on LGL.
FITS = 3
SEED = 13


def train_model(docs: Sequence[Document], lookup: Lookup, corpus: str = "") -> Model:
    """Fit a recognition model on ``docs``."""
    common = common_words(docs)
    samples = labelled(docs, lookup, common)
    model = average(train(samples, seed=SEED + i) for i in range(FITS))
    model.common = common
    model.threshold = THRESHOLD
    model.meta = {"trained_on": corpus, "documents": len(docs),
                  "attribution": ATTRIBUTION.get(corpus, corpus)}
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="LGL", choices=sorted(ATTRIBUTION))
    args = parser.parse_args(argv)
    from geo.geoparse.toponyms import Geoparser

    lookup = Geoparser(model=Model({})).lookup
    model = train_model(load_corpus(args.corpus), lookup, args.corpus)
    model.save(MODEL_PATH)
    print(f"wrote {MODEL_PATH} ({len(model.weights)} weights, trained on {args.corpus})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
