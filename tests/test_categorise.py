"""Categories that fit what happened, and actors that are people, organisations or groups."""

from __future__ import annotations

import time

import pytest

from geo.categories import NAMES
from geo.geoparse.attribution import actors_of
from geo.geoparse.categorise import categorise, story_of
from geo.geoparse.triggers import real_triggers, trigger_of

WRESTLING = ("The Hawks wrestling team won the section title on Saturday. Coach Dan Miller "
             "said the match against Lakeview was the best of the season. ")
RAID = ("Police arrested two men on Friday. Officers said the suspects were charged with "
        "theft and taken to the county jail. ")
WAR = "Rebels shelled the town on Monday. Troops of the army moved in. "


def _category(sentence: str, story: str = "") -> str:
    trigger = trigger_of(sentence)
    assert trigger is not None, sentence
    return categorise(sentence, trigger, None, story + sentence)


@pytest.mark.parametrize(("sentence", "story", "expected"), [
    # A game's words are sport, whatever war or talks they sound like.
    ("The Hawks beat the Eagles 45-23 in the final on Saturday.", "", "sport"),
    ("Their clash with Lakeview ended in a pin in the last bout.", WRESTLING, "sport"),
    ("Miller's team launched a late attack and advanced to the state finals.", WRESTLING,
     "sport"),
    # A sport word outside a game is no sport.
    ("A regional adviser for the agency visited the farm on Monday.", "", "other"),
    # Diseases, infections and recalls are health.
    ("The company recalled its bagged lettuce in 20 states on Friday.", "", "health"),
    ("Infections were confirmed at the racecourse on Tuesday.", "", "health"),
    # Fighting words name war only in a story of war.
    ("The suspect fled on foot and was located in a shed.", RAID, "crime"),
    ("The rebels fled the village on Monday.", WAR, "withdrawal"),
    ("The council launched a recycling scheme this week.", "", "other"),
    # What someone is accused of, a legislature's hearing, the weather's doing.
    ("A nurse testifying in the trial of a man accused of drowning his wife spoke.", "",
     "crime"),
    ("The ranger testified before the House committee on Tuesday.", "", "politics"),
    ("Strong winds toppled five trucks on the highway on Monday.", "", "weather"),
    # In a crime story, what prosecutors say is crime; elsewhere a statement.
    ("Prosecutors said the pair took $80,000 from the charity.", RAID, "crime"),
    ("The mayor said the budget was balanced.", "", "statement"),
    ("Police said the fire started in the kitchen.", "", "disaster"),
    # The main clause's event, not a word of its opening phrase or of what was prevented.
    ("In the wake of an outbreak of flu in the town, a protest was broken up on Monday.", "",
     "protest"),
    ("The ministry said it had acted to prevent a strike by the workers.", "", "statement"),
])
def test_the_category_fits_what_happened(sentence: str, story: str, expected: str) -> None:
    assert expected in NAMES
    assert _category(sentence, story) == expected


def test_every_real_trigger_is_read_and_the_first_is_trigger_of() -> None:
    sentence = "Rebels attacked the town and fighting killed ten, officials said."
    found = list(real_triggers(sentence))
    assert found[0] == trigger_of(sentence)
    assert {"offensive", "battle", "statement"} <= {t.category for t in found}
    assert list(real_triggers("Will the rebels attack the town?")) == []


def test_story_cues_are_counted_in_linear_time() -> None:
    assert story_of(WAR).war and not story_of(WAR).sport
    assert story_of(WRESTLING * 3).sport and not story_of(WRESTLING * 3).war
    small, big = "rebels fled. " * 2_000, "rebels fled. " * 8_000
    sentence = "The rebels fled the village on Monday."
    trigger = trigger_of(sentence)
    assert trigger is not None
    t0 = time.process_time()
    categorise(sentence, trigger, None, small + "x")
    t1 = time.process_time()
    categorise(sentence, trigger, None, big + "x")
    t2 = time.process_time()
    assert (t2 - t1) <= 10 * max(t1 - t0, 1e-3)


@pytest.mark.parametrize(("sentence", "wanted", "unwanted"), [
    ("The Food and Drug Administration warned shoppers on Friday.",
     "Food and Drug Administration", "Drug Administration"),
    ("Acme Holdings, LLC recalled the toys on Monday.", "Acme Holdings", "LLC"),
    ("The rebels attacked the town on Monday (Photo: John Smith/AP).", "rebels",
     "John Smith"),
    ("Thomas the Tank Engine toys were recalled by the maker.", None, "Tank Engine"),
    ("BY JANE DOE Staff Writer The council voted on Monday.", None, "JANE DOE"),
    ("Mary Benson These were the words the coach used, police said.", "police",
     "Mary Benson These"),
    ("The National Association of Realtors reported sales fell.",
     "National Association of Realtors", "Association of Realtors"),
    ("Globally, the virus has killed 93 people.", None, "Globally"),
    ("Hassan el Bushra, an adviser, said the virus was found.", "Hassan el Bushra", "Hassan"),
    ("An HIV-positive man was sentenced on Wednesday.", None, "HIV-positive"),
    ("Don't forget: on Dec. 5 tens of thousands saw CO2 levels rise.", None, "Dec"),
    # Places the gazetteer may lack are no actors; an organisation that speaks is one.
    ("Jones was taken to St. Mary Hospital after the crash.", "Jones", "Mary Hospital"),
    ("The Royal Free Hospital said the nurse was critically ill.", "Royal Free Hospital",
     "nurse"),
    ("The bridge over Big Creek collapsed in 2005.", None, "Big Creek"),
    ("The virus was found on the German island Rugen last week.", None, "Rugen"),
    ("The state's Homebuyer Tax Credit Program starts on Monday.", None,
     "Homebuyer Tax Credit Program"),
])
def test_actors_are_people_organisations_or_groups(sentence: str, wanted: str | None,
                                                  unwanted: str) -> None:
    actors = actors_of(sentence, [], 0)
    assert unwanted not in actors
    if wanted is not None:
        assert wanted in actors
    assert not any(a in {"Don't", "Dec", "Tens", "CO2", "LLC", "Photo"} for a in actors)
