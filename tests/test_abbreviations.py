"""One abbreviation list (geo.article) for the sentence splitter and the tokenizer, and one
builder of the patterns that mark place names (geo.highlight.name_pattern)."""

from datetime import date

from geo.article import ABBREVIATED_TITLES, ABBREVIATIONS, NAME_SUFFIXES, make_article
from geo.geoparse.tokens import tokenize
from geo.map.popups import marked_pieces


def sentences(text: str) -> list[str]:
    article = make_article(text, id="t", title="t", outlet="o", published=date(2013, 6, 5))
    return [s.text for s in article.sentences]


def test_a_title_ends_no_sentence_and_stays_one_token():
    text = "The Rev. Roy Jones spoke. Cpl. Smith and Maj. Brown stayed in Ft. Hood."
    assert sentences(text) == [
        "The Rev. Roy Jones spoke.",
        "Cpl. Smith and Maj. Brown stayed in Ft. Hood.",
    ]
    words = [t.text for t in tokenize(text)]
    for title in ("Rev.", "Cpl.", "Maj.", "Ft."):
        assert title in words


def test_a_name_suffix_keeps_its_stop_but_may_end_a_sentence():
    text = "The speech was given by Martin Luther King Jr. He spoke in Washington."
    assert sentences(text) == [
        "The speech was given by Martin Luther King Jr.",
        "He spoke in Washington.",
    ]
    assert "Jr." in [t.text for t in tokenize(text)]
    assert ABBREVIATED_TITLES <= ABBREVIATIONS and not NAME_SUFFIXES & ABBREVIATIONS


def test_popups_mark_whole_names_in_any_case():
    pieces = marked_pieces("Homsi fighters left homs for Al-Qusayr.", ["Homs", "Qusayr"])
    assert [p for p, marked in pieces if marked] == ["homs", "Qusayr"]
