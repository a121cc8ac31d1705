"""Sentences that only elaborate an event already told: folded into it, not proposed again.

A careful reader maps each event once, while news goes on about it for several sentences
(what else burned, how strong the quake was, who scored, what an official said of it).
:func:`elaborates` tells such a sentence from one with an event of its own; the proposer
(:mod:`geo.geoparse.propose`) names the folded sentences in the note of the event's row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from geo.article import Sentence
from geo.events import Event
from geo.geoparse.eventdates import SentenceDate
from geo.geoparse.triggers import BROAD, OTHER, Trigger, real_triggers


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


def with_folded(records: list[Event], folded: list[str]) -> list[Event]:
    """``records`` whose notes name the sentences folded into their event."""
    if not folded:
        return records
    more = "; details told after it, not proposed again: " + ", ".join(folded)
    return [replace(r, note=r.note + more) for r in records]
