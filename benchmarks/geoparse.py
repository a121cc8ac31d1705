"""Geoparsing benchmark: our geoparser beside published ones on LGL and GeoVirus.

    python benchmarks/geoparse.py            # both corpora, full run
    python benchmarks/geoparse.py --limit 50 # first 50 documents of each, quick

Time: the full run takes about 60 s of CPU (one core; 5-fold CV trains five models, the
held-out row a sixth, each the mean of three fits of about 3 s), so about 65 s on an idle
machine and more when the two shared cores are busy; ``--limit 50`` about 15 s (the
held-out model still trains on all of LGL). The run is deterministic: the same code,
gazetteer and corpora print the same figures, throughput aside.

Scoring follows ``../shared/data/README.md``: a found toponym matches a gold one when the
surface text is equal (case-insensitive) and the span midpoints are under 10 characters
apart; precision / recall / F1 over toponyms; accuracy@161 km and median error over the
matched ones (a matched toponym we could not resolve counts as 20,039 km).

Honesty rules:
- the recognition model is trained on LGL, so the LGL row is measured by 5-fold
  cross-validation over documents (each fold's documents are parsed by a model trained on
  the other four);
- GeoVirus is held out: its row is parsed by a model this script trains itself on all of
  LGL (so no GeoVirus text reaches the weights, whatever ``model.json`` holds); the script
  says whether that model equals the shipped ``model.json`` (it should: same data, same
  seed);
- LGL's guidelines annotate demonyms ("Syrian", "Americans") as toponyms and GeoVirus' do
  not, so demonym mentions are dropped from our output on GeoVirus (the row without that
  convention is printed too).
Peers on the same toponyms (the ``shared`` columns): ``--peers DIR`` (default
``benchmarks/data/peers``, shipped) holds the EUPEG platform's published outputs of each
peer, ``<corpus>_<system>.txt`` in the gold format (EUPEG repository,
``project/src/main/webapp/geoparser_output/``, GPL-3.0; see ``data/peers/README.md``).
Over the gold toponyms that both we and the peer found (matched by the rule
above), acc@161 of each: ``shared`` counts them, ``ours`` and ``peer`` are the two
accuracies. The corpus-wide peer figures (P, R, F1, acc161) are those of issue 6, scored
by the same rules on the same files.
Throughput: documents per second on one core (the process is pinned to one CPU and numeric
libraries to one thread), after start-up (gazetteer and model loaded, not timed), with an
empty name cache, recognition + resolution over the held-out corpus; the median of three
passes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# One thread for numeric libraries (the gazetteer's context ranking uses numpy), set before
# they are imported, so the throughput is that of one core.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.distance import km_between  # noqa: E402
from geo.geoparse.corpora import (  # noqa: E402
    CORPORA,
    CorpusMissing,
    Document,
    Found,
    GoldToponym,
    Score,
    folds,
    load_corpus,
    match,
)
from geo.geoparse.lexicon import DEMONYMS  # noqa: E402
from geo.geoparse.model import Model  # noqa: E402
from geo.geoparse.toponyms import Geoparser, Toponym  # noqa: E402
from geo.geoparse.train import train_model  # noqa: E402

# Peers on exactly these files (EUPEG outputs, scored by the same rules; from issue 6):
# precision, recall, F1, accuracy@161.
PEERS = {
    "LGL": {
        "CamCoder": (0.811, 0.548, 0.654, 0.717),
        "Edinburgh Geoparser": (0.723, 0.383, 0.501, 0.819),
        "CLIFF-CLAVIN": (0.808, 0.444, 0.573, 0.701),
        "TopoCluster": (0.763, 0.577, 0.657, 0.625),
    },
    "GeoVirus": {
        "CamCoder": (0.940, 0.802, 0.866, 0.770),
        "Edinburgh Geoparser": (0.860, 0.559, 0.678, 0.807),
        "CLIFF-CLAVIN": (0.913, 0.637, 0.750, 0.786),
    },
}
TRAINED_ON = "LGL"
# EUPEG's file names for the peers (``<corpus>_<name>.txt``) -> the name shown.
PEER_FILES = {
    "CamCoder": "CamCoder",
    "Edinburgh": "Edinburgh Geoparser",
    "CLAVIN": "CLIFF-CLAVIN",
    "TopoCluster": "TopoCluster",
    "GeoTxt": "GeoTxt",
    "DBpedia": "DBpedia Spotlight",
    "Yahoo": "Yahoo! PlaceSpotter",
    "StanfordNER": "Stanford NER + GeoNames",
    "SpaCyNER": "spaCy NER + GeoNames",
}
# Shipped with the benchmark (data/peers/README.md: source, commit, GPL-3.0).
DEFAULT_PEERS_DIR = Path(__file__).resolve().parent / "data" / "peers"


def is_demonym(t: Toponym) -> bool:
    return t.text.replace("’", "'") in DEMONYMS or t.text.title() in DEMONYMS


def found(tops: list[Toponym], demonyms: bool) -> list[Found]:
    return [
        Found(t.text, t.start, t.end, t.lat, t.lon) for t in tops if demonyms or not is_demonym(t)
    ]


def read_peer(path: Path) -> list[list[Found]]:
    """A peer's output in the gold format: line i holds the toponyms of document i."""
    out = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        found = []
        for item in line.split("||"):
            f = item.split(",,")
            if len(f) < 6:
                continue
            try:
                lat, lon = float(f[2]), float(f[3])
            except ValueError:
                lat = lon = None
            if lat is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
                continue  # no point (Edinburgh leaves many empty): not found, as in issue 6
            found.append(Found(f[1], int(f[4]), int(f[5]), lat, lon))
        out.append(found)
    return out


