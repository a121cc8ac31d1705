"""Date rules one by one, relative to the seed's publication day (Wednesday 5 June 2013)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.article import load_seed_article
from geo.dates import (
    APPROXIMATE,
    DAY,
    RANGE,
    DateNotUnderstood,
    find_dates,
    resolve_date,
)

PUB = date(2013, 6, 5)  # a Wednesday
D = date


@pytest.mark.parametrize(
    "phrase, start, end, precision, rule",
    [
        # weekdays: the last such day on or before publication
        ("on Wednesday", D(2013, 6, 5), D(2013, 6, 5), DAY, "weekday-on-or-before-publication"),
        ("Wednesday", D(2013, 6, 5), D(2013, 6, 5), DAY, "weekday-on-or-before-publication"),
        ("on Tuesday", D(2013, 6, 4), D(2013, 6, 4), DAY, "weekday-on-or-before-publication"),
        ("on Thursday", D(2013, 5, 30), D(2013, 5, 30), DAY, "weekday-on-or-before-publication"),
        ("Sunday", D(2013, 6, 2), D(2013, 6, 2), DAY, "weekday-on-or-before-publication"),
        ("Tuesday night", D(2013, 6, 4), D(2013, 6, 4), DAY, "weekday-on-or-before-publication"),
        ("last Wednesday", D(2013, 5, 29), D(2013, 5, 29), DAY, "weekday-last-before-publication"),
        ("next Monday", D(2013, 6, 10), D(2013, 6, 10), DAY, "weekday-next-after-publication"),
        # relative days
        ("overnight", D(2013, 6, 4), D(2013, 6, 5), RANGE, "overnight-before-publication"),
        ("last night", D(2013, 6, 4), D(2013, 6, 5), RANGE, "overnight-before-publication"),
        ("yesterday", D(2013, 6, 4), D(2013, 6, 4), DAY, "yesterday"),
        ("Yesterday", D(2013, 6, 4), D(2013, 6, 4), DAY, "yesterday"),
        ("the day before yesterday", D(2013, 6, 3), D(2013, 6, 3), DAY, "day-before-yesterday"),
        ("today", D(2013, 6, 5), D(2013, 6, 5), DAY, "today"),
        ("this morning", D(2013, 6, 5), D(2013, 6, 5), DAY, "today"),
        ("tomorrow", D(2013, 6, 6), D(2013, 6, 6), DAY, "tomorrow"),
        # explicit and month-day dates
        ("May 19", D(2013, 5, 19), D(2013, 5, 19), DAY, "month-day-nearest-year"),
        ("on May 19", D(2013, 5, 19), D(2013, 5, 19), DAY, "month-day-nearest-year"),
        ("19 May", D(2013, 5, 19), D(2013, 5, 19), DAY, "month-day-nearest-year"),
        ("May 19th", D(2013, 5, 19), D(2013, 5, 19), DAY, "month-day-nearest-year"),
        ("December 28", D(2012, 12, 28), D(2012, 12, 28), DAY, "month-day-nearest-year"),
        ("June 8, 2013", D(2013, 6, 8), D(2013, 6, 8), DAY, "explicit-date"),
        ("8 June 2013", D(2013, 6, 8), D(2013, 6, 8), DAY, "explicit-date"),
        ("Saturday, June 8, 2013", D(2013, 6, 8), D(2013, 6, 8), DAY, "explicit-date"),
        ("Sept. 3, 2012", D(2012, 9, 3), D(2012, 9, 3), DAY, "explicit-date"),
        ("2013-06-08", D(2013, 6, 8), D(2013, 6, 8), DAY, "explicit-date"),
        # months and parts of months
        ("in May", D(2013, 5, 1), D(2013, 5, 31), RANGE, "month"),
        ("May 2013", D(2013, 5, 1), D(2013, 5, 31), RANGE, "month-year"),
        ("early May", D(2013, 5, 1), D(2013, 5, 10), APPROXIMATE, "part-of-month"),
        ("mid-May", D(2013, 5, 11), D(2013, 5, 20), APPROXIMATE, "part-of-month"),
        ("mid May", D(2013, 5, 11), D(2013, 5, 20), APPROXIMATE, "part-of-month"),
        ("late May", D(2013, 5, 21), D(2013, 5, 31), APPROXIMATE, "part-of-month"),
        ("the end of May", D(2013, 5, 21), D(2013, 5, 31), APPROXIMATE, "part-of-month"),
        ("late February", D(2013, 2, 21), D(2013, 2, 28), APPROXIMATE, "part-of-month"),
        # since: a range up to publication
        ("since late May", D(2013, 5, 21), D(2013, 6, 5), APPROXIMATE, "since(part-of-month)"),
        ("since May 19", D(2013, 5, 19), D(2013, 6, 5), RANGE, "since(month-day-nearest-year)"),
        # durations ending at publication, and "ago"
        ("almost three weeks", D(2013, 5, 19), D(2013, 6, 5), APPROXIMATE,
         "duration-before-publication"),
        ("three weeks", D(2013, 5, 15), D(2013, 6, 5), APPROXIMATE,
         "duration-before-publication"),
        ("more than two weeks", D(2013, 5, 21), D(2013, 6, 5), APPROXIMATE,
         "duration-before-publication"),
        ("for the past two days", D(2013, 6, 3), D(2013, 6, 5), RANGE,
         "duration-before-publication"),
        ("two days ago", D(2013, 6, 3), D(2013, 6, 3), DAY, "ago-before-publication"),
        ("a week ago", D(2013, 5, 29), D(2013, 5, 29), APPROXIMATE, "ago-before-publication"),
        # calendar periods
        ("last week", D(2013, 5, 27), D(2013, 6, 2), RANGE, "last-week"),
        ("this week", D(2013, 6, 3), D(2013, 6, 5), RANGE, "this-week"),
        ("last month", D(2013, 5, 1), D(2013, 5, 31), RANGE, "last-month"),
        ("later this month", D(2013, 6, 6), D(2013, 6, 30), APPROXIMATE, "later-this-month"),
        ("in 2012", D(2012, 1, 1), D(2012, 12, 31), RANGE, "year"),
        ("mid-2012", D(2012, 5, 1), D(2012, 8, 31), APPROXIMATE, "part-of-year"),
        ("thirty days ago", D(2013, 5, 6), D(2013, 5, 6), DAY, "ago-before-publication"),
        # the weekend: the Saturday and Sunday before a weekday paper
        ("over the weekend", D(2013, 6, 1), D(2013, 6, 2), RANGE, "weekend-before-publication"),
        ("last weekend", D(2013, 6, 1), D(2013, 6, 2), RANGE, "weekend-before-publication"),
        # explicit ranges
        ("from May 19 to June 5", D(2013, 5, 19), D(2013, 6, 5), RANGE,
         "range(month-day-nearest-year,month-day-nearest-year)"),
        ("June 30 – July 2", D(2013, 6, 30), D(2013, 7, 2), RANGE,
         "range(month-day-nearest-year,month-day-nearest-year)"),
    ],
)  # fmt: skip
def test_rule(phrase, start, end, precision, rule):
    r = resolve_date(phrase, PUB)
    assert (r.start, r.end, r.precision, r.rule) == (start, end, precision, rule)
    assert r.phrase == phrase  # kept as written


@pytest.mark.parametrize(
    "published, expected",
    [
        (D(2013, 6, 5), D(2013, 6, 5)),  # published on a Wednesday: that very day
        (D(2013, 6, 6), D(2013, 6, 5)),  # on Thursday: the day before
        (D(2013, 6, 4), D(2013, 5, 29)),  # on Tuesday: the Wednesday of the week before
        (D(2013, 6, 11), D(2013, 6, 5)),  # six days later: still within the week
    ],
)
def test_weekday_is_last_such_day_on_or_before_publication(published, expected):
    r = resolve_date("on Wednesday", published)
    assert r.start == r.end == expected
    assert r.start <= published and (published - r.start).days < 7


def test_unknown_phrase_raises_a_value_error():
    with pytest.raises(DateNotUnderstood):
        resolve_date("in the spring of discontent", PUB)
    with pytest.raises(ValueError):
        resolve_date("February 30", PUB)
    with pytest.raises(DateNotUnderstood):
        resolve_date("between June 5 and May 1", PUB)  # a range may not run backwards


def test_find_dates_in_the_seed():
    article = load_seed_article()
    mentions = find_dates(article.body, article.published)
    got = [(m.phrase, m.date.start, m.date.end, m.date.precision) for m in mentions]
    assert got == [
        ("Wednesday", D(2013, 6, 5), D(2013, 6, 5), DAY),
        ("almost three weeks", D(2013, 5, 19), D(2013, 6, 5), APPROXIMATE),
        ("overnight", D(2013, 6, 4), D(2013, 6, 5), RANGE),
        ("May 19", D(2013, 5, 19), D(2013, 5, 19), DAY),
        ("Tuesday", D(2013, 6, 4), D(2013, 6, 4), DAY),
        ("since late May", D(2013, 5, 21), D(2013, 6, 5), APPROXIMATE),
    ]
    for m in mentions:
        assert article.text[m.start : m.end] == m.phrase
    # "the March 8 alliance" and "the March 14 coalition" are Lebanese blocs, not dates
    assert "March 8 alliance" in article.body and "March 14 coalition" in article.body
    # the comment's date is found when the whole text is scanned
    whole = find_dates(article.text, article.published)
    assert whole[-1].phrase == "June 8, 2013" and whole[-1].start >= article.body_end


def test_find_dates_avoids_common_false_positives():
    text = (
        "Rebels may retreat. The Sunday Times said it may rain. The March 14 coalition and "
        "the March 8 alliance met. He spent 10 days in 2 towns. The 6 April Youth Movement."
    )
    assert find_dates(text, PUB) == []


def test_find_dates_needs_context_for_a_bare_month_and_merges_ranges():
    text = (
        "In May fighting grew. Clashes went on from May 19 to June 5, and since Tuesday. "
        "Talks were held June 30 - July 2."
    )
    got = [(m.phrase, m.date.start, m.date.end) for m in find_dates(text, PUB)]
    assert got == [
        ("May", D(2013, 5, 1), D(2013, 5, 31)),
        ("from May 19 to June 5", D(2013, 5, 19), D(2013, 6, 5)),
        ("since Tuesday", D(2013, 6, 4), D(2013, 6, 5)),
        ("June 30 - July 2", D(2013, 6, 30), D(2013, 7, 2)),
    ]


def test_find_dates_prefers_the_longest_expression():
    text = "It happened on Friday, June 7, 2013, and again on Friday."
    got = [m.phrase for m in find_dates(text, PUB)]
    assert got == ["Friday, June 7, 2013", "Friday"]


def test_find_dates_handles_odd_input():
    assert find_dates("", PUB) == []
    assert find_dates("February 30 and 2013-02-30 are no days.", PUB) == []
    text = "on\xa0Wednesday"  # no-break space, as in the seed
    assert [m.phrase for m in find_dates(text, PUB)] == ["Wednesday"]


# --- issue 9: the ends of the calendar ------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "published"),
    [("tomorrow", date(9999, 12, 31)), ("yesterday", date(1, 1, 1)),
     ("the day after tomorrow", date(9999, 12, 30)), ("next Monday", date(9999, 12, 31))],
)  # fmt: skip
def test_a_day_past_the_calendar_stays_unresolved(phrase, published):
    with pytest.raises(DateNotUnderstood):  # was: OverflowError
        resolve_date(phrase, published)
    assert find_dates(f"It happened {phrase}.", published) == []


def test_last_weekend_in_a_weekend_paper_is_the_one_before():
    saturday = D(2013, 6, 8)
    assert (resolve_date("last weekend", saturday).start,
            resolve_date("this weekend", saturday).end) == (D(2013, 6, 1), saturday)


@pytest.mark.parametrize(
    "phrase, published, start, end, rule",
    [
        # the latest such season over before publication
        ("last fall", D(2005, 3, 6), D(2004, 9, 1), D(2004, 11, 30), "season-before-publication"),
        ("last summer", PUB, D(2012, 6, 1), D(2012, 8, 31), "season-before-publication"),
        ("last winter", D(2005, 3, 6), D(2004, 12, 1), D(2005, 2, 28),
         "season-before-publication"),
        # the publication year's; a winter in the first half of the year: the one ending
        ("this spring", PUB, D(2013, 3, 1), D(2013, 5, 31), "season-this-year"),
        ("this winter", D(2005, 3, 6), D(2004, 12, 1), D(2005, 2, 28), "season-this-year"),
        ("this winter", D(2005, 11, 6), D(2005, 12, 1), D(2006, 2, 28), "season-this-year"),
        # with a year: the season that starts in it (a winter: the one that ends in it)
        ("the spring of 2004", PUB, D(2004, 3, 1), D(2004, 5, 31), "season-of-year"),
        ("autumn 2010", PUB, D(2010, 9, 1), D(2010, 11, 30), "season-of-year"),
        ("the winter of 2009", PUB, D(2008, 12, 1), D(2009, 2, 28), "season-of-year"),
    ],
)
def test_a_season_is_its_three_months(phrase, published, start, end, rule):
    got = resolve_date(phrase, published)
    assert (got.start, got.end, got.precision, got.rule) == (start, end, APPROXIMATE, rule)


def test_a_season_in_running_text_needs_a_year_or_last_this():
    text = "Protesters marched in Lima last fall. Prices fall in winter. The leaves fall."
    assert [m.phrase for m in find_dates(text, PUB)] == ["last fall"]
