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
from datetime import date

import pandas as pd

from geo.article import Article, Sentence
from geo.dates import find_dates
from geo.events import Event, events_frame
from geo.gazetteer import Gazetteer, Place
from geo.geoparse import discourse, seats
from geo.geoparse.attribution import actors_of, reporters
from geo.geoparse.categorise import categorise
from geo.geoparse.eventdates import SentenceDate, pick_date, sentence_dates
from geo.geoparse.lexicon import DEMONYMS
from geo.geoparse.mentions import (
    is_alleged,
    is_compared,
    is_goods_origin,
    is_people_origin,
    is_speaker_seat,
)
from geo.geoparse.spans import within
from geo.geoparse.toponyms import Geoparser, Toponym
from geo.geoparse.triggers import (
    BROAD,
    OTHER,
    QUOTED_SHARE,
    SPEECH_ONLY,
    Trigger,
    official_speaks,
    quoted_share,
    real_triggers,
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

# "(AFP)", "(Reuters/John Doe)", "(Photo: AP)": a photo credit ends a caption, not a sentence.
_CREDIT = re.compile(r"\((?:photo:?\s*)?(?:[A-Z][A-Za-z]*|[A-Z]{2,})(?:[/ ][^()]{0,40})?\)\s*$")

# "... jailed in Israel. Photo: AP": a caption run into the text, its credit after it.
_INLINE_CREDIT = re.compile(r"\s*(?:Photo|Picture|Image)(?:\s+credit)?\s*(?::|by\b)\s*[A-Z]")


def _squash(text: str) -> str:
    return " ".join(text.split()).strip(" .\"“”").casefold()


def is_news_sentence(article: Article, sentence: Sentence) -> bool:
    """False for the headline and for photo captions, which report nothing of their own.

    The headline is the title again, as the first paragraph of a longer text (a reader's
    article without a title takes its first line as one; a one-line text is news), or,
    when the article has no title at all, a headline run into the first paragraph (see
    :func:`_headline_run_in`); a caption is a paragraph that ends with a photo credit
    ("(AFP)").
    """
    return news_paragraphs(article)[sentence.paragraph] and not _run_in(article, sentence)


def news_paragraphs(article: Article) -> list[bool]:
    """For each paragraph, whether its sentences may be news (:func:`is_news_sentence`).

    Reads the whole article: :func:`propose_events` asks once, not once per sentence
    (which read a long paragraph again for each of its sentences: quadratic time).
    """
    headline = bool(len(article.paragraphs) > 1 and article.title
                    and _squash(article.paragraphs[0].text) == _squash(article.title))
    return [not (p.index == 0 and headline) and not _CREDIT.search(p.text)
            for p in article.paragraphs]


def _run_in(article: Article, sentence: Sentence) -> bool:
    """The first sentence of an article without a title, when it is a headline run in."""
    return (sentence.index == 0 and not article.title
            and _headline_run_in(article.paragraphs[sentence.paragraph].text, sentence.text))


# How a lead sentence opens, unlike a headline: an article, a preposition, a date word.
_LEAD_OPENERS = frozenset(
    "the a an in on at as after before when while today yesterday last this some more "
    "nearly about over police officials authorities".split()
)


def _headline_run_in(paragraph: str, sentence: str) -> bool:
    """A headline run into the first paragraph ("Kansas storm overturns big rigs. SALINA,
    Kan. Strong winds ..."): a short first sentence that is not the whole paragraph, opens
    without an article or preposition and attributes nothing."""
    words = sentence.split()
    return (len(words) <= 14 and len(paragraph.strip()) > len(sentence.strip()) + 40
            and words[0].lower().strip("\"“'") not in _LEAD_OPENERS
            and not _NOT_HEADLINE.search(sentence) and not _LEAD_ONLY.search(sentence))


# Headlines drop auxiliaries and attributions: "New outbreaks of H5N2 have been confirmed
# in Taiwan." opens a story, "Tiny quake recorded near Gilroy." is its headline.
_NOT_HEADLINE = re.compile(r"\b(?:said|says|told|according|is|are|was|were|has|have|had|"
                           r"been)\b")
# What only a lead writes: a dateline ("NAIROBI, Kenya (AP) --", "(LONDON)") or a day with
# its preposition ("on Saturday", "on March 3"); a headline drops both ("... hit Manhattan
# area Monday").
_LEAD_ONLY = re.compile(
    r"^\s*(?:\([A-Z][A-Z .]{2,30}\)|[A-Z][A-Z .'-]{2,30}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Za-z/ ]{1,20}\))?\s*(?:--?|[\u2013\u2014]))"
    r"|\bon\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:January|"
    r"February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|"
    r"Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2})\b")


# "the town", "the city", "there": the place the story is about, named in an earlier
# sentence. "there" only where it is a place ("died there"), not in "there were".
_ANAPHORA = re.compile(
    r"\b[Tt]he (town|city|village|district|region|area|county|state|province|country|capital)\b"
    r"(?!\s+of\b)|\b(there)\b(?!\s+(?:is|are|was|were|has|have|had|will|would|may|might|"
    r"could|seems?|appears?|must|should|can|remains?)\b)"
)
_ANAPHOR_KINDS = {
    "town": {"town", "city", "village", "suburb"},
    "city": {"city", "town"},
    "village": {"village", "town"},
    "district": {"district", "county", "governorate", "province", "admin2"},
    "region": {"district", "governorate", "province", "region", "admin1", "admin2"},
    "area": {"town", "city", "village", "suburb", "district"},
    "county": {"county", "admin2"},
    "state": {"state", "admin1"},
    "province": {"province", "governorate", "admin1"},
    "country": {"country"},
    "capital": set(),  # the capital of the country named last (see antecedent)
    "there": {"town", "city", "village", "suburb", "district", "county", "admin2"},
}
ANAPHORA_WEIGHT = 0.7  # a place read from "the town" is surer than none, less than a name
FOCUS_WEIGHT = 0.6  # the story's place for a sentence that names none
LOOKBACK = 200  # places named before a sentence that "the town" may refer to


def antecedent(sentence: Sentence, before: list[Toponym], gazetteer: Gazetteer | None = None
               ) -> tuple[str, Toponym] | None:
    """The place "the town" (or city, district...) of ``sentence`` refers back to.

    The last place named before the sentence whose kind is the word ("the town": a town),
    else the last of a kind close to it (a city, a village): news names a place, then
    says "the town" for it ("...routed rebels from Al-Qusayr... in control of the town").
    ``before``: the places named before the sentence, in text order (the caller bounds
    how far back, so a long text is not scanned back for every sentence).
    """
    m = _ANAPHORA.search(sentence.text)
    if m is None:
        return None
    word = m.group(1) or m.group(2)
    if word == "capital":  # "gunfire in the capital": of the country named last
        last = next((t for t in reversed(before) if t.place is not None
                     and t.place.country_code), None)
        city = discourse.capital(last.place.country_code, gazetteer) if (
            last is not None and gazetteer is not None) else None
        if city is None or last is None:
            return None
        return m.group(0), replace(last, text=f"{city.name}, the capital of the country of "
                                              f"{last.text}", place=city)
    for kinds in ({word}, _ANAPHOR_KINDS[word]):
        for t in reversed(before):
            if t.place is not None and t.place.kind in kinds:
                return m.group(0), t
    return None


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


def _proposals(article: Article, parser: Geoparser | None = None) -> Iterator[list[Event]]:
    """The records of each proposed sentence, in text order."""
    parser = parser or Geoparser()
    body = article.body
    mentions = parser.toponyms(body)  # with names the gazetteer lacks: not actors either
    mentions = discourse.seat_toponyms(mentions, parser.gazetteer)  # "the Kremlin": Moscow
    mentions = discourse.cities_meant(body, mentions, parser.lookup)  # "in New York"
    mentions = discourse.main_names(mentions, parser.lookup)  # "Kabul", not Cabool
    anchors = discourse.institutions(body, parser.lookup)
    if anchors:  # "Indiana State Police", "St. Cloud Hospital": the story's area, places
        mentions = discourse.in_context(mentions, anchors, parser.lookup, parser.gazetteer)
        mentions = sorted(mentions + discourse.facility_toponyms(anchors, mentions,
                                                                 parser.lookup),
                          key=lambda t: t.start)
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
        city = discourse.dateline_city(lead, parser.lookup)
        if city is not lead:  # "NEW YORK (Reuters) -": the city, in every mention
            toponyms = [replace(t, place=city.place, reason=city.reason)
                        if t.place is not None and t.place.id == lead.place.id else t
                        for t in toponyms]
            lead = city
    story = discourse.focus(article, toponyms, lead)
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
                     f"(named {n} time{'s' if n > 1 else ''})")
    news = news_paragraphs(article)
    topic: str | None = None  # the category of the story's first specific event
    told: set[tuple[str, str]] = set()  # (place id, category) of the events proposed
    kinds: set[str] = set()  # the categories of the signal words of those events
    previous: tuple[int, int, Site] | None = None  # the last event's one local site
    earlier: list[Told] = []  # the events proposed, which later sentences may elaborate
    proposed: list[list[Event]] = []  # their records, noted with what is folded in at the end
    folded: list[list[str]] = []  # for each, the sentences folded into it
    for sentence, when in zip(article.sentences, sentence_dates(article, dates), strict=True):
        if not news[sentence.paragraph] or _run_in(article, sentence) or \
                _INLINE_CREDIT.match(body, sentence.end):
            continue  # the headline, a caption
        trigger = trigger_of(sentence.text, None if kinds else kinds)  # the opening
        if trigger is None or (trigger.word.lower() in SPEECH_ONLY and _UNNAMED.search(
                sentence.text, max(0, trigger.start - 20), trigger.start)):
            continue
        if trigger.word.lower() in SPEECH_ONLY and quoted_share(sentence.text) > QUOTED_SHARE \
                and not official_speaks(sentence.text):
            continue  # direct speech with no signal word of its own: an opinion, a comment
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
            named = [t for t in named if not discourse.is_team(body, t)]
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
            # area is, and more precise.
            sites = [Site(story.place, f"the sentence names only {sites[0].place.name}: "
                          f"the story's place, {story.place.name}, lies in it",
                          FOCUS_WEIGHT, "site")]
        if aside and any(x.place.id not in aside for x in sites):
            sites = [x for x in sites if x.place.id not in aside]
        if not sites and not _EVERYWHERE.search(sentence.text):
            carried = previous[2] if previous is not None and previous[:2] == (
                sentence.index - 1, sentence.paragraph) else None
            extra = _implied_site(sentence, trigger, before, parser, story, story_how,
                                  carried, speaking)
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
                                 parser.model.common, aside_why, kind))
        folded.append([])
        earlier.append(Told(frozenset(chosen_ids), trigger.category, trigger.own,
                            chosen.resolved.start, chosen.resolved.end))
    for records, details in zip(proposed, folded, strict=True):
        yield _with_folded(records, details)


