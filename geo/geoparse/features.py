"""Candidate spans and the evidence about each one, as sparse named features.

A candidate is any stretch of a capitalised run (see ``tokens.capitalised_runs``) that the
gazetteer knows, that is a demonym or a known abbreviation, or that ends with a place-type
word ("Laurel County"). Each gets a bag of named features: gazetteer evidence (is it a
country, a state, how populous is its biggest namesake), the words around it (titles such as
"Mr" or "leader" before person names, trigger words such as "in" or "near", organisation
heads such as "University" after), where it sits in the sentence, and how the same words are
used elsewhere in the document (one sense per discourse). ``model.py`` weighs them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from geo.gazetteer.normalize import ARTICLES, fold
from geo.geoparse.lexicon import (
    ABBREVIATIONS,
    DEMONYMS,
    NON_PLACE_HEADS,
    PLACE_HEADS,
    TITLES,
    TRIGGERS,
)
from geo.geoparse.tokens import Token, capitalised_runs, sentence_starts, tokenize

MAX_SPAN_WORDS = 5


class PlaceLike(Protocol):
    """What the recogniser reads from a gazetteer entry (``geo.gazetteer.Place`` fits)."""

    name: str
    kind: str
    country_code: str
    population: int | None


Lookup = Callable[[str], Sequence[PlaceLike]]


@dataclass
class Candidate:
    """A span that may name a place, with the evidence the model weighs."""

    start: int  # character offsets in the text, end exclusive
    end: int
    text: str
    first: int  # token indices [first, last)
    last: int
    places: Sequence[PlaceLike]
    demonym: tuple[str, str] | None = None  # (place name, country code)
    features: dict[str, float] = field(default_factory=dict)


# Titles proper: the words before a person's name. TITLES also holds "by", "said"... which
# precede names of any kind ("said Monday", "by Lebanese leaders"), too loose for evidence
# that a word names a person everywhere in the document.
_PERSON_TITLES = TITLES - {"by", "said", "says", "told"}
_ADMIN1_KINDS = {"state", "province", "governorate", "admin1"}
_ADMIN_KINDS = {"state", "province", "governorate", "region", "admin1", "district",
                "county", "admin2"}


def indexed_airport(place: PlaceLike) -> bool:
    """An airport of the index (airportsdata), which the model's evidence leaves out:
    LGL's annotators mark the city in "Vancouver International Airport", not the airport,
    so the model would only learn to reject airports; ``cues.airports`` reads them by rule
    (the curated ones, Heathrow, stay evidence as before)."""
    return str(getattr(place, "id", "")).startswith("airport:")


def _pop_bucket(places: Sequence[PlaceLike]) -> int:
    pop = max((p.population or 0) for p in places) if places else 0
    return min(int(math.log10(pop + 1)), 8)


def _lower_word(tokens: list[Token], i: int) -> str:
    if 0 <= i < len(tokens):
        t = tokens[i].text
        return "<num>" if t[:1].isdigit() else t.lower()
    return "<none>"


def _shape(tokens: list[Token], i: int) -> str:
    if not 0 <= i < len(tokens):
        return "none"
    t = tokens[i].text
    if t[:1].isdigit():
        return "num"
    if not t[:1].isalpha():
        return "punct:" + t
    if t.isupper() and len(t) > 1:
        return "upper"
    return "cap" if t[:1].isupper() else "low"


def generate(
    text: str, lookup: Lookup, common: frozenset[str] = frozenset()
) -> tuple[list[Token], list[Candidate]]:
    """All candidate spans of ``text`` with their features filled in.

    ``common``: words that news text usually writes in lower case (from the model), so a
    capitalised "Male" or "Central" is suspect even when this text never writes "male".
    """
    tokens = tokenize(text)
    starts = sentence_starts(text, tokens)
    runs = capitalised_runs(text, tokens)
    cache: dict[str, Sequence[PlaceLike]] = {}

    def places_for(name: str) -> Sequence[PlaceLike]:
        if name not in cache:
            cache[name] = lookup(name)
        return cache[name]

    def evidence(name: str) -> Sequence[PlaceLike]:
        # The model's evidence leaves airports out: cues.airports reads them by rule.
        return [p for p in places_for(name) if not indexed_airport(p)]

    cands: list[Candidate] = []
    run_of: dict[int, tuple[int, int]] = {}
    for a, b in runs:
        for k in range(a, b):
            run_of[k] = (a, b)
        words = [k for k in range(a, b) if tokens[k].is_word and tokens[k].is_cap]
        if a >= 2 and tokens[a - 1].text == "-" and tokens[a - 1].start == tokens[a - 2].end \
                and tokens[a - 1].end == tokens[a].start and not tokens[a - 2].is_cap:
            continue  # "pro-Western", "anti-Assad": part of an adjective, not a name
        for x_i, x in enumerate(words):
            for y in words[x_i:x_i + MAX_SPAN_WORDS]:
                s, e = tokens[x].start, tokens[y].end
                span = text[s:e]
                key = span.replace("’", "'")
                demonym = DEMONYMS.get(key) or (
                    DEMONYMS.get(key.title()) if key.isupper() else None)
                abbrev = ABBREVIATIONS.get(key)
                name = abbrev[0] if abbrev else span
                places = places_for(name)
                if not places and key.isupper() and len(key) > 3:
                    places = places_for(key.title())
                head = tokens[y].text.lower()
                if text[e:e + 1] == "$" or text[e:e + 1].isdigit():
                    continue  # "US$460", "A4": a currency or a code, not a place
                if not (places or demonym or abbrev or (y > x and head in PLACE_HEADS)):
                    continue
                cands.append(Candidate(s, e, span, x, y + 1, places,
                                       demonym or (abbrev if abbrev else None)))
    if not cands:
        return tokens, cands

    # Document-level evidence: how each word is used across the article.
    lower_words = {t.text for t in tokens if t.is_word and not t.is_cap}
    titled: set[str] = set()  # words of a name after a title ("Mr Assad", "Speaker Nabih Berri")
    inner: set[str] = set()  # words seen as the last word of a longer run with no gazetteer head
    for i, tok in enumerate(tokens):
        if tok.is_word and tok.is_cap and _lower_word(tokens, i - 1).rstrip(".") in _PERSON_TITLES:
            titled.add(tok.text)
            # The rest of the name: "Parliament Speaker Nabih Berri" makes Berri a person.
            k = i + 1
            while k < len(tokens) and run_of.get(k) == run_of.get(i) and k - i <= 3:
                if tokens[k].is_word and tokens[k].is_cap:
                    titled.add(tokens[k].text)
                k += 1
    for a, b in runs:
        words = [k for k in range(a, b) if tokens[k].is_word]
        # After a hyphen the word ends a compound, not a person's or a body's name: in
        # "Rep. Ray Miller, D-Columbus" or "Logan-Rogersville" it is a place as often.
        if len(words) >= 2 and tokens[words[-1] - 1].text != "-" \
                and not (evidence(tokens[words[0]].text)
                                    and evidence(tokens[words[-2]].text)):
            inner.add(tokens[words[-1]].text)
    surface_count: dict[str, int] = {}
    for c in cands:
        surface_count[c.text.lower()] = surface_count.get(c.text.lower(), 0) + 1
    doc = DocEvidence(lower_words, titled, inner, surface_count, named_countries(cands),
                      common)

    for c in cands:
        c.features = _features(text, tokens, starts, run_of, c, doc, evidence)
    return tokens, cands


@dataclass(frozen=True)
class DocEvidence:
    """What the whole document says about its words (one sense per discourse)."""

    lower_words: set[str]  # words the text also writes in lower case ("Male" / "male")
    titled: set[str]  # words of names that follow a title somewhere
    inner: set[str]  # last words of longer capitalised runs (surnames, organisation heads)
    surface_count: dict[str, int]  # candidate surface (lower case) -> occurrences
    countries: frozenset[str]  # countries the text names, directly or through an area
    common: frozenset[str] = frozenset()  # words news usually writes in lower case


def written_as(place: PlaceLike, text: str) -> bool:
    """Whether ``place`` is written exactly ``text`` (its name or an alias, any case)."""
    low = text.lower()
    return place.name.lower() == low or any(
        a.lower() == low for a in getattr(place, "aliases", ()) or ())


def named_countries(cands: Sequence[Candidate]) -> frozenset[str]:
    """Country codes the text names: a country, a state or province, a demonym, "Ky."."""
    found: set[str] = set()
    for c in cands:
        if c.demonym is not None and c.demonym[1]:
            found.add(c.demonym[1])
        for p in c.places:
            if p.country_code and (p.kind == "country" or p.kind in _ADMIN1_KINDS) \
                    and written_as(p, c.text):
                found.add(p.country_code)
    return frozenset(found)


def bare_name(name: str) -> str:
    """The folded name without a leading Arabic article word ("Al-Qusayr" -> "qusayr")."""
    words = fold(name).split()
    return " ".join(words[1:] if len(words) > 1 and words[0] in ARTICLES else words)


def _as_main_name(text: str, place: PlaceLike) -> bool:
    """Whether ``text`` writes the place's own name, not only one of its alternate names.

    The Arabic article is optional in English ("Qusayr" is Al-Qusayr), and a spelling of
    the curated table (checked by hand for the article's places) counts as the name.
    """
    if place.name.lower() == text.lower() or bare_name(place.name) == bare_name(text):
        return True
    curated = getattr(place, "curated", False)  # a PlaceLike of a test may not say
    return curated and fold(text) in {fold(a) for a in getattr(place, "aliases", ())}


def _features(
    text: str,
    tokens: list[Token],
    starts: set[int],
    run_of: dict[int, tuple[int, int]],
    c: Candidate,
    doc: DocEvidence,
    places_for: Callable[[str], Sequence[PlaceLike]],
) -> dict[str, float]:
    f: dict[str, float] = {"bias": 1.0}
    nwords = sum(1 for k in range(c.first, c.last) if tokens[k].is_word)
    f[f"nwords={min(nwords, 4)}"] = 1.0
    places = [p for p in c.places if not indexed_airport(p)]  # see cues.airports
    kinds = {p.kind for p in places}
    if places:
        f["gaz"] = 1.0
        f[f"pop={_pop_bucket(places)}"] = 1.0
        f[f"ncand={min(len(places), 5)}"] = 1.0
        if "country" in kinds:
            f["gaz:country"] = 1.0
        if kinds & _ADMIN_KINDS:
            f["gaz:admin"] = 1.0
        if any(_as_main_name(c.text, p) for p in places):
            f["gaz:primary"] = 1.0
        else:
            f["gaz:alias_only"] = 1.0
        if "continent" in kinds or "region" in kinds:
            f["gaz:region"] = 1.0
        if kinds & {"landmark", "airport"}:
            # "the White House" names a building, or the administration in it: whether
            # annotators count it as a toponym is learnt, not assumed (issue 14).
            f["gaz:landmark"] = 1.0
    else:
        f["nogaz"] = 1.0
    if c.demonym is not None:
        f["demonym" if c.text.replace("’", "'") in DEMONYMS
          or c.text.title() in DEMONYMS else "abbrev"] = 1.0
    if c.text.isupper():
        f["allcaps"] = 1.0
        if len(c.text) <= 4:
            f["short_caps"] = 1.0
    if len(c.text) <= 3:
        f["short"] = 1.0

    a, b = run_of[c.first]
    whole = c.first == a and c.last == b
    f["run:whole" if whole else "run:part"] = 1.0
    if not whole:
        if c.first > a:
            f["run:has_left"] = 1.0
        if c.last < b:
            f["run:has_right"] = 1.0
            # The word that follows inside the name ("Athens Police Department",
            # "Richmond Olympic Oval"): whose place it is, learnt word by word.
            k = c.last + 1 if tokens[c.last].text == "-" else c.last
            f["right=" + _lower_word(tokens, k)] = 1.0
            if k > c.last:
                f["right:hyphen"] = 1.0
            if tokens[c.last].text.lower() in NON_PLACE_HEADS:
                f["right:org_head"] = 1.0
            if tokens[c.last].text.lower() in PLACE_HEADS:
                f["right:place_head"] = 1.0
        if c.first > a and tokens[c.first - 1].is_cap:
            if places_for(tokens[c.first - 1].text):
                f["left_word_gaz"] = 1.0
            else:
                f["left_word_nogaz"] = 1.0
    head = tokens[c.last - 1].text.lower()
    if nwords > 1 and head in PLACE_HEADS:
        f["head=" + head] = 1.0
        f["head:place"] = 1.0
    if c.first in starts:
        f["sent_start"] = 1.0
        if nwords == 1 and c.text.lower() in doc.lower_words:
            f["sent_start:lower_seen"] = 1.0
    if doc.common:
        lows = [tokens[k].text.lower() for k in range(c.first, c.last) if tokens[k].is_word]
        if all(w in doc.common for w in lows):
            f["common" if nwords == 1 else "common:all_words"] = 1.0
            if c.first in starts:
                f["common:sent_start"] = 1.0
        elif nwords > 1 and lows[-1] in doc.common:
            f["common:head"] = 1.0
    if c.text.lower() in doc.lower_words:
        f["lower_seen"] = 1.0

    # Context words (outside the whole run, so "Gulf of Mexico" looks past "Gulf of").
    prev = _lower_word(tokens, a - 1) if c.first == a else "<inrun>"
    prev2 = _lower_word(tokens, a - 2)
    nxt = _lower_word(tokens, b) if c.last == b else "<inrun>"
    f["prev=" + prev] = 1.0
    f["next=" + nxt] = 1.0
    f["prev2=" + prev2] = 0.5
    f["prevshape=" + _shape(tokens, a - 1)] = 1.0
    f["nextshape=" + _shape(tokens, b)] = 1.0
    if prev.rstrip(".") in TITLES:
        f["prev:title"] = 1.0
    if prev in TRIGGERS:
        f["prev:trigger"] = 1.0
    if b < len(tokens) and tokens[b].text == "-" and b + 1 < len(tokens) \
            and tokens[b + 1].start == tokens[b].end:
        f["hyphen_next=" + _lower_word(tokens, b + 1)] = 1.0
    if nxt in {"'s", "’s"} or (b + 1 < len(tokens) and tokens[b].text in {"'", "’"}
                               and tokens[b + 1].text == "s"):
        f["possessive"] = 1.0
    # "Gainesville, Ga." / "Paris, France": a place followed by its container.
    if b + 1 < len(tokens) and tokens[b].text == ",":
        t2 = tokens[b + 1]
        if t2.is_cap and (t2.text in ABBREVIATIONS or any(
                p.kind in {"country", "state"} | _ADMIN_KINDS for p in places_for(t2.text))):
            f["comma_container_after"] = 1.0
    if a >= 2 and tokens[a - 1].text == ",":
        t0 = tokens[a - 2]
        if t0.is_cap and places_for(t0.text):
            f["comma_place_before"] = 1.0
    if nxt in {"said", "says", "told", "added", "explained", "noted", "who", "wrote"}:
        f["next:speech"] = 1.0

    # One sense per discourse.
    words = [tokens[k].text for k in range(c.first, c.last) if tokens[k].is_word]
    if any(w in doc.titled for w in words):
        f["doc:titled"] = 1.0
    if nwords == 1 and words and words[0] in doc.inner:
        f["doc:surname"] = 1.0
    # A namesake written exactly so in a country the text names ("Dabaa" in a story about
    # Syria), the country itself aside.
    if "country" not in kinds and any(
        p.country_code in doc.countries and written_as(p, c.text) for p in places
    ):
        f["doc:in_named_country"] = 1.0
    cnt = doc.surface_count.get(c.text.lower(), 1)
    f[f"doc:count={min(cnt, 3)}"] = 1.0
    return f
