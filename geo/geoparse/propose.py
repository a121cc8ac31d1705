"""Event proposal: sentences that tie a place to something that happened or was said.

For every sentence of the article body that names a resolved place (demonyms such as
"Lebanese" describe actors, not places, and are left out) and says what happened (a verb
from ``geo.categories.TRIGGER_ORDER``), one event is proposed, with one record per place,
in the curated schema of :class:`geo.events.Event`:

- the date: a date expression of the sentence (:func:`geo.dates.find_dates`, relative to
  the publication date); else the day-precise date of the sentence just before it, when
  the story goes on ("... launched on May 19. Rebels ... were later joined by ..."); else
  the publication date, marked as a fallback in ``date_rule``;
- the place's role: "from X" is an origin, "to/toward X" a destination, else the site;
- actors: organisations, people and groups named in the sentence ("Hezbollah", "Syrian
  army", "rebels");
- who reports it: the speaker of "X said", "X told", "according to X", else the outlet;
- the excerpt (the sentence) and its offsets, so a reader can check it word for word.

These are proposals for a reader to check, so every record carries a confidence.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date as date_
from datetime import timedelta

import pandas as pd

from geo.article import Article, Sentence
from geo.categories import TOPICS, TRIGGER_ORDER
from geo.dates import DAY, RANGE, DateMention, ResolvedDate, find_dates
from geo.events import CONTEXT_RULE_PREFIX, Event, events_frame
from geo.gazetteer import Place
from geo.geoparse import discourse
from geo.geoparse.lexicon import DEMONYMS
from geo.geoparse.toponyms import Geoparser, Toponym

_BROAD = frozenset({"battle", "other", "statement", "humanitarian"})
# Broad categories a sentence without a word of its own kind takes from its story, when
# the story is not of war ("killed" in a tsunami story is a disaster, in a siege a battle).
_STORY_KINDS = frozenset({"battle", "other", "humanitarian"})
_PEACE_KINDS = frozenset({"disaster", "health", "accident", "crime", "weather", "economy",
                          "sport", "politics", "protest"})
# Words that only say someone spoke: an event when a named speaker says it ("the army
# said"), not "he said" after a quote.
SPEECH_ONLY = frozenset({"said", "says", "told", "reported", "noted", "claimed"})
_SPEECH_OR_WARNING = SPEECH_ONLY | {"warned", "warns", "warn"}
_UNNAMED = re.compile(r"\b(?:he|she|they|it|we|I|He|She|They|It|We)\s+(?:also\s+)?$")
# What a category is when no signal word of a specific one is found.
OTHER = "other"
_CATEGORY_RES = tuple(
    (category, re.compile(r"\b(?:" + "|".join(words) + r")\b"))
    for category, words in TRIGGER_ORDER  # geo.categories: most specific first
)
_TOPIC_RES = tuple(
    (category, re.compile(r"\b(?:" + "|".join(words) + r")\b")) for category, words in TOPICS
)
# A short quotation ("Don't forget Aleppo!"): a slogan, whose places are not the event's.
_SLOGAN = re.compile(r"[“\"](?:[^”\"\s]+\s+){0,5}[^”\"\s]+[”\"]")
# A signal word after one of these (in the same clause) tells of what may, will or would
# happen, or asks whether it did: no event.
_UNREAL = re.compile(
    r"\b(?:will|would|could|should|might|may|shall|won['’]t|wouldn['’]t|going to|plans? to|"
    r"planned to|expected to|set to|hopes? to|wants? to|whether|if|unless|to be|aims? to|"
    r"scheduled to|likely to|how|why|no|never|probably|perhaps|possibly|heading for|"
    r"heading towards|on course to|on track to|about to)\b[^.;:!?]{0,30}$"
)
# "if Israel released prisoners ... in a deal": a condition runs to the next comma.
_CONDITION = re.compile(r"\b(?:if|unless|whether)\b[^.;:!?,]{0,100}$")
# "was not injured", "wasn't hurt": denied, right before the signal word ("must not forget
# that Hamas seized": the denial is another verb's).
_DENIED = re.compile(r"\b(?:not|n['’]t)\s+(?:\w+ly\s+)?(?:(?:been|be|get|got)\s+)?$")
# What someone fears, warns of or predicts ("Experts warned that an epidemic in the north
# would ..."): the clause after it tells of what may happen.
_FEARED = re.compile(r"\b(?:(?:warn(?:s|ed)?|fear(?:s|ed)?|predict(?:s|ed)?|worr(?:y|ies|ied)"
                     r")\s+(?:that\s+)?|(?:forecast(?:s|ed)?|expect(?:s|ed)?)\s+that\s+)"
                     r"[^.;:!?]{0,80}$")
# "the fire", "such a deal": an event told before, named again (its news is elsewhere).
_KNOWN = re.compile(r"\b(?:the|this|that|such a|such an)\s+$")
# What someone says will, would or could happen ("said a front will likely produce").
_UNREAL_SPEECH = re.compile(
    r"[^.;:!?]{0,50}?\b(?:will|would|could|should|might|may|is expected to|are expected to|"
    r"won['’]t|wouldn['’]t|couldn['’]t|no one|nobody|never|believes?|thinks?|hopes?|"
    r"feels?|has seen signs|is optimistic|is confident)\b"
)
# "The rain should taper off Wednesday night, forecasters said.": what is said, before the
# speech word, is a forecast or a hypothesis.
_UNREAL_BEFORE_SPEECH = re.compile(
    r"\b(?:will|would|could|should|might|may|won['’]t|wouldn['’]t|is expected to|"
    r"are expected to)\b[^.;:!?]{0,200}$"
)
# Sentences that say what is usual, not what happened.
_GENERIC = re.compile(r"\b(?:are|is) (?:frequent|common|rare|usually|often|typically|"
                      r"generally)\b|\b(?:every year|each year|annually)\b")


# A sentence more than this share of which is inside quotation marks is direct speech.
QUOTED_SHARE = 0.5
_QUOTES = re.compile(r"[“\"][^“”\"]*[”\"]|[“\"][^“”\"]*$")


def quoted_share(sentence: str) -> float:
    """The share of the sentence's characters inside quotation marks (an opening mark
    without its closing one runs to the end: a quote goes on in the next sentence)."""
    if not sentence:
        return 0.0
    return sum(m.end() - m.start() for m in _QUOTES.finditer(sentence)) / len(sentence)


@dataclass(frozen=True)
class Trigger:
    """The word that makes a sentence an event, and the category it signals."""

    category: str
    word: str
    start: int  # offsets in the sentence
    end: int
    told_again: frozenset[str] = frozenset()  # categories of events named again ("the fire")


def trigger_of(sentence: str) -> Trigger | None:
    """The first category whose signal word occurs in the sentence as something that
    happened (not after "will", "could", "whether"...), or None.

    Categories are tried in order (the most specific first), "other" last.
    """
    if sentence.rstrip().endswith("?") or _GENERIC.search(sentence.lower()):
        return None
    low = sentence.lower()
    again: set[str] = set()
    for category, pattern in _CATEGORY_RES:
        for m in pattern.finditer(low):
            window = max(0, m.start() - 80)  # bounded look-back: linear time
            if _UNREAL.search(low, window, m.start()) or (
                    m.start() > 0 and sentence[m.start()].isupper()
                    and sentence[m.start() - 1] not in "\"“'‘("):
                continue  # "Fire Department", "Blaze Ayers": a name, not the word
            if _FEARED.search(low, window, m.start()) or _DENIED.search(
                    low, window, m.start()) or _CONDITION.search(low, window, m.start()):
                continue  # "warned that an epidemic would": feared, not happened
            if category == "statement" and low[m.start():m.end()] in _SPEECH_OR_WARNING and (
                    _UNREAL_SPEECH.match(low, m.end())
                    or _UNREAL_BEFORE_SPEECH.search(low, max(0, m.start() - 200), m.start())):
                continue  # "the Weather Service said a front will bring rain"
            if _KNOWN.search(low, window, m.start()):
                again.add(category)
                continue
            if category in _BROAD:
                topic = next((c for c, p in _TOPIC_RES if p.search(low)), None)
                category = topic or category
            return Trigger(category, sentence[m.start():m.end()], m.start(), m.end(),
                           frozenset(again))
    return None


_SPEECH = r"(?:said|says|told|reported|announced|added|noted|stated|claimed|confirmed)"
# A word of these patterns has at most 50 characters more and never gives any back
# (possessive): each place a match may start then costs a bounded number of steps, so a
# sentence of "BeirutBeirut..." or "aaaa..." is read in linear time, not quadratic.
_CAP_WORD = r"[A-Z][\w'’.-]{0,50}+"
_LOW_WORD = r"[a-z][\w'’-]{0,50}+"
# "the UN refugee agency UNHCR said", "Syria state television said", "the source told".
_SPEAKER_BEFORE = re.compile(
    rf"((?:{_CAP_WORD}|the|a|an|{_LOW_WORD})(?:\s+(?:{_CAP_WORD}|{_LOW_WORD})){{0,5}}?)\s+"
    + _SPEECH + r"\b"
)
_ACCORDING = re.compile(r"according to ([\w'’.-]+(?:[ \u00a0]+[\w'’.-]+){0,7})")
_ACTOR_NOUNS = ("army", "rebels", "troops", "forces", "fighters", "insurgents", "regime",
                "police", "government", "militants", "opposition", "residents",
                "civilians", "militia", "soldiers", "officials", "activists")
_ACTOR = re.compile(
    r"\b((?:(?:[A-Z][\w'’-]{0,50}+)\s+){0,2}(?:" + "|".join(_ACTOR_NOUNS) + r"))\b"
)
_NAME_RUN = re.compile(
    r"\b[A-Z][\w'’-]+(?:\s+(?:(?:for|of)\s+(?:the\s+)?)?(?:al-|el-)?[A-Z][\w'’-]+){0,5}"
)
# Adjectives of faith and sect: "Shiite", "Sunni" alone describe, they name no actor.
_GROUP_ADJECTIVES = frozenset(
    "Shiite Shia Sunni Alawite Druze Christian Muslim Islamist Jihadist Kurdish Maronite "
    "Orthodox Catholic Jewish Arab".split()
)
_NOT_ACTORS = {"The", "A", "An", "It", "Its", "This", "That", "These", "Those", "He", "She",
               "They", "We", "I", "Yes", "But", "And", "Meanwhile", "Another", "Earlier",
               "Following", "After", "Official", "President", "Deputy", "Rebels"}
# Not the name of an actor: a contraction, a number or a code with digits, a month's
# abbreviation, a street, a disease.
_NOT_A_NAME = re.compile(
    r"[’']t\b|\d|^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Tens|Dozens|Hundreds|"
    r"Thousands|Millions)\.?$|\b(?:Street|St|Road|Rd|Avenue|Ave|Drive|Boulevard|Highway|"
    r"Lane|Route|Interstate|Exit)$|\b(?:Flu|Influenza|Virus|Salmonella|Bluetongue|Agent Orange)$",
    re.IGNORECASE,
)
# The last words of an organisation's name that starts with a place's.
_ORGANISATION_END = re.compile(
    r"\b(?:Board|Council|Department|Police|Patrol|Office|Authority|Agency|University|"
    r"College|Commission|Committee|Service|Ministry|Association|Realtors|Hospital|"
    r"Court|Corporation|Company|Party)(?: of [A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)?$")
_WEEKDAYS_MONTHS = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b"
)

FALLBACK_RULE = (CONTEXT_RULE_PREFIX + " no date in the sentence or the story; the week up "
                 "to the publication date (fallback)")
STORY_RULE = CONTEXT_RULE_PREFIX + " no date in the sentence; the story's day"
# How far before publication a story's day and an undated event may lie: news of a daily
# paper tells what happened in the last days, and the annotated set reads undated recent
# events as the week before publication.
RECENT_DAYS = 7
CARRIED_RULE = CONTEXT_RULE_PREFIX + " no date in the sentence; date of the sentence before"
_GOES_ON = re.compile(r"(?:That|This|These|Those|Then|Later|Afterwards|Subsequently)\b")
# How far a day carries: to the next sentence, and on within its paragraph (the story goes
# on there), not for the whole text.
CARRY_SENTENCES = 6


@dataclass(frozen=True)
class SentenceDate:
    """The date an event gets, and how sure that is."""

    resolved: ResolvedDate
    phrase_start: int | None
    rule: str
    weight: float  # 1 explicit, lower for carried or fallback dates


def category_of(sentence: str) -> str | None:
    """The category of the sentence's event (see :func:`trigger_of`), or None."""
    trigger = trigger_of(sentence)
    return trigger.category if trigger else None


