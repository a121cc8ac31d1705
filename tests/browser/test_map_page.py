"""The map page driven as a user would, with every request outside localhost refused.

What the map shows is read from the Leaflet map inside the streamlit-folium iframe:
``window.__qmap`` (set up by ``geo/map/static/qmap.js``) holds the map, ``markers()`` (position and
event ids of the markers drawn), ``day`` (the day the markers are for) and ``version``
(how many times the markers were replaced). Each test asserts something a blank or
broken map would fail.

The hostile-text test feeds the app its own events file through ``GEO_EVENTS_FILE``
(the page's switch for another events CSV, also used by the benchmark) on a second
server, so the crafted text goes through the same path as the seed's: CSV, frame,
popup HTML, JSON, Leaflet.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import map_frame, run_number, settled, start_streamlit, stop

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
QUSAYR = (34.5078, 36.5803)


def seed_frame():
    from geo.events import events_frame, load_seed_events

    return events_frame(load_seed_events())


def map_settled(page, frame, after: int = 0) -> int:
    """Wait for the app's ready signal of a run later than ``after`` (see conftest's
    ``settled``), then for the map to have drawn the day that run showed
    (``#app-ready[data-day]``, ``window.__qmap.day``); return the run's number."""
    n = settled(page, after)
    day = page.get_attribute("#app-ready", "data-day")
    frame.wait_for_function(
        "d => window.__qmap && window.__qmap.drawnAt && window.__qmap.day === d", arg=day
    )
    return n


def click_marker(page, frame, title: str) -> None:
    """Click the marker whose title starts with ``title`` and wait until the click's run
    has drawn and reopened its popup (``q.reopened`` in qmap.js): the popup Leaflet opens
    at the click is replaced then, so reading it earlier races the run."""
    n, before = run_number(page), frame.evaluate("window.__qmap.version")
    frame.locator(f".leaflet-marker-icon[title^='{title}']").click()
    settled(page, n)
    frame.wait_for_function("v => window.__qmap.reopened > v", arg=before)
    # The click's own popup fades out (Leaflet's fade animation) while the run's opens.
    frame.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 1")
    frame.wait_for_selector(".leaflet-popup-content .ev-item")


def open_map(page, url: str):
    """Open the page and return the map's frame once markers are drawn."""
    page.goto(url)
    frame = map_frame(page)
    map_settled(page, frame)
    return frame


def markers(frame) -> list[dict]:
    return frame.evaluate("window.__qmap.markers()")


def marker_near(frame, lat: float, lon: float, tolerance: float = 0.02) -> dict | None:
    for m in markers(frame):
        if abs(m["lat"] - lat) < tolerance and abs(m["lng"] - lon) < tolerance:
            return m
    return None


def day_heading(page, expected: str | None = None) -> str:
    """The day named above the list (waiting for ``expected`` if given)."""
    if expected:
        page.get_by_role("heading", level=3, name=expected).wait_for()
    heading = page.get_by_role("heading", level=3).first
    heading.wait_for()
    return heading.inner_text().strip()


def click_and_wait_for_markers(page, frame, button: str) -> None:
    """Click Previous or Next and wait until the map has drawn the new markers and the
    page's rerun has shown the new day (the map may draw the step before the rerun)."""
    version = frame.evaluate("window.__qmap.version")
    n = run_number(page)
    page.get_by_role("button", name=button, exact=True).click()
    frame.wait_for_function(f"window.__qmap.version > {version}")
    map_settled(page, frame, n)


def popup_text(frame) -> str:
    # One popup: the one a click closes may still be on its way out when the next opens.
    frame.wait_for_function("document.querySelectorAll('.leaflet-popup-content').length === 1")
    return frame.locator(".leaflet-popup-content").inner_text()


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


# --- opening view ---------------------------------------------------------------------


def test_opens_on_the_first_day_with_al_qusayr_at_its_place(app_url, page):
    frame = open_map(page, app_url)
    assert day_heading(page) == "Sun 19 May 2013"
    assert frame.evaluate("window.__qmap.day") == "2013-05-19"
    assert page.get_by_role("button", name="Previous", exact=True).is_disabled()
    assert page.get_by_role("button", name="Next", exact=True).is_enabled()

    qusayr = marker_near(frame, *QUSAYR)
    assert qusayr is not None, markers(frame)
    assert any(i.endswith("@qusayr") for i in qusayr["ids"])
    # Lebanon's reinforcements show too, and nothing from later days (Tripoli: 21 May).
    assert len(markers(frame)) == 2
    assert not any(i.startswith("tripoli") for m in markers(frame) for i in m["ids"])
    # The opening view shows the Qusayr marker, not the whole region from London to Tehran.
    assert frame.evaluate(
        f"window.__qmap.map.getBounds().contains(L.latLng({QUSAYR[0]}, {QUSAYR[1]}))"
    )
    assert frame.evaluate("window.__qmap.map.getZoom()") >= 7
    # The legend starts closed, so it hides no marker.
    assert frame.locator(".ev-legend details").count() == 1
    assert frame.locator(".ev-legend details[open]").count() == 0
    shot(page, "map-first-day.png")


def test_offline_basemap_is_drawn_and_nothing_leaves_the_machine(app_url, page):
    frame = open_map(page, app_url)
    # The OpenStreetMap probe is the only request for outside hosts, and it is refused.
    frame.wait_for_function("window.__qmap.online === false")
    assert all(u.startswith("https://tile.openstreetmap.org/") for u in page.blocked_requests)
    assert len(page.blocked_requests) <= 1, page.blocked_requests
    assert frame.evaluate("window.__qmap.map.hasLayer(window.__qmap.offline)")
    # Countries, lakes, rivers, coastline and borders (fetched from the app's own static
    # files) are SVG paths in the basemap's pane, under the markers' pane.
    frame.wait_for_function(
        "document.querySelectorAll('.leaflet-qmapBase-pane path').length > 50"
    )
    assert frame.evaluate("window.__qmap.map.getPane('qmapBase').style.zIndex") == "350"
    assert frame.locator(".qmap-minimap path").count() > 20  # the mini map has land too
    # And the map is not blank: its picture has many colours, land and sea among them.
    from io import BytesIO

    from PIL import Image

    element = page.locator("iframe[title*='streamlit_folium']")
    image = Image.open(BytesIO(element.screenshot())).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 200
    common = {c for _, c in sorted(colours, reverse=True)[:6]}
    sea, land = (0xC9, 0xDC, 0xEA), (0xF4, 0xF0, 0xE6)
    near = lambda a, b: sum(abs(x - y) for x, y in zip(a, b, strict=True)) < 30  # noqa: E731
    assert any(near(c, sea) for c in common) and any(near(c, land) for c in common), common


# --- stepping -------------------------------------------------------------------------


def test_next_and_previous_change_the_markers_the_list_and_the_url(app_url, page):
    frame = open_map(page, f"{app_url}/?day=2013-06-04&view=day")
    assert day_heading(page) == "Tue 4 June 2013"
    before = {tuple(sorted(m["ids"])) for m in markers(frame)}
    assert marker_near(frame, 33.9232, 35.8802)  # Lebanon (reinforcements, deal)
    assert not marker_near(frame, 33.85, 35.51)  # Dahiyeh celebrates on 5 June only

    click_and_wait_for_markers(page, frame, "Next")
    assert day_heading(page, "Wed 5 June 2013") == "Wed 5 June 2013"
    assert frame.evaluate("window.__qmap.day") == "2013-06-05"
    after = {tuple(sorted(m["ids"])) for m in markers(frame)}
    assert after != before and len(after) > len(before)
    dahiyeh = marker_near(frame, 33.85, 35.51)
    assert dahiyeh and dahiyeh["ids"] == ["dahiyeh-celebration@dahiyeh"]
    page.get_by_role("button", name=re.compile("Residents of Dahiyeh celebrate")).wait_for()
    page.wait_for_url(re.compile(r"day=2013-06-05.*view=day|view=day.*day=2013-06-05"))
    assert page.get_by_role("button", name="Next", exact=True).is_disabled()

    click_and_wait_for_markers(page, frame, "Previous")
    assert day_heading(page, "Tue 4 June 2013") == "Tue 4 June 2013"
    assert {tuple(sorted(m["ids"])) for m in markers(frame)} == before
    page.wait_for_url(re.compile(r"day=2013-06-04"))


def test_stepping_keeps_the_same_leaflet_map(app_url, page):
    frame = open_map(page, app_url)
    frame.evaluate("window.__probe = 1; window.__qmap.map.__probe = 'same map'")
    map_id = frame.evaluate("L.stamp(window.__qmap.map)")
    stamps = """() => window.__qmap.groups.markers.getLayers()
                      .map(m => [m.options.title, L.stamp(m)])"""
    before = dict(frame.evaluate(stamps))
    for _ in range(3):
        click_and_wait_for_markers(page, frame, "Next")
    assert frame.evaluate("window.__qmap.day") == "2013-05-22"
    assert frame.evaluate("window.__probe") == 1
    assert frame.evaluate("window.__qmap.map.__probe") == "same map"
    assert frame.evaluate("L.stamp(window.__qmap.map)") == map_id
    # Tripoli's fighting began on 21 May: the stepped map shows it ...
    assert marker_near(frame, 34.4335, 35.8442)
    # ... Lebanon's marker, whose two events run on unchanged, is the very same object,
    # and Al-Qusayr's, where the launch of the offensive (19 May) faded, was redrawn.
    after = dict(frame.evaluate(stamps))
    assert len(before) == 2 and len(after) == 3
    assert after["Lebanon: 2 event(s)"] == before["Lebanon: 2 event(s)"]
    qusayr = next(t for t in before if t.startswith("Al-Qusayr"))
    assert after[qusayr] != before[qusayr]


def test_a_step_is_drawn_at_the_click_with_the_layers_the_rerun_brings(app_url, page):
    frame = open_map(page, app_url)
    assert frame.evaluate("window.__qmap.ahead.next.day") == "2013-05-20"
    assert frame.evaluate("window.__qmap.ahead.previous") is None  # the first day
    for _ in range(2):
        click_and_wait_for_markers(page, frame, "Next")
    stepped = sorted((m["title"], tuple(sorted(m["ids"]))) for m in markers(frame))
    assert frame.evaluate("window.__qmap.day") == "2013-05-21"
    # The same view opened afresh: the server's own layers for that day.
    fresh = open_map(page, f"{app_url}/?day=2013-05-21")
    assert sorted((m["title"], tuple(sorted(m["ids"]))) for m in markers(fresh)) == stepped


def test_the_step_ahead_finds_next_by_its_key_not_its_label(app_url, page):
    frame = open_map(page, app_url)
    # Count the steps the map draws at the click (before the rerun brings the layers).
    frame.evaluate("""() => { const q = window.__qmap, f = q.stepAhead; window.__steps = [];
        q.stepAhead = d => { const r = f(d); window.__steps.push([d, r]); return r; }; }""")
    button = page.locator(".st-key-q-next button")
    button.evaluate("b => { (b.querySelector('p') || b).textContent = 'Forward'; }")  # renamed
    button.click()
    frame.wait_for_function("window.__qmap.day === '2013-05-20'", timeout=20000)
    assert frame.evaluate("window.__steps") == [["next", True]]


def test_step_event_by_event_skips_days_without_a_new_event(app_url, page):
    frame = open_map(page, app_url)
    n = run_number(page)
    page.get_by_text("Step event by event").click()
    map_settled(page, frame, n)
    page.wait_for_url(re.compile(r"step=event"))
    click_and_wait_for_markers(page, frame, "Next")  # 19 May -> 21 May (Tripoli)
    assert day_heading(page, "Tue 21 May 2013") == "Tue 21 May 2013"
    click_and_wait_for_markers(page, frame, "Next")  # -> 4 June (bombardment, withdrawal)
    assert frame.evaluate("window.__qmap.day") == "2013-06-04"
    page.wait_for_url(re.compile(r"day=2013-06-04"))


def test_play_advances_until_paused(app_url, page):
    frame = open_map(page, app_url)
    frame.evaluate("window.__probe = 'kept'")
    page.get_by_role("button", name="Play", exact=True).click()
    page.get_by_role("button", name="Pause", exact=True).wait_for()
    frame.wait_for_function("window.__qmap.day >= '2013-05-21'")
    n = run_number(page)
    page.get_by_role("button", name="Pause", exact=True).click()
    # The run after the click says it is paused (a tick's run may come first).
    page.wait_for_function(
        "n => { const r = document.querySelector('#app-ready');"
        "       return r && Number(r.dataset.run) > n && r.dataset.playing === 'false'; }",
        arg=n,
    )
    n = map_settled(page, frame, n)
    stopped_at = page.get_attribute("#app-ready", "data-day")
    assert frame.evaluate("window.__qmap.day") == stopped_at
    page.get_by_role("button", name="Play", exact=True).wait_for()
    # Paused stays paused: the next run (another view, same day) shows the same day, and
    # the page holds no ticking fragment that could move it on.
    page.get_by_text("Day only").click()
    map_settled(page, frame, n)
    assert page.get_attribute("#app-ready", "data-playing") == "false"
    assert page.get_attribute("#app-ready", "data-day") == stopped_at
    assert frame.evaluate("window.__qmap.day") == stopped_at
    assert day_heading(page) != "Sun 19 May 2013"
    assert frame.evaluate("window.__probe") == "kept"  # played on the same map


# --- popups and selection -------------------------------------------------------------


def test_marker_popup_shows_the_passage_and_links_to_the_article(app_url, page):
    frame = open_map(page, app_url)
    df = seed_frame()
    click_marker(page, frame, "Al-Qusayr")
    text = squash(popup_text(frame))
    row = df[df["id"] == "civilians-trapped@qusayr"].iloc[0]
    assert squash(row["excerpt"]) in text
    assert "Sun 19 May – Wed 5 June 2013" in text
    # The place name is marked in the excerpt.
    marks = frame.locator(".leaflet-popup-content blockquote mark").all_inner_texts()
    assert any("Qusayr" in m for m in marks)
    # The link opens the article page at that passage.
    link = frame.locator(".leaflet-popup-content a.ev-link").first
    href = link.get_attribute("href")
    assert link.get_attribute("target") == "_blank"
    match = re.match(r"^/article\?passage=(\d+)&event=", href)
    assert match, href
    page.goto(page.url.split("/?")[0].rstrip("/") + href)
    page.wait_for_selector(f"#passage-{match.group(1)}")


def test_clicking_a_marker_selects_its_event_in_the_list(app_url, page):
    frame = open_map(page, app_url)
    click_marker(page, frame, "Lebanon")  # the click's run selects the event
    selected = page.locator("[data-testid='stBaseButton-primary']")
    selected.first.wait_for()
    assert "Lebanon" in selected.first.inner_text()
    page.wait_for_url(re.compile(r"event=[\w-]+(%40|@)lebanon"))
    # The marker shows it is selected and its popup is open.
    frame.wait_for_selector(".ev-marker.ev-selected")
    assert "ev-selected" in frame.locator(
        ".leaflet-marker-icon[title^='Lebanon'] .ev-marker"
    ).get_attribute("class")
    assert "Lebanon" in popup_text(frame)


def test_clicking_an_event_in_the_list_selects_its_marker(app_url, page):
    frame = open_map(page, f"{app_url}/?day=2013-06-05")
    version = frame.evaluate("window.__qmap.version")
    page.get_by_role("button", name=re.compile("Residents of Dahiyeh celebrate")).click()
    frame.wait_for_function(f"window.__qmap.version > {version}")
    frame.wait_for_selector(".leaflet-popup-content .ev-item.ev-selected")
    item = frame.locator(".leaflet-popup-content .ev-item.ev-selected")
    assert item.get_attribute("data-event") == "dahiyeh-celebration@dahiyeh"
    assert "ev-selected" in frame.locator(
        ".leaflet-marker-icon[title^='Dahiyeh'] .ev-marker"
    ).get_attribute("class")
    page.wait_for_url(re.compile(r"event=dahiyeh-celebration(%40|@)dahiyeh"))


def test_a_shared_url_restores_day_view_and_selection(app_url, page):
    event = "unhcr-ghost-town@qusayr"
    frame = open_map(page, f"{app_url}/?day=2013-06-04&view=day&event={event}")
    assert day_heading(page) == "Tue 4 June 2013"
    assert frame.evaluate("window.__qmap.day") == "2013-06-04"
    assert page.get_by_role("radio", name="Day only").is_checked()
    listed = page.get_by_role("button", name=re.compile("civilians who fled describe a ghost"))
    assert listed.get_attribute("data-testid") == "stBaseButton-primary"  # highlighted
    frame.wait_for_selector(".leaflet-popup-content .ev-item.ev-selected")
    assert frame.locator(".ev-item.ev-selected").get_attribute("data-event") == event
    # Day view: the Tripoli fighting (since 21 May) shows, the offensive's launch does not.
    ids = {i for m in markers(frame) for i in m["ids"]}
    assert "tripoli-fighting@tripoli-lb" in ids
    assert "offensive-launched@qusayr-district" not in ids
    # The map is centred on the selected event (then panned down so its popup fits above).
    x, y, width, height = frame.evaluate(
        f"""(() => {{ const m = window.__qmap.map, s = m.getSize(),
                     p = m.latLngToContainerPoint(L.latLng({QUSAYR[0]}, {QUSAYR[1]}));
                     return [p.x, p.y, s.x, s.y]; }})()"""
    )
    assert abs(x - width / 2) < 5 and height / 2 - 20 < y < height, (x, y, width, height)
    # The popup's tip points at its marker (it was laid out with Leaflet's stylesheet).
    box = frame.locator(".leaflet-popup").bounding_box()
    frame_box = page.locator("iframe[title*='streamlit_folium']").bounding_box()
    assert abs(box["x"] - frame_box["x"] + box["width"] / 2 - x) < 4, (box, frame_box, x)


# --- hostile text ---------------------------------------------------------------------

HOSTILE = "<img src=x onerror=\"window.__pwned=1;alert(1)\"> ${alert(1)} `${window.__pwned=2}`"


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory, geonames_index):
    """A second app whose only event carries markup and template syntax everywhere."""
    path = tmp_path_factory.mktemp("hostile") / "events.csv"
    row = {
        "id": "x@qusayr", "event_id": "x", "title": "Title " + HOSTILE,
        "category": "battle", "start": "2013-05-19", "end": "2013-05-19",
        "date_phrase": "on <b>Sunday</b>", "date_precision": "day", "place_id": "qusayr",
        "place_name": "Al-Qusayr", "place_role": "site", "lat": "34.5078", "lon": "36.58029",
        "country_code": "SY", "precision_km": "2", "kind": "town", "actors": "",
        "reported_by": "Reporter " + HOSTILE, "excerpt": "Fighting in Al-Qusayr " + HOSTILE,
        "excerpt_start": "", "excerpt_end": "", "confidence": "0.5",
    }  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    proc, url = start_streamlit(env={"GEO_EVENTS_FILE": str(path), "GEO_TILES": "off"})
    yield url
    stop(proc)


