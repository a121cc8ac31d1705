"""The benchmarks on a clone without the shared corpora: a message, not a traceback."""

from __future__ import annotations

import importlib.util
import sys

import geo.geoparse.corpora as corpora
from tests.conftest import ROOT


def test_geoparse_benchmark_without_the_corpora_says_where_to_put_them(
    tmp_path, monkeypatch, capsys
) -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_geoparse", ROOT / "benchmarks" / "geoparse.py"
    )
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_geoparse", bench)  # its dataclasses look it up
    spec.loader.exec_module(bench)
    monkeypatch.setattr(corpora, "CORPORA_DIR", tmp_path / "shared" / "data" / "geoparse")
    assert bench.main(["--limit", "1"]) == 2  # was: FileNotFoundError traceback
    err = capsys.readouterr().err
    assert "LGL corpus is not at" in err and "../shared" in err
    assert "Traceback" not in err


def _bench(name: str):
    path = ROOT / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_place_plausible_without_the_corpora_says_where_to_put_them(
    tmp_path, monkeypatch, capsys
) -> None:
    bench = _bench("place_plausible")
    monkeypatch.setattr(bench, "load_corpus", lambda name: corpora.load_corpus(
        name, tmp_path / "shared" / "data" / "geoparse"))
    assert bench.main([]) == 2
    err = capsys.readouterr().err
    assert "LGL corpus is not at" in err and "Traceback" not in err


def test_place_causes_tells_a_namesake() -> None:
    # The famous Paris for a barn fire in Paris, Texas: the name was read, its namesake
    # chosen (cause b), not a place the sentence failed to name.
    from datetime import date

    from geo.article import make_article
    from geo.geoparse.eventset import AnnotatedArticle, GoldEvent, GoldPlace
    from geo.geoparse.propose import article_mentions, propose_events
    from geo.geoparse.toponyms import Geoparser

    bench = _bench("place_causes")
    parser = Geoparser()
    text = "A fire destroyed a barn in Paris on Monday."
    article = make_article(text, id="t", title="", outlet="Test", published=date(2015, 4, 1))
    gold = GoldEvent("fire", ((0, 43),), (GoldPlace("Paris, Texas", 33.66, -95.56, 15),),
                     article.published, article.published)
    annotated = AnnotatedArticle("t", "Test", "dev", "", article, (gold,))
    mentions = [t for t in article_mentions(article, parser) if t.place is not None]
    rows = propose_events(article, parser)
    first = next(r for r in rows if r.excerpt_start == 0)
    assert parser.gazetteer.get(first.place_id).country_code == "FR"  # the famous Paris
    assert bench.classify(annotated, first, [gold], mentions, parser)[0] == "b"
