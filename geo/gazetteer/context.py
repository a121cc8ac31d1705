"""Reading a text for the place evidence it gives, for :mod:`geo.gazetteer.document`.

``resolve(name, context=text)`` has no recogniser: it finds the text's other place
names itself, as capitalised phrases the gazetteer knows (the longest known part of
each run of capitalised words), weighs each by how surely it names a place (after
"in", "near", "from"...; a country or state), and reads "Name, Area" pairs
("Lebanon, Ohio"). The document resolver then chooses a place for every name at once
and answers for the one asked.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from geo.gazetteer.document import AREA_KINDS, Document, NameInText, admin1_of, spelling_bonus
from geo.gazetteer.normalize import fold
from geo.gazetteer.types import Place, Resolution

if TYPE_CHECKING:
    from geo.gazetteer import Gazetteer

# A phrase with a namesake of these kinds counts as surely a place name; a first-level
# area of some country does not make "Mary" (Turkmenistan) or "Central" one.
_SURE_AREA_KINDS = frozenset({"country", "state", "continent"})
_LOCAL_HEADS = frozenset({"city", "town", "village", "township", "borough"})
_BODIES = frozenset(
    "council hall manager schools school commission police board clerk attorney court".split()
)
MAX_WORDS = 4  # longest place name looked up in a run of capitalised words
WEAK_WEIGHT = 0.25  # vote of a phrase that nothing marks as a place name
PART_WEIGHT = 0.1  # ... and that is only seen inside a longer name or after a title
_TITLE = (
    r"\b(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Lt|Sgt|Capt|Col|Gen|Det|Officer|President|Judge|Coach"
    r"|Mayor|Chief|Rev|Father|Sister|Brother)\.?\s+"
)
_LOCATIVE = (
    r"\b(?:in|at|near|from|to|outside|across|around|toward|towards|into|throughout|within"
    r"|between|of|north|south|east|west)\s+(?:the\s+)?"
)
_LOCATIVE_RE = re.compile(_LOCATIVE)
_TITLE_RE = re.compile(_TITLE)
# Prepositions that place what follows: a name after them is a place, whoever else it
# names ("of" is not one: "an ally of Assad").
_PLACING_RE = re.compile(
    r"\b(?:in|at|near|from|outside|across|around|toward|towards|into|throughout|within)"
    r"\s+(?:the\s+)?"
)
# A relative clause for a person after the name: "Assad, who belongs to...".
_WHO_RE = re.compile(r",[ \t]*(?:who|whom)\b")
_POSSESSIVE = re.compile(r"['’]s?$")
# Linear on any text: a match may only begin where a run of word characters, apostrophes,
# dots and hyphens begins, skipping that run's leading non-capitals ("al-" of "al-Qusayr")
# without backtracking; within one run every capital would fail or match alike (the name
# must reach the run's end), so starting at each capital of "BeirutBeirut..." cost the
# square of the run's length. Possessive repeats (``*+``) never give characters back.
_RUN_START = r"(?<![\w'’.-])(?:[^\WA-Z]|['’.-])*+"
_QUALIFIED = re.compile(
    _RUN_START + r"([A-Z][\w'’.-]*+(?:\s++[A-Z][\w'’.-]*+){0,3}),\s+"
    r"([A-Z][\w'’.]*+(?:\s++[A-Z][\w'’.]*+){0,2})"
)
# Single capitalised words that are calendar words, compass points, pronouns or
# English function words: not place names however the text writes them (a fact of
# English, not a list of places; "May" the month is not Mai, nor "North" a Ghanaian area).
NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur
    thurs fri sat sun january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec
    north south east west northeast northwest southeast southwest northern southern
    eastern western central midwest i i'm i’m we we're we’re you you're you’re they
    they're they’re he she it it's it’s his her its our their my your me us them this
    that these those there here what when where who why how all any some each every
    no not yes if but and or the a an after before during since until while""".split()
)
_PHRASE = re.compile(
    r"(?:[A-Z][\w'’.-]*|[A-Z]\.)(?:\s+(?:(?:of|de|la|del|du|al|el)\s+)?(?:[A-Z][\w'’.-]*))*"
)


