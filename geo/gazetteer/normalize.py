"""Spelling normaliser: makes the usual spellings of a place name meet.

News transliterates Arabic names many ways (Al-Qusayr, Qusair, al-Qouseir; Buweida
Al-Sharqiya, Al Buwaydah ash Sharqiyah; Dahiyeh, Dahieh). Two keys are used:

- :func:`fold` - case, diacritics, punctuation and spacing only. Equal folds mean
  "written the same way"; the ranking gives that a bonus. An apostrophe for the
  Arabic ayn or hamza (' ’ ‘ ʿ ʾ) between a consonant and a vowel is read as the
  vowel written twice, the usual English spelling of it: Dab'a = Dabaa, Ma'loula =
  Maaloula; elsewhere (Daba'a, O'Brien, L'Aquila, Martha's) it is dropped.
- :func:`name_key` - the fold plus general transliteration rules: Arabic article
  prefixes dropped, ayn/hamza marks dropped, vowel spellings merged (ou/oo/u,
  ei/ey/ay/ai, ie/iy), endings merged (-a/-ah/-eh, -iya/-iyah/-iyeh), q/k merged,
  doubled letters collapsed. Names are looked up by this key. A letter written
  three times or more in a row is no spelling of a name ("qqqqqqq", "Hooooooms"):
  such a word keeps its fold as its key, so it matches only a name written so.

The rules are general (they apply to every name in the index), not a list of names.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters NFKD does not decompose into ASCII + combining marks.
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "þ": "th",
        "ð": "d",
        "ħ": "h",
    }
)
# Apostrophes, ayn and hamza marks: dropped, so Daba'a = Dabaa and Ma‘loula = Maloula.
_MARK_CHARS = "'`´‘’ʻʼʽʾʿˈ′"
_MARKS = re.compile(f"[{_MARK_CHARS}]")
# A mark after a word's letters and before more letters (see :func:`_ayn`). The
# lookbehind anchors a match at a word's start, so a long run of letters is read once.
_LETTER = f"[^\\W\\d_{_MARK_CHARS}]"  # ʿ and ʾ are letters to Unicode: not here
_MARK_IN_WORD = re.compile(f"(?<!{_LETTER})({_LETTER}++)[{_MARK_CHARS}](?=({_LETTER}+))")
_VOWELS = frozenset("aeiou")
_TRIPLED = re.compile(r"(.)\1\1")
# Everything else that is not a letter or digit separates words.
_SEPARATORS = re.compile(r"[^\w]+|_")

# Arabic definite article as transliterated, including sun-letter assimilation
# (ad-, ash-, as-, at-, ...). Dropped when it is a separate word before another word.
ARTICLES = frozenset(
    "al el il ul ad ed ag ash esh as es at et ath adh az ez ar er an en".split()
)

# Ordered rewrite rules applied to each word after folding (see module docstring), in
# :func:`_word_key`: q -> k, ck -> k, ou|oo -> u, ee -> i, ei|ey|ay -> ai, iy before a
# vowel -> i, ie before a vowel or at the end -> i, doubled letters collapsed.
_ENDINGS = re.compile(r"(?:ah|eh|a|e)$")
_OU = re.compile(r"ou|oo")
_EI = re.compile(r"ei|ey|ay")
_IY = re.compile(r"iy(?=[aeiou])")
_IE = re.compile(r"ie(?=[aeiou]|$)")
_DOUBLED = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no diacritics, no marks, words separated by single spaces.

    >>> fold("  Al-Quşayr ")
    'al qusayr'
    >>> fold("Dab'a") == fold("Dab’a") == fold("Dabʿa") == fold("Dabaa")
    True
    >>> fold("Ma‘loula"), fold("Daba'a"), fold("O'Brien"), fold("Martha's Vineyard")
    ('maaloula', 'dabaa', 'obrien', 'marthas vineyard')
    """
    return _fold(text, ayn=True)


def _fold(text: str, ayn: bool) -> str:
    """:func:`fold`; ``ayn=False`` drops every mark (the look-up key's fold)."""
    if not text.isascii():  # ASCII has no diacritics: NFKD would change nothing
        text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold()
    if ayn and _MARKS.search(text):
        text = _MARK_IN_WORD.sub(_ayn, text)
    # Periods are dropped, not word breaks, so that "U.S." = "US" and "W.Va." = "WVa".
    text = _MARKS.sub("", text).replace(".", "")
    return " ".join(_SEPARATORS.sub(" ", text).split())


