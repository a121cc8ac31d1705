"""The event categories: one list that the validator, the map and the proposer read.

Each category has its name (the value in events files), the label the legend shows,
the colour and symbol of its markers, and the words that make the proposer
(``geo.geoparse.propose``) file a sentence under it. Adding a category here adds it to
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
    Category("offensive", "Offensive", "#b3261e", "⚔",
             (r"offensives?", r"launch\w*", r"assaults?", r"attack(?:ed|s)?",
              r"advanc(?:ed|es|ing)", r"invasion")),
    Category("battle", "Battle", "#e8590c", "✸",
             (r"fight(?:ing|s)?", r"fought", r"battles?", r"clash\w*", r"combat",
              r"resistance", r"killed", r"dead", r"wounded", r"died")),
    Category("capture", "Capture", "#7b1fa2", "⚑",
             (r"seiz\w*", r"captur\w*", r"took control", r"in control", r"controls",
              r"fall of", r"fell", r"routed", r"overr[au]n", r"recaptur\w*", r"conquer\w*")),
    Category("siege", "Siege", "#880e4f", "◉", (r"sieges?", r"besieg\w*", r"encircl\w*")),
    Category("bombardment", "Bombardment", "#d9480f", "✹",
             (r"bombard\w*", r"shell(?:ed|ing|s)?", r"air ?strikes?", r"air raids?",
              r"bombings?", r"rockets?", r"missiles?", r"barrel bombs?")),
    Category("withdrawal", "Withdrawal, flight", "#1565c0", "➜",
             (r"withdr\w*", r"retreat\w*", r"fled", r"flee\w*", r"pulled out",
              r"evacuat\w*", r"escaped")),
    Category("reinforcement", "Reinforcements", "#5d4037", "⇶",
             (r"reinforc\w*", r"joined by", r"deployed")),
    Category("negotiation", "Negotiation", "#2e7d32", "⇄",
             (r"agreements?", r"deals?", r"negotiat\w*", r"talks", r"brokered",
              r"ceasefire", r"truce", r"mediat\w*")),
    Category("statement", "Statement", "#455a64", "❝",
             (r"said", r"says", r"told", r"announced", r"statement", r"claimed",
              r"reported", r"noted", r"declared", r"accused", r"denied", r"confirmed")),
    Category("humanitarian", "Humanitarian", "#00838f", "✚",
             (r"civilians?", r"refugees?", r"injured", r"humanitarian", r"aid",
              r"hospitals?", r"medic\w*", r"doctors?", r"red cross", r"red crescent",
              r"trapped")),
    Category("celebration", "Celebration", "#f59f00", "★",
             (r"celebrat\w*", r"festivit\w*", r"sweets", r"fireworks")),
    Category("sectarian violence", "Sectarian violence", "#6d4c41", "✖", (r"sectarian",)),
    Category("security operation", "Security operation", "#283593", "⚒",
             (r"tunnels?", r"defus\w*", r"arrest\w*", r"raid(?:ed|s)?", r"checkpoints?",
              r"security operations?", r"scour\w*")),
    Category("outlook", "What comes next", "#37474f", "➟",
             (r"opens the way", r"will", r"could", r"expected", r"threat\w*", r"plans?")),
)  # fmt: skip

#: Name -> category.
BY_NAME: dict[str, Category] = {c.name: c for c in CATEGORIES}
NAMES: tuple[str, ...] = tuple(BY_NAME)
#: What an unknown category looks like on the map.
OTHER = Category("other", "Other", "#616161", "●")

#: Words that signal a statement before any other category is tried: a sentence that
#: congratulates or condemns is a statement even if it names a battle.
STRONG_STATEMENT = (r"congratulat\w*", r"hail(?:ed|s)?", r"vow(?:ed|s)?", r"condemn\w*",
                    r"warn(?:ed|s)?", r"pledg\w*")  # fmt: skip

#: The order in which the proposer tries categories (most specific first; the first
#: match wins), with the words of each.
TRIGGER_ORDER: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("celebration", BY_NAME["celebration"].triggers),
    ("sectarian violence", BY_NAME["sectarian violence"].triggers),
    ("siege", BY_NAME["siege"].triggers),
    ("bombardment", BY_NAME["bombardment"].triggers),
    ("statement", STRONG_STATEMENT),
    ("withdrawal", BY_NAME["withdrawal"].triggers),
    ("reinforcement", BY_NAME["reinforcement"].triggers),
    ("security operation", BY_NAME["security operation"].triggers),
    ("capture", BY_NAME["capture"].triggers),
    ("offensive", BY_NAME["offensive"].triggers),
    ("battle", BY_NAME["battle"].triggers),
    ("negotiation", BY_NAME["negotiation"].triggers),
    ("humanitarian", BY_NAME["humanitarian"].triggers),
    ("outlook", BY_NAME["outlook"].triggers),
    ("statement", BY_NAME["statement"].triggers),
)


def category(name: str | None) -> Category:
    """The category called ``name`` (case and separators ignored); ``OTHER`` if unknown."""
    key = re.sub(r"[\s_-]+", " ", str(name or "")).strip().lower()
    return BY_NAME.get(key, OTHER)
