"""Date expressions in news text -> days, relative to the publication date.

News dates itself relative to the day it appears: "on Wednesday", "overnight",
"yesterday", "since late May", "an offensive that lasted almost three weeks". To put an
event on a timeline we turn each expression into a first and last day and keep, next to
them, the phrase as written, how precise the result is and the name of the rule that
produced it, so a reader can check every date against the words of the article.

Precision:

- ``day``: a single named day ("May 19", "on Tuesday", "yesterday").
- ``range``: a span whose bounds the words fix ("overnight", "in May", "since May 19").
- ``approximate``: bounds are our reading of vague words ("late May", "almost three
  weeks", "since late May"); the rule's docstring says how we read them.

Two entry points: :func:`resolve_date` for one phrase, :func:`find_dates` to scan
running text (it needs more context than a lone phrase: a bare "May" is a month only
after "in", "since" and the like, "March 8 alliance" is a Lebanese political bloc, not
a date).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

DAY = "day"
RANGE = "range"
APPROXIMATE = "approximate"
PRECISIONS = (DAY, RANGE, APPROXIMATE)


@dataclass(frozen=True)
class ResolvedDate:
    """A date expression resolved to days: ``start`` and ``end`` are both inclusive."""

    phrase: str
    start: date
    end: date
    precision: str  # one of PRECISIONS
    rule: str  # name of the rule that produced it, e.g. "weekday-on-or-before-publication"


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text: ``text[start:end] == phrase``."""

    start: int
    end: int
    date: ResolvedDate

    @property
    def phrase(self) -> str:
        return self.date.phrase

    @property
    def resolved(self) -> ResolvedDate:
        return self.date


MAX_PHRASE = 200  # a date expression is a few words; "between ... and ..." is the longest


class DateNotUnderstood(ValueError):
    """``resolve_date`` was given a phrase none of the rules reads as a date."""


# --- vocabulary ----------------------------------------------------------------------

_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH = rf"(?P<month>(?:{_MONTH_NAMES})|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_MONTH_FULL = rf"(?P<month>{_MONTH_NAMES})"
_DAYNUM = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_DAYNUM2 = r"(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_DAYS_JOIN = r"\s*(?:-|–|—|\s(?:and|to|through)\s)\s*"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = rf"(?P<weekday>{'|'.join(_WEEKDAYS)})"
_WEEKDAY_PREFIX = rf"(?:(?:{'|'.join(_WEEKDAYS)}),?\s+(?:the\s+)?)?"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "a couple of": 2, "a few": 3, "several": 4,
}  # fmt: skip
_NUMBER = (
    r"(?P<num>\d{1,3}|a\s+couple\s+of|a\s+few|several|an?|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen|twenty|thirty)"
)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_UNIT = r"(?P<unit>day|week|month|year)s?"
# How a qualifier scales a duration: "almost three weeks" is taken as 80% of 21 days.
_QUALIFIERS = {
    "almost": 0.8, "nearly": 0.8, "less than": 0.8, "under": 0.8, "just under": 0.9,
    "about": 1.0, "around": 1.0, "roughly": 1.0, "some": 1.0, "approximately": 1.0,
    "more than": 1.1, "over": 1.1, "at least": 1.0, "just over": 1.05,
}  # fmt: skip
_QUALIFIER = (
    r"(?P<qual>almost|nearly|less\s+than|just\s+under|under|about|around|roughly|some"
    r"|approximately|more\s+than|just\s+over|over|at\s+least)"
)
# Parts of a month and the days they cover.
_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_PART = (
    r"(?P<part>early|mid|(?:the\s+)?middle\s+of|late|(?:the\s+)?end\s+of"
    r"|(?:the\s+)?(?:beginning|start)\s+of)"
)
# Words after a month-day that make it a name, not a date ("March 14 coalition").
_NOT_A_DATE_AFTER = (
    r"(?!\s*-?\s*(?i:alliance|coalition|movement|camp|bloc|forces|group|brigades?|martyrs"
    r"|revolution|uprising|protests?|street|square|led|party|agreement|accord|youth)\b)"
)
_NEWSPAPER_AFTER = r"(?!\s+(?:Times|Telegraph|Mirror|Express|Herald|Post|Star|Mail)\b)"


