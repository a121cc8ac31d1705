"""A logistic-regression scorer over named sparse features, in plain Python.

Small enough to read and to train in seconds (no numpy matrices, no extra dependency):
weights are a dict from feature name to float, stored as JSON in ``model.json`` beside this
file. ``train.py`` builds them from a corpus at build time.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("model.json")


def sigmoid(z: float) -> float:
    """1 / (1 + e^-z), without overflow for large |z|."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    ez = math.exp(z)
    return ez / (1.0 + ez)


@dataclass
class Model:
    """Weights, the decision threshold, and where they came from."""

    weights: dict[str, float]
    threshold: float = 0.5
    meta: dict[str, object] = field(default_factory=dict)
    # Words the training corpus writes in lower case at least COMMON_MIN times: the
    # features mark capitalised candidates made of them ("Central", "Male", "Red Cross").
    common: frozenset[str] = frozenset()

    def logit(self, features: Mapping[str, float]) -> float:
        """The log-odds that the candidate names a place (the weighted sum of features)."""
        w = self.weights
        return sum(w.get(k, 0.0) * v for k, v in features.items())

    def score(self, features: Mapping[str, float]) -> float:
        """Probability that the candidate names a place."""
        return sigmoid(self.logit(features))

    def save(self, path: Path = MODEL_PATH) -> None:

        weights = {k: round(v, 4) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-4}
        payload = {"meta": self.meta, "threshold": self.threshold, "weights": weights,
                   "common_words": " ".join(sorted(self.common))}
        path.write_text(json.dumps(payload, indent=0, sort_keys=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> Model:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(dict(data["weights"]), float(data.get("threshold", 0.5)),
                   dict(data.get("meta", {})), frozenset(data.get("common_words", "").split()))


def train(
    samples: Iterable[tuple[Mapping[str, float], int]],
    epochs: int = 12,
    l2: float = 1e-4,
    rate: float = 0.3,
    seed: int = 13,
) -> Model:
    """Fit weights by AdaGrad on the log loss with an L2 penalty.

    Deterministic for a given ``seed`` (the sample order is shuffled with it).
    """
    data = list(samples)
    rng = random.Random(seed)
    w: dict[str, float] = {}
    g2: dict[str, float] = {}
    model = Model(w)
    for _ in range(epochs):
        rng.shuffle(data)
        for feats, label in data:
            p = model.score(feats)
            err = p - label
            for k, v in feats.items():
                grad = err * v + l2 * w.get(k, 0.0)
                acc = g2.get(k, 1e-8) + grad * grad
                g2[k] = acc
                w[k] = w.get(k, 0.0) - rate * grad / math.sqrt(acc)
    return model


def average(models: Iterable[Model]) -> Model:
    """One model whose weights are the mean of the given models' weights.

    Fits that differ only in the order the samples were shuffled disagree most on rare
    features (a context word seen a few times); their mean keeps what they share, so a
    small change in the training data no longer moves the figures by chance.
    """
    ws = [m.weights for m in models]
    keys = set().union(*ws)
    return Model({k: sum(w.get(k, 0.0) for w in ws) / len(ws) for k in sorted(keys)})
