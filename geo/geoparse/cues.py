"""Locative cues: names the model doubts that the sentence itself says are places.

The model is trained on LGL's local news, where a small town after "in" is common and a
foreign island, district or province after "in" is rare; it scores "near Lampedusa",
"the German island of Lampedusa" or "Idlib Province" below its threshold. English marks
such names plainly: a locative preposition ("near", "outside", "off"), a place-type
noun with "of" ("the island of", "the town of"), or a capitalised place-type head
("Idlib Province"). A candidate so marked is taken when the gazetteer knows it as a
populated place of :data:`MIN_POPULATION` people or more, an administrative area, or a
facility (an airport), unless the model has strong evidence against it (a person, an
organisation: :data:`FLOOR`) or the next word makes it an organisation ("near Kent
State University" is cut before "University" by the candidate generator; "near Apple
Inc." by NON_PLACE_HEADS).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from geo.gazetteer.normalize import fold
from geo.geoparse.features import Candidate, Lookup, indexed_airport
from geo.geoparse.lexicon import CALENDAR_WORDS, NON_PLACE_HEADS

# A populated place this large is notable enough to be meant ("Lampedusa", 4,065 people):
# smaller namesakes of common words and surnames stay to the model.
MIN_POPULATION = 1_000
# The model's probability below which no cue lifts a candidate: its evidence then says
# person or organisation ("Gen. Idlib", "Jackson said").
FLOOR = 0.02
# The probability a cued candidate gets: above the model's threshold, below confident
# acceptance (so one sense per discourse is not driven by the cue alone).
LIFTED = 0.6

_AREA_KINDS = frozenset({"state", "province", "governorate", "region", "admin1", "district",
                         "county", "admin2", "country"})
_FACILITY_KINDS = frozenset({"airport", "landmark", "island"})
# Capitalised heads that name an area by the name before them, and the kinds they take.
_HEAD_KINDS = {
    "province": {"province", "governorate", "admin1", "admin2"},
    "governorate": {"governorate", "province", "admin1"},
    "region": {"region", "province", "governorate", "admin1", "admin2"},
    "district": {"district", "admin2"},
    "prefecture": {"admin1", "admin2", "province"},
}
_SPACE = r"[ \u00a0]+"
# The words right before a name that say it is a place. Not "in", "from" and "at": they
# are the model's own evidence already, weighed against the rest (a name it still rejects
# after them is mostly rightly rejected: LGL's acc@161 fell with them), and "at" names
# schools, venues and firms as often ("at Perry Meridian").
_CUE = re.compile(
    r"(?:\b(?:near|outside|off)"
    r"|\b(?:town|city|village|island|province|region|district|governorate|port|airport)"
    r"[ \u00a0]+of"
    r"|\bthe(?:[ \u00a0]+[A-Z][a-z]+)?[ \u00a0]+(?:island|town|city|village|port|resort))"
    r"[ \u00a0]+$"
)
_GOES_ON = re.compile(_SPACE + r"(?:[a-z]{1,3}-|(?:de|del|la|le|du|da|al|el|upon)\b)")
_STREET_AFTER = re.compile(
    r"(?:[ \u00a0]+(?:and|&|[A-Z][\w.]*)){0,3}[ \u00a0]+(?:avenues?|streets?|roads?|"
    r"boulevards?|drives?|lanes?|st|ave|rd|blvd)\b", re.IGNORECASE)
_CUE_REACH = 40  # characters before a candidate searched for a cue


def _notable(places: Sequence[object]) -> bool:
    for p in places:
        kind = getattr(p, "kind", "")
        if kind in _AREA_KINDS or kind in _FACILITY_KINDS:
            return True
        if (getattr(p, "population", None) or 0) >= MIN_POPULATION:
            return True
    return False


def head_areas(c: Candidate, lookup: Lookup) -> list[object]:
    """The areas "Idlib Province" names: the namesakes of "Idlib" of the head's kind."""
    words = c.text.split()
    if len(words) < 2 or c.places:
        return []
    kinds = _HEAD_KINDS.get(words[-1].lower())
    if kinds is None or not words[-1][:1].isupper():
        return []
    return [p for p in lookup(" ".join(words[:-1])) if getattr(p, "kind", "") in kinds]


