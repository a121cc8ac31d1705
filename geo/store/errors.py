"""What can go wrong with the workspace database, as messages a reader can act on.

Every failure of the database itself (unreachable, locked, a schema newer than this code)
reaches the pages and the CLI as a :class:`StoreError` whose text says what to do; never a
driver's traceback.
"""

from __future__ import annotations


class StoreError(RuntimeError):
    """The database cannot do what was asked; ``str(error)`` is the message to show."""


class StaleVersion(StoreError):
    """Someone else changed the event since it was read: reload it and apply the change again."""


class NotFound(StoreError, LookupError):
    """No article or event by that id."""
