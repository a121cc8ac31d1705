"""Places a sentence merely mentions, and the place an office or outlet speaks from.

News names places that are not where its event happened: what the event is compared with
("a raid like those seen in Manchester"), where people or firms come from ("a man from
Dayton", "Cox Enterprises Inc. of Atlanta"), where goods were made ("toys made in
China"). These yield to the event's place when the sentence names one
(:mod:`geo.geoparse.propose`). A place that names a speaking office or outlet ("Tillsonburg
Mayor X said", "The New York Times reported") is where the statement is made.
"""

from __future__ import annotations

import re

from geo.geoparse.toponyms import Toponym

# "a raid like those seen in Manchester", "worse than in 2010 in Ohio", "unlike Paris":
# a place the event is compared with, not where it happened.
_COMPARED_BEFORE = re.compile(
    r"\b(?:(?:like|unlike|similar to|compared (?:with|to)|reminiscent of)(?:\s+(?:those|"
    r"that|the one|the ones|one|ones|seen|reported|recorded|found|held|made))*|than|as in)"
    r"\s+(?:(?:in|at|on)\s+)?(?:the\s+)?$", re.IGNORECASE)
# "A man from Dayton", "tourists from Germany": where people come from; their event may
# still be there ("5,000 people from Aleppo were evacuated"), so only another named place
# outranks it.
_PEOPLE_FROM = re.compile(
    r"\b(?:man|woman|men|women|boy|girl|teen|teenager|teens|couple|family|student|students|"
    r"driver|victim|victims|suspect|suspects|worker|workers|tourist|tourists|visitor|"
    r"visitors|fan|fans|pilgrims|migrants|refugees|player|players|team)\s+(?:from|of)\s+"
    r"(?:the\s+)?$"
    # "Cox Enterprises Inc. of Atlanta", "a company based in Oak Brook": a firm's home.
    r"|(?:\bInc\.?|\bCorp\.?|\bLtd\.?|\bLLC|\bCo\.|\bplc|\bcompany|\bfirm|\bmaker|"
    r"\bmanufacturer|\bretailer|\bbased)\s*,?\s+(?:of|from|in)\s+(?:the\s+)?$", re.IGNORECASE)


# "toys made in China", "beef imported from Brazil", "China-made": where goods come from.
_MADE_IN_BEFORE = re.compile(r"\b(?:made|manufactured|produced|built|grown|imported|"
                             r"exported|sourced|assembled|shipped)\s+(?:in|from)\s+(?:the\s+)?$",
                             re.IGNORECASE)


# "Tillsonburg Mayor Stephen Molnar said", "The New York Times reported", "the Woodstock
# Chamber of Commerce says": an office or an outlet named for the place it serves, where
# its statements are made.
_OFFICE_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:Mayor|Sheriff|Sheriff['’]s|Police Chief|Police Department|Police|"
    r"police|Fire Chief|Fire Department|City Council|Town Council|County Council|"
    r"(?:District\s+)?Chamber of Commerce|Board of Education|school board|School Board|"
    r"Health Department|District Attorney|Prosecutor|Coroner|Times|Post|Tribune|Herald|"
    r"Journal|Gazette|Globe|Chronicle|Daily News|Star|Examiner|Courier|Telegraph|Observer|"
    r"Inquirer|Register|Sun-Times|Free Press|Bee|Dispatch|Enquirer|Advocate)\b")


def is_speaker_seat(text: str, t: Toponym) -> bool:
    """True when the place names an office or an outlet that speaks from it ("Tillsonburg
    Mayor", "The New York Times")."""
    return bool(_OFFICE_AFTER.match(text, t.end))


def is_goods_origin(text: str, t: Toponym) -> bool:
    """True when the place says where goods were made ("toys made in China")."""
    return bool(_MADE_IN_BEFORE.search(text, max(0, t.start - 30), t.start))


def is_compared(text: str, t: Toponym) -> bool:
    """True when the place is what the event is compared with ("like those in Leeds")."""
    return bool(_COMPARED_BEFORE.search(text, max(0, t.start - 50), t.start))


def is_people_origin(text: str, t: Toponym) -> bool:
    """True when the place says where people or a firm come from ("a man from Dayton",
    "Cox Enterprises Inc. of Atlanta")."""
    return bool(_PEOPLE_FROM.search(text, max(0, t.start - 30), t.start))


# "an indictment in Milwaukee against a couple accused of scamming nuns in Pewaukee": the
# place of what someone is accused of, an earlier event, not of this one.
_ALLEGED_BEFORE = re.compile(r"\b(?:accused|suspected|convicted|charged|indicted|acquitted)"
                             r"\s+(?:of|with|in)\b[^.;:!?()]{0,100}$", re.IGNORECASE)


def is_alleged(text: str, t: Toponym) -> bool:
    """True when the place is in what someone is accused of ("accused of scamming nuns in
    Pewaukee")."""
    return bool(_ALLEGED_BEFORE.search(text, max(0, t.start - 130), t.start))
