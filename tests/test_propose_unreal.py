"""Sentences that report no event a careful reader would map (issue 13, class 6).

Each test is one class of English news writing, with sentences written for it (not taken
from the seed or the annotated set): generic statements, opinions and prospects, and
identifications are not events; past acts, acts going on and tolls are.
"""

from __future__ import annotations

import pytest

from geo.geoparse.tense import tells_an_act
from geo.geoparse.toponyms import Geoparser
from geo.geoparse.triggers import trigger_of
from tests.proposing import propose_text as _events


@pytest.mark.parametrize("sentence", [
    # a description of a place or a thing
    "Northern Chad is rich in minerals, which draws traders from across the region.",
    "Scrapie is a fatal brain disease of sheep that is always incurable.",
    # an opinion or a prospect, behind a modal
    "A long drought would be a disaster for the farmers of Kenya.",
    "The price of doing nothing might be high for the province.",
    # a present stative passive
    "Some 5,000 bicycles are involved in the recall in Germany.",
    # an identification: the act is only in a relative clause or a participle
    "Jo Reyes is the former mayor who resigned after the audit.",
    "Reyes is the fifth officer from Ohio killed since 2001 on duty abroad.",
])
def test_no_act_in_the_present_or_behind_modals(sentence: str) -> None:
    assert not tells_an_act(sentence)


@pytest.mark.parametrize("sentence", [
    "Troops shelled the town of Homs, killing twelve.",
    "The storm has already killed 40 people in Haiti.",
    "Officials are investigating a fire at a warehouse in Leeds.",  # an act going on
    "The ministry says a second case was found near Cairo.",
    "The health ministry reports three new cases in Jakarta.",  # a reporting present
    "Aceh alone may have as many as 9,000 deaths.",  # a toll
    "There are four suspected cases at a farm near Ipswich.",  # presence is news
    "Two men are charged with arson in Dayton.",  # the signal word in the passive
    "A fire destroys a barn in Ohio on Monday.",  # a day of its own
    "Three dead in a crash near Leeds.",  # no finite verb: nothing says no
    "\"The whole street is scared,\" said a neighbour, who saw the fire.",
    "The road to Kent remains closed.",
])
def test_past_acts_acts_going_on_and_tolls_are_acts(sentence: str) -> None:
    start = sentence.find("charged")
    assert tells_an_act(sentence, start if start >= 0 else None)


def test_generic_sentences_are_not_proposed(parser: Geoparser) -> None:
    text = ("Fighting broke out in Aleppo on Monday, residents said. Aleppo is the largest "
            "city of Syria and a centre of its economy. Its recovery would be slow and "
            "costly for the whole region.")
    excerpts = {e.excerpt for e in _events(parser, text)}
    assert any("Fighting broke out" in x for x in excerpts)
    assert not any("largest city" in x or "recovery" in x for x in excerpts)


def test_direct_speech_of_someone_without_an_office_is_comment(parser: Geoparser) -> None:
    # A quotation first, then its speaker, however long the apposition after the name:
    # a friend's or a witness's words are comment; an officer's are a statement.
    text = ("A barn burned down near Dayton on Monday, firefighters said. \"She never missed "
            "a Sunday at church in Dayton,\" said Jo Reyes, who drove up from Cincinnati "
            "with her two daughters and a cousin for the service.")
    excerpts = {e.excerpt for e in _events(parser, text)}
    assert any("barn burned" in x for x in excerpts)
    assert not any("never missed" in x for x in excerpts)
    text = ("\"Two men were arrested in Dayton overnight,\" said Lt. Jo Reyes of the "
            "Dayton police, who leads the arson unit of the city's fire department.")
    assert any("arrested" in e.excerpt for e in _events(parser, text))


def test_what_someone_can_do_is_no_event(parser: Geoparser) -> None:
    # "can" before the signal word: an ability or a possibility, like "could".
    text = ("Police in Leeds can arrest drivers who refuse a breath test, the chief "
            "constable said on Monday.")
    assert not any(e.category == "crime" for e in _events(parser, text))


def test_a_signal_word_that_names_a_kind_of_thing_is_no_event() -> None:
    # "flood insurance", "a smoke alarm": a singular modifier of a thing; not a verb
    # ("announced plans") nor an event that goes on ("a flood hit").
    assert trigger_of("The council in Leeds reviewed its flood insurance in March.") is None
    assert trigger_of("Every flat in Leeds got a smoke alarm in March.") is None
    assert trigger_of("A flood hit Leeds in March.").word == "flood"
    found = trigger_of("Herbst announced plans to file for bankruptcy in Reno last week.")
    assert found is not None and found.word == "announced"
