"""A learned screen over proposed events: does this sentence report an event to map?

The rules of :mod:`geo.geoparse.propose` find a signal word, a place and a date; many
sentences that have all three still report nothing a reader would map (a comment, a
statistic, a forecast, a description). This screen weighs what the proposer already knows
about a sentence (the signal's category and word, how its date and place were found, how
much of it is quoted, where it stands in the article, a few cue words) with a logistic
regression (:mod:`geo.geoparse.model`, plain Python) trained at build time on the
development part of the annotated event set (``benchmarks/data/events/``; the held-out
part plays no part) by ``python -m geo.geoparse.train_screen``, which also chooses the
threshold by cross-validation over the development articles. Only weights ship, in
``screen.json`` beside this file.

Status (December 2026): on 39 development articles no threshold beat keeping every
proposal in cross-validation (with sentence-length features one did, by one point of
"rows real", but it learned that short sentences are rarely news and dropped "Heavy
shelling hit Homs, activists said."), so the shipped ``screen.json`` has threshold 0 and
:func:`geo.geoparse.propose.propose_events` skips it. Retrain when the annotated set grows.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from geo.geoparse.model import Model

SCREEN_PATH = Path(__file__).with_name("screen.json")

# Cue words: modality, attribution, quantities, description; lower case, whole words.
CUES = frozenset(
    "will would could should may might expected plans said says told according reported "
    "percent average total number since so far still also more than about least each "
    "every usually often is are was were has have had been being there it he she they "
    "we i you his her their its which who after before when during yesterday today "
    "tonight morning night last this ago later earlier".split()
)
_WORD = re.compile(r"[a-z]+")
_QUOTE = re.compile(r"[“”\"]")


def features(sentence: str, category: str, word: str, date_rule: str, how: str,
             kind: str, places: int, position: float, speech: bool,
             quoted: float) -> dict[str, float]:
    """Named features of one proposed sentence (what :func:`propose_events` knows)."""
    f: dict[str, float] = {"bias": 1.0, f"cat={category}": 1.0,
                           f"trig={word.lower()}": 1.0, f"kind={kind}": 1.0}
    rule = date_rule.split("(")[0].split(":")[0].strip()
    if "publication date (fallback)" in date_rule:
        rule = "fallback"
    elif "sentence before" in date_rule:
        rule = "carried"
    f[f"date={rule[:30]}"] = 1.0
    if how.startswith("no place in the sentence"):
        f["place=story"] = 1.0
    elif how.startswith("the sentence names only"):
        f["place=container"] = 1.0
    elif "read as" in how:
        f["place=anaphora"] = 1.0
    elif "speaks: its capital" in how:
        f["place=capital"] = 1.0
    else:
        f["place=named"] = 1.0
    f[f"places={min(places, 3)}"] = 1.0
    f[f"pos={min(int(position * 4), 3)}"] = 1.0
    if speech:
        f["speech"] = 1.0
    if quoted > 0:
        f["quoted"] = quoted
    if _QUOTE.search(sentence):
        f["quote-mark"] = 1.0
    words = _WORD.findall(sentence.lower())
    if any(ch.isdigit() for ch in sentence):
        f["digits"] = 1.0
    for w in set(words) & CUES:
        f[f"w={w}"] = 1.0
    return f


@functools.lru_cache(maxsize=1)
def load_screen(path: Path = SCREEN_PATH) -> Model | None:
    """The shipped screen, or None when absent (then every proposal is kept)."""
    return Model.load(path) if path.is_file() else None
