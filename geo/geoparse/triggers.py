"""The signal word that makes a sentence an event, and the category it signals.

A signal word (``geo.categories.TRIGGER_ORDER``, the most specific category first,
"other" last) counts when it tells of something that happened: not after "will",
"could", "whether", "no" (future, hypothetical, negated), not what is feared, denied,
hedged or conditional, not what someone says will happen, not an event named again
("the fire"), and not in generic sentences or questions. Topic words re-label broad
categories ("died of bird flu": health). :mod:`geo.geoparse.propose` reads every
sentence with :func:`trigger_of`.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

# The regular-expression parser, to read the literal start of each signal word: a private
# module of the standard library, so without it every category is simply read in every
# sentence (the same matches, slower) rather than failing.
try:
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - before Python 3.11, or a later rename
    try:
        import sre_parse as _sre_parse  # type: ignore[no-redef]
    except ImportError:
        _sre_parse = None  # type: ignore[assignment]

from geo.categories import TOPICS, TRIGGER_ORDER

# Broad categories: a topic word of the sentence re-labels them ("died of bird flu").
BROAD = frozenset({"battle", "other", "statement", "humanitarian"})
# Words that only say someone spoke: an event when a named speaker says it ("the army
# said"), not "he said" after a quote.
SPEECH_ONLY = frozenset({"said", "says", "told", "reported", "noted", "claimed"})
_SPEECH_OR_WARNING = SPEECH_ONLY | {"warned", "warns", "warn"}
# What a category is when no signal word of a specific one is found.
OTHER = "other"
_CATEGORY_RES = tuple(
    (category, re.compile(r"\b(?:" + "|".join(words) + r")\b"))
    for category, words in TRIGGER_ORDER  # geo.categories: most specific first
)


def _word_keys(pattern: str | _sre_parse.SubPattern) -> set[str]:
    """The first (up to three) word characters a match of ``pattern`` may start with:
    one string for a literal start ("shell(?:ed|ing)": "she"), one per alternative for a
    group of literal words ("(?:taken|flown) to": "tak", "flo"); none when not known."""
    if _sre_parse is None:
        return set()
    items = _sre_parse.parse(pattern) if isinstance(pattern, str) else pattern
    start = ""
    for op, value in items:
        if op is _sre_parse.LITERAL and (chr(value).isalnum() or chr(value) == "_"):
            start += chr(value)
            if len(start) == 3:
                break
            continue
        if not start and op is _sre_parse.BRANCH:  # "(?:taken|flown) to" starts so
            keys = [_word_keys(alternative) for alternative in value[1]]
            if all(keys):
                return set().union(*keys)
        break
    return {start} if start else set()


def _category_keys(groups: Sequence[tuple[str, Sequence[str]]]) -> tuple[
        dict[str, frozenset[int]], frozenset[int], tuple[int, ...]]:
    """Which categories (by index in ``groups``) a word may start a signal word of, by the
    word's first characters; the categories to read in every sentence; the key lengths."""
    keys: dict[str, set[int]] = {}
    always: set[int] = set()
    for i, (_, words) in enumerate(groups):
        for word in words:
            starts = _word_keys(word)
            for key in starts:
                keys.setdefault(key, set()).add(i)
            if not starts:
                always.add(i)
    return ({k: frozenset(v) for k, v in keys.items()}, frozenset(always),
            tuple(sorted({len(k) for k in keys})))


# A signal word starts a word, so a category can only match in a sentence one of whose
# words starts as one of its signal words does: one pass over the words picks the few
# categories worth searching for (the same matches, a fraction of the time).
_CATEGORY_KEYS, _ALWAYS_READ, _KEY_LENGTHS = _category_keys(TRIGGER_ORDER)
_WORDS = re.compile(r"\w+")


def _possible_categories(low: str) -> frozenset[int]:
    """The indices in :data:`_CATEGORY_RES` of the categories that may match in ``low``."""
    found = set(_ALWAYS_READ)
    for word in set(_WORDS.findall(low)):
        for n in _KEY_LENGTHS:
            hit = _CATEGORY_KEYS.get(word[:n])
            if hit is not None:
                found |= hit
    return frozenset(found)


