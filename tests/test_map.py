"""The map package: escaping, popups, grouping, and a base map that does not change per step."""

from __future__ import annotations

import json
import re
from datetime import date

import pandas as pd
import pytest
from streamlit_folium import _get_map_string, generate_js_hash

from geo.basemap import load_basemap
from geo.categories import BY_NAME, INK_DARK, INK_LIGHT, OTHER, PALETTE, category, ink_on
from geo.events import load_seed_events
from geo.highlight import day_label
from geo.map.bounds import focus_bounds
from geo.map.build import build_map, feature_groups, legend_html
from geo.map.layers import (
    MAX_LABELS,
    POPUP_BRIEF,
    EventLayers,
    layers_from_records,
    marker_icon,
)
from geo.map.loader import load_map_events
from geo.map.popups import (
    format_span,
    install_popup_table,
    marked_pieces,
    popup_entries,
    popup_fragments,
    popup_table_json,
)
from geo.map.safejson import js_json
from geo.timeline import EventIndex, View, read_events_table

HOSTILE = "<img src=x onerror=alert(1)> `${alert(2)}` </script><script>alert(3)</script>"

PLACES = {
    "qusayr": ("Al-Qusayr", 34.509, 36.580, "SY", 3.0),
    "dahiyeh": ("Dahiyeh", 33.85, 35.51, "LB", 4.0),
    "tripoli-lb": ("Tripoli", 34.437, 35.850, "LB", 5.0),
    "damascus": ("Damascus", 33.51, 36.29, "SY", 10.0),
    "tehran": ("Tehran", 35.69, 51.42, "IR", 20.0),
}


def fixture_rows() -> list[dict]:
    """A handful of events shaped like ``geo.events.events_frame`` rows."""
    spec = [
        ("offensive@qusayr", "Offensive on Al-Qusayr begins", "offensive", "2013-05-19",
         "2013-06-05", "almost three weeks", "range", "qusayr", "SANA",
         "an offensive against rebel fighters that lasted almost three weeks"),
        ("fall@qusayr", "Army takes Al-Qusayr", "capture", "2013-06-05", "2013-06-05",
         "Wednesday", "day", "qusayr", "Syrian Observatory for Human Rights",
         "Syria's army routed rebels from the strategic town of Al-Qusayr on Wednesday"),
        ("admission@qusayr", "Rebels admit the loss", "statement", "2013-06-05", "2013-06-05",
         "Wednesday", "day", "qusayr", "the rebels",
         "The insurgents conceded they had lost the battle for Al-Qusayr."),
        ("celebration@dahiyeh", "Celebration in Dahiyeh", "celebration", "2013-06-05",
         "2013-06-05", "Wednesday", "day", "dahiyeh", "AFP", "Dahiyeh celebration"),
        ("clashes@tripoli-lb", "Sectarian clashes in Tripoli", "sectarian violence",
         "2013-06-01", "2013-06-03", "since Saturday", "range", "tripoli-lb", "NOW",
         "fighting in the northern city of Tripoli"),
        ("ally@damascus", "Damascus ally hails the fall", "statement", "2013-06-05",
         "2013-06-05", "Wednesday", "day", "damascus", "Iranian ministry",
         "Damascus' ally Iran quickly hailed the fall of Al-Qusayr."),
        ("congrats@tehran", "Iran congratulates", "statement", "2013-06-05", "2013-06-05",
         "Wednesday", "day", "tehran", "Deputy Foreign Minister", 'Tehran "congratulates"'),
    ]  # fmt: skip
    rows = []
    for i, (eid, title, cat, start, end, phrase, prec, pid, who, excerpt) in enumerate(spec):
        name, lat, lon, cc, km = PLACES[pid]
        rows.append(
            {
                "id": eid, "title": title, "category": cat, "start": start, "end": end,
                "date_phrase": phrase, "date_precision": prec, "place_id": pid,
                "place_name": name, "place_role": "where it happened", "lat": lat,
                "lon": lon, "country_code": cc, "precision_km": km, "kind": "city",
                "actors": "", "reported_by": who, "excerpt": excerpt,
                "excerpt_start": 100 * i, "excerpt_end": 100 * i + len(excerpt),
                "confidence": 0.9,
            }
        )  # fmt: skip
    return rows


