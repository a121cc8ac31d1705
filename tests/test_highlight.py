"""The article's HTML: marks where the names are, links to events, nothing unescaped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

import pandas as pd

from geo.highlight import (
    DATE,
    PLACE,
    EventSpan,
    Mark,
    date_marks,
    date_title,
    event_spans,
    find_names,
    link_marks,
    map_link,
    non_overlapping,
    passage_id,
    render_article,
    spellings_of,
)

TEXT = (
    "Rebels left Al-Qusayr on Wednesday.\n\n"
    "Qusayr is near Homs, and homsick readers are not in Homs."
)
P0 = (0, TEXT.index("\n"))
P1 = (TEXT.index("Qusayr is"), len(TEXT))
NAMES = {"Al-Qusayr": "qusayr", "Qusayr": "qusayr", "Homs": "homs"}


class Collect(HTMLParser):
    """Tags, attributes and text of an HTML fragment, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(fragment: str) -> Collect:
    c = Collect()
    c.feed(fragment)
    return c


def test_find_names_whole_words_longest_first():
    marks = find_names(TEXT, NAMES, {"qusayr": "Al-Qusayr", "homs": "Homs"})
    found = [(TEXT[m.start : m.end], m.place_id) for m in marks]
    # "Al-Qusayr" is one mark, not "Qusayr" inside it; "homsick" is not Homs.
    assert found == [("Al-Qusayr", "qusayr"), ("Qusayr", "qusayr"), ("Homs", "homs"),
                     ("Homs", "homs")]  # fmt: skip
    assert all(m.kind == PLACE for m in marks)
    assert marks[1].title == "Al-Qusayr"


def test_find_names_escapes_regex_characters():
    marks = find_names("Go to St. (Anne) now", {"St. (Anne)": "anne", "": "empty"})
    assert [(m.start, m.end) for m in marks] == [(6, 16)]


def test_link_marks_prefers_the_excerpt_then_the_place():
    wed = TEXT.index("Wednesday")
    marks = [
        *find_names(TEXT, NAMES),
        Mark(wed, wed + len("Wednesday"), DATE, "Wed 5 June 2013"),
    ]
    events = [
        EventSpan("homs-threat", P1[0], P1[1], frozenset({"homs"})),
        EventSpan("fall", P0[0], P0[1], frozenset({"qusayr"})),
    ]
    linked = link_marks(marks, events)
    by_text = [(TEXT[m.start : m.end], m.event_id) for m in linked]
    assert by_text[0] == ("Al-Qusayr", "fall")  # inside fall's excerpt
    # Qusayr in paragraph 1 lies in homs-threat's excerpt, but that event is not at
    # Qusayr: it falls back to the first event at Qusayr.
    assert by_text[1] == ("Qusayr", "fall")
    assert by_text[2] == ("Homs", "homs-threat")
    assert by_text[-1] == ("Wednesday", "fall")


def test_link_marks_leaves_unmatched_dates_unlinked():
    marks = [Mark(0, 3, DATE, "x")]
    assert link_marks(marks, [EventSpan("e", 10, 20)])[0].event_id is None


def test_non_overlapping_keeps_the_longer_span():
    a, b, c = Mark(0, 10, DATE, "a"), Mark(0, 4, PLACE, "b"), Mark(5, 12, PLACE, "c")
    assert non_overlapping([c, b, a]) == [a]


def test_render_article_anchors_marks_and_links():
    marks = link_marks(find_names(TEXT, NAMES), [EventSpan("fall", *P0, frozenset({"qusayr"}))])
    out = render_article(TEXT, [P0, P1], marks, current=1)
    doc = parse(out)
    paragraphs = [a for t, a in doc.tags if t == "p"]
    assert [p["id"] for p in paragraphs] == [passage_id(0), passage_id(1)]
    assert paragraphs[1]["class"] == "passage current"
    assert paragraphs[0]["class"] == "passage"
    links = [a for t, a in doc.tags if t == "a" and "hl" in (a.get("class") or "")]
    assert links[0]["href"] == "./?event=fall"
    assert links[0]["data-event"] == "fall"
    # Homs has no event here: highlighted but not a link.
    spans = [a for t, a in doc.tags if t == "span"]
    assert [s["class"] for s in spans] == ["hl place", "hl place"]
    # The visible text is the article, unchanged.
    assert "".join(doc.text).replace("¶ ", "") == TEXT.replace("\n\n", "\n")


