"""Event proposal: sentences that tie a place to something that happened or was said.

For every sentence of the article body that names a resolved place (demonyms such as
"Lebanese" describe actors, not places, and are left out) and says what happened (a verb
from ``geo.categories.TRIGGER_ORDER``), one event is proposed, with one record per place,
in the curated schema of :class:`geo.events.Event`:

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
from geo.categories import TRIGGER_ORDER
from geo.dates import DAY, DateMention, ResolvedDate, find_dates
from geo.events import CONTEXT_RULE_PREFIX, Event
from geo.geoparse.lexicon import DEMONYMS
from geo.geoparse.toponyms import Geoparser, Toponym

_CATEGORY_RES = tuple(
    (category, re.compile(r"\b(?:" + "|".join(words) + r")\b"))
    for category, words in TRIGGER_ORDER  # geo.categories: most specific first
)
_SPEECH = r"(?:said|says|told|reported|announced|added|noted|stated|claimed|confirmed)"
# "the UN refugee agency UNHCR said", "Syria state television said", "the source told".
_SPEAKER_BEFORE = re.compile(
    r"((?:[A-Z][\w'’.-]*|the|a|an|[a-z][\w'’-]*)(?:\s+(?:[A-Z][\w'’.-]*|[a-z][\w'’-]*)){0,5}?)\s+"
    + _SPEECH + r"\b"
)
_ACCORDING = re.compile(r"according to ([\w'’.-]+(?:[ \u00a0]+[\w'’.-]+){0,7})")
_ACTOR_NOUNS = ("army", "rebels", "troops", "forces", "fighters", "insurgents", "regime",
                "police", "government", "militants", "opposition", "residents",
                "civilians", "militia", "soldiers", "officials", "activists")
_ACTOR = re.compile(
    r"\b((?:(?:[A-Z][\w'’-]*)\s+){0,2}(?:" + "|".join(_ACTOR_NOUNS) + r"))\b"
)
_NAME_RUN = re.compile(
    r"\b[A-Z][\w'’-]+(?:\s+(?:(?:for|of)\s+(?:the\s+)?)?(?:al-|el-)?[A-Z][\w'’-]+){0,5}"
)
# Adjectives of faith and sect: "Shiite", "Sunni" alone describe, they name no actor.
_GROUP_ADJECTIVES = frozenset(
    "Shiite Shia Sunni Alawite Druze Christian Muslim Islamist Jihadist Kurdish Maronite "
    "Orthodox Catholic Jewish Arab".split()
)
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
    for category, pattern in _CATEGORY_RES:
        if pattern.search(low):
            return category
    return None


# Words an attribution's speaker may hold besides capitalised names ("Syria state
# television", "the UN refugee agency UNHCR", "a well-informed source").
_REPORTER_WORDS = frozenset(
    "state television tv radio news agency media official officials source sources "
    "spokesman spokeswoman spokesperson ministry military army rebel rebels activist "
    "activists monitor refugee well-informed informed security diplomatic senior "
    "website newspaper daily channel group commander commanders witness witnesses "
    "resident residents doctor doctors council".split()
)
_CONNECTORS = frozenset({"of", "for", "on", "al-", "el-"})
_ADVERBS = frozenset(
    "also later earlier then reportedly previously again further separately quickly "
    "too had has have".split()
)
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "who", "which", "you"})
_DETERMINERS = frozenset({"the", "a", "an", "another", "one", "two", "several"})
_TOLD = re.compile(r"\s*(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})")


def _speaker(words: list[str]) -> str:
    """The noun phrase that ends ``words`` (the words before "said"), as the speaker."""
    while words and words[-1].lower() in _ADVERBS:
        words = words[:-1]
    tail: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        w = words[i].strip(",\"“”")
        if w != words[i] and tail:  # a comma or a quote ends the phrase
            break
        low = w.lower()
        joins = (low in _CONNECTORS and tail and tail[0][:1].isupper()
                 and i > 0 and words[i - 1][:1].isupper())  # fmt: skip
        if w[:1].isupper() or low in _REPORTER_WORDS or joins:
            tail.insert(0, w)
        else:
            break
    while tail and tail[0].lower() in _DETERMINERS | _ADVERBS:
        tail = tail[1:]
    return " ".join(tail)


def reporters(sentence: str, outlet: str) -> tuple[str, ...]:
    """Who the sentence attributes its content to, else the outlet.

    "X said", "X told NOW" (an unnamed source's words to NOW: "source, to NOW"),
    "according to X". Pronouns ("he said") name nobody: the outlet stands.
    """
    found: list[str] = []
    for m in _ACCORDING.finditer(sentence):
        words = m.group(1).split()
        phrase: list[str] = []
        for w in words:  # forward, as long as the words can be part of a speaker
            bare = w.rstrip(".,;:\"”")
            if phrase and not (bare[:1].isupper() or bare.lower() in _REPORTER_WORDS
                               or bare.lower() in _CONNECTORS):
                break
            phrase.append(bare)
            if bare != w:
                break  # punctuation ends the phrase
        found.append(_speaker(phrase))
    for m in _SPEAKER_BEFORE.finditer(sentence):
        speaker = _speaker(m.group(1).split())
        if not speaker or speaker.lower() in _PRONOUNS:
            continue
        if sentence[m.end() - 4:m.end()] == "told" and not speaker[:1].isupper():
            listener = _TOLD.match(sentence, m.end())
            heard = listener.group().strip().rstrip(".,") if listener else ""
            if heard:
                speaker = f"{speaker}, to {heard}"
        found.append(speaker)
    out = tuple(dict.fromkeys(s for s in found if s))
    return out or ((outlet,) if outlet else ("the article",))


def actors_of(
    sentence: str, toponyms: list[Toponym], offset: int, common: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """Organisations, people and groups the sentence names (not its places).

    ``common``: words news writes in lower case (the recogniser's list): one of them
    capitalised at the start of a sentence ("Control of ...") names nobody.
    """
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
        while words and words[0] in _NOT_ACTORS:
            words = words[1:]
        text = " ".join(words).removesuffix("'s").removesuffix("’s")
        if not text or _WEEKDAYS_MONTHS.match(text) or len(text) < 3:
            continue
        if len(words) == 1 and (text in DEMONYMS or text in _GROUP_ADJECTIVES
                                or (s == 0 and text.lower() in common
                                    and text.lower() not in _ACTOR_NOUNS)):
            continue  # "Shiite", "Syrian": they describe; "Control" opens the sentence
        if any(text in f for f in found):
            continue
        found = [f for f in found if f not in text]  # "Syrian Observatory" over "Observatory"
        found.append(text)
    return tuple(dict.fromkeys(found))[:6]


# "(AFP)", "(Reuters/John Doe)", "(Photo: AP)": a photo credit ends a caption, not a sentence.
_CREDIT = re.compile(r"\((?:photo:?\s*)?(?:[A-Z][A-Za-z]*|[A-Z]{2,})(?:[/ ][^()]{0,40})?\)\s*$")


def _squash(text: str) -> str:
    return " ".join(text.split()).strip(" .\"“”").casefold()


def is_news_sentence(article: Article, sentence: Sentence) -> bool:
    """False for the headline and for photo captions, which report nothing of their own.

    The headline is the title again, as the first paragraph of a longer text (a reader's
    article without a title takes its first line as one; a one-line text is news); a
    caption is a paragraph that ends with a photo credit ("(AFP)").
    """
    if (sentence.paragraph == 0 and len(article.paragraphs) > 1 and article.title
            and _squash(article.paragraphs[0].text) == _squash(article.title)):
        return False
    paragraph = article.paragraphs[sentence.paragraph]
    return not _CREDIT.search(paragraph.text)


# "the town", "the city": the place the story is about, named in an earlier sentence.
_ANAPHORA = re.compile(r"\b[Tt]he (town|city|village|district|region|area)\b(?!\s+of\b)")
_ANAPHOR_KINDS = {
    "town": {"town", "city", "village", "suburb"},
    "city": {"city", "town"},
    "village": {"village", "town"},
    "district": {"district", "county", "governorate", "province"},
    "region": {"district", "governorate", "province", "region"},
    "area": {"town", "city", "village", "suburb", "district"},
}
ANAPHORA_WEIGHT = 0.7  # a place read from "the town" is surer than none, less than a name


def antecedent(sentence: Sentence, before: list[Toponym]) -> tuple[str, Toponym] | None:
    """The place "the town" (or city, district...) of ``sentence`` refers back to.

    The last place named before the sentence whose kind is the word ("the town": a town),
    else the last of a kind close to it (a city, a village): news names a place, then
    says "the town" for it ("...routed rebels from Al-Qusayr... in control of the town").
    """
    m = _ANAPHORA.search(sentence.text)
    if m is None:
        return None
    word = m.group(1)
    for kinds in ({word}, _ANAPHOR_KINDS[word]):
        for t in reversed(before):
            if t.place is not None and t.place.kind in kinds:
                return m.group(0), t
    return None


def _possessive(article: Article, t: Toponym) -> bool:
    """"Lebanon's powerful Shiite movement": the place qualifies an actor or a thing."""
    return article.text[t.end:t.end + 2] in {"'s", "’s"} or (
        article.text[t.end:t.end + 1] in {"'", "’"} and t.text.endswith("s"))


def _based(article: Article, t: Toponym) -> bool:
    """"Britain-based Observatory": the place says where an actor sits, not what happened."""
    return article.text[t.end:t.end + 7].lower() in {"-based ", "-based,", "-based."}


def event_places(article: Article, places: list[Toponym]) -> list[Toponym]:
    """The places of a sentence that an event is about.

    Left out when the sentence names a more precise place: a country that contains it
    ("Syria's army routed rebels from Al-Qusayr": the event is at Al-Qusayr), a place
    that only says where an actor is based ("the Britain-based Observatory") and, when
    another place remains, a possessive one ("Damascus' ally Iran hailed the fall of
    Al-Qusayr": the event is at Al-Qusayr; Damascus only describes Iran).
    """
    plain = [t for t in places if not _possessive(article, t) and not _based(article, t)]
    if plain:
        places = [t for t in places if not _possessive(article, t)]
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
        if not is_news_sentence(article, sentence):
            continue
        category = category_of(sentence.text)
        if category is None:
            continue
        inside = within(toponyms, starts, sentence.start, sentence.end)
        named = [t for t in inside if t.text.replace("’", "'") not in DEMONYMS]
        referred = None
        if not [t for t in named if not _possessive(article, t) and not _based(article, t)]:
            earlier = toponyms[:bisect.bisect_left(starts, sentence.start)]
            referred = antecedent(sentence, earlier)
        if referred is not None:
            named.append(referred[1])
        places = event_places(article, named)
        if not places:
            continue
        events.extend(_records(article, sentence, places, inside, category, when, referred,
                               parser.model.common))  # fmt: skip
    return events


def _records(article: Article, sentence: Sentence, places: list[Toponym],
             inside: list[Toponym], category: str, when: SentenceDate,
             referred: tuple[str, Toponym] | None = None,
             common: frozenset[str] = frozenset()) -> list[Event]:
    event_id = f"s{sentence.index}-{_slug(places[0].place.name)}"
    actors = actors_of(sentence.text, inside, sentence.start, common)
    reported = reporters(sentence.text, article.outlet)
    seen: set[str] = set()
    out = []
    for t in places:
        if t.place.id in seen:
            continue
        seen.add(t.place.id)
        anaphor = referred is not None and t is referred[1]
        weight = ANAPHORA_WEIGHT if anaphor else 1.0
        how = t.reason
        if referred is not None and anaphor:
            how = f"\"{referred[0]}\" read as {t.text}, named earlier"
        out.append(Event(
            event_id=event_id,
            place_id=t.place.id,
            place_role="site" if anaphor else _role(article, t),
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
            confidence=round(min(1.0, t.score) * when.weight * weight, 3),
            date_phrase_start=when.phrase_start,
            note=f"proposed by the geoparser; place: {how}",
        ))
    return out