_TOPIC_RES = tuple(
    (category, re.compile(r"\b(?:" + "|".join(words) + r")\b")) for category, words in TOPICS
)
# A signal word after one of these (in the same clause) tells of what may, will or would
# happen, or asks whether it did: no event.
_UNREAL = re.compile(
    r"\b(?:will|would|could|should|might|may|shall|can|won['’]t|wouldn['’]t|going to|plans? to|"
    r"planned to|expected to|set to|hopes? to|wants? to|whether|if|unless|to be|aims? to|"
    r"scheduled to|likely to|how|why|no|never|"
    # what is to be kept from happening: "to avoid a massacre", "to prevent an epidemic"
    r"avoid|avoids|avoided|avoiding|prevent|prevents|prevented|preventing|avert|averted|"
    r"averting|stave off|ward off|probably|perhaps|possibly|heading for|"
    r"heading towards|on course to|on track to|about to|none|nobody|no one|neither|"
    r"(?:it is|it['’]s|is) likely|(?:the|a) proposed|couldn['’]t|can['’]t|cannot|"
    r"(?:risk|risks|danger|threat|chance|chances|likelihood|possibility) of)\b"
    r"[^.;:!?]{0,30}$"
)
# "None of the wells tested in the county have been contaminated": a subject that denies,
# however long.
_NONE_OF = re.compile(r"\b(?:none|neither) of\b[^.;:!?]{0,80}$")
# "if Israel released prisoners ... in a deal": a condition runs to the next comma.
_CONDITION = re.compile(r"\b(?:if|unless|whether)\b[^.;:!?,]{0,100}$")
# "was not injured", "wasn't hurt": denied, right before the signal word ("must not forget
# that Hamas seized": the denial is another verb's).
_DENIED = re.compile(r"(?:\bnot|n['’]t)\s+(?:\w+ly\s+)?(?:(?:been|be|get|got)\s+)?$"
                     # "haven't had to consider layoffs": what was not done
                     r"|(?:\bnot|n['’]t)\s+(?:had|have|has|needed|need)\s+to\s+\w+\s+"
                     r"(?:\w+\s+)?$")
# What someone fears, warns of or predicts ("Experts warned that an epidemic in the north
# would ..."): the clause after it tells of what may happen.
_FEARED = re.compile(r"\b(?:(?:warn(?:s|ed)?|fear(?:s|ed)?|predict(?:s|ed)?|worr(?:y|ies|ied)"
                     r"|suggest(?:s|ed)?|recommend(?:s|ed)?)\s+(?:that\s+)?|"
                     # "was concerned that the tax would": a worry, not "a concerned citizen"
                     r"(?:is|are|was|were|been|remains?|remained)\s+(?:\w+\s+)?concerned\s+"
                     r"that\s+|(?:forecast(?:s|ed)?|"
                     r"expect(?:s|ed)?)\s+that\s+)[^.;:!?]{0,80}$")
# "Business leaders were positive about the budget's promise to cut taxes": an opinion of
# an event told elsewhere, not a report of it.
_EVALUATED = re.compile(r"\b(?:is|are|was|were)\s+(?:also\s+|generally\s+|very\s+)?"
                        r"(?:positive|negative|pleased|happy|unhappy|optimistic|pessimistic|"
                        r"critical|supportive|sceptical|skeptical|enthusiastic)\s+"
                        r"(?:about|of|with|over)\s+[^.;:!?]{0,80}$")
# What should, could or would have happened ("suggested the government should have looked
# at cutting the sales tax"): a counterfactual, an opinion of what was not done.
_COUNTERFACTUAL = re.compile(r"\b(?:should|could|would|might|ought to)\s+have\s+"
                             r"(?:been\s+)?\w+(?:ed|en|wn|ne|nt|ght)\b"
                             # within its clause ("could have gone in where we found him")
                             r"(?:(?!\b(?:where|when|after|before|because|who|which|while)\b)"
                             r"[^.;:!?,]){0,100}$")
