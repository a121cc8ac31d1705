"""The "Your article" page in a real browser: paste, find events, correct, export, escape."""

from __future__ import annotations

import csv
import io
import re
import uuid
from pathlib import Path

import pytest

from tests.conftest import run_number, settled

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARTICLE = (
    "Clashes in Tripoli, Lebanon, killed three people on Tuesday. "
    "The Syrian army shelled Homs on Monday. "
    "Rebels withdrew from Al-Qusayr."
)
HOSTILE = (
    "Clashes in Tripoli, Lebanon, killed three people on Tuesday. "
    "<img src=x onerror=alert(1)> ${alert(1)} <script>alert(2)</script> "
    "The Syrian army shelled Homs on Monday."
)


def unique(text: str) -> str:
    """The text made new: the app's database is shared by the session's tests, and the
    same text twice opens the article already there, with its corrections."""
    return f"{text} {uuid.uuid4().hex[:8]}"


def open_page(app_url: str, page) -> None:
    page.goto(f"{app_url}/your-article")
    page.get_by_label("Article text").wait_for()
    settled(page)


def find_events(page, text: str, published: str = "2013-06-05", title: str = "") -> None:
    page.get_by_label("Article text").fill(text)
    if title:
        page.get_by_label("Title").fill(title)
    set_date(page, "Publication date (required)", published)
    page.get_by_role("button", name="Find events").click()


def set_date(page, label: str, day: str) -> None:
    """Type ``day`` (YYYY-MM-DD) into Streamlit's segmented date input labelled ``label``."""
    page.get_by_role("spinbutton", name=f"year, {label}").click()
    page.keyboard.type(day.replace("-", ""))
    page.keyboard.press("Tab")


def set_day(page, label: str, day: str) -> None:
    """``set_date`` for the event's Start/End, then Escape and a click outside: the date
    is committed when the widget loses focus (Tab alone stays on its calendar button)."""
    set_date(page, label, day)
    page.keyboard.press("Escape")
    page.get_by_role("heading", name="Correct a place").click()


def metric(page, label: str) -> int:
    box = page.get_by_test_id("stMetric").filter(has_text=label)
    box.wait_for()
    return int(box.get_by_test_id("stMetricValue").inner_text())


