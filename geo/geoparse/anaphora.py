"""What "the town", "the capital", "there" or "the airport" of a sentence refers back to.

News names a place, then says "the town" for it ("...routed rebels from Al-Qusayr... in
control of the town"). :func:`antecedent` finds that place among those named before; the
proposer (:mod:`geo.geoparse.propose`) uses it for a sentence that names none.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo.article import Sentence
from geo.gazetteer import Gazetteer
from geo.geoparse import discourse
from geo.geoparse.toponyms import Toponym

# "the town", "the city", "there": the place the story is about, named in an earlier
# sentence. "there" only where it is a place ("died there"), not in "there were".
_ANAPHORA = re.compile(
    r"\b[Tt]he (town|city|village|district|region|area|county|state|province|country|capital"
    r"|airport)\b"
    r"(?!\s+of\b)|\b(there)\b(?!\s+(?:is|are|was|were|has|have|had|will|would|may|might|"
    r"could|seems?|appears?|must|should|can|remains?)\b)"
)
_ANAPHOR_KINDS = {
    "town": {"town", "city", "village", "suburb"},
    "city": {"city", "town"},
    "village": {"village", "town"},
    "district": {"district", "county", "governorate", "province", "admin2"},
    "region": {"district", "governorate", "province", "region", "admin1", "admin2"},
    "area": {"town", "city", "village", "suburb", "district"},
    "county": {"county", "admin2"},
    "state": {"state", "admin1"},
    "province": {"province", "governorate", "admin1"},
    "country": {"country"},
    "capital": set(),  # the capital of the country named last (see antecedent)
    "airport": {"airport"},  # "Gatwick ... the airport": never a town
    "there": {"town", "city", "village", "suburb", "district", "county", "admin2"},
}
# "had the capital", "raise the capital": money, not a city.
_FUNDS_BEFORE = re.compile(r"\b(?:have|has|had|having|lack|lacks|lacked|lacking|raise|raises|"
                           r"raised|raising|need|needs|needed|provide|provides|provided|"
                           r"invest|invested|borrow|borrowed|find|found|get|got|secure|"
                           r"secured)\s+(?:all\s+|enough\s+of\s+)?$", re.IGNORECASE)



def antecedent(sentence: Sentence, before: list[Toponym], gazetteer: Gazetteer | None = None
               ) -> tuple[str, Toponym] | None:
    """The place "the town" (or city, district...) of ``sentence`` refers back to.

    The last place named before the sentence whose kind is the word ("the town": a town),
    else the last of a kind close to it (a city, a village): news names a place, then
    says "the town" for it ("...routed rebels from Al-Qusayr... in control of the town").
    ``before``: the places named before the sentence, in text order (the caller bounds
    how far back, so a long text is not scanned back for every sentence).
    """
    m = _ANAPHORA.search(sentence.text)
    if m is None:
        return None
    word = m.group(1) or m.group(2)
    if word == "capital" and _FUNDS_BEFORE.search(sentence.text, 0, m.start()):
        return None  # "lacked the capital to build a plant": money, not a city
    if word == "capital":  # "gunfire in the capital": of the country named last
        last = next((t for t in reversed(before) if t.place is not None
                     and t.place.country_code), None)
        city = discourse.capital(last.place.country_code, gazetteer) if (
            last is not None and gazetteer is not None) else None
        if city is None or last is None:
            return None
        return m.group(0), replace(last, text=f"{city.name}, the capital of the country of "
                                              f"{last.text}", place=city)
    for kinds in ({word}, _ANAPHOR_KINDS[word]):
        for t in reversed(before):
            if t.place is not None and t.place.kind in kinds:
                return m.group(0), t
    return None


# "the farm", "the lab", "the mine": a site introduced before with its place ("on a farm
# in Alabama", "a mobile meth lab near Batesburg-Leesville").
_SITES = ("farm|ranch|school|plant|factory|mine|hospital|zoo|camp|prison|jail|mosque|church|"
          "cemetery|mall|store|restaurant|hotel|base|laboratory|lab|refinery|warehouse|"
          "complex|facility")
_SITE_AGAIN = re.compile(r"\b[Tt]he\s+(" + _SITES + r")\b(?!\s+of\b)")
_SITE_INTRODUCED = re.compile(r"\b(" + _SITES + r")s?\s+(?:in|near|outside|at)\s+(?:the\s+)?$",
                              re.IGNORECASE)


def site_antecedent(sentence: Sentence, before: list[Toponym], text: str
                    ) -> tuple[str, Toponym] | None:
    """The place of the site "the farm" (lab, mine, school...) of ``sentence`` refers back
    to: the last place named right after that kind of site before the sentence ("a cow on
    a farm in Alabama ... The animal was buried on the farm": Alabama). ``text``: the
    article's body, whose offsets ``before`` carries."""
    m = _SITE_AGAIN.search(sentence.text)
    if m is None:
        return None
    word = m.group(1).lower()
    for t in reversed(before):
        intro = _SITE_INTRODUCED.search(text, max(0, t.start - 40), t.start)
        if t.place is not None and intro is not None and intro.group(1).lower() == word:
            return m.group(0), t
    return None