def fixture_frame(rows: list[dict] | None = None) -> pd.DataFrame:
    df = pd.DataFrame(rows or fixture_rows())
    for name in ("start", "end"):
        df[name] = pd.to_datetime(df[name]).astype("datetime64[s]")
    df["passage"] = df["excerpt_start"] // 100
    return df


@pytest.fixture
def frame() -> pd.DataFrame:
    return popup_fragments(fixture_frame())


def layers_on(
    df: pd.DataFrame, day: date, view: View, selected: str | None = None, open_popup: bool = False
) -> EventLayers:
    """The day's layers the way the app builds them (``EventIndex`` then grouping)."""
    return layers_from_records(EventIndex.from_frame(df).visible(day, view), selected, open_popup)


def test_js_json_neutralises_script_end_and_template_literals():
    text = js_json({"popup": HOSTILE})
    assert "</script" not in text.lower()
    assert "</" not in text and "<!--" not in text  # nothing can end or bend the script
    # Still the same value for a JavaScript/JSON reader.
    assert json.loads(text)["popup"] == HOSTILE
    # No backtick-delimited strings: `${...}` sits inside a double-quoted JSON string.
    assert text.startswith('{"popup":"') and text.endswith('"}')


def test_excerpts_mark_names_case_insensitively_and_escape_the_rest():
    pieces = marked_pieces("<b>al-qusayr</b> & Al-Qusayr", ["Al-Qusayr"])
    assert pieces == [("<b>", False), ("al-qusayr", True), ("</b> & ", False),
                      ("Al-Qusayr", True)]  # fmt: skip
    assert marked_pieces("Qusayr", ["Al-Qusayr", "Qusayr"]) == [("Qusayr", True)]
    rows = fixture_rows()
    rows[1]["excerpt"] = "<b>al-qusayr</b> & Al-Qusayr"
    html = popup_fragments(fixture_frame(rows)).loc[1, "popup_full"]
    assert "&lt;b&gt;<mark>al-qusayr</mark>&lt;/b&gt; &amp; <mark>Al-Qusayr</mark>" in html


def test_format_day_and_span_name_the_weekday():
    assert day_label(date(2013, 6, 5)) == "Wed 5 June 2013"
    assert format_span(pd.Timestamp("2013-05-19"), pd.Timestamp("2013-06-05")) == (
        "Sun 19 May – Wed 5 June 2013"
    )
    assert format_span(pd.Timestamp("2013-06-05"), pd.Timestamp("2013-06-05")) == (
        "Wed 5 June 2013"
    )


def test_popup_has_date_phrase_place_source_excerpt_and_link(frame):
    row = frame.set_index("id").loc["fall@qusayr"]
    html = row["popup_full"]
    assert "Wed 5 June 2013" in html and "<q>Wednesday</q>" in html
    assert "Reported by Syrian Observatory for Human Rights" in html
    assert "<mark>Al-Qusayr</mark>" in html
    assert 'href="/article?passage=1&amp;event=fall%40qusayr"' in html


def test_popup_escapes_hostile_text():
    rows = fixture_rows()
    rows[1] |= {"title": HOSTILE, "excerpt": HOSTILE + " Al-Qusayr", "reported_by": HOSTILE}
    df = popup_fragments(fixture_frame(rows))
    html = df.loc[1, "popup_full"]
    assert "<img" not in html and "<script" not in html and "</script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    layers = layers_on(df, date(2013, 6, 5), View.DAY)
    table = popup_table_json(df)
    for text in (layers.markers_json, table):  # what reaches the browser
        assert "</" not in text  # no end tag reaches the script as such
        assert "<img" not in text and "<script" not in text
    decoded = json.loads(layers.markers_json)
    qusayr = next(m for m in decoded if m["lat"] == 34.509)
    entry = json.loads(table)[1][0]
    assert 1 in qusayr["popup"]["full"]
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in entry
    assert "`${alert(2)}`" in entry  # harmless text in a JSON string