# Words an attribution's speaker may hold besides capitalised names ("Syria state
# television", "the UN refugee agency UNHCR", "a well-informed source").
_REPORTER_WORDS = frozenset(
    "state television tv radio news agency media official officials source sources "
    "spokesman spokeswoman spokesperson ministry military army rebel rebels activist "
    "activists monitor refugee well-informed informed security diplomatic senior "
    "website newspaper daily channel group commander commanders witness witnesses "
    "resident residents doctor doctors council".split()
)
_CONNECTORS = frozenset({"of", "for", "on", "al-", "el-"})
_ADVERBS = frozenset(
    "also later earlier then reportedly previously again further separately quickly "
    "too had has have".split()
)
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "who", "which", "you"})
_DETERMINERS = frozenset({"the", "a", "an", "another", "one", "two", "several"})
_TOLD = re.compile(r"\s*(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})")


def _speaker(words: list[str]) -> str:
    """The noun phrase that ends ``words`` (the words before "said"), as the speaker."""
    while words and words[-1].lower() in _ADVERBS:
        words = words[:-1]
    tail: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        w = words[i].strip(",\"“”")
        if w != words[i] and tail:  # a comma or a quote ends the phrase
            break
        low = w.lower()
        joins = (low in _CONNECTORS and tail and tail[0][:1].isupper()
                 and i > 0 and words[i - 1][:1].isupper())  # fmt: skip
        if w[:1].isupper() or low in _REPORTER_WORDS or joins:
            tail.insert(0, w)
        else:
            break
    while tail and tail[0].lower() in _DETERMINERS | _ADVERBS:
        tail = tail[1:]
    return " ".join(tail)


