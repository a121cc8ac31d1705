"""`python -m geo geocode`: output, JSON fields, exit codes, refusal of bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from geo import ROOT
from geo.cli import main


def run_json(capsys, *argv: str) -> tuple[int, dict]:
    code = main(["geocode", *argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_json_fields(capsys) -> None:
    code, out = run_json(capsys, "Qusair")
    assert code == 0
    for key in (
        "name", "lat", "lon", "country_code", "kind", "precision_km", "source", "reason",
        "alternatives",
    ):  # fmt: skip
        assert key in out
    assert out["country_code"] == "SY" and out["name"] == "Al-Qusayr"
    for alt in out["alternatives"]:
        assert {"name", "lat", "lon", "country_code", "score"} <= set(alt)


def test_context_and_country(capsys) -> None:
    _, lb = run_json(capsys, "Tripoli", "--context", "Sectarian fighting in Lebanon, Lebanon.")
    assert lb["country_code"] == "LB"
    _, ly = run_json(capsys, "Tripoli", "--context", "Libya's capital. Libya, Libya.")
    assert ly["country_code"] == "LY"
    _, only = run_json(capsys, "Tripoli", "--country", "gr")
    assert only["country_code"] == "GR"


def test_text_output(capsys) -> None:
    assert main(["geocode", "Dahieh"]) == 0
    out = capsys.readouterr().out
    assert "Dahiyeh" in out and "precision" in out and "why:" in out


def test_unknown_name(capsys) -> None:
    assert main(["geocode", "Xyzzyqwv"]) == 1
    assert "unknown place name" in capsys.readouterr().err
    code, out = run_json(capsys, "Xyzzyqwv")
    assert code == 1 and "unknown" in out["error"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "empty"),
        ("   \t ", "empty"),
        ("x" * 10_000, "10,000 characters"),
        ("Hom\x00s", "control characters"),
        ("Homs\x1b[31m", "control characters"),
    ],
)
def test_bad_input_is_a_clear_error(capsys, name: str, message: str) -> None:
    code, out = run_json(capsys, name)
    assert code == 2 and message in out["error"]
    assert main(["geocode", name]) == 2
    assert message in capsys.readouterr().err


def test_bad_country(capsys) -> None:
    code, out = run_json(capsys, "Homs", "--country", "Syria")
    assert code == 2 and "alpha-2" in out["error"]


def test_real_process_no_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "geocode", "a" * 10_000, "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "error" in json.loads(proc.stdout)
