"""The examples in docstrings run: every module of ``geo/`` that has one (">>>").

They document rules (``geo.gazetteer.normalize``: which spellings meet), so a rule that
changes without its example fails here.
"""

import doctest
import importlib
from pathlib import Path

import pytest

GEO = Path(__file__).resolve().parent.parent / "geo"
WITH_EXAMPLES = sorted(
    ".".join(p.relative_to(GEO.parent).with_suffix("").parts)
    for p in GEO.rglob("*.py")
    if ">>>" in p.read_text(encoding="utf-8")
)


def test_the_normaliser_has_examples() -> None:
    assert "geo.gazetteer.normalize" in WITH_EXAMPLES


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0, f"{result.failed} of {name}'s examples fail (output above)"
