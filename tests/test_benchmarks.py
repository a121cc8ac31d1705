"""The benchmarks on a clone without the shared corpora: a message, not a traceback."""

from __future__ import annotations

import importlib.util

import geo.geoparse.corpora as corpora
from tests.conftest import ROOT


def test_geoparse_benchmark_without_the_corpora_says_where_to_put_them(
    tmp_path, monkeypatch, capsys
) -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_geoparse", ROOT / "benchmarks" / "geoparse.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    monkeypatch.setattr(corpora, "CORPORA_DIR", tmp_path / "shared" / "data" / "geoparse")
    assert bench.main(["--limit", "1"]) == 2  # was: FileNotFoundError traceback
    err = capsys.readouterr().err
    assert "LGL corpus is not at" in err and "../shared" in err
    assert "Traceback" not in err
