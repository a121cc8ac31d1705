"""What the proposer's tests share: a text of our own, published on a given day, proposed.

The geoparser itself is the session's ``parser`` fixture (``tests/conftest.py``): one
model and gazetteer for every test that reads sentences.
"""

from __future__ import annotations

from datetime import date

from geo.article import make_article
from geo.events import Event
from geo.geoparse.propose import propose_events
from geo.geoparse.toponyms import Geoparser

WEDNESDAY = date(2015, 4, 1)  # the usual publication day of the tests' texts


def propose_text(parser: Geoparser, text: str, *, title: str = "",
                 published: date = WEDNESDAY) -> list[Event]:
    """The events ``parser`` proposes for ``text`` as an article published on ``published``."""
    article = make_article(text, id="t", title=title, outlet="Test", published=published)
    return propose_events(article, parser)
