"""The timeline strip under the map: which days hold events, and the long ones as bars.

Drawn with Vega-Altair (it ships with Streamlit: ``st.altair_chart``/``st.vega_lite_chart``
with ``on_select`` turn a click on a day's mark into the page's step), not our own
drawing code. Its data is aggregated here, once per set of events, so what a rerun
sends is bounded by the number of days, never by the number of events or markers:

- one mark per day on which events begin: its height is how many begin, its colour
  the categories' (stacked, or the day's leading category when stacking would send
  more than :data:`STACK_MAX` rows); a long range is binned (at most :data:`MAX_MARKS`
  marks);
- events that last several days (a siege) as bars from their first to their last day,
  the longest :data:`SPAN_MAX` on at most :data:`LANES` lanes, the rest counted.

Plain data and a Vega-Lite spec (a dict): no streamlit here.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date, timedelta

import altair as alt
import pandas as pd

from geo.categories import category
from geo.highlight import day_label

#: The name of the selection a click on a day sets (``st.session_state[key].selection``).
PICK = "pick"
STACK_MAX = 600  # rows (day x category) sent stacked; more: one row per mark
MAX_MARKS = 800  # marks at most; a longer range is binned by several days
SPAN_MAX = 40  # multi-day events drawn as bars at most
LANES = 4  # rows of bars
BAR_HEIGHT = 8  # px per lane of long events
COUNT_HEIGHT = 56  # px of the tallest day mark
AXIS_HEIGHT = 26
SVG_MAX = 1500  # marks drawn as SVG elements; more go to a canvas (Streamlit's rule too)


@dataclass(frozen=True)
class Strip:
    """The strip's data: per mark (day or bin) counts, the long events, the range."""

    marks: pd.DataFrame  # day, end (exclusive), day_iso (where a click goes), category, n
    spans: pd.DataFrame  # start, end (exclusive), titles, n, category, label, lane
    first_day: date
    last_day: date
    more_spans: int  # multi-day events not drawn (past SPAN_MAX or the lanes)
    bin_days: int  # days per mark (1 unless the range is long)