def download(page, label: str) -> str:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def shot(page, name: str, at=None) -> None:
    """Save a screenshot for a person to look at, scrolled to ``at`` (a locator) if given."""
    ARTIFACTS.mkdir(exist_ok=True)
    if at is not None:
        at.first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_paste_find_correct_download(app_url, page):
    from playwright.sync_api import expect

    open_page(app_url, page)
    find_events(page, unique(ARTICLE), title="Clashes in Tripoli")
    assert metric(page, "Events") == 3
    assert metric(page, "Places") == 3
    article = page.locator(".your-article")
    assert article.locator(".hl.place").count() >= 4  # Tripoli, Lebanon, Homs, Al-Qusayr
    assert article.locator(".hl.date", has_text="Tuesday").get_attribute("title").startswith(
        "Tue 4 June 2013"
    )
    shot(page, "your_article")
    shot(page, "your_article_text", article)

    # Correct the first event's place: Tripoli -> Beirut, resolved in context.
    page.get_by_role("textbox", name="Place (now: Tripoli, LB)").fill("Beirut")
    page.get_by_role("textbox", name="Place (now: Tripoli, LB)").press("Enter")
    page.get_by_text("Resolves to").wait_for()
    n = settled(page)
    page.get_by_role("button", name="Change place").click()
    settled(page, n)  # the click's run has drawn all it shows
    page.get_by_text("Place changed to Beirut").wait_for()
    assert metric(page, "Rows you corrected") == 1
    expect(page.get_by_role("combobox", name="Event")).to_have_value(re.compile("· Beirut ·"))
    assert page.get_by_role("textbox", name="Place (now: Beirut, LB)").count() == 1
    shot(page, "your_article_corrected", page.get_by_text("Correct a place or a date"))

    # Correct the Homs event's dates: 1 to 2 June.
    page.get_by_role("combobox", name="Event").click()
    page.get_by_role("option", name=re.compile("· Homs ·")).click()
    # The row's own widgets are drawn once the server has rerun with the new selection.
    page.get_by_role("textbox", name="Place (now: Homs, SY)").wait_for()
    n = settled(page)
    set_day(page, "Start", "2013-06-01")
    n = settled(page, n)  # each date input's own run is over before the next click
    set_day(page, "End", "2013-06-02")
    settled(page, n)
    page.get_by_role("button", name="Change dates").click()
    settled(page, n)
    page.get_by_text("Dates changed").wait_for()
    assert metric(page, "Rows you corrected") == 2
    assert page.get_by_text("Session State API").count() == 0  # no Streamlit warnings

    rows = list(csv.DictReader(io.StringIO(download(page, "Download CSV"))))
    assert len(rows) == 3
    homs = next(r for r in rows if r["place_id"] == "homs")
    assert (homs["start"], homs["end"], homs["date_precision"]) == (
        "2013-06-01", "2013-06-02", "range"
    )
    assert homs["note"].startswith("corrected by the reader: dates were 2013-06-03")
    first = rows[0]
    assert first["place_name"] == "Beirut" and first["place_id"] == "beirut"
    assert first["id"].endswith("@beirut")
    assert first["note"].startswith("corrected by the reader: place was Tripoli")
    assert first["excerpt"] == "Clashes in Tripoli, Lebanon, killed three people on Tuesday."
    assert first["start"] == "2013-06-04"

    # Show on the map: the map page takes over (it reads st.session_state["user_events"]).
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.get_by_role("button", name="Show on the map").click()
    page.wait_for_url(lambda url: "your-article" not in url, timeout=30000)
    from tests.conftest import map_frame

    frame = map_frame(page)
    frame.wait_for_function("window.__qmap && window.__qmap.drawnAt", timeout=30000)
    # The timeline opens on the article's own first day (the corrected Homs event's).
    first = min(row["start"] for row in rows)
    assert first == "2013-06-01"
    frame.wait_for_function(f"window.__qmap.day === {first!r}", timeout=20000)
    page.get_by_role("heading", level=3, name="Sat 1 June 2013").wait_for(timeout=20000)
    # Its popup texts came with the step, to this session only: no public file for them.
    # Dispatched: after the switch from /your-article a mouse click there does not reach
    # Leaflet, though the marker is the frame's element at that point (the page then shows
    # its "Page not found" notice, issue 9 item 7: the likely cover; not pinned down).
    frame.locator(".leaflet-marker-icon[title^='Homs']").dispatch_event("click")
    frame.wait_for_selector(".leaflet-popup-content .ev-item", timeout=20000)
    assert "shelled Homs" in frame.locator(".leaflet-popup-content").inner_text()
    assert not [url for url in requested if "/popups" in url], requested
    # Outside hosts: at most the map's OpenStreetMap probe (refused).
    assert all(u.startswith("https://tile.openstreetmap.org/") for u in page.blocked_requests)


def test_unknown_place_is_refused_and_nothing_changes(app_url, page):
    open_page(app_url, page)
    find_events(page, unique(ARTICLE))
    assert metric(page, "Events") == 3
    field = page.get_by_role("textbox", name="Place (now: Tripoli, LB)")
    field.fill("Qwxzyville")
    field.press("Enter")
    page.get_by_text("Not found").wait_for()
    page.get_by_role("button", name="Change place").click()
    page.get_by_text("no place called 'Qwxzyville'").first.wait_for()
    assert metric(page, "Rows you corrected") == 0


