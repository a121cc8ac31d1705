"""A corpus, not an article: geoparsing many articles on dask.distributed.

``python -m geo batch`` (``geo/commands/batch.py``) is the command; this module is its
engine, without any printing, so tests and benchmarks drive it directly.

How a run is laid out, and why:

- **Documents.** Inputs are article files (``.txt``/``.md``, each with the ``.json``
  metadata beside it that ``python -m geo parse`` reads: the same
  :func:`geo.commands.parse.load_any_article`, so a batch row equals a ``parse`` row) or
  tables (CSV, JSON Lines, Parquet) with the columns ``text`` and ``published`` and
  optionally ``title``, ``outlet``, ``url``. A document's identity is the hash of its text
  (:func:`content_id`), which the manifest records, so the same article under two names is
  parsed once.
- **Tasks.** Documents travel to the workers in chunks (one task per chunk, a few dozen
  articles), so a task is long enough to amortise the scheduler's overhead (about a
  millisecond a task) and short enough to balance two workers. Each worker process builds
  the gazetteer and the recogniser once (:func:`_parser`, per process) and keeps them for
  every chunk it gets; :func:`_warm_up` runs on every worker before the first chunk.
- **Output.** Each finished chunk becomes one GeoParquet file ``part-NNNNN.parquet`` in the
  output folder (one row per event and place: the columns of ``parse`` plus
  ``article_id``; point geometry in WGS 84), written under a temporary name and renamed, so
  a partition is whole or absent. ``pandas.read_parquet(DIR)`` reads them all as one frame.
- **Resuming.** ``_manifest.jsonl`` gets one line per written partition (its file and the
  ids of its articles), appended only after the partition is renamed into place; a rerun
  skips the articles it lists and deletes partitions it does not list (left by a run that
  was killed between the two steps). A document that fails is written with its reason to
  ``_errors.jsonl`` and the batch goes on; a rerun tries it again.

The client writes the partitions (the workers return small frames), which is right for
one machine and for a cluster whose client shares the output's file system. At the scale
of millions of articles the workers would write to object storage themselves:
``docs/scale.md`` lays that out.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

ARTICLE_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".parquet")
MANIFEST = "_manifest.jsonl"  # "_": pyarrow datasets skip it
ERRORS = "_errors.jsonl"
PART_GLOB = "part-*.parquet"
#: Upper bound of articles per task; small corpora are cut finer so every worker has work.
CHUNK_SIZE = 50


class BatchInputError(ValueError):
    """An input that cannot be read at all (missing file, table without ``text``)."""


@dataclass(frozen=True)
class Document:
    """One article to parse: its text and metadata, or the file to read them from."""

    id: str  # content_id(text)
    source: str  # the file, or "table.csv#row 12"
    text: str = ""
    published: date | None = None
    title: str = ""
    outlet: str = ""
    url: str = ""
    path: str = ""  # set for article files: parsed as `python -m geo parse` parses them


@dataclass
class ChunkResult:
    """What a worker sends back for one chunk: rows, articles done, articles failed.

    ``parsed`` holds each done article with its events when the run also fills the
    workspace database (``--db``); empty otherwise, so chunks stay small.
    """

    frame: pd.DataFrame
    done: list[str]
    errors: list[dict[str, str]] = field(default_factory=list)
    parsed: list[tuple[Any, list[Any]]] = field(default_factory=list)


@dataclass
class BatchSummary:
    """Counts of one run, for the command's last line and for tests."""

    documents: int = 0  # distinct documents in the input
    skipped: int = 0  # already in the manifest
    parsed: int = 0
    failed: int = 0
    rows: int = 0
    partitions: int = 0
    stored: int = 0  # articles added to the workspace database (``--db``)
    problems: list[str] = field(default_factory=list)  # inputs that could not be read


