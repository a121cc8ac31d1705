"""Shared fixtures: the running app and a headless Chromium that may only reach localhost.

Browser tests are marked ``browser``. Without Chromium or Playwright they skip with a
visible reason, except in CI (``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Playwright's wait for any one event (a selector, the app's ready signal). Generous: CI
#: and this machine run the server, Chromium and other work on two busy cores; a wait
#: ends as soon as its event happens, so a long limit costs nothing when all is well.
TIMEOUT_MS = 90_000
LOCAL_PREFIXES = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1")
IN_CI = os.environ.get("CI", "").lower() == "true"


# --- figures in pytest's summary ------------------------------------------------------

FIGURES = pytest.StashKey[list]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[FIGURES] = []
    # The app and the CLI open the workspace database; tests never touch the user's own
    # (its default is in the user's data directory): one throw-away file per run.
    if "GEO_DATABASE_URL" not in os.environ:
        import tempfile

        folder = tempfile.mkdtemp(prefix="geo-test-db-")
        os.environ["GEO_DATABASE_URL"] = f"sqlite:///{folder}/workspace.sqlite3"


@pytest.fixture(autouse=True)
def _keep_main_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """Restore ``__main__`` after each test: streamlit's AppTest runs a page as
    ``__main__`` and leaves it there, and a worker process spawned later (geo.worker)
    would then import that page as its main module and die."""
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])


@pytest.fixture
def report(request: pytest.FixtureRequest):
    """``report(line)``: a measured figure, printed in the run's summary (no ``-s`` needed)."""
    return request.config.stash[FIGURES].append


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    lines = config.stash.get(FIGURES, [])
    if lines:
        terminalreporter.section("figures measured by the tests")
        for line in lines:
            terminalreporter.write_line(line)


# --- browser --------------------------------------------------------------------------


def _missing_browser(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(
    script: str = "app.py", env: dict[str, str] | None = None, port: int | None = None
):
    """Start ``streamlit run`` on ``port`` (default: a free one); return (process, base URL)."""
    port = port or free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{proc.stdout.read()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy within 120 s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def geonames_index() -> None:
    """The GeoNames index, built before any server starts (once per install, 30-45 s on
    a fresh clone): no browser test then waits for the app's own background build."""
    from geo.gazetteer import load_gazetteer

    geonames = load_gazetteer().geonames
    if geonames is not None:
        geonames.ensure_built()


@pytest.fixture(scope="session")
def app_url(geonames_index) -> Iterator[str]:
    proc, url = start_streamlit()
    yield url
    stop(proc)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        _missing_browser(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing_browser("Playwright is not installed (pip install -r requirements-dev.txt)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page whose requests outside localhost are refused and recorded."""
    yield from sized_page(browser, 1400, 1000)


def sized_page(browser, width: int, height: int):
    """A fresh ``width`` x ``height`` page, guarded as ``page`` (a generator for fixtures)."""
    context = browser.new_context(viewport={"width": width, "height": height},
                                  accept_downloads=True)  # fmt: skip
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    pg = context.new_page()
    pg.blocked_requests = []

    def guard(route):
        url = route.request.url
        if url.startswith(LOCAL_PREFIXES) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            pg.blocked_requests.append(url)
            route.abort()

    context.route("**/*", guard)
    yield pg
    context.close()


# --- the app's ready signal -----------------------------------------------------------

SETTLED_JS = """(after) => {
    const ready = document.querySelector('#app-ready');
    const app = document.querySelector('[data-testid="stApp"]');
    return ready !== null && Number(ready.dataset.run) > after && app !== null
        && app.dataset.testScriptState === 'notRunning';
}"""


def run_number(pg) -> int:
    """The number of the app's last finished run in this page (0 before the first)."""
    value = pg.evaluate("() => document.querySelector('#app-ready')?.dataset.run || '0'")
    return int(value)


def settled(pg, after: int = 0, timeout_ms: int = TIMEOUT_MS) -> int:
    """Wait for the app's ready signal of a run later than ``after``; return its number.

    ``app.py`` draws ``#app-ready`` (``data-run``: the session's run count) after each
    page's own elements, so once it shows a later run, that run has sent all it draws,
    and Streamlit's own ``data-test-script-state`` says no other run is under way. Take
    ``n = run_number(page)`` before a click, then ``settled(page, n)``.
    """
    pg.wait_for_function(SETTLED_JS, arg=after, timeout=timeout_ms)
    return run_number(pg)


def map_frame(pg, timeout_ms: int = TIMEOUT_MS):
    """The streamlit-folium iframe that holds the Leaflet map, once Leaflet has drawn."""
    pg.wait_for_selector("iframe[title*='streamlit_folium']", timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        for frame in pg.frames:
            if "streamlit_folium" in frame.url and frame.locator(".leaflet-container").count():
                return frame
        pg.wait_for_timeout(100)
    raise AssertionError("no Leaflet map appeared in the streamlit-folium iframe")


@pytest.fixture(scope="session")
def parser():
    """One geoparser (model and gazetteer) for every test that proposes events from text."""
    from geo.geoparse.toponyms import Geoparser

    return Geoparser()
