"""Classes of news writing that report an event without a violent verb (issue 13, found).

Each test is one class, with sentences written for it (not taken from the seed or the
annotated set): statements of officials in their own words, refusals to comment,
decisions of organisations, what tests and symptoms show.
"""

from __future__ import annotations

import pytest

from geo.events import Event
from geo.geoparse.toponyms import Geoparser
from geo.geoparse.triggers import official_speaks
from tests.proposing import propose_text as _events


def _has(events: list[Event], words: str) -> bool:
    return any(words in e.excerpt for e in events)


def test_an_official_in_their_own_words_makes_a_statement(parser: Geoparser) -> None:
    # Direct speech is a comment unless an official speaks: then a reader maps it.
    # (The lead tells no event: a statement after one would be folded into it.)
    lead = "Floodwater is still high in the centre of Shrewsbury. "
    quote = '"This has been a very hard week for every family on the river," '
    events = _events(parser, lead + quote + "said Shrewsbury Mayor Jo Reyes.")
    assert _has(events, "said Shrewsbury Mayor")
    events = _events(parser, lead + quote + "said Jo Reyes, who lives by the bridge.")
    assert not _has(events, "said Jo Reyes")


def test_the_speaker_after_a_quotation_from_the_sentence_before() -> None:
    # 'over," said Governor Jo Reyes.': the text before the mark is the quotation's end.
    assert official_speaks('Do not assume it is over," said Governor Jo Reyes.')
    assert not official_speaks('Do not assume the governor is right," said Jo Reyes.')
    assert official_speaks('Fire officer Jo Reyes says: "The alarms saved them.')


def test_a_refusal_to_comment_is_a_statement(parser: Geoparser) -> None:
    events = _events(parser, "The station manager in Leeds declined to say on Tuesday how "
                             "the timetable error happened.")
    assert _has(events, "declined to say")
    events = _events(parser, "Northern Rail issued a correction in Leeds on Tuesday.")
    assert _has(events, "issued a correction")


def test_a_bodys_decision_without_a_vote_is_an_event(parser: Geoparser) -> None:
    # A board that changes a policy, a state that cuts funding, a council that decides.
    for text in ("In January, the Norwich school board made changes to its hiring policy.",
                 "Ohio reduced funding for public libraries in Columbus by 4 percent.",
                 "The Norwich city council decided on Monday to close two car parks."):
        assert _events(parser, text), text
    # Not a person's plan: "he had decided to stay the night".
    assert not _events(parser, "He had decided to stay the night in Norwich before "
                               "driving on to York.")


def test_what_tests_and_symptoms_show_is_a_health_event(parser: Geoparser) -> None:
    for text, words in (
            ("Blood samples were tested at a laboratory in Leeds on Monday.", "samples"),
            ("Two cows at a farm near Norwich showed mild symptoms on Sunday.", "symptoms"),
            ("Officials reported three suspected cases in Perth on Tuesday.", "suspected")):
        events = _events(parser, text)
        assert [e.category for e in events] == ["health"] and _has(events, words), text
    # A suspected case that stays unconfirmed is no event of its own.
    assert not _events(parser, "Suspected cases in Perth remain unconfirmed.")


def test_a_second_act_of_speech_at_the_story_place_is_news(parser: Geoparser) -> None:
    # The story's place has had a statement; a refusal to explain, made there, is another
    # (a plain "said" with no place or day of its own is the same story told again).
    text = ("LEEDS — The city council announced on Monday that the bridge had closed. "
            "The council's transport director later declined to explain the delay.")
    assert _has(_events(parser, text), "declined to explain")


def test_what_fell_is_a_weather_event(parser: Geoparser) -> None:
    events = _events(parser, "Buffalo received 14 inches of snow on Monday.")
    assert [e.category for e in events] == ["weather"]
    events = _events(parser, "Since January, the rain gauge in Denver has recorded 6.2 "
                             "inches of rain.")
    assert [e.category for e in events] == ["weather"]
    # A forecast: what will fall is no event.
    assert not _events(parser, "Forecasters in Denver expect that the front will bring "
                               "several inches of snow.")


def test_dated_background_of_war_is_an_event(parser: Geoparser) -> None:
    # "during the Korean war", "the downing of a warplane": background a reader maps.
    events = _events(parser, "The port of Incheon was a supply base for the army during "
                             "the Korean war.")
    assert _has(events, "Korean war")
    events = _events(parser, "Relations soured after the downing of a Russian warplane "
                             "near Latakia in November 2012.")
    assert _has(events, "downing")
    # A war that may come is no event.
    assert not _events(parser, "Critics in Seoul say a war could follow the talks.")


@pytest.mark.parametrize(("text", "category"), [
    ("Hundreds took to the streets of Minneapolis on Tuesday.", "protest"),
    ("The city of Paris imposed a curfew on Friday.", "politics"),
    ("Officials in Lagos lifted the curfew on Monday.", "politics"),
    ("The mayor ordered all schools in Houston closed on Monday.", "politics"),
    ("Police in Leeds issued an appeal for witnesses on Monday.", "statement"),
    ("The bank in Leeds cut 200 jobs on Monday.", "economy"),
])
def test_orders_bans_cuts_and_street_protests_are_events(
        parser: Geoparser, text: str, category: str) -> None:
    assert [e.category for e in _events(parser, text)] == [category]


