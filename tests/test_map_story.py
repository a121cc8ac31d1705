"""The map's story order (issue 11): the day's list leads with the day's own events,
in the order the article tells them."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo.timeline import EventIndex


def test_the_days_list_leads_with_its_own_events_in_article_order():
    from geo.map.loader import load_map_events

    listed = load_map_events(None, None).index.listed(date(2013, 6, 5))
    assert listed[0]["title"].startswith("Army and Hezbollah rout the rebels")  # the lead
    starts = [r["start"].date() == date(2013, 6, 5) for r in listed]
    assert starts == sorted(starts, reverse=True)  # the day's own, then the running ones
    own = [r["excerpt_start"] for r in listed if r["start"].date() == date(2013, 6, 5)]
    assert own == sorted(own)


def test_events_without_a_known_passage_come_last_of_their_group():
    frame = pd.DataFrame({
        "id": ["a", "b", "c"], "title": ["A", "B", "C"],
        "start": pd.to_datetime(["2020-01-02"] * 3), "end": pd.to_datetime(["2020-01-02"] * 3),
        "lat": [1.0, 1.0, 1.0], "lon": [2.0, 2.0, 2.0],
        "excerpt_start": [float("nan"), 40.0, 3.0],
    })  # fmt: skip
    listed = EventIndex.from_frame(frame).listed(date(2020, 1, 2))
    assert [r["id"] for r in listed] == ["c", "b", "a"]