def cued(text: str, c: Candidate) -> bool:
    """Whether a locative cue right before ``c`` says it is a place."""
    if c.demonym is not None or len(c.text.split()) > 3 or not c.places:
        return False
    # Part of a longer capitalised name ("at Yokohama Japanese Restaurant"), or a month
    # ("in August"): the cue is about the whole, or about time.
    if not c.features.get("run:whole") or c.text in CALENDAR_WORDS:
        return False
    if text[c.end:c.end + 1] == "-":  # "the city of Port-au-Prince": not "Port"
        return False
    # The name goes on in lower case ("the town of Mais al-Jabal"), or is a street's
    # ("near Rivers and Stokes avenues").
    if _GOES_ON.match(text, c.end) or _STREET_AFTER.match(text, c.end):
        return False
    if _CUE.search(text, max(0, c.start - _CUE_REACH), c.start) is None:
        return False
    after = re.match(_SPACE + r"([A-Za-z]+)", text[c.end:c.end + 30])
    if after is not None and after.group(1).lower() in NON_PLACE_HEADS:
        return False
    return _notable(c.places)


def lift(text: str, cands: list[Candidate], scores: list[float],
         lookup: Lookup) -> tuple[list[float], dict[int, list[object]]]:
    """Scores with cued candidates lifted to :data:`LIFTED`, and places for area heads.

    Returns the new scores and, by candidate index, the places an area head gives a
    candidate the gazetteer does not know whole ("Idlib Province": Idlib's province).
    """
    out = list(scores)
    places: dict[int, list[object]] = {}
    for i, (c, s) in enumerate(zip(cands, scores, strict=True)):
        if s < FLOOR:
            continue
        areas = head_areas(c, lookup)
        if areas:
            places[i] = areas
            out[i] = max(s, LIFTED)
        elif s < LIFTED and cued(text, c):
            out[i] = LIFTED
    return out, places


# Airports (issue 13, class 3). The model, trained on LGL, where annotators mark the city
# in "Vancouver International Airport" and rarely an airport's own name, rejects names
# such as "Gatwick" or "Kennedy Airport" that the gazetteer now knows as airports.
_AIRPORT_END = frozenset({"airport", "international", "airfield", "aerodrome"})
# Up to four capitalised words, then the word that ends an airport's name.
_AIRPORT_AFTER = re.compile(
    r"((?:[ \u00a0]+[A-Z][\w'’.-]*){0,4}?)[ \u00a0]+(?:[Aa]irport|International|Airfield)\b")


# The model's evidence of a person, which a bare airport name must not have ("Gen. X").
# Its score is no guide otherwise: LGL's annotators did not mark landmarks, so the model
# weighs a name only landmarks and airports have far below its threshold.
_PERSON_EVIDENCE = frozenset({"prev:title", "doc:titled", "doc:surname", "next:speech"})


def _airports(places: Sequence[object]) -> list[object]:
    return [p for p in places if getattr(p, "kind", "") == "airport"]


def airport_only(c: Candidate) -> bool:
    """Whether only airports of the index have the candidate's name: :func:`airports`
    decides it, and the model is not trained on it (see ``features.indexed_airport``)."""
    return bool(c.places) and all(indexed_airport(p) for p in c.places)


def _in_name(c: Candidate, airports_: list[object]) -> bool:
    """Whether the name is written as in an airport's official name ("Gatwick" in "London
    Gatwick Airport"), not only like it by the look-up key ("Lisha" for "Lishe")."""
    words = f" {fold(c.text)} "
    return any(words in f" {fold(getattr(p, 'name', ''))} " for p in airports_)


