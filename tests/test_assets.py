"""Leaflet and jQuery come from installed wheels, never from a CDN."""

from __future__ import annotations

import re

import folium

from geo.assets import JQUERY, LEAFLET, install_static_assets, local_css, local_js


def test_install_copies_leaflet_and_jquery(tmp_path):
    vendor = install_static_assets(tmp_path)
    assert (vendor / LEAFLET.folder / "leaflet.js").stat().st_size > 100_000
    assert (vendor / LEAFLET.folder / "leaflet.css").exists()
    assert (vendor / LEAFLET.folder / "images" / "layers.png").exists()
    assert (vendor / JQUERY.folder / "jquery.min.js").exists()
    # A second call reuses the copy instead of copying again.
    marker = vendor / LEAFLET.folder / "leaflet.js"
    before = marker.stat().st_mtime_ns
    install_static_assets(tmp_path)
    assert marker.stat().st_mtime_ns == before


def test_local_urls_point_at_the_copied_files(tmp_path):
    vendor = install_static_assets(tmp_path)
    for _, url in local_js() + local_css():
        relative = url.removeprefix("/app/static/vendor/")
        assert (vendor / relative).is_file(), url


def test_a_map_with_local_assets_names_no_outside_host():
    m = folium.Map(tiles=None)
    m.default_js = local_js()
    m.default_css = local_css()
    html = m.get_root().render()
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert assets, "the page loads no asset at all"
    assert all(u.startswith("/app/static/vendor/") for u in assets), assets
