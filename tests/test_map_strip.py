"""The timeline strip's data (aggregated per day on the server) and the page's state.

What a step sends for the strip must not grow with the events: 100,000 generated events
give a spec about as large as 10,000 do, bounded by the days.
"""

from __future__ import annotations

import json
import random
import time
from datetime import date, timedelta

import pandas as pd
import pytest

from geo.categories import NAMES
from geo.map import session
from geo.map.loader import load_map_events
from geo.map.state import Camera
from geo.map.strip import (
    MAX_MARKS,
    SPAN_MAX,
    STACK_MAX,
    build_strip,
    day_of_pick,
    on_day,
    strip_note,
    strip_spec,
)
from geo.timeline import Step, Timeline


@pytest.fixture(scope="module")
def seed():
    return load_map_events(None, None)


def generated(n: int, first: date = date(2013, 1, 1), days: int = 365, seed: int = 3):
    """``n`` events over ``days`` days, a quarter of them lasting up to a month."""
    rng = random.Random(seed)
    starts = [first + timedelta(days=rng.randrange(days)) for _ in range(n)]
    spans = [rng.choice([0, 0, 0, 1, 5, 29]) for _ in range(n)]
    return pd.DataFrame({
        "event_id": [f"e{i}" for i in range(n)],
        "title": [f"Event {i}" for i in range(n)],
        "category": [rng.choice(NAMES) for _ in range(n)],
        "start": pd.to_datetime(starts),
        "end": pd.to_datetime([s + timedelta(days=k) for s, k in zip(starts, spans, strict=True)]),
    })  # fmt: skip


def test_the_seeds_strip_marks_its_event_days_and_the_siege_as_a_bar(seed):
    t = seed.timeline
    strip = build_strip(seed.events, t.first_day, t.last_day)
    assert set(strip.marks["day_iso"]) == {"2013-05-19", "2013-05-21", "2013-06-04",
                                           "2013-06-05"}  # fmt: skip
    counts = strip.marks.groupby("day_iso")["n"].sum()
    assert counts["2013-06-05"] == seed.events.loc[
        seed.events["start"] == "2013-06-05", "event_id"].nunique()  # events, not markers
    # The siege and the seven other events of 19 May - 5 June share one bar.
    siege = strip.spans.loc[strip.spans["start"] == pd.Timestamp("2013-05-19")].iloc[0]
    assert siege["n"] == 8 and siege["end"] == pd.Timestamp("2013-06-06")  # to 5 June's end
    assert len(strip.spans) == 3  # and 21 May - 5 June (Tripoli), 4 - 5 June
    assert strip.more_spans == 0
    assert "events lasting several days" in strip_note(strip)


def test_the_spec_stays_the_same_and_the_day_is_its_data(seed):
    t = seed.timeline
    spec = strip_spec(build_strip(seed.events, t.first_day, t.last_day))
    chart = json.loads(spec)
    assert "data" not in chart["layer"][0]  # the band reads the chart's data: the day
    assert on_day(date(2013, 6, 4)).to_dict("records") == [{"day": "2013-06-04",
                                                           "end": "2013-06-05"}]  # fmt: skip
    assert chart["params"][0]["name"] == "pick"
    assert chart["usermeta"]["embedOptions"]["renderer"] == "svg"


def test_a_2018_article_and_a_range_of_several_years():
    one = generated(40, first=date(2018, 3, 1), days=20)
    strip = build_strip(one, date(2018, 3, 1), date(2018, 3, 31))
    assert strip.marks["day_iso"].min() >= "2018-03-01" and strip.bin_days == 1
    years = generated(3000, first=date(2010, 1, 1), days=3650)
    strip = build_strip(years, date(2010, 1, 1), date(2019, 12, 31))
    assert strip.bin_days > 1 and len(strip.marks["day_iso"].unique()) <= MAX_MARKS
    # A binned mark goes to the first event day in it.
    starts = set(years["start"].dt.strftime("%Y-%m-%d"))
    assert set(strip.marks["day_iso"]) <= starts


