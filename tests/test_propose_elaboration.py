"""Sentences that only elaborate the event told before them are not new rows (issue 13).

A careful reader maps each event once: the quake's magnitude, what an official said of a
crash, a player's points after the result are details of the event already proposed, folded
into its row's note. Sentences written for these tests (not from the seed or the event set).
"""

from __future__ import annotations

from geo.events import Event
from geo.geoparse.toponyms import Geoparser
from tests.proposing import propose_text as _events


def _quoted(events: list[Event], words: str) -> bool:
    return any(words in e.excerpt for e in events)


def test_a_comment_on_an_incident_is_folded_into_it(parser: Geoparser) -> None:
    text = ("A lorry overturned on a motorway near Leeds on Tuesday morning. "
            "The driver was lucky to walk away, a police spokesman said.")
    events = _events(parser, text)
    assert _quoted(events, "lorry overturned")
    assert not _quoted(events, "lucky to walk away")
    assert all("sentence 2 (a comment on the event told before it" in e.note
               for e in events if "lorry" in e.excerpt)


def test_a_new_act_of_another_kind_stays_an_event(parser: Geoparser) -> None:
    # Taken to hospital after the crash: another act, not a comment on it.
    text = ("A lorry overturned on a motorway near Leeds on Tuesday morning. "
            "The driver was taken to Leeds General Infirmary.")
    assert _quoted(_events(parser, text), "taken to Leeds General Infirmary")


def test_a_statement_after_a_statement_stays_an_event(parser: Geoparser) -> None:
    # A second speaker answering the first: two statements, not one told twice.
    text = ("The mayor of Leeds announced on Tuesday that the bridge would close. "
            "In Leeds, the opposition leader said the council had ignored the warnings.")
    events = _events(parser, text)
    assert _quoted(events, "mayor of Leeds announced")
    assert _quoted(events, "opposition leader said")


def test_the_event_named_again_with_its_details_is_not_a_new_row(parser: Geoparser) -> None:
    # The same place named again is no place of its own.
    text = ("A small earthquake struck near Hollister, California, early on Monday. "
            "The tiny quake was centred just east of Hollister and had a magnitude of 2.4.")
    events = _events(parser, text)
    assert _quoted(events, "small earthquake struck")
    assert not _quoted(events, "tiny quake")


def test_a_detail_with_a_place_or_day_of_its_own_stays_an_event(parser: Geoparser) -> None:
    text = ("A small earthquake struck near Hollister, California, early on Monday. "
            "The second quake hit Gilroy on Tuesday.")
    assert _quoted(_events(parser, text), "second quake hit Gilroy")


def test_a_players_figures_after_the_result_are_the_same_game(parser: Geoparser) -> None:
    text = ("Centerville defeated Oak Hill 68-61 in Dayton, Ohio, on Saturday. "
            "In the second half, Tom Ames scored 14 points and grabbed 9 rebounds.")
    events = _events(parser, text)
    assert _quoted(events, "Centerville defeated")
    assert not _quoted(events, "Tom Ames scored")


def test_what_should_have_happened_is_an_opinion(parser: Geoparser) -> None:
    # A counterfactual tells what was not done; the same verb in its own clause is news.
    text = ("On Monday the union leader in Bristol argued the council should have "
            "consulted residents and local traders on its library budget.")
    assert not _quoted(_events(parser, text), "should have")
    text = ("He could have drowned, a rescuer said, after divers found him in the "
            "river at Bristol on Monday.")
    assert _quoted(_events(parser, text), "divers found him")


def test_a_judgment_for_an_act_is_an_opinion(parser: Geoparser) -> None:
    text = ("The opposition leader in Bristol couldn't fault the council for putting more "
            "money into hospitals and schools on Monday.")
    assert not _quoted(_events(parser, text), "fault the council")
    # The passive says what caused it: the accidents happened.
    text = "On Monday the ice in Bristol was blamed for several crashes on the ring road."
    assert _quoted(_events(parser, text), "blamed for several crashes")


