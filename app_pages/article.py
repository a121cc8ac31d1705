"""Article page: the full text, place names and dates highlighted and linked to the map.

URL (ARCHITECTURE.md, URLs): ``?passage=<paragraph index>&event=<event id>``. The page
scrolls to the passage and marks it; with an event, its excerpt is highlighted too.
Thin: the marks are computed once (cached) by ``geo.highlight``; the HTML is built there
from escaped pieces only. The one script on the page scrolls to an element id made from
a validated integer, never from the text.
"""

from __future__ import annotations

import streamlit as st

from geo.highlight import (
    ARTICLE_CSS,
    EventSpan,
    Mark,
    date_marks,
    event_spans,
    find_names,
    link_marks,
    map_link,
    passage_id,
    render_article,
    spellings_of,
)

try:
    from geo.article import load_seed_article
except ImportError as exc:
    st.title("Article")
    st.error(f"The article is not available: {exc}.")
    st.stop()

NOTICES: list[str] = []
try:
    from geo.events import events_frame, load_seed_events
except ImportError as exc:
    events_frame = load_seed_events = None
    NOTICES.append(f"Events are not available ({exc}): names are highlighted but not linked.")
try:
    from geo.dates import find_dates
except ImportError as exc:
    find_dates = None
    NOTICES.append(f"Date expressions are not available ({exc}).")
try:
    from geo.gazetteer import load_gazetteer
except ImportError as exc:
    load_gazetteer = None
    NOTICES.append(f"The gazetteer is not available ({exc}): place names are not highlighted.")


@st.cache_data(show_spinner=False)
def article_marks() -> tuple[list[Mark], list[EventSpan], dict[str, tuple[str, int, int]]]:
    """Marks for every place name and date in the article's body, linked to events.

    Also the events' excerpt spans and, per event id, its title and excerpt offsets.
    """
    article = load_seed_article()
    body = article.body
    spans: list[EventSpan] = []
    events: dict[str, tuple[str, int, int]] = {}
    place_ids: list[str] = []
    if events_frame is not None:
        frame = events_frame(load_seed_events())
        spans = event_spans(frame)
        # One row (and one marker) per event and place: label both.
        labels = (frame["title"] + " (" + frame["place_name"] + ")").set_axis(frame["id"])
        events = {s.id: (str(labels[s.id]), s.start, s.end) for s in spans}
        place_ids = list(dict.fromkeys(frame["place_id"].dropna().astype(str)))
    marks: list[Mark] = []
    if load_gazetteer is not None:
        gazetteer = load_gazetteer()
        places = [p for p in (gazetteer.get(i) for i in place_ids) if p is not None]
        # Curated places no event uses are still place names worth highlighting.
        places += [p for p in _curated_places(gazetteer) if p.id not in set(place_ids)]
        names = spellings_of(places)
        marks += find_names(body, names, {p.id: p.name for p in places})
    if find_dates is not None:
        marks += date_marks(find_dates(body, article.published))
    return link_marks(marks, spans), spans, events


def _curated_places(gazetteer) -> list:
    """Every place of the curated layer (it is iterable), or none if there is no layer."""
    curated = getattr(gazetteer, "curated", None)
    return list(curated) if curated is not None else []


@st.cache_data(show_spinner=False, max_entries=64)  # keyed by the URL's passage and event
def article_html(current: int | None, event_id: str | None) -> str:
    """The article body as HTML, with ``current`` marked and the event's excerpt lit."""
    article = load_seed_article()
    marks, _, events = article_marks()
    excerpt = events[event_id][1:] if event_id in events else None
    paragraphs = [(p.start, p.end) for p in article.paragraphs]
    return render_article(article.text, paragraphs, marks, current=current, excerpt=excerpt)


def passage_from_url(
    count: int, events: dict[str, tuple[str, int, int]]
) -> tuple[int | None, str | None]:
    """The passage and event asked for in the URL; anything invalid is ignored."""
    event_id = st.query_params.get("event")
    if event_id not in events:
        event_id = None
    raw = st.query_params.get("passage", "")
    # ASCII digits only, and few: "²".isdigit() is True but int() refuses it, and int()
    # refuses more than 4,300 digits; either was a ValueError traceback for any visitor.
    plain = raw.isascii() and raw.isdigit() and len(raw) <= 6
    passage = int(raw) if plain and int(raw) < count else None
    if passage is None and event_id is not None:
        paragraph = load_seed_article().paragraph_at(events[event_id][1])
        passage = paragraph.index if paragraph is not None else None
    return passage, event_id


def scroll_script(passage: int) -> str:
    """Scroll the marked passage into view once Streamlit has drawn it.

    The id comes from an int. No "<" followed by a letter or digit may appear in the
    script: Streamlit's sanitiser (DOMPurify) drops such a script silently.
    """
    target = passage_id(int(passage))
    return f"""<script>
(function () {{
  var tries = 0;
  function go() {{
    var el = document.getElementById("{target}");
    if (el) {{
      el.scrollIntoView({{block: "center"}});
      el.setAttribute("data-scrolled", "true");
    }} else if (tries++ < 100) {{
      setTimeout(go, 50);
    }}
  }}
  go();
}})();
</script>"""


article = load_seed_article()
marks, spans, events = article_marks()
passage, event_id = passage_from_url(len(article.paragraphs), events)

st.title(article.title)
st.caption(
    f"{article.outlet}, {article.published:%-d %B %Y} · article `{article.id}` · "
    f"{len(article.paragraphs)} passages · {sum(m.kind == 'place' for m in marks)} place "
    f"names and {sum(m.kind == 'date' for m in marks)} date expressions highlighted"
)
for notice in NOTICES:
    st.warning(notice)

if events:
    ids = [s.id for s in spans]
    choice = st.selectbox(
        "Go to an event's passage",
        [None, *ids],
        index=ids.index(event_id) + 1 if event_id in ids else 0,
        format_func=lambda i: "—" if i is None else events[i][0],
    )
    if choice != event_id:
        if choice is None:
            st.query_params.clear()
        else:
            st.query_params.from_dict({"event": choice})
        st.rerun()

if event_id is not None:
    st.info(
        f"Passage {passage}: **{events[event_id][0]}** (excerpt highlighted) · "
        f"[show on the map]({map_link(event_id)})"
    )
elif passage is not None:
    st.info(f"Passage {passage} of {len(article.paragraphs)} is marked below.")

LEGEND = (
    '<p class="legend">Legend: <span class="hl place">place name</span> '
    '<span class="hl date">date expression</span> <mark class="excerpt">event excerpt</mark>'
    " · a highlighted name links to its event's marker on the map; ¶ links to the passage</p>"
)
st.html(f'{ARTICLE_CSS}<div class="article">{LEGEND}{article_html(passage, event_id)}</div>')
if passage is not None:
    st.html(scroll_script(passage), unsafe_allow_javascript=True)

comments = article.text[article.body_end :].strip()
if comments:
    with st.expander("Collected with the page, below the article: readers' comments (not news)"):
        st.text(comments)