@dataclass
class Shared:
    """Gold toponyms both systems found, and how many each put within 161 km."""

    n: int = 0
    ours: int = 0
    peer: int = 0

    def add(self, ours: list[Found], peer: list[Found], gold: tuple[GoldToponym, ...]) -> None:
        mine = {gi: ours[fi] for fi, gi in match(ours, gold)}
        for fi, gi in match(peer, gold):
            if gi not in mine:
                continue
            self.n += 1
            self.ours += within_161(mine[gi], gold[gi])
            self.peer += within_161(peer[fi], gold[gi])


def within_161(f: Found, g: GoldToponym) -> bool:
    return f.lat is not None and f.lon is not None and (
        km_between((f.lat, f.lon), (g.lat, g.lon)) < 161
    )


def shared_scores(
    name: str, docs: list[Document], ours: dict[str, list[Found]], peers_dir: Path | None
) -> dict[str, Shared]:
    """Per peer: acc@161 of both systems over the gold toponyms both found."""
    out: dict[str, Shared] = {}
    if peers_dir is None:
        return out
    for stem, label in PEER_FILES.items():
        path = peers_dir / f"{name}_{stem}.txt"
        if not path.is_file():
            continue
        peer = read_peer(path)
        s = out[label] = Shared()
        for i, d in enumerate(docs):
            s.add(ours[d.id], peer[i] if i < len(peer) else [], d.gold)
    return out


def run_corpus(
    name: str, docs: list[Document], parser: Geoparser, cv: int, held_out_model: Model
) -> tuple[dict[str, Score], dict[str, list[Found]]]:
    """Scores with and without demonyms (cross-validated when the model trained on it),
    and our toponyms per document under the corpus' convention (for the peers' columns)."""
    scores = {"with": Score(), "without": Score()}
    main_key = "with" if name == "LGL" else "without"
    per_doc: dict[str, list[Found]] = {}
    if name == TRAINED_ON and cv > 1:
        plan = []
        for train_docs, test_docs in folds(docs, cv):
            plan.append((train_model(train_docs, parser.lookup, name), test_docs))
    elif name == TRAINED_ON:
        plan = [(parser.model, docs)]
    else:
        plan = [(held_out_model, docs)]
    for model, test_docs in plan:
        fold_parser = Geoparser(parser.gazetteer, model)
        fold_parser._cache = parser._cache
        for d in test_docs:
            tops = fold_parser.toponyms(d.text)
            scores["with"].add(found(tops, True), d.gold)
            scores["without"].add(found(tops, False), d.gold)
            per_doc[d.id] = found(tops, main_key == "with")
    return scores, per_doc