_MONTH_NUMBERS = {m.lower()[:3]: i for i, m in enumerate(calendar.month_name) if m}


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name.lower()[:3]]


def _nearest_day(month: int, day: int, published: date) -> date:
    """The date with this month and day nearest to publication (ties go to the past)."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # 29 February in a common year
            continue
    if not candidates:
        raise DateNotUnderstood(f"no such day: {month}-{day}")
    return min(candidates, key=lambda d: (abs((d - published).days), d > published))


def _nearest_month(month: int, published: date) -> tuple[int, int]:
    """(year, month) of the named month nearest to publication (ties go to the past)."""
    here = published.year * 12 + published.month - 1
    years = (published.year - 1, published.year, published.year + 1)
    best = min(years, key=lambda y: (abs(y * 12 + month - 1 - here), y * 12 + month - 1 > here))
    return best, month


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _number(text: str) -> int:
    text = re.sub(r"\s+", " ", text.lower())
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]


# --- rules ---------------------------------------------------------------------------

Resolved = tuple[date, date, str, str]  # start, end, precision, rule name


def _r_iso(g: dict[str, str], published: date) -> Resolved:
    """2013-06-08: an explicit day."""
    d = date(int(g["year"]), int(g["mm"]), int(g["day"]))
    return d, d, DAY, "explicit-date"


def _r_month_day(g: dict[str, str], published: date) -> Resolved:
    """ "June 8, 2013" / "8 June 2013": that day. "May 19" without a year: the year that
    puts the day nearest to publication (news rarely looks more than half a year away)."""
    month, day = _month_number(g["month"]), int(g["day"])
    if g.get("year"):
        d = date(int(g["year"]), month, day)
        return d, d, DAY, "explicit-date"
    d = _nearest_day(month, day, published)
    return d, d, DAY, "month-day-nearest-year"


def _r_day_range(g: dict[str, str], published: date) -> Resolved:
    """ "October 8-9", "the 18th and 19th of August": the two days of one month (the year
    of the first as for "May 19"; "on the night of October 8-9" spans both)."""
    month, first, last = _month_number(g["month"]), int(g["day"]), int(g["day2"])
    if last <= first:
        raise ValueError("a range of days runs forward")
    start = date(int(g["year"]), month, first) if g.get("year") else _nearest_day(
        month, first, published)
    return start, start.replace(day=last), RANGE, "day-range-of-a-month"


def _r_last_month_name(g: dict[str, str], published: date) -> Resolved:
    """ "last August": the latest August before the month of publication (in an April
    paper, last year's; in a March paper "last March" is a year before)."""
    month = _month_number(g["month"])
    year = published.year if month < published.month else published.year - 1
    start, end = _month_span(year, month)
    return start, end, RANGE, "last-month-name"


def _r_so_far(g: dict[str, str], published: date) -> Resolved:
    """ "So far", "to date", "thus far" without a period of their own: a tally of what
    happened some time before publication, read as the year up to it (approximate: the
    words give no start; "so far this year" is read by "this year")."""
    return (published - timedelta(days=_UNIT_DAYS["year"]), published, APPROXIMATE,
            "so-far-the-year-up-to-publication")


def _r_for_the_year(g: dict[str, str], published: date) -> Resolved:
    """ "the city's other closures for the year": a tally of the year so far, from 1
    January to publication."""
    return date(published.year, 1, 1), published, RANGE, "for-the-year-to-publication"


def _r_month_year(g: dict[str, str], published: date) -> Resolved:
    """ "May 2013": the whole month."""
    start, end = _month_span(int(g["year"]), _month_number(g["month"]))
    return start, end, RANGE, "month-year"


def _r_month(g: dict[str, str], published: date) -> Resolved:
    """ "in May": the whole month, in the year nearest to publication."""
    start, end = _month_span(*_nearest_month(_month_number(g["month"]), published))
    return start, end, RANGE, "month"


def _r_part_of_month(g: dict[str, str], published: date) -> Resolved:
    """ "early/mid/late May": days 1-10, 11-20, 21-end ("end of", "beginning of" alike)."""
    month = _month_number(g["month"])
    year = int(g["year"]) if g.get("year") else _nearest_month(month, published)[0]
    part = g["part"].lower()
    key = (
        "late"
        if "end" in part
        else "early"
        if ("beginning" in part or "start" in part)
        else ("mid" if "mid" in part else part)
    )
    first, last = _PARTS[key]
    last = min(last, calendar.monthrange(year, month)[1])
    return date(year, month, first), date(year, month, last), APPROXIMATE, "part-of-month"


def _r_weekday(g: dict[str, str], published: date) -> Resolved:
    """ "on Wednesday": the last such day on or before publication (the publication day
    itself if it is a Wednesday). "last Wednesday": strictly before publication. "next
    Wednesday": strictly after."""
    target = _WEEKDAYS.index(g["weekday"].capitalize())
    back = (published.weekday() - target) % 7
    rel = (g.get("rel") or "").lower()
    if rel == "next":
        d = published + timedelta(days=(target - published.weekday()) % 7 or 7)
        return d, d, DAY, "weekday-next-after-publication"
    if rel in ("last", "past"):
        d = published - timedelta(days=back or 7)
        return d, d, DAY, "weekday-last-before-publication"
    d = published - timedelta(days=back)
    return d, d, DAY, "weekday-on-or-before-publication"


def _r_relative_day(g: dict[str, str], published: date) -> Resolved:
    """ "yesterday", "today", "tomorrow"; "overnight" and "last night": the night before
    publication, from the day before to the publication day."""
    word = re.sub(r"\s+", " ", g["rel"].lower())
    if word in ("overnight", "last night"):
        return published - timedelta(days=1), published, RANGE, "overnight-before-publication"
    shift = {
        "the day before yesterday": (-2, "day-before-yesterday"),
        "yesterday": (-1, "yesterday"),
        "tomorrow": (1, "tomorrow"),
        "the day after tomorrow": (2, "day-after-tomorrow"),
    }.get(word, (0, "today"))  # today, tonight, this morning/afternoon/evening
    d = published + timedelta(days=shift[0])
    return d, d, DAY, shift[1]


def _r_ago(g: dict[str, str], published: date) -> Resolved:
    """ "two days ago": that day; "three weeks ago": about that day (approximate)."""
    days = round(_number(g["num"]) * _UNIT_DAYS[g["unit"].lower()] * _factor(g))
    d = published - timedelta(days=days)
    exact = g["unit"].lower() == "day" and not g.get("qual")
    return d, d, DAY if exact else APPROXIMATE, "ago-before-publication"


def _factor(g: dict[str, str]) -> float:
    qual = g.get("qual")
    return _QUALIFIERS[re.sub(r"\s+", " ", qual.lower())] if qual else 1.0


def _r_duration(g: dict[str, str], published: date) -> Resolved:
    """ "(lasted) almost three weeks": a span ending on the publication day. Qualifiers
    scale it ("almost"/"nearly" 80%, "more than" 110%), so "almost three weeks" before
    5 June 2013 starts on 19 May; approximate unless it counts plain days."""
    days = round(_number(g["num"]) * _UNIT_DAYS[g["unit"].lower()] * _factor(g))
    exact = g["unit"].lower() == "day" and not g.get("qual")
    return (
        published - timedelta(days=days),
        published,
        RANGE if exact else APPROXIMATE,
        "duration-before-publication",
    )


def _r_period(g: dict[str, str], published: date) -> Resolved:
    """ "last week" (the calendar week before), "this week" (Monday to publication),
    "earlier this week", "later this week" (after publication), "last/this month",
    "last/this year", "the past week" (seven days to publication)."""
    which = re.sub(r"\s+", " ", g["which"].lower())
    period = g["period"].lower()
    monday = published - timedelta(days=published.weekday())
    if which in ("past", "the past"):
        days = _UNIT_DAYS[period]
        return published - timedelta(days=days), published, RANGE, "past-period"
    if period == "week":
        if which in ("last", "previous"):
            return monday - timedelta(days=7), monday - timedelta(days=1), RANGE, "last-week"
        start, end, last = monday, published, monday + timedelta(days=6)
    elif period == "month":
        if which in ("last", "previous"):
            prev = published.replace(day=1) - timedelta(days=1)
            return *_month_span(prev.year, prev.month), RANGE, "last-month"
        start, end = published.replace(day=1), published
        last = _month_span(published.year, published.month)[1]
    else:
        if which in ("last", "previous"):
            y = published.year - 1
            return date(y, 1, 1), date(y, 12, 31), RANGE, "last-year"
        start, end, last = date(published.year, 1, 1), published, date(published.year, 12, 31)
    if which == "later this":
        after = min(published + timedelta(days=1), last)
        return after, last, APPROXIMATE, f"later-this-{period}"
    if which == "earlier this":
        return start, max(start, end - timedelta(days=1)), APPROXIMATE, f"earlier-this-{period}"
    return start, end, RANGE, f"this-{period}"


def _r_weekend(g: dict[str, str], published: date) -> Resolved:
    """ "last weekend", "over the weekend": the Saturday and Sunday up to publication
    ("last weekend" in a weekend paper: the one before)."""
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    if g["wk"].lower().startswith("last") and published.weekday() >= 5:
        saturday -= timedelta(days=7)
    return (saturday, min(saturday + timedelta(days=1), max(saturday, published)), RANGE,
            "weekend-before-publication")


def _r_part_of_year(g: dict[str, str], published: date) -> Resolved:
    """ "early/mid/late 2012": January-April, May-August, September-December."""
    y = int(g["year"])
    first, last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[g["part"].lower()]
    return date(y, first, 1), _month_span(y, last)[1], APPROXIMATE, "part-of-year"


def _r_year(g: dict[str, str], published: date) -> Resolved:
    """ "in 2012": the whole year."""
    y = int(g["year"])
    return date(y, 1, 1), date(y, 12, 31), RANGE, "year"


# Meteorological seasons of the northern hemisphere: (first month, last month); winter
# runs from December into the next year.
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
            "winter": (12, 2)}
