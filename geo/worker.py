"""Running work on untrusted text in a worker process, with a bound on its time.

The app serves every reader from one Python process. A parse that ran in that process
would hold the interpreter lock while it works, so one reader's long or hostile article
would slow every other reader's page, and nothing could stop it. :func:`run_bounded` runs
the work in a worker process instead: the server's thread only waits (which releases the
lock), and when the bound is reached the worker is killed, so nothing keeps running on the
reader's behalf.

Workers are kept between calls (at most :data:`MAX_WORKERS`, started on first use with
``spawn``: forking the threaded server process is unsafe), so the parser's modules, model
and name caches are loaded once per worker, not once per article. A worker that timed out
or died is discarded and a new one started when next needed. A reader who finds every
worker busy waits, within the same bound.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")

MAX_WORKERS = 2  # the machine the app is sized for has two cores

_slots = threading.BoundedSemaphore(MAX_WORKERS)
_idle_lock = threading.Lock()
_idle: list[_Worker] = []


class WorkerTimeout(TimeoutError):
    """The work did not finish within its bound (its worker was stopped)."""


class WorkerFailed(RuntimeError):
    """The worker process died without an answer (killed, out of memory, crashed)."""


def _serve(conn: Connection) -> None:
    """A worker's loop: receive ``(fn, args, kwargs)``, send ``(True, result)`` or
    ``(False, exception)``, until the other end closes."""
    while True:
        try:
            fn, args, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[bool, Any] = (True, fn(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the caller
            reply = (False, exc)
        try:
            conn.send(reply)  # pickled whole before anything is written
        except Exception as exc:  # noqa: BLE001 - a result or exception that cannot pickle
            conn.send((False, WorkerFailed(f"the worker's answer cannot be sent back: {exc!r}")))


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child,), daemon=True,
                                   name="geo-worker")
        self.process.start()
        child.close()

    def stop(self) -> None:
        """Kill the process (it may be in the middle of a task) and wait for it to end."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _take() -> _Worker:
    with _idle_lock:
        while _idle:
            worker = _idle.pop()
            if worker.process.is_alive():
                return worker
            worker.stop()
    return _Worker()


def run_bounded(fn: Callable[..., T], *args: Any, timeout: float, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` run in a worker process: its result, or its exception raised.

    ``fn``, its arguments, its result and its exceptions cross process boundaries, so they
    must pickle (``fn`` a module-level function). Raises :class:`WorkerTimeout` when
    ``timeout`` seconds pass first (waiting for a free worker included; the worker is
    killed) and :class:`WorkerFailed` when the worker dies without an answer.
    """
    deadline = time.monotonic() + timeout
    if not _slots.acquire(timeout=max(0.0, timeout)):
        raise WorkerTimeout(f"no worker free within {timeout:g} s")
    worker: _Worker | None = None
    try:
        worker = _take()
        try:
            worker.conn.send((fn, args, kwargs))
        except OSError as exc:
            raise WorkerFailed(f"the worker cannot be reached: {exc}") from None
        if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
            raise WorkerTimeout(f"not done within {timeout:g} s")
        try:
            ok, value = worker.conn.recv()
        except (EOFError, OSError):
            raise WorkerFailed(
                f"the worker stopped (exit code {worker.process.exitcode})"
            ) from None
        with _idle_lock:
            _idle.append(worker)
        worker = None
    finally:
        if worker is not None:  # timed out or failed: never reused
            worker.stop()
        _slots.release()
    if ok:
        return value
    raise value


def shutdown() -> None:
    """Stop the idle workers (tests; a server exiting kills its daemon workers anyway)."""
    with _idle_lock:
        while _idle:
            _idle.pop().stop()