# How far (in degrees) an airport may lie from the most prominent place of the name
# before it ("Cairo airport": Cairo, Egypt's, not Cairo, Illinois').
_NEAR_DEG = 0.6


def _near_namesake(airports_: list[object], places: Sequence[object]) -> list[object]:
    """The airports near the name's most prominent namesake, or all when none is."""
    top = max(places, key=lambda p: getattr(p, "population", None) or 0, default=None)
    if top is None or not getattr(top, "population", None):
        return airports_
    near = [a for a in airports_ if abs(a.lat - top.lat) <= _NEAR_DEG
            and abs(a.lon - top.lon) <= _NEAR_DEG / max(0.2, math.cos(math.radians(top.lat)))]
    return near or airports_


def airport_phrase(text: str, start: int, end: int, lookup: Lookup
                   ) -> tuple[str, list[object]] | None:
    """The airport a name at ``start:end`` begins the name of ("Beirut airport", "Vancouver
    International Airport"): the longest such phrase the gazetteer knows, and its airports."""
    found = None
    pos = end
    for _ in range(3):
        m = _AIRPORT_AFTER.match(text, pos)
        if m is None:
            break
        phrase = " ".join(text[start:m.end()].split())
        airports = _airports(lookup(phrase))
        if airports:
            found = (phrase, airports)
        pos = m.end()
    return found


def airports(text: str, cands: list[Candidate], scores: list[float], keep: list[int],
             lookup: Lookup) -> tuple[list[int], list[float], dict[int, tuple[str, list]]]:
    """Airports read where the model did not: returns the kept candidates, their scores
    and, by candidate index, the airport a kept name stands for (name, places).

    - A kept name followed by the rest of an airport's name ("Beirut airport", "Vancouver
      International Airport") keeps its span (corpora mark the city there) and stands
      for the airport.
    - A candidate that is an airport's name ending with an airport word ("Kennedy
      Airport", "Gatwick Airport") is kept when nothing kept overlaps it.
    - A bare name only airports have ("Gatwick": the gazetteer gives an airport a bare
      name only where no town has it) is kept unless the model saw a person in it.
    """
    out = list(scores)
    taken = [(cands[i].start, cands[i].end) for i in keep]

    def free(c: Candidate) -> bool:
        return not any(s < c.end and c.start < e for s, e in taken)

    extra: list[int] = []
    order = sorted(range(len(cands)), key=lambda i: cands[i].start - cands[i].end)
    for i in order:
        c = cands[i]
        if i in keep or c.demonym is not None or not free(c):
            continue
        airports_ = _airports(c.places)
        if not airports_ or len(airports_) < len(c.places):
            continue
        words = c.text.lower().split()
        if set(words) <= _AIRPORT_END:
            continue  # "International Airport" alone names no airport
        last = words[-1]
        if last in _AIRPORT_END or (c.features.get("run:whole") and _in_name(c, airports_)
                                    and not _PERSON_EVIDENCE & c.features.keys()):
            extra.append(i)
            taken.append((c.start, c.end))
            out[i] = max(out[i], LIFTED)
    kept = sorted(keep + extra, key=lambda i: cands[i].start)
    # Longer candidates that only airports have, by start ("Chicago O'Hare" over "Chicago").
    longer: dict[int, Candidate] = {}
    for c in cands:
        if c.places and len(_airports(c.places)) == len(c.places) and (
                c.start not in longer or c.end > longer[c.start].end):
            longer[c.start] = c
    named: dict[int, tuple[str, list]] = {}
    for i in kept:
        c = cands[i]
        if c.demonym is not None or i in extra:
            continue
        found = airport_phrase(text, c.start, c.end, lookup)
        whole = longer.get(c.start)
        if found is None and whole is not None and whole.end > c.end:
            found = (whole.text, list(whole.places))
        if found is not None and fold(found[0]) != fold(c.text):
            named[i] = (found[0], _near_namesake(found[1], c.places))
    return kept, out, named