_SEASON = r"(?P<season>(?i:spring|summer|autumn|fall|winter))"


def _season_span(season: str, year: int) -> tuple[date, date]:
    """The days of ``season`` that starts in ``year``."""
    first, last = _SEASONS[season]
    return date(year, first, 1), _month_span(year + (last < first), last)[1]


def _r_season(g: dict[str, str], published: date) -> Resolved:
    """ "last fall", "this spring", "the summer of 2004": a meteorological season of the
    northern hemisphere (March-May, June-August, September-November, December-February;
    approximate: a southern paper's summer is December-February). "last": the latest one
    over before publication; "this": the publication year's (a winter: the one that ends in
    it, when published in the first half of the year); with a year, the one that starts
    in it (a winter: the one that ends in it)."""
    season = g["season"].lower()
    if g.get("year"):
        year = int(g["year"]) - (season == "winter")
        return (*_season_span(season, year), APPROXIMATE, "season-of-year")
    year = published.year
    if g["which"].lower() == "this":
        if season == "winter" and published.month <= 6:
            year -= 1  # "this winter" in January or March: the one that began in December
        return (*_season_span(season, year), APPROXIMATE, "season-this-year")
    while _season_span(season, year)[1] >= published:
        year -= 1
    return (*_season_span(season, year), APPROXIMATE, "season-before-publication")