def reporters(sentence: str, outlet: str) -> tuple[str, ...]:
    """Who the sentence attributes its content to, else the outlet.

    "X said", "X told NOW" (an unnamed source's words to NOW: "source, to NOW"),
    "according to X". Pronouns ("he said") name nobody: the outlet stands.
    """
    found: list[str] = []
    for m in _ACCORDING.finditer(sentence):
        words = m.group(1).split()
        phrase: list[str] = []
        for w in words:  # forward, as long as the words can be part of a speaker
            bare = w.rstrip(".,;:\"”")
            if phrase and not (bare[:1].isupper() or bare.lower() in _REPORTER_WORDS
                               or bare.lower() in _CONNECTORS):
                break
            phrase.append(bare)
            if bare != w:
                break  # punctuation ends the phrase
        found.append(_speaker(phrase))
    for m in _SPEAKER_BEFORE.finditer(sentence):
        speaker = _speaker(m.group(1).split())
        if not speaker or speaker.lower() in _PRONOUNS:
            continue
        if sentence[m.end() - 4:m.end()] == "told" and not speaker[:1].isupper():
            listener = _TOLD.match(sentence, m.end())
            heard = listener.group().strip().rstrip(".,") if listener else ""
            if heard:
                speaker = f"{speaker}, to {heard}"
        found.append(speaker)
    out = tuple(dict.fromkeys(s for s in found if s))
    return out or ((outlet,) if outlet else ("the article",))


