"""JSON that is safe inside a ``<script>`` element: how data reaches the map's JavaScript."""

from __future__ import annotations

import json
from typing import Any

#: What could end or confuse a ``<script>`` element around JSON, and its JSON escape:
#: ``</`` (as in ``</script>``) and ``<!--`` (which changes how a script is parsed).
#: Other ``<`` are harmless there and stay as they are: each escape costs 5 bytes, and a
#: busy step's JSON holds tens of thousands of tags.
_JS_UNSAFE = {"</": "\\u003c/", "<!--": "\\u003c!--", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def js_json(value: Any) -> str:
    """``value`` as a JavaScript literal that is safe inside a ``<script>`` element.

    JSON strings are double-quoted, so backticks and ``${`` have no meaning in them;
    escaping ``</`` and ``<!--`` keeps ``</script>`` and comments from ending or
    confusing the script element around it (the line separators U+2028/9 are escaped
    for old JavaScript parsers).
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _JS_UNSAFE.items():  # str.replace: a step's JSON is megabytes
        text = text.replace(raw, escaped)
    return text
