"""A reader's article is read in a worker process, within a time bound (issue 9, item 8).

The parse functions below run in the worker (they are module-level so they pickle): one
never ends, one burns CPU, one dies. None of the checks waits more than about a second.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from datetime import date

import pytest

from geo import worker
from geo.article import load_seed_article
from geo.user_article import (
    TOO_LONG,
    BadArticle,
    TooLong,
    parse_article,
    read_article,
)

SEED = load_seed_article()
ARGS = {"title": "", "outlet": "NOW", "published": date(2013, 6, 5), "name": "seed.txt"}


def never_ends(data: bytes, **_: object) -> None:
    while True:
        time.sleep(0.05)


def burns_cpu(data: bytes, **_: object) -> str:
    t = time.process_time()
    while time.process_time() - t < 0.6:
        pass
    return "done"


def dies(data: bytes, **_: object) -> None:
    os._exit(3)


@pytest.mark.slow
def test_read_article_in_a_worker_gives_what_parse_article_gives() -> None:
    data = SEED.text.encode("utf-8")
    got = read_article(data, **ARGS)
    here = parse_article(data, **ARGS)
    assert got.article == here.article
    assert got.frame.equals(here.frame) and len(got.frame) > 10
    assert [(t.start, t.end, t.place and t.place.id) for t in got.toponyms] == [
        (t.start, t.end, t.place and t.place.id) for t in here.toponyms
    ]
    assert got.dates == here.dates


def test_a_parse_past_its_bound_is_stopped_with_a_clear_message() -> None:
    before = {p.pid for p in multiprocessing.active_children()}
    with pytest.raises(TooLong) as info:
        read_article(b"Fighting in Homs.", **ARGS, timeout=0.5, parse=never_ends)
    assert str(info.value) == TOO_LONG == (
        "this article took too long to read; try a shorter text"
    )
    assert isinstance(info.value, BadArticle)  # the page shows it like any unreadable text
    # The worker that ran it was killed, not left running: no new live child remains.
    assert {p.pid for p in multiprocessing.active_children()} <= before
    # ... and the next reader is served.
    assert read_article(b"Fighting in Homs, Syria.", **ARGS).article.text.startswith("Fight")


@pytest.mark.slow
def test_the_work_runs_outside_this_process() -> None:
    # Another reader's page runs in this process: the parse's CPU is spent elsewhere.
    read_article(b"warm", **ARGS, parse=burns_cpu)  # a worker is started (imports)
    t = time.process_time()
    assert read_article(b"x", **ARGS, parse=burns_cpu) == "done"
    assert time.process_time() - t < 0.3  # the worker burned 0.6 s


def test_errors_come_back_as_the_readers_message() -> None:
    with pytest.raises(BadArticle, match="binary file"):
        read_article(b"\x00\x01", **ARGS)
    with pytest.raises(BadArticle, match="could not be read"):
        read_article(b"x", **ARGS, parse=dies)


def test_busy_workers_count_against_the_bound(monkeypatch) -> None:
    import threading

    slots = threading.BoundedSemaphore(1)
    slots.acquire()  # every worker busy
    monkeypatch.setattr(worker, "_slots", slots)
    with pytest.raises(worker.WorkerTimeout, match="no worker free"):
        worker.run_bounded(burns_cpu, b"x", timeout=0.2)
