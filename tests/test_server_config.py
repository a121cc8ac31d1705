"""The server's own settings that decide what a new visitor costs (issue 9's first markers).

Each new browser session used to cost the Streamlit server about 0.7 s of CPU before the
map's markers were drawn, 0.2 s of it on the event loop that serves the page's files
(the source watcher resolving the path of every loaded module for the new session) and
0.1 s in a full garbage collection after the run, holding the interpreter lock
(``benchmarks/app_browser.py --only seed``; README, Performance). Both are switched off
in ``.streamlit/config.toml``, which ``streamlit run app.py`` reads from the working folder.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_streamlit_reads_no_watcher_and_no_forced_collection_from_the_app_config() -> None:
    # A fresh interpreter in the app's folder reads .streamlit/config.toml as the server
    # does; a misspelt option would be ignored there without a word.
    script = (
        "from streamlit import config\n"
        "print(config.get_option('server.fileWatcherType'),"
        " config.get_option('runner.postScriptGC'))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()  # fmt: skip
    assert out == ["none", "False"]