# A judgment of someone for what they did ("couldn't fault the government for putting more
# money into hospitals", "praised the crews for"): an opinion, not a report; not the
# passive ("the storm was blamed for accidents"), which reports what caused them.
_JUDGED = re.compile(r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bis )(?<!\bare )"
                     r"\b(?:fault(?:s|ed)?|blam(?:e|es|ed)|credit(?:s|ed)?|prais(?:e|es|ed)|"
                     r"critici[sz](?:e|es|ed)|applaud(?:s|ed)?|commend(?:s|ed)?)\s+"
                     r"[^.;:!?]{0,60}?\bfor\s+[^.;:!?]{0,80}$")
# "part of a trend that started ten years ago": what started is a trend, not one event.
_TREND_SUBJECT = re.compile(r"\btrends?\s+(?:that|which)\s+(?:\w+\s+)?$")
# "Drivers are urged to watch out", "Residents were told to boil water": advice to the
# public, what they should do, not what happened.
_ADVICE = re.compile(r"\b(?:are|is|were|was)\s+(?:being\s+|also\s+|again\s+)?(?:urged|"
                     r"advised|asked|encouraged|warned|told|reminded)\s+to\s+(?!the\b|a\b|an\b|"
                     r"reporters\b|journalists\b)")
# "The epidemic is the worst outbreak in Africa for years": a ranking of an event told
# elsewhere, not an event.
_RANKED = re.compile(
    r"\b(?:is|was|are|were|be|been|becomes?|became|remains?)\s+(?:now\s+|also\s+|still\s+)?"
    r"(?:the|its|their|[a-z]+['’]s)\s+(?:\w+\s+)?(?:worst|largest|biggest|deadliest|"
    r"most\s+\w+|highest|lowest|greatest|smallest|heaviest|strongest|latest)\b[^.;:!?]{0,40}$")
# "layoff policies", "a smoke alarm", "flood insurance": a signal word in the singular
# before one of these names the kind of a thing, not something that happened (a verb,
# "announced plans", "burning permits", is no modifier; "the unemployment rate fell" is).
_THING_HEAD = re.compile(
    r"(?<!ed)(?<!ing)(?<!s)\s+(?:polic(?:y|ies)|plans?|laws?|insurance|departments?|"
    r"stations?|trucks?|alarms?|detectors?|prevention|safety|programs?|programmes?|funds?|"
    r"zones?|codes?|drills?|kits?|preparedness|suppliers?|resources|industry|sector|"
    r"equipment|regulations|standards|protocols?|procedures|guidelines|permits?)\b")
# "the fire", "such a deal": an event told before, named again (its news is elsewhere).
_KNOWN = re.compile(r"\b(?:the|this|that|such a|such an)\s+$")
# A signal word that opens with its subject ("the board decided"): "the" is the subject's,
# not an event named again.
_SUBJECT_AND_VERB = re.compile(r"\w+(?:\s+\w+)*\s+\w+ed")
# What someone says will, would or could happen ("said a front will likely produce").
_UNREAL_SPEECH = re.compile(
    r"[^.;:!?]{0,50}?\b(?:will|would|could|should|might|may|is expected to|are expected to|"
    r"won['’]t|wouldn['’]t|couldn['’]t|no one|nobody|never|believes?|thinks?|hopes?|"
    r"feels?|has seen signs|is optimistic|is confident)\b"
)
# "The rain should taper off Wednesday night, forecasters said.": what is said, before the
# speech word, is a forecast or a hypothesis.
_UNREAL_BEFORE_SPEECH = re.compile(
    r"\b(?:will|would|could|should|might|may|won['’]t|wouldn['’]t|is expected to|"
    r"are expected to)\b[^.;:!?]{0,200}$"
)
# Sentences that say what is usual, not what happened.
_GENERIC = re.compile(r"\b(?:are|is) (?:frequent|common|rare|usually|often|typically|"
                      r"generally)\b|\b(?:every year|each year|annually)\b"
                      # What happens as a habit ("The river usually floods in spring"),
                      # not "an usually wet March" (a typo of "unusually": a modifier).
                      r"|(?<!\ban )(?<!\ba )(?<!\bthe )\b(?:usually|typically|routinely|"
                      r"regularly|normally|traditionally|tends? to|on average)\b"
                      r"|\b(?:every|each) (?:day|week|month|season|summer|winter|spring|"
                      r"autumn|fall|monsoon|weekend|night|morning)\b")