def _event_rows(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event (not per place): start, end, category, title."""
    key = ["event_id" if "event_id" in events else "id"]
    if "article_id" in events:  # several articles of the workspace: ids repeat across them
        key.insert(0, "article_id")
    rows = events.drop_duplicates(key)
    start = pd.to_datetime(rows["start"]).dt.normalize()
    end = pd.to_datetime(rows["end"]).dt.normalize().fillna(start)
    return pd.DataFrame({"start": start.to_numpy(), "end": end.clip(lower=start).to_numpy(),
                         "category": rows["category"].map(lambda c: category(c).name),
                         "title": rows["title"].astype(str)})  # fmt: skip


def build_strip(events: pd.DataFrame, first_day: date, last_day: date) -> Strip:
    """Aggregate ``events`` (the map's frame) for the strip. Linear in the events."""
    rows = _event_rows(events)
    n_days = (last_day - first_day).days + 1
    bin_days = max(1, math.ceil(n_days / MAX_MARKS))
    origin = pd.Timestamp(first_day)
    offset = (rows["start"] - origin).dt.days // bin_days
    rows = rows.assign(bin=offset)
    counts = rows.groupby(["bin", "category"], sort=True).size().rename("n").reset_index()
    if len(counts) > STACK_MAX:  # one row per mark, coloured by its leading category
        lead = counts.sort_values(["bin", "n"], ascending=[True, False]).drop_duplicates("bin")
        totals = counts.groupby("bin")["n"].sum()
        counts = lead.assign(n=lead["bin"].map(totals).to_numpy())
    first_of_bin = rows.groupby("bin")["start"].min()  # a click goes to an event day
    day = origin + pd.to_timedelta(counts["bin"] * bin_days, unit="D")
    marks = pd.DataFrame({
        "day": day.to_numpy(),
        "end": (day + pd.Timedelta(days=bin_days)).to_numpy(),
        "day_iso": counts["bin"].map(first_of_bin).dt.strftime("%Y-%m-%d").to_numpy(),
        "category": counts["category"].to_numpy(),
        "label": counts["category"].map(lambda c: category(c).label).to_numpy(),
        "n": counts["n"].to_numpy(),
    })  # fmt: skip
    # What a screen reader says of a mark (its aria-label; the tests find marks by it).
    marks["desc"] = ("day " + marks["day_iso"] + ": " + marks["n"].astype(str) + " event(s), "
                     + marks["label"])  # fmt: skip
    long = rows.loc[rows["end"] > rows["start"]]
    # Events over the same days share one bar (the seed's eight from 19 May to 5 June),
    # in the colour of the first of them in the file (the article's lead comes first).
    spans = long.groupby(["start", "end"], sort=False).agg(
        n=("title", "size"), category=("category", "first"), titles=("title", _titles))
    spans = spans.reset_index()
    spans = spans.assign(days=(spans["end"] - spans["start"]).dt.days).sort_values(
        ["days", "n", "start"], ascending=[False, False, True], kind="stable")
    spans = _lanes(spans.head(SPAN_MAX * 4))
    more = len(long) - int(spans["n"].sum())
    return Strip(marks, spans, first_day, last_day, more, bin_days)


def _titles(titles: pd.Series) -> str:
    head = "; ".join(titles.iloc[:3])
    return head + (f"; and {len(titles) - 3} more" if len(titles) > 3 else "")


def _lanes(spans: pd.DataFrame) -> pd.DataFrame:
    """Put the bars (longest first) on the first lane where they overlap none."""
    taken: list[list[tuple[pd.Timestamp, pd.Timestamp]]] = [[] for _ in range(LANES)]
    kept = []
    for r in spans.itertuples(index=False):
        if len(kept) >= SPAN_MAX:
            break
        for lane, used in enumerate(taken):
            if all(r.end < s or r.start > e for s, e in used):
                used.append((r.start, r.end))
                kept.append({"start": r.start, "end": r.end + pd.Timedelta(days=1),
                             "title": r.titles, "n": r.n, "category": r.category,
                             "lane": lane, "label": category(r.category).label,
                             "when": f"{day_label(r.start)} – {day_label(r.end)}",
                             "desc": f"from {r.start:%Y-%m-%d} to {r.end:%Y-%m-%d}: {r.n}"
                                     f" event(s) lasting several days: {r.titles}"})  # fmt: skip
                break
    columns = ["start", "end", "title", "n", "category", "lane", "label", "when", "desc"]
    return pd.DataFrame(kept, columns=columns)


def strip_spec(strip: Strip) -> str:
    """The Vega-Lite spec of the strip as JSON; the day shown is its data (:func:`on_day`).

    Built once per set of events (Altair validates the spec: ~0.1 s). A click on a mark
    selects its ``day_iso`` (selection :data:`PICK`).
    """
    names = list(dict.fromkeys([*strip.marks["category"], *strip.spans["category"]]))
    colours = alt.Scale(domain=names, range=[category(n).color for n in names])
    colour = alt.Color("category:N", scale=colours, legend=None)
    ms = [int(pd.Timestamp(d).value // 1_000_000)
          for d in (strip.first_day, strip.last_day + timedelta(days=1))]  # fmt: skip
    # One x scale (UTC days) and one y scale for all layers: the day marks stand on the
    # zero line, the lanes of long events hang below it (negative values, their share of
    # the height fixed in pixels). A concatenated chart would not take the page's width.
    time = alt.Scale(type="utc", domain=ms)
    lanes = 0 if strip.spans.empty else int(strip.spans["lane"].max()) + 1
    top = float(strip.marks.groupby("day_iso")["n"].sum().max()) if len(strip.marks) else 1.0
    below = top * lanes * BAR_HEIGHT / COUNT_HEIGHT  # lane units under the zero line
    lane = below / lanes if lanes else 0.0
    y_scale = alt.Scale(domain=[-below, top], nice=False, zero=False)
    x = alt.X("day:T", title=None,
              axis=alt.Axis(format="%-d %b", labelOverlap=True, grid=False, labelFontSize=11,
                            tickCount=8, labelColor="#333"))  # fmt: skip
    pick = alt.selection_point(name=PICK, fields=["day_iso"], on="click", clear=False,
                               toggle=False)  # fmt: skip
    # The day shown is the chart's own (top-level) data, given with each step (on_day):
    # the spec stays the same from step to step, so the browser keeps the chart and
    # only swaps that one row instead of building the chart again.
    now = alt.Chart().mark_rect(
        color="#ffd400", opacity=0.55, stroke="#1d1d1d", strokeWidth=1.5).encode(
        x=x.scale(time), x2="end:T", description=alt.value("the day shown"))  # fmt: skip
    # Stacked here (rects with both ends given): each category's part of the day's mark.
    stacked = strip.marks.assign(y1=strip.marks.groupby("day_iso")["n"].cumsum())
    stacked["y0"] = stacked["y1"] - stacked["n"]
    sent = ["day", "end", "day_iso", "category", "desc", "y0", "y1"]  # what the chart reads
    counts = alt.Chart(alt.Data(values=_records(stacked[sent]))).mark_rect(
        cursor="pointer", stroke="white", strokeWidth=0.5).encode(
        x=x, x2="end:T", color=colour, description="desc:N",
        y=alt.Y("y0:Q", title=None, scale=y_scale, axis=None), y2="y1:Q",
        tooltip=alt.Tooltip("desc:N"),
    ).add_params(pick)  # fmt: skip
    layers = [now, counts]
    if lanes:
        spans = strip.spans.assign(y0=-strip.spans["lane"] * lane - lane * 0.15,
                                   y1=-(strip.spans["lane"] + 1) * lane + lane * 0.15)
        sent = ["start", "end", "category", "desc", "y0", "y1"]
        layers.append(alt.Chart(alt.Data(values=_records(spans[sent]))).mark_rect(
            cornerRadius=2).encode(
            x=alt.X("start:T"), x2="end:T", color=colour, description="desc:N",
            y=alt.Y("y0:Q", scale=y_scale, axis=None), y2="y1:Q",
            tooltip=alt.Tooltip("desc:N"),
        ))  # fmt: skip
    chart = alt.layer(*layers).properties(
        height=COUNT_HEIGHT + lanes * BAR_HEIGHT + AXIS_HEIGHT,  # Streamlit fits the axis in
        padding={"left": 4, "right": 8, "top": 2, "bottom": 0},
    ).configure_view(stroke=None)  # fmt: skip
    spec = chart.to_dict()
    spec["layer"][0].pop("data", None)  # the band reads the chart's own data (on_day)
    spec.get("datasets", {}).pop("empty", None)
    if len(strip.marks) <= SVG_MAX:  # SVG: each mark an element, labelled for screen readers
        spec["usermeta"] = {"embedOptions": {"renderer": "svg"}}
    return json.dumps(spec)


def on_day(day: date) -> pd.DataFrame:
    """The strip's own data for ``day``: the band that marks the day shown."""
    return pd.DataFrame({"day": [day.isoformat()],
                         "end": [(day + timedelta(days=1)).isoformat()]})  # fmt: skip


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts (timestamps as ISO days)."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out.to_dict("records")


def day_of_pick(selection: object) -> date | None:
    """The day a click on the strip chose, from Streamlit's selection state, else None."""
    try:
        points = selection["selection"][PICK]  # type: ignore[index]
        return date.fromisoformat(str(points[0]["day_iso"]))
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def strip_note(strip: Strip) -> str:
    """A caption under the strip: what it draws."""
    parts = ["Bars: days on which events begin (click one to go there)"]
    if strip.bin_days > 1:
        parts[0] = f"Bars: events beginning in each {strip.bin_days} days (click to go there)"
    if not strip.spans.empty:
        parts.append("under them: events lasting several days")
    if strip.more_spans:
        parts.append(f"{strip.more_spans} more of those not drawn")
    return " · ".join(parts) + "."

