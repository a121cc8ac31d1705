"""The event categories: one list that the validator, the map and the proposer read.

Each category has its name (the value in events files), the label the legend shows,
the colour and symbol of its markers, and the words that make the proposer
(``geo.geoparse.triggers``) file a sentence under it. Adding a category here adds it to
the validator's accepted values, the map's legend and the proposer at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """One kind of event and how it looks on the map.

    ``triggers`` are regular expressions matched at a word start, so "fight" is not
    "fighters" and "battle" is not "battlefield"; a trailing ``\\w*`` lets a stem take its
    endings.
    """

    name: str
    label: str
    color: str
    symbol: str
    triggers: tuple[str, ...] = ()


CATEGORIES: tuple[Category, ...] = (
    Category("celebration", "Celebration", "#f59f00", "★",
             (r"celebrat\w*", r"festivit\w*", r"sweets", r"fireworks")),
    Category("sectarian violence", "Sectarian violence", "#6d4c41", "✖",
             (r"sectarian",)),
    Category("siege", "Siege", "#880e4f", "◉",
             (r"sieges?", r"besieg\w*", r"encircl\w*")),
    Category("bombardment", "Bombardment", "#d9480f", "✹",
             (r"bombard\w*", r"shell(?:ed|ing|s)?", r"air ?strikes?", r"air raids?",
              r"bombings?", r"rockets?", r"missiles?", r"barrel bombs?")),
    Category("disaster", "Disaster, fire", "#c62828", "⚠",
             (r"earthquakes?", r"quakes?", r"temblors?", r"tremors?", r"tsunamis?",
              r"flood(?:ed|ing|s)?", r"fires?", r"blazes?", r"flames", r"burn(?:ed|ing|t)",
              r"avalanches?", r"landslides?", r"mudslides?", r"explosions?", r"exploded",
              r"collaps\w*", r"hurricanes?", r"tornado\w*", r"cyclones?", r"eruptions?",
              r"wildfires?", r"smoke")),
    Category("health", "Health, outbreak", "#00695c", "✙",
             (r"outbreaks?", r"epidemics?", r"pandemics?", r"infected", r"diagnosed",
              r"tested positive", r"culled", r"quarantined", r"vaccinated",
              r"immuni[sz]ation campaigns?", r"stricken")),
    Category("accident", "Accident", "#ef6c00", "⚡",
             (r"crash\w*", r"collid\w*", r"collisions?", r"accidents?", r"rolled over",
              r"rolled (?:her|his|the|their) (?:car|truck|vehicle)", r"overturn\w*",
              r"ran (?:him|her|them) over", r"run over", r"hit-and-run", r"derail\w*",
              r"drown\w*", r"wreck\w*", r"blew? (?:down|over)", r"toppled")),
    Category("crime", "Crime, justice", "#4527a0", "⚖",
             (r"arrest\w*", r"charged", r"robber\w*", r"robbed", r"burglar\w*", r"stole",
              r"stolen", r"theft", r"murder\w*", r"homicides?", r"shot", r"shootings?",
              r"shootouts?", r"stabb\w*", r"home invasion", r"heroin", r"cocaine", r"marijuana",
              r"indicted", r"convicted", r"sentenced", r"pleaded", r"trial", r"testif\w*",
              r"jail", r"booked", r"kidnapp\w*", r"smuggl\w*", r"busts?", r"slain", r"slaying",
              r"jury", r"broke into", r"break into", r"break-ins?")),
    Category("protest", "Protest, strike", "#ad1457", "✊",
             (r"protest\w*", r"demonstrat\w*", r"marched", r"marchers", r"rall(?:y|ies|ied)",
              r"strikes?", r"walkouts?", r"sit-ins?", r"boycott\w*", r"riot\w*")),
    Category("withdrawal", "Withdrawal, flight", "#1565c0", "➜",
             (r"withdr\w*", r"retreat\w*", r"fled", r"flee(?:s|ing)?", r"pulled out", r"evacuat\w*",
              r"escaped")),
    Category("reinforcement", "Reinforcements", "#5d4037", "⇶",
             (r"reinforc\w*", r"joined by", r"deployed")),
    Category("security operation", "Security operation", "#283593", "⚒",
             (r"tunnels?", r"defus\w*", r"arrest\w*", r"raid(?:ed|s)?", r"checkpoints?",
              r"security operations?", r"scour\w*", r"searching", r"search(?:ed)? for",
              r"rescue\w*", r"located")),
    Category("economy", "Economy", "#827717", "$",
             (r"sales", r"prices?", r"markets?", r"stocks?", r"economy", r"economic",
              r"unemployment", r"revenues?", r"budgets?", r"recession", r"mortgages?",
              r"tax credits?", r"layoffs?", r"profits?", r"bankrupt\w*")),
    Category("capture", "Capture", "#7b1fa2", "⚑",
             (r"seiz\w*", r"captur\w*", r"took control", r"in control", r"controls", r"fall of",
              r"fell", r"routed", r"overr[au]n", r"recaptur\w*", r"conquer\w*")),
    Category("offensive", "Offensive", "#b3261e", "⚔",
             (r"offensives?", r"launch\w*", r"assaults?", r"attack(?:ed|s)?",
              r"advanc(?:ed|es|ing)", r"invasion")),
    Category("battle", "Battle", "#e8590c", "✸",
             (r"fight(?:ing|s)?", r"fought", r"battles?", r"clash\w*", r"combat", r"resistance",
              r"killed", r"dead", r"wounded", r"died")),
    Category("negotiation", "Negotiation", "#2e7d32", "⇄",
             (r"agreements?", r"deals?", r"negotiat\w*", r"talks", r"brokered", r"ceasefire",
              r"truce", r"mediat\w*", r"meetings?", r"met")),
    Category("sport", "Sport", "#0277bd", "⚽",
             (r"won", r"victory", r"defeated", r"beat", r"eliminat\w*", r"scored", r"semistate",
              r"tournament", r"championships?", r"finals?", r"regional", r"playoffs?", r"game",
              r"season", r"medals?", r"cup", r"race")),
    Category("weather", "Weather", "#0288d1", "☂",
             (r"storms?", r"gusts?", r"hail", r"snowstorms?", r"heat ?waves?", r"blizzards?",
              r"rainfall", r"downpours?")),
    Category("humanitarian", "Humanitarian", "#00838f", "✚",
             (r"(?:taken|transferred|airlifted|flown|rushed) to [\w.'’ -]{0,40}?(?:hospital|"
              r"medical cent(?:er|re)|clinic|infirmary)", r"hospitali[sz]ed",
              r"civilians?", r"refugees?", r"injured", r"humanitarian", r"aid", r"hospitals?",
              r"medics?", r"medical (?:teams?|staff|workers|aid|help|care|personnel|"
              r"evacuations?)", r"doctors?", r"red cross", r"red crescent", r"trapped")),
    Category("politics", "Politics", "#6a1b9a", "⚐",
             (r"elect\w*", r"vot(?:e|ed|es|ing)", r"legislat\w*", r"signed", r"bill",
              r"resign\w*", r"appoint\w*", r"summit", r"sanctions")),
    Category("outlook", "What comes next", "#37474f", "➟",
             (r"opens the way", r"paves? the way", r"opening the way")),
    Category("statement", "Statement", "#455a64", "❝",
             (r"announced", r"statement", r"declared", r"accused", r"denied", r"confirmed",
              r"called for", r"called on", r"appealed", r"said", r"says", r"told", r"reported",
              r"noted", r"claimed")),
    Category("other", "Other", "#616161", "●",
             (r"occurred", r"happened", r"took place", r"began", r"started", r"ended", r"opened",
              r"closed", r"held", r"found", r"discovered", r"detected", r"struck", r"recorded",
              r"lifted off", r"blasted off", r"damaged", r"destroyed", r"reported", r"dropped",
              r"hit", r"buried", r"closures?", r"shut down")),
)  # fmt: skip

#: Name -> category.
BY_NAME: dict[str, Category] = {c.name: c for c in CATEGORIES}
NAMES: tuple[str, ...] = tuple(BY_NAME)
#: A category for what fits none of the others (also how an unknown name is drawn).
OTHER = BY_NAME["other"]

#: Words that signal a statement before any other category is tried: a sentence that
#: congratulates or condemns is a statement even if it names a battle.
STRONG_STATEMENT: tuple[str, ...] = (
r"congratulat\w*", r"hail(?:ed|s)?", r"vow(?:ed|s)?", r"condemn\w*", r"warn(?:ed|s)?",
    r"pledg\w*", r"expressed", r"urged", r"welcomed", r"critici[sz]ed", r"praised",
    r"apologi[sz]ed", r"demanded",
)  # fmt: skip

#: The order in which the proposer tries categories (most specific first; the first
#: match wins), with the words of each: a strong statement first, any statement late,
#: "other" last.
TRIGGER_ORDER: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("celebration", BY_NAME["celebration"].triggers),
    ("sectarian violence", BY_NAME["sectarian violence"].triggers),
    ("siege", BY_NAME["siege"].triggers),
    ("bombardment", BY_NAME["bombardment"].triggers),
    ("statement", STRONG_STATEMENT),
    ("disaster", BY_NAME["disaster"].triggers),
    ("health", BY_NAME["health"].triggers),
    ("accident", BY_NAME["accident"].triggers),
    ("crime", BY_NAME["crime"].triggers),
    ("protest", BY_NAME["protest"].triggers),
    ("withdrawal", BY_NAME["withdrawal"].triggers),
    ("reinforcement", BY_NAME["reinforcement"].triggers),
    ("security operation", BY_NAME["security operation"].triggers),
    ("economy", BY_NAME["economy"].triggers),
    ("capture", BY_NAME["capture"].triggers),
    ("offensive", BY_NAME["offensive"].triggers),
    ("battle", BY_NAME["battle"].triggers),
    ("negotiation", BY_NAME["negotiation"].triggers),
    ("sport", BY_NAME["sport"].triggers),
    ("weather", BY_NAME["weather"].triggers),
    ("humanitarian", BY_NAME["humanitarian"].triggers),
    ("politics", BY_NAME["politics"].triggers),
    ("outlook", BY_NAME["outlook"].triggers),
    ("statement", BY_NAME["statement"].triggers),
    ("other", BY_NAME["other"].triggers),
)

#: Topic words: they say what a sentence is about, not that something happened. A signal
#: word of a broad category ("died", "found", "reported") in a sentence about a disease or
#: the weather takes the topic's category ("died of bird flu": health, not a battle).
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("health",
     (r"flu", r"influenza", r"virus\w*", r"diseases?", r"plague", r"typhoid", r"salmonell\w*",
      r"cholera", r"ebola", r"h5n1", r"h1n1", r"h7n\d", r"bluetongue", r"measles", r"malaria",
      r"illness\w*", r"infections?", r"cases?")),
    ("weather",
     (r"rain", r"snow", r"winds?", r"weather", r"drought", r"temperatures?")),
)  # fmt: skip


def category(name: str | None) -> Category:
    """The category called ``name`` (case and separators ignored); ``OTHER`` if unknown."""
    key = re.sub(r"[\s_-]+", " ", str(name or "")).strip().lower()
    return BY_NAME.get(key, OTHER)
