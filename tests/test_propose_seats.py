"""A statement of a national or international body is placed where it was made or,
failing that, where the body sits (issue 13, class 1); the body's other events are not.

Each test is one class, with sentences written for it (not taken from the seed or the
annotated set).
"""

from __future__ import annotations

from geo.events import Event
from geo.geoparse.toponyms import Geoparser
from tests.proposing import propose_text as _events


def _names(parser: Geoparser, events: list[Event], words: str) -> list[str]:
    return [parser.gazetteer.get(e.place_id).name for e in events if words in e.excerpt]


def test_a_body_that_speaks_from_no_named_place_speaks_from_its_seat(
        parser: Geoparser) -> None:
    text = ("Flooding forced hundreds from their homes in Dhaka on Monday. The World Health "
            "Organization said on Tuesday that the risk of disease remained low.")
    events = _events(parser, text)
    assert _names(parser, events, "World Health") == ["Geneva"]
    note = next(e.note for e in events if "World Health" in e.excerpt)
    assert "\"World Health Organization\" speaks: its seat, Geneva" in note
    # An abbreviation, a press release after a quotation, a nation's qualifier.
    events = _events(parser, "A boy fell ill in Leeds on Monday. The CDC confirmed on "
                             "Tuesday that the strain was new.")
    assert _names(parser, events, "CDC") == ["Atlanta"]
    events = _events(parser, "Shops in Dayton sold the dolls until May. \"The paint "
                             "contains lead,\" the Consumer Product Safety Commission said "
                             "in a press release on Tuesday.")
    assert _names(parser, events, "press release") == ["Bethesda"]
    events = _events(parser, "The U.S. Food and Drug Administration warned consumers on "
                             "Friday not to eat the cheese.")
    assert _names(parser, events, "Drug Administration") == ["Silver Spring"]


def test_the_place_where_the_statement_was_made_comes_first(parser: Geoparser) -> None:
    events = _events(parser, "The World Health Organization said in Jakarta on Tuesday "
                             "that the risk remained low.")
    assert _names(parser, events, "World Health") == ["Jakarta"]


def test_a_pure_statement_about_a_country_is_made_at_the_seat(parser: Geoparser) -> None:
    events = _events(parser, "The UN Security Council condemned Norway on Tuesday.")
    assert _names(parser, events, "Security Council")[0] == "New York City"


def test_what_a_body_reports_or_does_happens_where_the_text_says(
        parser: Geoparser) -> None:
    # A topic word makes the statement a health event, placed where it happened.
    events = _events(parser, "The World Health Organization confirmed the presence of bird "
                             "flu in Egypt on Friday.")
    assert _names(parser, events, "bird flu") == ["Egypt"]
    # A recall and teams sent: the body acts, the event is where it acts.
    events = _events(parser, "The FDA recalled the toys from stores in Springfield, "
                             "Illinois, on Tuesday.")
    assert "Silver Spring" not in _names(parser, events, "recalled")
    events = _events(parser, "Ebola killed ten people in Monrovia on Monday. CDC teams "
                             "were sent to the city on Tuesday.")
    assert "Atlanta" not in _names(parser, events, "CDC teams")


def test_another_nations_body_is_not_the_tables(parser: Geoparser) -> None:
    events = _events(parser, "Fake pills were seized in Bangkok on Monday. The Thai FDA "
                             "said on Tuesday that the pills were dangerous.")
    assert "Silver Spring" not in _names(parser, events, "Thai FDA")


def test_a_nations_department_speaks_from_its_capital(parser: Geoparser) -> None:
    # A ministry by the name of a department, the nation named before it: the capital rule.
    events = _events(parser, "Britain's Department of Health said on Monday that the "
                             "risk was low.")
    assert _names(parser, events, "Department of Health") == ["London"]
    # A US state named like a country, or ending like one, speaks for itself.
    for text in ("Georgia's Department of Education said on Monday that the tests were "
                 "fair.", "New Mexico's Department of Health said on Monday that the "
                 "water was safe."):
        names = _names(parser, _events(parser, text), "Department")
        assert "Tbilisi" not in names and "Mexico City" not in names


def test_the_commission_named_again_speaks_from_its_seat(parser: Geoparser) -> None:
    text = ("Shops in Dayton sold the dolls until May. The Consumer Product Safety "
            "Commission said on Tuesday that the paint contained lead. The commission "
            "said on Wednesday that three children had been tested.")
    events = _events(parser, text)
    assert _names(parser, events, "The commission said") == ["Bethesda"]