def test_missing_date_is_an_error_and_keeps_the_text(app_url, page):
    from playwright.sync_api import expect

    open_page(app_url, page)
    page.get_by_label("Article text").fill(ARTICLE)
    page.get_by_role("button", name="Find events").click()
    page.get_by_text("Give the publication date").wait_for()
    assert page.get_by_label("Article text").input_value() == ARTICLE
    assert page.get_by_test_id("stMetric").count() == 0
    # Nothing typed is lost by switching to the upload and back, or to another page.
    page.get_by_label("Title").fill("My title")
    page.get_by_text("Upload a .txt file").click()
    page.locator("input[type='file']").wait_for(state="attached")
    page.get_by_text("Paste the text").click()
    expect(page.get_by_label("Article text")).to_have_value(ARTICLE)
    page.get_by_role("link", name="Events").click()
    page.get_by_test_id("stDataFrame").wait_for()
    page.get_by_role("link", name="Your article").click()
    expect(page.get_by_label("Article text")).to_have_value(ARTICLE)
    expect(page.get_by_label("Title")).to_have_value("My title")


def test_untrusted_text_is_shown_as_text(app_url, page):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_page(app_url, page)
    title = "<img src=x onerror=alert(3)> [x](https://example.com/) **bold**"
    n = run_number(page)
    find_events(page, HOSTILE, title=title)
    assert metric(page, "Events") >= 1
    article = page.locator(".your-article")
    article.wait_for()
    settled(page, n)  # the run has drawn all it shows: the counts below mean something
    text = article.inner_text()
    assert "<img src=x onerror=alert(1)>" in text
    assert "${alert(1)}" in text and "<script>alert(2)</script>" in text
    assert page.locator("img[src='x']").count() == 0
    from playwright.sync_api import expect

    # not HTML, not Markdown (waits for the run that read the title as typed)
    expect(page.get_by_role("heading", name=title)).to_have_count(1)
    assert page.locator("a[href^='https://example.com']").count() == 0
    assert page.locator("blockquote.ya-excerpt", has_text="${alert(1)}").count() == 1
    settled(page)
    shot(page, "your_article_untrusted", article)
    assert dialogs == []
    assert not page.blocked_requests


def test_upload_a_file_bad_then_good(app_url, page, tmp_path):
    open_page(app_url, page)
    page.get_by_text("Upload a .txt file").click()
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Clashes in Homs, café on Monday.".encode("latin-1"))
    n = settled(page)
    page.locator("input[type='file']").set_input_files(str(bad))
    page.get_by_text("latin1.txt").first.wait_for()
    settled(page, n)  # the upload's own run
    set_date(page, "Publication date (required)", "2013-06-05")
    page.get_by_role("button", name="Find events").click()
    page.get_by_text("not UTF-8 text").wait_for()
    shot(page, "your_article_bad_upload")

    good = tmp_path / "good.txt"
    good.write_text(unique(ARTICLE), encoding="utf-8")
    n = settled(page)
    page.locator("input[type='file']").set_input_files(str(good))
    page.get_by_text("good.txt").first.wait_for()
    settled(page, n)  # the upload's own run must not swallow the click
    page.get_by_role("button", name="Find events").click()
    assert metric(page, "Events") == 3
    # No title given: the first line of the text is the title.
    assert page.get_by_role("heading", name=re.compile("^Clashes in Tripoli, Lebanon")).count()


# --- issue 9: file names as text, a lost session --------------------------------------


@pytest.mark.parametrize(
    "name",
    ["[click me](https://evil.example/phish).txt", "![img](http://evil.example/track.png).txt"],
)
def test_an_uploaded_file_name_is_shown_as_text(app_url, page, name):
    open_page(app_url, page)
    page.get_by_text("Upload a .txt file").click()
    n = settled(page)
    page.locator("input[type='file']").set_input_files(
        {"name": name, "mimeType": "text/plain", "buffer": b"Clashes in Homs, caf\xe9."}
    )
    n = settled(page, n)
    set_date(page, "Publication date (required)", "2013-06-05")
    page.get_by_role("button", name="Find events").click()
    error = page.get_by_test_id("stAlert").filter(has_text="Cannot read the article")
    error.wait_for()
    settled(page, n)
    assert name in error.inner_text()  # the name, character for character
    assert page.locator("a[href*='evil.example'], img[src*='evil.example']").count() == 0
    assert not any("evil.example" in u for u in page.blocked_requests), page.blocked_requests
