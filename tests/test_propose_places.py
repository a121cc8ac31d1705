"""Where the proposer puts an event: general classes of place reading (issue 13).

Sentences written for these tests, not taken from the seed or the annotated set.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.article import make_article
from geo.events import Event
from geo.geoparse.propose import article_mentions, propose_events
from geo.geoparse.toponyms import Geoparser

PUBLISHED = date(2015, 4, 1)
# Three Minnesota towns: the story's region.
MINNESOTA = "Floodwaters closed roads around Fergus Falls, Moorhead and Detroit Lakes on Monday. "


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser()


def _article(text: str):
    return make_article(text, id="t", title="", outlet="Test", published=PUBLISHED)


def _events(parser: Geoparser, text: str) -> list[Event]:
    return propose_events(_article(text), parser)


def _states(parser: Geoparser, events: list[Event], words: str) -> set[str]:
    geonames = parser.gazetteer.geonames
    return {geonames.admin1(parser.gazetteer.get(e.place_id)) for e in events
            if words in e.excerpt}


def test_a_town_known_only_far_from_the_story_is_not_placed_there(parser: Geoparser) -> None:
    # The gazetteer's only Star Lake is in New York; in a Minnesota flood story the name
    # means a lake or hamlet there. No pin in New York: the story's own place instead.
    text = MINNESOTA + "A bridge also collapsed near Star Lake, the sheriff said."
    mentions = {t.text: t for t in article_mentions(_article(text), parser)}
    assert mentions["Star Lake"].place is None
    assert "story's region" in mentions["Star Lake"].reason
    assert _states(parser, _events(parser, text), "Star Lake") == {"MN"}


def test_a_far_town_the_text_places_stays_where_it_is(parser: Geoparser) -> None:
    # Written with its state ("Lake Mary, Fla.") or in a story that names its state, the
    # far town is meant; so is a great city, named by its name alone.
    for text in (MINNESOTA + "A Moorhead family drove on to Lake Mary, Fla., where they "
                             "were hurt in a crash on Tuesday.",
                 MINNESOTA + "The storm then moved on to Florida, and a tree fell on a house "
                             "in Lake Mary on Tuesday."):
        assert _states(parser, _events(parser, text), "Lake Mary") == {"FL"}
    text = MINNESOTA + "The governor flew to Chicago on Tuesday to ask for federal aid."
    assert _states(parser, _events(parser, text), "Chicago") == {"IL"}


def test_a_story_without_one_region_keeps_its_places(parser: Geoparser) -> None:
    # Two towns of two states: no region holds the story, nothing is re-read.
    text = ("Storms hit Fargo and Sioux Falls on Monday. A bridge collapsed near Star Lake "
            "on Tuesday, the sheriff said.")
    mentions = {t.text: t for t in article_mentions(_article(text), parser)}
    assert mentions["Star Lake"].place is not None


def test_an_office_named_for_its_place_is_no_team(parser: Geoparser) -> None:
    # A sports word ("eliminated") in a sentence about a school board: the board acts in
    # its county; its name is no team's, so the county is the event's place.
    text = ("Budget cuts hit schools in Gainesville this spring. The Marion County School "
            "Board eliminated its junior varsity teams on Monday to save money.")
    events = [e for e in _events(parser, text) if "School Board" in e.excerpt]
    assert {parser.gazetteer.get(e.place_id).name for e in events} == {"Marion County"}


def test_a_facility_the_text_places_is_in_that_place(parser: Geoparser) -> None:
    # The hospital is named for someone (or somewhere) else; "in Glasgow" says where.
    text = ("A nurse fell ill with Ebola on Monday. She was taken to the Queen Elizabeth "
            "University Hospital in Glasgow, where she was isolated.")
    events = [e for e in _events(parser, text) if "taken to" in e.excerpt]
    assert {parser.gazetteer.get(e.place_id).name for e in events} == {"Glasgow"}


def _places(parser: Geoparser, events: list[Event], words: str) -> set[tuple[str, str]]:
    return {(p.name, p.country_code) for p in (parser.gazetteer.get(e.place_id)
                                               for e in events if words in e.excerpt)}


def test_a_facility_named_for_a_person_or_a_kind_is_in_no_place_of_that_name(
        parser: Geoparser) -> None:
    # "Mary T. Greeley": an initial says a person's name, not a town called Mary.
    text = ("A truck overturned on the highway near Ames on Monday. The driver was taken "
            "to the Mary T. Greeley Medical Center.")
    assert _places(parser, _events(parser, text), "Greeley") == {("Ames", "US")}
    # "University Medical Center": a word of institutions, no town called University.
    text = ("A truck overturned on the highway near Ames on Monday. The driver was taken "
            "to University Medical Center.")
    assert _places(parser, _events(parser, text), "University") == {("Ames", "US")}


def test_a_facility_of_a_town_in_the_possessive_is_in_that_town(parser: Geoparser) -> None:
    text = "Flights were cancelled at Butte’s Bert Mooney Airport on Monday after a storm."
    assert _places(parser, _events(parser, text), "Airport") == {("Butte", "US")}


def test_a_facility_is_in_a_town_written_as_its_main_name(parser: Geoparser) -> None:
    # No Mercy-le-Bas (France, "Mercy" only another name of it) for "Mercy Memorial
    # Hospital"; "St. Cloud Hospital" is in Saint Cloud, the main name written short.
    text = "A man was taken to Mercy Memorial Hospital after a crash in Monroe on Friday."
    assert _places(parser, _events(parser, text), "Mercy") == {("Monroe", "US")}
    text = ("A woman was hurt when her car hit a tree on Friday. She was taken to St. Cloud "
            "Hospital.")
    assert _places(parser, _events(parser, text), "St. Cloud") == {("Saint Cloud", "US")}


def test_a_town_written_with_an_area_it_is_not_in_is_not_placed(parser: Geoparser) -> None:
    # The gazetteer has no Stroud in Ontario; the Stroud it has (England) is not the one
    # "Stroud, Ontario" names, so the area says where it happened.
    text = ("A driver was arrested on Sunday after his truck was stopped on a highway in "
            "Stroud, Ontario.")
    assert _places(parser, _events(parser, text), "Stroud") == {("Ontario", "CA")}
    # A town in its area keeps its place; a list of areas is no "town, area" pair.
    text = "A tornado destroyed a barn near Gilroy, California, on Tuesday."
    assert _places(parser, _events(parser, text), "Gilroy") == {("Gilroy", "US")}
    text = "Heavy snow closed schools on Monday in Vestfold, Oslo, Rogaland and Hedmark."
    mentions = {t.text: t for t in article_mentions(_article(text), parser)}
    assert mentions["Oslo"].place is not None and mentions["Oslo"].place.name == "Oslo"


def test_a_place_in_a_longer_name_is_not_the_story_place(parser: Geoparser) -> None:
    # "Hamilton-Wenham" names a school team three times; the story is in Worcester,
    # named once, where the game was played.
    text = ("The Hamilton-Wenham girls won the state title on Saturday. Hamilton-Wenham led "
            "from the start, and Hamilton-Wenham fans filled the stands at the arena in "
            "Worcester.")
    assert _places(parser, _events(parser, text), "state title") == {("Worcester", "US")}


def test_a_team_beaten_is_not_the_story_place(parser: Geoparser) -> None:
    # Owatonna is the opponent ("beat Owatonna", "a 41-20 win over Owatonna"); the title
    # was won where the final was played.
    text = ("The Eagles won the section title on Saturday. They beat Owatonna in the "
            "semifinal and closed with a 41-20 win over Owatonna in the final at the arena "
            "in Mankato.")
    assert _places(parser, _events(parser, text), "section title") == {("Mankato", "US")}


def test_words_before_a_name_that_complete_its_place_keep_it(parser: Geoparser) -> None:
    # "ST. PARIS": the resolver reads "PARIS" as Saint Paris, Ohio, among Ohio places; the
    # great city called Paris is not meant when "St." completes the small town's name.
    text = ("ST. PARIS -- A trailer fire killed four children on Sunday, the Champaign "
            "County coroner said. Crews from Urbana and Springfield helped.")
    assert _places(parser, _events(parser, text), "trailer fire") == {("Saint Paris", "US")}


def test_a_dateline_that_names_a_great_capital_alone_is_the_capital(
        parser: Geoparser) -> None:
    # News writes a town named like a capital with its area ("PARIS, Texas --"); alone,
    # "WASHINGTON --" is the capital, not Washington, Iowa, though Iowa is named later.
    text = ("WASHINGTON -- The House voted on Thursday to impose a tax on bonuses. Farmers "
            "in Iowa protested against the bill on Friday.")
    events = _events(parser, text)
    assert _states(parser, events, "House voted") == {"DC"}
    assert _places(parser, events, "Farmers") == {("Iowa", "US")}
    text = "PARIS, Texas -- A tornado destroyed two barns on Thursday."
    assert _states(parser, _events(parser, text), "tornado") == {"TX"}


def test_the_capital_that_is_money_is_no_city(parser: Geoparser) -> None:
    # "lacked the capital to expand": funds; "gunfire in the capital": Tripoli.
    text = ("Fighting spread across Libya on Sunday. A small firm that lacked the capital to "
            "expand was destroyed in the shelling on Monday. Gunfire was heard in the capital "
            "overnight, residents said.")
    events = _events(parser, text)
    assert _places(parser, events, "lacked the capital") == {("Libya", "LY")}
    assert _places(parser, events, "Gunfire") == {("Tripoli", "LY")}


def test_a_sentence_naming_only_the_country_goes_on_where_the_last_event_was(
        parser: Geoparser) -> None:
    # The story is in Columbus, but the indictment, told just before, was in Cincinnati;
    # "U.S. Attorney" names only the country, which holds both: the story goes on there.
    text = ("Police in Columbus arrested two men on Monday. Columbus police said the men had "
            "fled after a robbery. A federal grand jury in Cincinnati indicted the pair on "
            "Tuesday. Acting U.S. Attorney Jane Doe announced the indictment on Tuesday.")
    assert _places(parser, _events(parser, text), "announced") == {("Cincinnati", "US")}


def _story(parser: Geoparser, text: str) -> str:
    from geo.geoparse import discourse

    article = _article(text)
    toponyms = [t for t in article_mentions(article, parser) if t.place is not None]
    story = discourse.focus(article, toponyms, None, parser.gazetteer)
    return story.place.name if story is not None else ""


def test_a_town_of_the_county_named_most_is_the_story_place(parser: Geoparser) -> None:
    # The county (and its fire service and police) is named three times, the town once:
    # every mention of the county speaks for the town inside it, which says more.
    text = ("A barn fire destroyed hay bales in Dorset on Saturday. Dorset Fire and Rescue "
            "Service said crews were called to a farm near Sherborne shortly after midnight. "
            "Dorset Police closed the lane for several hours.")
    assert _story(parser, text) == "Sherborne"
    # A town outside the county gets no credit from it; the county stays the story's.
    text = ("A barn fire destroyed hay bales in Dorset on Saturday. Dorset Fire and Rescue "
            "Service said the farmer, who lives in Glasgow, was away. Dorset Police closed "
            "the lane for several hours.")
    assert _story(parser, text) == "Dorset"
    # A city larger than the council area its point lies in is no part of it.
    text = ("Horses were quarantined at Randwick on Saturday. Randwick officials closed the "
            "track. Trainers in Sydney were told to wait.")
    assert _story(parser, text) == "Randwick"


def test_a_town_a_short_distance_away_is_the_place(parser: Geoparser) -> None:
    # "two miles east of X", "half a mile south of X": the event is at X, as near as a map
    # pin goes; "40 miles east of X" is only a reference point.
    for text, town in (("A tractor overturned on a gravel road about two miles east of "
                        "Fergus Falls on Monday, the sheriff said.", "Fergus Falls"),
                       ("A small plane crashed half a mile south of Hutchinson on Sunday, "
                        "killing the pilot.", "Hutchinson")):
        (event,) = _events(parser, text)
        assert parser.gazetteer.get(event.place_id).name == town
        assert "place: no place in the sentence" not in event.note
    (event,) = _events(parser, "A tractor overturned on a gravel road about 40 miles east "
                               "of Fergus Falls on Monday, the sheriff said.")
    assert "place: no place in the sentence" in event.note
    # Near a border, the country across it is still only the reference.
    (event,) = _events(parser, "Shells struck a village five kilometres from the border "
                               "with Lebanon on Sunday, killing two farmers.")
    assert "place: no place in the sentence" in event.note


def test_a_place_after_a_preposition_and_an_article_is_located(parser: Geoparser) -> None:
    # "from a Nebraska ranch" says where, as "from the ranch in Nebraska" would: not an
    # actor set aside because "in the United States" says where.
    (event,) = _events(parser, "Inspectors confirmed the disease in the United States on "
                               "Monday, after a cow from a Nebraska ranch tested positive.")
    assert parser.gazetteer.get(event.place_id).name == "Nebraska"
    # "according to a US spokesperson": who speaks, not where it happened.
    events = _events(parser, "A barn burned near Richmond, Kentucky, on Sunday.\n\nTwo men "
                             "were treated for burns at a hospital in Kentucky, according to "
                             "a UK spokesperson.")
    assert "United Kingdom" not in {parser.gazetteer.get(e.place_id).name for e in events}


def test_a_place_in_a_country_the_story_never_names_is_a_namesake(parser: Geoparser) -> None:
    # A Georgian story: the gazetteer knows "Ajara" only as a town in India, a country the
    # text never names, thousands of kilometres from every place it does name. No pin
    # in India; the story's own places instead.
    text = ("Floods hit western Georgia on Sunday. Rivers burst their banks near Kutaisi and "
            "Batumi, and the road to Tbilisi was closed. In the mountain region of Ajara, "
            "two villages were cut off by landslides on Monday.")
    mentions = {t.text: t for t in article_mentions(_article(text), parser)}
    assert mentions["Ajara"].place is None
    assert "story's country" in mentions["Ajara"].reason
    countries = {parser.gazetteer.get(e.place_id).country_code for e in _events(parser, text)}
    assert countries == {"GE"}
    # A town across the border, near the places the story names, is meant as written.
    text = ("Fighting spread across Sudan on Sunday. Shelling was reported near Khartoum, "
            "Omdurman and Kosti, and refugees fled south to Malakal on Monday.")
    mentions = {t.text: t for t in article_mentions(_article(text), parser)}
    assert mentions["Malakal"].place is not None


def test_the_site_named_again_is_where_it_was_introduced(parser: Geoparser) -> None:
    # "a farm in Alabama ... the farm": the farm is in Alabama, wherever else the story is.
    text = ("Officials in Atlanta said on Tuesday that a sick cow had been found on a farm in "
            "Alabama last week.\n\nVeterinarians in Atlanta tested the samples twice. "
            "Inspectors quarantined the farm on Monday.")
    (event,) = [e for e in _events(parser, text) if "quarantined" in e.excerpt]
    assert parser.gazetteer.get(event.place_id).name == "Alabama"
    assert '"the farm" read as Alabama' in event.note
    # A site of another kind is not that one: the story's place.
    text = text.replace("quarantined the farm", "closed the school")
    (event,) = [e for e in _events(parser, text) if "closed" in e.excerpt]
    assert parser.gazetteer.get(event.place_id).name == "Atlanta"