@dataclass(frozen=True)
class _Rule:
    """One kind of date expression.

    ``core`` matches the expression itself (what ``resolve_date`` accepts and what a
    mention spans). ``before`` is context that must precede it in running text for
    ``find_dates`` (e.g. "in" before a bare month), ``after`` a lookahead that must hold.
    """

    core: str
    resolve: Callable[[dict[str, str], date], Resolved]
    before: str = ""
    after: str = ""


_RULES: tuple[_Rule, ...] = (
    _Rule(r"(?P<year>(?:19|20)\d\d)-(?P<mm>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])", _r_iso),
    _Rule(rf"{_MONTH}\s+{_DAYNUM}{_DAYS_JOIN}{_DAYNUM2}(?:,?\s+{_YEAR})?", _r_day_range,
          after=rf"(?![\d:]){_NOT_A_DATE_AFTER}"),
    _Rule(rf"(?:(?i:the)\s+)?{_DAYNUM}{_DAYS_JOIN}(?:(?i:the)\s+)?{_DAYNUM2}\s+(?:of\s+)?"
          rf"{_MONTH}(?:,?\s+{_YEAR})?", _r_day_range, after=_NOT_A_DATE_AFTER),
    _Rule(rf"{_WEEKDAY_PREFIX}{_MONTH}\s+{_DAYNUM}(?:,?\s+{_YEAR})?", _r_month_day,
          after=rf"(?![\d:]){_NOT_A_DATE_AFTER}"),
    _Rule(rf"{_WEEKDAY_PREFIX}{_DAYNUM}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?", _r_month_day,
          after=_NOT_A_DATE_AFTER),
    _Rule(rf"{_MONTH},?\s+{_YEAR}", _r_month_year),
    _Rule(rf"(?i:{_PART})[\s-]+{_MONTH_FULL}(?:,?\s+{_YEAR})?", _r_part_of_month),
    _Rule(_MONTH_FULL, _r_month,
          before=r"(?i:in|during|since|until|till|through|throughout|by|from|of)\s+"),
    # "the August death", "an April storm": a month that qualifies the event it names.
    _Rule(_MONTH_FULL, _r_month, before=r"(?i:the|an?)\s+", after=r"(?=\s+[a-z])"),
    _Rule(rf"(?i:last)\s+{_MONTH_FULL}", _r_last_month_name),
    # Not "on the Friday", "that Friday", "the following Friday": a day of the story's own
    # schedule, not counted from publication.
    _Rule(rf"(?:(?P<rel>(?i:last|next|this|past))\s+)?{_WEEKDAY}"
          r"(?:\s+(?i:morning|afternoon|evening|night))?", _r_weekday,
          before=r"(?<![Oo]n the )(?<![Tt]hat )(?<!following )(?<!the next )(?<!previous )",
          after=_NEWSPAPER_AFTER),
    _Rule(r"(?P<rel>(?i:the\s+day\s+before\s+yesterday|yesterday|the\s+day\s+after\s+tomorrow"
          r"|tomorrow|today|tonight|this\s+(?:morning|afternoon|evening)|last\s+night"
          r"|overnight))", _r_relative_day,
          # "the overnight shift", "an overnight stay": an adjective, no date
          before=r"(?<![Tt]he )(?<![Aa]n )(?<!\b[Hh]is )(?<![Hh]er )(?<![Tt]heir )(?<!\b[Ii]ts )"),
    _Rule(rf"(?i:(?:{_QUALIFIER}\s+)?{_NUMBER}\s+{_UNIT}\s+ago)", _r_ago),
    _Rule(rf"(?i:(?:{_QUALIFIER}\s+)?{_NUMBER}\s+{_UNIT})", _r_duration,
          before=r"(?i:lasted|lasting|for(?:\s+the\s+(?:past|last))?|(?:over|in)\s+the\s+"
          r"(?:past|last)|after|within)\s+",
          after=r"(?!\s+(?i:ago|earlier|later|before|after|from\s+now)\b)"),
    _Rule(r"(?i:(?P<which>last|previous|this|earlier\s+this|later\s+this|(?:the\s+)?past)\s+"
          r"(?P<period>week|month|year))", _r_period),
    _Rule(r"(?P<wk>(?i:last|this|over\s+the|during\s+the|at\s+the)\s+weekend)", _r_weekend),
    _Rule(rf"(?P<part>(?i:early|mid|late))[\s-]+{_YEAR}", _r_part_of_year),
    _Rule(rf"(?P<which>(?i:last|this|past))\s+{_SEASON}", _r_season),
    _Rule(rf"(?:(?i:the)\s+)?{_SEASON}\s+(?:(?i:of)\s+)?{_YEAR}", _r_season),
    _Rule(_YEAR, _r_year, before=r"(?i:in|since|during|until|throughout|of|from)\s+"),
    # A tally up to publication with no period of its own ("So far the only case has
    # been ...", "... confirmed to date."); not "so far as", "so far away", "up to date".
    _Rule(r"So\s+far|(?i:so\s+far|thus\s+far|(?<!up\s)to\s+date)(?=\s*[,.;:])", _r_so_far,
          after=r"(?!\s+(?i:this|in|as|from|away|off|ahead|behind|beyond|removed|gone|out)\b)"),
    # after a plural ("the other closures for the year"), not "a budget for the year"
    _Rule(r"(?i:for\s+the\s+year)", _r_for_the_year, before=r"(?<=[a-z]s\s)",
          after=r"(?!\s+(?i:ahead|to\s+come|before|after|ending|ended)\b)"),
)  # fmt: skip