# A trend or a tally of many events over years ("Shootings have risen over the past
# decade", "has been hit by several deadly floods"), not one event; unless the sentence
# names a day of its own ("the worst flood in recent years struck on Monday").
_TREND = re.compile(
    r"\b(?:in recent (?:years|decades|months)|over the (?:past|last) (?:\w+ )?(?:years?|"
    r"decades?)|for (?:years|decades)|in the past (?:\w+ )?(?:years|decades))\b"
    r"|\b(?:has|have) (?:been \w+ (?:by|for) |seen |suffered |had )?(?:several|many|numerous|"
    r"repeated|frequent|multiple|a series of|a string of|a spate of|a number of|dozens of)\b")
# Words without which neither pattern can match (keep them in step with the patterns;
# tests/test_trigger_prefilter.py): a plain search for them is much faster, and most
# sentences have none.
_GENERIC_WORDS = re.compile(r"frequent|common|rare|usual|often|typical|general|every|each|"
                            r"annual|routine|regular|normal|tradition|tend|on average")
_TREND_WORDS = re.compile(r"year|decade|month|several|many|numerous|repeated|frequent|"
                          r"multiple|series of|string of|spate of|number of|dozens of")
_A_DAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                    r"yesterday|today|tonight|overnight|(?:jan|feb|mar|apr|may|jun|jul|aug|"
                    r"sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b)")


# "Good luck at the tournament this weekend!": the writer speaks to the reader (a wish, a
# cheer), not a report; an exclamation inside a quotation is someone's words.
_EXCLAIMED = re.compile(r"^[^\"“”‘’]*!\s*$")
# A sentence more than this share of which is inside quotation marks is direct speech.
QUOTED_SHARE = 0.5
_QUOTES = re.compile(r"[“\"][^“”\"]*[”\"]|[“\"][^“”\"]*$")


# A speaker named by an office ("said Governor Jo Reyes", "a police spokeswoman said"):
# what an official says in their own words is a statement a reader maps, unlike the words
# of a witness, a neighbour or a player.
_OFFICE = re.compile(r"\b(?:(?:[Mm]ayor|[Gg]overnor|[Pp]resident|[Mm]inister|[Pp]remier|"
                     r"[Ss]ecretary|[Ss]enator|[Cc]ommissioner|[Cc]hief|[Oo]fficer|"
                     r"[Ss]pokes(?:man|woman|person)|[Dd]irector|[Mm]anager|[Ss]uperintendent|"
                     r"[Ss]heriff|[Cc]hair(?:man|woman)?|[Cc]ouncill?or|[Cc]ouncil(?:wo)?man|"
                     r"[Ii]nspector|[Ss]ergeant|[Ll]ieutenant|[Cc]aptain|"
                     r"[Mm]arshal|[Pp]rosecutor|[Aa]ttorney|[Cc]oroner|[Oo]fficial)s?\b"
                     # "Sgt. Don Yarbrough", "Gov. Jo Reyes": an abbreviation ends at its dot
                     # (no word boundary after it)
                     r"|(?:Gov|Sen|Sgt|Lt|Capt|Det|Insp|Supt)\.)")


# The end of a quotation opened in a sentence before: text, then a closing mark after
# punctuation.
_CLOSING = re.compile(r"^[^“”\"]*[,.!?][”\"]")


def official_speaks(sentence: str) -> bool:
    """Whether the words outside the sentence's quotations name a speaker by an office
    ("\"...,\" said Governor Jo Reyes"; "Fire officer Jo Reyes says: \"...\"")."""
    closing = _CLOSING.match(sentence)  # 'over," said Governor Jo Reyes': a quotation's end
    return bool(_OFFICE.search(_QUOTES.sub(" ", sentence[closing.end():] if closing
                                           else sentence)))


