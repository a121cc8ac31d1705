"""The layout's rules: `geo/` is the core and never imports streamlit; small modules, thin
pages, no program in a string (issue 10)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_no_geo_module_imports_streamlit():
    # A fresh interpreter: this test process may have streamlit loaded by other tests.
    script = (
        "import importlib, pkgutil, sys\n"
        "import geo\n"
        "names = [m.name for m in pkgutil.walk_packages(geo.__path__, 'geo.')"
        " if m.name != 'geo.__main__']\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(len(names), sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit'))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split(maxsplit=1)  # fmt: skip
    assert int(out[0]) >= 30  # every module was imported
    assert out[1].strip() == "[]"


def test_no_pages_folder_beside_app_py() -> None:
    """Streamlit reads a ``pages/`` folder beside the main script as its older multipage
    mode until the first ``st.navigation`` call: the first visitor of a page whose URL is
    not its file name then saw "Page not found" (issue 9, item 7)."""
    assert not (ROOT / "pages").exists()
    assert (ROOT / "app_pages" / "your_article.py").is_file()


def test_the_static_folder_is_in_git() -> None:
    """Streamlit looks for ``static/`` once, when it starts, before any page has run
    (which fills ``static/vendor``): a fresh clone must already have the folder, or the
    server warns "no static folder found" (issue 9, item 7)."""
    tracked = subprocess.run(["git", "ls-files", "static"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()  # fmt: skip
    assert "static/README.md" in tracked


# Issue 10, "done when": browser code, templates and data live in their own files, modules
# stay small enough to read, and pages stay thin.
MAX_STRING_LINES = 40
MAX_MODULE_LINES = 700
MAX_PAGE_LINES = 250  # every page under this


def _python_files(*folders: str) -> list:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def _lines(path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_string_literal_longer_than_40_lines() -> None:
    """JavaScript, CSS, HTML and SQL go in files of their own (``geo/map/static``,
    ``geo/templates``), not in Python strings; docstrings count too."""
    import ast

    long = []
    for path in _python_files("geo", "app_pages"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr) or (
                isinstance(node, ast.Constant) and isinstance(node.value, str | bytes)
            ):
                span = node.end_lineno - node.lineno + 1
                value = node.value if isinstance(node, ast.Constant) else ""
                held = len(value.splitlines())
                if max(span, held) > MAX_STRING_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} ({max(span, held)})")
    assert not long, f"string literals over {MAX_STRING_LINES} lines: {long}"


def test_no_module_in_geo_over_700_lines() -> None:
    big = {str(p.relative_to(ROOT)): n for p in _python_files("geo") if (n := _lines(p)) > 700}
    assert not big, f"modules over {MAX_MODULE_LINES} lines: {big}"


def test_every_page_under_250_lines() -> None:
    pages = _python_files("app_pages")
    assert len(pages) >= 6
    big = {str(p.relative_to(ROOT)): n for p in pages if (n := _lines(p)) >= MAX_PAGE_LINES}
    assert not big, f"pages of {MAX_PAGE_LINES} lines or more: {big}"
