"""Tokens with character offsets, and the capitalised runs that may name places.

Offsets always index the original text, so a span found here can be cut out of the
article unchanged (the benchmark matches spans by surface text and position).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.article import ABBREVIATED_TITLES, NAME_SUFFIXES
from geo.geoparse.lexicon import ABBREVIATIONS, CALENDAR_WORDS, CONNECTORS

# Abbreviations with internal periods first ("U.S.", "W.Va.", "St."), then titles and
# suffixes with their full stop ("Gen.", "Jr.": geo.article's list), then words
# (letters, inner apostrophes as in "O'Brien" but not a possessive "'s"), numbers,
# and any other single character.
_ABBREV = sorted((a for a in ABBREVIATIONS if "." in a and " " not in a), key=len, reverse=True)
_TITLES = sorted(
    (w.capitalize() for w in ABBREVIATED_TITLES | NAME_SUFFIXES), key=len, reverse=True
)
_TOKEN = re.compile(
    r"(?:" + "|".join(re.escape(a) for a in _ABBREV) + r")(?![^\W\d_])"
    r"|(?:[A-Z]\.){2,}"
    r"|(?:" + "|".join(_TITLES) + r")\.(?=\s)"
    r"|[^\W\d_]+(?:['’][^\W\d_]{2,})*"
    r"|\d+(?:[.,:]\d+)*"
    r"|\S"
)


@dataclass(frozen=True)
class Token:
    """One token: its text and where it sits in the article."""

    text: str
    start: int
    end: int

    @property
    def is_cap(self) -> bool:
        """Starts with an upper-case letter (names, sentence starts, acronyms)."""
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens that keep their offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def sentence_starts(text: str, tokens: list[Token]) -> set[int]:
    """Indices of tokens that open a sentence, a line or a quotation.

    Capitalisation there says nothing about being a name, which the model must know.
    Not a sentence splitter (that is :func:`geo.article.split_sentences`): a feature the
    model (``model.json``) was trained on, so changing it means retraining.
    """
    starts = {0}
    for i, tok in enumerate(tokens[:-1]):
        nxt = tokens[i + 1]
        gap = text[tok.end:nxt.start]
        if tok.text in {".", "!", "?", ":", ";", "\"", "“", "”", "(", "—", "-"} or "\n" in gap:
            starts.add(i + 1)
        elif tok.text.endswith(".") and len(tok.text) > 2 and gap:
            # "... in the U.S. The ..." : an abbreviation may also end a sentence.
            starts.add(i + 1)
    return starts


def capitalised_runs(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Maximal runs [i, j) of capitalised words, joined by single spaces or hyphens.

    Lower-case connectors ("Gulf of Mexico", "Ras al-Ain") may sit inside a run but never
    at its ends, nor before a day or month name ("Dabaa on Tuesday" is two things);
    punctuation and line breaks close a run.
    """
    runs: list[tuple[int, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        if not (tokens[i].is_word and tokens[i].is_cap):
            i += 1
            continue
        j = i + 1
        while j < n:
            gap = text[tokens[j - 1].end:tokens[j].start]
            if gap not in (" ", ""):
                break
            tok = tokens[j]
            if tok.is_word and tok.is_cap:
                j += 1
                continue
            if tok.text == "-" and j + 1 < n and tokens[j + 1].start == tok.end \
                    and tokens[j + 1].is_cap and gap == "":
                j += 2
                continue
            if tok.text.lower() in CONNECTORS and j + 1 < n and tokens[j + 1].is_cap \
                    and tokens[j + 1].text not in CALENDAR_WORDS \
                    and text[tok.end:tokens[j + 1].start] in (" ", "-"):
                j += 2
                continue
            break
        # A hyphen followed by a lower-case word ("Beirut-based") ends the run.
        runs.append((i, j))
        i = j
    return runs
