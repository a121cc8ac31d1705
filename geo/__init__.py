"""Core of the project: everything that is not Streamlit UI.

Modules: gazetteer (place names -> coordinates), article (text, sentences, offsets),
dates (date expressions -> days), events (curated events, validation, pandas view),
export (GeoJSON/CSV/KML), map (the folium map and its browser code), geoparse (any article ->
events), cli (``python -m geo``). Nothing here imports streamlit.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT / "seeds"