def test_what_a_step_sends_is_bounded_by_the_days_not_the_events():
    specs, cpu = {}, {}
    for n in (10_000, 100_000):
        events = generated(n)
        start = time.process_time()
        strip = build_strip(events, date(2013, 1, 1), date(2014, 1, 30))
        cpu[n] = time.process_time() - start
        assert len(strip.marks) <= max(STACK_MAX, 400) and len(strip.spans) <= SPAN_MAX
        specs[n] = strip_spec(strip)
    assert len(specs[100_000]) < 1.3 * len(specs[10_000])
    assert len(specs[100_000]) < 120_000
    # Aggregating is linear in the events (10x the events: well under 30x the time).
    assert cpu[100_000] < 30 * max(cpu[10_000], 0.02)
    # A step sends the same spec (the browser keeps the chart) and one row: the day.
    start = time.process_time()
    for _ in range(20):
        json.loads(specs[100_000]), on_day(date(2013, 6, 5))
    assert (time.process_time() - start) / 20 < 0.02


def test_a_click_on_the_strip_is_read_from_streamlits_selection():
    assert day_of_pick({"selection": {"pick": [{"day_iso": "2013-06-04"}]}}) == date(2013, 6, 4)
    for nothing in (None, {}, {"selection": {"pick": []}}, {"selection": {"pick": [{}]}},
                    {"selection": {"pick": [{"day_iso": "junk"}]}}):  # fmt: skip
        assert day_of_pick(nothing) is None


TIMELINE = Timeline(date(2013, 5, 19), date(2013, 6, 5),
                    (date(2013, 5, 19), date(2013, 5, 21), date(2013, 6, 4)))  # fmt: skip


def test_play_goes_from_event_day_to_event_day_unless_every_day_is_asked():
    s = {"q_day": date(2013, 5, 21), "q_step": Step.DAY.value, "q_playing": True,
         "q_last_tick": 0.0}  # fmt: skip
    assert session.tick(s, TIMELINE, now=10.0, period=1.5)
    assert s["q_day"] == date(2013, 6, 4)  # Previous/Next step by day; Play by event day
    assert not session.tick(s, TIMELINE, now=10.5, period=1.5)  # too early
    s.update(q_day=date(2013, 5, 21), q_play_all=True)
    assert session.tick(s, TIMELINE, now=20.0, period=1.5)
    assert s["q_day"] == date(2013, 5, 22)
    s.update(q_day=date(2013, 6, 5))
    session.tick(s, TIMELINE, now=30.0, period=1.5)
    assert s["q_playing"] is False  # the end stops Play


def test_a_click_on_the_strip_goes_to_its_day_and_renews_the_chart():
    s = {"q_day": date(2013, 5, 19)}
    s[session.strip_key(s)] = {"selection": {"pick": [{"day_iso": "2013-06-04"}]}}
    session.pick_day(s, TIMELINE)
    assert s["q_day"] == date(2013, 6, 4)
    assert session.strip_key(s) != f"{session.STRIP_KEY}-0"  # a fresh chart: no selection


def test_the_readers_view_from_the_url_holds_until_the_next_step():
    params = {"day": "2013-06-05", "zoom": "9", "center": "33.9,35.6"}
    camera = Camera.from_params(params)
    assert camera == Camera(9.0, 33.9, 35.6)
    assert camera.params() == {"zoom": "9", "center": "33.9000,35.6000"}
    s = {"q_day": date(2013, 6, 5), "q_camera": (date(2013, 6, 5), camera),
         "q_step": Step.DAY.value}  # fmt: skip
    assert session.camera(s) == camera
    session.step(s, TIMELINE, forward=False)
    assert session.camera(s) is None
    for bad in ({"zoom": "9"}, {"zoom": "x", "center": "1,2"}, {"zoom": "9", "center": "1"},
                {"zoom": "40", "center": "1,2"}, {"zoom": "9", "center": "91,2"}):  # fmt: skip
        assert Camera.from_params(bad) is None


def test_events_of_several_articles_count_apart():
    one = generated(30, first=date(2013, 5, 1), days=10)
    two = one.assign(article_id=2)
    both = pd.concat([one.assign(article_id=1), two], ignore_index=True)
    strip = build_strip(both, date(2013, 5, 1), date(2013, 6, 15))
    assert strip.marks["n"].sum() == 60  # the same event ids in two articles: 60 events
