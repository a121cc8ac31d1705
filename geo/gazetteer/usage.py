"""How a text uses a place name: like a town's, in a dateline, as a county.

Evidence the document resolver (:mod:`geo.gazetteer.document`) weighs for a name,
read from the text alone: "Lebanon Police" or "the city of Jordan" is a town's usage,
"WASHINGTON —" a dateline's city, "Douglas and Sarpy counties" a list of counties.
Every pattern here is linear on any text (``benchmarks/linear_scan.py`` probes them).
"""

from __future__ import annotations

import re

from geo.gazetteer.normalize import fold

# Weights of the county readings (tuned on LGL with the document's other weights).
W_COUNTY_LIST = 3.0  # "Douglas and Sarpy counties": the county of that name
W_COUNTY_NAMED = 1.0  # the text also writes "DeKalb County": the bare name may be it

_LOCAL_AFTER = (
    r"Police|Sheriff|City Council|City Hall|City Schools|City Manager|Town Council|Town Hall"
    r"|Fire|Mayor|High School|Middle School|Elementary|Public Schools?|School District"
    r"|Public Library|Township|Borough|Village Board|Chamber of Commerce|Board of Education"
    r"|Post Office|Municipal|Planning Commission|Board of Aldermen|Aldermen|Selectmen"
)
# "Becker, Clay, Douglas and Grant counties", "the Otter Tail/Grant county line": each
# capitalised name of the list is a county ("Name County" in the gazetteer).
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"
# A list of names ending just before "counties" (matched in a window before each such
# word: run over a whole text, a long list of names without it costs quadratic time).
# (From the first space of a run only: a long run of spaces is read once, not per space.)
_COUNTY_WORD_RE = re.compile(
    r"(?<!\s)\s++(?:counties|parishes|county\s+lines?|parish\s+lines?)\b"
)
_COUNTY_LIST_RE = re.compile(
    rf"({_NAME}(?:\s*(?:,|/|&|\band\b|\bor\b)\s*(?:and\s+|or\s+)?{_NAME})*)$"
)
COUNTY_LIST_CHARS = 300  # how far before "counties" a list may start
_LIST_SEPARATOR_RE = re.compile(r"\s*(?:,|/|&|\band\b|\bor\b)\s*")
# Linear on any text, like context._QUALIFIED: a name begins where a run of name
# characters begins (its leading non-capitals skipped), and no repeat gives back what it
# took, so "BeirutBeirut..." is read once, not once per capital.
_COUNTY_NAMED_RE = re.compile(
    r"(?<![\w'’.-])(?:[^\WA-Z]|['’.-])*+"
    r"([A-Z][\w'’.-]*+(?:\s++[A-Z][\w'’.-]*+){0,2})\s+(?:County|Parish|Co\.)"
)
# After a dateline's city: its state or country, then a dash ("HAMILTON —", "CAIRO, Egypt -").
_DATELINE_AFTER_RE = re.compile(r"(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s+(?:—|–|--?)\s")
_LOCAL_BEFORE = r"(?:city|town|village|township|borough|hamlet) of"
# Compiled once: the name is looked for with str.find, then these are matched around it.
_LOCAL_AFTER_RE = re.compile(rf"(?:'s)?\s+(?:{_LOCAL_AFTER})\b")
_LOCAL_BEFORE_RE = re.compile(rf"\b{_LOCAL_BEFORE}\s+", re.IGNORECASE)


def local_usage(name: str, text: str) -> bool:
    """Whether the text uses ``name`` like a town's ("Jordan Elementary", "city of Athens").

    A dateline counts too: "WASHINGTON — The military is racing..." names the city
    the story was filed from (news writes a dateline with a city, never a state).
    """
    if not name:
        return False
    if _dateline(name, text):
        return True
    for m in _LOCAL_BEFORE_RE.finditer(text):
        if text.startswith(name, m.end()) and _ends_word(text, m.end() + len(name)):
            return True
    start = text.find(name)
    while start >= 0:
        if (start == 0 or not text[start - 1].isalnum()) and _LOCAL_AFTER_RE.match(
            text, start + len(name)
        ):
            return True
        start = text.find(name, start + 1)
    return False


def _dateline(name: str, text: str) -> bool:
    """Whether the text opens a paragraph or its body with ``NAME —`` (or ``NAME, State -``)."""
    upper = name.upper()
    start = text.find(upper)
    while start >= 0:
        i = start  # scanned back: text[:start] would copy the text before each match
        while i > 0 and text[i - 1] in " \t":
            i -= 1
        if (i == 0 or text[i - 1] in ".!?\n") and _DATELINE_AFTER_RE.match(
            text, start + len(upper)
        ):
            return True
        start = text.find(upper, start + 1)
    return False


def county_readings(text: str) -> dict[str, float]:
    """Folded names the text reads as counties, and how surely.

    Listed before "counties" ("Douglas, Sarpy and Lancaster counties") they are
    counties (:data:`W_COUNTY_LIST`); written elsewhere as "DeKalb County", the bare
    "DeKalb" of the same text may be the county too (:data:`W_COUNTY_NAMED`): US news
    drops the word once it has said it.
    """
    out: dict[str, float] = {}
    for m in _COUNTY_NAMED_RE.finditer(text):
        out[fold(m.group(1))] = W_COUNTY_NAMED
    for word in _COUNTY_WORD_RE.finditer(text):
        m = _COUNTY_LIST_RE.search(text, max(0, word.start() - COUNTY_LIST_CHARS), word.start())
        if m is None:
            continue
        for part in _LIST_SEPARATOR_RE.split(m.group(1)):
            part = re.sub(r"^(?:and|or)\s+", "", part.strip())
            if part[:1].isupper():
                out[fold(part)] = W_COUNTY_LIST
    return out


def _ends_word(text: str, offset: int) -> bool:
    return offset >= len(text) or not text[offset].isalnum()