def actors_of(
    sentence: str, toponyms: list[Toponym], offset: int, common: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """Organisations, people and groups the sentence names (not its places).

    ``common``: words news writes in lower case (the recogniser's list): one of them
    capitalised at the start of a sentence ("Control of ...") names nobody.
    """
    place_spans = sorted((t.start - offset, t.end - offset) for t in toponyms
                         if t.text not in DEMONYMS)
    place_starts = [ps for ps, _ in place_spans]
    place_reach = list(itertools.accumulate((pe for _, pe in place_spans), max))
    place_names = {t.text for t in toponyms}
    found: list[str] = []
    for m in _ACTOR.finditer(sentence):
        found.append(m.group(1))
        if len(found) >= MAX_ACTOR_CANDIDATES:
            break
    for m in _NAME_RUN.finditer(sentence):
        if len(found) >= MAX_ACTOR_CANDIDATES:
            break  # a sentence of endless names: each new one is compared with all found
        s, e = m.span()
        text = m.group()
        if _overlaps(place_starts, place_reach, s, e) and not any(
                w in DEMONYMS for w in text.split()) and not _ORGANISATION_END.search(text):
            continue  # a place, not "the Licking County Board of Realtors"
        words = text.split()
        # "Yesterday February", "On Monday", "Sadly": openers and dates name nobody.
        opener = s == 0 or sentence[:s].rstrip().endswith((",", ":", ";", "“", '"'))
        while words and (words[0] in _NOT_ACTORS or _WEEKDAYS_MONTHS.match(words[0])
                         or (opener and words[0].lower() in common
                             and words[0].lower() not in _ACTOR_NOUNS
                             and words[1:2] not in (["of"], ["for"]))):
            words = words[1:]  # but "Department of Health" is kept whole
        while words and _WEEKDAYS_MONTHS.match(words[-1]):
            words = words[:-1]
        text = " ".join(words).removesuffix("'s").removesuffix("’s")
        if not text or len(text) < 3 or _NOT_A_NAME.search(text):
            continue  # "Don't", "Nov", "CO2", "H5N1", "Hungerford St", "Avian Flu"
        if len(words) == 1 and (text in DEMONYMS or text in _GROUP_ADJECTIVES
                                or (text.lower() in common
                                    and text.lower() not in _ACTOR_NOUNS)):
            continue  # "Shiite", "Syrian": they describe; "Control", "Rubber": words
        if any(text in f for f in found) or text in place_names:
            continue
        found = [f for f in found if f not in text]  # "Syrian Observatory" over "Observatory"
        found.append(text)
    return tuple(dict.fromkeys(found))[:6]


def _overlaps(starts: list[int], reach: list[int], s: int, e: int) -> bool:
    """Whether ``[s, e)`` overlaps a span of those sorted by start (``starts``), given
    ``reach[i]``, the furthest end of the first ``i + 1``: a bisect, not a scan."""
    i = bisect.bisect_left(starts, e)  # the first i spans start before e
    return i > 0 and reach[i - 1] > s


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
            and not _NOT_HEADLINE.search(sentence))