def test_unknown_category_falls_back_and_known_ones_differ():
    assert category("Sectarian_Violence") is BY_NAME["sectarian violence"]
    assert category("astrology") is OTHER
    # Colours come from one colour-blind-safe palette (a colour per family); colour and
    # symbol together tell every category apart.
    assert {s.color for s in BY_NAME.values()} <= set(PALETTE)
    assert len({(s.color, s.symbol) for s in BY_NAME.values()}) == len(BY_NAME)
    assert len({s.symbol for s in BY_NAME.values()}) == len(BY_NAME)


def test_the_seeds_categories_spread_over_the_whole_palette():
    seed = {e.category for e in load_seed_events()}
    assert {category(c).color for c in seed} == set(PALETTE)


def test_a_markers_symbol_is_readable_on_its_colour():
    assert ink_on("#ddcc77") == INK_DARK and ink_on("#332288") == INK_LIGHT
    icon = marker_icon("celebration", "today", 1, False)
    assert "--ink:#1d1d1d" in icon


def test_events_at_one_place_are_grouped_with_a_count(frame):
    layers = layers_on(frame, date(2013, 6, 5), View.CUMULATIVE)
    qusayr = layers.group_at(34.509, 36.580)
    assert qusayr is not None
    assert set(qusayr.event_ids) == {"offensive@qusayr", "fall@qusayr", "admission@qusayr"}
    markers = json.loads(layers.markers_json)
    assert len(markers) == len(layers.groups) == 5  # one marker per place
    icon = next(m["icon"] for m in markers if m["lat"] == 34.509)
    assert '<span class="ev-count">3</span>' in icon
    popup = next(m["popup"] for m in markers if m["lat"] == 34.509)
    assert len(popup["full"]) == 3 and popup["sel"] is None and not popup["brief"]
    assert popup["more"] == 0  # every event listed, none hidden


def test_cumulative_view_fades_past_events_and_day_view_drops_them(frame):
    day = date(2013, 6, 4)  # Tripoli clashes ended on 3 June, offensive still running
    cumulative = layers_on(frame, day, View.CUMULATIVE)
    states = {g.place_ids[0]: g.state for g in cumulative.groups}
    assert states == {"qusayr": "today", "tripoli-lb": "past"}
    assert "ev-past" in json.loads(cumulative.markers_json)[1]["icon"]
    only_day = layers_on(frame, day, View.DAY)
    assert [g.place_ids for g in only_day.groups] == [("qusayr",)]


def test_selected_event_is_highlighted_and_opened(frame):
    layers = layers_on(frame, date(2013, 6, 5), View.DAY, "celebration@dahiyeh", open_popup=True)
    markers = {m["lat"]: m for m in json.loads(layers.markers_json)}
    assert markers[33.85]["open"] and "ev-selected" in markers[33.85]["icon"]
    assert not markers[34.509]["open"] and "ev-selected" not in markers[34.509]["icon"]
    assert layers.group_of("celebration@dahiyeh").place_ids == ("dahiyeh",)


def test_rings_only_for_places_known_to_a_useful_precision(frame):
    rows = fixture_rows()
    rows[-1]["precision_km"] = 500.0  # Tehran as a country-level guess
    df = popup_fragments(fixture_frame(rows))
    rings = json.loads(layers_on(df, date(2013, 6, 5), View.DAY).rings_json)
    assert {(r["lat"], r["r"]) for r in rings} == {(34.509, 3000.0), (33.85, 4000.0),
                                                   (33.51, 10000.0)}  # fmt: skip


def _script(m) -> str:
    m.get_root().render()
    m.render()
    return _get_map_string(m)


def test_base_map_is_identical_across_builds_and_uses_only_local_assets():
    basemap = load_basemap()
    a = _script(build_map(basemap, ["battle", "statement"]))
    b = _script(build_map(basemap, ["battle", "statement"]))
    assert generate_js_hash(a, "k") == generate_js_hash(b, "k")
    m = build_map(basemap, ["battle"])
    m.render()
    links = [url for _, url in m.default_js + m.default_css]
    assert links and all(url.startswith("/app/static/") for url in links)
    header = m.get_root().header.render()
    assert not re.search(r"https?://(?!tile\.openstreetmap)", header)


