"""The pages through Streamlit's AppTest (no browser): hostile URLs and inputs of issue 9.

Each input here once ended in a traceback or in reader text read as Markdown.
"""

from __future__ import annotations

import re
from datetime import date

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


def test_a_new_session_with_the_inputs_filled_in_says_the_session_was_lost():
    at = AppTest.from_file(APP, default_timeout=120).run()  # the map
    at.switch_page("app_pages/your_article.py")
    # What the browser sends after a server restart: the widgets' values, no results.
    at.session_state["ya_text"] = "Clashes in Tripoli on Tuesday."
    at.run()
    assert not at.exception
    assert any("session was lost" in w.value for w in at.warning)
    at.run()  # said once
    assert not any("session was lost" in w.value for w in at.warning)


def test_a_new_visit_says_nothing_of_a_lost_session():
    at = page("app_pages/your_article.py")
    assert not at.exception
    assert not any("session was lost" in w.value for w in at.warning)


def test_your_article_says_on_arrival_that_the_index_is_being_built(monkeypatch):
    from geo.gazetteer.geonames import GeoNamesIndex

    monkeypatch.setattr(GeoNamesIndex, "built", property(lambda self: False))
    at = page("app_pages/your_article.py")
    assert not at.exception
    assert any("being built" in i.value for i in at.info), [i.value for i in at.info]