def test_hostile_text_in_a_popup_shows_as_text_and_nothing_runs(hostile_app, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    frame = open_map(page, hostile_app)
    click_marker(page, frame, "Al-Qusayr")
    text = squash(popup_text(frame))
    # The markup and the template syntax are shown, character for character ...
    assert squash("Fighting in Al-Qusayr " + HOSTILE) in text
    assert squash("Title " + HOSTILE) in text and "on <b>Sunday</b>" in text
    # ... and none of it became an element or ran.
    for where in (frame, page):
        assert where.locator("img[src='x']").count() == 0
        assert where.evaluate("window.__pwned === undefined")
    assert frame.locator(".leaflet-popup-content img, .leaflet-popup-content b").count() == 0
    # The list beside the map and the selected event's panel show it as text too.
    page.get_by_role("button", name=re.compile(re.escape("Title <img src=x"))).wait_for()
    assert "${alert(1)}" in page.locator("[data-testid='stMain']").inner_text()
    assert not dialogs, dialogs
    assert not page.blocked_requests, page.blocked_requests  # GEO_TILES=off: no probe


@pytest.fixture(scope="module")
def events_2018_app(tmp_path_factory):
    """An app showing an events file of 2018 (``GEO_EVENTS_FILE``), nothing from 2013."""
    from geo.events import events_frame, load_seed_events
    from geo.export import to_csv

    frame = events_frame(load_seed_events())
    shift = pd.Timestamp("2018-03-07") - frame["start"].min()
    frame = frame.assign(start=frame["start"] + shift, end=frame["end"] + shift)
    path = tmp_path_factory.mktemp("events2018") / "events.csv"
    path.write_text(to_csv(frame), encoding="utf-8")
    proc, url = start_streamlit(env={"GEO_EVENTS_FILE": str(path), "GEO_TILES": "off"})
    yield url
    stop(proc)


def test_an_events_file_of_2018_opens_on_its_own_first_day(events_2018_app, page):
    frame = open_map(page, events_2018_app)
    assert frame.evaluate("window.__qmap.day") == "2018-03-07"
    assert day_heading(page, "Wed 7 March 2018") == "Wed 7 March 2018"
    assert page.get_by_role("button", name="Previous", exact=True).is_disabled()
    assert markers(frame)  # the first day's events are drawn