# Headlines drop auxiliaries and attributions: "New outbreaks of H5N2 have been confirmed
# in Taiwan." opens a story, "Tiny quake recorded near Gilroy." is its headline.
_NOT_HEADLINE = re.compile(r"\b(?:said|says|told|according|is|are|was|were|has|have|had|"
                           r"been)\b")


# "the town", "the city", "there": the place the story is about, named in an earlier
# sentence. "there" only where it is a place ("died there"), not in "there were".
_ANAPHORA = re.compile(
    r"\b[Tt]he (town|city|village|district|region|area|county|state|province|country)\b"
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
    "there": {"town", "city", "village", "suburb", "district", "county", "admin2"},
}
ANAPHORA_WEIGHT = 0.7  # a place read from "the town" is surer than none, less than a name
MAX_ACTOR_CANDIDATES = 64  # names weighed as a sentence's actors (six are kept)
FOCUS_WEIGHT = 0.6  # the story's place for a sentence that names none
LOOKBACK = 200  # places named before a sentence that "the town" may refer to


def antecedent(sentence: Sentence, before: list[Toponym]) -> tuple[str, Toponym] | None:
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


def within(spans: list, starts: list[int], start: int, end: int) -> list:
    """The spans (sorted by start; ``starts`` their starts) lying inside ``[start, end)``.

    A binary search, not a scan per sentence: a long text has thousands of both.
    """
    i = bisect.bisect_left(starts, start)
    j = bisect.bisect_left(starts, end, lo=i)
    return [x for x in spans[i:j] if x.end <= end]


def sentence_dates(article: Article, dates: list[DateMention]) -> list[SentenceDate]:
    """The date of every sentence: explicit; else carried from the last sentence with a
    day of its own, if it is the sentence before or up to :data:`CARRY_SENTENCES` back in
    the same paragraph; else the story's day (:func:`story_day`); else, when the article
    gives no recent day, the week up to publication (fallback): an undated report is of
    something recent, not of the publication day itself."""
    dates = sorted(dates, key=lambda m: m.start)
    fallback = story_day(article, dates)
    out: list[SentenceDate] = []
    last: tuple[int, SentenceDate] | None = None  # the last explicit day, and its sentence
    starts = [m.start for m in dates]
    for i, s in enumerate(article.sentences):
        inside = within(dates, starts, s.start, s.end)
        if inside:
            m = inside[0]
            current = SentenceDate(m.date, m.start, m.date.rule, 1.0)
            if m.date.precision == DAY:
                last = (i, current)
        elif last is not None and (i - last[0] == 1 or (
                i - last[0] <= CARRY_SENTENCES
                and article.sentences[last[0]].paragraph == s.paragraph)):
            current = SentenceDate(last[1].resolved, last[1].phrase_start, CARRIED_RULE, 0.7)
        elif out and out[-1].rule == CARRIED_RULE and _GOES_ON.match(s.text):
            current = out[-1]  # "That led to ...": the story of the sentence before goes on
        else:
            current = fallback
        out.append(current)
    return out


