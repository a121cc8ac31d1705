"""The event categories: one list that the validator, the map and the proposer read.

Each category has its name (the value in events files), the label the legend shows,
the colour and symbol of its markers, and the words that make the proposer
(``geo.geoparse.triggers``) file a sentence under it. Adding a category here adds it to
the validator's accepted values, the map's legend and the proposer at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Paul Tol's "muted" qualitative scheme (https://personal.sron.nl/~pault/#sec:qualitative):
#: nine colours told apart by readers with any common colour-vision deficiency, and a dark
#: grey for what carries no colour of its own. Twenty-four categories cannot each have a
#: distinguishable colour, so a colour marks a family (fighting, control, aid, talks, ...)
#: and the symbol the category within it; the seed's fourteen categories use all ten.
ROSE, INDIGO, SAND, GREEN, CYAN = "#cc6677", "#332288", "#ddcc77", "#117733", "#88ccee"
WINE, TEAL, OLIVE, PURPLE, GREY = "#882255", "#44aa99", "#999933", "#aa4499", "#555555"
PALETTE: tuple[str, ...] = (ROSE, INDIGO, SAND, GREEN, CYAN, WINE, TEAL, OLIVE, PURPLE, GREY)
INK_DARK, INK_LIGHT = "#1d1d1d", "#ffffff"


def _luminance(color: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ink_on(color: str) -> str:
    """The symbol colour with the higher contrast on ``color``: white or near-black."""
    lum = _luminance(color)
    return INK_LIGHT if (1.05 / (lum + 0.05)) >= (lum + 0.05) / (_luminance(INK_DARK) + 0.05) \
        else INK_DARK


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

    @property
    def ink(self) -> str:
        """The colour of the symbol on the marker (readable on ``color``)."""
        return ink_on(self.color)


CATEGORIES: tuple[Category, ...] = (
    Category("celebration", "Celebration", SAND, "★",
             (r"celebrat\w*", r"festivit\w*", r"sweets", r"fireworks")),
    Category("sectarian violence", "Sectarian violence", WINE, "✖",
             (r"sectarian",)),
    Category("siege", "Siege", PURPLE, "◉",
             (r"sieges?", r"besieg\w*", r"encircl\w*")),
    Category("bombardment", "Bombardment", ROSE, "✹",
             (r"bombard\w*", r"shell(?:ed|ing|s)?", r"air ?strikes?", r"air raids?",
              r"bombings?", r"rockets?", r"missiles?", r"barrel bombs?",
              # an aircraft brought down: "the downing of a warplane", "shot down a drone"
              r"shot down", r"downing of",
              r"downed (?:a |an |the |two |three )?(?:\w+ )?(?:(?:war|air)?planes?|jets?|"
              r"aircraft|helicopters?|drones?)")),
    Category("disaster", "Disaster, fire", ROSE, "⚠",
             (r"earthquakes?", r"quakes?", r"temblors?", r"tremors?", r"tsunamis?",
              r"flood(?:ed|ing|s)?", r"fires?", r"blazes?", r"flames", r"burn(?:ed|ing|t)",
              r"avalanches?", r"landslides?", r"mudslides?", r"explosions?", r"exploded",
              r"collaps\w*", r"hurricanes?", r"tornado\w*", r"cyclones?", r"eruptions?",
              r"wildfires?", r"smoke",
              # what escapes or breaks: "oil spilled into", "a gas leak", "a water main broke"
              r"spill(?:ed|s)?", r"leak(?:ed|s)?", r"sinkholes?",
              r"(?:was|were|been|became) contaminated", r"contamination (?:was|were) found",
              r"water main")),
    Category("health", "Health, outbreak", TEAL, "✙",
             (r"outbreaks?", r"epidemics?", r"pandemics?", r"infected", r"diagnosed",
              r"tested positive", r"culled", r"quarantined", r"vaccinated",
              r"euthani[sz]ed", r"slaughtered", r"protection zones?", r"surveillance zones?",
              r"spread (?:to|into|across|through)", r"under quarantine",
              r"(?:was|were|been) (?:identified|isolated) (?:in|at|from|among)",
              r"(?:issued|announced|ordered|expanded) (?:a |an |the )?(?:\w+ )?recalls?",
              r"recall(?:ed|s|ing) (?:all|its|their|some|more|nearly|about|over|\d[\d,.]*)",
              r"immuni[sz]ation campaigns?", r"stricken", r"readmitted", r"human cases",
              # what tests and symptoms show: "samples were tested in a laboratory",
              # "three horses showed flu-like symptoms", "two suspected cases"
              *(rf"{thing} (?:\w+ )?(?:were|was|have been|had been) "
                r"(?:tested|analy[sz]ed|sent)"
                for thing in (r"samples?", r"specimens?", r"swabs?")),
              r"(?:showed|show|shows|showing|developed|displayed|displaying|had|reported) "
              r"(?:\w+[- ]){0,2}symptoms",
              # (not "suspected cases remain unconfirmed": a suspicion, no event)
              r"(?:suspected|confirmed|probable) cases?\b(?![^.;:!?]{0,60}\b(?:remain|remains|"
              r"remained|are still|is still|were still) (?:unconfirmed|unverified|unclear))",
              r"contract(?:ed|ing) (?:the )?(?:\w+ )?(?:virus|disease|flu|ebola|infection|illness|"
              r"hiv|malaria|cholera|measles|tuberculosis|typhoid|h1n1|h5n1|sars)")),
    Category("accident", "Accident", ROSE, "⚡",
             (r"crash\w*", r"collid\w*", r"collisions?", r"accidents?", r"rolled over",
              r"rolled (?:her|his|the|their) (?:car|truck|vehicle)", r"overturn\w*",
              r"ran (?:him|her|them) over", r"run over", r"hit-and-run", r"derail\w*",
              r"drown\w*", r"wreck\w*", r"blew? (?:down|over)", r"toppled", r"capsiz\w*",
              r"ran aground", r"carbon monoxide", r"plunged", r"sank", r"sunk")),
    Category("crime", "Crime, justice", INDIGO, "⚖",
             (r"arrest\w*", r"charged", r"robber\w*", r"robbed", r"burglar\w*", r"stole",
              r"stolen", r"theft", r"murder\w*", r"homicides?", r"shot", r"shootings?",
              r"shootouts?", r"stabb\w*", r"home invasion", r"heroin", r"cocaine", r"marijuana",
              r"indicted", r"convicted", r"sentenced", r"pleaded", r"trial", r"testif\w*",
              r"jail", r"booked", r"kidnapp\w*", r"smuggl\w*", r"busts?", r"slain", r"slaying",
              r"jury", r"broke into", r"break into", r"break-ins?", r"sued", r"filed suit",
              r"lawsuits?", r"hostages?", r"detained", r"apprehended", r"abduct\w*",
              r"carjack\w*", r"vandali[sz]\w*", r"graffiti", r"fraud", r"embezzl\w*",
              r"manslaughter", r"raped", r"extradit\w*", r"opened fire",
              # what a court decides: "a judge ruled", "acquitted", "fined", "upheld"
              r"ruled(?! out)", r"acquitt\w*", r"fined", r"verdicts?", r"found (?:him |her |them )?"
              r"(?:not )?guilty", r"upheld", r"overturned",
              # the police's work with a suspect: "was questioned", "surrendered to police"
              r"(?:was|were|being|been) questioned", r"surrendered to (?:the )?(?:police|"
              r"authorities|officers|deputies|fbi)", r"(?:released|freed) on bail",
              r"search warrants?", r"cited for", r"expelled",
              r"(?:released|freed|pardoned) (?:\w+ ){0,3}(?:prisoners|detainees|inmates)")),
    Category("protest", "Protest, strike", OLIVE, "✊",
             (r"protest\w*", r"demonstrat\w*", r"marched", r"marchers", r"rall(?:y|ies|ied)",
              r"strikes?", r"walkouts?", r"sit-ins?", r"boycott\w*", r"riot\w*",
              r"(?:took|poured|spilled) (?:in)?to the streets")),
    Category("withdrawal", "Withdrawal, flight", CYAN, "➜",
             (r"withdr\w*", r"retreat\w*", r"fled", r"flee(?:s|ing)?", r"pulled out", r"evacuat\w*",
              r"escaped")),
    Category("reinforcement", "Reinforcements", OLIVE, "⇶",
             (r"reinforc\w*", r"joined by", r"deployed")),
    Category("security operation", "Security operation", INDIGO, "⚒",
             (r"tunnels?", r"defus\w*", r"arrest\w*", r"raid(?:ed|s)?", r"checkpoints?",
              r"security operations?", r"scour\w*", r"searching", r"search(?:ed)? for",
              r"rescue\w*", r"located")),
    Category("economy", "Economy", SAND, "$",
             (r"sales", r"prices?", r"markets?", r"stocks?", r"economy", r"economic",
              r"unemployment", r"revenues?", r"budgets?", r"recession", r"mortgages?",
              r"tax credits?", r"layoffs?", r"profits?", r"bankrupt\w*", r"recalls?",
              # "the state reduced funding for schools by 2 percent"
              r"(?:cut|cuts|reduced|slashed|raised|increased|froze) (?:\w+ ){0,2}(?:funding|"
              r"spending|budgets?|grants?|subsid(?:y|ies)|salaries|wages|pay|jobs|"
              r"positions|staff|workers)",
              r"(?:shed|eliminated|axed) (?:\w+ ){0,2}(?:jobs|positions|posts|workers)",
              # deals between firms: "acquired a startup", "the banks merged"
              r"merged", r"takeovers?", r"laid off",
              # money given: "received $5 million", "was granted $2 million", "allocated"
              r"received (?:a |an )?(?:\$[\d,.]+|(?:\w+ ){0,2}(?:grants?|donations?|funding|"
              r"funds|loans?))", r"(?:was|were) granted \$",
              r"(?:allocated|earmarked) (?:[$£€]|ksh|\d|(?:\w+ )?(?:funds|funding|money))",
              r"acquired (?:a |an |the )?(?:\w+ ){0,2}(?:company|firm|startup|stake|business|"
              r"bank|chain|stores?|plant|factory|rights|share)s?\b")),
    Category("capture", "Capture", PURPLE, "⚑",
             (r"seiz\w*", r"captur\w*", r"took control", r"in control", r"controls", r"fall of",
              r"fell", r"routed", r"overr[au]n", r"recaptur\w*", r"conquer\w*",
              r"surrender(?:ed|s)?")),
    Category("offensive", "Offensive", WINE, "⚔",
             (r"offensives?", r"launch\w*", r"assaults?", r"attack(?:ed|s)?", r"storm(?:ed|ing)",
              r"advanc(?:ed|es|ing)", r"invasion")),
    Category("battle", "Battle", ROSE, "✸",
             (r"fight(?:ing|s)?", r"fought",
              # background: "during the Vietnam war", "in the 1991 Gulf War"
              r"(?:during|in|since|after) the (?:\w+[ -]){0,3}war\b",
              r"battles?", r"clash\w*", r"combat", r"resistance",
              r"killed", r"dead", r"wounded", r"died", r"massacr\w*")),
    Category("negotiation", "Negotiation", GREEN, "⇄",
             (r"agreements?", r"deals?", r"negotiat\w*", r"talks", r"brokered", r"ceasefire",
              r"truce", r"mediat\w*", r"meetings?", r"met")),
    Category("sport", "Sport", CYAN, "⚽",
             (r"won", r"victory", r"defeated", r"beat", r"eliminat\w*", r"scored", r"semistate",
              r"tournament", r"championships?", r"finals?", r"regional", r"playoffs?", r"game",
              r"season", r"medals?", r"cup", r"race",
              # results without "won": "lost 5-3 to", "drew 1-1 with", "finished second",
              # "edged", "thrashed", "set a world record", "clinched the title"
              r"lost (?:\d+-\d+ )?to", r"drew (?:\d+-\d+|with|level)", r"tied (?:\d+-\d+|with)",
              r"edged", r"thrash\w*", r"finished (?:first|second|third|fourth|fifth|sixth|"
              r"\d+(?:st|nd|rd|th)|last|runner-up|ahead)", r"set a (?:new )?(?:\w+ )?records?",
              r"pole position", r"(?:clinched|claimed|took|retained|defended) (?:the |a |his |"
              r"her |their |its )?(?:\w+ ){0,3}(?:title|crown|trophy|championship|gold|silver|"
              r"bronze)")),
    Category("weather", "Weather", CYAN, "☂",
             (r"storms?", r"gusts?", r"hail", r"snowstorms?", r"heat ?waves?", r"blizzards?",
              r"rainfall", r"downpours?",
              # what fell: "dumped 8 inches of snow", "tallied 13.7 inches of rain"
              r"(?:dumped|dropped|received|recorded|tallied|measured|brought|saw|got) "
              r"(?:(?:as much as|more than|nearly|about|almost|over|up to|at least) )?"
              r"(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
              r"(?:-| )(?:inch(?:es)?|in\.|centimet(?:er|re)s?|cm|millimet(?:er|re)s?|mm|"
              r"f(?:ee|oo)t) of (?:rain|snow|rainfall|snowfall|hail|sleet)",
              # what a storm leaves: "20,000 customers lost power", "power outages"
              r"(?:reached|hit|topped|soared to|plunged to|dropped to|fell to) (?:a )?"
              r"(?:record )?(?:high |low )?(?:of )?-?\d+ degrees", r"record (?:high|low)s?",
              r"lost (?:their |its )?power", r"without power", r"power (?:outages?|cuts?|"
              r"failures?)", r"outages?", r"blackouts?", r"knocked out (?:the )?power")),
    Category("humanitarian", "Humanitarian", TEAL, "✚",
             (r"(?:taken|transferred|airlifted|flown|rushed) to [\w.'’ -]{0,40}?(?:hospital|"
              r"medical cent(?:er|re)|clinic|infirmary)", r"hospitali[sz]ed",
              r"civilians?", r"refugees?", r"injured", r"humanitarian", r"aid", r"hospitals?",
              r"medics?", r"medical (?:teams?|staff|workers|aid|help|care|personnel|"
              r"evacuations?)", r"doctors?", r"red cross", r"red crescent", r"trapped")),
    Category("politics", "Politics", GREEN, "⚐",
             (r"elect\w*", r"vot(?:e|ed|es|ing)", r"legislat\w*", r"signed", r"bill",
              r"resign\w*", r"appoint\w*", r"summit", r"sanctions", r"approved", r"sworn in",
              r"inaugurat\w*", r"vetoed", r"nominat\w*", r"referendum", r"hired",
              # a body's decision, with no vote told: "the board decided to", "made changes
              # to its policy", "the act creates three wilderness areas"
              r"(?:board|council|panel|committee|commission|court|"
              r"government|agency|ministry|department|authority|legislature|parliament|cabinet|company|trustees|"
              r"directors)s? (?:also |has |had |have |unanimously )?decided",
              r"made (?:\w+ )?changes to",
              r"changed (?:its|their|the) (?:\w+ )?(?:polic(?:y|ies)|rules?|laws?)",
              r"(?:creat|establish)(?:ed|es) (?:\w+ ){0,3}(?:wilderness|parks?|reserves?|"
              r"sanctuar(?:y|ies)|(?:protected|conservation) areas?)",
              # orders and bans: "banned imports of", "imposed a curfew", "ordered all
              # schools closed", "lifted the ban"
              r"bann(?:ed|ing)", r"imposed", r"passed \d+-\d+",
              r"rejected (?:the |a |an )?(?:\w+ )?(?:levy|bill|measure|proposal|plan|budget|"
              r"referendum|motion|ordinance|amendment)",
              r"adopted (?:a |an |the |its |their )?(?:\w+ ){0,2}(?:polic(?:y|ies)|plans?|"
              r"budgets?|resolutions?|ordinances?|rules?|measures?|laws?|motions?)",
              r"lifted (?:a |an |the |its |their )?(?:\w+ )?"
              r"(?:ban|curfew|restrictions?|order|embargo|quarantine)",
              r"ordered (?:the|a|an|all|schools|residents|people|businesses|shops|everyone|"
              r"officials|police|troops|an?)\b")),
    Category("outlook", "What comes next", GREY, "➟",
             (r"opens the way", r"paves? the way", r"opening the way")),
    Category("statement", "Statement", GREY, "❝",
             (r"announced", r"statement", r"declared", r"accused", r"denied", r"confirmed",
              r"called for", r"called on", r"appealed", r"said", r"says", r"told", r"reported",
              r"noted", r"claimed",
              # saying by other verbs: "insisted that", "acknowledged", "wrote in a letter"
              r"insisted", r"acknowledged", r"admitted that", r"stressed", r"emphasi[sz]ed",
              r"wrote (?:in|on) (?:a|an|the|his|her|their|its) (?:\w+ )?(?:letters?|statement|"
              r"post|e-?mail|memo|blog|column|op-ed)", r"tweeted", r"posted on",
              r"defended", r"thanked", r"promised",
              # a refusal to comment is a statement too ("declined to say how it happened")
              r"(?:declined|refused) to (?:say|comment|explain|discuss|elaborate|confirm|"
              r"specify|disclose|identify|name|answer|give)",
              r"addressed (?:a |an |the )?(?:\w+ ){0,2}(?:crowd|rally|meeting|conference|"
              r"summit|assembly|parliament|congress|nation|audience|delegates|supporters)",
              r"issued (?:a |an )?(?:\w+ )?(?:correction|apology|statement|warning|advisory|"
              r"alert|retraction|appeal|notice)s?")),
    Category("other", "Other", GREY, "●",
             (r"occurred", r"happened", r"took place", r"began", r"started", r"ended", r"opened",
              r"closed", r"held", r"found", r"discovered", r"detected", r"struck", r"recorded",
              r"lifted off", r"blasted off", r"damaged", r"destroyed", r"reported", r"dropped",
              r"hit", r"buried", r"closures?", r"shut down", r"visit(?:ed|s)?", r"landed",
              r"landings?", r"handed out", r"investigat(?:ed|ing)", r"treated", r"diverted",
              r"cancell?ed", r"grounded", r"suspended", r"funerals?", r"unveiled",
              # works, honours and findings: "the bridge reopened", "broke ground",
              # "was awarded a grant", "honored at a ceremony", "went missing"
              r"reopen(?:ed|s)", r"(?:was|were|been) completed", r"broke ground",
              r"groundbreaking", r"awarded", r"honou?red", r"graduated", r"went missing",
              r"reported missing", r"disappeared", r"intercepted",
              # what a body stops: "halted production", "stopped airing the photo"
              r"halted", r"stopped (?:airing|selling|running|publishing|broadcasting|printing|"
              r"producing|serving|accepting|using|operating|issuing)",
              # gatherings: "thousands gathered", "a vigil was held", "mourners"
              r"(?:thousands|hundreds|dozens|crowds?|people|residents|mourners|supporters|"
              r"leaders|fans|families|students|worshipp?ers) (?:\w+ ){0,2}gathered",
              r"vigils?", r"mourners", r"memorial (?:service|ceremony)")),
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
