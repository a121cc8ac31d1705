"""The offline basemap draws land, coast, borders and names far from the Levant (issue 9.2).

A second app reads an events file of New York places through ``GEO_EVENTS_FILE``, with
OpenStreetMap off. The map opens framed on the events (``focus_bounds``); the test
checks that view, then zooms out to the region around it (``map.setZoom``, as a reader
would) and checks it again. Before the world basemap, New York sat on an empty sea: one
colour over 91% of the map.
"""

from __future__ import annotations

import csv
from io import BytesIO
from pathlib import Path

import pytest

from tests.conftest import map_frame, start_streamlit, stop

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PLACES = [("Manhattan", 40.7831, -73.9712), ("Brooklyn", 40.6782, -73.9442),
          ("Newark", 40.7357, -74.1724)]  # fmt: skip
LAND, SEA = (0xF4, 0xF0, 0xE6), (0xC9, 0xDC, 0xEA)
COLUMNS = [
    "id", "event_id", "title", "category", "start", "end", "date_phrase", "date_precision",
    "place_id", "place_name", "place_role", "lat", "lon", "country_code", "precision_km",
    "kind", "actors", "reported_by", "excerpt", "excerpt_start", "excerpt_end", "confidence",
]  # fmt: skip


@pytest.fixture(scope="module")
def new_york_app(tmp_path_factory):
    path = tmp_path_factory.mktemp("new-york") / "events.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for i, (name, lat, lon) in enumerate(PLACES):
            day = f"2017-03-0{i + 1}"
            writer.writerow([
                f"e{i}@p{i}", f"e{i}", f"Protest in {name}", "statement", day, day, "", "day",
                f"p{i}", name, "site", lat, lon, "US", 5.0, "city", "", "NOW",
                f"People gathered in {name}.", "", "", 0.8,
            ])  # fmt: skip
    proc, url = start_streamlit(env={"GEO_EVENTS_FILE": str(path), "GEO_TILES": "off"})
    yield url
    stop(proc)


def basemap_drawn(frame) -> None:
    """Every basemap file fetched and added, and a frame painted after that."""
    frame.wait_for_function("window.__qmap && window.__qmap.drawnAt", timeout=60000)
    frame.evaluate(
        "Promise.all(Object.values(window.__qmapData)).then(() => new Promise("
        "r => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))))"
    )


def zoom_to(frame, zoom: int) -> None:
    frame.evaluate(
        "z => new Promise(r => { var m = window.__qmap.map;"
        " if (m.getZoom() === z) { r(true); return; }"
        " m.once('moveend', () => requestAnimationFrame(() => requestAnimationFrame(r)));"
        " m.setZoom(z, {animate: false}); })",
        zoom,
    )


def colour_shares(page) -> list[tuple[float, tuple[int, int, int]]]:
    from PIL import Image

    element = page.locator("iframe[title*='streamlit_folium']")
    image = Image.open(BytesIO(element.screenshot())).convert("RGB")
    total = image.width * image.height
    return sorted(((n / total, c) for n, c in image.getcolors(1 << 22)), reverse=True)


def close(a, b) -> bool:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) < 12


def share_of(shares, colour) -> float:
    return sum(s for s, c in shares if close(c, colour))


def visible_names(frame) -> list[dict]:
    return frame.evaluate(
        """() => Array.from(document.querySelectorAll('.country-label, .ne-place'))
            .filter(el => el.offsetParent !== null)
            .map(el => { var r = el.getBoundingClientRect();
                         return {text: el.textContent, l: r.left, t: r.top, r: r.right,
                                 b: r.bottom}; })"""
    )


def overlapping(names: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]
    ]


def test_new_york_is_drawn_on_land_with_coast_borders_and_names(new_york_app, page):
    page.goto(new_york_app)
    frame = map_frame(page, 60000)
    basemap_drawn(frame)
    # The map opens on the events' places.
    for _, lat, lon in PLACES:
        assert frame.evaluate("p => window.__qmap.map.getBounds().contains(p)", [lat, lon])

    shares = colour_shares(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "world-basemap-new-york.png"))
    # A city seen from close by is mostly land, with its harbour: not one sea colour.
    assert share_of(shares, LAND) > 0.3 and share_of(shares, SEA) > 0.05, shares[:4]
    assert shares[0][0] < 0.8, shares[:4]
    # Its name is on the map (it gives way to an event's own label where a marker is).
    assert frame.locator(".ne-place", has_text="New York").count() == 1

    # The region around it, as a reader zooming out sees it: land, sea, state lines, names.
    zoom_to(frame, 6)
    shares = colour_shares(page)
    page.screenshot(path=str(ARTIFACTS / "world-basemap-new-york-region.png"))
    assert shares[0][0] < 0.6, shares[:4]
    assert share_of(shares, LAND) > 0.2 and share_of(shares, SEA) > 0.1, shares[:4]
    names = visible_names(frame)
    assert {"Philadelphia", "Boston", "Washington, D.C."} <= {n["text"] for n in names}
    assert not overlapping(names)
    # first-level borders (states) and country borders are drawn as lines of their own
    assert frame.locator(".leaflet-qmapBase-pane path[stroke-dasharray='2 3']").count() > 10
