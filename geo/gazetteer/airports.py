"""Airports for the GeoNames index, from the ``airportsdata`` package (MIT).

GeoNames' populated places hold no airports, only their namesakes ("Heathrow", a
village in Florida), so news that names an airport ("flights from Gatwick were
cancelled", "landed at Beirut airport") found no place or the wrong one. The package
lists every operational airport and landing strip with its official name, city, country
and reference point; the index takes those with an IATA code (the ones airlines serve
and news names, about 7,900 of 28,000), as kind ``airport``.

Spellings: news writes an airport's name in many ways ("London Gatwick Airport",
"Gatwick Airport", "Gatwick"; "John F. Kennedy International Airport", "Kennedy
Airport", "JFK Airport"; "Beirut airport"). A spelling that ends with an airport word
("... Airport", "... International") can only mean an airport. A bare name is added only
when the official name sets it beside its city ("London Gatwick", "Chicago O'Hare",
"Amsterdam Airport Schiphol", "Leonardo Da Vinci (Fiumicino)") and no populated place,
area or country of the index shares its key: a bare city name never becomes an
airport's, nor does a bare "Midway" or "Liberty" that towns own.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
from collections import defaultdict
from collections.abc import Callable, Iterator

from geo.gazetteer.normalize import ARTICLES, fold, name_key

# Airport ids in the index: -(AIRPORT_ID_BASE + the ICAO code read in base 37), below the
# areas' small negative ids; the place id is "airport:<ICAO>".
AIRPORT_ID_BASE = 1_000_000_000
PRECISION_KM = 3.0  # an airport's reference point; the field spreads a few km around it
# Words at the end of an official name that say what it is, not which one it is.
_TAIL = frozenset(
    "airport airfield aerodrome international intl intercontinental regional municipal "
    "metropolitan metro national ntl".split()
)
_INTERNATIONAL = frozenset({"international", "intl"})
_EXPAND = {"Intl": "International", "Ntl": "National", "Metro": "Metropolitan"}
# Cores that say nothing of which airport it is ("London City" -> "City").
_GENERIC = frozenset(
    "city county central north south east west new airport field air base international "
    "regional municipal metropolitan national general executive memorial greater airstrip "
    "airpark domestic glider community camp army industrial aeroclub novo severo internationa "
    "lrrs nolf hopital heliport station park island lake".split()
)
_TAIL_KEYS = frozenset(name_key(w) for w in _TAIL)
# Words that make a name an airfield's by itself ("Mefford Field", "Offutt Afb").
_FIELD_WORDS = frozenset(
    "airport airfield aerodrome field airstrip airpark heliport base afb international intl "
    "station".split()
)
_PAREN = re.compile(r"\s*\(([^()]*)\)")


def installed() -> bool:
    return importlib.util.find_spec("airportsdata") is not None


def version() -> str:
    return importlib.metadata.version("airportsdata")


_CODE_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_"  # ICAO and pseudo-ICAO ("_AYM")


def airport_int_id(icao: str) -> int:
    """The index's integer id of the airport with this ICAO (or pseudo-ICAO) code."""
    n = 0
    for ch in icao.upper():
        n = n * len(_CODE_CHARS) + _CODE_CHARS.index(ch)  # ValueError for another char
    return -(AIRPORT_ID_BASE + n)


def icao_of(int_id: int) -> str:
    """The ICAO code an airport's integer id stands for (:func:`airport_int_id` reversed)."""
    n, chars = -int_id - AIRPORT_ID_BASE, []
    for _ in range(4):
        n, r = divmod(n, len(_CODE_CHARS))
        chars.append(_CODE_CHARS[r])
    return "".join(reversed(chars))


def is_airport_id(int_id: int) -> bool:
    return int_id <= -AIRPORT_ID_BASE


def _words(text: str) -> list[str]:
    return [_EXPAND.get(w, w) for w in text.split()]


def _core(words: list[str]) -> tuple[list[str], bool]:
    """The name without its trailing airport words, and whether "International" was one."""
    core = list(words)
    international = False
    while core and core[-1].lower() in _TAIL:
        international |= core[-1].lower() in _INTERNATIONAL
        core.pop()
    return core, international


def _beside_city(core: str, city: str) -> tuple[str, bool]:
    """The core without the city it is set beside ("London Gatwick" -> "Gatwick",
    "Paris-Orly" -> "Orly", "Hartsfield/Jackson Atlanta" -> "Hartsfield/Jackson"), and
    whether the city came first (then the rest is the airport's own name; after it, the
    rest is mostly a person's: "Copernicus Wrocław")."""
    if not city:
        return "", False
    parts, k = re.split(r"[\s-]+", core), fold(city)
    for i in range(1, len(parts)):
        if fold(" ".join(parts[:i])) == k:
            return " ".join(parts[i:]), True
        if fold(" ".join(parts[i:])) == k:
            return " ".join(parts[:i]), False
    return "", False


