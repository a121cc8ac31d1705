"""The event map: a folium base map that never changes, and the day's markers as data.

Speed rests on one rule. streamlit-folium keeps the Leaflet map in the browser as long
as the base map's script is identical from one rerun to the next, and then only swaps
the layers passed as ``feature_group_to_add``. So the base map (``build.build_map``)
depends only on the basemap and the event categories, never on the selected day; the
day's markers are built by ``layers.layers_from_records`` as plain JSON (cacheable,
cheap to send) and wrapped in three small feature groups by ``build.feature_groups``.

Modules, by what they hold:

- ``popups``: each event's popup entries, rendered by Jinja2 with autoescape
  (``geo/templates/popup.html``); the popup table (a static file for the curated seed,
  step data for a reader's own article).
- ``layers``: the day's markers, rings and labels as JSON, grouped by place; the steps
  ahead.
- ``aggregate``: above 1,000 visible events, the markers aggregated by zoom (grid cells
  with counts, per zoom level); ``static/qcluster.js`` draws the level of the map's zoom.
- ``paging``: the day's list beside the map, a page at a time.
- ``bounds``: where the map opens.
- ``elements``: the folium elements (the map's browser code, basemap layers, legend,
  the day's data) and their static files.
- ``build``: the base map and the day's feature groups, for ``st_folium``.
- ``static/qmap.js``, ``static/qmap.css``: the map in the browser (``window.__qmap``).
- ``safejson``: JSON that is safe inside a ``<script>`` element.

Article text is untrusted: it becomes HTML only through autoescaping templates
(``geo.markup``) and reaches JavaScript only as JSON (``safejson.js_json``).
"""
