"""A server just started: the first visitor of a page's own URL gets that page, cleanly.

Issue 9, item 7: with the page scripts in a ``pages/`` folder beside ``app.py``, Streamlit
ran its older multipage mode until the first ``st.navigation`` call, so the first visitor
of ``/your-article`` saw a "Page not found ... Running the app's main page" box over the
right page. Each test starts its own server, since only a fresh one shows it.
"""

from __future__ import annotations

import pytest

from tests.conftest import settled, start_streamlit, stop

pytestmark = pytest.mark.browser


@pytest.fixture
def fresh_server(geonames_index):
    """(process, URL) of a server of its own; the test may stop it to read its output."""
    proc, url = start_streamlit()
    yield proc, url
    if proc.poll() is None:
        stop(proc)


@pytest.mark.parametrize(("path", "shows"), [("your-article", "Article text"),
                                             ("article", "Go to an event's passage")])  # fmt: skip
def test_the_first_visit_of_a_page_url_shows_that_page_without_a_notice(fresh_server, page,
                                                                          path, shows):  # fmt: skip
    proc, url = fresh_server
    page.goto(f"{url}/{path}")
    settled(page)  # the first run is over: a "Page not found" would have come with it
    assert page.get_attribute("#app-ready", "data-page") == path  # app.py ran the page
    page.get_by_text(shows).first.wait_for()
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_role("dialog").count() == 0
    assert page.title() != "app"  # set_page_config ran: the page went through app.py
    stop(proc)
    output = proc.stdout.read()
    assert "no static folder" not in output, output  # static/ exists before the first run
