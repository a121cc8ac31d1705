"""Article text is untrusted: markup, template syntax, control characters, empty and huge
inputs must neither crash the geoparser nor make it slow beyond a bound."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest

from geo.article import load_seed_article, make_article
from geo.events import events_frame
from geo.export import to_csv, to_geojson, to_kml
from geo.geoparse.propose import propose_events
from geo.geoparse.toponyms import Geoparser

HOSTILE = [
    "",
    " \n\n\t ",
    "<script>alert('Homs')</script> Rebels shelled <b>Homs</b> on Tuesday.",
    "${Damascus} {{Beirut}} `rm -rf /` $(Tripoli) %s %n Fighting in Aleppo ${7*7}.",
    "Clashes\x00in\x07Homs\x1b[31m Beirut\x7f\u200b\u202eDamascus\ufeff on Monday.",
    "\u00a0Homs\u00a0\u2028Beirut\u2029 Al\u2011Qusayr \U0001F4A3 in Dabaa.",
    "A" * 5000,
    "Beirut" * 3000,
    "- - - . . . ,,,, ''' \"\" “” ’’ ((( ))) [[[ ]]]",
    "St. Mt. U.S. U.N. Gen. Mr. Mrs. e.g. i.e. a.m.",
]


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser()


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_parses(parser: Geoparser, text: str) -> None:
    tops = parser.toponyms(text)
    for t in tops:
        assert text[t.start:t.end] == t.text
        assert "<" not in t.text and "$" not in t.text and "{" not in t.text
    article = make_article(text, id="x", title="x", outlet="x", published=date(2013, 6, 5))
    df = events_frame(propose_events(article, parser))
    json.dumps(to_geojson(df))
    to_csv(df)
    to_kml(df)


def test_markup_around_a_place_name_still_finds_it(parser: Geoparser) -> None:
    text = "Rebels shelled <b>Homs</b> and ${Damascus} overnight."
    names = {t.text: t.place.id for t in parser.toponyms(text) if t.place}
    assert names.get("Homs") == "homs" and names.get("Damascus") == "damascus"


def test_control_characters_in_excerpts_survive_export(parser: Geoparser) -> None:
    text = "Heavy shelling hit Homs\x07 on Tuesday, activists said\x00."
    article = make_article(text, id="x", title="x", outlet="x", published=date(2013, 6, 5))
    df = events_frame(propose_events(article, parser))
    assert list(df["place_id"]) == ["homs"]
    assert "\x07" in df["excerpt"].iloc[0]  # verbatim, escaped only by the writers
    kml = to_kml(df)
    assert "\x07" not in kml and "\x00" not in kml  # XML cannot hold them


@pytest.mark.slow
def test_one_megabyte_in_bounded_time(parser: Geoparser) -> None:
    body = load_seed_article().body + "\n\n"
    text = body * (1_000_000 // len(body) + 1)
    assert len(text) >= 1_000_000
    t0 = time.process_time()
    tops = parser.toponyms(text)
    elapsed = time.process_time() - t0
    print(f"\n1 MB of news text: {len(tops)} toponyms in {elapsed:.1f} s of CPU")
    assert len(tops) > 9000
    assert elapsed < 30  # about 1.5 s here; quadratic resolution would take minutes


@pytest.mark.slow
def test_one_megabyte_of_one_name_in_bounded_time(parser: Geoparser) -> None:
    text = "Beirut and Homs, " * 20_000  # thousands of names, one sentence
    t0 = time.process_time()
    tops = parser.toponyms(text)
    assert time.process_time() - t0 < 30
    assert len(tops) == 40_000
    assert {t.place.id for t in tops if t.place} == {"beirut", "homs"}
