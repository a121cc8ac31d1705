"""Serve Leaflet and jQuery from installed packages instead of CDNs.

folium points its maps at CDNs, which users without internet (and this project's
CI) cannot reach. The XStatic wheels on PyPI ship the same files; we copy them into
Streamlit's ``static/`` folder (served at ``/app/static/``) once per version, and
point folium's ``default_js``/``default_css`` at them. Copies, not symlinks:
Streamlit refuses static paths that resolve outside its folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import xstatic.pkg.jquery as xs_jquery
import xstatic.pkg.leaflet as xs_leaflet

from geo import ROOT

STATIC_DIR = ROOT / "static"
URL_PREFIX = "/app/static/vendor"


@dataclass(frozen=True)
class Vendored:
    """One package's files as copied under ``static/vendor/<name>-<version>``."""

    name: str
    version: str
    source: Path

    @property
    def folder(self) -> str:
        return f"{self.name}-{self.version}"


LEAFLET = Vendored("leaflet", xs_leaflet.VERSION, Path(xs_leaflet.BASE_DIR))
JQUERY = Vendored("jquery", xs_jquery.VERSION, Path(xs_jquery.BASE_DIR))


def install_static_assets(static_dir: Path = STATIC_DIR) -> Path:
    """Copy the vendored packages under ``static_dir/vendor`` unless already there.

    Idempotent and cheap when done: the version is in the folder name, so an
    upgrade of the wheel lands in a new folder.
    """
    vendor = static_dir / "vendor"
    for pkg in (LEAFLET, JQUERY):
        dest = vendor / pkg.folder
        if not (dest / ".complete").exists():
            tmp = vendor / f".{pkg.folder}.tmp"
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.copytree(pkg.source, tmp, ignore=shutil.ignore_patterns("*.map", "*.esm.*"))
            (tmp / ".complete").write_text(pkg.version)
            shutil.rmtree(dest, ignore_errors=True)
            tmp.rename(dest)
    return vendor


def local_js(prefix: str = URL_PREFIX) -> list[tuple[str, str]]:
    """folium ``default_js`` entries for the local copies."""
    return [
        ("leaflet", f"{prefix}/{LEAFLET.folder}/leaflet.js"),
        ("jquery", f"{prefix}/{JQUERY.folder}/jquery.min.js"),
    ]


def local_css(prefix: str = URL_PREFIX) -> list[tuple[str, str]]:
    """folium ``default_css`` entries for the local copies."""
    return [("leaflet_css", f"{prefix}/{LEAFLET.folder}/leaflet.css")]


def write_content_named(
    folder: Path, stem: str, text: str, digits: int = 12, suffix: str = "json"
) -> str:
    """Write ``text`` to ``folder/<stem>-<digest>.<suffix>`` unless there; return the name.

    For data the map fetches as static files (basemap layers, popup texts): the name
    changes with the content, so a browser may cache a file for good, and servers
    sharing the folder never clash (written to a temporary name, then renamed).
    """
    name = f"{stem}-{hashlib.sha256(text.encode()).hexdigest()[:digits]}.{suffix}"
    target = folder / name
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    return name