def throughput(docs: list[Document], parser: Geoparser, passes: int = 3) -> float:
    """Documents per second on one CPU: the median of ``passes`` timed passes."""
    pinned = hasattr(os, "sched_setaffinity")
    if pinned:
        cpus = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {min(cpus)})
    try:
        rates = []
        for _ in range(passes):
            fresh = Geoparser(parser.gazetteer, parser.model)  # empty name cache: honest
            t0 = time.perf_counter()
            for d in docs:
                fresh.toponyms(d.text)
            rates.append(len(docs) / (time.perf_counter() - t0))
    finally:
        if pinned:
            os.sched_setaffinity(0, cpus)
    return statistics.median(rates)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Geoparsing benchmark (LGL, GeoVirus).")
    ap.add_argument("--limit", type=int, default=None, help="first N documents of each corpus")
    ap.add_argument("--cv", type=int, default=5, help="folds for the training corpus (1: none)")
    ap.add_argument(
        "--peers", type=Path, default=DEFAULT_PEERS_DIR,
        help="directory of EUPEG peer outputs <corpus>_<system>.txt (benchmarks/README.md)",
    )
    args = ap.parse_args(argv)
    try:  # before any work: a clone without ../shared gets a message, not a traceback
        for name in CORPORA:
            load_corpus(name)
    except CorpusMissing as exc:
        print(f"geoparse benchmark: {exc}", file=sys.stderr)
        return 2
    peers_dir = args.peers if args.peers.is_dir() else None

    t0 = time.perf_counter()
    parser = Geoparser()
    parser.toponyms("Warm-up in Beirut, Lebanon.")
    print(f"start-up (gazetteer + model): {time.perf_counter() - t0:.2f} s")
    # The held-out model: trained here on all of LGL (limit or not), never on GeoVirus.
    t1 = time.perf_counter()
    held_out_model = train_model(load_corpus(TRAINED_ON), parser.lookup, TRAINED_ON)
    shipped = parser.model
    same = (
        held_out_model.threshold == shipped.threshold
        and held_out_model.common == shipped.common
        and all(abs(shipped.weights.get(k, 0.0) - v) < 1e-3
                for k, v in held_out_model.weights.items())
    )
    print(
        f"held-out model: trained on all of {TRAINED_ON} in {time.perf_counter() - t1:.1f} s; "
        f"{'equals' if same else 'DIFFERS FROM'} the shipped model.json "
        f"(trained on {shipped.meta.get('trained_on', '?')})"
    )
    header = (
        f"{'corpus':9} {'system':34} {'P':>6} {'R':>6} {'F1':>6} {'acc161':>7} {'median km':>9}"
        f"  {'shared':>6} {'ours':>6} {'peer':>6}"
    )
    print(header)
    print("-" * len(header))
    held_out_docs: list[Document] = []
    for name in ("LGL", "GeoVirus"):
        docs = load_corpus(name)[: args.limit]
        if name != TRAINED_ON:
            held_out_docs = docs
        scores, ours = run_corpus(name, docs, parser, args.cv, held_out_model)
        shared = shared_scores(name, docs, ours, peers_dir)
        for peer in dict.fromkeys([*PEERS[name], *shared]):
            p, r, f1, acc = PEERS[name].get(peer, (None,) * 4)
            cells = " ".join(f"{v:6.3f}" if v is not None else f"{'':>6}" for v in (p, r, f1))
            line = f"{name:9} {peer:34} {cells} {acc if acc is not None else '':>7}"
            if acc is not None:
                line = f"{name:9} {peer:34} {cells} {acc:7.3f}"
            line += f" {'':>9}"
            if peer in shared and shared[peer].n:
                sh = shared[peer]
                line += f"  {sh.n:6d} {sh.ours / sh.n:6.3f} {sh.peer / sh.n:6.3f}"
            print(line)
        main_key = "with" if name == "LGL" else "without"
        how = (
            f"{args.cv}-fold CV"
            if name == TRAINED_ON and args.cv > 1
            else "trained on all of it"
            if name == TRAINED_ON
            else "held out"
        )
        for key in (main_key, "with" if main_key == "without" else None):
            if key is None:
                continue
            s = scores[key]
            label = f"ours ({how}{', demonyms kept' if key != main_key else ''})"
            print(
                f"{name:9} {label:34} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                f"{s.acc161:7.3f} {s.median_km:9.1f}"
            )
        print(f"{'':9} ({len(docs)} documents, {scores[main_key].gold} gold toponyms)")
    if peers_dir is None:
        print(f"(no peer outputs at {args.peers}: the shared columns are empty; "
              "benchmarks/data/peers/README.md says where they come from)")  # fmt: skip
    docs_per_s = throughput(held_out_docs or load_corpus("GeoVirus")[: args.limit], parser)
    print(
        f"throughput: {docs_per_s:.1f} documents/s on one core (GeoVirus, after start-up, "
        "median of 3 passes)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
