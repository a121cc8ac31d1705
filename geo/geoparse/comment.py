"""Quoted words that are comment, not news (issue 13, class 6).

What an official says in their own words is a statement a reader maps; what a witness,
a friend or a player says ("\"He was always kind,\" said Jo Reyes") is comment on an
event told elsewhere. :mod:`geo.geoparse.propose` already leaves out a sentence that is
mostly quotation and whose only signal word is the speech verb; this test extends
that reading to the usual shape of direct speech, however long the speaker's
apposition.
"""

from __future__ import annotations

import re

# A sentence that opens with a whole quotation, then its speaker named as a person:
# "\"...,\" said Jo Reyes" / "\"...,\" Reyes said". The speech verb's subject is whoever
# follows, however long the apposition after the name ("said Jo Reyes, who drove up from
# Leeds for the service"). "the Safety Commission said", "police said": a body speaks.
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
_SPEECH = r"(?:said|says|told|added|adds|recalled|explained)"
_OPENS_WITH_QUOTE = re.compile(r"\s*[\"“][^\"“”]{2,}?[,!?.]?[\"”]\s*,?\s+(?:" + _SPEECH + r"\s+("
                               + _NAME + r")|(" + _NAME + r")\s+" + _SPEECH + r")\b[^\"“”]*$")
# Words of a body's name ("Toy Safety Council said"): not a person.
_BODY = re.compile(r"\b(?:Commission|Department|Ministry|Police|Agency|Service|Office|Council|"
                   r"Company|Inc|Corp|University|Association|Organi[sz]ation|Cent(?:er|re)|Board|"
                   r"Administration|Authority|Institute|Bureau|Committee|Government|Court|Army|"
                   r"Navy|Group|Society|Federation|Union|News|Times|Post|Press)\b")


def opens_with_quote(sentence: str) -> bool:
    """Whether the sentence is a person's direct speech: a quotation first, then the
    speaker, named as a person (not a body)."""
    m = _OPENS_WITH_QUOTE.match(sentence)
    return m is not None and not _BODY.search(m.group(1) or m.group(2))
