"""Your article: bring another news article, check its proposed events, correct, export.

Thin: the widgets hold what the reader typed (keyed, so a rerun or an error loses
nothing), ``geo.user_article`` does the work, and the corrected frame lives in
``st.session_state["ya_result"]`` so corrections survive reruns. Parsing is cached on the
text, date and metadata. "Show on the map" hands the corrected frame to the map page in
``st.session_state["user_events"]`` ({"frame", "title", "published"}).
"""

from __future__ import annotations

import html
import re
from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from app_pages.ready import ready_signal
from geo.export import FORMATS, render
from geo.highlight import ARTICLE_CSS, DATE, PLACE, Mark, date_marks, render_article
from geo.user_article import (
    MAX_BYTES,
    BadArticle,
    BadCorrection,
    UnknownPlace,
    choose_place,
    correct_dates,
    correct_place,
    corrected_rows,
    file_stem,
    read_article,
)

SESSION_LOST = (
    "The server was restarted and this page's session was lost: the events found and "
    "your corrections are gone (the text you gave is still here). Press **Find events** "
    "to read the article again."
)
PASTE, UPLOAD = "Paste the text", "Upload a .txt file"
#: How long the first start's index build takes (measured: README, Performance).
INDEX_BUILD = "about a minute, longer on a busy machine"
# The shared article renderer adds a pilcrow link per paragraph (?passage=N); here it
# would leave the page and lose the reader's corrections, so it is hidden.
PAGE_CSS = """<style>.your-article a.pilcrow { display: none; }
.ya-excerpt { color: #495057; border-left: 3px solid #ced4da; margin: 0; padding: .1rem .75rem; }
h2.ya-title { margin: .5rem 0 0; padding-bottom: .4rem; border-bottom: 1px solid #adb5bd; }
</style>"""
LEGEND = (
    '<p class="legend"><span class="hl place">place</span> a place name the parser found '
    '(hover: where it put it) · <span class="hl date">date</span> a date expression '
    "(hover: the day it reads)</p>"
)


@st.cache_data(show_spinner="Finding places, dates and events…", max_entries=32)
def parse(data: bytes, title: str, outlet: str, published: date, name: str):
    """The article, its proposed events frame and highlight marks; cached per input.

    Read in a worker process within a time bound (``read_article``), so a long text never
    slows other readers; past the bound it raises ``TooLong``, a ``BadArticle``.
    """
    parsed = read_article(data, title=title, outlet=outlet, published=published, name=name)
    marks = [Mark(t.start, t.end, PLACE, _place_title(t.place)) for t in parsed.toponyms]
    marks += date_marks(parsed.dates)
    return parsed.article, parsed.frame, marks, parsed.online


def _index_ready() -> bool:
    """Whether the GeoNames index is built (the parser needs it; it is built once)."""
    from geo.gazetteer import load_gazetteer

    geonames = load_gazetteer().geonames
    return geonames is None or geonames.built


def _md(text: object) -> str:
    """Text shown as itself where Streamlit reads Markdown (messages, captions).

    A file named "[click me](https://evil.example).txt" must not become a link, nor
    "![x](url)" an image the browser fetches. Backslash escapes are not enough: Streamlit
    turns any "https://..." left in the text into a link after reading the Markdown. An
    inline code span is never read as Markdown, nor linked: the text goes into one, fenced
    with more backticks than it holds in a row.
    """
    text = " ".join(str(text).split())  # one line: a code span cannot hold a blank line
    fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"


def _place_title(place) -> str:
    if place is None:
        return "not in the gazetteer: not placed"
    return f"{place.name} ({place.country_code}, {place.lat:.3f}, {place.lon:.3f})"