def test_day_layers_do_not_touch_the_base_map(frame):
    basemap = load_basemap()
    m = build_map(basemap, ["capture"])
    before = _script(m)
    from streamlit_folium import _get_feature_group_string

    layers = layers_on(frame, date(2013, 6, 5), View.DAY)
    js = "".join(
        _get_feature_group_string(fg, m, idx=i) for i, fg in enumerate(feature_groups(layers))
    )
    # The day's data goes to the base map's own groups through window.__qmap.update.
    assert js.count("q.update(") == 3 and "window.__qmap" in js
    assert 'var data = [{"lat":34.509' in js and 'q.update("markers", data)' in js
    assert _script(build_map(basemap, ["capture"])) == before


def test_legend_lists_the_categories_present():
    html = legend_html(["capture", "statement", "statement", "astrology"])
    assert html.count("Statement") == 1 and "Capture" in html and "Other" in html


def test_legend_explains_count_bubbles_only_where_events_may_be_aggregated():
    assert "qc-bubble" not in legend_html(["capture"])  # the seed: one marker per place
    html = legend_html(["capture"], bubbles=True)
    assert html.count('class="qc-bubble') == 2 and "events at several places" in html
    assert '<span class="qc-day">' in html and "on this day" in html


def test_legend_starts_closed_so_it_hides_no_marker():
    html = legend_html(["capture"])
    assert html.startswith("<details><summary>Legend</summary>")


def test_focus_bounds_cover_the_cluster_not_the_outliers(frame):
    (south, west), (north, east) = focus_bounds(frame)
    # Al-Qusayr, Dahiyeh, Tripoli and Damascus are inside; Tehran (1,400 km away) is not.
    for _, (_, lat, lon, _, _) in PLACES.items():
        inside = south <= lat <= north and west <= lon <= east
        assert inside == (lon < 40), (lat, lon)
    assert focus_bounds(frame.iloc[0:0]) is None


def test_focus_bounds_leave_out_country_level_points():
    rows = fixture_rows()
    rows[-1] |= {"lat": 33.9, "lon": 39.9, "precision_km": 400.0}  # nominal point, far east
    (_, _), (_, east) = focus_bounds(fixture_frame(rows))
    assert east == pytest.approx(36.58)


def test_base_map_opens_fitted_to_bounds():
    basemap = load_basemap()
    bounds = ((33.5, 35.5), (34.7, 36.7))
    a = _script(build_map(basemap, ["battle"], bounds=bounds))
    assert '"bounds": [[33.5, 35.5], [34.7, 36.7]]' in a  # qmap.js fits them, unanimated
    b = _script(build_map(basemap, ["battle"], bounds=bounds))
    assert generate_js_hash(a, "k") == generate_js_hash(b, "k")
    offline = _script(build_map(basemap, ["battle"], online_tiles=False))
    assert "tile.openstreetmap.org" not in offline


def test_feature_groups_name_the_day_so_every_step_reaches_the_map(frame):
    basemap = load_basemap()
    m = build_map(basemap, ["capture"])
    from streamlit_folium import _get_feature_group_string

    layers = layers_on(frame, date(2013, 5, 25), View.CUMULATIVE)
    js = [
        "".join(_get_feature_group_string(fg, m, idx=i)
                for i, fg in enumerate(feature_groups(layers, day)))
        for day in (date(2013, 5, 25), date(2013, 5, 26))
    ]  # fmt: skip
    assert 'q.day = "2013-05-25"' in js[0] and 'q.day = "2013-05-26"' in js[1]
    assert js[0] != js[1]  # same markers, yet streamlit-folium sees a change


