"""The word-start prefilter of geo.geoparse.triggers reads every category that matches."""

from __future__ import annotations

from geo.geoparse import triggers
from geo.geoparse.eventset import load_event_set


def test_prefilter_keeps_every_category_that_matches() -> None:
    sentences = [s.text.lower() for a in load_event_set() for s in a.article.sentences]
    sentences += ["officials said 3 were taken to st. mary's hospital", "in control of",
                  "the firm announced a recall of beef", "air strikes hit the town"]
    for low in sentences:
        possible = triggers._possible_categories(low)
        for i, (_, pattern) in enumerate(triggers._CATEGORY_RES):
            if pattern.search(low):
                assert i in possible, (low, triggers._CATEGORY_RES[i][0])


def test_prefilter_skips_categories_no_word_can_start() -> None:
    possible = triggers._possible_categories("the weather was mild")
    names = {triggers._CATEGORY_RES[i][0] for i in possible}
    assert "siege" not in names and "bombardment" not in names


def test_group_of_words_gives_a_key_per_word() -> None:
    assert triggers._word_keys("(?:taken|flown) to") == {"tak", "flo"}
    assert triggers._word_keys("shell(?:ed|ing)?") == {"she"}
    assert triggers._word_keys("in control") == {"in"}


def test_generic_and_trend_words_are_in_every_match() -> None:
    """The plain searches that spare the generic and trend patterns miss none of them."""
    examples = ["floods are frequent here", "it is common", "storms are rare", "it happens every "
                "year", "each year it floods", "it floods annually", "the river usually floods",
                "they typically riot", "police routinely patrol", "it regularly rains",
                "they normally meet", "traditionally held", "it tends to flood", "on average 3 die",
                "every day they fight", "each weekend there are raids", "in recent years",
                "in recent months", "over the past decade", "over the last two years",
                "for decades", "in the past ten years", "has been hit by several floods",
                "have seen many attacks", "has suffered numerous raids", "has had a series of "
                "quakes", "have a string of losses", "has seen a spate of thefts",
                "has a number of cases", "have dozens of", "has repeated", "has multiple"]
    sentences = [s.text.lower() for a in load_event_set() for s in a.article.sentences]
    for low in examples + sentences:
        if triggers._GENERIC.search(low):
            assert triggers._GENERIC_WORDS.search(low), low
        if triggers._TREND.search(low):
            assert triggers._TREND_WORDS.search(low), low
    assert sum(bool(triggers._GENERIC.search(x) or triggers._TREND.search(x))
               for x in examples) >= len(examples) - 2


def test_without_the_regex_parser_every_category_is_read(monkeypatch) -> None:
    """The parser is a private module of the standard library: without it the prefilter
    knows no word starts, so no category is ever skipped."""
    from geo.geoparse import triggers

    monkeypatch.setattr(triggers, "_sre_parse", None)
    assert triggers._word_keys(r"shell(?:ed|ing)") == set()
    _, always, _ = triggers._category_keys(triggers.TRIGGER_ORDER)
    assert always == frozenset(range(len(triggers.TRIGGER_ORDER)))