def phrases(text: str) -> Counter[str]:
    """Capitalised word sequences (and their parts of up to MAX_WORDS) that may name places.

    A single word that the text also writes in lower case ("Control", "March") is a
    common word capitalised at a sentence start, not a name: it is left out.
    """
    lower = set(re.findall(r"\b[a-z][a-z'’-]+\b", text))
    found: Counter[str] = Counter()
    for match in _PHRASE.finditer(text):
        words = match.group(0).rstrip(".'’-").split()
        for n in range(1, min(MAX_WORDS, len(words)) + 1):
            for i in range(len(words) - n + 1):
                part = words[i : i + n]
                if not (part[0][0].isupper() and part[-1][0].isupper()):
                    continue
                phrase = _POSSESSIVE.sub("", " ".join(part)).rstrip(".'’-")
                if n == 1 and (len(phrase) < 3 or phrase.lower() in lower):
                    continue
                if phrase.lower() in NOT_NAMES:
                    continue
                found[phrase] += 1
    return found


def qualified_mentions(text: str) -> list[tuple[str, str]]:
    """Pairs ("Lebanon", "Ohio") written as "Lebanon, Ohio": a place and its area."""
    pairs = []
    for m in _QUALIFIED.finditer(text):
        words = m.group(1).split()
        for i in range(len(words)):
            pairs.append((" ".join(words[i:]), m.group(2).rstrip(",")))
    return pairs




