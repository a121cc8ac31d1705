"""Geoparsing evaluation corpora (LGL, GeoVirus) and the scoring rules of their README.

The corpora live outside the repository (``../shared/data/geoparse``, GPL-3.0 data): they
are read at build time to train and to benchmark, never copied in.

Scoring (as ``shared/data/README.md`` states it): a found toponym matches a gold one when the
surface text is equal case-insensitively and the span midpoints are under 10 characters
apart; precision, recall, F1 over toponyms; for matched ones, the share with error under
161 km, the mean and median error.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from geo import ROOT
from geo.distance import km_between

CORPORA_DIR = ROOT.parent / "shared" / "data" / "geoparse"
CORPORA = ("LGL", "GeoVirus")


@dataclass(frozen=True)
class GoldToponym:
    text: str
    start: int
    end: int
    lat: float
    lon: float


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    gold: tuple[GoldToponym, ...]


@dataclass(frozen=True)
class Found:
    """One toponym a parser output, as the scorer needs it (lat/lon may be unknown)."""

    text: str
    start: int
    end: int
    lat: float | None
    lon: float | None


class CorpusMissing(FileNotFoundError):
    """The corpora are not where they are read from; the message says where to put them."""


def load_corpus(name: str, root: Path | None = None) -> list[Document]:
    """Read ``texts/<i>.txt`` and line i of ``gold.txt`` for every document.

    :class:`CorpusMissing` when the corpus is not there (a clone without ``../shared``).
    """
    root = CORPORA_DIR if root is None else root
    base = root / name
    if not (base / "gold.txt").is_file():
        raise CorpusMissing(
            f"the {name} corpus is not at {base}: the benchmark reads the LGL and GeoVirus "
            f"corpora from {root} (the project's shared data, beside the repository as "
            "../shared; see its README)"
        )
    lines = (base / "gold.txt").read_text(encoding="utf-8").split("\n")
    docs: list[Document] = []
    i = 0
    while (base / "texts" / f"{i}.txt").exists():
        text = (base / "texts" / f"{i}.txt").read_text(encoding="utf-8")
        gold = []
        for item in (lines[i] if i < len(lines) else "").split("||"):
            fields = item.split(",,")
            if len(fields) < 6:
                continue
            gold.append(GoldToponym(fields[1], int(fields[4]), int(fields[5]),
                                    float(fields[2]), float(fields[3])))
        docs.append(Document(f"{name}/{i}", text, tuple(gold)))
        i += 1
    return docs


def match(found: Sequence[Found], gold: Sequence[GoldToponym]) -> list[tuple[int, int]]:
    """Pairs (found index, gold index): equal text (case-insensitive), midpoints < 10 apart.

    Each gold toponym matches at most one found toponym (the nearest unused one).
    """
    pairs = []
    used: set[int] = set()
    for gi, g in enumerate(gold):
        gmid = (g.start + g.end) / 2
        best, best_d = None, 10.0
        for fi, f in enumerate(found):
            if fi in used or f.text.lower() != g.text.lower():
                continue
            d = abs((f.start + f.end) / 2 - gmid)
            if d < best_d:
                best, best_d = fi, d
        if best is not None:
            used.add(best)
            pairs.append((best, gi))
    return pairs


@dataclass
class Score:
    """Running totals over documents; properties give the figures."""

    found: int = 0
    gold: int = 0
    matched: int = 0
    errors_km: list[float] | None = None

    def add(self, found: Sequence[Found], gold: Sequence[GoldToponym]) -> None:
        if self.errors_km is None:
            self.errors_km = []
        pairs = match(found, gold)
        self.found += len(found)
        self.gold += len(gold)
        self.matched += len(pairs)
        for fi, gi in pairs:
            f, g = found[fi], gold[gi]
            if f.lat is None or f.lon is None:
                self.errors_km.append(20039.0)  # unresolved: counted as the worst error
            else:
                self.errors_km.append(km_between((f.lat, f.lon), (g.lat, g.lon)))

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def acc161(self) -> float:
        errs = self.errors_km or []
        return sum(e < 161 for e in errs) / len(errs) if errs else 0.0

    @property
    def median_km(self) -> float:
        return statistics.median(self.errors_km) if self.errors_km else 0.0

    @property
    def mean_km(self) -> float:
        return statistics.fmean(self.errors_km) if self.errors_km else 0.0


def folds(docs: Sequence[Document], k: int) -> Iterable[tuple[list[Document], list[Document]]]:
    """Document folds for cross-validation: (train, test) with document i in fold i % k."""
    for j in range(k):
        yield ([d for i, d in enumerate(docs) if i % k != j],
               [d for i, d in enumerate(docs) if i % k == j])
