"""Who reports and who acts: the attribution and the actors of a sentence.

:func:`reporters` reads who the sentence attributes its content to ("X said", "X told
NOW", "according to X"; "he said" names nobody, so the outlet stands); :func:`actors_of`
the organisations, people and groups it names ("Hezbollah", "Syrian army", "rebels"),
not its places. The patterns are bounded so that any sentence is read in linear time.
Used by :mod:`geo.geoparse.propose` for each proposed event's ``reported_by`` and
``actors``.
"""

from __future__ import annotations

import bisect
import itertools
import re

from geo.geoparse.lexicon import DEMONYMS
from geo.geoparse.toponyms import Toponym

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
# Without it _SPEAKER_BEFORE cannot match: a sentence with no speech word is not searched.
_SPEECH_WORD = re.compile(r"\s" + _SPEECH + r"\b")
_ACCORDING = re.compile(r"according to ([\w'’.-]+(?:[ \u00a0]+[\w'’.-]+){0,7})")
_ACTOR_NOUNS = ("army", "rebels", "troops", "forces", "fighters", "insurgents", "regime",
                "police", "government", "militants", "opposition", "residents",
                "civilians", "militia", "soldiers", "officials", "activists")
_ACTOR = re.compile(
    r"\b((?:(?:[A-Z][\w'’-]{0,50}+)\s+){0,2}(?:" + "|".join(_ACTOR_NOUNS) + r"))\b"
)
_NAME_RUN = re.compile(
    r"\b[A-Z][\w'’-]+(?:\s+(?:(?:for|of)\s+(?:the\s+)?|(?:al|el|bin|ibn|van|von|de|da)\s+)?"
    r"(?:al-|el-)?[A-Z][\w'’-]+){0,5}"
)
# Adjectives of faith and sect: "Shiite", "Sunni" alone describe, they name no actor.
_GROUP_ADJECTIVES = frozenset(
    "Shiite Shia Sunni Alawite Druze Christian Muslim Islamist Jihadist Kurdish Maronite "
    "Orthodox Catholic Jewish Arab".split()
)
_NOT_ACTORS = {"The", "A", "An", "It", "Its", "This", "That", "These", "Those", "He", "She",
               "They", "We", "I", "Yes", "But", "And", "Meanwhile", "Another", "Earlier",
               "Following", "After", "Official", "President", "Deputy", "Rebels", "By",
               "In", "On", "At", "For", "From", "With", "Of", "To", "As", "When", "While",
               "If", "Since", "During", "Then", "There", "Their", "His", "Her", "Our",
               "Some", "Many", "Most", "All", "Both", "Each", "Every", "Such"}