def qualified_areas(text: str, gazetteer: Gazetteer) -> dict[str, list[tuple[str, str, str]]]:
    """Folded name -> areas written after it: [(country code, admin1 code or "", area)]."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for place_name, area_name in qualified_mentions(text):
        for area in gazetteer.candidates(area_name):
            if area.kind not in AREA_KINDS and fold(area.name) == fold(place_name):
                # "Washington, D.C.": the second name is another name of a place called
                # like the first; that place (by its area code) is meant.
                entry = (area.country_code, admin1_of(area, gazetteer), area_name)
            elif area.kind not in AREA_KINDS or not spelling_bonus(area_name, area, gazetteer):
                continue
            else:
                code = admin1_of(area, gazetteer) if area.kind in ("state", "admin1") else ""
                entry = (area.country_code, code, area.name)
            if entry not in out.setdefault(fold(place_name), []):
                out[fold(place_name)].append(entry)
    return out


def place_names(text: str, gazetteer: Gazetteer) -> list[NameInText]:
    """The text's capitalised phrases that the gazetteer knows, with counts and weights.

    In each run of capitalised words the longest known part wins ("New York City",
    not "York"); the rest of the run is read the same way.
    """
    counts: Counter[str] = Counter()
    for phrase, n in phrases(text).items():
        counts[phrase] += n
    found: Counter[str] = Counter()
    # Phrases seen as a whole run of capitalised words, not first in a sentence ("Man
    # accused of..." is a word, not Man, West Virginia).
    whole: set[str] = set()
    for match in _PHRASE.finditer(text):
        words = [_POSSESSIVE.sub("", w).rstrip(".,'’-") or w for w in match.group(0).split()]
        i = 0
        while i < len(words):
            for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + n])
                if _council_of(words, i, n):
                    continue
                if phrase in counts and _places_for(phrase, gazetteer)[0]:
                    found[phrase] += 1
                    if n == len(words) and not (i == 0 and _sentence_start(text, match.start())):
                        whole.add(phrase)
                    i += n
                    break
            else:
                i += 1
    after_locative = {m.end() for m in _LOCATIVE_RE.finditer(text)}
    after_title = {m.end() for m in _TITLE_RE.finditer(text)}
    placed = {m.end() for m in _PLACING_RE.finditer(text)}
    out = []
    for phrase, count in found.items():
        places, demonym = _places_for(phrase, gazetteer)
        areal = any(p.kind in _SURE_AREA_KINDS for p in places) and not demonym
        starts = _starts(text, phrase)
        if not (areal or demonym) and _person(text, phrase, starts, after_title, placed):
            continue  # a person's name is no evidence of where the story is
        if demonym or areal or not after_locative.isdisjoint(starts):
            weight = 1.0
        elif phrase not in whole or not after_title.isdisjoint(starts):
            weight = PART_WEIGHT  # "Keith" in "Darryl Keith Warden", "Mr. Jordan"
        else:
            weight = WEAK_WEIGHT
        out.append(NameInText(phrase, tuple(places), count, weight, demonym))
    return out


def _person(
    text: str, phrase: str, starts: set[int], after_title: set[int], placed: set[int]
) -> bool:
    """Whether the text uses ``phrase`` as a person's name, and never as a place's.

    A person: after a title ("President Assad", "Mr. Jordan") or followed by a relative
    clause for people ("an ally of Assad, who belongs to..."). Never a place: no
    occurrence comes after a word that places it ("in", "near", "from"...). One sense
    per text: a name the text uses for a person is not a place elsewhere in it.
    """
    if not placed.isdisjoint(starts):
        return False
    if not after_title.isdisjoint(starts):
        return True
    return any(_WHO_RE.match(text, i + len(phrase)) for i in starts)


def _council_of(words: list[str], i: int, n: int) -> bool:
    """Whether words[i:i+n] ends in "City" (or "Town"...) that begins a body of the place.

    "Dublin City Council" is the council of Dublin, not a place called Dublin City (the
    shorter name is read instead).
    """
    return (
        n > 1
        and words[i + n - 1].lower() in _LOCAL_HEADS
        and i + n < len(words)
        and words[i + n].lower() in _BODIES
    )


def _starts(text: str, phrase: str) -> set[int]:
    """Offsets where ``phrase`` occurs in ``text`` as whole words."""
    out = set()
    i = text.find(phrase)
    while i >= 0:
        end = i + len(phrase)
        if (i == 0 or not text[i - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            out.add(i)
        i = text.find(phrase, i + 1)
    return out


def _sentence_start(text: str, offset: int) -> bool:
    """Whether ``offset`` starts a sentence (or the text, or a line)."""
    i = offset  # scanned back, not text[:offset].rstrip(): that copies the text before
    while i > 0 and text[i - 1] in " \t\"'“‘(":
        i -= 1
    return i == 0 or text[i - 1] in ".!?\n:"


@lru_cache(maxsize=65536)
def _places_cached(name: str, gazetteer: Gazetteer) -> tuple[tuple[Place, ...], bool]:
    # As written: "Jordan City" of "Jordan City Council" is not another name for Jordan.
    places, demonym = gazetteer.places_for(name, variants=False)
    return tuple(places), demonym


def _places_for(name: str, gazetteer: Gazetteer) -> tuple[tuple[Place, ...], bool]:
    return _places_cached(name, gazetteer)


@lru_cache(maxsize=32)
def document(text: str, gazetteer: Gazetteer) -> Document:
    """The text's place names resolved together (cached: one article, many questions)."""
    return Document(
        place_names(text, gazetteer),
        text=text,
        gazetteer=gazetteer,
        qualified=qualified_areas(text, gazetteer),
    )


@lru_cache(maxsize=8)
def _no_context(gazetteer: Gazetteer | None) -> Document:
    """The empty document a name asked alone is ranked in (it holds nothing to change)."""
    return Document([], gazetteer=gazetteer)


def rank(
    name: str,
    places: list[Place],
    context: str | None = None,
    near: tuple[Place, ...] = (),
    gazetteer: Gazetteer | None = None,
    demonym: bool = False,
) -> Resolution:
    """Score every candidate of ``name`` in its document; the best, the alternatives, why.

    ``near``: places known to belong to the same story (they vote and count as near).
    """
    asked = NameInText(name, tuple(places), demonym=demonym)
    if context and gazetteer is not None and not near:
        doc = document(context, gazetteer)
    elif context and gazetteer is not None:
        doc = Document(
            place_names(context, gazetteer), text=context, gazetteer=gazetteer, fixed=near,
            qualified=qualified_areas(context, gazetteer),
        )  # fmt: skip
    elif near:
        doc = Document([], gazetteer=gazetteer, fixed=near)
    else:
        doc = _no_context(gazetteer)
    res = doc.resolution(asked)
    assert res is not None  # places is not empty
    return res