def spellings(name: str, city: str, iata: str, taken: Callable[[str], bool],
              city_alias: bool = False) -> list[str]:
    """The ways news writes the airport's name (see the module's docstring).

    ``taken(name)``: whether a populated place, area or country of the index has the
    name's key (a bare name is then left to it). ``city_alias``: the airport is the one
    "<city> Airport" means (the only one of its city, or the only international one).
    """
    # An official name without an airport word ("Ganzhou") is the town's when a town has it.
    plain = not _FIELD_WORDS & set(fold(name).split())
    out = [f"{name} Airport" if plain and taken(name) else name]
    parens = [p.strip() for p in _PAREN.findall(name) if p.strip()]
    base = " ".join(_PAREN.sub("", name).split())
    words = _words(base)
    out.append(out[0] if plain and taken(base) else " ".join(words))
    cores: list[tuple[str, bool]] = []  # (core, may stand bare)
    if "Airport" in words[:-1]:  # "Amsterdam Airport Schiphol"
        i = words.index("Airport")
        before, after = " ".join(words[:i]), " ".join(words[i + 1:])
        cores += [(before, False), (after, True)]
        international = False
    else:
        core_words, international = _core(words)
        core = " ".join(core_words)
        cores.append((core, False))
    for p in parens:
        cores.append((" ".join(_core(_words(p))[0]), True))
    for core, _bare in list(cores):
        rest, first = _beside_city(core, city)
        if rest and fold(rest) not in _GENERIC and set(fold(rest).split()) - ARTICLES:
            cores.append((rest, first))
            if not taken(core):
                out.append(core)  # "London Gatwick", "Washington Dulles"
    for core, bare in cores:
        if not core or fold(core) in _GENERIC or not set(fold(core).split()) - ARTICLES:
            continue  # "London City" -> "City", "Al Najaf" -> "Al": no airport's own name
        out.append(f"{core} Airport")
        if international:
            out += [f"{core} International Airport", f"{core} International"]
        # Bare: one word set beside the city ("Gatwick"); two words are mostly a
        # person's name ("Rafic Hariri", "Ronald Reagan"), not the airport's.
        folded = fold(core)
        if bare and " " not in folded and folded != fold(city) and len(folded) >= 4 \
                and not taken(core):
            out.append(core)
        # "John F Kennedy": "Kennedy Airport"; a person's name with an initial.
        parts = core.replace(".", "").split()
        if len(parts) >= 3 and "/" not in core and len(parts[-2]) == 1 \
                and parts[-2].isupper() and fold(parts[-1]) not in _GENERIC:
            out.append(f"{parts[-1]} Airport")
            if international:
                out.append(f"{parts[-1]} International Airport")
    if iata:
        out.append(f"{iata} Airport")
        if international:
            out.append(f"{iata} International Airport")
    if city_alias and city:
        out.append(f"{city} Airport")
    # Not one made of airport words alone: "ATH Airport" is keyed "airport" ("ath" is an
    # Arabic article to name_key).
    return list(dict.fromkeys(s for s in out if s and set(name_key(s).split()) - _TAIL_KEYS))


def airport_rows(taken: Callable[[str], bool]) -> Iterator[tuple[tuple, list[str]]]:
    """Index rows (as :func:`geo.gazetteer.geonames_build.build_index` writes them) and
    spellings of the airports with an IATA code; none when the package is missing."""
    if not installed():
        return
    import airportsdata

    airports = [a for a in airportsdata.load("ICAO").values() if a.get("iata")]
    by_city: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for a in airports:
        by_city[(fold(_city(a)), a["country"])].append(a)
    for a in airports:
        city = _city(a)
        mates = by_city[(fold(city), a["country"])]
        row = (
            airport_int_id(a["icao"]), a["name"], "airport", a["country"], "",
            round(float(a["lat"]), 5), round(float(a["lon"]), 5), PRECISION_KM, 0,
        )  # fmt: skip
        yield row, spellings(a["name"], city, a["iata"], taken, _names_city(a, mates))


def _city(a: dict) -> str:
    return (a.get("city") or "").split(",")[0].strip()


def _names_city(a: dict, mates: list[dict]) -> bool:
    """Whether "<city> Airport" means this airport: the only one of its city, or the only
    international one, and no other is named for the city alone ("Istanbul Airport")."""
    city = fold(_city(a))
    if not city:
        return False
    own = [m for m in mates if fold(" ".join(_core(_words(_PAREN.sub("", m["name"])))[0]))
           == city]
    if own:
        return False  # that one has "<city> Airport" from its own name
    if len(mates) == 1:
        return True
    international = [m for m in mates if _core(_words(_PAREN.sub("", m["name"])))[1]]
    return len(international) == 1 and international[0] is a


def taken_by(keys: set[str]) -> Callable[[str], bool]:
    """``taken`` for :func:`spellings`: whether the name's key is among ``keys``."""
    return lambda name: name_key(name) in keys