def quoted_share(sentence: str) -> float:
    """The share of the sentence's characters inside quotation marks (an opening mark
    without its closing one runs to the end: a quote goes on in the next sentence)."""
    if not sentence:
        return 0.0
    return sum(m.end() - m.start() for m in _QUOTES.finditer(sentence)) / len(sentence)


@dataclass(frozen=True)
class Trigger:
    """The word that makes a sentence an event, and the category it signals."""

    category: str
    word: str
    start: int  # offsets in the sentence
    end: int
    told_again: frozenset[str] = frozenset()  # categories of events named again ("the fire")
    own: str = ""  # the word's own category, before a topic re-labels it ("died": battle)


def trigger_of(sentence: str, told: Container[str] | None = None) -> Trigger | None:
    """The first category whose signal word occurs in the sentence as something that
    happened (not after "will", "could", "whether"...), or None.

    Categories are tried in order (the most specific first), "other" last. ``told``: the
    categories of the events the article has told so far, when known; a definite mention
    of another ("The storm made landfall in Jamaica", opening a story) is news, not an
    event named again.
    """
    if told is None:
        found = _every_trigger(sentence)
        return found[0] if found else None
    return next(_real_triggers(sentence, told), None)


def real_triggers(sentence: str, told: Container[str] | None = None) -> Iterator[Trigger]:
    """Every signal word of the sentence that tells of something that happened, by
    category in the order of :func:`trigger_of` (its first is :func:`trigger_of`'s);
    none for a question or a generic sentence. :mod:`geo.geoparse.categorise` reads on
    past the first when its category does not fit the story."""
    return iter(_every_trigger(sentence)) if told is None else _real_triggers(sentence, told)


@lru_cache(maxsize=4)
def _every_trigger(sentence: str) -> tuple[Trigger, ...]:
    """:func:`real_triggers` without ``told``, kept for the few sentences read last: the
    proposer reads a sentence's first trigger and categorise all of them, one after the
    other (the cache is that small so that it serves only that second reading)."""
    return tuple(_real_triggers(sentence, None))


def _not_real(low: str, start: int, end: int) -> bool:
    """Whether the word at ``low[start:end]`` tells of what did not happen: advice, a
    ranking, an opinion, a trend, what is feared, denied or conditional."""
    window = max(0, start - 120)  # bounded look-back: linear time
    return bool(
        _ADVICE.search(low, max(0, start - 20), end + 4)  # "Drivers are urged to"
        or _RANKED.search(low, window, start)  # "is the worst outbreak in Africa"
        # "should have cut the tax", "couldn't fault them for": opinions
        or _COUNTERFACTUAL.search(low, window, start) or _JUDGED.search(low, window, start)
        or _EVALUATED.search(low, window, start)
        or _TREND_SUBJECT.search(low, max(0, start - 40), start)  # "a trend that started"
        # "warned that an epidemic would": feared, not happened
        or _FEARED.search(low, window, start) or _NONE_OF.search(low, window, start)
        or _DENIED.search(low, window, start) or _CONDITION.search(low, window, start))


def _not_news(sentence: str, low: str) -> bool:
    """A question, a generic sentence, a trend over years, an exclamation to the reader."""
    return sentence.rstrip().endswith("?") or bool(
        _GENERIC_WORDS.search(low) and _GENERIC.search(low)) or bool(
        _TREND_WORDS.search(low) and _TREND.search(low) and not _A_DAY.search(low)) or bool(
        sentence.rstrip().endswith("!") and _EXCLAIMED.search(sentence))


