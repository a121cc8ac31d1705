"""Whether a sentence tells of an act, by the tense of its verbs (issue 13, class 6).

News reports what happened in the past tense ("troops shelled", "was arrested", "has
killed") or in a reporting present ("the ministry says", "Indonesia reports"). A sentence
all of whose finite verbs are in the present or behind a modal, with no day of its own,
tells of no event a reader would map, whatever noun of an event it holds: a description
("mad cow disease is a fatal disease", "the suit charges the station with defamation"),
an identification ("X is the coach who resigned", "the 28th soldier killed since 2003"),
an opinion or a prospect ("the cost might be high", "the country is bracing for a storm")
or what goes on ("residents are continuing their fight"). The event set's conventions
(``benchmarks/data/events/README.md``) leave out generic statements, opinions and plans.

There is no part-of-speech tagger here (none is installed, and a rule over verb forms is
enough): a verb's tense is read from its form and the word before it. A form that is
both a past tense and a participle ("made", "infected") is a past act unless a present
form of "be" or a determiner comes right before it ("are involved", "the infected") or
it follows the sentence's present verb ("are thoroughbreds brought into Australia").
"""

from __future__ import annotations

import re

# Simple past tenses that are no participle: a past act wherever they stand.
_PAST_ONLY = frozenset("""
was were wasn't weren't had hadn't did didn't went came took gave began broke fell flew
knew rose spoke stole threw wrote drove ate drew grew blew chose froze tore wore woke sank
rang sang swam forbade withdrew underwent overtook arose bore saw ran became overran
undertook forgave shook rode strove awoke
""".split())
# Past tenses that are also participles ("made", "found"): past acts only where the word
# before them does not make them a participle or an adjective.
_PAST_OR_PARTICIPLE = frozenset("""
said told made found held brought built caught cut fought fled got hit hurt kept led lost
met paid put sent set shot sold spent stood struck swept thought won bought burnt dug fed
felt hid laid lit meant quit sat shut slid spread stuck stung swore upheld sought taught
bled beat hung heard let withheld sped left dealt overcame overheard sprang cost
""".split())
# Participles that are no past tense: a past act only after "has", "have", "had".
_PARTICIPLE_ONLY = frozenset("""
been done gone taken given broken fallen flown known risen spoken stolen thrown written
driven eaten drawn grown blown chosen frozen torn worn sunk rung sung swum withdrawn seen
run become begun shaken ridden beaten bitten hidden forgotten forgiven undergone overtaken
forbidden stricken sworn shown sewn sown mown proven woven shrunk slain arisen awoken borne
drunk swollen overthrown overseen undertaken mistaken forsaken
""".split())
# "-ed" words that are no past tense ("need", "hundred", "red").
_NOT_PAST_ED = frozenset("""
need speed seed feed breed bleed exceed proceed succeed indeed deed heed weed greed creed
hundred bed red shed sled wed ted bred sacred kindred naked wicked rugged ragged beloved
aged learned wretched crooked embed embed overfeed
""".split())
# Finite verbs of the present and modals: the tense of a sentence that has no past.
_PRESENT = frozenset("""
is are am isn't aren't has have hasn't haven't does do doesn't don't will would can could
may might should must shall won't wouldn't can't cannot couldn't shouldn't mustn't
""".split())
# Reporting verbs in the present: news tells what was said now ("the ministry says",
# "Indonesia reports"), a statement a reader maps.
_REPORTING = frozenset("""
says say reports report confirms confirm announces announce states tells tell adds
warns warn claims claim denies deny insists insist estimates estimate declares declare
quotes cites
""".split())
# Before a participle: it is passive or perfect ("is reported"), or an adjective ("the
# alleged", "17 confirmed dead"), not a past tense of its own.
_BE_NOW = frozenset("is are am be being isn't aren't 's 're get gets getting".split())
_PERFECT = frozenset("has have 've hasn't haven't having".split())
_MODIFIER = frozenset("""
the a an this that these those its their his her our your my some many several any
each every no all both most more fewer few newly recently already once not
""".split())
# Participles of naming ("a website called X"), no act.
_NAMING = frozenset("called named dubbed titled entitled nicknamed based".split())
# A day of its own: a present-tense sentence that names one reports a dated act ("a fire
# that destroyed a barn on Monday" in "Police are investigating ...").
_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
    r"tonight|overnight|last (?:week|night|month|year)|earlier this (?:week|month|year)|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|"
    r"in (?:18|19|20)\d\d\b)")
