"""geo.user_article: decoding a reader's article, proposals, and corrections that lose nothing."""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest

from geo.article import UnreadableText, decode_text
from geo.events import FRAME_COLUMNS
from geo.export import render
from geo.user_article import (
    CORRECTED,
    MAX_BYTES,
    BadArticle,
    BadCorrection,
    UnknownPlace,
    article_from_bytes,
    choose_place,
    correct_dates,
    correct_place,
    corrected_rows,
    file_stem,
    propose_frame,
)

PUBLISHED = date(2013, 6, 5)  # a Wednesday: "on Tuesday" is 4 June
TEXT = (
    "Clashes in Tripoli, Lebanon, killed three people on Tuesday. "
    "The Syrian army shelled Homs on Monday. "
    "Rebels withdrew from Al-Qusayr."
)


def make(data: bytes | str = TEXT, **kw):
    if isinstance(data, str):
        data = data.encode("utf-8")
    args = {"title": None, "outlet": "Daily Test", "published": PUBLISHED, "name": "pasted"}
    return article_from_bytes(data, **{**args, **kw})


@pytest.fixture(scope="module")
def article():
    return make(title="Clashes in Tripoli")


@pytest.fixture(scope="module")
def frame(article):
    return propose_frame(article)


# --- decoding ------------------------------------------------------------------------


def test_article_from_bytes_keeps_text_and_metadata() -> None:
    a = make(TEXT, title="  Clashes  ", outlet=" Daily ", name="My File.txt")
    assert a.text == TEXT
    assert (a.title, a.outlet, a.published, a.id) == ("Clashes", "Daily", PUBLISHED, "my-file-txt")


def test_title_defaults_to_the_first_line() -> None:
    a = make("\n\n  Fighting in Homs  \n\nThe army shelled Homs on Monday.")
    assert a.title == "Fighting in Homs"