def test_a_worry_is_not_an_event(parser: Geoparser) -> None:
    text = ("On Monday the head of the Bristol traders' guild was concerned that new parking "
            "charges on the market's busiest sales days would drive shoppers away.")
    assert not _quoted(_events(parser, text), "was concerned")
    # "a concerned neighbour" is no worry of a clause: the call is news.
    text = "A concerned neighbour reported the fire at a house in Bristol on Monday."
    assert _quoted(_events(parser, text), "reported the fire")


def test_what_a_trend_started_is_not_one_event(parser: Geoparser) -> None:
    text = ("The rules in Bristol give seniority less weight, part of a trend that started "
            "in 2001 to let schools keep younger teachers.")
    assert not _quoted(_events(parser, text), "trend that started")
    text = ("Ten new cases were reported in Bristol on Monday, reversing a falling trend in "
            "new infections.")
    assert _quoted(_events(parser, text), "Ten new cases were reported")


def test_a_generic_detail_of_a_specific_event_is_folded_into_it(parser: Geoparser) -> None:
    text = ("Fire gutted a house in Bristol on Monday night. "
            "A van parked in the drive was also badly damaged.")
    events = _events(parser, text)
    assert not _quoted(events, "A van parked")
    assert all("a detail of an event of a specific kind" in e.note for e in events)
    # A day of its own, or a signal word of another specific kind, is news.
    text = ("Fire gutted a house in Bristol on Monday night. "
            "On Tuesday, a second house was damaged.")
    assert _quoted(_events(parser, text), "second house was damaged")
    text = ("Fire gutted a house in Bristol on Monday night. "
            "Police found a stolen car in a nearby street.")
    assert _quoted(_events(parser, text), "stolen car")


def test_another_event_of_the_kind_or_a_place_of_its_own_stays(parser: Geoparser) -> None:
    # "The other outbreak": another event, though named with "The".
    text = ("Bird flu was confirmed at a poultry farm near Leeds on Monday. "
            "The other outbreak was found in wild ducks near Leeds.")
    assert _quoted(_events(parser, text), "other outbreak")
    # A name after "in the village of" the gazetteer does not know may be a place of its own.
    text = ("Fire gutted a house in Bristol on Monday night. "
            "A shed was also damaged in the village of Wickwarbury.")
    assert _quoted(_events(parser, text), "shed was also damaged")


def test_an_attributed_finding_is_not_a_mere_comment(parser: Geoparser) -> None:
    # The attribution follows a signal word of its own ("found"): the finding is news.
    text = ("Fire gutted a house in Bristol on Monday night. "
            "The body of a man was found inside, police said.")
    assert _quoted(_events(parser, text), "body of a man was found")


def test_a_wish_to_the_reader_is_not_an_event(parser: Geoparser) -> None:
    text = "Good luck to the Bristol swimmers at the regional championships this weekend!"
    assert not _events(parser, text)
    # An exclamation in someone's words ends no report of the writer's.
    text = "'Run!' he shouted as the fire spread through a Bristol warehouse on Monday."
    assert _quoted(_events(parser, text), "fire spread")


def test_a_risk_or_threat_of_an_event_is_not_one(parser: Geoparser) -> None:
    text = ("The new street lights in Bristol cut the risk of becoming a victim of a "
            "burglary, the council said on Monday.")
    events = _events(parser, text)
    assert events and {e.category for e in events} == {"statement"}  # not a burglary


def test_an_opinion_about_an_event_is_not_it(parser: Geoparser) -> None:
    text = ("Shop owners in Bristol were also positive about the council's budget for road "
            "repairs, released on Monday.")
    assert not _events(parser, text)


def test_what_was_not_needed_did_not_happen(parser: Geoparser) -> None:
    text = ("Schools in Bristol haven't had to plan layoffs of staff since the 1990s, the "
            "council's figures show.")
    assert not _quoted(_events(parser, text), "layoffs")


def test_a_contracted_denial_is_a_denial(parser: Geoparser) -> None:
    assert not _events(parser, "A pub in Bristol wasn't damaged on Monday.")
    assert _events(parser, "A pub in Bristol was damaged on Monday.")