# A toll ("as many as 80,000 deaths", "17 confirmed dead") is news in any tense.
_TOLL = re.compile(r"\b(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                   r"twelve|dozens|hundreds|thousands)\s+(?:[a-z]+\s+){0,2}(?:dead|deaths?|"
                   r"killed|injured|missing|cases|casualties|victims)\b")
# Where a clause begins: its verbs have a tense of their own ("\"... is over,\" said the
# governor"; "are to be culled after some chickens tested positive").
_CLAUSE = frozenset("after before when because until while although though but and".split())
_RELATIVE = frozenset("which who whom whose where".split())
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?(?:-[A-Za-z]+)*|\d+(?:[.,]\d+)*|[,;:\"“”()—]")


def _adverb(word: str) -> bool:
    return word.endswith("ly") or word in {"not", "also", "still", "already", "just", "now",
                                            "so", "far", "since", "yet", "never", "ever"}


def tells_an_act(sentence: str, signal: int | None = None) -> bool:
    """Whether the sentence tells of an act: a past tense, a perfect, a progressive ("are
    investigating"), a reporting present ("says"), the signal word itself in the passive
    ("are charged with"; ``signal``: its offset in the sentence), a toll or a day of its
    own; False for a sentence whose finite verbs are all present forms of "be", "have",
    "do" or modals ("is a fatal disease", "might be high", "is the coach who resigned").

    A sentence in which no finite verb is recognised at all ("Three dead in a crash
    near Leeds") counts as an act: nothing says it is not one.
    """
    low = sentence.lower()
    tokens = [(m.start(), m.group().replace("’", "'")) for m in _WORD.finditer(sentence)]
    present = False  # a present verb seen in the clause
    tense_now = False  # ... or anywhere in the sentence
    before = ""
    for i, (at, word) in enumerate(tokens):
        w = word.lower()
        if w.endswith("'ve"):
            w = "have"  # "we've seen"
        if not w[0].isalnum() or w in _CLAUSE:
            nxt = tokens[i + 1][1].lower() if i + 1 < len(tokens) else ""
            if nxt not in _RELATIVE:  # ", which tracks recalls": the same identification
                present = False  # a new clause: "\"...is over,\" said X"
            before = w
            continue
        if w in _PAST_ONLY or w in _REPORTING and before not in _MODIFIER:
            return True
        if w.endswith("ing") and before in _BE_NOW | {"was", "were", "been"}:
            return True  # "are investigating", "is being held": an act going on
        if w in _PERFECT:
            # "has already killed", "have been found": a perfect tells of an act.
            for _, nxt in tokens[i + 1:i + 4]:
                nxt = nxt.lower()
                if nxt in _PARTICIPLE_ONLY or nxt in _PAST_OR_PARTICIPLE or (
                        nxt.endswith("ed") and nxt not in _NOT_PAST_ED):
                    return True
                if not _adverb(nxt):
                    break
        if w in _PRESENT:
            if before != "there":  # "there are three suspected cases": presence is news
                present = tense_now = True
            before = w
            continue
        past_form = w in _PAST_OR_PARTICIPLE or (
            len(w) > 3 and w.endswith("ed") and w not in _NOT_PAST_ED)
        if past_form and at == signal and before in _BE_NOW:
            return True  # "are charged with", "is held": the act itself, in the passive
        if not past_form or "-" in w or (i and word[0].isupper()) or w in _NAMING or (
                before in _BE_NOW or before in _MODIFIER or before[:1].isdigit() or present):
            # "are involved", "the alleged", "17 confirmed dead", "is mired in debt
            # linked to bills": participles and adjectives, no past tense of their own
            if not _adverb(w) or w in {"not"}:
                before = w
            continue
        return True
    return not tense_now or bool(_DAY.search(low) or _TOLL.search(low))