def read_input() -> tuple[bytes, str] | None:
    """The bytes the reader gave and a name for them, or None (with an error shown)."""
    if st.session_state.get("ya_source") == UPLOAD:
        upload = st.session_state.get("ya_file")
        if upload is None:
            st.error("Choose a .txt file to upload first (or paste the text instead).")
            return None
        return upload.getvalue(), upload.name
    text = st.session_state.get("ya_text", "")
    if not text.strip():
        st.error("Paste the text of an article first (or upload a .txt file).")
        return None
    return text.encode("utf-8"), "pasted text"


def find_events() -> None:
    """Parse the input; keep the reader's corrections if the input did not change."""
    published = st.session_state.get("ya_published")
    given = read_input()
    if given is None:
        return
    if published is None:
        st.error(
            "Give the publication date: the parser reads \"on Tuesday\" or \"yesterday\" "
            "against it."
        )
        return
    data, name = given
    title = st.session_state.get("ya_title", "")
    outlet = st.session_state.get("ya_outlet", "")
    try:
        if not _index_ready():
            with st.spinner(f"First use: building the GeoNames index (once, {INDEX_BUILD})…"):
                from geo.gazetteer import load_gazetteer

                load_gazetteer().geonames.ensure_built()
        article, frame, marks, online = parse(data, title, outlet, published, name)
    except BadArticle as exc:
        st.error(f"Cannot read the article: {_md(exc)}.")
        return
    key = (data, title, outlet, published, name)
    current = st.session_state.get("ya_result")
    if current is not None and current["key"] == key:
        return  # same article: keep the corrections
    st.session_state["ya_result"] = {
        "key": key, "article": article, "proposed": frame, "frame": frame.copy(),
        "marks": marks, "online": online,
    }
    st.session_state.pop("ya_message", None)


def apply_place(row_id: str) -> None:
    """Button callback: move the selected row to the place typed for it."""
    result = st.session_state["ya_result"]
    typed = st.session_state.get(f"ya_place_{row_id}", "")
    before = result["frame"]
    try:
        after = correct_place(before, row_id, typed, result["article"].text)
    except (UnknownPlace, BadCorrection) as exc:
        st.session_state["ya_message"] = ("error", str(exc))
        return
    result["frame"] = after
    # The row's id names its place (event@place): keep the same row selected.
    index = before.index[before["id"] == row_id][0]
    new = after.loc[index]
    st.session_state["ya_row"] = new["id"]
    st.session_state["ya_message"] = (
        "success", f"Place changed to {new['place_name']} ({new['country_code']}).",
    )


def apply_dates(row_id: str) -> None:
    """Button callback: give the selected row the dates the reader set."""
    result = st.session_state["ya_result"]
    start = st.session_state.get(f"ya_start_{row_id}")
    end = st.session_state.get(f"ya_end_{row_id}")
    if start is None or end is None:
        st.session_state["ya_message"] = ("error", "Set both the start and the end day.")
        return
    try:
        result["frame"] = correct_dates(result["frame"], row_id, start, end)
    except BadCorrection as exc:
        st.session_state["ya_message"] = ("error", str(exc))
        return
    when = f"{start:%d %B %Y}" if start == end else f"{start:%d %B %Y} to {end:%d %B %Y}"
    st.session_state["ya_message"] = ("success", f"Dates changed to {when}.")


def undo_all() -> None:
    """Button callback: back to the parser's proposals."""
    result = st.session_state["ya_result"]
    result["frame"] = result["proposed"].copy()
    for key in [k for k in st.session_state if str(k).startswith(("ya_place_", "ya_start_",
                                                                  "ya_end_"))]:
        del st.session_state[key]  # the widgets show the proposals again
    st.session_state["ya_message"] = ("success", "All corrections undone.")


# --- input ---------------------------------------------------------------------------

st.title("Your article")
if not _index_ready():
    st.info(
        "First start of the app: its gazetteer index (GeoNames) is being built, once per "
        f"install, {INDEX_BUILD}. Paste or upload the article meanwhile; **Find events** "
        "waits for the index, with a spinner."
    )