def test_render_article_marks_the_excerpt():
    start = TEXT.index("on Wednesday")
    out = render_article(TEXT, [P0], [], excerpt=(start, start + len("on Wednesday")))
    assert '<mark class="excerpt">on Wednesday</mark>' in out


def test_render_article_escapes_markup_and_template_text():
    text = 'Hi <img src=x onerror="alert(1)"> ${alert(2)} & "Homs"'
    marks = find_names(text, {"Homs": "ho\"me<s>"}, {"ho\"me<s>": '<b>"Homs"</b>'})
    marks = link_marks(marks, [EventSpan('e"><script>x</script>', 0, len(text),
                                         frozenset({'ho"me<s>'}))])  # fmt: skip
    out = render_article(text, [(0, len(text))], marks, excerpt=(0, 5))
    doc = parse(out)
    assert {t for t, _ in doc.tags} <= {"p", "a", "mark"}
    assert "<img" not in out and "<script>" not in out and "<b>" not in out
    joined = "".join(doc.text)
    assert '<img src=x onerror="alert(1)">' in joined
    assert "${alert(2)}" in joined
    link = next(a for t, a in doc.tags if t == "a" and a.get("data-event"))
    assert link["data-event"] == 'e"><script>x</script>'
    assert link["href"] == map_link('e"><script>x</script>')
    assert "%3Cscript%3E" in link["href"]


@dataclass(frozen=True)
class FakePlace:
    id: str
    name: str
    aliases: tuple[str, ...] = ()


def test_spellings_of_first_place_wins():
    names = spellings_of([
        FakePlace("qusayr", "Al-Qusayr", ("Qusayr", "")),
        FakePlace("qusayr-district", "Al-Qusayr District", ("Qusayr",)),
    ])  # fmt: skip
    assert names == {
        "Al-Qusayr": "qusayr", "Qusayr": "qusayr", "Al-Qusayr District": "qusayr-district"
    }  # fmt: skip


def test_event_spans_gathers_places_and_orders_by_day():
    frame = pd.DataFrame(
        {
            "id": ["late", "early", "early"],
            "start": pd.to_datetime(["2013-06-05", "2013-05-19", "2013-05-19"]),
            "excerpt_start": [5, 50, 50],
            "excerpt_end": [20, 80, 80],
            "place_id": ["qusayr", "qusayr", "lebanon"],
        }
    )
    spans = event_spans(frame)
    assert [s.id for s in spans] == ["early", "late"]
    assert spans[0] == EventSpan("early", 50, 80, frozenset({"qusayr", "lebanon"}))
    assert event_spans(frame.iloc[0:0]) == []


@dataclass(frozen=True)
class FakeResolved:
    start: date
    end: date
    precision: str


@dataclass(frozen=True)
class FakeMention:
    start: int
    end: int
    date: FakeResolved


def test_date_marks_titles():
    wed = FakeMention(3, 12, FakeResolved(date(2013, 6, 5), date(2013, 6, 5), "day"))
    late = FakeMention(20, 34, FakeResolved(date(2013, 5, 21), date(2013, 6, 5), "approximate"))
    a, b = date_marks([wed, late])
    assert (a.start, a.end, a.kind, a.title) == (3, 12, DATE, "Wed 5 June 2013")
    assert b.title == "Tue 21 May 2013 to Wed 5 June 2013 (approximate)"
    assert date_title(date(2013, 6, 4), date(2013, 6, 5), "range").endswith("(range)")


def test_find_names_matches_across_non_breaking_spaces():
    text = "The Al-Qusayr\xa0region, then Al-Qusayr."
    names = {"Al-Qusayr region": "district", "Al-Qusayr": "town"}
    marks = find_names(text, names)
    assert [(text[m.start : m.end], m.place_id) for m in marks] == [
        ("Al-Qusayr\xa0region", "district"),
        ("Al-Qusayr", "town"),
    ]
