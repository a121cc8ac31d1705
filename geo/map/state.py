"""The map page's view as URL parameters: ``?day=…&event=…&view=…&step=…``.

Read once per session from the address bar and written back after every run, so a
copied link restores the view (ARCHITECTURE.md, URLs). Plain values, no streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

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
