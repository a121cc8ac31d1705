"""The Your article page says when online look-ups were slow, failed or were skipped.

The online layer (``GEO_ONLINE``) is pointed at a local server that accepts connections
and never answers; the page must finish within the layer's budget and say so.
"""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from geo.gazetteer import load_gazetteer
from tests.conftest import ROOT
from tests.test_gazetteer_online import silent_layer, silent_server

TEXT = (
    "Clashes in Qwertzville killed three people on Tuesday, officials in Asdfgh Falls said. "
    "The army shelled Homs on Monday."
)


def test_the_page_says_online_look_up_was_slow(tmp_path, monkeypatch) -> None:
    gazetteer = load_gazetteer()
    gazetteer.geonames.ensure_built()
    with silent_server() as (port, _accepted):
        monkeypatch.setattr(gazetteer, "online", silent_layer(port, tmp_path, 0.6, 0.3))
        # The page parses in a worker process, which this test's online layer would not
        # reach: the parse runs here instead (the worker itself: tests/test_worker.py).
        monkeypatch.setattr("geo.worker.run_bounded",
                            lambda fn, *args, timeout, **kw: fn(*args, **kw))
        at = AppTest.from_file(str(ROOT / "app_pages" / "your_article.py"), default_timeout=120)
        at.run()
        at.text_area(key="ya_text").input(TEXT)
        at.date_input(key="ya_published").set_value(date(2013, 6, 5))
        at.button(key="ya_find").click().run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any("Online look-up (nominatim) is slow or unreachable" in w for w in warnings)
