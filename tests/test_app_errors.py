"""Broken event data reaches the reader as a list of problems, never as a traceback."""

from __future__ import annotations

import csv

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import geo.events
from tests.conftest import ROOT


@pytest.fixture
def broken_seed_events(tmp_path, monkeypatch):
    """A copy of data/events.csv with one excerpt that the article does not hold."""
    rows = list(csv.DictReader(geo.events.SEED_EVENTS.open(encoding="utf-8")))
    rows[2]["excerpt"] = "Words the article never printed."
    path = tmp_path / "events.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setattr(geo.events, "SEED_EVENTS", path)
    geo.events._seed_events.cache_clear()
    st.cache_data.clear()  # a page run by an earlier test cached the good events
    st.cache_resource.clear()
    yield path
    geo.events._seed_events.cache_clear()
    st.cache_data.clear()
    st.cache_resource.clear()


def test_a_broken_events_file_is_reported_by_file_line_and_field(broken_seed_events):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "broken record" in at.error[0].value
    problems = at.code[0].value
    assert f"{broken_seed_events}:4" in problems and "excerpt" in problems
