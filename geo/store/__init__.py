"""The workspace database: many articles, their events and corrections (issue 12).

Never imports streamlit. ``open_store()`` gives a :class:`Store` on ``GEO_DATABASE_URL``
(any SQLAlchemy URL) or, by default, a SQLite file in the user's data directory; the
schema is migrated (Alembic, ``geo/store/migrations``) and the seed loaded on open.
Failures of the database reach callers as :class:`StoreError` with a readable message.
"""

from geo.store.errors import NotFound, StaleVersion, StoreError
from geo.store.workspace import (
    ADDED,
    ALREADY,
    REFUSED,
    ArticleSummary,
    Correction,
    ImportResult,
    Store,
    content_hash,
    open_store,
)

__all__ = [
    "ADDED", "ALREADY", "REFUSED", "ArticleSummary", "Correction", "ImportResult",
    "NotFound", "StaleVersion", "Store", "StoreError", "content_hash", "open_store",
]