@pytest.mark.parametrize("view", [View.CUMULATIVE, View.DAY])
@pytest.mark.parametrize("day", [date(2013, 5, 18), date(2013, 6, 2), date(2013, 6, 5)])
def test_event_index_shows_what_covers_the_day_and_in_cumulative_view_what_ended(frame, day, view):
    index = EventIndex.from_frame(frame)
    expected = []
    for row in frame.itertuples():
        covers = row.start.date() <= day <= row.end.date()
        if covers or (view == View.CUMULATIVE and row.start.date() <= day):
            expected.append((row.id, "today" if covers else "past"))
    assert [(r["id"], r["state"]) for r in index.visible(day, view)] == expected
    on_day = frame[(frame["start"].dt.date <= day) & (frame["end"].dt.date >= day)]
    on_day = on_day.sort_values(["start", "title"], kind="stable")
    assert [r["id"] for r in index.on(day)] == list(on_day["id"])


def test_busy_map_lists_earlier_events_briefly_and_rings_for_the_day_only():
    rows = []
    for i in range(MAX_LABELS + 10):  # more places than labels: a busy map
        for k in range(POPUP_BRIEF + 4):
            row = fixture_rows()[4] | {"id": f"e{i}-{k}@p{i}", "place_id": f"p{i}",
                                       "lat": 30 + i / 10, "lon": 36.0,
                                       "start": "2013-05-20", "end": "2013-05-20"}  # fmt: skip
            rows.append(row)
    rows[0] |= {"start": "2013-06-01", "end": "2013-06-01"}  # one event on the day
    df = popup_fragments(fixture_frame(rows))
    layers = layers_on(df, date(2013, 6, 1), View.CUMULATIVE)
    markers = json.loads(layers.markers_json)
    past = [m for m in markers if "ev-past" in m["icon"]]
    assert len(past) == MAX_LABELS + 9
    assert all(len(m["popup"]["brief"]) == POPUP_BRIEF and not m["popup"]["full"]
               for m in past)  # fmt: skip
    table = json.loads(popup_table_json(df))
    assert all('class="ev-item ev-brief' in table[row][1] for row in past[0]["popup"]["brief"])
    assert past[0]["popup"]["more"] == 4
    # A step sends row numbers, not texts: a few dozen bytes per marker.
    assert len(layers.markers_json) / len(markers) < 600
    rings = json.loads(layers.rings_json)
    assert [(r["lat"], r["state"]) for r in rings] == [(30.0, "today")]


def test_read_events_table_types_the_columns(tmp_path):
    path = tmp_path / "events.csv"
    df = fixture_frame()
    df.to_csv(path, index=False)
    table = read_events_table(path)
    for name in ("lat", "lon", "precision_km", "confidence", "excerpt_start", "excerpt_end",
                 "passage"):  # fmt: skip
        assert pd.api.types.is_numeric_dtype(table[name]), name
    assert table["excerpt_end"].iloc[1] == df["excerpt_end"].iloc[1]
    assert str(table["start"].dtype) == "datetime64[s]"
    assert table.loc[0, "end"] == pd.Timestamp("2013-06-05")


def test_a_readers_events_reach_the_map_from_memory_without_links_or_files(tmp_path):
    from geo.events import events_frame, load_seed_events
    from geo.map.loader import frame_key, load_map_events

    frame = events_frame(load_seed_events())
    shown = load_map_events(frame=frame)
    assert list(shown.events["id"]) == list(frame["id"])
    assert list(shown.events["excerpt"]) == list(frame["excerpt"])  # verbatim
    assert (shown.events["lat"] == frame["lat"]).all()
    assert shown.events["passage"].isna().all()  # no link to the seed's article page
    assert not shown.public  # its popups never become a public static file
    assert frame_key(frame.copy()) == frame_key(frame)  # same events, same cache key
    assert frame_key(frame.assign(lat=frame["lat"] + 0.1)) != frame_key(frame)
    seed = load_map_events()
    assert seed.public and seed.events["passage"].notna().all()