@dataclass(frozen=True)
class Told:
    """What :func:`elaborates` compares a sentence with: an event proposed before it."""

    places: frozenset[str]  # the place ids of its records
    category: str  # its signal word's category (after a topic word re-labels it)
    own: str  # the signal word's own category ("said": statement)
    start: date
    end: date


# Verbs that only attribute what follows ("..., the fire marshal said"): a comment or a
# detail from someone, no act of its own ("claimed", "announced", "denied" are acts).
_PLAIN_SAYING = frozenset({"said", "says", "told", "noted", "reported"})
# A sentence whose subject points back to what the story has named ("The tiny temblor
# struck at 2:44 a.m.", "Her car rolled over", "The blaze spread to"): more of that event.
# Not a quotation that opens so ("'This will be a burden,' he said"): the speaker's words.
_BACK_REFERENCE = re.compile(r"(?:The|This|That|These|Those|Its|Their|Her|His)\s+"
                             # "The other outbreak", "The second quake": another event
                             r"(?!(?:other|another|second|third|new|next|latest|further|"
                             r"first|last|earlier|previous)\b)")
# A player's figures after a match's result ("Smith scored 12", "added nine points",
# "had a game-high 20 rebounds"): the box score of the game told, not another game.
_FIGURES = re.compile(r"\b(?:scored|had|added|finished with|grabbed|chipped in|pulled down)"
                      r"\s+(?:an?\s+|his\s+|her\s+)?(?:(?:game|team|career|season)-high\s+)?"
                      r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                      r"\b(?!\s*(?:years?|months?|weeks?|days?|percent|per cent|%))")


