"""The map page's view as URL parameters: ``?day=…&event=…&view=…&step=…``.

Read once per session from the address bar and written back after every run, so a
copied link restores the view (ARCHITECTURE.md, URLs). Plain values, no streamlit.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from geo.categories import category
from geo.highlight import day_label
from geo.map.layers import EventLayers
from geo.markup import markdown_text
from geo.timeline import Step, Timeline, View, parse_day

VIEW_LABELS = {View.CUMULATIVE.value: "Up to the day", View.DAY.value: "Day only"}


@dataclass(frozen=True)
class MapView:
    """What the map shows: the day, cumulative or day view, step mode, selected row id."""

    day: date
    view: str
    step: str
    selected: str | None

    @classmethod
    def from_params(
        cls, params: Mapping[str, str], events: pd.DataFrame, timeline: Timeline
    ) -> MapView:
        """The view a link asks for; unknown values fall back to the defaults.

        ``event`` is a row id (``event_id@place_id``) or an ``event_id`` (its first
        place). Without ``day`` the map opens on the selected event's day, else on the
        first day of the timeline.
        """
        selected = params.get("event")
        if selected and selected not in set(events["id"]):
            by_event = events.loc[events.get("event_id", events["id"]).astype(str) == selected]
            selected = str(by_event["id"].iloc[0]) if len(by_event) else None
        default_day = timeline.first_day
        if selected:
            default_day = events.loc[events["id"] == selected, "start"].iloc[0].date()
        view = params.get("view", View.CUMULATIVE.value)
        return cls(
            day=timeline.clamp(parse_day(params.get("day"), default_day)),
            view=view if view in VIEW_LABELS else View.CUMULATIVE.value,
            step=Step.EVENT.value if params.get("step") == Step.EVENT.value else Step.DAY.value,
            selected=selected,
        )

    def params(self) -> dict[str, str]:
        """The URL parameters of this view."""
        out = {"day": self.day.isoformat(), "view": self.view, "step": self.step}
        if self.selected:
            out["event"] = self.selected
        return out


@dataclass(frozen=True)
class Camera:
    """A view the reader chose (``?zoom=8&center=34.5,36.6``): restored on load, kept
    until the next step, when the camera follows the story again."""

    zoom: float
    lat: float
    lon: float

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> Camera | None:
        """The view in the URL, or None when absent or not a view."""
        try:
            lat, lon = (float(x) for x in str(params.get("center", "")).split(","))
            zoom = float(params.get("zoom", ""))
        except ValueError:
            return None
        ok = 0 <= zoom <= 19 and -90 <= lat <= 90 and -180 <= lon <= 180
        return cls(zoom, lat, lon) if ok else None

    def params(self) -> dict[str, str]:
        return {"zoom": f"{self.zoom:g}", "center": f"{self.lat:.4f},{self.lon:.4f}"}

    def as_json(self) -> dict[str, float]:
        return {"zoom": self.zoom, "lat": self.lat, "lon": self.lon}


def list_rows(page: list[dict], today: list[dict], selected: str | None) -> list[dict]:
    """The day's list as shown: the page the reader chose, and the selected event if it is
    on another page (a click on its marker must show it)."""
    if selected and all(row["id"] != selected for row in page):
        return page + [row for row in today if row["id"] == selected]
    return page


def list_label(row: Mapping) -> str:
    """An event's button in the day's list (Markdown): symbol, title, place."""
    return (f"{category(row['category']).symbol} {markdown_text(row['title'])} — "
            f"{markdown_text(row['place_name'])}")  # fmt: skip


def steps_ahead(
    timeline: Timeline, view: MapView, layers_of: Callable[[date], EventLayers]
) -> dict[str, tuple[date, EventLayers]]:
    """The days Previous and Next lead to from ``view`` and their layers, for the map to
    draw at the click (``geo.map.build.feature_groups``); a direction that does not move
    is left out."""
    out = {}
    for direction, forward in (("next", True), ("previous", False)):
        day = timeline.step(view.day, forward, Step(view.step))
        if day != view.day:
            out[direction] = (day, layers_of(day))
    return out


def heading(source: str | None, reader: Mapping | None, events: pd.DataFrame) -> tuple[str, str]:
    """The page's title and caption (Markdown): a reader's article, an events file, the seed.

    ``reader`` is the *Your article* page's ``{"title", "published", ...}``.
    """
    if reader:
        published = reader.get("published")
        when = f" (published {day_label(published)})" if published else ""
        n = events["event_id"].nunique() if "event_id" in events else len(events)
        return (markdown_text(reader.get("title") or "Your article"),
                f"Events the geoparser found in your article{when}: {n} events, "
                f"{len(events)} markers. Correct them on the *Your article* page.")  # fmt: skip
    if source:
        name = markdown_text(os.path.basename(source))
        return "Events map", f"Events from {name}: {len(events)} rows."
    return ("The fall of Al-Qusayr, May–June 2013",
            "Events reported in *Syria rebels say they have lost battle for Al-Qusayr* "
            "(NOW Lebanon, Wed 5 June 2013), placed on the map day by day.")  # fmt: skip
