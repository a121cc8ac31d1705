"""The learned event screen: shipped weights load, and it only ever removes proposals."""

from __future__ import annotations

from datetime import date

from geo.article import make_article
from geo.geoparse.propose import propose_events
from geo.geoparse.screen import SCREEN_PATH, features, load_screen


def test_the_shipped_screen_loads_with_a_threshold_chosen_by_cross_validation() -> None:
    model = load_screen()
    assert model is not None and SCREEN_PATH.is_file()
    assert 0.0 <= model.threshold < 1.0  # 0: cross-validation kept every proposal
    assert "cv" in model.meta and "none" in model.meta["cv"]
    assert "held" not in str(model.meta["trained_on"])  # development part only


def test_features_name_what_the_proposer_knows() -> None:
    f = features("Police said the fire destroyed the home on Monday.", "disaster", "fire",
                 "weekday-on-or-before-publication", "Gilroy: the only place", "town", 1,
                 0.3, False, 0.0)
    assert f["cat=disaster"] == f["trig=fire"] == f["place=named"] == f["w=said"] == 1.0
    assert "speech" not in f and f["pos=1"] == 1.0


def test_the_screen_only_removes_proposals_and_says_its_score() -> None:
    text = ("A fire destroyed a house in Gilroy, California, on Monday, police said. "
            "\"It was terrible,\" said a neighbour who lives in Gilroy. "
            "Firefighters from San Jose fought the blaze for two hours on Monday.")
    article = make_article(text, id="t", title="t", outlet="o", published=date(2009, 3, 31))
    kept = propose_events(article)
    every = propose_events(article, screen=False)
    assert {(r.event_id, r.place_id) for r in kept} <= {(r.event_id, r.place_id) for r in every}
    model = load_screen()
    assert all(("screen: " in r.note) == (model.threshold > 0) for r in kept)
    if model.threshold <= 0:  # no threshold beat keeping all: the screen is off
        assert kept == every