_SCAN = tuple(re.compile(rf"(?<![\w-]){r.before}(?P<d>{r.core})(?![\w]){r.after}") for r in _RULES)
_FULL = tuple(re.compile(rf"(?:{r.core})", re.IGNORECASE) for r in _RULES)
_LEADING_PREPOSITION = re.compile(r"^(?:on|in|at|during|from|of)\s+", re.IGNORECASE)
_LEADING_DURATION_CUE = re.compile(
    r"^(?:lasted|lasting|for(?:\s+the\s+(?:past|last))?|(?:over|in)\s+the\s+(?:past|last)"
    r"|after|within)\s+",
    re.IGNORECASE,
)
_SINCE = re.compile(r"^(?:ever\s+)?since\s+", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"(?<![\w-])(?:[Ee]ver\s+)?[Ss]ince\s+$")
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|until|till|through|and)\s*$")
_DASH_JOIN = re.compile(r"^\s*[-–—]\s*$")
_LOOKBACK = 40  # characters searched before a mention for "since", "from", "between"
_RANGE_OPEN = re.compile(r"(?<![\w-])(?:[Ff]rom|[Bb]etween)\s+$")


def _make(phrase: str, r: Resolved) -> ResolvedDate:
    start, end, precision, rule = r
    return ResolvedDate(phrase, start, end, precision, rule)


