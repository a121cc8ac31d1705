"""The workspace end to end (issue 12): import two articles from files on the Library
page, correct a place and a date on the Your article page, find both corrections with
their history after a reload and in a fresh browser context, then step one timeline that
holds both articles' events, each popup naming its article."""

from __future__ import annotations

import csv
import io
import re
import uuid
from pathlib import Path

import pytest

from tests.browser.test_library import metric as library_metric
from tests.browser.test_library import open_library, set_date
from tests.browser.test_map_page import click_and_wait_for_markers, map_settled
from tests.conftest import TIMEOUT_MS, map_frame, settled

pytestmark = pytest.mark.browser


def download_csv(page) -> list[dict]:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    return list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))


def open_review(page, url: str) -> None:
    page.goto(url)
    page.get_by_role("combobox", name="Event").wait_for()
    settled(page)


def check_corrections(page, url: str) -> None:
    """Both corrections are there, with their history beside the event and in the CSV."""
    open_review(page, url)
    box = page.get_by_test_id("stMetric").filter(has_text="Rows you corrected")
    assert box.get_by_test_id("stMetricValue").inner_text() == "2"
    page.get_by_text(re.compile(r"place: Tripoli \(tripoli-lb\) -> Beirut \(beirut\)")
                     ).wait_for()  # the selected (first) event's history
    rows = download_csv(page)
    beirut = next(r for r in rows if r["place_id"] == "beirut")
    homs = next(r for r in rows if r["place_id"] == "homs")
    assert "place: Tripoli (tripoli-lb) -> Beirut (beirut)" in beirut["corrections"]
    assert "dates: 2013-06-03 to 2013-06-03 -> 2013-06-01 to 2013-06-02" in homs["corrections"]
    assert (homs["start"], homs["end"]) == ("2013-06-01", "2013-06-02")


def test_two_articles_corrected_kept_and_on_one_timeline(app_url, page, browser, tmp_path):
    tag = uuid.uuid4().hex[:8]
    first = tmp_path / f"tripoli-{tag}.txt"
    first.write_text(f"Fighting in Tripoli {tag}\n\nClashes in Tripoli, Lebanon, killed three "
                     "people on Tuesday. The Syrian army shelled Homs on Monday.\n")
    second = tmp_path / f"aleppo-{tag}.html"
    second.write_text(
        f"<!DOCTYPE html><html><head><title>Aleppo shelled {tag}</title>"
        '<meta property="article:published_time" content="2013-05-28"></head><body>'
        f"<article><h1>Aleppo shelled {tag}</h1><p>The Syrian army shelled Aleppo on "
        "Sunday, activists said.</p></article></body></html>"
    )

    # Import both from files on the Library page (the text file takes the date given).
    open_library(app_url, page)
    before = library_metric(page, "Articles")
    page.locator("input[type=file]").set_input_files([str(first), str(second)])
    page.get_by_text(second.name).first.wait_for()
    set_date(page, "Publication date (required unless the file's metadata has one)",
             "2013-06-05")
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("Last import: 2 added").wait_for(timeout=TIMEOUT_MS * 2)
    assert library_metric(page, "Articles") == before + 2
    ids = {}
    for name in (first.name, second.name):
        line = page.get_by_text(f"{name}: added: added as article").first.inner_text()
        ids[name] = int(re.search(r"added as article (\d+)", line).group(1))
    a, b = ids[first.name], ids[second.name]

    # Correct a place and a date of the first: each is saved at once.
    review = f"{app_url}/your-article?article={a}"
    open_review(page, review)
    field = page.get_by_role("textbox", name="Place (now: Tripoli, LB)")
    field.fill("Beirut")
    field.press("Enter")
    page.get_by_text("Resolves to").wait_for()
    page.get_by_role("button", name="Change place").click()
    page.get_by_text("Place changed to Beirut (saved)").wait_for()
    page.get_by_role("combobox", name="Event").click()
    page.get_by_role("option", name=re.compile("· Homs ·")).click()
    page.get_by_role("textbox", name="Place (now: Homs, SY)").wait_for()
    n = settled(page)
    from tests.browser.test_your_article import set_day

    set_day(page, "Start", "2013-06-01")
    n = settled(page, n)
    set_day(page, "End", "2013-06-02")
    settled(page, n)
    page.get_by_role("button", name="Change dates").click()
    page.get_by_text("Dates changed to 01 June 2013 to 02 June 2013 (saved)").wait_for()

    check_corrections(page, review)  # a reload: a new session of the same browser
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        check_corrections(context.new_page(), review)  # another browser, no shared state
    finally:
        context.close()

    # One timeline over both articles, opened on the selection's first event day. The map
    # is the default page, at "/" (ARCHITECTURE.md, URLs); "/map" is sent there.
    page.goto(f"{app_url}/?articles={a},{b}&step=event")
    frame = map_frame(page)
    map_settled(page, frame)
    days = [frame.evaluate("window.__qmap.day")]
    while page.get_by_role("button", name="Next", exact=True).is_enabled():
        click_and_wait_for_markers(page, frame, "Next")
        days.append(frame.evaluate("window.__qmap.day"))
    assert days == ["2013-05-26", "2013-06-01", "2013-06-04"]  # Aleppo (b), then a's
    assert f"articles={a}%2C{b}" in page.url or f"articles={a},{b}" in page.url
    frame.locator(".leaflet-marker-icon[title^='Beirut']").dispatch_event("click")
    frame.wait_for_selector(".leaflet-popup-content .ev-item")
    assert f"From Fighting in Tripoli {tag}" in frame.locator(
        ".leaflet-popup-content").inner_text()