def test_basemap_can_be_served_as_static_files_instead_of_embedded(tmp_path):
    from geo.basemap import install_static_basemap

    basemap = load_basemap()
    urls = install_static_basemap(basemap, tmp_path, "/app/static/x")
    assert set(urls) == {"countries", "admin1", "boundaries", "coastline", "lakes", "rivers",
                         "labels"}  # fmt: skip
    for layer, url in urls.items():
        path = tmp_path / url.rsplit("/", 1)[1]
        expected = basemap.label_rows() if layer == "labels" else getattr(basemap, layer)
        assert json.loads(path.read_text()) == expected
    assert install_static_basemap(basemap, tmp_path, "/app/static/x") == urls  # idempotent
    assert not list(tmp_path.glob(".*.tmp"))
    served = _script(build_map(basemap, ["battle"], basemap_urls=urls))
    embedded = _script(build_map(basemap, ["battle"]))
    assert all(url in served for url in urls.values())
    assert len(served) < 30_000 < 200_000 < len(embedded)  # the script no longer carries them


def test_popups_list_the_day_in_full_the_selection_first_and_earlier_events_briefly(frame):
    table = json.loads(popup_table_json(frame))
    day = date(2013, 6, 5)
    layers = layers_on(frame, day, View.CUMULATIVE, selected="offensive@qusayr")
    qusayr = next(m for m in json.loads(layers.markers_json) if m["lat"] == 34.509)
    ids = list(frame["id"])
    popup = qusayr["popup"]
    assert ids[popup["sel"]] == "offensive@qusayr"
    assert {ids[row] for row in popup["full"]} == {"fall@qusayr", "admission@qusayr"}
    assert popup["brief"] == [] and popup["more"] == 0
    assert all("Reported by" in table[row][0] for row in [popup["sel"], *popup["full"]])
    assert "Al-Qusayr <span>(SY, ±3 km)</span> — 3 events" in popup["head"]


def test_popup_table_is_served_as_a_content_named_static_file(tmp_path, frame):
    url = install_popup_table(frame, tmp_path, "/app/static/x")
    path = tmp_path / url.rsplit("/", 1)[1]
    pairs = zip(frame["popup_full"], frame["popup_brief"], strict=True)
    assert json.loads(path.read_text()) == [list(p) for p in pairs]
    assert install_popup_table(frame.copy(), tmp_path, "/app/static/x") == url
    other = popup_fragments(frame.assign(title="Other"))
    assert install_popup_table(other, tmp_path, "/app/static/x") != url
    basemap = load_basemap()
    served = _script(build_map(basemap, ["battle"], popups_url=url))
    assert f'"popupsUrl": "{url}"' in served