def _since(phrase: str, inner: ResolvedDate, published: date) -> ResolvedDate:
    """ "since late May": from the start of what follows "since" to publication."""
    precision = RANGE if inner.precision == DAY else APPROXIMATE
    return ResolvedDate(
        phrase, inner.start, max(inner.start, published), precision, f"since({inner.rule})"
    )


def _between(phrase: str, a: ResolvedDate, b: ResolvedDate) -> ResolvedDate:
    """ "from May 19 to June 5", "between Monday and Wednesday": first day of one to last
    day of the other."""
    precision = RANGE if {a.precision, b.precision} <= {DAY, RANGE} else APPROXIMATE
    return ResolvedDate(phrase, a.start, b.end, precision, f"range({a.rule},{b.rule})")


_PAIR = re.compile(
    r"(?:from|between)\s+(.+?)\s+(?:-|–|—|to|until|till|through|and)\s+(.+)", re.IGNORECASE
)
_DASHED_PAIR = re.compile(r"(.+?)\s*[-–—]\s*(.+)")


def _resolve_pair(phrase: str, first: str, second: str, published: date) -> ResolvedDate | None:
    try:
        a, b = resolve_date(first, published), resolve_date(second, published)
    except DateNotUnderstood:
        return None
    return _between(phrase, a, b) if a.start <= b.end else None


