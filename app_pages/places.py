"""Places page: the gazetteer entries the article uses, and its distance claims checked.

Thin: the rows come from ``geo.places_view.places_frame`` (cached), the claims from
``geo.places_view.find_distance_claims`` and the measurement from ``geo.distance``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.distance import BorderDistance, distance_to_border
from geo.places_view import ClaimCheck, find_distance_claims, judge_distance, places_frame

try:
    from geo.article import load_seed_article
    from geo.events import events_frame, load_seed_events
    from geo.gazetteer import load_gazetteer
except ImportError as exc:
    st.title("Places")
    st.error(f"The places are not available: {exc}.")
    st.stop()

POINT_KINDS = {"city", "town", "village", "suburb", "neighbourhood", "neighborhood"}


@st.cache_data(show_spinner=False)
def load() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The places table and the events frame it was made from."""
    article = load_seed_article()
    frame = events_frame(load_seed_events())
    gazetteer = load_gazetteer()
    counts = frame.groupby("place_id")["id"].nunique().to_dict()
    places = [p for p in (gazetteer.get(i) for i in counts) if p is not None]
    return places_frame(places, article.body, counts), frame


st.title("Places")
places, frame = load()
st.caption(
    f"{len(places)} gazetteer entries used by the events of article "
    f"`{load_seed_article().id}`. *Spellings matched* are the names and aliases that occur "
    "in the article's text; *precision* is how far the true spot may be from the point."
)
st.dataframe(
    places,
    hide_index=True,
    key="places_table",
    column_config={
        "id": "Id",
        "name": "Name",
        "kind": "Kind",
        "country_code": "Country",
        "lat": st.column_config.NumberColumn("Lat", format="%.5f"),
        "lon": st.column_config.NumberColumn("Lon", format="%.5f"),
        "precision_km": st.column_config.NumberColumn("Precision (km)", format="%g"),
        "population": st.column_config.NumberColumn("Population", format="localized"),
        "source": st.column_config.TextColumn("Source", width="large"),
        "geonames_id": st.column_config.NumberColumn("GeoNames id", format="%d"),
        "spellings_matched": st.column_config.TextColumn("Spellings matched", width="medium"),
        "aliases": st.column_config.TextColumn("All aliases", width="medium"),
        "events": st.column_config.NumberColumn("Events"),
    },
)

st.header("Distance claims")
article = load_seed_article()
claims = find_distance_claims(article.body)
if not claims:
    st.write("The article states no distances.")


def claim_place(start: int, end: int) -> pd.Series | None:
    """The point place of the event whose excerpt holds the claim ("the town" -> Al-Qusayr)."""
    around = frame[(frame["excerpt_start"] <= start) & (frame["excerpt_end"] >= end)]
    around = around[around["kind"].isin(POINT_KINDS)]
    if around.empty:
        return None
    return places.set_index("id").loc[around.iloc[0]["place_id"]]


def show_check(check: ClaimCheck, place: pd.Series, measured: BorderDistance) -> None:
    """The verdict, the figures and the data they rest on."""
    ok = check.verdict == "consistent"
    (st.success if ok else st.warning)(
        f"**{check.verdict.capitalize()}.** {check.explanation}",
        icon=":material/check_circle:" if ok else ":material/warning:",
    )
    c1, c2, c3 = st.columns(3)
    c1.metric("Claimed", f"{check.claim.claimed_km:g} km")
    c2.metric("Measured", f"{check.measured_km:.1f} km")
    c3.metric("Margin allowed", f"± {check.tolerance_km:.1f} km")
    st.markdown(measured_details(place, measured))


def measure(place: pd.Series) -> BorderDistance:
    """Distance from the place's point to the Lebanon-Syria boundary (cached: pure)."""
    return border_distance(float(place["lat"]), float(place["lon"]))


@st.cache_data(show_spinner=False, max_entries=256)  # one per place of the article
def border_distance(lat: float, lon: float) -> BorderDistance:
    return distance_to_border(lat, lon)


def measured_details(place: pd.Series, measured: BorderDistance) -> str:
    """Where the figure comes from, so a reader can check it."""
    a, b = measured.countries
    return (
        f"Measured from **{place['name']}** ({place['lat']:.5f}, {place['lon']:.5f}; "
        f"{place['source']}) to the nearest point of the {a}-{b} boundary, "
        f"{measured.nearest_lat:.5f}, {measured.nearest_lon:.5f} "
        f"(Natural Earth 1:10m boundary lines, `data/naturalearth/{measured.source}`): "
        f"geodesic distance on the WGS84 ellipsoid (geopy)."
    )


for claim in claims:
    sentence = article.sentence_at(claim.start)
    st.markdown(f"> {sentence.text if sentence else claim.phrase}")
    st.markdown(f"Claim: **{claim.phrase}**")
    place = claim_place(claim.start, claim.end)
    if place is None:
        st.info("No located event covers this sentence: nothing to measure from.")
        continue
    measured = measure(place)
    show_check(judge_distance(claim, measured.km, float(place["precision_km"])), place, measured)
