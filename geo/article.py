"""A news article as text with metadata, paragraphs and sentences, all by character offset.

Everything else in the project (curated events, date mentions, toponyms, highlights in
the app) points into an article by ``(start, end)`` offsets into ``Article.text``, the
file's text exactly as stored (read without newline translation). Offsets therefore stay
valid whatever we decide about the article's structure, for instance where its body ends:
collected pages often carry readers' comments under the article, which are not news, so
``Article.body_end`` marks where the article proper stops while ``text`` keeps everything.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

from geo import SEEDS_DIR

SEED_STEM = "2013-06-05_now-lebanon_al-qusayr"

# A reader's comment block, as pages are typically collected: a bulleted line with the
# commenter's name ("  • Vlad Tepes"), or a heading such as "3 comments" / "Comments".
_COMMENT_START = re.compile(
    r"^[ \t\xa0]*(?:[•·▪◦]\s*\S|(?:\d+\s+)?(?:comments?|reader comments|leave a (?:comment|reply))"
    r"\s*:?\s*$)",
    re.IGNORECASE | re.MULTILINE,
)

# Paragraphs are separated by one or more blank lines (whitespace-only lines).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\xa0]*\n\s*")

# The one list of abbreviations written with a full stop (the tokenizer of
# geo.geoparse.tokens reads it too). Titles come before a name ("Gen. Idriss",
# "St. Louis"): their full stop ends no sentence, and a token keeps it.
ABBREVIATED_TITLES = frozenset(
    "mr mrs ms dr prof rev gen lt col maj capt sgt cpl adm gov sen rep st mt ft".split()
)
# After a name ("Martin Luther King Jr."): a token keeps the full stop, but a sentence
# may end there.
NAME_SUFFIXES = frozenset({"jr", "sr"})
# Words ending in "." that do not end a sentence: the titles and these.
ABBREVIATIONS = ABBREVIATED_TITLES | frozenset(
    """no nos vs etc jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp dept
    est approx fig al u.s u.n u.k e.g i.e a.m p.m""".split()
)
# A candidate sentence end: terminal punctuation, any closing quotes or brackets, then
# whitespace; the next sentence must start with a capital, a digit or an opening quote
# (not a bracket: a photo credit such as "(AFP)" stays with its caption).
# Linear on any text: a run of terminal punctuation is read from its first character only
# and never given back (possessive ``++``), so "....." costs its length, not its square.
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s+[\"'“‘]?[A-Z0-9])")
# The longest abbreviation: a longer word before a full stop is not one.
_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))


@dataclass(frozen=True)
class Paragraph:
    """A block of text between blank lines; ``text == article.text[start:end]``."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """A sentence inside a paragraph; ``text == article.text[start:end]``."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """An article's text and metadata.

    ``text`` is the stored file verbatim; ``body_end`` is the offset where the article
    proper ends (before any readers' comments). ``paragraphs`` and ``sentences`` cover the
    body only, so events and date mentions found through them never come from comments.
    """

    id: str
    title: str
    outlet: str
    published: date
    language: str
    text: str
    body_end: int
    paragraphs: tuple[Paragraph, ...] = field(repr=False)
    sentences: tuple[Sentence, ...] = field(repr=False)
    source: str = ""

    @property
    def body(self) -> str:
        """The article proper: ``text[:body_end]``, offsets identical to ``text``."""
        return self.text[: self.body_end]

    def in_body(self, start: int, end: int) -> bool:
        """Whether the span ``[start, end)`` lies inside the article proper."""
        return 0 <= start <= end <= self.body_end

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing ``offset``, or None (blank lines, comments)."""
        return _containing(self.paragraphs, self._paragraph_starts, offset)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset``, or None (between sentences, comments)."""
        return _containing(self.sentences, self._sentence_starts, offset)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def find(self, excerpt: str, start: int = 0) -> list[int]:
        """Every offset at or after ``start`` where ``excerpt`` occurs verbatim."""
        found: list[int] = []
        i = self.text.find(excerpt, start)
        while excerpt and i != -1:
            found.append(i)
            i = self.text.find(excerpt, i + 1)
        return found


def _containing(spans, starts: list[int], offset: int):
    """The span in ``spans`` (sorted, non-overlapping) that contains ``offset``."""
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and spans[i].start <= offset < spans[i].end:
        return spans[i]
    return None


def find_body_end(text: str) -> int:
    """Offset where the article ends: before the first readers' comment block, if any.

    Trailing whitespace before the comment block is left out of the body.
    """
    m = _COMMENT_START.search(text)
    end = m.start() if m else len(text)
    return len(text[:end].rstrip())


def split_paragraphs(text: str, end: int | None = None) -> tuple[Paragraph, ...]:
    """Paragraphs of ``text[:end]``, each stripped of surrounding whitespace."""
    end = len(text) if end is None else end
    paragraphs: list[Paragraph] = []
    pos = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text, 0, end), None]:
        stop = brk.start() if brk else end
        chunk = text[pos:stop]
        lead = len(chunk) - len(chunk.lstrip())
        s, e = pos + lead, pos + len(chunk.rstrip())
        if e > s:
            paragraphs.append(Paragraph(len(paragraphs), s, e, text[s:e]))
        pos = brk.end() if brk else end
    return tuple(paragraphs)


def split_sentences(text: str, paragraphs: tuple[Paragraph, ...]) -> tuple[Sentence, ...]:
    """Sentences of each paragraph, by a rule a reader can follow.

    A sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes or brackets) followed by
    whitespace and a capital, a digit or an opening quote, unless the word before the
    full stop is a known abbreviation ("Gen.", "U.S.") or a single initial. Headlines
    and captions without final punctuation are one sentence each.
    """
    sentences: list[Sentence] = []
    for p in paragraphs:
        s = p.start
        for m in _SENTENCE_END.finditer(text, p.start, p.end):
            if _is_abbreviation(text, p.start, m.start()):
                continue
            _add_sentence(text, sentences, p.index, s, m.end())
            s = m.end()
        _add_sentence(text, sentences, p.index, s, p.end)
    return tuple(sentences)


def _is_abbreviation(text: str, floor: int, dot: int) -> bool:
    """Whether the word before the full stop at ``dot`` is an abbreviation or an initial.

    The word (letters, digits, "_" and dots) is read backwards from the full stop, and
    never further than the longest abbreviation: a sentence end costs a few characters,
    not a search of the whole paragraph before it.
    """
    if text[dot] != ".":
        return False
    start = dot
    while start > floor and dot - start <= _LONGEST_ABBREVIATION and _in_word(text[start - 1]):
        start -= 1
    w = text[start:dot].lower()
    if not w or len(w) > _LONGEST_ABBREVIATION:
        return False
    return w in ABBREVIATIONS or (len(w) == 1 and w.isalpha())


def _in_word(char: str) -> bool:
    """A character of ``[\\w.]``: the characters of a word or an abbreviation."""
    return char.isalnum() or char in "_."


def _add_sentence(text: str, out: list[Sentence], paragraph: int, s: int, e: int) -> None:
    chunk = text[s:e]
    s += len(chunk) - len(chunk.lstrip())
    e = s + len(chunk.strip())
    if e > s:
        out.append(Sentence(len(out), paragraph, s, e, text[s:e]))


class UnreadableText(ValueError):
    """Bytes a reader cannot have as text (binary, UTF-16, not UTF-8); the message says why."""


def decode_text(data: bytes) -> str:
    """``data`` as text, by the rules the CLI and the app share, else :class:`UnreadableText`.

    Binary data is told apart from text by a NUL byte (which text does not hold); UTF-16
    gets its own message because "convert it" is the fix; anything else must decode as
    UTF-8, strictly, so nothing is silently replaced. A leading UTF-8 byte-order mark is
    dropped (editors on Windows add it; it is not part of the article, and it would start
    the title and the first excerpt): offsets count the characters of the text returned.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise UnreadableText("UTF-16 text, not UTF-8 (convert it first, e.g. with iconv)")
    if b"\x00" in data:
        raise UnreadableText("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise UnreadableText(f"not UTF-8 text (invalid byte at offset {exc.start})") from None


#: The longest default title (the first line of a text without one).
TITLE_CHARS = 120


def default_title(text: str, limit: int = TITLE_CHARS) -> str:
    """The first non-blank line of ``text``, cut at a word boundary with "…" if too long.

    For an article given without a title (the app's pasted text, ``python -m geo parse``
    without metadata). "Hezbollah ... pressing its milita" reads as a typo; cutting at a
    space ("pressing its…") does not. Empty when ``text`` is blank.
    """
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:  # one very long word: cut inside it rather than keep nothing
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def make_article(
    text: str,
    *,
    id: str,
    title: str,
    outlet: str,
    published: date,
    language: str = "en",
    source: str = "",
) -> Article:
    """Build an :class:`Article` from text and metadata (comments detected, text split)."""
    body_end = find_body_end(text)
    paragraphs = split_paragraphs(text, body_end)
    return Article(
        id=id,
        title=title,
        outlet=outlet,
        published=published,
        language=language,
        text=text,
        body_end=body_end,
        paragraphs=paragraphs,
        sentences=split_sentences(text, paragraphs),
        source=source,
    )


def load_article(path: Path) -> Article:
    """Load ``path`` (a .txt) with its metadata from the .json of the same name beside it.

    The text is read without newline translation so offsets match the file's characters.
    """
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return make_article(
        text,
        id=meta["id"],
        title=meta["title"],
        outlet=meta["outlet"],
        published=date.fromisoformat(meta["published"]),
        language=meta.get("language", "en"),
        source=str(path),
    )


@lru_cache(maxsize=1)
def load_seed_article() -> Article:
    """The project's seed article (NOW Lebanon, 5 June 2013, fall of Al-Qusayr); cached."""
    return load_article(SEEDS_DIR / f"{SEED_STEM}.txt")
