"""Articles from files or pasted text: plain text, Markdown and HTML, with their metadata.

Text (.txt, .md) is decoded by the rules the whole project shares
(:func:`geo.article.decode_text`: UTF-8, no NUL byte, not UTF-16). HTML (.html, .htm, or
bytes that start like an HTML document) is reduced to the article's text and metadata by
trafilatura (title, publication date, site name; htmldate when trafilatura finds no date):
scripts, styles, ``noscript`` fallbacks, navigation and comments never reach the text.
Nothing is fetched: both libraries read only the bytes given.

The publication date is the one given (``--published`` or the page's date field), else the
metadata's (HTML, or a ``.json`` beside a text file as for the seed), else None: the
importer then refuses the article, since relative dates ("on Tuesday") need it.
"""

from __future__ import annotations

import json
import re
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo.article import UnreadableText, decode_text

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
MAX_TEXT_BYTES = 2_000_000  # as geo.user_article.MAX_BYTES: far more than any article
MAX_HTML_BYTES = 10_000_000  # pages carry scripts and markup around the text
_HTML_START = re.compile(rb"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)[\s>]", re.I | re.S)


class BadSource(UnreadableText):
    """A file or text that cannot become an article; the message says why and what to do."""


@dataclass(frozen=True)
class Source:
    """An article's text and what is known about it, before it is parsed or stored."""

    name: str  # file name, URL or "pasted text"
    text: str
    title: str
    outlet: str
    published: date | None
    language: str = "en"
    kind: str = "text"  # "text" or "html"


def is_html(name: str, data: bytes) -> bool:
    return name.lower().endswith(HTML_SUFFIXES) or bool(_HTML_START.match(data[:2048]))


def read_source(
    data: bytes,
    name: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    meta: dict | None = None,
) -> Source:
    """A :class:`Source` from bytes; :class:`BadSource` when they cannot be an article.

    ``title``/``outlet``/``published`` given here win over the metadata found in the
    bytes or passed as ``meta`` (the .json beside a file). Without a title, the first
    line of the text is the title.
    """
    meta = meta or {}
    if is_html(name, data):
        html_meta, text = _from_html(data, name)
        meta = {**html_meta, **{k: v for k, v in meta.items() if v}}
        kind = "html"
    else:
        text = _from_text(data, name)
        kind = "text"
    if not text.strip():
        raise BadSource(f"{name} holds no article text")
    first_line = next(line.strip() for line in text.splitlines() if line.strip())
    when = published or _date(meta.get("published"), name)
    return Source(
        name=name,
        text=text,
        title=(title or "").strip() or str(meta.get("title") or "").strip() or first_line[:120],
        outlet=(outlet or "").strip() or str(meta.get("outlet") or "").strip(),
        published=when,
        language=str(meta.get("language") or "en")[:16],
        kind=kind,
    )


def _date(value: object, name: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise BadSource(f"{name}: the publication date {value!r} is not YYYY-MM-DD") from None


def _from_text(data: bytes, name: str) -> str:
    if len(data) > MAX_TEXT_BYTES:
        raise BadSource(
            f"{name} is too large ({len(data) / 1e6:.1f} MB; the limit is "
            f"{MAX_TEXT_BYTES / 1e6:.0f} MB for one article)"
        )
    try:
        text = decode_text(data)
    except UnreadableText as exc:
        raise BadSource(f"{name}: {exc}") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise BadSource(f"{name} is empty")
    return text


def _from_html(data: bytes, name: str) -> tuple[dict[str, object], str]:
    """(metadata, text) of an HTML page: trafilatura's extraction, htmldate for the date."""
    if len(data) > MAX_HTML_BYTES:
        raise BadSource(
            f"{name} is too large ({len(data) / 1e6:.1f} MB; the limit is "
            f"{MAX_HTML_BYTES / 1e6:.0f} MB for a web page)"
        )
    try:
        markup = decode_text(data)
    except UnreadableText as exc:
        raise BadSource(f"{name}: {exc}") from None
    import trafilatura

    doc = trafilatura.bare_extraction(
        markup, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, include_links=False,
        prune_xpath=["//noscript", "//template", "//iframe", "//object", "//svg"],
    )
    if doc is None or not (doc.text or "").strip():
        raise BadSource(f"{name}: no article text found in the HTML")
    published = doc.date
    if not published:
        from htmldate import find_date

        published = find_date(markup, original_date=True, extensive_search=False)
    meta = {"title": doc.title, "outlet": doc.sitename, "published": published,
            "language": doc.language}
    # trafilatura puts one paragraph per line; the article model splits on blank lines.
    paragraphs = [line.strip() for line in doc.text.splitlines() if line.strip()]
    return meta, "\n\n".join(paragraphs) + "\n"


def read_file(
    path: Path,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
) -> Source:
    """A :class:`Source` from a file, with the metadata of the ``.json`` beside a text file."""
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES:
        raise BadSource(
            f"{path.name}: not a .txt, .md or .html file (convert it to one of those first)"
        )
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise BadSource(f"{path}: is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise BadSource(f"{path}: not a regular file")
        if info.st_size > MAX_HTML_BYTES:
            raise BadSource(f"{path} is too large ({info.st_size / 1e6:.1f} MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise BadSource(f"{path}: no such file") from None
    except PermissionError:
        raise BadSource(f"{path}: permission denied") from None
    except OSError as exc:
        raise BadSource(f"{path}: cannot read: {exc.strerror or exc}") from None
    meta: dict = {}
    meta_path = path.with_suffix(".json")
    if suffix in TEXT_SUFFIXES and meta_path.is_file():
        try:
            loaded = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BadSource(f"cannot read the metadata {meta_path}: {exc}") from None
        meta = loaded if isinstance(loaded, dict) else {}
    return read_source(
        data, str(path), title=title, outlet=outlet, published=published, meta=meta
    )
