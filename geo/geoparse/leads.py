"""Which sentences of an article are news: not its headline, not a photo caption.

A headline repeats the story in telegraphic words; a caption ends with a photo credit;
neither reports anything of its own, so :mod:`geo.geoparse.propose` proposes no event from
them. Split from ``propose.py`` to keep each module readable in one sitting.
"""

from __future__ import annotations

import re

from geo.article import Article, Sentence

# "(AFP)", "(Reuters/John Doe)", "(Photo: AP)": a photo credit ends a caption, not a sentence.
_CREDIT = re.compile(r"\((?:photo:?\s*)?(?:[A-Z][A-Za-z]*|[A-Z]{2,})(?:[/ ][^()]{0,40})?\)\s*$")

# "... jailed in Israel. Photo: AP": a caption run into the text, its credit after it.
INLINE_CREDIT = re.compile(r"\s*(?:Photo|Picture|Image)(?:\s+credit)?\s*(?::|by\b)\s*[A-Z]")


def _squash(text: str) -> str:
    return " ".join(text.split()).strip(" .\"“”").casefold()


def news_paragraphs(article: Article) -> list[bool]:
    """For each paragraph, whether its sentences may be news: not the headline, not a
    photo caption, which report nothing of their own.

    The headline is the title again, as the first paragraph of a longer text (a reader's
    article without a title takes its first line as one; a one-line text is news), unless
    that line reads as a lead; a caption is a paragraph that ends with a photo credit
    ("(AFP)"). A headline run into the first paragraph of a text with no title at all is
    :func:`run_in`'s. Reads the whole article once (asking per sentence read a long
    paragraph again for each of its sentences: quadratic time).
    """
    first = article.paragraphs[0].text if article.paragraphs else ""
    # A title taken from the first line (a pasted text) is that line again: a lead with a
    # dateline or "on Tuesday" is news all the same, as for a headline run in.
    headline = bool(len(article.paragraphs) > 1 and article.title
                    and _squash(first) == _squash(article.title)
                    and not _LEAD_ONLY.search(first))
    return [not (p.index == 0 and headline) and not _CREDIT.search(p.text)
            for p in article.paragraphs]


def run_in(article: Article, sentence: Sentence) -> bool:
    """The first sentence of an article without a title, when it is a headline run in."""
    return (sentence.index == 0 and not article.title
            and _headline_run_in(article.paragraphs[sentence.paragraph].text, sentence.text))


# How a lead sentence opens, unlike a headline: an article, a preposition, a date word.
_LEAD_OPENERS = frozenset(
    "the a an in on at as after before when while today yesterday last this some more "
    "nearly about over police officials authorities".split()
)


def _headline_run_in(paragraph: str, sentence: str) -> bool:
    """A headline run into the first paragraph ("Kansas storm overturns big rigs. SALINA,
    Kan. Strong winds ..."): a short first sentence that is not the whole paragraph, opens
    without an article or preposition and attributes nothing."""
    words = sentence.split()
    return (len(words) <= 14 and len(paragraph.strip()) > len(sentence.strip()) + 40
            and words[0].lower().strip("\"“'") not in _LEAD_OPENERS
            and not _NOT_HEADLINE.search(sentence) and not _LEAD_ONLY.search(sentence))


# Headlines drop auxiliaries and attributions: "New outbreaks of H5N2 have been confirmed
# in Taiwan." opens a story, "Tiny quake recorded near Gilroy." is its headline.
_NOT_HEADLINE = re.compile(r"\b(?:said|says|told|according|is|are|was|were|has|have|had|"
                           r"been)\b")
# What only a lead writes: a dateline ("NAIROBI, Kenya (AP) --", "(LONDON)") or a day with
# its preposition ("on Saturday", "on March 3"); a headline drops both ("... hit Manhattan
# area Monday").
_LEAD_ONLY = re.compile(
    r"^\s*(?:\([A-Z][A-Z .]{2,30}\)|[A-Z][A-Z .'-]{2,30}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Za-z/ ]{1,20}\))?\s*(?:--?|[\u2013\u2014]))"
    r"|\bon\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:January|"
    r"February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|"
    r"Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2})\b")
