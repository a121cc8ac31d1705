"""The app's "ready" signal, drawn last on every page (not a page itself).

A hidden ``#app-ready`` element after the page's own elements: once it carries a run's
number, that run has sent everything it shows. Tests and tools wait for it instead of
sleeping (``tests/conftest.py``, ``settled``). ``data-run`` counts the session's runs,
``data-page`` names the page (its url path); on the map, ``data-day`` and
``data-playing`` say what the run showed, for the map's own signal (``window.__qmap.day``,
set once its markers are drawn) to be matched against.

``app.py`` calls :func:`start_run` before the page and :func:`ready_signal` after it; a
page that ends early with ``st.stop()`` calls :func:`ready_signal` just before (nothing
can be drawn after ``st.stop()``), and the second call of the run draws nothing.
"""

from __future__ import annotations

import html

import streamlit as st

RUN, DRAWN, PAGE = "app_run", "app_ready_drawn", "app_page"


def start_run(page_path: str) -> None:
    """Count this run (once per script run, before the page's code)."""
    s = st.session_state
    s[RUN] = s.get(RUN, 0) + 1
    s[PAGE] = page_path


def ready_signal() -> None:
    """Draw this run's ready signal, once."""
    s = st.session_state
    if s.get(DRAWN) == s.get(RUN):
        return
    s[DRAWN] = s.get(RUN)
    attrs = {"data-run": s.get(RUN, 0), "data-page": s.get(PAGE, "")}
    if s.get(PAGE) == "map" and s.get("q_day") is not None:
        attrs["data-day"] = s["q_day"].isoformat()
        attrs["data-playing"] = "true" if s.get("q_playing") else "false"
    text = " ".join(f'{k}="{html.escape(str(v))}"' for k, v in attrs.items())
    st.html(f'<div id="app-ready" hidden {text}></div>')
