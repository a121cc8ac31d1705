"""The layout's rule: ``geo/`` is the core and never imports streamlit."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


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
