"""The map's folium elements: its browser code, the basemap layers, legend and day data.

Written the way ``folium.plugins`` are: a class, its options passed to the template
only through ``tojson`` (or as JSON from ``safejson.js_json``), and its JavaScript and
CSS as static files (``static/qmap.js``, ``static/qmap.css``) served content-named from
Streamlit's static folder, like the vendored Leaflet (``geo.assets``).

Fullscreen and mini map: folium's ``Fullscreen`` and ``MiniMap`` plugins load
leaflet.fullscreen and leaflet-minimap from CDNs, which are out of reach here, and no
installed Python package ships those files (they are on npm only); so the map keeps its
own few lines for both (in ``qmap.js``) rather than vendoring third-party code.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.assets import STATIC_DIR, URL_PREFIX, write_content_named
from geo.basemap import Basemap
from geo.map.safejson import js_json

STATIC_SOURCE = Path(__file__).resolve().parent / "static"


@lru_cache(maxsize=4)
def qmap_assets(static_dir: Path = STATIC_DIR / "vendor" / "qmap",
                url_prefix: str = f"{URL_PREFIX}/qmap") -> dict[str, str]:  # fmt: skip
    """Copy ``qmap.js``/``qmap.css`` under ``static_dir`` by content; return kind -> URL.

    The name holds the content's digest: a changed file gets a new URL, so browsers may
    cache each one for good.
    """
    out = {}
    for stem, kind in (("qmap", "js"), ("qmap", "css"), ("qcluster", "js"), ("qcluster", "css")):
        source = (STATIC_SOURCE / f"{stem}.{kind}").read_text(encoding="utf-8")
        name = write_content_named(static_dir, stem, source, suffix=kind)
        out[kind if stem == "qmap" else f"{stem}_{kind}"] = f"{url_prefix}/{name}"
    return out


class _Raw(Element):
    """Ready-made text in the figure (branca would compile it as a Jinja template)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class FastMacro(MacroElement):
    """A MacroElement whose rendered parts are not compiled again as Jinja templates.

    branca's ``MacroElement.render`` wraps every rendered part in a new ``Template``, so
    the day's data (place names, in JSON) would be parsed as Jinja a second time: a
    ``{{ 7*7 }}`` in a name would be evaluated and ``{% raw %}`` would break the page
    (``tests/test_map.py::test_template_syntax_in_the_data_reaches_the_map_verbatim``).
    That is why it stays; speed is a lesser reason (measured on the seed's page, base map
    and day layers rendered: 16 ms median with this render, 18 ms with branca's; more
    when the basemap's GeoJSON is embedded rather than fetched).
    """

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        module = self._template.module.__dict__
        for part, target in (("header", figure.header), ("html", figure.html),
                             ("script", figure.script)):  # fmt: skip
            macro = module.get(part)
            if macro is not None:
                target.add_child(_Raw(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class QMap(JSCSSMixin, FastMacro):
    """The map's browser code: day layers, popups, step ahead, layer control, furniture.

    Parameters
    ----------
    offline : folium.FeatureGroup
        The Natural Earth base layer (the base layer while tiles are out of reach).
    overlays : dict[str, folium.FeatureGroup]
        Overlays for the layer control besides the day's groups (borders, names).
    options : dict
        ``osmUrl``, ``osmAttribution``, ``probeUrl`` (None when tiles are off),
        ``bounds`` (``[[s, w], [n, e]]`` or None), ``maxZoom``, ``names`` (the day's
        groups in the layer control), ``popupsUrl`` (the seed's popup table, or None:
        popups come with the steps), ``stepKeys`` (direction -> Streamlit key of the
        Previous/Next buttons).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.qmap.aggregate(L.qmap(
            {{ this._parent.get_name() }},
            {{ this.offline.get_name() }},
            { {%- for name, layer in this.overlays.items() %}
                {{ name|tojson }}: {{ layer.get_name() }}{{ "," if not loop.last }}
            {%- endfor %} },
            {{ this.options|tojson }}
        ));
        {% endmacro %}
        """
    )

    def __init__(self, offline: folium.FeatureGroup, overlays: dict[str, folium.FeatureGroup],
                 options: dict[str, Any]):  # fmt: skip
        super().__init__()
        self._name = "QMap"
        self.offline = offline
        self.overlays = overlays
        self.options = options
        assets = qmap_assets()
        # qcluster: markers aggregated by zoom (geo.map.aggregate), over q.update.
        self.default_js = [("qmap", assets["js"]), ("qcluster", assets["qcluster_js"])]
        self.default_css = [("qmap_css", assets["css"]), ("qcluster_css", assets["qcluster_css"])]


class Legend(FastMacro):
    """The legend, bottom left.

    Parameters
    ----------
    html : str
        Its content, rendered with autoescape (``geo.map.build.legend_html``).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: 'bottomleft'});
            legend.onAdd = function () {
                var div = L.DomUtil.create('div', 'ev-legend');
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str):
        super().__init__()
        self._name = "Legend"
        self.html = html


class CountryLabels(FastMacro):
    """Country and city names on the basemap, as text (never HTML): ``L.qmap.placeLabels``.

    Parameters
    ----------
    rows : list[list]
        ``[name, lat, lon, min_zoom, kind]`` per label (``Basemap.label_rows``), embedded
        when ``url`` is None.
    url : str or None
        Where the browser fetches the rows (a static file), else embedded.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.qmap.placeLabels({{ this._parent._parent.get_name() }}, {{ this._parent.get_name() }},
            {% if this.url %}fetch({{ this.url|tojson }}).then(function (r) { return r.json(); })
            {% else %}Promise.resolve({{ this.data }}){% endif %});
        {% endmacro %}
        """
    )

    def __init__(self, rows: list[list[Any]], url: str | None = None):
        super().__init__()
        self._name = "CountryLabels"
        self.url = url
        self.data = None if url else js_json(rows)


class GeoJsonLayer(FastMacro):
    """A non-interactive GeoJSON layer from the basemap: fetched from ``url``, or embedded.

    folium's own GeoJson re-serialises the data and walks every coordinate for its
    bounds on each render (tens of milliseconds per rerun); this embeds the cached text,
    or, given a URL (``geo.basemap.install_static_basemap``), only the URL, and the
    browser fetches the file once. ``window.__qmapData[layer]`` is a promise of the
    layer's data either way (the mini map reads the countries from it).

    Parameters
    ----------
    basemap : Basemap
        The Natural Earth layers.
    layer : str
        Which one ("countries", "lakes", ...).
    url : str or None
        Where the browser fetches it; None embeds the data.
    **style
        Leaflet path options.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.qmap.baseLayer(
            {{ this._parent._parent.get_name() }}, {{ this._parent.get_name() }},
            {{ this.layer|tojson }}, {{ this.style }},
            {% if this.url %}fetch({{ this.url|tojson }}).then(function (r) { return r.json(); })
            {% else %}Promise.resolve({{ this.data }}){% endif %});
        {% endmacro %}
        """
    )

    def __init__(self, basemap: Basemap, layer: str, url: str | None = None, **style: Any):
        super().__init__()
        self._name = "GeoJsonLayer"
        self.layer = layer
        self.url = url
        self.data = None if url else basemap.as_json(layer).replace("<", "\\u003c")
        self.style = js_json(style)


class DataLayer(FastMacro):
    """Hands the day's data of one kind (markers, rings or labels) to the base map.

    Its feature group stays empty: it only carries this script to the browser, where
    ``window.__qmap.update`` puts the data into the base map's own groups, changing only
    what differs from the previous step.

    Parameters
    ----------
    kind : str
        "markers", "rings" or "labels".
    data_json : str
        The layer's JSON (``geo.map.layers.EventLayers``).
    day : str or None
        The day shown (with the markers): every step then reaches the map.
    ahead : str
        The steps ahead (``geo.map.layers.ahead_json``), with the markers.
    popups : str
        Popup entries ``{row: [full, brief]}`` as JSON (a reader's own article), or "".
    camera : str
        A view from the URL (``{"zoom", "lat", "lon", "day"}``) as JSON, or "".
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var q = window.__qmap;
            if (!q) { return; }
            {% if this.day %}q.day = {{ this.day|tojson }};{% endif %}
            {% if this.popups %}q.addPopups({{ this.popups }});{% endif %}
            {#- None ahead: an older day's steps ahead must not be drawn (they name items
                of the data they came with) -#}
            {% if this.kind == "markers" %}q.ahead = {{ this.ahead or "null" }};{% endif %}
            {% if this.camera %}q.camera = {{ this.camera }};{% endif %}
            var data = {{ this.data }};
            q.sent[{{ this.kind|tojson }}] = data;  // what steps ahead name items of
            q.update({{ this.kind|tojson }}, data);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, kind: str, data_json: str, day: str | None = None, ahead: str = "",
                 popups: str = "", camera: str = ""):  # fmt: skip
        super().__init__()
        self._name = "DataLayer"
        self.kind = kind
        self.data = data_json
        self.day = day
        self.ahead = ahead
        self.popups = popups
        self.camera = camera