def elaborates(sentence: Sentence, trigger: Trigger, places: set[str], when: SentenceDate,
               earlier: Sequence[Told], names: Sequence[tuple[int, int]] = ()
               ) -> tuple[int, str] | None:
    """Which of the ``earlier`` events (its index) ``sentence`` only elaborates, and how;
    None when it tells an event of its own.

    A careful reader maps each event once; news goes on about it for several sentences
    (what else burned, how strong the quake was, who scored, what an official said of it).
    Such a sentence names no place other than the event's (``places`` are its sites; a
    capitalised name after "in", "near", "at"... that the gazetteer did not resolve,
    ``names`` being the spans of those it did, may be a place of its own: "found in the
    village of Saldowo") and no date phrase of its own ("On Tuesday, a second house was
    damaged" is news), and either

    - only attributes what it says, after it ("..., the fire marshal said"), after an event
      that is not itself a statement, with no other signal word ("The body was found ...,
      police said" tells a finding): a detail or comment on the event told, weaker than
      its report (a speaker who opens the sentence makes a statement of its own);
    - names the event as its known subject ("The tiny temblor struck ...", "Her car rolled
      over ...": the signal word, of the event's own specific kind, in its first words);
    - gives a player's figures ("Smith scored 12") after a match's result;
    - adds ("also", "as well", "too") with only a generic signal word ("A truck in the
      garage was also damaged") in a story whose earlier event of a specific kind (a fire)
      is at its places: weaker than that event's report, a detail of it.

    The first three compare with the event told just before; the last with the latest
    event of a specific kind at the sentence's places. A new speaker's
    statement after a statement, an act of another kind ("She was taken to hospital"
    after a crash) and a sentence with a place or day of its own stay events.
    """
    if not places or not earlier or when.weight >= 1.0:
        return None
    text = sentence.text
    for m in _PLACE_CUE.finditer(text):
        at = sentence.start + m.end() - 1
        if not any(a <= at < b for a, b in names):
            return None  # a name the gazetteer does not know: maybe a place of its own
    k = len(earlier) - 1
    last = earlier[k]
    if trigger.own == OTHER:
        if not _ADDED.search(text):
            return None
        k = next((i for i in range(k, max(-1, k - ELABORATION_LOOKBACK), -1)
                  if earlier[i].own not in BROAD and earlier[i].category not in BROAD
                  and places <= earlier[i].places), -1)
        return (k, "a detail of an event of a specific kind told before it") if k >= 0 \
            else None
    if not places <= last.places:
        return None
    if (trigger.own == "statement" and trigger.word.lower() in _PLAIN_SAYING
            and "statement" not in (last.own, last.category) and _attributed(text, trigger)
            and all(t.own == "statement" for t in real_triggers(text))):
        return k, "a comment on the event told before it"
    if trigger.category != last.category or trigger.own in BROAD:
        return None
    if _BACK_REFERENCE.match(text) and len(text[:trigger.start].split()) <= 4:
        return k, "more of the event told before it"
    if trigger.category == "sport" and _FIGURES.search(text):
        return k, "a player's figures in the match told before it"
    return None


