"""Event proposal: sentences that tie a place to something that happened or was said.

For every news sentence of the article body (not the headline, not a photo caption) that
says what happened (a signal word, :func:`geo.geoparse.triggers.trigger_of`) and has a
place, one event is proposed, with one record per place, in the curated schema of
:class:`geo.events.Event`:

- the places: those the sentence names where something happens (demonyms such as
  "Lebanese" describe actors, not places; not where someone lives, a reference point, a
  continent...); else the place "the town" refers to, a speaking state body's capital or
  the story's place (:mod:`geo.geoparse.discourse`); a statement of an institution that
  names no place is made at its seat ("the WHO said": Geneva, :mod:`geo.geoparse.seats`);
- the place's role: "from X" is an origin, "to/toward X" a destination, else the site;
- the date: :mod:`geo.geoparse.eventdates` (the sentence's date phrase nearest the
  signal word, else a carried, story or fallback date, said in ``date_rule``);
- actors and who reports it: :mod:`geo.geoparse.attribution`;
- the excerpt (the sentence) and its offsets, so a reader can check it word for word.

These are proposals for a reader to check, so every record carries a confidence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

import pandas as pd

from geo.article import Article, Sentence
from geo.dates import find_dates
from geo.events import Event, events_frame
from geo.gazetteer import Place
from geo.geoparse import discourse, facilities, seats
from geo.geoparse.anaphora import antecedent, site_antecedent
from geo.geoparse.attribution import actors_of, reporters
from geo.geoparse.categorise import categorise
from geo.geoparse.comment import opens_with_quote
from geo.geoparse.elaboration import Told, elaborates, with_folded
from geo.geoparse.eventdates import SentenceDate, clause_dates, pick_date, sentence_dates
from geo.geoparse.leads import INLINE_CREDIT, news_paragraphs, run_in
from geo.geoparse.lexicon import DEMONYMS
from geo.geoparse.mentions import (
    is_alleged,
    is_compared,
    is_goods_origin,
    is_people_origin,
    is_speaker_seat,
)
from geo.geoparse.spans import within
from geo.geoparse.storyregion import far_foreign_namesakes, far_namesakes, outside_their_area
from geo.geoparse.tense import tells_an_act
from geo.geoparse.toponyms import Geoparser, Toponym
from geo.geoparse.triggers import (
    BROAD,
    QUOTED_SHARE,
    SPEECH_ONLY,
    Trigger,
    official_speaks,
    past_report,
    quoted_share,
    trigger_of,
)

# Broad categories a sentence without a word of its own kind takes from its story, when
# the story is not of war ("killed" in a tsunami story is a disaster, in a siege a battle).
_STORY_KINDS = frozenset({"battle", "other", "humanitarian"})
_PEACE_KINDS = frozenset({"disaster", "health", "accident", "crime", "weather", "economy",
                          "sport", "politics", "protest"})
# "he said" after a quote: a pronoun names no speaker.
_UNNAMED = re.compile(r"\b(?:he|she|they|it|we|I|He|She|They|It|We)\s+(?:also\s+)?$")
# A short quotation ("Don't forget Aleppo!"): a slogan, whose places are not the event's.
_SLOGAN = re.compile(r"[“\"](?:[^”\"\s]+\s+){0,5}[^”\"\s]+[”\"]")

# "Worldwide, the virus has killed 300": a total over the world or the nation, no site.
_EVERYWHERE = re.compile(r"\b(?:[Ww]orldwide|[Gg]lobally|[Nn]ationwide|[Nn]ationally|"
                         r"around the (?:world|globe|country)|across the (?:world|globe|"
                         r"country|nation)|all over the (?:world|country)|"
                         r"throughout the (?:world|globe))\b")

# "north-western NSW", "Western Cape"? only the first: a direction read as a place of that
# name (North-Western Province, Zambia).
_DIRECTION_WORD = re.compile(r"(?i:(?:north|south)(?:[- ]?(?:east|west))?(?:ern)?|east(?:ern)?|"
                             r"west(?:ern)?|central|upper|lower)")
# A street address or block ("44 Elm St.", "the 2900 block of Oak Road"): a site finer than
# the town, so a second arrest or fire in the same town told at its address is news.
_ADDRESS = re.compile(r"\b(?:\d{1,5}|block of) (?:[NSEW]\.? )?(?:[A-Z][\w'’-]* ){1,3}"
                      r"(?:St|Street|Ave|Avenue|Road|Rd|Blvd|Boulevard|Lane|Ln|Drive|Dr|Way|"
                      r"Place|Pl|Court|Ct|Highway|Hwy|Pike|Parkway|Pkwy|Terrace|Circle)\b")
# A journey: from its origin to where the event is.
_MOVED = re.compile(r"\b(?:flew|flown|flying|travell?ed|travell?ing|drove|driven|sailed|"
                    r"returned|moved|deported|transferred|airlifted|sent|shipped|bound)\b")
# What a country does when it speaks ("Russia and Iran, its allies, welcomed ...").
_SPEAKS = re.compile(r"(?:\s+and\s+[A-Z][\w.]*(?:\s+[A-Z]\w*)?)?(?:,[^,.;:]{0,60},)?\s+"
                     r"(?:has\s+|have\s+|had\s+|also\s+)?(?:said|says|reported|reports|"
                     r"announced|announces|confirmed|confirms|declared|denied|denies|welcomed|"
                     r"welcomes|condemned|condemns|warned|warns|claimed|claims|accused|"
                     r"protested|rejected|rejects|praised|urged|demanded|vowed)\b"
                     # "South Africa reported incidents of cholera": they are in the country.
                     r"(?!\s+(?:\w+\s+){0,2}(?:cases|incidents|deaths|outbreaks?|infections)\b)")

ANAPHORA_WEIGHT = 0.7  # a place read from "the town" is surer than none, less than a name
FOCUS_WEIGHT = 0.6  # the story's place for a sentence that names none
# A date within the year before publication: news (past_report); older, history.
RECENT = timedelta(days=366)
LOOKBACK = 200  # places named before a sentence that "the town" may refer to


def _possessive(article: Article, t: Toponym) -> bool:
    """"Lebanon's powerful Shiite movement": the place qualifies an actor or a thing."""
    return article.text[t.end:t.end + 2] in {"'s", "’s"} or (
        article.text[t.end:t.end + 1] in {"'", "’"} and t.text.endswith("s"))


def _based(article: Article, t: Toponym) -> bool:
    """"Britain-based Observatory": the place says where an actor sits, not what happened."""
    return article.text[t.end:t.end + 7].lower() in {"-based ", "-based,", "-based."}


def event_places(article: Article, places: list[Toponym]) -> list[Toponym]:
    """The places of a sentence that an event is about.

    Left out when the sentence names a more precise place: a country that contains it
    ("Syria's army routed rebels from Al-Qusayr": the event is at Al-Qusayr), a place
    that only says where an actor is based ("the Britain-based Observatory") and, when
    another place remains, a possessive one ("Damascus' ally Iran hailed the fall of
    Al-Qusayr": the event is at Al-Qusayr; Damascus only describes Iran).
    """
    plain = [t for t in places if not _possessive(article, t) and not _based(article, t)]
    if plain:
        places = [t for t in places if not _possessive(article, t)]
    precise = [t for t in places if t.place.kind != "country" and not _based(article, t)]
    if not precise:
        return places
    inner_countries = {t.place.country_code for t in precise}
    # "SPRINGFIELD, Ill.", "Hamilton Township, Warren County": a state, county or province
    # beside a town of its country only says where the town is.
    towns = {t.place.country_code for t in precise if t.place.kind in _TOWN_KINDS}
    return [t for t in places
            if not _based(article, t)
            and not (t.place.kind == "country" and t.place.country_code in inner_countries)
            and not (t.place.kind in _AREA_KINDS and t.place.country_code in towns)]


_CONTAINER_KINDS = frozenset({"country", "state", "admin1", "county", "admin2", "province",
                              "region", "governorate", "district"})
_TOWN_KINDS = frozenset({"city", "town", "village", "suburb", "neighbourhood"})
_AREA_KINDS = frozenset({"state", "admin1", "county", "admin2", "province", "region"})


def _role(article: Article, t: Toponym) -> str:
    before = article.text[max(0, t.start - 12):t.start].lower().split()
    prev = before[-1] if before else ""
    if _based(article, t):
        return "base"
    if prev == "from":
        return "origin"
    if prev in {"to", "toward", "towards", "into"}:
        return "destination"
    return "site"


def _title(sentence: str, limit: int = 90) -> str:
    text = " ".join(sentence.split()).strip("\"“” ")
    if len(text) <= limit:
        return text.rstrip(".")
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "place"



@dataclass(frozen=True)
class Site:
    """A place an event is given, how it was chosen, and how sure that is."""

    place: Place
    how: str
    weight: float
    role: str
    implied: bool = False  # the sentence does not name it



def propose_events(article: Article, parser: Geoparser | None = None) -> list[Event]:
    """Proposed events of ``article`` (one record per event and place), in text order.

    A sentence is an event when a signal word (:func:`trigger_of`) tells of something
    that happened. Its places are those it names where something happens (not where
    someone lives, a distance's reference point or a continent); when it names none,
    the place "the town" or "there" refers to, the capital of a state body that speaks,
    or the story's place (its dateline, else the local place it names most often).
    """
    return [record for records in _proposals(article, parser) for record in records]


def article_mentions(article: Article, parser: Geoparser) -> list[Toponym]:
    """The place names of ``article``'s body as the proposer reads them, in text order:
    the geoparser's toponyms (with names the gazetteer lacks: not actors either), seats
    of power as their cities, states named like great cities as the cities, namesakes
    the text's institutions settle, the facilities the recogniser left out, and towns
    far outside the story's region re-read there (:mod:`geo.geoparse.storyregion`)."""
    body = article.body
    mentions = parser.toponyms(body)
    mentions = discourse.seat_toponyms(mentions, parser.gazetteer)  # "the Kremlin": Moscow
    mentions = discourse.cities_meant(body, mentions, parser.lookup)  # "in New York"
    mentions = discourse.main_names(mentions, parser.lookup, body)  # "Kabul", not Cabool
    anchors = facilities.institutions(body, parser.lookup)
    if anchors:  # "Indiana State Police", "St. Cloud Hospital": the story's area, places
        mentions = facilities.in_context(mentions, anchors, parser.lookup, parser.gazetteer)
        mentions = sorted(mentions + facilities.facility_toponyms(anchors, mentions,
                                                                 parser.lookup, body),
                          key=lambda t: t.start)
    # "near Star Lake" in a Minnesota story: not Star Lake, New York.
    mentions = outside_their_area(mentions, body, parser.gazetteer)  # "Stroud, Ontario"
    mentions = far_namesakes(mentions, parser.lookup, parser.gazetteer)
    return far_foreign_namesakes(mentions, parser.lookup, parser.gazetteer)  # Ajara


def _proposals(article: Article, parser: Geoparser | None = None) -> Iterator[list[Event]]:
    """The records of each proposed sentence, in text order."""
    parser = parser or Geoparser()
    body = article.body
    mentions = article_mentions(article, parser)
    mention_starts = [t.start for t in mentions]
    # "HIV" is no village, "Campbell, 42," a person: names, not places.
    toponyms = [t for t in mentions if t.place is not None
                and not discourse.is_acronym_namesake(body, t)
                and not discourse.is_person(body, t)
                and not discourse.is_organisation(body, t)]
    dates = sorted(find_dates(body, article.published), key=lambda m: m.start)
    date_starts = [m.start for m in dates]
    starts = [t.start for t in toponyms]
    lead = discourse.dateline(article, toponyms)
    if lead is not None:
        city = discourse.dateline_capital(body, lead, parser.gazetteer) or \
            discourse.dateline_city(lead, parser.lookup)
        if city is not lead:  # "NEW YORK (Reuters) -": the city, in every mention
            toponyms = [replace(t, place=city.place, reason=city.reason)
                        if t.place is not None and t.place.id == lead.place.id else t
                        for t in toponyms]
            lead = city
    story = discourse.focus(article, toponyms, lead, parser.gazetteer)
    away = _away_from_dateline(article, toponyms, lead)
    if away is not None:  # "BEIRUT (Reuters) - Forces pushed into Homs": a Homs story
        story = away
    if story is None:
        story_how = ""
    elif away is not None:
        story_how = (f"no place in the sentence: the lead's, {away.text} (the dateline, "
                     f"{lead.text}, is where it was written)")
    elif lead is not None:
        story_how = f"no place in the sentence: the dateline's, {lead.text}"
    else:
        n = sum(t.place.id == story.place.id for t in toponyms)
        story_how = (f"no place in the sentence: the story's place, {story.place.name} "
                     f"(named {n} time{'s' if n > 1 else ''}"
                     f"{discourse.county_note(toponyms, story, parser.gazetteer)})")
    news = news_paragraphs(article)
    topic: str | None = None  # the category of the story's first specific event
    told: set[tuple[str, str]] = set()  # (place id, category) of the events proposed
    kinds: set[str] = set()  # the categories of the signal words of those events
    previous: tuple[int, int, Site] | None = None  # the last event's one local site
    earlier: list[Told] = []  # the events proposed, which later sentences may elaborate
    proposed: list[list[Event]] = []  # their records, noted with what is folded in at the end
    folded: list[list[str]] = []  # for each, the sentences folded into it
    for sentence, when in zip(article.sentences, sentence_dates(article, dates), strict=True):
        if not news[sentence.paragraph] or run_in(article, sentence) or \
                INLINE_CREDIT.match(body, sentence.end):
            continue  # the headline, a caption
        trigger = trigger_of(sentence.text, None if kinds else kinds)  # the opening
        if trigger is None and within(toponyms, starts, sentence.start, sentence.end) and any(
                article.published - RECENT <= m.resolved.end <= article.published
                for m in within(dates, date_starts, sentence.start, sentence.end)):
            # No signal word, but a place, a recent date and a verb in the past: "Flags
            # flew at half-staff in Concord yesterday" is news whatever its verb.
            trigger = past_report(sentence.text)
        if trigger is None or (trigger.word.lower() in SPEECH_ONLY and _UNNAMED.search(
                sentence.text, max(0, trigger.start - 20), trigger.start)):
            continue
        if trigger.word.lower() in SPEECH_ONLY and (quoted_share(
                sentence.text) > QUOTED_SHARE or opens_with_quote(sentence.text)) \
                and not official_speaks(sentence.text):
            continue  # direct speech with no signal word of its own: an opinion, a comment
        if not tells_an_act(sentence.text, trigger.start):
            continue  # "is a fatal disease", "might be high": no act told, no event
        # "More than 300 were killed" in a tsunami story: shown as a disaster, not a battle.
        kind = topic if trigger.category in _STORY_KINDS and topic in _PEACE_KINDS else None
        if topic is None and trigger.category not in BROAD:
            topic = trigger.category  # the story's kind: its first specific event's
        inside = within(toponyms, starts, sentence.start, sentence.end)
        # "the World Health Organization said": a body that speaks, from its seat.
        speaking = seats.speaking_body(sentence.text, body[max(
            0, sentence.start - seats.LOOKBACK):sentence.start]) if _is_statement(trigger) \
            else None
        named_in_body = [] if speaking is None else [
            (sentence.start + speaking.start, sentence.start + speaking.end)]
        slogans = [(sentence.start + m.start(), sentence.start + m.end())
                   for m in _SLOGAN.finditer(sentence.text)]
        named = [t for t in inside if t.text.replace("’", "'") not in DEMONYMS
                 and t.place.kind not in discourse.WIDE_KINDS
                 # "the Britain-based Observatory said 30 were killed": its base is
                 # where it speaks from, not where they were killed
                 and not (_based(article, t) and trigger.category != "statement")
                 and not _DIRECTION_WORD.fullmatch(t.text)  # "north-western NSW"
                 and not any(a <= t.start and t.end <= b for a, b in slogans)
                 # "Health Canada said", "the U.S. Food and Drug Administration said"
                 and not any(a <= t.start and t.end <= b for a, b in named_in_body)
                 and not discourse.is_residence(body, t)
                 and not discourse.is_part_of_name(body, t)
                 and not discourse.is_reference(body, t)]
        # "Norfolk, England", "Springfield, Ill.": the second name says where the first is.
        named = [t for k, t in enumerate(named)
                 if not (k and body[named[k - 1].end:t.start] in {", ", ","}
                         and named[k - 1].place.country_code == t.place.country_code
                         and t.place.kind in _CONTAINER_KINDS)]
        if trigger.category == "sport":
            # "New Castle was third", "nine points for Winchester (21-4)": a team named
            # for its town plays wherever the match is; "in Erie" says where that is.
            # "the Clarke County Board of Education eliminated": an office, no team.
            named = [t for t in named if not discourse.is_team(body, t)
                     or is_speaker_seat(body, t)]
        actors: set[str] = set()
        if any(discourse.is_located(body, t) for t in named):
            # Where it happened is said ("in Hanoi"): bare places are actors.
            named = [t for t, bare in zip(named, discourse.bare_places(body, named),
                                          strict=True) if not bare]
        elif trigger.category != "statement":
            # "Russia and Turkey brokered the evacuation from Homs": countries that act
            # (no preposition) beside a place introduced by one; the event is there.
            bare = discourse.bare_places(body, named)
            if not all(bare):
                actors = {t.place.id for t, b in zip(named, bare, strict=True)
                          if b and t.place.kind == "country"}
        # "funds from the US government", "if they were deported to Kenya": places of an
        # actor or of what might happen; not the site while another place is.
        roles = {t.place.id: _role(article, t) for t in named}
        if {"origin", "destination"} <= set(roles.values()) and _MOVED.search(sentence.text):
            # "flew from Washington to Kabul for a visit": the event is where they went.
            actors |= {k for k, r in roles.items() if r == "origin"}
        if away is not None and lead is not None and lead in named:
            actors.add(lead.place.id)  # the dateline of a story that happened elsewhere
        aside = actors | {t.place.id for t in named
                 if discourse.is_actor_modifier(body, t) or discourse.is_hypothetical(body, t)
                 or is_compared(body, t) or is_people_origin(body, t)
                 or is_goods_origin(body, t) or is_alleged(body, t)}
        k = bisect.bisect_left(starts, sentence.start)
        before = toponyms[max(0, k - LOOKBACK):k]  # bounded: time stays linear
        # Set aside first, so that a county is not dropped for a town that is only a
        # firm's home ("filed suit in Allegheny County Court against X Inc. of Atlanta").
        sites = _sites(article, sentence, [t for t in named if t.place.id not in aside]
                       or named, before, parser)
        if trigger.category == "statement" and sites and speaking is None and all(
                x.place.kind == "country" for x in sites):
            speaker = discourse.speaker_capital(sentence.text, parser.gazetteer)
            if speaker is not None:
                # "Sweden's minister said": made in Stockholm, not all over Sweden.
                aside |= {t.place.id for t in named if _possessive(article, t)
                          and t.place.country_code == speaker[1].country_code}
                sites.insert(0, Site(speaker[1], f"\"{speaker[0]}\" speaks: its capital, "
                                     f"{speaker[1].name}", ANAPHORA_WEIGHT, "statement"))
        if speaking is not None and trigger.category == "statement" and sites and all(
                x.place.kind == "country" for x in sites):
            # "The UN Security Council condemned North Korea's launch": made in New York
            # (not "the WHO declared the presence of H5N1 in Egypt": a topic word makes
            # that a health event, where the sentence says).
            seat = _body_site(speaking, parser)
            if seat is not None:
                sites.insert(0, replace(seat, implied=False))
        for t in named:
            # "Russia and Iran welcomed the advance", "Indonesia reports it is no longer
            # counting bodies": a country that speaks is its government, in its capital.
            city = discourse.capital(t.place.country_code, parser.gazetteer) if (
                t.place.kind == "country" and discourse.is_bare(body, t)
                and _SPEAKS.match(body, t.end)) else None
            if city is not None:
                aside.add(t.place.id)
                sites = [x for x in sites if x.place.id != t.place.id]
                sites.append(Site(city, f"{t.text} speaks: its capital, {city.name}",
                                  ANAPHORA_WEIGHT, "statement"))
        if sites and story is not None and story.place.kind in discourse.LOCAL_KINDS and all(
                discourse.holds(x.place, story.place, parser.gazetteer) for x in sites):
            # "The first case has been reported in the UK" in a story at a farm near
            # Ipswich: the country or state holds the story's place, which is the site.
            # "north Georgia": a part of the area, which the story's place stands for.
            aside |= {t.place.id for t in named if discourse.is_part_of_area(body, t)}
            # Only the story's place: it lies in the area, so it is right wherever the
            # area is, and more precise. The story goes on where the event of the
            # sentence before happened, when the area holds that place too.
            carried = previous[2] if previous is not None and previous[:2] == (
                sentence.index - 1, sentence.paragraph) else None
            if carried is not None and carried.place.id != story.place.id and all(
                    discourse.holds(x.place, carried.place, parser.gazetteer) for x in sites):
                sites = [Site(carried.place, f"the sentence names only "
                              f"{sites[0].place.name}: {carried.place.name}" + _CARRIED
                              + ", lies in it", FOCUS_WEIGHT, "site")]
            else:
                sites = [Site(story.place, f"the sentence names only {sites[0].place.name}: "
                              f"the story's place, {story.place.name}, lies in it",
                              FOCUS_WEIGHT, "site")]
        if aside and any(x.place.id not in aside for x in sites):
            sites = [x for x in sites if x.place.id not in aside]
        if not sites and not _EVERYWHERE.search(sentence.text):
            carried = previous[2] if previous is not None and previous[:2] == (
                sentence.index - 1, sentence.paragraph) else None
            extra = _implied_site(sentence, trigger, before, parser, story, story_how,
                                  carried, speaking, body)
            if extra is not None:
                sites.append(extra)
        elif all(x.role == "origin" for x in sites):
            # "joined by reinforcements from Lebanon" in the town named before: it is
            # where they went.
            referred = antecedent(sentence, before, parser.gazetteer)
            if referred is not None:
                sites.append(Site(referred[1].place, f"\"{referred[0]}\" read as "
                                  f"{referred[1].text}, named earlier", ANAPHORA_WEIGHT,
                                  "destination"))
        if trigger.category == "statement" or trigger.word.lower() in SPEECH_ONLY:
            sites = _speaker_seats(article, inside, parser) + sites
        if not sites or (topic == "sport" and trigger.category != "sport"
                         and all(x.implied for x in sites)):
            continue  # in a match report "rallied", "offensive", "fight" tell of the game
        chosen = pick_date(sentence, trigger, within(dates, date_starts, sentence.start,
                                                     sentence.end),
                           when, article.published)
        if chosen is None:
            continue
        # "before going to a hospital in Glasgow on October 6": a place's own clause date.
        own_dates = clause_dates(sentence, [t for t in inside if any(
            x.place.id == t.place.id and not x.implied for x in sites)], within(
            dates, date_starts, sentence.start, sentence.end), chosen, trigger, article.published)
        if (all(x.implied for x in sites) and chosen.weight < 1.0
                and not sites[0].how.endswith(_CARRIED)
                # "issued a correction", "declined to say": an act of speech is news
                and not (trigger.category == "statement"
                         and trigger.word.lower() not in SPEECH_ONLY)
                # "were arrested at 44 Elm St.": a street address is a site of its own
                and not _ADDRESS.search(sentence.text)
                and any((sites[0].place.id, c) in told
                        for c in trigger.told_again | {trigger.category})):
            continue  # the same event told again: no place or day of its own, nothing new
        detail = elaborates(sentence, trigger, {x.place.id for x in sites}, chosen, earlier,
                            [(t.start, t.end) for t in inside])
        if detail is not None:
            folded[detail[0]].append(f"sentence {sentence.index + 1} ({detail[1]}: "
                                     f"{_title(sentence.text, 50)!r})")
            continue  # a detail of an event told before: a careful reader maps it once
        kinds.update(trigger.told_again | {trigger.category, trigger.own})
        local = [x for x in sites if not x.implied and x.role == "site"
                 and x.place.kind in discourse.LOCAL_KINDS]
        previous = (sentence.index, sentence.paragraph, local[0]) if len(local) == 1 \
            else None
        told.update((x.place.id, trigger.category) for x in sites
                    if not (x.implied and x.how.startswith("the sentence names only")))
        named_here = within(mentions, mention_starts, sentence.start, sentence.end)
        chosen_ids = {x.place.id for x in sites}
        aside_why = "; ".join(dict.fromkeys(
            f"{t.text} ({_aside_reason(article, t, slogans, trigger.category, named_in_body)})"
            for t in inside if t.place.id not in chosen_ids
            and t.text.replace("’", "'") not in DEMONYMS))
        proposed.append(_records(article, sentence, sites, named_here, trigger, chosen,
                                 parser.model.common, aside_why, kind, own_dates))
        folded.append([])
        earlier.append(Told(frozenset(chosen_ids), trigger.category, trigger.own,
                            chosen.resolved.start, chosen.resolved.end))
    for records, details in zip(proposed, folded, strict=True):
        yield with_folded(records, details)


def _away_from_dateline(article: Article, toponyms: list[Toponym],
                        lead: Toponym | None) -> Toponym | None:
    """The local place the lead names when it is not the dateline's: a correspondent's
    dateline says where the story was written ("BEIRUT (Reuters) - Government forces
    pushed into Homs"), the lead where it happened."""
    if lead is None:
        return None
    sentence = next((s for s in article.sentences if s.start <= lead.start < s.end), None)
    if sentence is None:
        return None
    body = article.body
    for t in toponyms:
        if sentence.start <= t.start < sentence.end and t.place is not None \
                and t.place.kind in discourse.LOCAL_KINDS and t.start > lead.end \
                and t.place.id != lead.place.id and not discourse.is_bare(body, t) \
                and not discourse.is_residence(body, t) and not discourse.is_reference(body, t) \
                and not discourse.is_part_of_name(body, t) and not is_people_origin(body, t):
            return t
    return None


def _sites(article: Article, sentence: Sentence, named: list[Toponym],
           before: list[Toponym], parser: Geoparser) -> list[Site]:
    """The places the sentence itself names (or refers to with "the town") for its event."""
    referred = None
    if not [t for t in named if not _possessive(article, t) and not _based(article, t)]:
        referred = antecedent(sentence, before, parser.gazetteer)
    chosen = event_places(article, named + ([referred[1]] if referred else []))
    out: list[Site] = []
    for t in chosen:
        if referred is not None and t is referred[1]:
            out.append(Site(t.place, f"\"{referred[0]}\" read as {t.text}, named earlier",
                            ANAPHORA_WEIGHT, "site"))
            continue
        area = discourse.area_named(article.text, t, parser.gazetteer)
        if area is not None:
            out.append(Site(area, f"\"region of {t.text}\": {area.name}", min(1.0, t.score),
                            _role(article, t)))
            continue
        out.append(Site(t.place, t.reason, min(1.0, t.score), _role(article, t)))
    return out


def _speaker_seats(article: Article, inside: list[Toponym], parser: Geoparser) -> list[Site]:
    """Where a statement's speaker sits when an office or outlet is named for the place
    ("Tillsonburg Mayor X said": Tillsonburg; "The New York Times reported": the city)."""
    out = []
    for t in inside:
        if is_speaker_seat(article.body, t):
            city = discourse.dateline_city(t, parser.lookup)  # "New York": the city
            out.append(Site(city.place, f"\"{t.text}\" names the speaker's office or "
                            f"outlet: {city.place.name}", ANAPHORA_WEIGHT, "statement"))
    return out


_CARRIED = ", where the event of the sentence before happened"


def _is_statement(trigger: Trigger) -> bool:
    """Whether the signal word tells of someone speaking ("said", "warned", "confirmed"),
    also when a topic word re-labels it ("the FDA warned ... E. coli": health)."""
    return "statement" in (trigger.category, trigger.own) or \
        trigger.word.lower() in SPEECH_ONLY


def _body_site(speaking: seats.Mention, parser: Geoparser) -> Site | None:
    """Where a body that speaks sits, for a statement whose sentence names no place it
    was made in ("the Consumer Product Safety Commission said": Bethesda)."""
    city = discourse.seat_place(speaking.seat, parser.gazetteer)
    if city is None:
        return None
    who = f"\"{speaking.text}\""
    if speaking.text != speaking.seat.name:  # "CDC" (Centers for Disease Control ...)
        who += f" ({speaking.seat.name})"
    return Site(city, f"{who} speaks: its seat, {city.name}", ANAPHORA_WEIGHT, "statement",
                implied=True)


def _implied_site(sentence: Sentence, trigger: Trigger, before: list[Toponym],
                  parser: Geoparser, story: Toponym | None, story_how: str,
                  carried: Site | None = None, speaking: seats.Mention | None = None,
                  body: str = "") -> Site | None:
    """The place of a sentence that names none: the seat of a body that speaks ("the
    World Health Organization said": Geneva), "the town", a state body's capital, the
    one local place of the event told in the sentence before (the story goes on there:
    "...may have spread to Warwick. All 300 horses at the event were quarantined."), or
    the story's place."""
    if speaking is not None:
        site = _body_site(speaking, parser)
        if site is not None:
            return site
    referred = antecedent(sentence, before, parser.gazetteer) or (
        site_antecedent(sentence, before, body) if body else None)
    if referred is not None:
        return Site(referred[1].place, f"\"{referred[0]}\" read as {referred[1].text}, "
                    "named earlier", ANAPHORA_WEIGHT, "site", implied=True)
    speaker = discourse.speaker_capital(sentence.text, parser.gazetteer)
    if speaker is not None:
        return Site(speaker[1], f"\"{speaker[0]}\" speaks: its capital, {speaker[1].name}",
                    ANAPHORA_WEIGHT, "statement", implied=True)
    if carried is not None and (story is None or carried.place.id != story.place.id):
        return Site(carried.place, f"no place in the sentence: {carried.place.name}"
                    + _CARRIED, FOCUS_WEIGHT, "site", implied=True)
    if story is not None:
        return Site(story.place, story_how, FOCUS_WEIGHT, "site", implied=True)
    return None


def _aside_reason(article: Article, t: Toponym, slogans: list[tuple[int, int]],
                  category: str, bodies: Sequence[tuple[int, int]] = ()) -> str:
    """Why a place the sentence names is not its event's site (for the ``why`` note)."""
    body = article.body
    checks = (
        (lambda: t.place.kind in discourse.WIDE_KINDS, "a continent or region"),
        (lambda: any(a <= t.start and t.end <= b for a, b in slogans), "in a quotation"),
        (lambda: any(a <= t.start and t.end <= b for a, b in bodies),
         "part of the name of the body that speaks"),
        (lambda: discourse.is_residence(body, t), "where someone lives or comes from"),
        (lambda: discourse.is_part_of_name(body, t), "part of a longer name"),
        (lambda: discourse.is_reference(body, t), "a reference point"),
        (lambda: category == "sport" and discourse.is_team(body, t), "a team"),
        (lambda: discourse.is_actor_modifier(body, t), "qualifies an actor"),
        (lambda: is_compared(body, t), "compared with"),
        (lambda: is_people_origin(body, t), "where people come from"),
        (lambda: is_goods_origin(body, t), "where goods come from"),
        (lambda: is_alleged(body, t), "where what someone is accused of happened"),
        (lambda: discourse.is_hypothetical(body, t), "of what would happen"),
        (lambda: _possessive(article, t) or _based(article, t), "describes an actor"),
        (lambda: discourse.is_bare(body, t) and t.place.kind == "country",
         "a country that acts; the sentence says where"),
        (lambda: discourse.is_bare(body, t), "an actor; the sentence says where"),
        (lambda: t.place.kind in _CONTAINER_KINDS, "holds a more precise place"),
    )
    return next((why for test, why in checks if test()), "not where it happened")


def _records(article: Article, sentence: Sentence, sites: list[Site],
             inside: list[Toponym], trigger: Trigger, when: SentenceDate,
             common: frozenset[str] = frozenset(), aside: str = "",
             story_kind: str | None = None,
             own_dates: dict[str, SentenceDate] | None = None) -> list[Event]:
    event_id = f"s{sentence.index}-{_slug(sites[0].place.name)}"
    actors = actors_of(sentence.text, inside, sentence.start, common)
    places = {t.text for t in inside}
    reported = tuple(r for r in reporters(sentence.text, article.outlet) if r not in places)
    reported = reported or ((article.outlet,) if article.outlet else ("the article",))
    category = categorise(sentence.text, trigger, story_kind, article.body)
    kind = f"{category}, the story's kind" if category == story_kind else category
    event_when = when
    seen: set[str] = set()
    out = []
    for site in sites:
        if site.place.id in seen:
            continue
        seen.add(site.place.id)
        when = (own_dates or {}).get(site.place.id, event_when)
        phrase = f" ({when.resolved.phrase!r})" if when.resolved.phrase else ""
        why = (f"proposed by the geoparser; trigger: {trigger.word!r} ({kind}); "
               f"date: {when.rule}{phrase}")
        out.append(Event(
            event_id=event_id,
            place_id=site.place.id,
            place_role=site.role,
            title=_title(sentence.text),
            category=category,
            start=when.resolved.start,
            end=when.resolved.end,
            date_precision=when.resolved.precision,
            date_phrase=when.resolved.phrase,
            date_rule=when.rule,
            actors=actors,
            reported_by=reported,
            excerpt=sentence.text,
            excerpt_start=sentence.start,
            excerpt_end=sentence.end,
            confidence=round(site.weight * when.weight, 3),
            date_phrase_start=when.phrase_start,
            note=f"{why}; place: {site.how}" + (f"; set aside: {aside}" if aside else ""),
        ))
    return out


def proposals_frame(events: Sequence[Event]) -> pd.DataFrame:
    """The events frame of proposed events plus ``why`` (trigger, date rule, how the place
    was chosen): the rows ``python -m geo parse`` and ``python -m geo batch`` write."""
    frame = events_frame(events)
    frame["why"] = [e.note for e in events]
    return frame