# Not the name of an actor: a contraction, a number or a code with digits, a month's
# abbreviation, a street, a disease.
_NOT_A_NAME = re.compile(
    r"[’']t\b|\d|^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Tens|Dozens|Hundreds|"
    r"Thousands|Millions)\.?$|\b(?:Street|St|Road|Rd|Avenue|Ave|Drive|Boulevard|Highway|"
    r"Lane|Route|Interstate|Exit|Place|Circle|Parkway|Terrace)$|"
    r"\b(?:Flu|Influenza|Virus|Salmonella|Bluetongue|Agent Orange)$|"
    r"-(?:positive|negative|based|born|old|owned|led|backed)$|"
    r"^(?:LLC|L\.?L\.?C|Inc|Ltd|Co|Corp|Ent|PLC|LLP|GmbH|AG|SA)\.?$|"
    r"^(?:Photo|Photos|Picture|Image|Credit|Courtesy|File)$",
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
# Where a name is not an actor: a byline ("BY KENT MALLETT Advocate Reporter"), a photo
# credit ("Photo: Jane Doe/AP", "(Reuters/John Doe)"), a title's second half ("Thomas the
# Tank Engine").
_BYLINE = re.compile(r"\b(?:Reporter|Writer|Correspondent|Editor|Staff|Contributor)\b")
_TITLE_AFTER = re.compile(r" the [A-Z]")
_CREDIT_BEFORE = re.compile(r"(?:\b(?:photo|picture|image|credit|courtesy)s?\b[^.()]{0,12}?"
                            r"(?:by|:)\s*|/\s*|\bBY\s+|\bBy\s+)$", re.IGNORECASE)
_TITLE_BEFORE = re.compile(r"\b[A-Z][\w'’-]+ the $")
# "Food and Drug Administration": names an organisation across "and".
_JOINED_END = re.compile(r"\b(?:Administration|Department|Services|Agency|Institute|"
                         r"Commission|Bureau|Center|Centre|Foundation|Organi[sz]ation|"
                         r"Association|Authority|Ministry|Council|Office)$")
_JOINED_BEFORE = re.compile(r"\b((?:[A-Z][\w'’-]{0,50}+ ){0,3}[A-Z][\w'’-]{0,50}+) and $")
# Names of places the gazetteer may lack: a natural feature ("Big Creek"), a place a
# common noun introduces ("the German island Rugen"), a facility where something happens
# or someone is taken ("taken to Douglas County Hospital", "at Hartsfield-Jackson
# International Airport"); and what is no actor: a programme, an act, a plan.
_FEATURE_END = re.compile(r"\b(?:Creek|River|Lake|Island|Islands|Bay|Mountains?|Valley|"
                          r"Forest|Beach|Canyon|Peninsula|Sea|Ocean|Gulf|Strait|Program|"
                          r"Programme|Act|Plan|Scheme|Initiative)$")
_FACILITY_END = re.compile(r"\b(?:Hospital|Airport|Farm|Center|Centre|Station|Stadium|Arena|"
                           r"School|Church|Mall|Bridge|Park|Racecourse|Clinic|Prison|Jail|"
                           r"Plant|Factory|Hotel|Market)$")
_LOCATIVE_BEFORE = re.compile(r"\b(?:to|at|in|on|into|near|from|over|outside|inside|"
                              r"island|town|city|village|province|region|district|river|"
                              r"lake|port|capital)\s+(?:the\s+)?(?:St\.\s+|Mt\.\s+)?$",
                              re.IGNORECASE)
_PLACE_NOUN_BEFORE = re.compile(r"\b(?:island|town|city|village|province|region|district|"
                                r"river|lake|port|capital)\s+$")
# A word that opens a sentence and names nobody: "Announcing the result", "Globally,".
_OPENER_WORD = re.compile(r"^[A-Z][a-z]+(?:ing|ly)$")
MAX_ACTOR_CANDIDATES = 64  # names weighed as a sentence's actors (six are kept)

#  Words an attribution's speaker may hold besides capitalised names ("Syria state
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
    for m in _SPEAKER_BEFORE.finditer(sentence) if _SPEECH_WORD.search(sentence) else ():
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
        words = m.group(1).split()
        while len(words) > 1 and words[0] in _NOT_ACTORS:
            words = words[1:]  # "The rebels": the group is "rebels"
        found.append(" ".join(words))
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
        before = sentence[max(0, s - 40):s]
        if _CREDIT_BEFORE.search(before) or _TITLE_BEFORE.search(before) or \
                sentence[e:e + 1] == "/" or _TITLE_AFTER.match(sentence, e) or \
                (text.split()[0] in {"BY", "By"} and (s == 0 or _BYLINE.search(text))):
            continue  # a byline, a photo credit, "Thomas the Tank Engine"
        joined = _JOINED_BEFORE.search(before) if _JOINED_END.search(text) else None
        if joined:  # "Food and Drug Administration", not "Drug Administration"
            text = f"{joined.group(1)} and {text}"
            found = [f for f in found if f not in text]
        words = text.split()
        # "Yesterday February", "On Monday", "Sadly": openers and dates name nobody.
        opener = (s == 0 or sentence[:s].rstrip().endswith((",", ":", ";", "“", '"'))) \
            and not joined
        first = True
        while words and (words[0] in _NOT_ACTORS or _WEEKDAYS_MONTHS.match(words[0])
                         or (opener and first and words[0].lower() in common
                             and words[0].lower() not in _ACTOR_NOUNS
                             and words[1:2] not in (["of"], ["for"]))):
            first = False  # only the first word opens the sentence
            words = words[1:]  # but "Department of Health" is kept whole
        while words and (_WEEKDAYS_MONTHS.match(words[-1]) or words[-1] in _NOT_ACTORS
                         or words[-1] in DEMONYMS or words[-1] in _GROUP_ADJECTIVES
                         or words[-1] in {"and", "of", "for", "the", "al", "el"}):
            words = words[:-1]  # "Benson These", "Westmoreland County Italian"
        text = " ".join(words).removesuffix("'s").removesuffix("’s")
        if not text or len(text) < 3 or _NOT_A_NAME.search(text) or (
                len(words) == 1 and opener and _OPENER_WORD.match(text)) or \
                _FEATURE_END.search(text) or _PLACE_NOUN_BEFORE.search(before) or (
                _FACILITY_END.search(text) and _LOCATIVE_BEFORE.search(before)):
            continue  # "Don't", "Nov", "CO2", "H5N1", "Hungerford St", "LLC", "Globally"
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
