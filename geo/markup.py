"""HTML from Jinja2 templates with autoescaping: the one way article text becomes HTML.

Article text is untrusted. Popups (``geo.map.popups``), the article page's highlights
(``geo.highlight``) and the KML description (``geo.export``) are rendered from the
templates in ``geo/templates/`` by one environment whose autoescape is always on, so a
value reaches the page escaped unless a template is given a ``Markup`` value that was
itself rendered here. No HTML is assembled by hand around article text.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, Template
from markupsafe import Markup

from geo import ROOT

TEMPLATES_DIR = ROOT / "geo" / "templates"

#: ``autoescape=True`` for every template, whatever its file name.
ENV = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


@cache
def template(name: str) -> Template:
    """The compiled template ``geo/templates/<name>`` (compiled once per process)."""
    return ENV.get_template(name)


def render(name: str, **values: Any) -> Markup:
    """Template ``name`` rendered with ``values`` (escaped unless they are ``Markup``)."""
    return Markup(template(name).render(**values))


def macro(name: str, macro_name: str) -> Any:
    """A macro of template ``name``: for pieces rendered many times (a popup per event)."""
    return getattr(template(name).module, macro_name)


def markdown_text(text: object) -> str:
    """``text`` safe in a Markdown label (Streamlit renders button labels and titles as
    Markdown): every character Markdown could read as syntax is backslash-escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~<>$:])", r"\\\1", str(text))


def plain_text(text: object) -> str:
    """``text`` shown as itself in a Streamlit message or caption (read as Markdown).

    A file named "[click me](https://evil.example).txt" must not become a link, nor
    "![x](url)" an image the browser fetches. Backslash escapes (:func:`markdown_text`)
    are not enough there: Streamlit turns any "https://..." left in the text into a link
    after reading the Markdown. An inline code span is never read as Markdown nor linked:
    the text goes into one, fenced with more backticks than it holds in a row.
    """
    text = " ".join(str(text).split())  # one line: a code span cannot hold a blank line
    fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"
