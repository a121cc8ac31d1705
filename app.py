"""Entry point: ``streamlit run app.py``.

Copies the vendored Leaflet/jQuery into ``static/`` (no CDN), starts building the GeoNames
index in the background on a fresh install, then wires the pages. Broken
event data (``geo.events.EventDataError``) is shown as a list of problems on any page.
URL paths are fixed in ARCHITECTURE.md (URLs): the map is the default page at ``/``.
The pages are in ``app_pages/``: a folder named ``pages/`` here would put Streamlit in its
older multipage mode until this script first calls ``st.navigation`` (see ARCHITECTURE.md).
"""

from __future__ import annotations

import streamlit as st

from app_pages.ready import ready_signal, start_run
from geo.assets import install_static_assets
from geo.events import EventDataError
from geo.gazetteer import build_index_in_background
from geo.store import StoreError

st.set_page_config(page_title="Al-Qusayr map", layout="wide")
install_static_assets()


@st.cache_resource(show_spinner=False)
def _index_build_started() -> bool:
    """Once per server: the GeoNames index is built in the background if missing."""
    return build_index_in_background() is not None


_index_build_started()



def _map_by_its_old_path() -> None:
    """``/map`` (links made before the map moved to ``/``) goes to the map, keeping its query."""
    st.switch_page(MAP_PAGE, query_params=st.query_params.to_dict())


MAP_PAGE = st.Page("app_pages/map.py", title="Map", url_path="home", default=True)
pages = [
    MAP_PAGE,
    st.Page("app_pages/article.py", title="Article", url_path="article"),
    st.Page("app_pages/events.py", title="Events", url_path="events"),
    st.Page("app_pages/places.py", title="Places", url_path="places"),
    st.Page("app_pages/your_article.py", title="Your article", url_path="your-article"),
    st.Page("app_pages/library.py", title="Library", url_path="library"),
    st.Page(_map_by_its_old_path, title="Map", url_path="map", visibility="hidden"),
]


page = st.navigation(pages)
start_run("map" if page.url_path in ("", "home") else page.url_path)
try:
    page.run()
except EventDataError as exc:  # a hand-edited data/events.csv: say where, not a traceback
    st.error(
        f"The events data has {len(exc.problems)} broken record(s); fix them and reload. "
        "Each line says file, line, field and what is wrong."
    )
    st.code("\n".join(str(p) for p in exc.problems), language=None)
except StoreError as exc:  # the workspace database: unreachable, or newer than the code
    st.error(str(exc))
finally:  # also after st.stop(), which a page calls when it has nothing more to show
    ready_signal()