def _real_triggers(sentence: str, told: Container[str] | None) -> Iterator[Trigger]:
    low = sentence.lower()
    if _not_news(sentence, low):
        return  # "Good luck this weekend!": to the reader; "clashes are frequent"
    again: set[str] = set()
    possible = _possible_categories(low)
    for i, (category, pattern) in enumerate(_CATEGORY_RES):
        if i not in possible:
            continue  # none of its signal words can start any word of the sentence
        for m in pattern.finditer(low):
            window = max(0, m.start() - 120)  # bounded look-back: linear time
            if _UNREAL.search(low, window, m.start()) or (
                    m.start() > 0 and sentence[m.start()].isupper()
                    and sentence[m.start() - 1] not in "\"“'‘("):
                continue  # "Fire Department", "Blaze Ayers": a name, not the word
            if _THING_HEAD.match(low, m.end()):
                continue  # "layoff policies": a kind of thing, no event
            if _not_real(low, m.start(), m.end()):
                continue
            if category == "statement" and low[m.start():m.end()] in _SPEECH_OR_WARNING and (
                    _UNREAL_SPEECH.match(low, m.end())
                    or _UNREAL_BEFORE_SPEECH.search(low, max(0, m.start() - 200), m.start())):
                continue  # "the Weather Service said a front will bring rain"
            if _KNOWN.search(low, window, m.start()) and (told is None or category in told) \
                    and not _SUBJECT_AND_VERB.fullmatch(low, m.start(), m.end()):
                again.add(category)
                continue
            kind = category
            if category in BROAD:
                topic = next((c for c, p in _TOPIC_RES if p.search(low)), None)
                kind = topic or category
            yield Trigger(kind, sentence[m.start():m.end()], m.start(), m.end(),
                          frozenset(again), category)
            break  # one trigger per category: the next category's


def category_of(sentence: str) -> str | None:
    """The category of the sentence's event (see :func:`trigger_of`), or None."""
    trigger = trigger_of(sentence)
    return trigger.category if trigger else None


# A finite verb in the past, for a sentence with no signal word (:func:`past_report`):
# "he retired", "the council granted", "Egypt proposed", "Flags flew", "were taken",
# "had also been painted". A regular past ends in -ed (not -eed: "need");
# after "was", "has" or "had" a participle may be irregular ("were taken").
_IRREGULAR_PAST = (r"flew|took|went|made|gave|left|lost|won|began|came|met|held|sent|brought|"
                   r"bought|fell|rose|struck|led|ran|broke|built|caught|chose|drove|fled|fought|"
                   r"grew|kept|paid|sold|spent|stood|stole|threw|wrote|shot|spoke|became|got|"
                   r"sought|taught|saw|swore|tore|hung|drew|sank|rang|put|set|hit|cut|shut")
_IRREGULAR_PARTICIPLE = (r"taken|given|made|held|sent|brought|built|caught|kept|paid|sold|spent|"
                         r"stolen|thrown|written|shot|put|set|hit|cut|shut|led|left|lost|won|"
                         r"begun|met|struck|fought|fled|bought|broken|chosen|driven|done|seen|"
                         r"torn|sworn|hung|drawn|grown|run|flown|fallen|risen|sunk|spoken")
_ADVERB = r"(?:(?:also|then|later|since|just|already|once|first|again|\w{3,}ly)\s+)"
_PAST_VERB = re.compile(
    # "was taken", "had also been painted": a passive or past perfect (not "has slowed":
    # a present perfect takes no date of its own, so the sentence's is another clause's)
    r"\b(?:was|were|had)\s+" + _ADVERB + r"{0,2}(?:been\s+" + _ADVERB + r"?)?"
    r"(?P<pp>\w{2,}[^\We]ed|" + _IRREGULAR_PARTICIPLE + r")\b"
    # "the board named", "he retired", "Egypt proposed", "Flags flew": after a subject
    r"|\b(?P<subject>\w+)\s+" + _ADVERB + r"?(?P<v>\w{2,}[^\We]ed|" + _IRREGULAR_PAST
    + r")\b")
