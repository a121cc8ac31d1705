"""The Article, Events and Places pages, driven as a user would, offline.

- The article opens at the passage a popup links to: in view, marked, the excerpt lit,
  place names and dates highlighted and linked to the map.
- The Events page filters, and its three downloads parse (GeoJSON, CSV, KML) and hold
  exactly the filtered events.
- The Places page lists the places with the spellings matched and shows the distance
  claim checked against Natural Earth.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import settled

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
KML = "{http://www.opengis.net/kml/2.2}"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def seed():
    """The seed article, its events frame and the date mentions in its body."""
    from geo.article import load_seed_article
    from geo.dates import find_dates
    from geo.events import events_frame, load_seed_events

    article = load_seed_article()
    frame = events_frame(load_seed_events())
    return article, frame, find_dates(article.body, article.published)


def in_view(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }""",
        selector,
    )


def wait_in_view(page, selector: str) -> None:
    """Once the page has settled (the app's ready signal), until ``selector`` is in view:
    the scroll runs when the passage is drawn; what is drawn later must not undo it."""
    settled(page)
    page.wait_for_function(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }""",
        arg=selector,
    )


def test_article_opens_at_the_passage_of_an_event(app_url, page):
    article, frame, mentions = seed()
    # The event whose excerpt lies deepest in the text: the page must scroll to reach it.
    row = frame.sort_values("excerpt_start").iloc[-1]
    passage = article.paragraph_at(int(row["excerpt_start"])).index
    assert passage > 10
    page.goto(f"{app_url}/article?passage={passage}&event={row['id']}")
    sel = f"#passage-{passage}"
    page.wait_for_selector(f"{sel}[data-scrolled='true']")
    wait_in_view(page, sel)
    assert in_view(page, sel)
    assert "current" in page.get_attribute(sel, "class")
    assert page.locator(".article p.passage.current").count() == 1
    # The event's excerpt is lit, and its text is the article's.
    lit = " ".join(page.locator(f"{sel} mark.excerpt, {sel} .in-excerpt").all_inner_texts())
    assert lit and lit.split()[0] in row["excerpt"]
    shot(page, "article-passage.png")
    assert not page.blocked_requests


def test_article_highlights_places_and_dates_linked_to_the_map(app_url, page):
    article, frame, mentions = seed()
    page.goto(f"{app_url}/article")
    page.wait_for_selector(".article p.passage")
    assert page.locator(".article p.passage").count() == len(article.paragraphs)
    dates = page.locator(".article p.passage .hl.date").all_inner_texts()
    assert dates == [article.text[m.start : m.end] for m in mentions]
    places = page.locator(".article p.passage .hl.place").all_inner_texts()
    assert places.count("Al-Qusayr") >= 10 and "Dahiyeh" in places and "Homs" in places
    # Each place name of an event links to a marker on the map: "./?event=<id>".
    links = page.locator(".article p.passage a.hl.place")
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    ids = {unquote(h.split("event=", 1)[1]) for h in hrefs}
    assert ids and ids <= set(frame["id"])
    # The text shown is the article's, unchanged (escaped, nothing dropped).
    shown = page.locator(f"#passage-{len(article.paragraphs) - 1}").inner_text()
    assert article.paragraphs[-1].text in shown


def test_article_passage_link_without_event(app_url, page):
    article, _, _ = seed()
    last = len(article.paragraphs) - 1
    page.goto(f"{app_url}/article?passage={last}")
    page.wait_for_selector(f"#passage-{last}[data-scrolled='true']")
    wait_in_view(page, f"#passage-{last}")
    assert in_view(page, f"#passage-{last}")
    assert page.locator(".article p.passage mark.excerpt").count() == 0


def pick(page, label: str, option: str) -> None:
    """Choose ``option`` in the Streamlit multiselect labelled ``label``."""
    box = page.get_by_test_id("stMultiSelect").filter(has_text=label)
    box.locator("input").click()
    box.locator("input").fill(option)  # the list is virtual: narrow it to the option
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def shown_counts(page) -> tuple[int, int, int]:
    """Events shown, events in all, rows shown: from "3 of 25 events shown (4 of 32 rows)"."""
    text = page.get_by_text(re.compile(r"\d+ of \d+ events shown")).inner_text()
    shown, total, rows = map(int, re.findall(r"\d+", text)[:3])
    return shown, total, rows


def download(page, label: str) -> str:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def test_events_page_filters_and_downloads_parse(app_url, page):
    _, frame, _ = seed()
    page.goto(f"{app_url}/events")
    page.wait_for_selector("[data-testid='stDataFrame']")
    shown, total, rows = shown_counts(page)
    assert (shown, total, rows) == (frame["event_id"].nunique(),) * 2 + (len(frame),)

    # A category with a few rows, one of them an event at several places (if any).
    sizes = frame.groupby("category").agg(rows=("id", "size"), events=("event_id", "nunique"))
    sizes["score"] = (sizes["rows"] - 4).abs() - (sizes["rows"] > sizes["events"])
    category = sizes["score"].idxmin()
    wanted = frame[frame["category"] == category]
    pick(page, "Category", category)
    page.wait_for_function(
        "(n) => [...document.querySelectorAll('p')].some(p => p.innerText.startsWith(n + ' of '))",
        arg=str(wanted["event_id"].nunique()),
    )
    assert shown_counts(page) == (wanted["event_id"].nunique(), total, len(wanted))
    page.get_by_role("heading", name="Events").click()  # close the drop-down
    page.get_by_role("listbox").wait_for(state="detached")
    settled(page)
    shot(page, "events-filtered.png")

    geojson = json.loads(download(page, "Download GeoJSON"))
    assert geojson["type"] == "FeatureCollection"
    assert len(geojson["features"]) == len(wanted)
    for feature in geojson["features"]:
        lon, lat = feature["geometry"]["coordinates"][:2]
        assert 30 < lat < 40 and 30 < lon < 55

    table = list(csv.DictReader(io.StringIO(download(page, "Download CSV"))))
    assert len(table) == len(wanted)
    assert {r["category"] for r in table} == {category}
    assert {r["id"] for r in table} == set(wanted["id"])

    kml = ET.fromstring(download(page, "Download KML").encode("utf-8"))
    assert len(kml.findall(f".//{KML}Placemark")) == len(wanted)
    assert not page.blocked_requests


def test_places_page_lists_places_and_checks_the_distance(app_url, page):
    _, frame, _ = seed()
    page.goto(f"{app_url}/places")
    page.wait_for_selector("[data-testid='stDataFrame']")
    page.get_by_text("Distance claims").wait_for()
    page.get_by_text(re.compile(r"measured \d+\.\d km")).first.wait_for()
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "only some 10 kilometers from the frontier" in body
    assert "Consistent" in body
    assert "Natural Earth" in body
    measured = float(re.search(r"measured (\d+\.\d) km", body).group(1))
    assert 5 < measured < 15
    shot(page, "places.png")
    page.get_by_text("Distance claims").scroll_into_view_if_needed()
    shot(page, "places-distance.png")
    assert not page.blocked_requests


def test_the_maps_old_path_goes_to_the_map_keeping_its_query(app_url, page):
    """``/map?...`` (links written before the map became the default page at ``/``) opens the
    map on that day, with no "Page not found" modal over it."""
    page.goto(f"{app_url}/map?day=2013-06-01&view=day")
    page.wait_for_url(re.compile(r"/\?day=2013-06-01"))
    settled(page)
    assert page.get_attribute("#app-ready", "data-page") == "map"
    assert page.get_attribute("#app-ready", "data-day") == "2013-06-01"
    assert "view=day" in page.url
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_role("dialog").count() == 0
