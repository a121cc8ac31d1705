"""Fingerprint of the event proposer's output, to check a speed-up changes nothing.

    python benchmarks/events_hash.py

Runs :func:`geo.geoparse.propose.propose_events` on every article of the event set and on
the seed article, and prints one SHA-256 over all fields of every proposed record (in
order). A change meant only to make the proposer faster must leave the hash unchanged.
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.article import load_seed_article  # noqa: E402
from geo.geoparse.eventset import load_event_set  # noqa: E402
from geo.geoparse.propose import propose_events  # noqa: E402
from geo.geoparse.toponyms import Geoparser  # noqa: E402


def fingerprint() -> tuple[str, int, int]:
    """The hash, the number of articles and the number of records."""
    parser = Geoparser()
    articles = [(a.id, a.article) for a in load_event_set()]
    articles.append(("seed", load_seed_article()))
    digest = hashlib.sha256()
    rows = 0
    for name, article in articles:
        digest.update(f"article {name}\n".encode())
        for event in propose_events(article, parser):
            digest.update(repr(dataclasses.astuple(event)).encode())
            digest.update(b"\n")
            rows += 1
    return digest.hexdigest(), len(articles), rows


def main() -> int:
    h, n, rows = fingerprint()
    print(f"{h}  ({n} articles, {rows} records)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