def content_id(text: str) -> str:
    """The identity of an article: the first 16 hex digits of the SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- reading inputs -----------------------------------------------------------------------


def expand_inputs(inputs: Sequence[str]) -> list[Path]:
    """Files named by ``inputs`` (files, folders searched recursively, glob patterns).

    Folders yield their articles and tables (not the ``.json`` metadata beside articles).
    Sorted and without repeats, so a run's order does not depend on the file system.
    """
    found: set[Path] = set()
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for suffix in ARTICLE_SUFFIXES + TABLE_SUFFIXES:
                found.update(p for p in path.rglob(f"*{suffix}") if p.is_file())
        elif path.is_file():
            found.add(path)
        else:
            matches = [Path(p) for p in glob.glob(raw, recursive=True)]
            if not matches:
                raise BatchInputError(f"no such file, folder or pattern: {raw}")
            found.update(p for p in matches if p.is_file())
    return sorted(found)


def read_documents(paths: Iterable[Path], problems: list[str] | None = None) -> Iterator[Document]:
    """The documents of ``paths``; a file that cannot be read is noted in ``problems``."""
    for path in paths:
        suffix = path.suffix.lower()
        try:
            if suffix in TABLE_SUFFIXES:
                yield from _table_documents(path)
            elif suffix in ARTICLE_SUFFIXES:
                yield _file_document(path)
            elif problems is not None:
                problems.append(f"{path}: not an article (.txt, .md) or a table "
                                f"({', '.join(TABLE_SUFFIXES)})")
        except (OSError, BatchInputError, ValueError) as exc:
            if problems is None:
                raise
            problems.append(f"{path}: {exc}")


def _file_document(path: Path) -> Document:
    # Decoding problems are the worker's to report (as `parse` reports them), per document.
    # The hash of a UTF-8 file's bytes is content_id() of its text: one identity for both.
    data = path.read_bytes()
    return Document(id=hashlib.sha256(data).hexdigest()[:16], source=str(path), path=str(path))


def _read_table(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    if suffix == ".parquet":
        return pd.read_parquet(path)
    return pd.read_json(path, lines=True, dtype=False)


def _table_documents(path: Path) -> Iterator[Document]:
    table = _read_table(path)
    missing = {"text", "published"} - set(table.columns)
    if missing:
        raise BatchInputError(f"the table has no column {', '.join(sorted(missing))}")
    columns = [c for c in ("text", "published", "title", "outlet", "url") if c in table]
    for number, row in enumerate(table[columns].itertuples(index=False, name=None), start=1):
        values = dict(zip(columns, row, strict=True))
        text = "" if pd.isna(values["text"]) else str(values["text"])
        yield Document(
            id=content_id(text),
            source=f"{path}#row {number}",
            text=text,
            published=_date_or_none(values["published"]),
            title=_cell(values.get("title")),
            outlet=_cell(values.get("outlet")),
            url=_cell(values.get("url")),
        )


def _cell(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _date_or_none(value: Any) -> date | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, date):
        return value if type(value) is date else value.date()
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


# --- the work of one worker ---------------------------------------------------------------


@lru_cache(maxsize=1)
def _parser():
    """This process's geoparser: gazetteer and model loaded once, for every chunk."""
    from geo.geoparse.toponyms import Geoparser

    return Geoparser()


def _warm_up() -> int:
    """Load the gazetteer, its index and the model in a worker before its first chunk."""
    parser = _parser()
    parser.toponyms("Fighting in Homs, Syria.")
    return os.getpid()


def article_of(doc: Document, published: date | None = None):
    """The :class:`geo.article.Article` of ``doc``, read as ``python -m geo parse`` reads.

    Article files go through :func:`geo.commands.parse.load_any_article` (metadata beside
    the file, ``published`` overriding it); table rows need their own ``published``.
    """
    from geo.article import make_article
    from geo.commands.parse import ParseError, load_any_article

    if doc.path:
        try:
            return load_any_article(Path(doc.path), published)
        except ParseError as exc:
            raise ValueError(str(exc)) from None
    when = doc.published or published
    if when is None:
        raise ValueError("no publication date (the table's 'published' is empty or not "
                         "YYYY-MM-DD)")
    if not doc.text.strip():
        raise ValueError("empty text")
    first_line = next(line.strip() for line in doc.text.splitlines() if line.strip())
    return make_article(
        doc.text, id=doc.id, title=doc.title or first_line[:120], outlet=doc.outlet,
        published=when, source=doc.url or doc.source,
    )


def events_of(doc: Document, published: date | None = None):
    """The article of one document and its proposed events (``python -m geo parse``'s)."""
    from geo.geoparse.propose import propose_events

    article = article_of(doc, published)
    return article, propose_events(article, _parser())


def parse_chunk(docs: Sequence[Document], published: date | None = None,
                keep: bool = False) -> ChunkResult:
    """Parse a chunk of documents on a worker; a failing document never stops the chunk.

    ``keep``: send each article and its events back too (for the workspace database).
    """
    from geo.geoparse.propose import proposals_frame

    frames, done, errors, parsed = [], [], [], []
    for doc in docs:
        try:
            article, events = events_of(doc, published)
            frame = proposals_frame(events)
        except Exception as exc:  # noqa: BLE001 - any failure is one document's, reported
            reason = str(exc) if isinstance(exc, ValueError) else traceback.format_exc(limit=3)
            errors.append({"article_id": doc.id, "source": doc.source, "error": reason.strip()})
            continue
        frame.insert(0, "article_id", doc.id)
        frames.append(frame)
        done.append(doc.id)
        if keep:
            parsed.append((article, events))
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return ChunkResult(frame, done, errors, parsed)


# --- the output folder --------------------------------------------------------------------