def story_day(article: Article, dates: list[DateMention]) -> SentenceDate:
    """The day of an undated sentence: the story's day, the first day-precise date of the
    article in the :data:`RECENT_DAYS` up to publication ("Firefighters were called
    Monday ..." dates the rest of the story); without one, the week up to publication."""
    published = article.published
    for m in dates:  # sorted by offset
        if m.date.precision == DAY and \
                published - timedelta(days=RECENT_DAYS) <= m.date.start <= published:
            return SentenceDate(m.date, m.start, STORY_RULE, 0.6)
    week = ResolvedDate("", published - timedelta(days=RECENT_DAYS), published, RANGE,
                        "week-before-publication")
    return SentenceDate(week, None, FALLBACK_RULE, 0.6)


@dataclass(frozen=True)
class Site:
    """A place an event is given, how it was chosen, and how sure that is."""

    place: Place
    how: str
    weight: float
    role: str
    implied: bool = False  # the sentence does not name it


_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|announced|reported|added|stated)\s+$")
# Date rules that read a month (and day) as the nearest year: a past event is in the past.
_NEAREST_YEAR_RULES = ("month-day-nearest-year", "month", "part-of-month")


# A month and day up to this many days after publication is a plan ("the March 21 state
# meet" in a paper of March 14); further on, last year's ("the August death" in April).
FUTURE_DAYS = 31
_COMPARED_FROM = re.compile(r"\bfrom\b[^.;:!?]{0,30}$")
_COMPARED_TO = re.compile(r"[^.;:!?]{0,50}?\bto\b[^.;:!?]{0,40}")
_RANGE_JOIN = re.compile(r"\s*(?:until|till|to|through|thru|-|–|—)\s*")


def _joined(sentence: Sentence, first: DateMention, last: DateMention) -> bool:
    """True when two date phrases make one span ("Saturday until Sunday")."""
    between = sentence.text[first.end - sentence.start:last.start - sentence.start]
    return _RANGE_JOIN.fullmatch(between) is not None