def test_an_order_or_ban_still_to_come_is_no_event(parser: Geoparser) -> None:
    assert not _events(parser, "The city might impose a curfew in Paris.")
    assert not _events(parser, "The bank in Leeds will cut 200 jobs next year.")


@pytest.mark.parametrize(("text", "category"), [
    ("A judge in Boston ruled on Monday that the search was illegal.", "crime"),
    ("The company was fined $2 million in Houston on Monday.", "crime"),
    ("The two banks in Charlotte merged on Monday.", "economy"),
    ("About 20,000 customers in Tulsa lost power on Monday.", "weather"),
    ("The bridge in Pittsburgh reopened on Monday after repairs.", "other"),
    ("The school in Toledo was awarded a grant of $50,000 on Monday.", "other"),
    ("The city council of Toledo adopted the plan on Monday.", "politics"),
    ("A cargo ship sank off Crete on Monday.", "accident"),
])
def test_rulings_deals_outages_works_and_honours_are_events(
        parser: Geoparser, text: str, category: str) -> None:
    assert [e.category for e in _events(parser, text)] == [category]


def test_what_is_ruled_out_is_no_ruling(parser: Geoparser) -> None:
    assert not _events(parser, "Police in Boston ruled out foul play on Monday.")


@pytest.mark.parametrize("text", [
    "The Yankees lost 5-3 to the Red Sox in Boston on Friday.",
    "Mo Farah finished second in the 10,000 metres in London on Saturday.",
    "She set a world record in the 100 metres in Berlin on Sunday.",
    "The Lakers edged the Celtics 101-99 in Los Angeles on Sunday.",
])
def test_a_result_without_won_is_an_event(parser: Geoparser, text: str) -> None:
    assert _events(parser, text)


@pytest.mark.parametrize(("text", "category"), [
    ("Thousands gathered in Paris on Sunday to mourn the victims.", "other"),
    ("The Pope addressed a crowd of 50,000 in Manila on Sunday.", "statement"),
    ("Two teenagers were questioned by police in Leeds on Monday.", "crime"),
    ("The suspect surrendered to police in Dallas on Monday.", "crime"),
])
def test_gatherings_addresses_and_police_work_are_events(
        parser: Geoparser, text: str, category: str) -> None:
    assert [e.category for e in _events(parser, text)] == [category]


def test_what_was_gathered_is_no_gathering(parser: Geoparser) -> None:
    assert not _events(parser, "Evidence gathered in Leeds was shared with the court.")


@pytest.mark.parametrize(("text", "category"), [
    ("The virus spread to three farms near Norwich on Monday.", "health"),
    ("Vets slaughtered 5,000 pigs in Norfolk on Monday.", "health"),
    ("Oil spilled into the river at Baton Rouge on Monday.", "disaster"),
    ("Tap water in Toledo was contaminated with algae toxins on Saturday.", "disaster"),
    ("Temperatures reached 45 degrees in Phoenix on Monday.", "weather"),
    ("Police executed a search warrant at a home in Toledo on Monday.", "crime"),
    ("The company laid off 300 workers in Toledo on Monday.", "economy"),
])
def test_spread_culls_spills_heat_warrants_and_layoffs_are_events(
        parser: Geoparser, text: str, category: str) -> None:
    assert [e.category for e in _events(parser, text)] == [category]


def test_how_a_disease_is_caught_is_no_contamination_event(parser: Geoparser) -> None:
    assert not _events(parser, "Cholera is caught from water contaminated with bacteria "
                               "in Haiti.")


def test_a_second_event_told_at_its_street_address_is_news(parser: Geoparser) -> None:
    # Same town, same kind, no day of its own: told again, unless it has its own address.
    lead = "TOLEDO — Police arrested a man after a robbery on Monday. "
    events = _events(parser, lead + "Two women were arrested at 12 Elm Street on drug "
                                    "charges.")
    assert _has(events, "12 Elm Street")
    events = _events(parser, lead + "Two women were arrested as well on drug charges.")
    assert not _has(events, "Two women")


@pytest.mark.parametrize("text", [
    "The government in Kabul released 500 prisoners on Monday.",
    "Soldiers massacred villagers near Kunduz on Monday.",
])
def test_prisoner_releases_and_massacres_are_events(parser: Geoparser, text: str) -> None:
    assert len(_events(parser, text)) == 1


def test_what_is_kept_from_happening_is_no_event(parser: Geoparser) -> None:
    # "keen to avoid a massacre", "to prevent an epidemic": it did not happen.
    assert not _events(parser, "The minister in Kabul was keen to avoid a massacre.")
    assert not _events(parser, "Vets in Norwich acted to prevent an epidemic.")


