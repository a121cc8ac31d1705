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

import re
from collections.abc import Sequence

from geo.geoparse.features import Candidate, Lookup
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
