"""Batch geoparsing throughput on dask.distributed: 1 and 2 workers over 5,000 documents.

    python benchmarks/batch.py [--documents 5000] [--workers 1 2]

The 588 LGL articles (``../shared/data/geoparse/LGL/texts``) are repeated to N documents,
each copy made distinct by a line of its own (the batch keys articles by the hash of their
text, so plain repeats would be parsed once), and written as one Parquet table. For each
worker count the script starts a LocalCluster, warms every worker (gazetteer and model
loaded), then times ``geo.batch.run_batch`` alone, and prints documents per second,
scaling efficiency against one worker (throughput_n / (n * throughput_1)), the peak
resident memory of each worker process, and the output's size per 1,000 event rows.
The machine's other work slows it: run it on an idle machine for figures to report.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import batch  # noqa: E402
from geo.geoparse.corpora import CORPORA_DIR  # noqa: E402

LGL = CORPORA_DIR / "LGL" / "texts"


def corpus_table(n: int, folder: Path) -> Path:
    texts = [p.read_text(encoding="utf-8") for p in sorted(LGL.glob("*.txt"))]
    rows = [{"text": f"{texts[i % len(texts)]}\n\n(copy {i})\n", "published": "2010-06-01",
             "outlet": "LGL"} for i in range(n)]
    path = folder / "corpus.parquet"
    pd.DataFrame(rows).to_parquet(path)
    return path


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(table: Path, workers: int, folder: Path) -> dict[str, float]:
    client = batch.local_client(workers)
    try:
        client.run(batch._warm_up)
        out = folder / f"out-{workers}"
        t0 = time.perf_counter()
        summary = batch.run_batch([str(table)], out, client=client)
        seconds = time.perf_counter() - t0
        peaks = sorted(client.run(_peak_rss_mb).values())
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()
    size = sum(p.stat().st_size for p in out.glob("part-*.parquet"))
    return {"documents": summary.parsed, "seconds": seconds,
            "per_second": summary.parsed / seconds, "rows": summary.rows,
            "peak_mb": max(peaks), "bytes_per_1000_rows": size / max(1, summary.rows) * 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    if not LGL.is_dir():
        print(f"batch benchmark: the LGL corpus is not at {LGL}; it comes with ../shared "
              "(see README, Data sources)", file=sys.stderr)
        return 2
    batch.ensure_index()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        table = corpus_table(args.documents, folder)
        results = {w: measure(table, w, folder) for w in args.workers}
    base = results[min(results)]
    print(f"{args.documents} documents (LGL repeated), one thread per worker process")
    print(f"{'workers':>7} {'seconds':>8} {'docs/s':>8} {'efficiency':>10} "
          f"{'peak MB/worker':>14} {'rows':>7} {'kB/1000 rows':>12}")
    for w, r in results.items():
        eff = r["per_second"] / (w / min(results) * base["per_second"])
        print(f"{w:>7} {r['seconds']:>8.1f} {r['per_second']:>8.1f} {eff:>10.2f} "
              f"{r['peak_mb']:>14.0f} {r['rows']:>7} {r['bytes_per_1000_rows'] / 1000:>12.1f}")
    if len(results) > 1:
        top = max(results)
        print(f"speed-up {min(results)} -> {top} workers: "
              f"{results[top]['per_second'] / base['per_second']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