# How many events back a generic detail may point (bounded: time stays linear).
ELABORATION_LOOKBACK = 12
# A capitalised name after a preposition of place ("in the village of Saldowo", "near
# Orneta", "at Roanoke Park"), the end of the match being its first letter.
_PLACE_CUE = re.compile(r"\b(?:in|near|at|outside|off|into|to|from)\s+(?:the\s+(?:\w+\s+){0,2}"
                        r"of\s+)?[A-Z]")
# What a sentence adds to the event told ("was also damaged", "closed as well").
_ADDED = re.compile(r"\b(?:also|as well|too)\b")


def _attributed(sentence: str, trigger: Trigger) -> bool:
    """Whether the saying only attributes what comes before it: after a comma or a quote
    and a few words naming the speaker, with at most the speaker after it ("..., a police
    spokesman said.", "..., said Fire Marshal Jo Reyes."). A speaker who opens the
    sentence ("Mayor Jo Reyes said the cleanup had begun") is the news: a statement."""
    if not _SOURCE_BEFORE.search(sentence, max(0, trigger.start - 80), trigger.start):
        return False
    return all(w[0].isupper() or w.lower() in _SPEAKER_WORDS
               for w in _WORDS.findall(sentence[trigger.end:]))


# The content, then a comma or a closing quote, then the speaker: "...away, a police
# spokesman" / "...up,\" Deputy Coroner Jo Reyes".
_SOURCE_BEFORE = re.compile(r"[,\"”’]\s+(?:[\w.'’-]+\s+){0,8}$")
_SPEAKER_WORDS = frozenset({"of", "the", "for", "and", "at", "in", "a", "an", "on", "with",
                            "who", "spokesman", "spokeswoman", "spokesperson"})
