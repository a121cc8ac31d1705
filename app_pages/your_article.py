"""Your article: bring a news article, check its proposed events, correct them, export.

Thin: ``geo.store.review`` does the work. "Find events" imports the article into the
workspace (in a worker, time-bound) and names it in the URL (``?article=ID``); every run
reads it from the store, so each change is saved at once with its history and a reload,
another tab or a server restart shows the same. A change names the version the page
showed: if another session changed the event since, the page says so and shows it anew.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from app_pages.ready import ready_signal
from geo.export import FORMATS, render
from geo.highlight import ARTICLE_CSS, DATE, PLACE, render_article
from geo.markup import plain_text as _md
from geo.store import NotFound, StoreError
from geo.store import review as rv
from geo.store.workspace import REFUSED, shared_store
from geo.user_article import MAX_BYTES, BadArticle, file_stem, read_article

PASTE, UPLOAD = "Paste the text", "Upload a .txt file"
#: How long the first start's index build takes (measured: README, Performance).
INDEX_BUILD = "about 30 to 60 s"


@st.cache_data(show_spinner="Finding places and dates…", max_entries=32)
def marks_of(article_id: int, text: str, title: str, outlet: str, published: date):
    """The article and its highlight marks (in a worker, time-bound); cached per article."""
    parsed = read_article(text.encode("utf-8"), title=title, outlet=outlet,
                          published=published, name=str(article_id), parse=rv.marks_only)
    return parsed.article, rv.highlight_marks(parsed)


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
    """Import the input into the workspace (or find it there) and open it (``?article=``)."""
    published = st.session_state.get("ya_published")
    given = read_input()
    if given is None:
        return
    if published is None:
        st.error("Give the publication date: the parser reads \"on Tuesday\" or "
                 "\"yesterday\" against it.")
        return
    if not rv.index_ready():
        with st.spinner(f"First use: building the GeoNames index (once, {INDEX_BUILD})…"):
            rv.ensure_index()
    with st.spinner("Finding places, dates and events…"):
        result = rv.import_bounded(store, *given, title=st.session_state.get("ya_title"),
                                   outlet=st.session_state.get("ya_outlet"), published=published)
    if result.status == REFUSED:
        st.error(f"Cannot read the article: {_md(result.message)}.")
        return
    st.query_params["article"] = str(result.article_id)
    st.session_state["ya_message"] = ("success", result.message)
    st.session_state["ya_online"] = result.online  # the online layer slow or skipped


def _stop(message: object, warn: bool = False) -> None:
    (st.warning if warn else st.error)(_md(message))
    ready_signal()  # nothing can be drawn after st.stop()
    st.stop()


def _done(outcome: rv.Outcome) -> None:
    st.session_state["ya_message"] = ("success" if outcome.ok else "error", outcome.message)
    if outcome.row_id:
        st.session_state["ya_row"] = outcome.row_id


def apply_place(row_id: str, version: int) -> None:
    typed = st.session_state.get(f"ya_place_{row_id}", "")
    _done(rv.change_place(store, row_id, typed, version))


def apply_dates(row_id: str, version: int) -> None:
    start = st.session_state.get(f"ya_start_{row_id}_{version}")
    end = st.session_state.get(f"ya_end_{row_id}_{version}")
    _done(rv.change_dates(store, row_id, start, end, version))


# --- input ---------------------------------------------------------------------------

st.title("Your article")
try:
    store = shared_store()
except StoreError as exc:
    _stop(exc)
if not rv.index_ready():
    st.info(
        "First start of the app: its gazetteer index (GeoNames) is being built, once per "
        f"install, {INDEX_BUILD}. Paste or upload the article meanwhile; **Find events** "
        "waits for the index, with a spinner."
    )
st.caption(
    "Bring any English news article: the geoparser proposes its dated, located events, "
    "you check and correct them (each change is saved at once in the workspace, with its "
    "history), then export them or show them on the map. Nothing leaves this machine."
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
    st.file_uploader(f"Article as a UTF-8 .txt file (at most {MAX_BYTES / 1e6:.0f} MB)",
                     type=["txt"], key="ya_file")
else:
    st.text_area("Article text", key="ya_text", height=220,
                 placeholder="Paste the article here: the headline, then the paragraphs.")
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

if st.button("Find events", type="primary", key="ya_find"):
    find_events()

article_id = rv.parse_article_id(st.query_params.get("article"))
if article_id is None:
    ready_signal()  # nothing can be drawn after st.stop()
    st.stop()

# --- output: the article as the workspace holds it now ---------------------------------

try:
    summary = store.summary(article_id)
    stored = store.article(article_id)
    frame = rv.review_frame(store, article_id)
    article, marks = marks_of(article_id, stored.text, stored.title, stored.outlet,
                              stored.published)
except NotFound:
    _stop(f"There is no article {article_id} in the workspace (deleted?): find events in "
          "another one, or open one from the Library page.", warn=True)
except (StoreError, BadArticle) as exc:
    _stop(exc)
# The title and excerpts are the article's text: autoescaping templates, never Markdown.
st.html(rv.PAGE_CSS + rv.heading_html(article.title))
st.caption(f"Article {article_id} of the workspace, published {summary.published:%d %B %Y}"
           f"{', ' + _md(summary.outlet) if summary.outlet else ''}.")
for column, (label, value) in zip(st.columns(4), rv.figures(frame, marks), strict=True):
    column.metric(label, value)
message = st.session_state.pop("ya_message", None)
if message is not None:
    (st.error if message[0] == "error" else st.success)(_md(message[1]))
if online := st.session_state.pop("ya_online", None):
    st.warning(online)

if frame.empty:
    st.warning(rv.NO_EVENTS)
else:
    cc = st.column_config
    st.dataframe(frame, hide_index=True, key="ya_table", column_order=[
        "start", "end", "place_name", "country_code", "status", "corrected", "title",
        "category", "date_phrase", "confidence", "corrections", "note", "excerpt", "lat",
        "lon", "id"], column_config={
        "start": cc.DateColumn("Start", format="ddd D MMM YYYY"), "place_name": "Place",
        "end": cc.DateColumn("End", format="ddd D MMM YYYY"), "country_code": "Country",
        "status": "Status", "title": cc.TextColumn("Event", width="large"),
        "category": "Category", "date_phrase": "Date as written",
        "confidence": cc.ProgressColumn("Confidence", min_value=0.0, max_value=1.0,
                                        format="%.2f"),
        "corrected": cc.CheckboxColumn("Corrected"), "excerpt": cc.TextColumn("Excerpt"),
        "corrections": cc.TextColumn("History", width="medium"),
        "note": cc.TextColumn("Why", width="medium", help="Why it was proposed, and changes"),
    })  # fmt: skip

    st.subheader("Correct a place or a date, confirm or reject")
    labels = {r.id: rv.event_label(r) for r in frame.itertuples()}
    if st.session_state.get("ya_row") not in labels:
        st.session_state.pop("ya_row", None)
    row_id = st.selectbox("Event", list(labels), format_func=labels.get, key="ya_row")
    row = frame.loc[frame["id"] == row_id].iloc[0]
    version = int(row["version"])  # what each change names: stale if changed elsewhere
    st.html(rv.excerpt_html(row["excerpt"]))
    p, d, h = st.columns([1, 1, 1])
    with p:
        typed = st.text_input(f"Place (now: {row['place_name']}, {row['country_code']})",
                              key=f"ya_place_{row_id}", placeholder="e.g. Tripoli, Lebanon",
                              help="Resolved with the gazetteer, in this article's context.")
        if typed.strip():
            st.caption(rv.place_hint(typed, article.text))
        st.button("Change place", key="ya_apply_place", on_click=apply_place,
                  args=(row_id, version), disabled=not typed.strip())
    with d:
        s, e = st.columns(2)
        s.date_input("Start", value=row["start"].date(), key=f"ya_start_{row_id}_{version}",
                     format="YYYY-MM-DD")
        e.date_input("End", value=row["end"].date(), key=f"ya_end_{row_id}_{version}",
                     format="YYYY-MM-DD")
        st.button("Change dates", key="ya_apply_dates", on_click=apply_dates,
                  args=(row_id, version))
        for status, label in rv.STATUS_ACTIONS.items():
            if status != row["status"]:
                st.button(label, key=f"ya_status_{status}", on_click=lambda *a: _done(
                    rv.change_status(store, *a)), args=(row_id, status, version))
    with h:
        st.markdown(f"**History** (status: {row['status']})")
        for line in rv.history_lines(frame, row_id) or ["no change yet"]:
            st.text(line)

    st.subheader("Export or map")
    actions = st.container(horizontal=True)
    stem = file_stem(article.title)
    exported = rv.export_frame(frame)  # not rejected; with status and corrections
    for fmt in FORMATS.values():
        actions.download_button(f"Download {fmt.label}", partial(render, exported, fmt.name),
                                file_name=f"{stem}-events.{fmt.extension}", mime=fmt.mime,
                                on_click="ignore", key=f"ya_dl_{fmt.name}")
    if actions.button("Show on the map", type="primary", key="ya_map"):
        st.switch_page("app_pages/map.py", query_params={"articles": str(article_id)})

st.subheader("The article")
marks = [m for m in marks if m.kind in (PLACE, DATE)]
body = render_article(article.text, [(p.start, p.end) for p in article.paragraphs], marks)
st.html(f'{ARTICLE_CSS}{rv.PAGE_CSS}<div class="article your-article">{rv.LEGEND}{body}</div>')
