"""The map page with many events (issue 15): markers aggregated by zoom, the list in pages.

A second server shows 12,000 generated events (``benchmarks/app_browser.py``'s generator,
through ``GEO_EVENTS_FILE``). Up to 1 October 2013 some 9,000 of them are visible: the
map must hold a few dozen markers and count bubbles whose counts add up to those events
(``window.__qmap.counts()``, ``static/qcluster.js``), not thousands of markers, and the
day's list beside it must come a page at a time.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from benchmarks.app_browser import generate_events
from tests.browser.test_map_page import map_settled, open_map
from tests.conftest import run_number, start_streamlit, stop

pytestmark = pytest.mark.browser
EVENTS = 12_000
DAY = "2013-10-01"


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    path = tmp_path_factory.mktemp("large") / "events.csv"
    generate_events(path, EVENTS)
    frame = pd.read_csv(path, usecols=["start", "end"], parse_dates=["start", "end"])
    proc, url = start_streamlit(env={"GEO_EVENTS_FILE": str(path), "GEO_TILES": "off"})
    yield url, frame
    stop(proc)


PICK_BUBBLE = """() => {
    const q = window.__qmap, view = q.map.getBounds().pad(-0.1);
    let found = null;
    q.groups.markers.eachLayer(m => {
        if (!found && m.qCluster && view.contains(m.getLatLng())) { found = m; }
    });
    found.getElement().setAttribute('data-test-pick', '1');
}"""


def drawn(frame) -> dict:
    """What the map holds: the counts of its markers, and the DOM markers of events."""
    counts = frame.evaluate("window.__qmap.counts()")
    return {"events": sum(c["n"] or 0 for c in counts), "markers": len(counts),
            "bubbles": sum(1 for c in counts if c["cluster"]),
            "dom": frame.locator(".ev-icon, .qc-icon").count()}  # fmt: skip


def test_markers_are_aggregated_and_their_counts_add_up(large, page):
    url, events = large
    visible = int((events["start"] <= DAY).sum())
    frame = open_map(page, f"{url}/?day={DAY}")
    assert visible > 5_000
    assert frame.evaluate("window.__qmap.aggregated.events") == visible
    now = drawn(frame)
    assert now["events"] == visible
    assert 0 < now["bubbles"] and now["markers"] == now["dom"] < 200
    # Closer in: another level, more markers, the same events.
    zoom = frame.evaluate("window.__qmap.map.getZoom()")
    frame.evaluate("z => window.__qmap.map.setZoom(z + 2, {animate: false})", zoom)
    frame.wait_for_function(f"window.__qmap.aggregated.level === '{zoom + 2}'"
                            f" || window.__qmap.aggregated.level === 'spots'")  # fmt: skip
    closer = drawn(frame)
    assert closer["events"] == visible and closer["dom"] < 400
    # A bubble's click zooms in to its places (one in view: marked for the click).
    frame.evaluate(PICK_BUBBLE)
    before = frame.evaluate("window.__qmap.map.getZoom()")
    frame.locator("[data-test-pick] .qc-bubble").click()
    frame.wait_for_function(f"window.__qmap.map.getZoom() > {before}")
    assert drawn(frame)["events"] == visible


def test_the_days_list_comes_a_page_at_a_time(large, page):
    url, events = large
    on_day = int(((events["start"] <= DAY) & (events["end"] >= DAY)).sum())
    pages = -(-on_day // 40)
    frame = open_map(page, f"{url}/?day={DAY}&view=day")
    assert pages > 2
    assert frame.evaluate("window.__qmap.aggregated === null")  # a few hundred: markers
    main = page.locator("[data-testid='stMain']")
    assert f"Events 1–40 of {on_day}" in main.inner_text()
    listed = main.get_by_role("button", name=re.compile(" — "))
    assert listed.count() == 40
    first = listed.first.inner_text()
    n = run_number(page)
    box = page.get_by_label(f"Page (of {pages})")
    box.fill("2")
    box.press("Enter")
    map_settled(page, frame, n)
    assert f"Events 41–80 of {on_day}" in main.inner_text()
    assert listed.count() == 40 and listed.first.inner_text() != first


def test_a_step_is_drawn_at_the_click_with_the_markers_the_rerun_brings(large, page):
    """Up to the day, the steps ahead name most markers by their position in the day's
    own (``ahead_json``): resolved at the click (``withItems`` in qmap.js), they must be
    the very markers the server sends for that day."""
    url, _ = large
    frame = open_map(page, f"{url}/?day={DAY}")
    assert frame.evaluate("window.__qmap.ahead.next.day") == "2013-10-02"
    assert frame.evaluate("window.__qmap.ahead.previous.day") == "2013-09-30"
    frame.evaluate("""() => { const q = window.__qmap, update = q.update, step = q.stepAhead;
        window.__sent = []; window.__steps = [];
        q.stepAhead = d => { const r = step(d); window.__steps.push([d, r]); return r; };
        q.update = (kind, data) => {
            if (kind === 'markers') { window.__sent.push(JSON.stringify(data)); }
            return update(kind, data); }; }""")
    n = run_number(page)
    page.get_by_role("button", name="Next", exact=True).click()
    map_settled(page, frame, n)
    assert frame.evaluate("window.__steps") == [["next", True]]  # drawn at the click
    at_click, from_rerun = frame.evaluate("window.__sent")
    assert '"agg"' in at_click and at_click == from_rerun
