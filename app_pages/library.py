"""Library: the articles of the workspace database; import many at once; delete.

Thin: ``geo.store`` does the work. The store is opened once per server and database URL
(``st.cache_resource``); a database that cannot be opened is a message, not a traceback.
The results of the last import stay in ``st.session_state["lib_results"]`` so the lines
per file survive the rerun that redraws the table.
"""

from __future__ import annotations

import os
from datetime import date

import pandas as pd
import streamlit as st

from geo.store import ADDED, ALREADY, REFUSED, Store, StoreError, open_store
from geo.store.sources import HTML_SUFFIXES, TEXT_SUFFIXES

PASTE, UPLOAD = "Paste the text", "Upload files"
MARK = {ADDED: "✅", ALREADY: "ℹ️", REFUSED: "❌"}


@st.cache_resource(show_spinner="Opening the workspace database…", max_entries=4)
def workspace(url: str | None) -> Store:
    """The store for ``url`` (None: GEO_DATABASE_URL or the default); kept per server."""
    return open_store(url)


def import_all(store: Store, items: list[tuple[bytes, str]]) -> None:
    """Import each (bytes, name) with a progress bar and one line per file as it goes."""
    published = st.session_state.get("lib_published")
    title = st.session_state.get("lib_title", "") if len(items) == 1 else ""
    outlet = st.session_state.get("lib_outlet", "")
    bar = st.progress(0.0, text=f"Importing {len(items)} file(s)…")
    lines = st.container()
    results = []
    for i, (data, name) in enumerate(items, start=1):
        bar.progress((i - 1) / len(items), text=f"{i} of {len(items)}: {name}")
        result = store.import_bytes(data, name, title=title or None, outlet=outlet or None,
                                    fallback_published=published)
        results.append(result)
        lines.text(f"{MARK[result.status]} {name}: {result.status}: {result.message}")
    bar.progress(1.0, text=f"Done: {len(items)} file(s)")
    st.session_state["lib_results"] = [r.as_json() for r in results]


st.title("Library")
st.caption(
    "The articles of the workspace, kept in its database with their events and every "
    "correction. Import one or many; the same text twice is kept once."
)
try:
    store = workspace(os.environ.get("GEO_DATABASE_URL"))
    summaries = store.articles()
except StoreError as exc:
    st.error(str(exc))
    st.stop()

table = pd.DataFrame(
    [{"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published,
      "events": a.events, "first_day": a.first_day, "last_day": a.last_day,
      "source": a.source, "curated": a.curated} for a in summaries],
    columns=["id", "title", "outlet", "published", "events", "first_day", "last_day",
             "source", "curated"],
)
st.metric("Articles", len(summaries))
st.dataframe(
    table, hide_index=True, key="lib_table",
    column_config={
        "id": st.column_config.NumberColumn("Id", format="%d", width="small"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "outlet": "Outlet",
        "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "events": st.column_config.NumberColumn("Events", format="%d"),
        "first_day": st.column_config.DateColumn("First day", format="YYYY-MM-DD"),
        "last_day": st.column_config.DateColumn("Last day", format="YYYY-MM-DD"),
        "source": "Source",
        "curated": st.column_config.CheckboxColumn("Curated"),
    },
)

st.subheader("Map or review")
names = {a.id: f"{a.id}: {a.title[:80]} ({a.published})" for a in summaries}
picked = sorted(st.multiselect("Articles to show", list(names), format_func=names.get,
                               key="lib_pick", placeholder="choose one or several"))
b1, b2, b3 = st.columns(3)
if b1.button("Show on the map", key="lib_map", disabled=not picked):
    st.switch_page("app_pages/map.py", query_params={"articles": ",".join(map(str, picked))})
if b2.button("Show all on the map", key="lib_map_all", disabled=not summaries):
    st.switch_page("app_pages/map.py", query_params={"articles": "all"})
if b3.button("Review and correct", key="lib_review", disabled=len(picked) != 1,
             help="Opens the article on the Your article page: each change is saved at once"):
    st.switch_page("app_pages/your_article.py", query_params={"article": str(picked[0])})

st.subheader("Import")
st.radio("Import", [UPLOAD, PASTE], horizontal=True, key="lib_source",
         label_visibility="collapsed")
kinds = [s.lstrip(".") for s in TEXT_SUFFIXES + HTML_SUFFIXES]
if st.session_state.get("lib_source") == PASTE:
    st.text_area("Article text", key="lib_text", height=180,
                 placeholder="Paste the article here: the headline, then the paragraphs.")
    c1, c2 = st.columns([2, 1])
    c1.text_input("Title", key="lib_title", placeholder="default: the first line")
    c2.text_input("Outlet", key="lib_outlet", placeholder="e.g. NOW Lebanon")
else:
    st.file_uploader("Articles (.txt, .md, .html; several at once)", type=kinds,
                     accept_multiple_files=True, key="lib_files")
    st.text_input("Outlet (for files whose page does not name one)", key="lib_outlet")
st.date_input(
    "Publication date (required unless the file's metadata has one)", value=None,
    key="lib_published", format="YYYY-MM-DD", min_value=date(1900, 1, 1),
    max_value=date(2100, 12, 31),
    help="Relative dates such as \"on Tuesday\" are read against it. An HTML page's own "
    "date is used when it has one.",
)
if st.button("Import", type="primary", key="lib_import"):
    if st.session_state.get("lib_source") == PASTE:
        pasted = st.session_state.get("lib_text", "")
        items = [(pasted.encode("utf-8"), "pasted text")] if pasted.strip() else []
    else:
        items = [(f.getvalue(), f.name) for f in st.session_state.get("lib_files") or []]
    if not items:
        st.error("Paste an article or choose files to import first.")
    else:
        try:
            import_all(store, items)
            st.rerun()
        except StoreError as exc:
            st.error(str(exc))

results = st.session_state.get("lib_results")
if results:
    counts = {s: sum(r["status"] == s for r in results) for s in (ADDED, ALREADY, REFUSED)}
    st.caption(f"Last import: {counts[ADDED]} added, {counts[ALREADY]} already there, "
               f"{counts[REFUSED]} refused")
    for r in results:
        st.text(f"{MARK[r['status']]} {r['file']}: {r['status']}: {r['message']}")

st.subheader("Delete")
if summaries:
    labels = {a.id: f"{a.id}: {a.title[:80]} ({a.published})" for a in summaries}
    chosen = st.selectbox("Article", list(labels), format_func=labels.get, key="lib_delete_id")
    if st.session_state.get("lib_confirm") != chosen:
        if st.button("Delete…", key="lib_delete"):
            st.session_state["lib_confirm"] = chosen
            st.rerun()
    else:
        events = int(table.set_index("id").loc[chosen, "events"])
        # Titles are the articles' own text: shown as plain text, never as Markdown.
        st.warning(f"Delete article {chosen} with its {events} event(s) and their "
                   "corrections? This cannot be undone.")
        st.text(labels[chosen])
        yes, no = st.columns(2)
        if yes.button("Yes, delete", type="primary", key="lib_delete_yes"):
            try:
                gone = store.delete_article(chosen)
                st.session_state["lib_deleted"] = f"Deleted {gone.title[:80]}."
            except StoreError as exc:
                st.session_state["lib_deleted"] = str(exc)
            st.session_state.pop("lib_confirm", None)
            st.rerun()
        if no.button("Cancel", key="lib_delete_no"):
            st.session_state.pop("lib_confirm", None)
            st.rerun()
message = st.session_state.pop("lib_deleted", None)
if message:
    st.text(message)
