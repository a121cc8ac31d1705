"""`python -m geo batch INPUT... --out DIR`: geoparse a corpus on dask.distributed.

INPUT is article files (with their ``.json`` metadata beside them, as for ``parse``),
folders of them, glob patterns, or tables (CSV, JSON Lines, Parquet) with the columns
``text`` and ``published`` (and optionally ``title``, ``outlet``, ``url``). The events go
to GeoParquet partitions in DIR; a rerun skips the articles DIR's manifest lists
(``geo.batch`` explains the layout).

Exit codes: 0 every document parsed (or already done), 1 some documents failed or an input
could not be read (each listed in DIR/_errors.jsonl or on stderr), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.commands.parse import _iso_date


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch",
        help="geoparse many articles on dask.distributed into GeoParquet",
        description="Propose the events of every article of a corpus, in parallel on a "
        "dask.distributed cluster (a local one by default), into GeoParquet partitions "
        "that pandas.read_parquet(DIR) reads as one table. Reruns skip finished articles.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="article files, folders, glob patterns, or CSV/JSONL/Parquet tables")
    p.add_argument("--out", type=Path, required=True, metavar="DIR",
                   help="output folder (partitions, _manifest.jsonl, _errors.jsonl)")
    p.add_argument("--workers", type=int, default=2, metavar="N",
                   help="worker processes of the local cluster (default: 2)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="use an existing cluster, e.g. tcp://host:8786, instead of a local one")
    p.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                   help="publication date for documents that have none of their own")
    p.add_argument("--chunk-size", type=int, default=50, metavar="K",
                   help="articles per task (default: 50)")
    p.add_argument("--db", action="store_true",
                   help="also add the articles and their events to the workspace database")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from geo import batch

    if args.workers < 1 or args.chunk_size < 1:
        print("batch: --workers and --chunk-size must be at least 1", file=sys.stderr)
        return 2
    try:
        paths = batch.expand_inputs(args.inputs)
    except batch.BatchInputError as exc:
        print(f"batch: {exc}", file=sys.stderr)
        return 2
    store = None
    if args.db:
        from geo.commands.workspace import open_or_explain

        store = open_or_explain("batch")
        if store is None:
            return 1
    batch.ensure_index()
    if args.scheduler:
        from distributed import Client

        try:
            client = Client(args.scheduler, timeout="20s")
        except OSError as exc:
            print(f"batch: cannot reach the scheduler {args.scheduler}: {exc}", file=sys.stderr)
            return 1
    else:
        client = batch.local_client(args.workers)
    bar = tqdm(unit="doc", disable=args.quiet, file=sys.stderr, smoothing=0.1)
    try:
        summary = batch.run_batch(
            [str(p) for p in paths], args.out, client=client, published=args.published,
            chunk_size=args.chunk_size, on_start=lambda n: _start(bar, n),
            on_progress=lambda n, rows: _tick(bar, n, rows), store=store,
        )
    finally:
        bar.close()
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None and not args.scheduler:
            cluster.close()
    for problem in summary.problems:
        print(f"batch: {problem}", file=sys.stderr)
    print(
        f"batch: {summary.parsed} parsed, {summary.skipped} already done, "
        f"{summary.failed} failed (see {args.out / batch.ERRORS}), {summary.rows} rows in "
        f"{summary.partitions} new partitions in {args.out}"
        + (f"; {summary.stored} articles added to the workspace" if store else ""),
        file=sys.stderr,
    )
    return 1 if summary.failed or summary.problems else 0


def _start(bar, total: int) -> None:
    bar.reset(total=total)


def _tick(bar, documents: int, rows: int) -> None:
    bar.update(documents)
    bar.set_postfix(rows=rows, refresh=False)