def _ayn(match: re.Match[str]) -> str:
    """A mark inside a word: the vowel beside it written twice, or nothing.

    Between a consonant and a vowel, or a vowel and a consonant, it stands for the ayn
    or hamza English writes as a doubled vowel (Dab'a = Dabaa, Ma'loula = Maaloula).
    Not after a one-letter word (O'Brien, L'Aquila, d'Ivoire) nor before a final "s"
    (Martha's): those are elisions and possessives.
    """
    before, after = match.group(1), match.group(2)
    if len(before) == 1 or after == "s":
        return before
    x, y = before[-1], after[0]
    if (x in _VOWELS) == (y in _VOWELS) or not (x.isascii() and y.isascii()):
        return before
    return before + (x if x in _VOWELS else y)


def _word_key(word: str) -> str:
    if word.isdigit() or len(word) <= 2 or _TRIPLED.search(word):
        return word  # a letter three times in a row is no spelling variant: as written
    word = _ENDINGS.sub("a", word)
    # Each rule runs only when its letters are there (a substring test costs far less
    # than a regex pass; most words need two or three of the eight rules). A literal
    # rule is str.replace, which rewrites exactly what re.sub would.
    if "q" in word:
        word = word.replace("q", "k")
    if "ck" in word:
        word = word.replace("ck", "k")
    if "o" in word:
        word = _OU.sub("u", word)
    if "ee" in word:
        word = word.replace("ee", "i")
    if "y" in word or "ei" in word:
        word = _EI.sub("ai", word)
    if "iy" in word:
        word = _IY.sub("i", word)
    if "ie" in word:
        word = _IE.sub("i", word)
    return _DOUBLED.sub(r"\1", word)


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The lookup key: :func:`fold` plus the transliteration rules.

    >>> name_key("Al Buwaydah ash Sharqiyah") == name_key("Buweida Al-Sharqiya")
    True
    >>> name_key("Dahiyeh") == name_key("Dahieh")
    True
    >>> name_key("Hooooooms") == name_key("Homs"), name_key("qqqqqqq")
    (False, 'qqqqqqq')
    """
    words = _fold(text, ayn=False).split()
    if len(words) > 1:
        kept = [w for w in words if w not in ARTICLES]
        words = kept or words
    return " ".join(_word_key(w) for w in words)


# English demonym endings and the endings of the place names they come from:
# Lebanese -> Lebanon, Syrian -> Syria, Egyptian -> Egypt, Israeli -> Israel,
# American -> America, Mexican -> Mexico, British -> Britain, Turkish -> Turkey,
# Ontarian -> Ontario, Texan -> Texas.
_DEMONYM_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ese", ("", "a", "on", "e")),
    ("ian", ("ia", "", "e", "a", "y", "io")),
    ("an", ("a", "o", "", "as")),
    ("ish", ("ain", "and", "ey", "")),
    ("i", ("",)),
    ("n", ("",)),
)
# English demonyms no ending rule reaches (a language fact, not a list of places).
IRREGULAR_DEMONYMS = {
    "irish": "Ireland", "french": "France", "dutch": "Netherlands", "welsh": "Wales",
    "swiss": "Switzerland", "cypriot": "Cyprus", "czech": "Czechia", "greek": "Greece",
    "thai": "Thailand", "filipino": "Philippines", "scottish": "Scotland", "scot": "Scotland",
    "danish": "Denmark", "dane": "Denmark", "swedish": "Sweden", "swede": "Sweden",
    "finnish": "Finland", "finn": "Finland", "polish": "Poland", "spanish": "Spain",
    "norwegian": "Norway", "peruvian": "Peru", "malagasy": "Madagascar", "german": "Germany",
}  # fmt: skip


def demonym_stems(word: str) -> list[str]:
    """Place names an English demonym may come from (guesses; check them in a gazetteer).

    The rules apply to the last word: "Sri Lankan" -> "Sri Lanka".

    >>> demonym_stems("Lebanese")[:3]
    ['Leban', 'Lebana', 'Lebanon']
    """
    word = " ".join(word.split())
    lower = word.lower()
    if lower.endswith("s") and lower[:-1] in IRREGULAR_DEMONYMS:
        word, lower = word[:-1], lower[:-1]  # Czechs -> Czech
    irregular = IRREGULAR_DEMONYMS.get(lower)
    if irregular:
        return [irregular]
    if word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]  # Palestinians -> Palestinian
    head, _, last = word.rpartition(" ")
    prefix = head + " " if head else ""
    if len(last) < 4 or word.count(" ") > 2:
        return []
    last_lower = last.lower()
    out: list[str] = []
    for suffix, endings in _DEMONYM_RULES:
        if last_lower.endswith(suffix) and len(last) - len(suffix) >= 3:
            stem = last[: len(last) - len(suffix)]
            out += [prefix + stem + e for e in endings if stem + e != last]
    return list(dict.fromkeys(out))


__all__ = ["ARTICLES", "IRREGULAR_DEMONYMS", "demonym_stems", "fold", "name_key"]