st.caption(
    "Bring any English news article: the geoparser proposes its dated, located events, "
    "you check and correct them, then export them or show them on the map. Nothing leaves "
    "this machine."
)

# Streamlit forgets a widget's value when the widget is not drawn (another page, or the
# other input mode), and a redrawn widget shows its default: keep a copy of what the
# reader typed and hand it back to the widgets on every run.
TYPED = ("ya_source", "ya_text", "ya_title", "ya_outlet", "ya_published")
for key in TYPED:
    if f"kept_{key}" in st.session_state:
        st.session_state[key] = st.session_state.get(key, st.session_state[f"kept_{key}"])

st.radio("Article", [PASTE, UPLOAD], horizontal=True, key="ya_source",
         label_visibility="collapsed")
if st.session_state.get("ya_source") == UPLOAD:
    st.file_uploader(
        f"Article as a UTF-8 .txt file (at most {MAX_BYTES / 1e6:.0f} MB)",
        type=["txt"], key="ya_file",
    )
else:
    st.text_area(
        "Article text", key="ya_text", height=220,
        placeholder="Paste the article here: the headline, then the paragraphs.",
    )
c1, c2, c3 = st.columns([2, 1, 1])
c1.text_input("Title", key="ya_title", placeholder="default: the first line of the text")
c2.text_input("Outlet", key="ya_outlet", placeholder="e.g. NOW Lebanon")
no_date = {} if "ya_published" in st.session_state else {"value": None}
c3.date_input(
    "Publication date (required)", key="ya_published", format="YYYY-MM-DD", **no_date,
    min_value=date(1900, 1, 1), max_value=date(2100, 12, 31),
    help="Relative dates such as \"on Tuesday\" are read against it.",
)
for key in TYPED:
    if key in st.session_state:
        st.session_state[f"kept_{key}"] = st.session_state[key]
# A session's first run here with the inputs already filled in: the browser kept them
# from a session the server no longer has (it restarted). Say so rather than drop the
# results silently on the next click.
if "ya_seen" not in st.session_state:
    st.session_state["ya_seen"] = True
    if any(st.session_state.get(k) for k in ("ya_text", "ya_title", "ya_outlet",
                                             "ya_published", "ya_file")):  # fmt: skip
        st.warning(SESSION_LOST)

if st.button("Find events", type="primary", key="ya_find"):
    find_events()

result = st.session_state.get("ya_result")
if result is None:
    ready_signal()  # nothing can be drawn after st.stop()
    st.stop()

# --- output --------------------------------------------------------------------------

article = result["article"]
frame: pd.DataFrame = result["frame"]
# The title and excerpts are the reader's text: HTML-escaped, never read as Markdown
# (st.header and st.caption would turn "[x](url)" into a link).
st.html(f'{PAGE_CSS}<h2 class="ya-title">{html.escape(article.title)}</h2>')
corrected = corrected_rows(frame)
m1, m2, m3, m4 = st.columns(4)
m1.metric("Places", frame["place_id"].nunique())
m2.metric("Events", frame["event_id"].nunique())
m3.metric("Place names found", sum(1 for m in result["marks"] if m.kind == PLACE))
m4.metric("Rows you corrected", int(corrected.sum()))

if result.get("online"):  # online look-ups failed, timed out or were skipped
    st.warning(result["online"])
message = st.session_state.pop("ya_message", None)
if message is not None:
    if message[0] == "error":  # may hold what the reader typed
        st.error(_md(message[1]))
    else:
        st.success(message[1])

if frame.empty:
    st.warning(
        "No events found: the parser proposes an event for a sentence that names a place "
        "and says what happened there (fighting, a statement, a withdrawal, ...)."
    )
