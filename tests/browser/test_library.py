"""The Library page in a real browser: list, import several files, import again, delete."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.browser


def open_library(app_url: str, page) -> None:
    page.goto(f"{app_url}/library")
    page.get_by_role("heading", name="Library").wait_for(timeout=30000)
    page.get_by_test_id("stDataFrame").first.wait_for(timeout=30000)


def set_date(page, label: str, day: str) -> None:
    page.get_by_role("spinbutton", name=f"year, {label}").click()
    page.keyboard.type(day.replace("-", ""))
    page.keyboard.press("Tab")


def cell(page, text: str):
    """A cell of the articles table (the grid is drawn on a canvas; its cells are hidden
    elements kept for accessibility)."""
    return page.locator("[role=gridcell]", has_text=text).first


def metric(page, label: str) -> int:
    box = page.get_by_test_id("stMetric").filter(has_text=label)
    return int(box.get_by_test_id("stMetricValue").inner_text())


def test_import_many_files_then_again_then_delete(app_url, page, tmp_path):
    from playwright.sync_api import expect

    tag = uuid.uuid4().hex[:8]  # the app's database is shared by the session's tests
    text = tmp_path / f"tripoli-{tag}.txt"
    text.write_text(f"Clashes in Tripoli {tag}\n\nFighting broke out in Tripoli, Lebanon, "
                    "on Sunday, killing three people, a security source said.\n")
    page_html = tmp_path / f"homs-{tag}.html"
    page_html.write_text(
        "<!DOCTYPE html><html><head><title>Shelling of Homs</title>"
        '<meta property="og:site_name" content="The Daily Star">'
        '<meta property="article:published_time" content="2013-06-03">'
        f"<script>alert('{tag}')</script></head><body><article><h1>Shelling of Homs</h1>"
        f"<p>The Syrian army shelled Homs on Monday, residents said ({tag}).</p>"
        "</article></body></html>"
    )
    broken = tmp_path / f"broken-{tag}.txt"
    broken.write_bytes(b"\x00\x01binary")

    open_library(app_url, page)
    cell(page, "Syria rebels say they have lost battle").wait_for(state="attached")
    before = metric(page, "Articles")
    page.locator("input[type=file]").set_input_files([str(text), str(page_html), str(broken)])
    page.get_by_text(broken.name).first.wait_for(timeout=15000)  # uploaded
    set_date(page, "Publication date (required unless the file's metadata has one)",
             "2013-06-04")
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("Last import: 2 added, 0 already there, 1 refused").wait_for(timeout=60000)
    expect(page.get_by_text(f"{text.name}: added: added as article")).to_be_visible()
    expect(page.get_by_text(f"{broken.name}: refused: ")).to_contain_text("binary")
    assert metric(page, "Articles") == before + 2
    cell(page, f"Clashes in Tripoli {tag}").wait_for(state="attached")
    cell(page, "The Daily Star").wait_for(state="attached")  # the page's site name
    page.get_by_test_id("stSelectbox").click()
    page.keyboard.type("Shelling of Homs")  # the list shows only its first options
    expect(page.get_by_role("option").filter(has_text="Shelling of Homs (2013-06-03)")
           ).to_have_count(1)  # title and date from the page's metadata
    page.keyboard.press("Escape")

    page.get_by_role("button", name="Import", exact=True).click()  # the same files again
    page.get_by_text("Last import: 0 added, 2 already there, 1 refused").wait_for(timeout=60000)
    assert metric(page, "Articles") == before + 2

    # Delete asks first; Cancel keeps it, Yes deletes it.
    page.get_by_test_id("stSelectbox").click()
    page.get_by_role("option").filter(has_text=f"Clashes in Tripoli {tag}").click()
    page.get_by_role("button", name="Delete…").click()
    page.get_by_text("This cannot be undone").wait_for()
    page.get_by_role("button", name="Cancel").click()
    page.get_by_role("button", name="Delete…").wait_for()
    assert metric(page, "Articles") == before + 2
    page.get_by_role("button", name="Delete…").click()
    page.get_by_role("button", name="Yes, delete").click()
    page.get_by_text(f"Deleted Clashes in Tripoli {tag}").wait_for(timeout=15000)
    assert metric(page, "Articles") == before + 1
    assert not page.blocked_requests


def test_paste_one_article(app_url, page):
    tag = uuid.uuid4().hex[:8]
    open_library(app_url, page)
    before = metric(page, "Articles")
    page.get_by_text("Paste the text").click()
    page.get_by_label("Article text").fill(
        f"Rockets on Dahiyeh {tag}\n\nTwo rockets hit Dahiyeh in Beirut on Sunday.\n")
    page.get_by_label("Outlet").fill("NOW Lebanon")
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("pasted text: refused: no publication date").wait_for(timeout=30000)
    set_date(page, "Publication date (required unless the file's metadata has one)",
             "2013-05-27")
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("Last import: 1 added").wait_for(timeout=30000)
    assert metric(page, "Articles") == before + 1