def test_steps_ahead_carry_the_layers_of_the_days_previous_and_next_lead_to(frame):
    from geo.map.layers import AHEAD_MAX_BYTES, ahead_json

    day, before, after = date(2013, 6, 4), date(2013, 6, 3), date(2013, 6, 5)
    layer = {d: layers_on(frame, d, View.CUMULATIVE) for d in (before, after)}
    text = ahead_json({"next": (after, layer[after]), "previous": (before, layer[before])})
    decoded = json.loads(text)
    assert decoded["next"]["day"] == "2013-06-05" and decoded["previous"]["day"] == "2013-06-03"
    assert decoded["next"]["markers"] == json.loads(layer[after].markers_json)
    assert "</" not in text  # the layers' own safe JSON, nothing else
    assert ahead_json({}) == ""
    groups = feature_groups(layer[after], after, {"next": (day, layer[before])})
    basemap = load_basemap()
    from streamlit_folium import _get_feature_group_string

    m = build_map(basemap, ["capture"])
    js = "".join(_get_feature_group_string(fg, m, idx=i) for i, fg in enumerate(groups))
    assert js.count("q.ahead = {") == 1  # with the markers, once
    # A step without steps ahead clears those of an earlier step (they name its items).
    js = "".join(_get_feature_group_string(fg, m, idx=i)
                 for i, fg in enumerate(feature_groups(layer[after], after, {})))  # fmt: skip
    assert js.count("q.ahead = null;") == 1
    # A busy map's steps ahead would double every step: the first that fit are sent.
    many = [(after, layer[after])] * (AHEAD_MAX_BYTES // len(layer[after].markers_json) + 1)
    sent = ahead_json({f"d{i}": x for i, x in enumerate(many)})
    assert 0 < len(sent) <= AHEAD_MAX_BYTES
    assert list(json.loads(sent)) == [f"d{i}" for i in range(len(json.loads(sent)))]
    assert len(json.loads(sent)) < len(many)
    huge = EventLayers((), "[" + "0," * AHEAD_MAX_BYTES + "0]", "[]", "[]")
    assert ahead_json({"next": (after, huge)}) == ""


def test_a_readers_popups_travel_with_the_step_to_that_session_only(tmp_path, frame):
    layers = layers_on(frame, date(2013, 6, 5), View.CUMULATIVE, "offensive@qusayr")
    entries = popup_entries(frame, layers.popup_rows)
    named = {row for m in json.loads(layers.markers_json)
             for row in [*m["popup"]["full"], *m["popup"]["brief"], m["popup"]["sel"]]
             if row is not None}  # fmt: skip
    assert set(entries) == named == set(layers.popup_rows)
    assert entries[0] == [frame.loc[0, "popup_full"], frame.loc[0, "popup_brief"]]
    basemap = load_basemap()
    m = build_map(basemap, ["capture"])  # no popups_url: nothing is written anywhere
    assert '"popupsUrl": null' in _script(m)
    from streamlit_folium import _get_feature_group_string

    groups = feature_groups(layers, date(2013, 6, 5), None, entries)
    js = "".join(_get_feature_group_string(fg, m, idx=i) for i, fg in enumerate(groups))
    assert js.count("q.addPopups(") == 1 and "</" not in js.split("q.addPopups(")[1][:200]


def test_the_timeline_opens_on_the_first_day_of_whatever_is_shown():
    from geo.events import events_frame, load_seed_events
    from geo.timeline import Timeline

    seed = events_frame(load_seed_events())
    assert Timeline.from_frame(seed).first_day == date(2013, 5, 19)  # its first event's day
    later = seed.assign(start=seed["start"] + pd.Timedelta(days=1800),
                        end=seed["end"] + pd.Timedelta(days=1800))  # fmt: skip
    timeline = Timeline.from_frame(later)
    assert timeline.first_day == date(2018, 4, 23) == later["start"].min().date()
    assert timeline.n_days == Timeline.from_frame(seed).n_days  # no 1,800 empty days before
    reader = fixture_frame().iloc[[2]]  # one event, 1 to 3 June 2013
    assert (Timeline.from_frame(reader).first_day, Timeline.from_frame(reader).last_day) == (
        reader["start"].iloc[0].date(), reader["end"].iloc[0].date())


def test_template_syntax_in_the_data_reaches_the_map_verbatim():
    from streamlit_folium import _get_feature_group_string

    m = build_map(load_basemap(), ["battle"])
    names = '[{"text":"{{ 7*7 }} {% raw %}"}]'
    groups = feature_groups(EventLayers((), "[]", "[]", names))
    js = "".join(_get_feature_group_string(fg, m, idx=i) for i, fg in enumerate(groups))
    assert '"{{ 7*7 }} {% raw %}"' in js and "49" not in js


def test_no_ring_for_a_country():
    data = load_map_events(None, None)
    layers = layers_from_records(data.index.visible(date(2013, 6, 5), View.CUMULATIVE))
    names = {(g.lat, g.lon): g.place_name for g in layers.groups}
    ringed = {names[(r["lat"], r["lon"])] for r in json.loads(layers.rings_json)}
    assert "Lebanon" in names.values() and "Syria" in names.values()
    assert "Lebanon" not in ringed and "Syria" not in ringed
    assert "Damascus" in ringed  # a city keeps its ring


def test_every_entry_past_or_present_carries_passage_source_and_link():
    data = load_map_events(None, None)
    row = data.events.loc[data.events["id"] == "offensive-launched@qusayr-district"].iloc[0]
    passage = int(row["passage"])
    for html in (row["popup_full"], row["popup_brief"]):
        link = f"/article?passage={passage}&amp;event=offensive-launched%40qusayr-district"
        assert f'href="{link}"' in html
        assert f"Read passage {passage} of the article" in html  # the number in the link
        assert "Reported by" in html and "<blockquote>" in html
    assert row["popup_brief"].startswith('<details class="ev-item ev-brief"')
