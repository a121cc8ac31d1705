"""The map follows the story (issue 11), at 1400x1000 and on a phone (390x844).

The camera fits each day's places (a far one gets an arrow at the map's edge), markers
that would overlap are moved apart, the phone shows the map first. What the map shows
is read from ``window.__qmap`` (``geo/map/static/qmap.js``) and from the elements'
boxes, as a reader would see them.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.test_map_page import (
    click_and_wait_for_markers,
    click_marker,
    map_settled,
    markers,
    open_map,
    popup_text,
)
from tests.conftest import run_number, settled, sized_page

pytestmark = pytest.mark.browser
SIZES = {"desktop": (1400, 1000), "phone": (390, 844)}


@pytest.fixture(params=list(SIZES))
def any_page(request, browser):
    yield from sized_page(browser, *SIZES[request.param])


def camera_on(frame, day: str) -> None:
    """Wait until the camera has arrived at ``day`` (``q.cameraDay``, set at its moveend)."""
    frame.wait_for_function("d => window.__qmap.cameraDay === d", arg=day)


def fifth_of_june(page, app_url: str):
    """Step from 4 to 5 June (up to the day) and wait for the camera; return the frame."""
    frame = open_map(page, f"{app_url}/?day=2013-06-04&view=cumulative")
    camera_on(frame, "2013-06-04")
    click_and_wait_for_markers(page, frame, "Next")
    camera_on(frame, "2013-06-05")
    return frame


ICONS_JS = """() => {
    const size = window.__qmap.map.getSize();
    const icons = [...document.querySelectorAll('.leaflet-marker-pane .ev-marker')].map(e => {
        const r = e.getBoundingClientRect(), m = e.closest('.leaflet-marker-icon');
        return {title: m.title, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
    });
    const edges = [...document.querySelectorAll('.qmap-edge')].map(e => {
        const r = e.getBoundingClientRect();
        return {title: e.dataset.title, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
    });
    return {w: size.x, h: size.y, icons, edges};
}"""


def test_each_step_brings_the_days_markers_into_view(app_url, any_page):
    frame = fifth_of_june(any_page, app_url)
    seen = frame.evaluate(ICONS_JS)
    w, h = seen["w"], seen["h"]
    inside = lambda b: b["x0"] >= 0 and b["y0"] >= 0 and b["x1"] <= w and b["y1"] <= h  # noqa: E731
    drawn = {m["title"] for m in markers(frame)}
    assert len(drawn) == 10, drawn
    in_view = {b["title"] for b in seen["icons"] if inside(b)}
    arrows = {b["title"] for b in seen["edges"] if inside(b)}
    assert drawn <= in_view | arrows, (drawn - in_view - arrows, seen)
    # Tehran is named by an arrow at the edge; the view stays on the Levant.
    tehran = next(t for t in drawn if t.startswith("Tehran"))
    assert tehran in arrows and tehran not in in_view
    assert frame.evaluate("window.__qmap.map.getBounds().getEast()") < 45
    assert frame.evaluate("window.__qmap.map.getZoom()") >= 6


def test_the_readers_own_view_stays_until_the_next_step(app_url, page):
    frame = fifth_of_june(page, app_url)
    frame.evaluate("window.__qmap.map.setView([30, 31], 5, {animate: false})")  # Cairo
    n = page.evaluate("() => document.querySelector('#app-ready').dataset.run")
    page.get_by_text("Day only").click()  # a rerun on the same day keeps the reader's view
    map_settled(page, frame, int(n))
    assert frame.evaluate("window.__qmap.map.getZoom()") == 5
    assert abs(frame.evaluate("window.__qmap.map.getCenter().lat") - 30) < 0.01
    frame.locator(".qmap-show-all").click()  # Show all: Tehran and the Levant together
    frame.wait_for_function(
        "window.__qmap.map.getBounds().contains(L.latLng(35.69, 51.42))"
        " && window.__qmap.map.getBounds().contains(L.latLng(33.85, 35.51))"
    )
    click_and_wait_for_markers(page, frame, "Previous")
    camera_on(frame, "2013-06-04")
    assert frame.evaluate("window.__qmap.map.getBounds().getEast()") < 45


def test_no_two_event_markers_overlap_and_each_opens_with_one_click(app_url, any_page):
    frame = fifth_of_june(any_page, app_url)
    icons = frame.evaluate(ICONS_JS)["icons"]
    assert len(icons) == 10
    for i, a in enumerate(icons):
        for b in icons[i + 1 :]:
            apart = (a["x1"] <= b["x0"] or b["x1"] <= a["x0"]
                     or a["y1"] <= b["y0"] or b["y1"] <= a["y0"])  # fmt: skip
            assert apart, (a, b)
    # A real click on Buweida's icon opens Buweida's popup, and on Dabaa's, Dabaa's.
    for name in ("Buweida Al-Sharqiya", "Dabaa"):
        click_marker(any_page, frame, name)  # its run selects the event, reopens the popup
        frame.wait_for_function(
            "n => (document.querySelector('.leaflet-popup-content .ev-place') || {})"
            ".textContent?.startsWith(n)", arg=name,
        )
        assert popup_text(frame).startswith(name)
        frame.evaluate("window.__qmap.map.closePopup()")  # the reader closes it


@pytest.fixture
def phone(browser):
    yield from sized_page(browser, *SIZES["phone"])


def test_the_phone_shows_the_map_first_and_popups_fit_in_it(app_url, phone):
    frame = open_map(phone, f"{app_url}/?day=2013-06-05")
    assert phone.evaluate("window.scrollY") == 0
    box = phone.locator("iframe[title*='streamlit_folium']").bounding_box()
    assert box["y"] < 844 / 3, box  # the map's top is in view without scrolling
    # The bar (Previous, the day, Next, Play) stays in view when the page scrolls.
    bar = phone.locator(".st-key-q-bar")
    assert bar.evaluate("e => getComputedStyle(e).position") == "sticky"
    row = [phone.locator(f".st-key-q-{k} button").bounding_box() for k in ("previous", "play")]
    assert abs(row[0]["y"] - row[1]["y"]) < 4  # one row, not stacked
    assert frame.locator(".qmap-minimap").evaluate("e => getComputedStyle(e).display") == "none"
    click_marker(phone, frame, "Al-Qusayr")
    popup = frame.locator(".leaflet-popup").bounding_box()
    width = frame.evaluate("window.__qmap.map.getSize().x")
    assert popup["width"] <= width, (popup, width)
    # And it lies inside the map once panned into view (none of it cut off at a side).
    frame.wait_for_function("""() => {
        const r = document.querySelector('.leaflet-popup').getBoundingClientRect();
        return r.left >= 0 && r.right <= window.__qmap.map.getSize().x; }""")


def wait_day(page, frame, day: str, after: int) -> int:
    """Wait for a run later than ``after`` that shows ``day``, drawn on the map."""
    page.wait_for_function(
        "([n, d]) => { const r = document.querySelector('#app-ready');"
        " return r && Number(r.dataset.run) > n && r.dataset.day === d; }",
        arg=[after, day],
    )
    n = map_settled(page, frame, after)
    frame.wait_for_function("d => window.__qmap.day === d", arg=day)
    return n


def test_arrow_keys_step_escape_closes_and_back_goes_back(app_url, any_page):
    page = any_page
    frame = open_map(page, f"{app_url}/?day=2013-06-03")
    page.get_by_role("heading", level=1).click()  # the page has the focus, not a widget
    n = wait_day(page, frame, "2013-06-03", 0)
    page.keyboard.press("ArrowRight")
    n = wait_day(page, frame, "2013-06-04", n)
    page.keyboard.press("ArrowLeft")
    n = wait_day(page, frame, "2013-06-03", n)
    page.keyboard.press("ArrowRight")
    n = wait_day(page, frame, "2013-06-04", n)
    page.keyboard.press("ArrowRight")
    n = wait_day(page, frame, "2013-06-05", n)
    page.wait_for_url("**day=2013-06-05**")
    page.go_back()  # each step pushed a history entry
    n = wait_day(page, frame, "2013-06-04", n)
    page.wait_for_url("**day=2013-06-04**")
    page.get_by_role("heading", level=3, name="Tue 4 June 2013").wait_for()
    # Space plays, and pauses.
    page.get_by_role("heading", level=1).click()
    page.keyboard.press(" ")
    page.get_by_role("button", name="Pause", exact=True).wait_for()
    page.get_by_role("heading", level=1).click()
    page.keyboard.press(" ")
    page.get_by_role("button", name="Play", exact=True).wait_for()
    n = settled(page, run_number(page) - 1)
    # Escape closes a popup, whether the map or the page has the focus.
    click_marker(page, frame, "Al-Qusayr")  # and the click's run has reopened it
    page.keyboard.press("Escape")
    frame.wait_for_selector(".leaflet-popup", state="detached")


def test_the_days_lead_heads_the_list_and_the_selection_is_beside_the_map(app_url, page):
    frame = open_map(page, f"{app_url}/?day=2013-06-05")
    first = page.locator(".stMain [data-testid^='stBaseButton'] p").filter(has_text=" — ")
    assert first.first.inner_text().startswith("⚑ Army and Hezbollah rout the rebels")
    n = run_number(page)
    page.get_by_role("button", name=re.compile("Residents of Dahiyeh celebrate")).click()
    settled(page, n)
    box = page.locator(".st-key-q-selected")
    box.wait_for()
    assert "Dahiyeh" in box.inner_text()
    top = box.bounding_box()
    assert top["y"] + 100 < 1000, top  # in view beside the map, not below the fold
    assert frame.evaluate("window.__qmap.day") == "2013-06-05"
