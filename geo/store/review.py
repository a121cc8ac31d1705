"""A reader's review of a workspace article: import it, correct it, confirm or reject events.

The *Your article* page's logic, without streamlit. Every change goes straight to the
store (:class:`geo.store.Store`) with its audit row, naming the event ``version`` the page
showed: when another session changed the event since, the change is refused with a
message (:class:`Outcome`, ``ok=False``) and the page, which reads the article again on
every run, shows the current state. Nothing of the reader's work lives in the browser
session, so a reload, a second tab or a server restart loses nothing.

The import itself runs in a worker process within a time bound (:func:`import_bounded`),
as the page's parse does (``geo.user_article.read_article``): a long or hostile text
never holds the server's interpreter lock. A worker killed mid-import leaves nothing: an
import is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
from sqlalchemy.engine import URL

from geo.markup import macro
from geo.store.errors import NotFound, StaleVersion, StoreError
from geo.store.workspace import HISTORY_SEPARATOR, REFUSED, ImportResult, Store, open_store

IMPORT_SECONDS = 120.0  # as geo.user_article.PARSE_SECONDS
STATUS_ACTIONS = {"confirmed": "Confirm", "rejected": "Reject", "proposed": "Back to proposed"}
# The page's styles. The shared article renderer adds a pilcrow link per paragraph
# (?passage=N) to the seed's article page: hidden on the review page.
PAGE_CSS = """<style>.your-article a.pilcrow { display: none; }
.ya-excerpt { color: #495057; border-left: 3px solid #ced4da; margin: 0; padding: .1rem .75rem; }
h2.ya-title { margin: .5rem 0 0; padding-bottom: .4rem; border-bottom: 1px solid #adb5bd; }
</style>"""
LEGEND = (
    '<p class="legend"><span class="hl place">place</span> a place name the parser found '
    '(hover: where it put it) · <span class="hl date">date</span> a date expression '
    "(hover: the day it reads)</p>"
)
_worker_stores: dict[str, Store] = {}  # per worker process, one store per database


def heading_html(title: str) -> str:
    """The article's title as the page's heading (the autoescaping template: untrusted)."""
    return str(macro("your_article.html", "heading")(title))


def excerpt_html(excerpt: str) -> str:
    """An event's excerpt as a block quote (the autoescaping template: untrusted)."""
    return str(macro("your_article.html", "excerpt")(excerpt))


@dataclass(frozen=True)
class Outcome:
    """What became of one change: saved or not, the message, the row to select next."""

    ok: bool
    message: str
    row_id: str | None = None


def _import_in_worker(url: URL, data: bytes, name: str, title: str | None,
                      outlet: str | None, published: date | None) -> ImportResult:
    """Run in a worker (module level, so it pickles): the store kept for the next import."""
    key = url.render_as_string(hide_password=False)
    store = _worker_stores.get(key)
    if store is None:
        store = _worker_stores[key] = open_store(url)
    from geo.gazetteer import load_gazetteer

    # The online layer's budget and report live where the look-ups run (this worker).
    with load_gazetteer().online_budget() as online:  # None unless GEO_ONLINE is set
        result = store.import_bytes(data, name, title=title or None, outlet=outlet or None,
                                    published=published)
    return replace(result, online=online.message if online else None)


def import_bounded(store: Store, data: bytes, name: str, *, title: str | None,
                   outlet: str | None, published: date | None,
                   timeout: float = IMPORT_SECONDS) -> ImportResult:
    """Import bytes into ``store`` in a worker process within ``timeout`` seconds.

    The text already in the workspace is found first (no worker needed): the reader's
    earlier article, with its corrections, opens again. Refused (with the reason) when the
    text cannot be an article or took too long.
    """
    from geo.store.sources import BadSource, read_source
    from geo.worker import WorkerFailed, WorkerTimeout, run_bounded

    try:
        there = store.find_by_text(read_source(data, name).text)
    except BadSource as exc:
        return ImportResult(name, REFUSED, None, 0, str(exc))
    if there is not None:
        return ImportResult(name, "already there", there.id, there.events,
                            f"already in the workspace as article {there.id}: "
                            "opened with its corrections")
    try:
        return run_bounded(_import_in_worker, store.url, data, name, title, outlet, published,
                           timeout=timeout)
    except WorkerTimeout:
        return ImportResult(name, REFUSED, None, 0,
                            "this article took too long to read; try a shorter text")
    except WorkerFailed as exc:
        return ImportResult(name, REFUSED, None, 0, f"the article could not be read ({exc})")


def review_frame(store: Store, article_id: int) -> pd.DataFrame:
    """The article's events as the page shows them: rejected ones too, with ``corrected``."""
    frame = store.frame([article_id], include_rejected=True)
    return frame.assign(corrected=frame["corrections"].fillna("").astype(str) != "")


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """What the downloads carry: the events not rejected, with ``status`` and
    ``corrections`` (the history), as ``python -m geo export --article ID`` writes them."""
    kept = frame.loc[frame["status"] != "rejected"]
    return kept.drop(columns=["corrected", "version"], errors="ignore")


def history_lines(frame: pd.DataFrame, row_id: str) -> list[str]:
    """The history of one row (oldest first), as the export's ``corrections`` cell holds it."""
    cell = frame.loc[frame["id"] == row_id, "corrections"]
    text = "" if cell.empty or pd.isna(cell.iloc[0]) else str(cell.iloc[0])
    return [line for line in text.split(HISTORY_SEPARATOR) if line]


def _refused(exc: Exception) -> Outcome:
    if isinstance(exc, StaleVersion):
        return Outcome(False, f"{exc} The page now shows the current state.")
    return Outcome(False, str(exc))


def change_place(store: Store, row_id: str, typed: str, version: int) -> Outcome:
    """Move row ``row_id`` (``event_key@place_id``) to the place typed; saved at once."""
    from geo.user_article import BadCorrection, UnknownPlace

    key = row_id.partition("@")[0]
    try:
        before = store.event_places(key)
        store.correct_place(row_id, typed, version)
        after = store.event_places(key)
    except (StoreError, UnknownPlace, BadCorrection) as exc:
        return _refused(exc)
    moved = [place_id for place_id in after if place_id not in before]
    if not moved:
        return Outcome(True, "The event is already at that place: nothing changed.", row_id)
    return Outcome(True, f"Place changed to {after[moved[0]]} (saved).", f"{key}@{moved[0]}")


def change_dates(store: Store, row_id: str, start: date | None, end: date | None,
                 version: int) -> Outcome:
    """Date the row's event ``start`` to ``end``; saved at once."""
    from geo.user_article import BadCorrection

    if start is None or end is None:
        return Outcome(False, "Set both the start and the end day.", row_id)
    try:
        store.correct_dates(row_id.partition("@")[0], start, end, version)
    except (StoreError, BadCorrection) as exc:
        return _refused(exc)
    when = f"{start:%d %B %Y}" if start == end else f"{start:%d %B %Y} to {end:%d %B %Y}"
    return Outcome(True, f"Dates changed to {when} (saved).", row_id)


def change_status(store: Store, row_id: str, status: str, version: int) -> Outcome:
    """Confirm or reject the row's event (or set it back to proposed); saved at once."""
    try:
        store.set_status(row_id.partition("@")[0], status, version)
    except (StoreError, ValueError) as exc:
        return _refused(exc)
    return Outcome(True, f"Event {status} (saved).", row_id)


def marks_only(data: bytes, *, title: str | None, outlet: str | None, published: date,
               name: str):
    """The article and its place and date mentions, for the page's highlights; no events
    (they are the store's). Module level: ``geo.user_article.read_article(parse=...)``
    runs it in a worker within its time bound."""
    from geo.dates import find_dates
    from geo.geoparse.toponyms import find_toponyms
    from geo.user_article import ParsedArticle, article_from_bytes

    article = article_from_bytes(data, title=title, outlet=outlet, published=published,
                                 name=name)
    return ParsedArticle(article, pd.DataFrame(), tuple(find_toponyms(article.body)),
                         tuple(find_dates(article.body, article.published)))


def highlight_marks(parsed) -> list:
    """The page's highlights (``geo.highlight.Mark``) of a :func:`marks_only` result."""
    from geo.highlight import PLACE, Mark, date_marks

    marks = [Mark(t.start, t.end, PLACE, place_title(t.place)) for t in parsed.toponyms]
    return marks + date_marks(parsed.dates)


def index_ready() -> bool:
    """Whether the GeoNames index is built (the parser needs it; it is built once)."""
    from geo.gazetteer import load_gazetteer

    geonames = load_gazetteer().geonames
    return geonames is None or geonames.built


NO_EVENTS = (
    "No events found: the parser proposes an event for a sentence that names a place and "
    "says what happened there (fighting, a statement, a withdrawal, ...)."
)


def figures(frame: pd.DataFrame, marks: list) -> list[tuple[str, int]]:
    """The page's four figures: places, events, place names found, rows corrected."""
    from geo.highlight import PLACE

    return [("Places", frame["place_id"].nunique()), ("Events", frame["event_id"].nunique()),
            ("Place names found", sum(1 for m in marks if m.kind == PLACE)),
            ("Rows you corrected", int(frame["corrected"].sum()))]


def place_hint(typed: str, context: str) -> str:
    """What a typed place name resolves to, in the article's context (Markdown: the
    reader's words and the gazetteer's as plain text, never read as Markdown)."""
    from geo.markup import plain_text as md
    from geo.user_article import UnknownPlace, choose_place

    try:
        c = choose_place(typed, context)
    except UnknownPlace as exc:
        return f"Not found: {md(exc)}"
    return (f"Resolves to **{md(c.name)}** ({c.country_code}, {c.lat:.3f}, {c.lon:.3f}). "
            f"Why: {md(c.reason)}")


def ensure_index() -> None:
    """Build the GeoNames index now (once per install)."""
    from geo.gazetteer import load_gazetteer

    load_gazetteer().geonames.ensure_built()


def place_title(place) -> str:
    """A place mark's hover text: where the parser put the name."""
    if place is None:
        return "not in the gazetteer: not placed"
    return f"{place.name} ({place.country_code}, {place.lat:.3f}, {place.lon:.3f})"


def event_label(row) -> str:
    """One event in the page's chooser: day, place, status, title."""
    status = "" if row.status == "proposed" else f" · {row.status}"
    return f"{row.start:%d %b %Y} · {row.place_name}{status} · {row.title[:70]}"


def parse_article_id(value: object) -> int | None:
    """The ``?article=`` of a URL as an id, or None for anything else."""
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


__all__ = ["Outcome", "NotFound", "import_bounded", "review_frame", "export_frame",
           "history_lines", "change_place", "change_dates", "change_status",
           "parse_article_id"]