def pick_date(sentence: Sentence, trigger: Trigger, inside: list[DateMention],
              default: SentenceDate, published: date_) -> SentenceDate | None:
    """The date of the clause the trigger is in: of the sentence's date phrases, the one
    nearest the trigger ("arrested in March ... said Tuesday night": March for the arrest),
    a date that only says when someone spoke ("police said Thursday") counting less;
    without one, ``default`` (carried or publication date).

    A month read as the nearest year that falls after publication is the year before
    ("the August death" in an April paper); "since August 22" runs to publication. None
    when the clause's date lies after publication otherwise (a year or a weekday to come,
    a day within :data:`FUTURE_DAYS`): what is planned has not happened.
    """
    if not inside:
        return default
    at = sentence.start + trigger.start

    def cost(m: DateMention) -> int:
        gap = m.start - (sentence.start + trigger.end) if m.start >= at else at - m.end
        cut = max(0, m.start - sentence.start)
        said = _SPEECH_BEFORE.search(sentence.text, max(0, cut - 20), cut)
        return max(gap, 0) + (200 if said else 0)

    m = min(inside, key=cost)
    compared = ""
    k = inside.index(m)
    if k + 1 < len(inside) and _COMPARED_FROM.search(
            sentence.text, max(0, m.start - sentence.start - 40), m.start - sentence.start) \
            and _COMPARED_TO.fullmatch(sentence.text, m.end - sentence.start,
                                       inside[k + 1].start - sentence.start):
        # "fell from $122,492 in 2008 to $110,416 in 2009": the news is the later period.
        m, compared = inside[k + 1], ", the later of a comparison"
    resolved, rule = m.date, m.date.rule
    # "from midday Saturday until Sunday": two phrases joined into one span.
    k = inside.index(m)
    pair = None
    if k + 1 < len(inside):
        pair = (m, inside[k + 1])
    if k and (pair is None or not _joined(sentence, *pair)):
        pair = (inside[k - 1], m)
    if pair is not None and _joined(sentence, *pair) \
            and pair[0].date.start <= pair[1].date.end:
        first, last = pair
        phrase = sentence.text[first.start - sentence.start:last.end - sentence.start]
        resolved = ResolvedDate(phrase, first.date.start, last.date.end, RANGE,
                                f"range: {first.date.rule} to {last.date.rule}")
        rule, m = resolved.rule, first
    if resolved.start > published:
        base = rule.removeprefix("since(").removesuffix(")")
        if base not in _NEAREST_YEAR_RULES or resolved.start - published <= timedelta(
                days=FUTURE_DAYS):
            return None  # "advanced to the March 21 state meet": a plan, not an event
        try:
            start, end = resolved.start, resolved.end
            resolved = replace(resolved, start=start.replace(year=start.year - 1),
                               end=end.replace(year=end.year - 1))
            rule = f"{rule}, the year before (a past event)"
        except ValueError:  # 29 February
            pass
    if rule.startswith("since(") and resolved.end < published:
        resolved = replace(resolved, end=published, precision=RANGE)
        rule = f"{rule} to publication"
    return SentenceDate(resolved, m.start, rule + compared, 1.0)


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
    if story is None:
        story_how = ""
    elif lead is not None:
        story_how = f"no place in the sentence: the dateline's, {lead.text}"
    else:
        n = sum(t.place.id == story.place.id for t in toponyms)
        story_how = (f"no place in the sentence: the story's place, {story.place.name} "
                     f"(named {n} time{'s' if n > 1 else ''})")
    news = news_paragraphs(article)
    topic: str | None = None  # the category of the story's first specific event
    told: set[tuple[str, str]] = set()  # (place id, category) of the events proposed
    for sentence, when in zip(article.sentences, sentence_dates(article, dates), strict=True):
        if not news[sentence.paragraph] or _run_in(article, sentence) or \
                _INLINE_CREDIT.match(body, sentence.end):
            continue  # the headline, a caption
        trigger = trigger_of(sentence.text)
        if trigger is None or (trigger.word.lower() in SPEECH_ONLY and _UNNAMED.search(
                sentence.text, max(0, trigger.start - 20), trigger.start)):
            continue
        if trigger.word.lower() in SPEECH_ONLY and quoted_share(sentence.text) > QUOTED_SHARE:
            continue  # direct speech with no signal word of its own: an opinion, a comment
        # "More than 300 were killed" in a tsunami story: shown as a disaster, not a battle.
        kind = topic if trigger.category in _STORY_KINDS and topic in _PEACE_KINDS else None
        if topic is None and trigger.category not in _BROAD:
            topic = trigger.category  # the story's kind: its first specific event's
        inside = within(toponyms, starts, sentence.start, sentence.end)
        slogans = [(sentence.start + m.start(), sentence.start + m.end())
                   for m in _SLOGAN.finditer(sentence.text)]
        named = [t for t in inside if t.text.replace("’", "'") not in DEMONYMS
                 and t.place.kind not in discourse.WIDE_KINDS
                 and not any(a <= t.start and t.end <= b for a, b in slogans)
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
        if any(discourse.is_located(body, t) for t in named):
            # Where it happened is said ("in Hanoi"): bare places are actors.
            named = [t for t, bare in zip(named, discourse.bare_places(body, named),
                                          strict=True) if not bare]
        # "funds from the US government", "if they were deported to Kenya": places of an
        # actor or of what might happen; not the site while another place is.
        aside = {t.place.id for t in named
                 if discourse.is_actor_modifier(body, t) or discourse.is_hypothetical(body, t)}
        k = bisect.bisect_left(starts, sentence.start)
        before = toponyms[max(0, k - LOOKBACK):k]  # bounded: time stays linear
        sites = _sites(article, sentence, named, before, parser)
        if trigger.category == "statement" and sites and all(
                x.place.kind == "country" for x in sites):
            speaker = discourse.speaker_capital(sentence.text, parser.gazetteer)
            if speaker is not None:
                # "Sweden's minister said": made in Stockholm, not all over Sweden.
                aside |= {t.place.id for t in named if _possessive(article, t)
                          and t.place.country_code == speaker[1].country_code}
                sites.insert(0, Site(speaker[1], f"\"{speaker[0]}\" speaks: its capital, "
                                     f"{speaker[1].name}", ANAPHORA_WEIGHT, "statement"))
        if sites and story is not None and story.place.kind in discourse.LOCAL_KINDS and all(
                discourse.holds(x.place, story.place, parser.gazetteer) for x in sites):
            # "The first case has been reported in the UK" in a story at a farm near
            # Ipswich: the country or state holds the story's place, which is the site.
            # "north Georgia": a part of the area, which the story's place stands for.
            aside |= {t.place.id for t in named if discourse.is_part_of_area(body, t)}
            sites.append(Site(story.place, f"the sentence names only "
                              f"{sites[0].place.name}: the story's place, "
                              f"{story.place.name}, lies in it", FOCUS_WEIGHT, "site",
                              implied=True))
        if aside and any(x.place.id not in aside for x in sites):
            sites = [x for x in sites if x.place.id not in aside]
        if not sites:
            extra = _implied_site(sentence, trigger, before, parser, story, story_how)
            if extra is not None:
                sites.append(extra)
        elif all(x.role == "origin" for x in sites):
            # "joined by reinforcements from Lebanon" in the town named before: it is
            # where they went.
            referred = antecedent(sentence, before)
            if referred is not None:
                sites.append(Site(referred[1].place, f"\"{referred[0]}\" read as "
                                  f"{referred[1].text}, named earlier", ANAPHORA_WEIGHT,
                                  "destination"))
        if not sites:
            continue
        chosen = pick_date(sentence, trigger, within(dates, date_starts, sentence.start,
                                                     sentence.end),
                           when, article.published)
        if chosen is None:
            continue
        if (all(x.implied for x in sites) and chosen.weight < 1.0
                and any((sites[0].place.id, c) in told
                        for c in trigger.told_again | {trigger.category})):
            continue  # the same event told again: no place or day of its own, nothing new
        told.update((x.place.id, trigger.category) for x in sites
                    if not (x.implied and x.how.startswith("the sentence names only")))
        named_here = within(mentions, mention_starts, sentence.start, sentence.end)
        chosen_ids = {x.place.id for x in sites}
        aside_why = "; ".join(dict.fromkeys(
            f"{t.text} ({_aside_reason(article, t, slogans, trigger.category)})"
            for t in inside if t.place.id not in chosen_ids
            and t.text.replace("’", "'") not in DEMONYMS))
        yield _records(article, sentence, sites, named_here, trigger, chosen,
                       parser.model.common, aside_why, kind)


def _sites(article: Article, sentence: Sentence, named: list[Toponym],
           before: list[Toponym], parser: Geoparser) -> list[Site]:
    """The places the sentence itself names (or refers to with "the town") for its event."""
    referred = None
    if not [t for t in named if not _possessive(article, t) and not _based(article, t)]:
        referred = antecedent(sentence, before)
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


def _implied_site(sentence: Sentence, trigger: Trigger, before: list[Toponym],
                  parser: Geoparser, story: Toponym | None, story_how: str) -> Site | None:
    """The place of a sentence that names none: "the town", a state body's capital, or
    the story's place."""
    referred = antecedent(sentence, before)
    if referred is not None:
        return Site(referred[1].place, f"\"{referred[0]}\" read as {referred[1].text}, "
                    "named earlier", ANAPHORA_WEIGHT, "site", implied=True)
    speaker = discourse.speaker_capital(sentence.text, parser.gazetteer)
    if speaker is not None:
        return Site(speaker[1], f"\"{speaker[0]}\" speaks: its capital, {speaker[1].name}",
                    ANAPHORA_WEIGHT, "statement", implied=True)
    if story is not None:
        return Site(story.place, story_how, FOCUS_WEIGHT, "site", implied=True)
    return None


def _aside_reason(article: Article, t: Toponym, slogans: list[tuple[int, int]],
                  category: str) -> str:
    """Why a place the sentence names is not its event's site (for the ``why`` note)."""
    body = article.body
    checks = (
        (lambda: t.place.kind in discourse.WIDE_KINDS, "a continent or region"),
        (lambda: any(a <= t.start and t.end <= b for a, b in slogans), "in a quotation"),
        (lambda: discourse.is_residence(body, t), "where someone lives or comes from"),
        (lambda: discourse.is_part_of_name(body, t), "part of a longer name"),
        (lambda: discourse.is_reference(body, t), "a reference point"),
        (lambda: category == "sport" and discourse.is_team(body, t), "a team"),
        (lambda: discourse.is_actor_modifier(body, t), "qualifies an actor"),
        (lambda: discourse.is_hypothetical(body, t), "of what would happen"),
        (lambda: _possessive(article, t) or _based(article, t), "describes an actor"),
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
    category = story_kind or trigger.category
    kind = f"{category}, the story's kind" if story_kind else category
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
