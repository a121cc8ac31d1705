"""The date of a sentence's event, and how sure that is.

:func:`sentence_dates` gives every sentence a date: its own date phrase; else a count
from the last day told ("Two days later, ..."); else the past month or year of the
sentence before when it goes on in the past tense ("first visited them in December
2004. The nuns gave them cash ..."); else the day of the last dated sentence (the one
before, or up to :data:`CARRY_SENTENCES` back in the same paragraph, or the one before
that when the sentence opens "That..."/"Then..."); else the story's day
(:func:`story_day`, never a day of a planned clause); else the week up to publication
(an undated report is of something recent, not of the publication day itself).
:func:`pick_date` chooses, among a sentence's date phrases, the one nearest its signal
word (a date of speaking counts less, a date of birth or founding far less), joins
"Saturday until Sunday", takes the later period of "from X in 2008 to Y in 2009", reads
a month that would fall more than :data:`FUTURE_DAYS` after publication as the year
before, and drops a clause dated after publication otherwise (a plan).
:func:`clause_date` gives a place named in a clause with a date phrase of its own that
date ("visited a clinic on October 5 before going to a hospital in Glasgow on October
6"). Used by :mod:`geo.geoparse.propose`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date as date_
from datetime import timedelta
from typing import TYPE_CHECKING

from geo.article import Article, Sentence
from geo.dates import APPROXIMATE, DAY, RANGE, DateMention, ResolvedDate
from geo.events import CONTEXT_RULE_PREFIX
from geo.geoparse.spans import within
from geo.geoparse.triggers import Trigger

if TYPE_CHECKING:
    from geo.geoparse.toponyms import Toponym

FALLBACK_RULE = (CONTEXT_RULE_PREFIX + " no date in the sentence or the story; the week up "
                 "to the publication date (fallback)")
STORY_RULE = CONTEXT_RULE_PREFIX + " no date in the sentence; the story's day"
# How far before publication a story's day and an undated event may lie: news of a daily
# paper tells what happened in the last days, and the annotated set reads undated recent
# events as the week before publication.
RECENT_DAYS = 7
CARRIED_RULE = CONTEXT_RULE_PREFIX + " no date in the sentence; date of the sentence before"
BACKGROUND_RULE = (CONTEXT_RULE_PREFIX + " no date in the sentence; the past month or year "
                   "of the sentence before, whose story it goes on telling")
# A sentence that tells of now (present, present perfect, future): not the past story of
# the sentence before.
_NOW = re.compile(r"\b(?:is|are|has|have|says|say|will|would|can|cannot|may|might|must|"
                  r"does|do|doesn['’]t|don['’]t|"
                  r"remains?|continues?|now|today|currently|still|['’]s|['’]re|['’]ve)\b")
# "since" in the clause before a date phrase: the start of a count.
_SINCE_BEFORE = re.compile(r"\bsince\b[^,;:.]*$")
_GOES_ON = re.compile(r"(?:That|This|These|Those|Then|Later|Afterwards|Subsequently)\b")
# How far a day carries: to the next sentence, and on within its paragraph (the story goes
# on there), not for the whole text.
CARRY_SENTENCES = 6


@dataclass(frozen=True)
class SentenceDate:
    """The date an event gets, and how sure that is."""

    resolved: ResolvedDate
    phrase_start: int | None
    rule: str
    weight: float  # 1 explicit, lower for carried or fallback dates


def sentence_dates(article: Article, dates: list[DateMention]) -> list[SentenceDate]:
    """The date of every sentence: explicit (a month and day beyond publication read as
    last year's); else counted from the last day told when its first clause says so
    ("Two days later", "the next day"); else, in the sentence right after one dated to
    a month or year long past, that date when it goes on in the past tense (not a
    sentence of now: "is", "has", "will"); else carried from the last sentence with a
    day of its own, if it is the sentence before or up to :data:`CARRY_SENTENCES` back in
    the same paragraph; else the story's day (:func:`story_day`); else, when the article
    gives no recent day, the week up to publication (fallback): an undated report is of
    something recent, not of the publication day itself."""
    dates = sorted(dates, key=lambda m: m.start)
    fallback = story_day(article, dates)
    out: list[SentenceDate] = []
    last: tuple[int, SentenceDate] | None = None  # the last explicit day, and its sentence
    background: tuple[int, SentenceDate] | None = None  # a month or year long past
    anchor: SentenceDate | None = None  # the last day told, which "two days later" counts on
    starts = [m.start for m in dates]
    for i, s in enumerate(article.sentences):
        inside = within(dates, starts, s.start, s.end)
        if inside:
            m = inside[0]
            current = SentenceDate(m.date, m.start, m.date.rule, 1.0)
            if m.date.start > article.published and m.date.rule in _NEAREST_YEAR_RULES and \
                    m.date.start - article.published > timedelta(days=FUTURE_DAYS):
                # "The story, broadcast Sept. 28," in a March paper: last September's, also
                # when the next sentences carry it (as :func:`pick_date` reads it).
                current = SentenceDate(replace(m.date, start=_year_before(m.date.start),
                                               end=_year_before(m.date.end)), m.start,
                                       f"{m.date.rule}, the year before (a past event)", 1.0)
            if m.date.precision == DAY:
                last, background = (i, current), None
            elif m.date.end < article.published - timedelta(days=RECENT_DAYS) and \
                    not _SINCE_BEFORE.search(s.text, max(0, m.start - s.start - 80),
                                             m.start - s.start):
                # "first visited them in December 2004"; not "has stepped up pressure since
                # the war last August": the start of a count tells no past story
                background = (i, current)
            # "on October 5 ..., to Glasgow on October 6. Two days later, ...": a count
            # goes on from the last day the sentence tells.
            told = [x for x in inside
                    if x.date.precision == DAY and x.date.start <= article.published]
            anchor = SentenceDate(told[-1].date, told[-1].start, told[-1].date.rule, 1.0) \
                if told else None
        elif last is not None and anchor is not None and i - last[0] <= CARRY_SENTENCES \
                and (shifted := _shifted(s, anchor)) is not None:
            current = shifted  # "Two days later, she was flown to London"
            last, anchor = (i, current), current
        elif background is not None and i - background[0] == 1 and \
                not _NOW.search(s.text):
            # "Prosecutors said the nuns gave them cash ...": the past story goes on in the
            # past tense, for one sentence; not what is, has been or will be now.
            current = SentenceDate(background[1].resolved, background[1].phrase_start,
                                   BACKGROUND_RULE, 0.7)
        elif last is not None and (i - last[0] == 1 or (
                i - last[0] <= CARRY_SENTENCES
                and article.sentences[last[0]].paragraph == s.paragraph)):
            current = SentenceDate(last[1].resolved, last[1].phrase_start, CARRIED_RULE, 0.7)
        elif out and out[-1].rule == CARRIED_RULE and _GOES_ON.match(s.text):
            current = out[-1]  # "That led to ...": the story of the sentence before goes on
        else:
            current = fallback
        out.append(current)
    return out


# "Two days later, ...", "a week earlier", "the next day": counted from the day of the
# story told before, not from publication. Not "two days after the fire" (counted from
# what the sentence names) nor "later this week".
_SHIFT = re.compile(r"(?i:\b(?P<num>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|"
                    r"ten|several|a\s+few)\s+(?P<unit>day|week|month|year)s?\s+"
                    r"(?P<dir>later|earlier)\b|\bthe\s+(?P<next>next|following|previous)\s+"
                    r"(?:day|morning|afternoon|evening|night)\b)(?!\s+(?i:this|that|than)\b)")
_FIRST_CLAUSE_ENDS = re.compile(r"[,;:]|\band\b")
SHIFT_RULE = "counted from the day of the story before"


def _shifted(sentence: Sentence, anchor: SentenceDate) -> SentenceDate | None:
    """The day of a sentence that counts from the story's last day ("Two days later")."""
    m = _SHIFT.search(sentence.text)
    if m is None or anchor.resolved.precision != DAY or _FIRST_CLAUSE_ENDS.search(
            sentence.text, 0, m.start()):
        # "were detained, and released a day later": counted from the detention, an
        # event of the same sentence; only a count in the first clause is the sentence's.
        return None
    if m["next"]:
        days = -1 if m["next"].lower() == "previous" else 1
        precision = DAY
    else:
        n = m["num"].lower()
        count = int(n) if n.isdigit() else {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3,
                                             "four": 4, "five": 5, "six": 6, "seven": 7,
                                             "eight": 8, "nine": 9, "ten": 10, "several": 4,
                                             "a few": 3}.get(re.sub(r"\s+", " ", n), 1)
        unit = m["unit"].lower()
        days = count * {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
        days = -days if m["dir"].lower() == "earlier" else days
        precision = DAY if unit == "day" and n not in ("several", "a few") else APPROXIMATE
    day = anchor.resolved.start + timedelta(days=days)
    resolved = ResolvedDate(m.group(0), day, day, precision, SHIFT_RULE)
    return SentenceDate(resolved, sentence.start + m.start(),
                        f"{SHIFT_RULE} ({anchor.resolved.phrase or anchor.rule})", 0.8)


def story_day(article: Article, dates: list[DateMention]) -> SentenceDate:
    """The day of an undated sentence: the story's day, the first day-precise date of the
    article in the :data:`RECENT_DAYS` up to publication ("Firefighters were called
    Monday ..." dates the rest of the story), not one of a planned clause ("are expected
    to spend today sifting the debris"); without one, the week up to publication."""
    published = article.published
    # The calendar's first week has no week before it (published 0001-01-01).
    earliest = max(date_.min + timedelta(days=RECENT_DAYS), published) - timedelta(
        days=RECENT_DAYS)
    for m in dates:  # sorted by offset
        if m.date.precision == DAY and earliest <= m.date.start <= published and not \
                _PLANNED_BEFORE.search(article.text, max(0, m.start - 40), m.start):
            return SentenceDate(m.date, m.start, STORY_RULE, 0.6)
    week = ResolvedDate("", earliest, published, RANGE, "week-before-publication")
    return SentenceDate(week, None, FALLBACK_RULE, 0.6)

# A day in a clause of what is planned or expected ("Investigators are expected to spend
# today picking through debris", "will meet Friday") is not the day of the story's event.
_PLANNED_BEFORE = re.compile(r"\b(?:will|would|['’]ll|shall|expected to|plans? to|planned to|"
                             r"set to|scheduled to|going to|due to|hopes? to|is to|are to)\b"
                             r"[^.;:!?,]{0,30}$")
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|announced|reported|added|stated)\s+$")
# A date of someone's birth or of a body's founding ("born in 1950", "founded in 1886"):
# a fact about them, not the date of the event the sentence reports.
_BORN_BEFORE = re.compile(r"\b(?i:born|founded|established|built)\b(?:\s+\w+){0,3}"
                          r"\s+(?:in|on)\s+$")
# Date rules that read a month (and day) as the nearest year: a past event is in the past.
_NEAREST_YEAR_RULES = ("month-day-nearest-year", "month", "part-of-month")


# A month and day up to this many days after publication is a plan ("the March 21 state
# meet" in a paper of March 14); further on, last year's ("the August death" in April).
FUTURE_DAYS = 31
_COMPARED_FROM = re.compile(r"\bfrom\b[^.;:!?]{0,30}$")
_COMPARED_TO = re.compile(r"[^.;:!?]{0,50}?\bto\b[^.;:!?]{0,40}")
_RANGE_JOIN = re.compile(r"\s*(?:until|till|to|through|thru|-|–|—)\s*")


def _joined(sentence: Sentence, first: DateMention, last: DateMention) -> bool:
    """True when two date phrases make one span ("Saturday until Sunday")."""
    between = sentence.text[first.end - sentence.start:last.start - sentence.start]
    return _RANGE_JOIN.fullmatch(between) is not None


def _year_before(day: date_) -> date_:
    """The same day a year earlier; 29 February becomes the 28th ("February" read in a
    November paper is last February, whose last day is the 28th in most years)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


# "The crash came five days after the council announced ...": what follows the count
# happened that many days before the day of the sentence's main clause.
_DAYS_AFTER = re.compile(r"(?i:\b(?P<num>\d{1,2}|one|two|three|four|five|six|seven|eight|"
                         r"nine|ten|a)\s+(?P<unit>day|week)s?\s+after\s+)")
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_PUNCTUATION = re.compile(r"[,;:()]")
BACK_RULE = "counted back from the day of the sentence's main clause"


def _counted_back(sentence: Sentence, trigger: Trigger,
                  default: SentenceDate) -> SentenceDate | None:
    """The day of a signal word told after "five days after" in a sentence with no date
    phrase: that many days before the sentence's day, when that is a day."""
    m = _DAYS_AFTER.search(sentence.text, max(0, trigger.start - 200), trigger.start)
    if m is None or default.resolved.precision != DAY or _PUNCTUATION.search(
            sentence.text, m.end(), trigger.start):
        return None
    n = m["num"].lower()
    days = (int(n) if n.isdigit() else _COUNTS[n]) * (7 if m["unit"].lower() == "week" else 1)
    day = default.resolved.start - timedelta(days=days)
    resolved = ResolvedDate(m.group(0).strip(), day, day, DAY, BACK_RULE)
    return SentenceDate(resolved, sentence.start + m.start(),
                        f"{BACK_RULE} ({default.resolved.phrase or default.rule})", 0.8)


def pick_date(sentence: Sentence, trigger: Trigger, inside: list[DateMention],
              default: SentenceDate, published: date_) -> SentenceDate | None:
    """The date of the clause the trigger is in: of the sentence's date phrases, the one
    nearest the trigger ("arrested in March ... said Tuesday night": March for the arrest),
    a date that only says when someone spoke ("police said Thursday") counting less;
    without one, ``default`` (carried or publication date).

    A month read as the nearest year that falls after publication is the year before
    ("the August death" in an April paper); "since August 22" runs to publication. None
    when the clause's date lies after publication otherwise (a year or a weekday to come,
    a day within :data:`FUTURE_DAYS`): what is planned has not happened.
    """
    if not inside:
        return _counted_back(sentence, trigger, default) or default
    at = sentence.start + trigger.start

    def cost(m: DateMention) -> int:
        gap = m.start - (sentence.start + trigger.end) if m.start >= at else at - m.end
        cut = max(0, m.start - sentence.start)
        said = _SPEECH_BEFORE.search(sentence.text, max(0, cut - 20), cut)
        born = _BORN_BEFORE.search(sentence.text, max(0, cut - 40), cut)
        return max(gap, 0) + (200 if said else 0) + (400 if born else 0)

    m = min(inside, key=cost)
    compared = ""
    k = inside.index(m)
    if k + 1 < len(inside) and _COMPARED_FROM.search(
            sentence.text, max(0, m.start - sentence.start - 40), m.start - sentence.start) \
            and _COMPARED_TO.fullmatch(sentence.text, m.end - sentence.start,
                                       inside[k + 1].start - sentence.start):
        # "fell from $122,492 in 2008 to $110,416 in 2009": the news is the later period.
        m, compared = inside[k + 1], ", the later of a comparison"
    resolved, rule = m.date, m.date.rule
    # "from midday Saturday until Sunday": two phrases joined into one span.
    k = inside.index(m)
    pair = None
    if k + 1 < len(inside):
        pair = (m, inside[k + 1])
    if k and (pair is None or not _joined(sentence, *pair)):
        pair = (inside[k - 1], m)
    if pair is not None and _joined(sentence, *pair) \
            and pair[0].date.start <= pair[1].date.end:
        first, last = pair
        phrase = sentence.text[first.start - sentence.start:last.end - sentence.start]
        resolved = ResolvedDate(phrase, first.date.start, last.date.end, RANGE,
                                f"range: {first.date.rule} to {last.date.rule}")
        rule, m = resolved.rule, first
    if resolved.start > published:
        base = rule.removeprefix("since(").removesuffix(")")
        if base not in _NEAREST_YEAR_RULES or resolved.start - published <= timedelta(
                days=FUTURE_DAYS):
            return None  # "advanced to the March 21 state meet": a plan, not an event
        resolved = replace(resolved, start=_year_before(resolved.start),
                           end=_year_before(resolved.end))
        rule = f"{rule}, the year before (a past event)"
    if rule.startswith("since(") and resolved.end < published:
        resolved = replace(resolved, end=published, precision=RANGE)
        rule = f"{rule} to publication"
    return SentenceDate(resolved, m.start, rule + compared, 1.0)


# Where a clause ends: punctuation, or a word that opens another clause ("..., before
# deciding to go to X on October 6 where she was treated", "... told the radio this
# morning that the outbreak began at an event in Y on 18 and 19 August").
# "before", "after", "since", "until" open a clause with a verb ("before deciding to go",
# "after he left"), not with a noun ("since the invasion of Iraq in 2003": one clause).
_CLAUSE_BOUND = re.compile(r"[,;:()\u2013\u2014]|\s[-\u2013\u2014]\s|\b(?:where|when|while|whereas|"
                           r"because|although|though|which|who|whom|that|but)\b|"
                           r"\b(?:before|after|since|until)\s+(?=\w+ing\b|(?:he|she|they|it|we|"
                           r"I|you)\b)")
_COUNTED_SINCE = re.compile(r"\bsince\b")
CLAUSE_RULE = "the date of the place's own clause"


# What may stand beside a fronted date phrase in its own segment ("and on January 23,").
_FRONTED_FILLER = re.compile(r"\s*(?:(?:and|but|then|so)\s+)?(?:(?:on|in|at|by|during|early|"
                             r"late|later|earlier|then)\s+)*\W*", re.IGNORECASE)


def _clause_start(text: str, at: int, phrases: Sequence[tuple[int, int]]) -> int:
    """Where the clause holding offset ``at`` of ``text`` starts: after the last clause
    boundary before it (not a comma inside a date phrase, "March 1, 2006"), or before a
    date phrase fronted to it ("and on January 23, Canada announced": the date opens
    Canada's clause)."""
    bounds = [m for m in _CLAUSE_BOUND.finditer(text, 0, max(0, at))
              if not any(a <= m.start() < b for a, b in phrases)]
    if not bounds:
        return 0
    left = bounds[-1].end()
    previous = bounds[-2].end() if len(bounds) > 1 else 0
    fronted = [(a, b) for a, b in phrases if previous <= a and b <= bounds[-1].start()]
    if fronted and _FRONTED_FILLER.fullmatch("".join(
            text[x:y] for x, y in zip([previous] + [b for _, b in fronted],
                                      [a for a, _ in fronted] + [bounds[-1].start()],
                                      strict=True))):
        return previous
    return left


def clause_date(sentence: Sentence, place_start: int, place_end: int,
                inside: list[DateMention], chosen: SentenceDate, trigger: Trigger,
                published: date_) -> SentenceDate | None:
    """The date of the clause that names a place, when a sentence with two or more date
    phrases gives that clause one of its own other than the event's ("visited a clinic
    on October 5 before going to a hospital in Glasgow on October 6": Glasgow is of
    October 6). None when the place's clause has no date phrase, or the same one.

    ``place_start``/``place_end`` are offsets in the article; the date is read as
    :func:`pick_date` reads it (a month beyond publication is last year's; None for a
    clause dated after publication, which keeps the event's date).
    """
    if len(inside) < 2:
        return None
    text, base = sentence.text, sentence.start
    left = _clause_start(text, place_start - base, [(m.start - base, m.end - base)
                                                    for m in inside])
    bound = _CLAUSE_BOUND.search(text, place_end - base)
    right = base + (bound.start() if bound else len(text))
    # "killed since the invasion of Iraq in 2003": the start of a count, not the date of
    # what happened at the place.
    own = [m for m in inside if base + left <= m.start and m.end <= right
           and not _COUNTED_SINCE.search(text, left, m.start - base)
           # "Boulder police said Tuesday that a man was arrested in March": the day of
           # speaking is not the date of the place that qualifies the speaker
           and not _SPEECH_BEFORE.search(text, max(0, m.start - base - 20), m.start - base)
           and not _BORN_BEFORE.search(text, max(0, m.start - base - 40), m.start - base)]
    if not own or any(m.start == chosen.phrase_start for m in own):
        return None
    here = replace(trigger, start=place_start - base, end=place_end - base)
    dated = pick_date(sentence, here, own, chosen, published)
    if dated is None or dated is chosen or (dated.resolved.start, dated.resolved.end) == (
            chosen.resolved.start, chosen.resolved.end):
        return None
    return replace(dated, rule=f"{dated.rule}, {CLAUSE_RULE}")


def clause_dates(sentence: Sentence, named: Sequence[Toponym], inside: list[DateMention],
                 chosen: SentenceDate, trigger: Trigger,
                 published: date_) -> dict[str, SentenceDate]:
    """:func:`clause_date` of each place (by id) at its first mention in ``named``, for
    the places whose own clause dates them otherwise than ``chosen``."""
    out: dict[str, SentenceDate] = {}
    seen: set[str] = set()
    for t in named:
        if t.place.id in seen:
            continue
        seen.add(t.place.id)
        own = clause_date(sentence, t.start, t.end, inside, chosen, trigger, published)
        if own is not None:
            out[t.place.id] = own
    return out