# Words before an -ed word that make it an adjective or a participle, not a finite verb
# ("the injured", "a proposed", "of detailed", "is based"), and -ed words that tell of a
# state, a wish or a thought rather than something that happened, or only of how someone
# spoke ("argued", "recalled": a statement's own signal words and rules say when that is
# news).
_NOT_SUBJECT = frozenset(
    "a an the this that these those his her its their our my your some any no every each all "
    "both many few several more most much other such of in on at for with by from to into onto "
    "over under about after before during since until than as like very so too not never is "
    "are be been being am was were had has have would could should will may might must can "
    "get gets and or but nor yet if when while because although though newly well ill "
    # a copula before a participle that is an adjective ("remain unconfirmed")
    "remain remains remained seem seems seemed appear appears appeared become becomes "
    "stay stays stayed look looks looked".split())
_STATES = frozenset(
    "needed wanted seemed appeared included remained lived belonged contained owned liked "
    "loved hoped planned expected wished used based related located concerned interested "
    "supposed scheduled aged estimated believed considered required continued lasted "
    "hundred kindred sacred naked wicked rugged ragged crooked beloved wretched learned "
    "talented skilled married tired worried pleased excited surprised shocked "
    "scared involved qualified experienced detailed limited united advanced supported "
    "noted stated added explained described asked answered replied called titled argued "
    "insisted suggested wondered questioned commented remarked acknowledged admitted "
    "recalled mentioned maintained contended reiterated responded urged assured stressed "
    "emphasised emphasized predicted estimated guessed assumed reasoned pointed warned "
    "suspected feared doubted designed seen quoted updated "
    # a change of a quantity ("the rate increased"): a statistic, not a deed
    "increased decreased declined dropped climbed jumped slipped soared plunged doubled "
    "tripled "
    "entitled featured compared tended intended allowed numbered totalled totaled measured "
    "weighed averaged ranged ranked".split())
# "ruled out foul play", "played down the risk": what is dismissed did not happen.
_DISMISSAL = re.compile(r"\s+(?:out|down|off|aside)\b")
_DISMISSING = frozenset({"ruled", "played", "brushed", "laughed"})
_AMOUNT_MOVED = re.compile(r"went\s+(?:up|down)\b")  # "the rate went up": a statistic
_PERFECT_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?$")


def past_report(sentence: str) -> Trigger | None:
    """The finite past-tense verb that makes a sentence with no signal word an event, as
    category "other" (a topic word re-labels it), or None.

    A careful reader maps what a dated sentence says was done, whatever the verb ("Two
    weeks ago, the board named her sole finalist", "Flags flew at half-staff yesterday",
    "Samples were taken on August 28"); a word list never holds every verb. The caller
    asks this only of a sentence with a date of its own, not after publication; the
    verb must lie outside quotation marks and pass the checks of a signal word (not
    after "will", "if", "not", not feared, advised, ranked or judged), in a sentence
    that is not a question, generic or a trend. Words that say only how someone spoke
    ("noted", "added") or of a state ("remained", "was based") are left out.
    """
    low = sentence.lower()
    if _not_news(sentence, low):
        return None
    closing = _CLOSING.match(low)  # 'this is it.”': a quotation opened before ends
    masked = " " * closing.end() + low[closing.end():] if closing else low
    masked = _QUOTES.sub(lambda m: " " * len(m.group()), masked)
    for m in _PAST_VERB.finditer(masked):
        group = "pp" if m.group("pp") else "v"
        start, end = m.start(group), m.end(group)
        word = low[start:end]
        if word in _STATES or _AMOUNT_MOVED.match(low, start) or (group == "v" and (
                m.group("subject") in _NOT_SUBJECT or m.group("subject").isdigit()
                # "has so far kept": a present perfect
                or _PERFECT_BEFORE.search(low, max(0, m.start() - 30), m.start()))) or (
                word in _DISMISSING and _DISMISSAL.match(low, end)) or (
                start > 0 and sentence[start].isupper()):  # "Ibrahim Hamed": a name
            continue
        if _UNREAL.search(low, max(0, start - 120), start) or _not_real(low, start, end):
            continue
        topic = next((c for c, p in _TOPIC_RES if p.search(low)), None)
        return Trigger(topic or OTHER, sentence[start:end], start, end, frozenset(), OTHER)
    return None
