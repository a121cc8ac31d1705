"""The seats table (``data/institutions.csv``) and who speaks in a sentence (issue 13).

Sentences are written for these tests, not taken from the seed or the annotated set.
"""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest
from geopy.distance import great_circle

from geo.gazetteer import Gazetteer, load_gazetteer
from geo.geoparse import discourse, seats


def test_every_row_is_complete_and_sourced() -> None:
    for row in seats.SEATS:
        assert row.kind in seats.KINDS, row.name
        assert row.scope == seats.INTERNATIONAL or re.fullmatch(r"[A-Z]{2}", row.scope)
        assert re.fullmatch(r"[A-Z]{2}", row.country_code), row.name
        assert row.source.startswith("Wikipedia \""), row.name
        assert row.geonames_id and row.lat is not None and row.lon is not None, row.name
    # One spelling, one body: a name read as two seats would be read by chance.
    counts = Counter(a for row in seats.SEATS for a in row.aliases)
    assert [a for a, n in counts.items() if n > 1] == []
    assert 80 <= sum(row.kind == "body" for row in seats.SEATS) <= 150


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_the_tables_points_are_the_gazetteers(gazetteer: Gazetteer) -> None:
    # The coordinates written in the table are those of the place the proposer uses
    # (``python data/build_institutions.py`` writes them): a changed gazetteer shows here.
    for row in seats.SEATS:
        place = discourse.seat_place(row, gazetteer)
        assert place is not None and place.geonames_id == row.geonames_id, row.name
        assert great_circle((place.lat, place.lon), (row.lat, row.lon)).km < 1, row.name


def _speaker(sentence: str) -> str | None:
    found = seats.speaking_body(sentence)
    return found.seat.name if found is not None else None


@pytest.mark.parametrize("sentence, body", [
    ("The World Health Organization said on Monday that the risk was low.",
     "World Health Organization"),
    ("The WHO's director-general warned that vaccines were running short.",
     "World Health Organization"),
    ("A CDC spokesman confirmed that the samples had arrived.",
     "Centers for Disease Control and Prevention"),
    ("The FDA, which regulates medicines, said the pills were safe.",
     "Food and Drug Administration"),
    # A relative clause without commas between the body and its verb.
    ("The Robert Koch Institute which monitors infectious diseases across the country "
     "confirmed the result.", "Robert Koch Institute"),
    ("\"Throw it away,\" said a spokeswoman for the FDA, Ann Lee.",
     "Food and Drug Administration"),
    ("The recall was needed, according to the Consumer Product Safety Commission.",
     "Consumer Product Safety Commission"),
    ("The UN Security Council condemned the test.", "UN Security Council"),
    ("The Security Council condemned the test.", "UN Security Council"),
    ("The Fed said rates would stay low.", "Federal Reserve"),
    ("NATO Secretary-General Anders Rasmussen said the alliance was ready.", "NATO"),
    ("The World Health Organisation (WHO), in a statement, said the risk was low.",
     "World Health Organization"),
    # The body nearest before the verb is its subject; a possessive names the body meant.
    ("In a statement by Defra, released on Monday, the Scottish Government confirmed "
     "the test.", "Scottish Government"),
    ("According to the United Nations' World Food Programme, the roads are open.",
     "World Food Programme"),
])
def test_a_body_that_speaks(sentence: str, body: str) -> None:
    assert _speaker(sentence) == body


@pytest.mark.parametrize("sentence", [
    # Case matters: "who" is a pronoun, "fed" a verb.
    "The doctor who said the risk was low has retired.",
    "Officials fed the birds and said they were healthy.",
    # Another nation's body, a state's or a local one.
    "The Thai FDA said the pills were fake.",
    "The Ohio EPA said the water was safe.",
    "The state Justice Department said the law was valid.",
    "Syria's UN envoy said the report was false.",
    # A longer name the table lacks; a compound.
    "The Federal Reserve Bank of Boston said rates would rise.",
    "The UN-backed government said the port was open.",
    # Spoken to, not speaking; events a body reports.
    "Local officials told the WHO that the clinic was closed.",
    "The WHO reported 30 new cases on Monday.",
    # Someone else speaks about the body.
    "The president, Ann Lee, said that neither the EU nor Norway had paid.",
    "Dr Lee said the WHO hadn't told the makers to start.",
    # An actor of another event.
    "CDC teams were sent to the region to help.",
    "The National Security Council said the review was over.",
    # The body's people or offices in the field, or another agency.
    "UN peacekeepers said the road was closed.",
    "IAEA inspectors said the plant was safe.",
    "The WHO's regional office said the risk was low.",
    "The United Nations agency said half of the patients had died at home.",
])
def test_no_body_speaks(sentence: str) -> None:
    assert _speaker(sentence) is None


def test_a_nations_qualifier_is_part_of_the_name() -> None:
    found = seats.speaking_body("The U.S. Food and Drug Administration said on Friday "
                                "that the drug was safe.")
    assert found is not None and found.text == "U.S. Food and Drug Administration"
    # Britain's own body, named with its nation.
    found = seats.speaking_body("Britain's Met Office said the storm had passed.")
    assert found is not None and found.seat.city == "Exeter"


def test_a_body_named_again_by_its_kind() -> None:
    before = ("Shops sold the dolls for a year. \"The paint contains lead,\" the Consumer "
              "Product Safety Commission said on Tuesday. ")
    found = seats.speaking_body("\"Take them away,\" the commission said.", before)
    assert found is not None and found.seat.city == "Bethesda"
    before = "The World Health Organization met in May. "
    found = seats.speaking_body("The organisation said the risk was low.", before)
    assert found is not None and found.seat.city == "Geneva"
    # Not when another commission was named since, nor a kind the body's name lacks.
    before = ("The Consumer Product Safety Commission met on Monday. The Federal Election "
              "Commission met on Tuesday. ")
    assert seats.speaking_body("The commission said the rules were clear.", before) is None
    before = "The World Health Organization met in May. "
    assert seats.speaking_body("The bank said rates would rise.", before) is None


def _cpu(sentence: str) -> float:
    t = time.process_time()
    seats.speaking_body(sentence, before=sentence[:400])
    return time.process_time() - t


@pytest.mark.parametrize("unit", [
    "the WHO was blamed; officials told ",  # bodies and verbs that never pair up
    "the commission was blamed; the commission ",
    "NATO NATO NATO said that ",
])
def test_reading_who_speaks_takes_linear_time(unit: str) -> None:
    # One "sentence" of untrusted text, ten times longer: about ten times the CPU time
    # (quadratic work would be a hundred); 25x leaves room for noise.
    small, large = unit * 200, unit * 2000
    _cpu(small)  # warm up
    a = min(_cpu(small) for _ in range(3))
    b = _cpu(large)
    assert b / max(a, 0.002) < 25, f"{a:.4f} s -> {b:.4f} s"
