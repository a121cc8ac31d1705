"""The pages through Streamlit's AppTest (no browser): hostile URLs and inputs of issue 9.

Each input here once ended in a traceback or in reader text read as Markdown.
"""

from __future__ import annotations

import re
from datetime import date
from uuid import uuid4

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def page(path: str, **query: str) -> AppTest:
    """The app at page ``path`` (AppTest knows the pages' url paths after a first run)."""
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page(path)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize(
    "passage",
    ["²", "5" * 5000, "-1", "1e3", "٣", " 3", "999999999"],
    ids=["superscript", "5000-digits", "negative", "exponent", "arabic-digit", "space", "big"],
)
def test_a_strange_passage_in_the_url_is_ignored(passage):
    at = page("app_pages/article.py", passage=passage)
    assert not at.exception, at.exception
    assert [t.value for t in at.title][0].startswith("Syria rebels")  # the article page
    assert not any("Passage" in i.value for i in at.info)  # nothing marked


def test_a_good_passage_is_still_marked():
    at = page("app_pages/article.py", passage="3")
    assert not at.exception
    assert any(i.value.startswith("Passage 3 of") for i in at.info)


def your_article(text: str) -> AppTest:
    at = page("app_pages/your_article.py")
    at.text_area(key="ya_text").input(text)
    at.date_input(key="ya_published").set_value(date(2013, 6, 5))
    return at.button(key="ya_find").click().run()


def test_an_article_without_events_says_so():
    at = your_article("Hello world, nothing happened here.")
    assert not at.exception, at.exception  # was: AttributeError in corrected_rows
    assert any(w.value.startswith("No events found") for w in at.warning)
    assert [m.value for m in at.metric if m.label == "Events"] == ["0"]


def test_a_typed_place_is_shown_as_text_not_markdown():
    at = your_article("Clashes in Tripoli, Lebanon, killed three people on Tuesday.")
    assert not at.exception
    row = at.selectbox(key="ya_row").value
    typed = "[click me](https://evil.example/phish) ![img](http://evil.example/track.png)"
    at.text_input(key=f"ya_place_{row}").input(typed).run()
    captions = [c.value for c in at.caption if c.value.startswith("Not found")]
    assert captions, [c.value for c in at.caption]
    assert code_span(captions[0].removeprefix("Not found: "))  # never read as Markdown
    at.button(key="ya_apply_place").click().run()
    errors = [e.value for e in at.error]
    assert errors and all(code_span(e) for e in errors), errors


def code_span(markdown: str) -> bool:
    """Whether ``markdown`` is one inline code span (shown as text, never linked)."""
    return re.fullmatch(r"(`+) [^`]*(?:`(?!\1)[^`]*)* \1", markdown) is not None


def test_a_new_session_finds_the_article_and_its_corrections_in_the_workspace():
    """What a server restart leaves: a new session with the URL; the work is in the store."""
    at = your_article(f"Clashes in Tripoli, Lebanon, killed three people on Tuesday. {uuid4()}")
    assert not at.exception, at.exception
    article = at.query_params["article"]
    row = at.selectbox(key="ya_row").value
    at.text_input(key=f"ya_place_{row}").input("Beirut").run()
    at.button(key="ya_apply_place").click().run()
    assert any("Place changed to Beirut" in s.value for s in at.success), at.success

    fresh = page("app_pages/your_article.py", article=article)  # a new session
    assert not fresh.exception, fresh.exception
    assert not any("session was lost" in w.value for w in fresh.warning)
    assert [m.value for m in fresh.metric if m.label == "Rows you corrected"] == ["1"]
    assert any("place: Tripoli" in t.value and "Beirut" in t.value for t in fresh.text)


def test_a_stale_version_is_refused_with_a_message_and_the_current_state():
    at = your_article(f"The Syrian army shelled Homs on Monday. {uuid4()}")
    row = at.selectbox(key="ya_row").value
    from geo.store.workspace import shared_store

    store = shared_store()
    key = row.partition("@")[0]
    store.set_status(key, "confirmed", store.version(key))  # another session, meanwhile
    at.button(key="ya_status_rejected").click().run()
    assert any("changed elsewhere" in e.value for e in at.error), at.error
    assert any("status: confirmed" in m.value for m in at.markdown)


def test_a_new_visit_shows_no_article():
    at = page("app_pages/your_article.py")
    assert not at.exception
    assert not at.metric