class Output:
    """The output folder: partitions, the manifest of finished articles, the errors file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.manifest_path = folder / MANIFEST
        self.errors_path = folder / ERRORS
        self.done: set[str] = set()
        parts: set[str] = set()
        if self.manifest_path.exists():
            for line in self.manifest_path.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:  # a line cut by a kill: its partition goes too
                    continue
                parts.add(entry["part"])
                self.done.update(entry["articles"])
        for part in folder.glob(PART_GLOB):  # written but never recorded: a killed run
            if part.name not in parts:
                part.unlink()
        for tmp in folder.glob(".*.tmp"):
            tmp.unlink()
        numbers = [int(p.split("-")[1].split(".")[0]) for p in parts] or [-1]
        self._next = max(numbers) + 1

    def write(self, result: ChunkResult) -> int:
        """Write one chunk's partition (if it has rows), then record it; rows written."""
        if result.errors:
            with self.errors_path.open("a", encoding="utf-8") as f:
                f.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in result.errors)
        if not result.done:
            return 0
        name = f"part-{self._next:05d}.parquet"
        self._next += 1
        if len(result.frame):
            tmp = self.folder / f".{name}.tmp"  # hidden from readers until renamed
            to_geoparquet(result.frame, tmp)
            os.replace(tmp, self.folder / name)
        with self.manifest_path.open("a", encoding="utf-8") as f:
            f.write(json.dumps({"part": name, "articles": result.done,
                                "rows": len(result.frame)}) + "\n")
            f.flush()
            os.fsync(f.fileno())
        self.done.update(result.done)
        return len(result.frame)


def to_geoparquet(frame: pd.DataFrame, path: Path) -> None:
    """``frame`` as GeoParquet: a point geometry from ``lon``/``lat`` (WGS 84) added."""
    import geopandas as gpd

    geometry = gpd.points_from_xy(frame["lon"], frame["lat"], crs="EPSG:4326")
    gpd.GeoDataFrame(frame, geometry=geometry).to_parquet(path, index=False)


# --- the run ------------------------------------------------------------------------------


def chunks(docs: Sequence[Document], workers: int, size: int = CHUNK_SIZE) -> list[list[Document]]:
    """``docs`` cut into tasks: at most ``size`` each, and at least four per worker."""
    if not docs:
        return []
    per = max(1, min(size, -(-len(docs) // (4 * max(1, workers)))))
    return [list(docs[i:i + per]) for i in range(0, len(docs), per)]


def run_batch(
    inputs: Sequence[str],
    out: Path,
    *,
    client,
    published: date | None = None,
    chunk_size: int = CHUNK_SIZE,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    store=None,
) -> BatchSummary:
    """Parse every document of ``inputs`` on ``client``'s cluster into ``out``.

    ``on_start(documents_to_parse)`` is called once the inputs are read and
    ``on_progress(documents_done, rows_written)`` after each chunk, for a progress bar.
    Returns the run's counts; unreadable inputs are in ``problems``. With ``store``
    (a :class:`geo.store.Store`), each parsed article is also added to the workspace
    database with its events, one transaction per article, after its partition is written.
    """
    from distributed import as_completed

    summary = BatchSummary()
    output = Output(out)
    docs: list[Document] = []
    seen: set[str] = set()
    for doc in read_documents(expand_inputs(inputs), summary.problems):
        if doc.id in seen:
            continue
        seen.add(doc.id)
        if doc.id in output.done:
            summary.skipped += 1
        else:
            docs.append(doc)
    summary.documents = len(seen)
    if on_start is not None:
        on_start(len(docs))
    if not docs:
        return summary
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    client.run(_warm_up)
    futures = [client.submit(parse_chunk, chunk, published, store is not None, pure=False)
               for chunk in chunks(docs, workers, chunk_size)]
    for future in as_completed(futures):
        result: ChunkResult = future.result()
        summary.rows += output.write(result)
        summary.partitions += bool(len(result.frame))
        summary.parsed += len(result.done)
        summary.failed += len(result.errors)
        for article, events in result.parsed:
            summary.stored += store.add_parsed(article, events, article.source).status == "added"
        future.release()
        if on_progress is not None:
            on_progress(len(result.done) + len(result.errors), summary.rows)
    return summary


def local_client(workers: int):
    """A dask.distributed client of a LocalCluster: ``workers`` processes of one thread.

    One thread per process: the geoparser is pure Python and holds the interpreter lock,
    so threads would not run it in parallel. Its HTTP endpoints take a free port (":0"),
    never a fixed one another cluster may hold.
    """
    import logging

    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
        silence_logs=logging.ERROR,
    )
    return Client(cluster)


def ensure_index() -> None:
    """Build the GeoNames index before workers start, so they never build it at once."""
    from geo.gazetteer import load_gazetteer

    geonames = load_gazetteer().geonames
    if geonames is not None:
        geonames.ensure_built()
