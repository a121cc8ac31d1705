"""Event proposal: sentences that tie a place to something that happened or was said.

For every sentence of the article body that names a resolved place (demonyms such as
"Lebanese" describe actors, not places, and are left out) and says what happened (a verb
from :data:`CATEGORY_WORDS`), one event is proposed, with one record per place, in the
curated schema of :class:`geo.events.Event`:

- the date: a date expression of the sentence (:func:`geo.dates.find_dates`, relative to
  the publication date); else the day-precise date of the sentence just before it, when
  the story goes on ("... launched on May 19. Rebels ... were later joined by ..."); else
  the publication date, marked as a fallback in ``date_rule``;
- the place's role: "from X" is an origin, "to/toward X" a destination, else the site;
- actors: organisations, people and groups named in the sentence ("Hezbollah", "Syrian
  army", "rebels");
- who reports it: the speaker of "X said", "X told", "according to X", else the outlet;
- the excerpt (the sentence) and its offsets, so a reader can check it word for word.

These are proposals for a reader to check, so every record carries a confidence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from geo.article import Article, Sentence
from geo.dates import DAY, DateMention, ResolvedDate, find_dates
from geo.events import CONTEXT_RULE_PREFIX, Event
from geo.geoparse.lexicon import DEMONYMS
from geo.geoparse.toponyms import Geoparser, Toponym

# Category -> word stems that signal it, most specific first (the first match wins).
CATEGORY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("celebration", ("celebrat", "festivit", "sweets")),
    ("sectarian violence", ("sectarian",)),
    ("siege", ("siege", "besieg", "encircl")),
    ("bombardment", ("bombard", "shell", "airstrike", "air strike", "air raid", "bombing",
                     "rocket", "missile")),
    ("withdrawal", ("withdr", "retreat", "fled", "flee", "pulled out", "evacuat")),
    ("reinforcement", ("reinforc", "joined by", "were later joined", "deployed")),
    ("capture", ("seized", "captur", "took control", "taking", "in control", "controls",
                 "fall of", "fell", "routed", "overran", "recaptur", "conquer")),
    ("offensive", ("offensive", "launched", "assault", "attack", "advance", "invasion")),
    ("battle", ("fight", "battle", "clash", "combat", "resistance", "killed", "dead",
                "wounded", "died")),
    ("negotiation", ("agreement", "deal", "negotiat", "talks", "brokered", "ceasefire",
                     "truce", "mediat")),
    ("humanitarian", ("civilian", "refugee", "injured", "humanitarian", "aid", "hospital",
                      "medic", "red cross", "red crescent")),
    ("security operation", ("arrest", "raid", "checkpoint", "security operation",
                            "operation")),
    ("outlook", ("opens the way", "will ", "could ", "expected", "threat", "plan")),
    ("statement", ("said", "says", "told", "announced", "statement", "hailed",
                   "congratulat", "condemn", "claimed", "vowed", "reported", "noted",
                   "declared", "warned", "accused", "denied", "confirmed")),
)
_SPEECH = r"(?:said|says|told|reported|announced|added|noted|stated|claimed|confirmed)"
# "the UN refugee agency UNHCR said", "Syria state television said", "the source told".
_SPEAKER_BEFORE = re.compile(
    r"((?:[A-Z][\w'’.-]*|the|a|an|[a-z]+)(?:\s+(?:[A-Z][\w'’.-]*|[a-z]+)){0,5}?)\s+"
    + _SPEECH + r"\b"
)
_ACCORDING = re.compile(r"according to ((?:the\s+)?(?:[A-Z][\w'’.-]*\s*){1,5})")
_ACTOR_NOUNS = ("army", "rebels", "troops", "forces", "fighters", "insurgents", "regime",
                "police", "government", "militants", "opposition", "residents",
                "civilians", "militia", "soldiers", "officials", "activists")
_ACTOR = re.compile(
    r"\b((?:(?:[A-Z][\w'’-]*)\s+){0,2}(?:" + "|".join(_ACTOR_NOUNS) + r"))\b"
)
_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:al-|el-)?[A-Z][\w'’-]+){0,3}")
_NOT_ACTORS = {"The", "A", "An", "It", "Its", "This", "That", "These", "Those", "He", "She",
               "They", "We", "I", "Yes", "But", "And", "Meanwhile", "Another", "Earlier",
               "Following", "After", "Official", "President", "Deputy", "Rebels"}
_WEEKDAYS_MONTHS = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b"
)

FALLBACK_RULE = CONTEXT_RULE_PREFIX + " no date in the sentence; publication date (fallback)"
CARRIED_RULE = CONTEXT_RULE_PREFIX + " no date in the sentence; date of the sentence before"


@dataclass(frozen=True)
class SentenceDate:
    """The date an event gets, and how sure that is."""

    resolved: ResolvedDate
    phrase_start: int | None
    rule: str
    weight: float  # 1 explicit, lower for carried or fallback dates


def category_of(sentence: str) -> str | None:
    """The first category whose signal words occur in the sentence, or None."""
    low = sentence.lower()
    for category, words in CATEGORY_WORDS:
        if any(w in low for w in words):
            return category
    return None


def reporters(sentence: str, outlet: str) -> tuple[str, ...]:
    """Who the sentence attributes its content to, else the outlet."""
    found: list[str] = []
    for m in _ACCORDING.finditer(sentence):
        found.append(m.group(1).strip())
    for m in _SPEAKER_BEFORE.finditer(sentence):
        words = m.group(1).split()
        # Keep the noun phrase's tail: capitalised names, or the last common noun.
        tail: list[str] = []
        for w in reversed(words):
            if w[:1].isupper() or not tail:
                tail.insert(0, w)
            else:
                break
        speaker = " ".join(tail).strip(" ,\"“”")
        if speaker.lower() in {"he", "she", "it", "they", "we", "i", "who", "which", ""}:
            continue
        found.append(speaker)
    out = tuple(dict.fromkeys(s for s in found if s))
    return out or ((outlet,) if outlet else ("the article",))


def actors_of(sentence: str, toponyms: list[Toponym], offset: int) -> tuple[str, ...]:
    """Organisations, people and groups the sentence names (not its places)."""
    place_spans = [(t.start - offset, t.end - offset) for t in toponyms
                   if t.text not in DEMONYMS]
    found: list[str] = []
    for m in _ACTOR.finditer(sentence):
        found.append(m.group(1))
    for m in _NAME_RUN.finditer(sentence):
        s, e = m.span()
        text = m.group()
        if any(s < pe and ps < e for ps, pe in place_spans) and not any(
                w in DEMONYMS for w in text.split()):
            continue
        words = text.split()
        while words and (words[0] in _NOT_ACTORS or words[0] in DEMONYMS):
            words = words[1:]
        text = " ".join(words).removesuffix("'s").removesuffix("’s")
        if not text or _WEEKDAYS_MONTHS.match(text) or len(text) < 3:
            continue
        if any(text in f for f in found):
            continue
        found.append(text)
    return tuple(dict.fromkeys(found))[:6]


def _based(article: Article, t: Toponym) -> bool:
    """"Britain-based Observatory": the place says where an actor sits, not what happened."""
    return article.text[t.end:t.end + 7].lower() in {"-based ", "-based,", "-based."}


def event_places(article: Article, places: list[Toponym]) -> list[Toponym]:
    """The places of a sentence that an event is about.

    Left out when the sentence names a more precise place: a country that contains it
    ("Syria's army routed rebels from Al-Qusayr": the event is at Al-Qusayr) and a place
    that only says where an actor is based ("the Britain-based Observatory").
    """
    precise = [t for t in places if t.place.kind != "country" and not _based(article, t)]
    if not precise:
        return places
    inner_countries = {t.place.country_code for t in precise}
    return [t for t in places
            if not _based(article, t)
            and not (t.place.kind == "country" and t.place.country_code in inner_countries)]


def _role(article: Article, t: Toponym) -> str:
    before = article.text[max(0, t.start - 12):t.start].lower().split()
    prev = before[-1] if before else ""
    if _based(article, t):
        return "base"
    if prev == "from":
        return "origin"
    if prev in {"to", "toward", "towards", "into"}:
        return "destination"
    return "site"


def _title(sentence: str, limit: int = 90) -> str:
    text = " ".join(sentence.split()).strip("\"“” ")
    if len(text) <= limit:
        return text.rstrip(".")
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "place"


def within(spans: list, starts: list[int], start: int, end: int) -> list:
    """The spans (sorted by start; ``starts`` their starts) lying inside ``[start, end)``.

    A binary search, not a scan per sentence: a long text has thousands of both.
    """
    i = bisect.bisect_left(starts, start)
    j = bisect.bisect_left(starts, end, lo=i)
    return [x for x in spans[i:j] if x.end <= end]


def sentence_dates(article: Article, dates: list[DateMention]) -> list[SentenceDate]:
    """The date of every sentence: explicit, carried from the sentence before, or fallback."""
    published = article.published
    fallback = SentenceDate(ResolvedDate("", published, published, DAY, "publication-date"),
                            None, FALLBACK_RULE, 0.6)
    out: list[SentenceDate] = []
    previous: SentenceDate | None = None
    dates = sorted(dates, key=lambda m: m.start)
    starts = [m.start for m in dates]
    for s in article.sentences:
        inside = within(dates, starts, s.start, s.end)
        if inside:
            m = inside[0]
            current = SentenceDate(m.date, m.start, m.date.rule, 1.0)
        elif previous is not None and previous.weight == 1.0 \
                and previous.resolved.precision == DAY:
            current = SentenceDate(previous.resolved, previous.phrase_start, CARRIED_RULE, 0.7)
        else:
            current = fallback
        out.append(current)
        previous = current
    return out


def propose_events(article: Article, parser: Geoparser | None = None) -> list[Event]:
    """Proposed events of ``article`` (one record per event and place), in text order."""
    parser = parser or Geoparser()
    body = article.body
    toponyms = [t for t in parser.toponyms(body) if t.place is not None]
    dates = find_dates(body, article.published)
    starts = [t.start for t in toponyms]
    events: list[Event] = []
    for sentence, when in zip(article.sentences, sentence_dates(article, dates), strict=True):
        inside = within(toponyms, starts, sentence.start, sentence.end)
        places = event_places(article, [t for t in inside
                                        if t.text.replace("’", "'") not in DEMONYMS])
        if not places:
            continue
        category = category_of(sentence.text)
        if category is None:
            continue
        events.extend(_records(article, sentence, places, inside, category, when))
    return events


def _records(article: Article, sentence: Sentence, places: list[Toponym],
             inside: list[Toponym], category: str, when: SentenceDate) -> list[Event]:
    event_id = f"s{sentence.index}-{_slug(places[0].place.name)}"
    actors = actors_of(sentence.text, inside, sentence.start)
    reported = reporters(sentence.text, article.outlet)
    seen: set[str] = set()
    out = []
    for t in places:
        if t.place.id in seen:
            continue
        seen.add(t.place.id)
        out.append(Event(
            event_id=event_id,
            place_id=t.place.id,
            place_role=_role(article, t),
            title=_title(sentence.text),
            category=category,
            start=when.resolved.start,
            end=when.resolved.end,
            date_precision=when.resolved.precision,
            date_phrase=when.resolved.phrase,
            date_rule=when.rule,
            actors=actors,
            reported_by=reported,
            excerpt=sentence.text,
            excerpt_start=sentence.start,
            excerpt_end=sentence.end,
            confidence=round(min(1.0, t.score) * when.weight, 3),
            date_phrase_start=when.phrase_start,
            note=f"proposed by the geoparser; place: {t.reason}",
        ))
    return out

