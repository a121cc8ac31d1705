"""The gazetteer as the rest of the project uses it: ids, names, context."""

from __future__ import annotations

import csv
import dataclasses

import pytest

from geo import DATA_DIR, SEEDS_DIR
from geo.gazetteer import Candidate, Place, Resolution, load_gazetteer
from geo.gazetteer.curated import CuratedGazetteer

CURATED_IDS = (
    "qusayr qusayr-district homs homs-governorate dabaa buweida-sharqiya dahiyeh beirut "
    "tripoli-lb damascus tehran lebanon syria iran lebanon-syria-border united-kingdom"
).split()
SEED = next(SEEDS_DIR.glob("*.txt")).read_text(encoding="utf-8")
LIBYA_TEXT = (
    "Fighting resumed in Tripoli on Sunday. The Libyan capital has seen clashes between "
    "militias since the fall of Gaddafi, and the UN envoy to Libya called for a ceasefire."
)


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_contract_fields() -> None:
    assert [f.name for f in dataclasses.fields(Place)] == [
        "id", "name", "kind", "country_code", "lat", "lon", "precision_km",
        "population", "source", "geonames_id", "aliases",
    ]  # fmt: skip
    assert [f.name for f in dataclasses.fields(Candidate)] == ["place", "score"]
    assert [f.name for f in dataclasses.fields(Resolution)] == [
        "query", "place", "score", "reason", "alternatives",
    ]  # fmt: skip


@pytest.mark.parametrize("place_id", CURATED_IDS)
def test_curated_ids_resolve(gaz, place_id: str) -> None:
    place = gaz.get(place_id)
    assert place is not None and place.id == place_id
    assert place.precision_km > 0 and place.source
    assert len(place.country_code) == 2


def test_curated_rows_are_complete() -> None:
    with open(DATA_DIR / "gazetteer.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["id"] for r in rows} >= set(CURATED_IDS)
    for row in rows:
        assert row["source"].strip(), row["id"]
        assert row["aliases"].strip(), row["id"]


def test_curated_places_are_where_the_article_says(gaz) -> None:
    from geopy.distance import geodesic

    qusayr, dabaa, buweida = (gaz.get(i) for i in ("qusayr", "dabaa", "buweida-sharqiya"))
    homs, beirut, dahiyeh = (gaz.get(i) for i in ("homs", "beirut", "dahiyeh"))
    # "the rebels had fled north toward the nearby villages of Dabaa and Buweida"
    for village in (dabaa, buweida):
        assert village.lat > qusayr.lat
        assert geodesic((qusayr.lat, qusayr.lon), (village.lat, village.lon)).km < 20
    assert 20 < geodesic((qusayr.lat, qusayr.lon), (homs.lat, homs.lon)).km < 40
    # Dahiyeh: Beirut's southern suburbs
    assert dahiyeh.lat < beirut.lat
    assert geodesic((beirut.lat, beirut.lon), (dahiyeh.lat, dahiyeh.lon)).km < 10


def test_get_geonames_and_unknown_ids(gaz) -> None:
    tehran = gaz.get("geonames:112931")
    assert tehran is not None and tehran.country_code == "IR"
    assert gaz.get("nowhere") is None
    assert gaz.get("geonames:notanumber") is None


@pytest.mark.parametrize(
    ("spelling", "place_id"),
    [
        ("Al-Qusayr", "qusayr"),
        ("Qusayr", "qusayr"),
        ("Qusair", "qusayr"),
        ("al-Qouseir", "qusayr"),
        ("Buweida Al-Sharqiya", "buweida-sharqiya"),
        ("Al Buwaydah ash Sharqiyah", "buweida-sharqiya"),
        ("al-Buwaideh al-Sharqiyeh", "buweida-sharqiya"),
        ("Dahiyeh", "dahiyeh"),
        ("Dahieh", "dahiyeh"),
        ("Dabaa", "dabaa"),
        ("Daba'a", "dabaa"),
        ("Lebanese", "lebanon"),
        ("Britain", "united-kingdom"),
    ],
)
def test_spellings_resolve_in_the_article(gaz, spelling: str, place_id: str) -> None:
    res = gaz.resolve(spelling, context=SEED)
    assert res is not None and res.place.id == place_id


def test_tripoli_lebanon_in_the_article(gaz) -> None:
    res = gaz.resolve("Tripoli", context=SEED)
    assert res.place.country_code == "LB"
    assert "Lebanon is named" in res.reason and "Libya" in res.reason
    assert any(c.place.country_code == "LY" for c in res.alternatives)
    assert res.score > max(c.score for c in res.alternatives)


def test_tripoli_libya_when_the_text_is_about_libya(gaz) -> None:
    res = gaz.resolve("Tripoli", context=LIBYA_TEXT)
    assert res.place.country_code == "LY"
    assert "Libya" in res.reason
    assert any(c.place.country_code == "LB" for c in res.alternatives)


def test_country_filter(gaz) -> None:
    assert gaz.resolve("Tripoli", country="LY").place.country_code == "LY"
    assert gaz.resolve("Tripoli", context=LIBYA_TEXT, country="LB").place.country_code == "LB"
    assert gaz.resolve("Tripoli", country="JP") is None


def test_qusayr_syria_not_egypt(gaz) -> None:
    res = gaz.resolve("Al Qusayr", context=SEED)
    assert res.place.id == "qusayr"
    assert [c.place.country_code for c in res.alternatives] == ["EG"]


def test_name_and_area_written_together(gaz) -> None:
    res = gaz.resolve("Lebanon", context="The plant in Lebanon, Ohio, near Dayton, closed.")
    assert (res.place.country_code, res.place.kind) != ("LB", "country")
    assert res.place.country_code == "US" and "Ohio" in res.reason


def test_scores_are_shares(gaz) -> None:
    res = gaz.resolve("Paris")
    total = res.score + sum(c.score for c in res.alternatives)
    assert total == pytest.approx(1.0, abs=0.01)
    assert res.place.country_code == "FR"


@pytest.mark.parametrize("name", ["Xyzzyqwv", "", "   ", "!!!"])
def test_unknown_names(gaz, name: str) -> None:
    assert gaz.resolve(name) is None
    assert gaz.candidates(name) == []


def test_geonames_places_any_spelling(gaz) -> None:
    assert gaz.resolve("Ḩimş").place.id == "homs"  # curated row wins over its GeoNames twin
    assert gaz.resolve("W.Va.").place.name == "West Virginia"
    assert gaz.resolve("U.S.").place.country_code == "US"


def test_curated_loader_rejects_bad_rows(tmp_path) -> None:
    bad = tmp_path / "g.csv"
    bad.write_text(
        "id,name,kind,country_code,lat,lon,precision_km,population,geonames_id,aliases,source\n"
        "x,X,town,SY,134.5,36.5,2,,,X,ref\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="g.csv:2"):
        CuratedGazetteer.from_csv(bad)


def test_a_curated_village_without_population_beats_a_loose_spelling_elsewhere() -> None:
    # Dubbo, Australia lists "Daba" among its names; Dabaa, Syria has no population figure.
    res = load_gazetteer().resolve("Dabaa")
    assert (res.place.id, res.place.country_code) == ("dabaa", "SY")