@pytest.mark.parametrize("text", [
    "The governor of Ohio acknowledged on Monday that mistakes were made.",
    "The health minister in Lima stressed on Monday that the water was safe.",
    "The governor of Ohio tweeted on Monday that the roads were clear.",
    "The mayor of Leeds promised on Monday to rebuild the bridge.",
])
def test_saying_by_other_verbs_is_a_statement(parser: Geoparser, text: str) -> None:
    assert [e.category for e in _events(parser, text)] == ["statement"]


def test_an_estimate_of_size_is_no_statement(parser: Geoparser) -> None:
    assert not _events(parser, "The sculpture in Leeds is estimated at 300 pieces.")


@pytest.mark.parametrize("text", [
    "The factory in Toledo halted production on Monday.",
    "The station in Pittsburgh stopped airing the advert on Monday.",
])
def test_what_a_body_stops_is_an_event(parser: Geoparser, text: str) -> None:
    assert [e.category for e in _events(parser, text)] == ["other"]


@pytest.mark.parametrize(("text", "category"), [
    ("The city of Toledo received $5 million in federal stimulus money on Monday.", "economy"),
    ("The council in Toledo allocated $2 million for road repairs on Monday.", "economy"),
    ("Voters in Toledo rejected the levy on Tuesday.", "politics"),
    ("The measure passed 7-2 in Toledo on Monday.", "politics"),
])
def test_money_given_and_votes_decided_are_events(
        parser: Geoparser, text: str, category: str) -> None:
    assert [e.category for e in _events(parser, text)] == [category]


def test_money_still_to_come_and_rooms_allocated_are_no_events(parser: Geoparser) -> None:
    assert not _events(parser, "The state of Ohio will receive $5 million in stimulus money.")
    assert not _events(parser, "The envoy was allocated rooms in the embassy in Kabul.")


@pytest.mark.parametrize("text", [
    "The strain was identified in wild swans in Fife on Monday.",
    "The farm near Norwich was placed under quarantine on Monday.",
])
def test_a_strain_identified_or_a_farm_quarantined_is_a_health_event(
        parser: Geoparser, text: str) -> None:
    assert [e.category for e in _events(parser, text)] == ["health"]


def test_a_person_identified_is_no_outbreak(parser: Geoparser) -> None:
    assert not _events(parser, "The suspect was identified as a 32-year-old man from Leeds.")


def test_a_dated_placed_sentence_in_the_past_is_an_event_whatever_its_verb(
        parser: Geoparser) -> None:
    # No signal word: a finite verb in the past, a place and a date of the year before
    # publication make a report (regular, irregular, passive).
    for text, verb in (("Flags flew at half-staff across Concord yesterday.", "flew"),
                       ("On Monday, the Norwich school board named Jo Reyes its new head "
                        "teacher.", "named"),
                       ("Water samples were collected from a farm near Leeds on March 28.",
                        "collected"),
                       ("The volunteers helped clean the riverbank in Shrewsbury on Saturday "
                        "afternoon.", "helped")):
        events = _events(parser, text)
        assert events and f"trigger: '{verb}'" in events[0].note, text
    assert str(_events(parser, "Water samples were collected from a farm near Leeds on "
                               "March 28.")[0].start) == "2015-03-28"


def test_no_event_without_a_past_deed_a_recent_date_and_a_place(parser: Geoparser) -> None:
    for text in ("Flags will fly at half-staff across Concord on Friday.",  # future
                 "The board named Jo Reyes its new chief on Monday.",  # no place named
                 "Enrolment in Leeds has slowed since January.",  # present perfect: a trend
                 "She was born in Leeds in 1990.",  # a state, and history
                 "The team arrived in Leeds in 2001 and settled by the river.",  # history
                 "Jo Reyes was in Leeds on Monday.",  # no deed
                 "The crowd in Concord yesterday numbered more than 500.",  # a measure
                 "The Shrewsbury council had not granted the licence by Monday."):  # denied
        assert not _events(parser, text), text


def test_an_abbreviated_office_names_an_official() -> None:
    # "Sgt.", "Gov.": the title ends at its dot.
    assert official_speaks('"They took the cables," Detective Sgt. Jo Reyes said.')
    assert official_speaks('"The roads are open," said Gov. Jo Reyes.')
    assert not official_speaks('"The roads are open," said Jo Reyes, a driver.')


def test_a_past_verb_is_not_a_name_an_adjective_a_perfect_or_a_quotation() -> None:
    from geo.geoparse.triggers import past_report
    assert past_report("The council in Leeds granted the licence on Monday.") is not None
    for text in ("Jo Reyes and Ann Rose in Leeds on Monday.",  # a name, not "rose"
                 "Two cases in Leeds remained unconfirmed on Monday.",  # a copula's adjective
                 "The mission in Leeds has so far kept a low profile.",  # a present perfect
                 "We lost in Leeds on Monday,” the coach said.",  # a quotation's end
                 'Among the ventures, we opened a branch in Leeds on Monday."',  # its end
                 "Experts in Leeds warned on Monday that prices would rise.",  # a warning
                 "The jobless rate in Leeds went up in February.",  # a statistic
                 "Bus fares in Leeds increased by 5 percent in March.",  # a statistic
                 "About 13 missed lessons in Leeds were in March."):  # a number, no subject
        assert past_report(text) is None, text
