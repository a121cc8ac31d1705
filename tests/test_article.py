"""The article model: metadata, where the body ends, paragraphs and sentences by offset."""

from __future__ import annotations

from datetime import date

import pytest

from geo.article import find_body_end, load_seed_article, make_article


@pytest.fixture(scope="module")
def article():
    return load_seed_article()


def test_seed_metadata(article):
    assert article.id == "now-2013-06-05-al-qusayr"
    assert article.published == date(2013, 6, 5)
    assert article.published.strftime("%A") == "Wednesday"
    assert article.outlet == "NOW, Lebanon"
    assert article.language == "en"
    assert article.title == "Syria rebels say they have lost battle for Al-Qusayr"


def test_text_is_the_file_verbatim(article):
    with open(article.source, "rb") as f:
        raw = f.read().decode("utf-8")
    assert article.text == raw
    assert "\xa0Al-Qusayr\xa0" in article.text  # no-break spaces kept, offsets stay true


def test_reader_comment_is_outside_the_body(article):
    body = article.body
    assert body.endswith("fighters from neighboring Lebanon.")
    assert "Vlad Tepes" not in body and "June 8, 2013" not in body
    assert "Vlad Tepes" in article.text[article.body_end :]
    assert article.text.startswith(body)  # offsets into the body are offsets into the text
    comment = article.text.index("Congratulations to the people")
    assert not article.in_body(comment, comment + 10)
    assert article.paragraph_at(comment) is None and article.sentence_at(comment) is None


def test_paragraphs_and_sentences_are_exact_slices(article):
    assert article.paragraphs and article.sentences
    for p in article.paragraphs:
        assert article.text[p.start : p.end] == p.text == p.text.strip()
        assert p.end <= article.body_end
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text
        p = article.paragraphs[s.paragraph]
        assert p.start <= s.start < s.end <= p.end
    starts = [s.start for s in article.sentences]
    assert starts == sorted(starts)


def test_paragraph_and_sentence_containing_an_offset(article):
    at = article.text.index("May 19")
    sentence = article.sentence_at(at)
    assert sentence.text.startswith("The offensive on the\xa0Al-Qusayr\xa0region was launched")
    assert sentence.text.endswith("backed by Assad's forces.")
    assert article.paragraph_at(at).text == sentence.text
    assert article.paragraph_at(sentence.end) is None  # the blank lines after it


def test_quoted_sentences_split_after_the_attribution(article):
    at = article.text.index("The rebels have withdrawn to other areas")
    s = article.sentence_at(at)
    assert s.text == (
        '"The rebels have withdrawn to other areas because they were short of ammunition."'
    )
    previous = article.sentences[s.index - 1]
    assert previous.text.endswith('overnight," it said.')
    assert previous.paragraph == s.paragraph


def test_abbreviations_and_photo_credits_do_not_end_sentences():
    text = "Gen. Salim Idriss met U.S. officials. Troops in town. (AFP)\n\nNext one."
    a = make_article(text, id="t", title="t", outlet="t", published=date(2013, 6, 5))
    assert [s.text for s in a.sentences] == [
        "Gen. Salim Idriss met U.S. officials.",
        "Troops in town. (AFP)",
        "Next one.",
    ]


def test_find_gives_every_verbatim_occurrence(article):
    hits = article.find("Buweida Al-Sharqiya")
    assert len(hits) == 2
    assert all(article.text[h : h + 19] == "Buweida Al-Sharqiya" for h in hits)


@pytest.mark.parametrize(
    "text, body",
    [
        ("News.\n\n  • Reader\n\n    Comment.\n", "News."),
        ("News.\n\n3 Comments\n\nReader: hi", "News."),
        ("News without comments.\n\n", "News without comments."),
        ("A list:\n\nitem • not a comment (bullet mid-line)", None),
    ],
)
def test_body_end_detection(text, body):
    end = find_body_end(text)
    assert text[:end] == (text.rstrip() if body is None else body)
