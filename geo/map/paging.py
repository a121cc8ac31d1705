"""The day's list beside the map, a page at a time: a busy day of 100,000 generated events
holds over a thousand events, and a button each would cost the page seconds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

#: Events per page of the day's list.
PAGE_SIZE = 40


@dataclass(frozen=True)
class Page:
    """One page of a list: its rows, its number (from 1), how many pages, and the
    positions (from 1) of its first and last rows in the whole list."""

    rows: list
    number: int
    pages: int
    first: int
    last: int


def page_count(n: int, size: int = PAGE_SIZE) -> int:
    """Pages for ``n`` rows (at least one, even when empty)."""
    return max(1, -(-n // size))


def list_page(rows: Sequence[T], number: int, size: int = PAGE_SIZE) -> Page:
    """Page ``number`` of ``rows`` (clamped to the pages there are)."""
    pages = page_count(len(rows), size)
    number = min(max(int(number), 1), pages)
    start = (number - 1) * size
    chosen = list(rows[start:start + size])
    return Page(chosen, number, pages, start + 1 if chosen else 0, start + len(chosen))