_WORDS = re.compile(r"[\w'’-]+")


def _with_folded(records: list[Event], folded: list[str]) -> list[Event]:
    """``records`` whose notes name the sentences folded into their event."""
    if not folded:
        return records
    more = "; details told after it, not proposed again: " + ", ".join(folded)
    return [replace(r, note=r.note + more) for r in records]


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
                  carried: Site | None = None, speaking: seats.Mention | None = None
                  ) -> Site | None:
    """The place of a sentence that names none: the seat of a body that speaks ("the
    World Health Organization said": Geneva), "the town", a state body's capital, the
    one local place of the event told in the sentence before (the story goes on there:
    "...may have spread to Warwick. All 300 horses at the event were quarantined."), or
    the story's place."""
    if speaking is not None:
        site = _body_site(speaking, parser)
        if site is not None:
            return site
    referred = antecedent(sentence, before, parser.gazetteer)
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
             story_kind: str | None = None) -> list[Event]:
    event_id = f"s{sentence.index}-{_slug(sites[0].place.name)}"
    actors = actors_of(sentence.text, inside, sentence.start, common)
    places = {t.text for t in inside}
    reported = tuple(r for r in reporters(sentence.text, article.outlet) if r not in places)
    reported = reported or ((article.outlet,) if article.outlet else ("the article",))
    phrase = f" ({when.resolved.phrase!r})" if when.resolved.phrase else ""
    category = categorise(sentence.text, trigger, story_kind, article.body)
    kind = f"{category}, the story's kind" if category == story_kind else category
    why = (f"proposed by the geoparser; trigger: {trigger.word!r} ({kind}); "
           f"date: {when.rule}{phrase}")
    seen: set[str] = set()
    out = []
    for site in sites:
        if site.place.id in seen:
            continue
        seen.add(site.place.id)
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
