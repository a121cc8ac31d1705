"""Spans (toponyms, date mentions) sorted by start, looked up by binary search.

The proposer asks, for every sentence, which places and dates lie inside it: a scan per
sentence would make a long text quadratic.
"""

from __future__ import annotations

import bisect


def within(spans: list, starts: list[int], start: int, end: int) -> list:
    """The spans (sorted by start; ``starts`` their starts) lying inside ``[start, end)``.

    A binary search, not a scan per sentence: a long text has thousands of both.
    """
    i = bisect.bisect_left(starts, start)
    j = bisect.bisect_left(starts, end, lo=i)
    return [x for x in spans[i:j] if x.end <= end]
