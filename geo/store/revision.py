"""`python -m geo.store.revision "what changes"`: write a new Alembic migration.

Builds a throw-away SQLite database at the newest revision, compares it with the models
(``geo/store/models.py``) and writes the difference as a new file in
``geo/store/migrations/versions`` to review and edit (autogenerate misses renames and
data moves). ``tests/store`` then checks that the migrations give the models' schema.
"""

from __future__ import annotations

import sys
import tempfile

from alembic import command
from sqlalchemy.engine import make_url

from geo.store.engine import alembic_config, make_engine


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].strip():
        print('usage: python -m geo.store.revision "what changes"', file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(make_url(f"sqlite:///{folder}/revision.sqlite3"))
        with engine.connect() as connection, connection.begin():
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            command.revision(config, message=argv[0], autogenerate=True)
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