else:
    shown = frame.assign(corrected=corrected)
    st.dataframe(
        shown,
        hide_index=True,
        key="ya_table",
        column_order=[
            "start", "end", "place_name", "country_code", "corrected", "title",
            "category", "date_phrase", "confidence", "note", "excerpt", "lat", "lon",
            "id",
        ],  # fmt: skip
        column_config={
            "start": st.column_config.DateColumn("Start", format="ddd D MMM YYYY"),
            "end": st.column_config.DateColumn("End", format="ddd D MMM YYYY"),
            "place_name": "Place",
            "country_code": "Country",
            "title": st.column_config.TextColumn("Event", width="large"),
            "category": "Category",
            "date_phrase": "Date as written",
            "confidence": st.column_config.ProgressColumn(
                "Confidence", min_value=0.0, max_value=1.0, format="%.2f"
            ),
            "corrected": st.column_config.CheckboxColumn("Corrected"),
            "note": st.column_config.TextColumn(
                "Why", width="medium",
                help="Why it was proposed (trigger, date rule, how the place was chosen) "
                     "and any correction",
            ),
            "excerpt": st.column_config.TextColumn("Excerpt", width="large"),
        },
    )

    st.subheader("Correct a place or a date")
    labels = {
        r.id: f"{r.start:%d %b %Y} · {r.place_name} · {r.title[:70]}"
        for r in frame.itertuples()
    }
    if st.session_state.get("ya_row") not in labels:
        st.session_state.pop("ya_row", None)
    row_id = st.selectbox("Event", list(labels), format_func=labels.get, key="ya_row")
    row = frame.loc[frame["id"] == row_id].iloc[0]
    st.html(f'<blockquote class="ya-excerpt">{html.escape(row["excerpt"])}</blockquote>')
    p, d = st.columns(2)
    with p:
        typed = st.text_input(
            f"Place (now: {row['place_name']}, {row['country_code']})",
            key=f"ya_place_{row_id}",
            placeholder="a place name, e.g. Tripoli, Lebanon",
            help="Resolved with the gazetteer, in the context of this article.",
        )
        if typed.strip():
            try:
                choice = choose_place(typed, article.text)
                st.caption(f"Resolves to {_md(choice.name)} ({choice.country_code}, "
                           f"{choice.lat:.3f}, {choice.lon:.3f}). Why: {_md(choice.reason)}")
            except UnknownPlace as exc:
                st.caption(f"Not found: {_md(exc)}")
        st.button("Change place", key="ya_apply_place", on_click=apply_place,
                  args=(row_id,), disabled=not typed.strip())
    with d:
        s, e = st.columns(2)
        s.date_input("Start", value=row["start"].date(), key=f"ya_start_{row_id}",
                     format="YYYY-MM-DD")
        e.date_input("End", value=row["end"].date(), key=f"ya_end_{row_id}",
                     format="YYYY-MM-DD")
        st.button("Change dates", key="ya_apply_dates", on_click=apply_dates,
                  args=(row_id,))
    if corrected.any():
        st.button("Undo all corrections", key="ya_undo", on_click=undo_all)

    st.subheader("Export or map")
    actions = st.container(horizontal=True)
    stem = file_stem(article.title)
    for fmt in FORMATS.values():
        actions.download_button(
            f"Download {fmt.label}",
            partial(render, frame, fmt.name),  # built on click: large articles stay fast
            file_name=f"{stem}-events.{fmt.extension}",
            mime=fmt.mime,
            on_click="ignore",
            key=f"ya_dl_{fmt.name}",
        )
    if actions.button("Show on the map", type="primary", key="ya_map"):
        st.session_state["user_events"] = {
            "frame": frame.copy(),
            "title": article.title,
            "published": article.published,
        }
        st.switch_page("app_pages/map.py")

st.subheader("The article")
marks = [m for m in result["marks"] if m.kind in (PLACE, DATE)]
body = render_article(article.text, [(p.start, p.end) for p in article.paragraphs], marks)
st.html(f'{ARTICLE_CSS}{PAGE_CSS}<div class="article your-article">{LEGEND}{body}</div>')
