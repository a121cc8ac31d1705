"""The category of a proposed event: the kind of what happened, not of any word it names.

:func:`geo.geoparse.triggers.trigger_of` finds the word that makes a sentence an event;
its category is the first guess. A category is kept only when it fits what the story is
about and the word's own role in the sentence, else the next signal word of the sentence
is weighed (:func:`geo.geoparse.triggers.real_triggers`), and "other" is the category
when none fits:

- fighting words (an attack, a battle, a capture, a retreat, a raid) name war only in a
  story of war (armies, rebels, militants); a suspect who "fled" police or officers who
  "seized" heroin are crime, a team that "advanced" or "beat" another is sport;
- sport words (won, beat, final, regional) are sport only where the sentence or the
  story is about a game (a match, a tournament, a season, a score);
- a disease, an outbreak, an infection or a recall makes a sentence health, whatever
  other word it holds ("infections confirmed at the racecourse");
- "accused of drowning his wife": what someone is accused of is a crime story's;
- "winds toppled 13 vehicles": what the weather did is weather;
- "testified before the committee": a legislature's hearing is politics;
- in a crime story, what police, prosecutors or attorneys say is crime.

Read by :mod:`geo.geoparse.propose` for each proposed event. Every pattern is bounded, so
a sentence is read in linear time; a story's cues are counted once per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo.geoparse.triggers import SPEECH_ONLY, Trigger, real_triggers

OTHER = "other"
# Categories that name war: kept only in a story of war.
WAR = frozenset({"siege", "bombardment", "capture", "offensive", "battle", "withdrawal",
                 "reinforcement", "security operation", "sectarian violence"})
# Categories a game's report may be read as (a "clash", an "attack", "won", "met").
_SPORT_LIKE = WAR | {"sport", "negotiation", "protest", "disaster", "other", "politics",
                     "humanitarian", "outlook", "celebration"}
# Categories a health cue takes over (an outbreak "located", infections at a "race").
_HEALTH_OVER = WAR | {"sport", "other", "negotiation", "humanitarian", "economy", "outlook",
                      "celebration"}

_WAR_CUE = re.compile(
    r"\b(?:army|armies|troops|soldiers|rebels?|militants?|insurgents?|militias?|fighters|"
    r"military|regime|war|wars|warplanes?|jihadists?|guerrillas?|artillery|airstrikes?|"
    r"air strikes?|shell(?:ed|ing)|mortars?|barrel bombs?|hezbollah|hamas|taliban|isis|"
    r"isil|al-qaeda|nato|coup|ceasefire|"
    r"peacekeepers?|armed forces|opposition forces|government forces|security forces)\b")
_SPORT_CUE = re.compile(
    r"\b(?:games?|match(?:es)?|tournaments?|championships?|seasons?|playoffs?|semifinals?|"
    r"quarterfinals?|semistate|sectionals?|league|coach(?:es)?|goalie|goals?|innings|"
    r"wrestl\w*|wrestlers?|duals|touchdowns?|power play|overtime|varsity|referee|"
    r"tip-in|hat trick|medal\w*|olympics?|world cup|grand prix|racecourse|jockey|"
    r"stakes|ihsaa|ncaa|nfl|nba|nhl|mlb|fifa|athletes?|players?|teammates?|squad|"
    r"gymnast\w*|state meet|swim meet|track meet|runner-up|\d[\d.]* points|"
    r"points? (?:lead|win)|(?:won|beat|lost|defeated)\b[^.;]{0,40}\b\d{1,3}-\d{1,3})\b")
_HEALTH_CUE = re.compile(
    r"\b(?:outbreaks?|epidemics?|pandemics?|infect\w*|virus\w*|flu|influenza|cholera|"
    r"ebola|e\. ?coli|salmonell\w*|typhoid|measles|malaria|h5n1|h1n1|h7n\d|diseases?|"
    r"recall(?:s|ed|ing)?|contaminat\w*|quarantin\w*|symptoms?|bluetongue|rodents?|"
    r"health (?:authorit\w*|inspect\w*|department|officials|code|violations))\b")
_CRIME_CUE = re.compile(
    r"\b(?:police|officers?|deput(?:y|ies)|sheriff\w*|troopers?|suspects?|detectives?|"
    r"prosecut\w*|attorneys?|fbi|arrest\w*|jail\w*|court|judge|jury|pursuit|charged|"
    r"indict\w*|convicted|sentenced|theft|stolen|murder\w*|burglar\w*|robber\w*)\b")
_JUSTICE_SPEAKER = re.compile(
    r"\b(?:police|officers?|deput(?:y|ies)|sheriff\w*|troopers?|detectives?|prosecutors?|"
    r"attorneys?|fbi|court|judge|indictment|affidavit|complaint)\b")
_WEATHER_AGENT = re.compile(r"\b(?:winds?|gusts?|storms?|hail|blizzards?|snowstorms?|"
                            r"thunderstorms?|rain|snow|ice)\b")
_ACCUSED = re.compile(r"\b(?:accused of|charged with|suspected of|convicted of|guilty of|"
                      r"charges? of|trial of|arrested for|jailed for)\s+(?:\w+\s+){0,3}$")
_LEGISLATURE = re.compile(r"\b(?:committee|subcommittee|congress|house|senate|parliament|"
                          r"legislature|hearing|lawmakers|assembly)\b")

_TRANSFER = re.compile(r"(?:taken|transferred|airlifted|flown|rushed) to\b")
# Categories an event named again ("the blaze") lends a report of it ("the budget", a
# topic, lends none).
_TOLD_KINDS = frozenset({"disaster", "accident", "crime", "health", "weather", "protest"})

# "In the wake of an outbreak ..., a protest ...": the opening phrase up to its comma is
# background; the event is the main clause's. "to prevent an outbreak": did not happen.
_LEAD_ADJUNCT = re.compile(r"(?:in the wake of|following|amid|amidst|despite|because of|"
                           r"due to|after|since)\b[^,;:]{0,150},")
_PREVENTED = re.compile(r"\b(?:prevent\w*|avoid\w*|averted?|stave off|ward off|curb)\s+"
                        r"(?:\w+\s+){0,3}$")

STORY_CUES = 3  # cue words in an article that make it a story of sport, crime or health
WAR_CUES = 2  # war words are rarely used of anything else


@dataclass(frozen=True)
class Story:
    """What an article is about, from cue words counted over its whole text."""

    war: bool
    sport: bool
    crime: bool
    health: bool = False


@lru_cache(maxsize=16)
def story_of(body: str) -> Story:
    """The kinds of story ``body`` tells (counted once per article: cached by text)."""
    low = body.lower()

    def many(pattern: re.Pattern[str], n: int = STORY_CUES) -> bool:
        return sum(1 for _ in zip(range(n), pattern.finditer(low), strict=False)) >= n

    return Story(war=many(_WAR_CUE, WAR_CUES), sport=many(_SPORT_CUE), crime=many(_CRIME_CUE),
                 health=many(_HEALTH_CUE))


def categorise(sentence: str, trigger: Trigger, story_kind: str | None = None,
               body: str = "") -> str:
    """The category of the event ``trigger`` makes of ``sentence`` (see the module's
    docstring). ``story_kind``: the story's category that the proposer gives a broad word
    ("killed" in a tsunami story); ``body``: the article's text, for what the story is
    about."""
    story = story_of(body) if body else Story(False, False, False)
    low = sentence.lower()
    if trigger.category == "crime" and trigger.word.lower().startswith("testif") and \
            _LEGISLATURE.search(low):
        return "politics"  # "testified before Rahall's committee"
    if _ACCUSED.search(low, max(0, trigger.start - 60), trigger.start):
        return "crime"  # "accused of drowning his wife": the event is the accusation
    if trigger.category == "humanitarian" and _TRANSFER.match(trigger.word.lower()):
        return "humanitarian"  # "taken to Baystate Medical Center": its own event
    if trigger.category == "statement" and trigger.word.lower() in SPEECH_ONLY:
        named = [c for c in trigger.told_again if c in _TOLD_KINDS]
        if named:
            return named[0]  # "reported receiving 911 calls advising of the blaze"
    lead = _LEAD_ADJUNCT.match(low)
    core = lead.end() if lead else 0  # cues of the main clause, not of its opening phrase
    sport_here = _cue(_SPORT_CUE, low, core)
    health_here = _cue(_HEALTH_CUE, low, core)
    first = story_kind or trigger.category
    for t in [trigger, *(x for x in real_triggers(sentence) if x.start != trigger.start)]:
        if (lead and t.start < lead.end()) or _PREVENTED.search(low, max(0, t.start - 40),
                                                                t.start):
            continue  # "In the wake of an outbreak, a protest...", "to prevent an outbreak"
        kind = first if t is trigger else t.category
        fit = _fit(kind, t, low, story, sport_here, health_here)
        if fit is not None:
            return fit
    return OTHER


def _cue(pattern: re.Pattern[str], low: str, start: int) -> bool:
    """Whether a cue of ``pattern`` occurs from ``start`` on, not as what was prevented."""
    return any(not _PREVENTED.search(low, max(0, m.start() - 40), m.start())
               for m in pattern.finditer(low, start))


def _fit(kind: str, t: Trigger, low: str, story: Story, sport_here: bool,
         health_here: bool) -> str | None:
    """The category ``t`` gives the sentence, or None when it does not fit the story."""
    if health_here and kind in _HEALTH_OVER:
        return "health"
    if kind in _SPORT_LIKE and (sport_here or (story.sport and kind in WAR | {"sport"})):
        return "sport"  # "beat them 45-23", "a clash of unbeaten teams"
    if kind == "sport":
        return None  # "regional adviser": a sport word outside a game
    if kind in {"accident", "disaster", "other"} and _WEATHER_AGENT.search(
            low, max(0, t.start - 40), t.start):
        return "weather"  # "Strong winds toppled 13 vehicles"
    if kind in WAR and not story.war:
        if _CRIME_CUE.search(low) or story.crime:
            return "crime"  # a suspect "fled", officers "located" him
        return None
    if kind == "outlook" and not story.war:
        return None
    if kind == OTHER and story.health:
        return "health"  # "ordered closed after an inspector found 19 violations"
    if kind == "statement" and story.crime and t.word.lower() in SPEECH_ONLY | {
            "announced"} and _JUSTICE_SPEAKER.search(low):
        return "crime"  # "Prosecutors said the nuns gave them cash"
    return kind