def resolve_date(phrase: str, published: date) -> ResolvedDate:
    """Resolve one date expression relative to the publication day.

    Accepts a leading "on", "in", "since", ranges ("from X to Y", "between X and Y",
    "X - Y") and any spelling case. Raises :class:`DateNotUnderstood` (a ``ValueError``) when no
    rule reads the phrase, rather than guessing.
    """
    if len(phrase) > MAX_PHRASE:  # the pair patterns below cost the square of a length
        raise DateNotUnderstood(f"not a date expression (over {MAX_PHRASE} characters)")
    text = re.sub(r"\s+", " ", phrase.strip().rstrip(".,;:")).strip()
    since = _SINCE.match(text)
    if since:
        return _since(phrase, resolve_date(text[since.end() :], published), published)
    pair = _PAIR.fullmatch(text)
    if pair:
        both = _resolve_pair(phrase, pair.group(1), pair.group(2), published)
        if both:
            return both
    stripped = (_LEADING_PREPOSITION.sub("", text), _LEADING_DURATION_CUE.sub("", text))
    for candidate in (text, *stripped):
        for rule, pattern in zip(_RULES, _FULL, strict=True):
            m = pattern.fullmatch(candidate)
            if m:
                try:
                    return _make(phrase, rule.resolve(m.groupdict(), published))
                except (ValueError, KeyError, OverflowError) as exc:  # past year 1 or 9999
                    raise DateNotUnderstood(f"{phrase!r}: {exc}") from None
    dashed = _DASHED_PAIR.fullmatch(text)  # "June 30 - July 2", tried last: ISO days have dashes
    if dashed:
        both = _resolve_pair(phrase, dashed.group(1), dashed.group(2), published)
        if both:
            return both
    raise DateNotUnderstood(f"not a date expression we can resolve: {phrase!r}")


def find_dates(text: str, published: date) -> list[DateMention]:
    """Every date expression in ``text``, resolved relative to ``published``.

    Overlapping candidates are settled leftmost-longest ("Wednesday, June 5" is one
    mention, not two). "since X" and "from X to Y" / "between X and Y" are merged into
    one range mention. Offsets are into ``text`` as given; pass ``article.body`` to leave
    readers' comments out (its offsets equal ``article.text``'s).
    """
    candidates: list[tuple[int, int, int, ResolvedDate]] = []
    for priority, (rule, pattern) in enumerate(zip(_RULES, _SCAN, strict=True)):
        for m in pattern.finditer(text):
            s, e = m.span("d")
            try:
                r = rule.resolve(m.groupdict(), published)
            except (ValueError, KeyError, OverflowError):  # "February 30"; past year 9999
                continue
            candidates.append((s, -(e - s), priority, _make(text[s:e], r)))
    candidates.sort(key=lambda c: c[:3])
    mentions: list[DateMention] = []
    for s, neg_len, _, resolved in candidates:
        if mentions and s < mentions[-1].end:
            continue
        mentions.append(DateMention(s, s - neg_len, resolved))
    return _merge_ranges(text, _merge_since(text, mentions, published))


def _merge_since(text: str, mentions: list[DateMention], published: date) -> list[DateMention]:
    out = []
    for m in mentions:
        lead = _SINCE_BEFORE.search(text, max(0, m.start - _LOOKBACK), m.start)
        if lead and (not out or lead.start() >= out[-1].end):
            out.append(
                DateMention(
                    lead.start(), m.end, _since(text[lead.start() : m.end], m.date, published)
                )
            )
        else:
            out.append(m)
    return out


def _merge_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    out: list[DateMention] = []
    for m in mentions:
        if out:
            prev = out[-1]
            opener = _RANGE_OPEN.search(text, max(0, prev.start - _LOOKBACK), prev.start)
            join = text[prev.end : m.start]
            if _DASH_JOIN.match(join) and prev.date.start <= m.date.end:  # "June 30 - July 2"
                out[-1] = DateMention(
                    prev.start, m.end, _between(text[prev.start : m.end], prev.date, m.date)
                )
                continue
            if (
                opener
                and _RANGE_JOIN.match(join)
                and (len(out) < 2 or opener.start() >= out[-2].end)
                and prev.date.start <= m.date.end
            ):
                s = opener.start()
                out[-1] = DateMention(s, m.end, _between(text[s : m.end], prev.date, m.date))
                continue
        out.append(m)
    return out
