"""Places table and distance claims: spellings the article uses, claims found and judged."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from geo.places_view import (
    PLACE_COLUMNS,
    DistanceClaim,
    find_distance_claims,
    judge_distance,
    places_frame,
    spellings_in_text,
)


@dataclass(frozen=True)
class FakePlace:
    id: str
    name: str
    kind: str = "town"
    country_code: str = "SY"
    lat: float = 34.5
    lon: float = 36.6
    precision_km: float = 2.0
    population: int | None = None
    source: str = "test"
    geonames_id: int | None = None
    aliases: tuple[str, ...] = ()


TEXT = "Rebels left Al-Qusayr. Control of Qusayr mattered. Qusairi food is not a place."


def test_spellings_in_text_whole_words_only():
    found = spellings_in_text(TEXT, ["Al-Qusayr", "Qusayr", "Qusair", "Al Qusayr", ""])
    assert found == ["Al-Qusayr", "Qusayr"]  # "Qusair" only inside "Qusairi"


def test_spellings_in_text_not_counted_inside_a_longer_one():
    assert spellings_in_text("Rebels left Al-Qusayr.", ["Al-Qusayr", "Qusayr"]) == ["Al-Qusayr"]


def test_places_frame_columns_and_order():
    places = [
        FakePlace("homs", "Homs", kind="city", population=650000, geonames_id=169577),
        FakePlace("qusayr", "Al-Qusayr", aliases=("Qusayr", "Qusair", "al-Quseir")),
    ]
    df = places_frame(places, TEXT, {"qusayr": 5})
    assert list(df.columns) == PLACE_COLUMNS
    assert list(df["id"]) == ["qusayr", "homs"]  # most events first
    q = df.iloc[0]
    assert q["spellings_matched"] == "Al-Qusayr; Qusayr"
    assert q["aliases"] == "Qusayr; Qusair; al-Quseir"
    assert q["events"] == 5
    assert df.iloc[1]["spellings_matched"] == ""
    assert str(df["population"].dtype) == "Int64"
    assert df.iloc[1]["population"] == 650000
    assert df["population"].isna().iloc[0]


def test_places_frame_empty():
    df = places_frame([], TEXT)
    assert list(df.columns) == PLACE_COLUMNS and df.empty


SEED_SENTENCE = (
    "Rebels put up fierce resistance in the town, only some 10 kilometers from the "
    "frontier, and were later joined by hundreds of Sunni Muslim reinforcements."
)


def test_find_distance_claims_in_the_seed_sentence():
    (claim,) = find_distance_claims(SEED_SENTENCE)
    assert claim.phrase == "only some 10 kilometers from the frontier"
    assert SEED_SENTENCE[claim.start : claim.end] == claim.phrase
    assert claim.claimed_km == 10
    assert claim.hedged
    assert claim.target == "the frontier"


@pytest.mark.parametrize(
    ("text", "km", "hedged", "target"),
    [
        ("a village 25 km from Homs", 25, False, "Homs"),
        ("about 3 miles away from the Beirut Airport.", 3 * 1.609344, True, "the Beirut Airport"),
        ("it is 2,5 kilometres of the border", 2.5, False, "the border"),
    ],
)
def test_find_distance_claims_variants(text, km, hedged, target):
    (claim,) = find_distance_claims(text)
    assert claim.claimed_km == pytest.approx(km)
    assert claim.hedged is hedged
    assert claim.target == target


def test_no_claims_without_a_distance():
    assert find_distance_claims("The offensive was launched on May 19 from Lebanon.") == []


def claim(km: float = 10, hedged: bool = True) -> DistanceClaim:
    return DistanceClaim("some 10 km from the frontier", 0, 10, km, hedged, "the frontier")


def test_judge_distance_consistent_within_the_hedge():
    check = judge_distance(claim(), 10.8)
    assert check.verdict == "consistent"
    assert check.tolerance_km == pytest.approx(3.0)
    assert "10.8 km" in check.explanation


def test_judge_distance_overstated_and_understated():
    assert judge_distance(claim(), 5.0).verdict == "overstated"
    assert judge_distance(claim(), 14.0).verdict == "understated"
    # A plain figure allows less margin than a hedged one.
    assert judge_distance(claim(hedged=False), 12.0).verdict == "understated"


def test_judge_distance_point_precision_widens_the_margin():
    assert judge_distance(claim(), 14.0, uncertainty_km=2.0).verdict == "consistent"
    assert judge_distance(claim(), 14.0, uncertainty_km=-5).tolerance_km == pytest.approx(3.0)


def test_spellings_in_text_across_non_breaking_spaces():
    assert spellings_in_text("The Al-Qusayr\xa0region", ["Al-Qusayr region"]) == [
        "Al-Qusayr region"
    ]