def test_utf8_bom_is_accepted_and_dropped() -> None:
    a = make(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert a.text == TEXT  # offsets of the events count from the first letter


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"  \n\t \r\n", "empty"),
        (b"Homs\x00\x01\x02", "binary"),
        ("Clashes in Homs".encode("utf-16"), "UTF-16"),
        ("Clashes in Homs, café".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_input_is_refused_with_a_reason(data: bytes, words: str) -> None:
    with pytest.raises(BadArticle, match=words) as info:
        make(data, name="upload.txt")
    assert isinstance(info.value, ValueError)
    assert "upload.txt" in str(info.value)


def test_size_limit_is_checked_before_decoding() -> None:
    with pytest.raises(BadArticle, match="too large"):
        make(b"\xff" * (MAX_BYTES + 1))  # not UTF-8 either: the size is what is reported
    assert make(b"a" * 10 + b" Homs.").text.endswith("Homs.")


def test_cli_and_app_share_one_decoder() -> None:
    import geo.commands.toponyms as cli

    assert cli.UnreadableText is UnreadableText and cli.decode_text is decode_text
    assert decode_text("\ufeffHoms".encode()) == "Homs"  # one rule: the BOM is not text
    with pytest.raises(UnreadableText, match="invalid byte at offset 2"):
        decode_text(b"ab\xffcd")


def test_file_stem_is_safe() -> None:
    assert file_stem("Clashes in Tripoli: 3 dead!") == "clashes-in-tripoli-3-dead"
    assert file_stem("../../etc/passwd") == "etc-passwd"
    assert file_stem("<>") == "your-article"


# --- proposals -----------------------------------------------------------------------


def test_propose_frame_has_the_events_columns_and_a_note(frame) -> None:
    assert list(frame.columns) == [*FRAME_COLUMNS, "note"]
    by_place = frame.set_index("place_id")
    assert set(by_place.index) == {"tripoli-lb", "homs", "qusayr"}
    assert by_place.loc["tripoli-lb", "start"] == pd.Timestamp("2013-06-04")  # "on Tuesday"
    assert by_place.loc["homs", "start"] == pd.Timestamp("2013-06-03")  # "on Monday"
    assert frame["note"].str.startswith("proposed by the geoparser").all()
    assert not corrected_rows(frame).any()


def test_choose_place_resolves_in_context_or_by_id(article) -> None:
    assert choose_place("Tripoli", article.text).country_code == "LB"
    assert choose_place("Tripoli", "Fighting near Benghazi and Misrata.").country_code == "LY"
    by_id = choose_place("tripoli-lb")
    assert (by_id.place_id, by_id.name) == ("tripoli-lb", "Tripoli")
    assert "Lebanon" in choose_place("Tripoli", article.text).reason
    with pytest.raises(UnknownPlace, match="no place called"):
        choose_place("Qwxzyville", article.text)
    with pytest.raises(UnknownPlace):
        choose_place("   ")


# --- corrections ---------------------------------------------------------------------


def _row(frame: pd.DataFrame, place_id: str) -> pd.Series:
    return frame.loc[frame["place_id"] == place_id].iloc[0]


def test_correct_place_moves_the_row_and_keeps_the_rest(article, frame) -> None:
    before = frame.copy()
    row_id = _row(frame, "tripoli-lb")["id"]
    out = correct_place(frame, row_id, "Beirut", article.text)
    pd.testing.assert_frame_equal(frame, before)  # the input is never modified
    moved = _row(out, "beirut")
    old = _row(before, "tripoli-lb")
    assert moved["id"] == f"{old['event_id']}@beirut"
    assert (moved["place_name"], moved["country_code"]) == ("Beirut", "LB")
    assert moved["lat"] == pytest.approx(33.89, abs=0.05)
    assert moved["lon"] == pytest.approx(35.50, abs=0.05)
    assert moved["note"].startswith(f"{CORRECTED}: place was Tripoli (tripoli-lb)")
    assert old["note"] in moved["note"]  # the parser's reason is kept
    for kept in ("excerpt", "excerpt_start", "excerpt_end", "start", "end", "title", "event_id"):
        assert moved[kept] == old[kept]
    assert article.text[moved["excerpt_start"] : moved["excerpt_end"]] == moved["excerpt"]
    others = out[out["place_id"] != "beirut"]
    pd.testing.assert_frame_equal(others, before[before["place_id"] != "tripoli-lb"])
    assert corrected_rows(out).tolist() == [True, False, False]
    assert out.dtypes.equals(before.dtypes)


def test_correct_place_by_gazetteer_id(frame) -> None:
    out = correct_place(frame, _row(frame, "homs")["id"], "homs-governorate")
    assert _row(out, "homs-governorate")["kind"] == "governorate"


def test_unknown_place_leaves_the_frame_unchanged(article, frame) -> None:
    before = frame.copy()
    with pytest.raises(UnknownPlace, match="Qwxzyville"):
        correct_place(frame, frame["id"].iloc[0], "Qwxzyville", article.text)
    with pytest.raises(BadCorrection, match="no row"):
        correct_place(frame, "nope@nowhere", "Beirut", article.text)
    pd.testing.assert_frame_equal(frame, before)


def test_place_already_in_the_event_is_refused() -> None:
    a = make("Fighting spread from Homs to Al-Qusayr on Monday.")
    f = propose_frame(a)
    assert len(f) == 2 and f["event_id"].nunique() == 1
    with pytest.raises(BadCorrection, match="already at"):
        correct_place(f, _row(f, "homs")["id"], "qusayr")


def test_correct_dates(frame) -> None:
    before = frame.copy()
    row_id = _row(frame, "homs")["id"]
    out = correct_dates(frame, row_id, date(2013, 6, 1), date(2013, 6, 2))
    pd.testing.assert_frame_equal(frame, before)
    row, old = _row(out, "homs"), _row(before, "homs")
    assert (row["start"], row["end"]) == (pd.Timestamp("2013-06-01"), pd.Timestamp("2013-06-02"))
    assert row["date_precision"] == "range" and row["date_rule"].startswith("reader")
    assert row["note"].startswith(f"{CORRECTED}: dates were 2013-06-03 to 2013-06-03")
    assert old["date_rule"] in row["note"]
    assert row["date_phrase"] == old["date_phrase"] == "Monday"  # the article's words stay
    assert out.dtypes.equals(before.dtypes)
    one_day = correct_dates(out, row_id, date(2013, 5, 31), date(2013, 5, 31))
    assert _row(one_day, "homs")["date_precision"] == "day"
    assert _row(one_day, "homs")["note"].count(CORRECTED) == 2  # both corrections kept


def test_end_before_start_is_refused(frame) -> None:
    before = frame.copy()
    with pytest.raises(BadCorrection, match="before the start"):
        correct_dates(frame, frame["id"].iloc[0], date(2013, 6, 5), date(2013, 6, 4))
    pd.testing.assert_frame_equal(frame, before)


def test_exports_carry_the_corrections(article, frame) -> None:
    out = correct_place(frame, _row(frame, "tripoli-lb")["id"], "Beirut", article.text)
    out = correct_dates(out, _row(out, "homs")["id"], date(2013, 6, 1), date(2013, 6, 1))
    rows = {r["place_id"]: r for r in csv.DictReader(io.StringIO(render(out, "csv")))}
    assert rows["beirut"]["note"].startswith(CORRECTED)
    assert rows["homs"]["start"] == "2013-06-01"
    assert rows["qusayr"]["note"].startswith("proposed")
    assert CORRECTED in render(out, "kml") and CORRECTED in render(out, "geojson")


# --- issue 9: no events, long titles --------------------------------------------------


def test_an_article_without_events_has_no_corrected_rows() -> None:
    frame = propose_frame(make("Hello world, nothing happened here."))
    assert frame.empty
    corrected = corrected_rows(frame)  # was: AttributeError (.str on an empty column)
    assert corrected.dtype == bool and not corrected.any()


def test_default_title_is_cut_at_a_word_with_an_ellipsis() -> None:
    line = (
        "Hezbollah fighters crossed the border at dawn while the army, backed by "
        "artillery, kept pressing its militia allies toward the town of Al-Qusayr today"
    )
    title = make(line + "\n\nThe army shelled Homs on Monday.").title
    assert len(title) <= 120 and title.endswith("…")
    assert line.startswith(title[:-1]) and line[len(title) - 1] == " "  # a whole word
    assert "milita…" not in title and make("Short title\n\nHoms.").title == "Short title"
