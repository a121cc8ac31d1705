"""Day-one check: the app starts and shows a Leaflet map with markers, offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import map_frame

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_app_shows_a_leaflet_map_with_markers_offline(app_url, page):
    page.goto(app_url)
    frame = map_frame(page)
    # Leaflet itself loaded (from /app/static, since outside requests are refused) ...
    assert frame.evaluate("typeof L !== 'undefined' && typeof L.version === 'string'")
    # ... and drew at least one marker (circle markers are SVG paths, icons are divs).
    frame.wait_for_selector(".leaflet-interactive, .leaflet-marker-icon")
    assert frame.locator(".leaflet-interactive, .leaflet-marker-icon").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "smoke.png"))
    scripts = [u for u in page.blocked_requests if u.endswith((".js", ".css"))]
    assert not scripts, f"the page asked outside hosts for code: {scripts}"
