/* The event map in the browser: the day's markers, rings and labels drawn from JSON.
 *
 * Loaded once with the base map (geo/map/elements.py, QMap). L.qmap(map, offline,
 * overlays, options) defines window.__qmap: the builders the day's feature groups call
 * (q.update: only what differs from the previous step is redrawn), the popups (joined
 * from the popup table, whose entries were escaped by Jinja2 on the server), the step
 * ahead (q.stepAhead, at a click on the page's Previous/Next), the layer control, the
 * OpenStreetMap probe with its fallback to the offline basemap, the fullscreen button
 * and the mini map. All data arrives as JSON; nothing here evaluates text.
 */
L.qmap = function (map, offline, overlays, opts) {
    var osm = opts.osmUrl ? L.tileLayer(opts.osmUrl, {
        attribution: opts.osmAttribution, maxZoom: 19}) : null;
    var bases = {'Offline map (Natural Earth)': offline};
    if (osm) { bases['OpenStreetMap'] = osm; }
    var control = L.control.layers(bases, overlays, {collapsed: true}).addTo(map);
    // A press on the map gives it the keyboard focus without scrolling the page to it:
    // the page's scroll moved the map under the pointer between press and release, and
    // the click (on Show all, on a marker) was lost when the map's top was out of view.
    if (map.keyboard) {
        map.keyboard.disable();
        map.keyboard._onMouseDown = function () {
            if (!this._focused) { this._map.getContainer().focus({preventScroll: true}); }
        };
        map.keyboard.enable();
    }
    if (opts.bounds) {
        // No animation: streamlit-folium may centre the map on a selected event right
        // after this, and an animated fit would finish later and undo it.
        map.fitBounds(opts.bounds, {padding: [30, 30], maxZoom: opts.maxZoom,
                                    animate: false});
    }
    // The day's markers, rings and labels live in three groups made here, once: a step
    // only changes what is in them (q.update), so the reader's choices in the layer
    // control stay, and a marker that did not change is not redrawn.
    var groups = {markers: L.featureGroup().addTo(map), rings: L.featureGroup().addTo(map),
                  labels: L.featureGroup().addTo(map)};
    control.addOverlay(groups.markers, opts.names.markers);
    control.addOverlay(groups.rings, opts.names.rings);
    control.addOverlay(groups.labels, opts.names.labels);
    // Events off takes their rings and labels with them (and Events on brings back
    // those that were on): a ring or a name with no marker says nothing.
    // After the control's click is handled: it re-adds every overlay still ticked.
    var hiddenWith = null;
    map.on('overlayremove', function (e) {
        if (e.layer !== groups.markers) { return; }
        setTimeout(function () {
            hiddenWith = [groups.rings, groups.labels].filter(function (g) {
                return map.hasLayer(g); });
            hiddenWith.forEach(function (g) { map.removeLayer(g); });
        }, 0);
    });
    map.on('overlayadd', function (e) {
        if (e.layer !== groups.markers) { return; }
        setTimeout(function () {
            (hiddenWith || []).forEach(function (g) { map.addLayer(g); });
            hiddenWith = null;
        }, 0);
    });
    var q = window.__qmap = {map: map, control: control, osm: osm, offline: offline,
                             groups: groups, online: null, day: null,
                             // version: how many times the markers were updated; drawnAt:
                             // when the frame showing them was painted; reopened: the
                             // version whose picked popup was opened (tests, benchmark).
                             version: 0, drawnAt: null, reopened: 0};
    var shown = {markers: {}, rings: {}, labels: {}};  // key -> {sig, layer}
    // The popup table: every event's popup entries ([full, brief] HTML, escaped on the
    // server), by row number. Markers name rows (d.popup). The curated seed's table is a
    // public static file fetched once (opts.popupsUrl); a reader's own article sends the
    // entries its markers need with each step (q.addPopups), to that reader only.
    var store = window.__qmapData = window.__qmapData || {};
    var table = null;
    if (opts.popupsUrl) {
        store.popups = fetch(opts.popupsUrl).then(function (r) {
            if (!r.ok) { throw new Error('popup table: HTTP ' + r.status); }
            return r.json(); });
        store.popups = store.popups.catch(function (err) {
            console.warn('popup texts left out', err); return []; });
    } else {
        table = {};
        store.popups = Promise.resolve(table);
    }
    store.popups.then(function (t) { table = t; });
    q.addPopups = function (entries) {
        if (!table) { table = {}; }
        for (var row in entries) { table[row] = entries[row]; }
    };
    // The popup of one marker: its place, then the entries of the rows it names.
    function popupHtml(p) {
        var parts = [p.head];
        function add(row, which, selected) {
            var entry = table[row];
            if (!entry) { return; }
            parts.push(selected ? entry[which].replace('class="ev-item',
                                                       'class="ev-item ev-selected')
                                : entry[which]);
        }
        if (p.sel !== null) { add(p.sel, 0, true); }
        p.full.forEach(function (row) { add(row, 0, false); });
        p.brief.forEach(function (row) { add(row, 1, false); });
        if (p.more) {
            parts.push('<p class="ev-more">and ' + p.more + ' earlier event(s) here</p>');
        }
        return '<div class="ev-popup">' + parts.join('') + '</div>';
    }
    // Leaflet asks for the content each time the popup opens; before the table has
    // arrived (the first second of a large file) it shows the place and fills in after.
    function popupContent(m, p) {
        // No wider than the map (a phone's map is ~360 px wide): the popup scrolls inside.
        // Its frame adds ~44 px to the content, and autopan keeps 44 px left of it (the
        // zoom buttons) and 30 px right: all of it fits beside them.
        var popup = m.getPopup(), room = map.getSize().x - 120;
        popup.options.maxWidth = Math.max(160, Math.min(380, room));
        popup.options.minWidth = Math.min(260, popup.options.maxWidth);
        popup.options.maxHeight = Math.max(160, Math.min(360, map.getSize().y - 110));
        if (table) { return popupHtml(p); }
        store.popups.then(function () {
            if (m.isPopupOpen()) { m.setPopupContent(popupHtml(p)); }
        });
        return '<div class="ev-popup">' + p.head + '<p>Loading…</p></div>';
    }
    function make(kind, d) {
        // A count bubble of markers aggregated by zoom (static/qcluster.js).
        if (d.cluster) { return L.qmap.clusterMarker(map, d); }
        if (kind === 'markers') {
            var m = L.marker([d.lat, d.lon], {
                icon: L.divIcon({className: 'ev-icon', html: d.icon,
                                 iconSize: [26, 26], iconAnchor: [13, 13]}),
                title: d.title, alt: d.title, zIndexOffset: d.z, riseOnHover: true});
            m.bindPopup(function () { return popupContent(m, d.popup); },
                        {maxWidth: 380, minWidth: 260, autoPanPadding: [30, 30],
                         autoPanPaddingTopLeft: [44, 64]});  // clear of the controls
            return m;
        }
        if (kind === 'rings') {
            return L.circle([d.lat, d.lon], {radius: d.r, color: d.color,
                weight: 1.5, opacity: d.state === 'past' ? 0.35 : 0.8,
                dashArray: '4 4', fillColor: d.color,
                fillOpacity: d.state === 'past' ? 0.04 : 0.1, interactive: false});
        }
        return L.marker([d.lat, d.lon], {
            icon: L.divIcon({className: 'place-label ev-' + d.state, html: L.qmap.textOf(d.text),
                             iconSize: null, iconAnchor: [-16, 8]}),
            interactive: false, keyboard: false});
    }
    // Run fn once Leaflet's stylesheet applies: a popup laid out before it would keep
    // the wrong width, and its tip would point beside its marker.
    function whenStyled(fn) {
        var link = document.querySelector('link[href*="leaflet.css"]');
        if (!link || link.sheet) { fn(); } else { link.addEventListener('load', fn); }
    }
    // Replace the content of one group by ``data`` (a list of plain objects from Python),
    // keeping the layers whose data did not change.
    q.update = function (kind, data) {
        var group = groups[kind], old = shown[kind], next = {}, opened = null;
        for (var i = 0; i < data.length; i++) {
            var d = data[i];
            var key = d.lat + ',' + d.lon + (kind === 'rings' ? ',' + d.r : '');
            var sig = kind === 'markers'
                ? [d.icon, JSON.stringify(d.popup), d.title, d.z].join('\u0000')
                : kind === 'rings' ? d.color + d.state : d.text + d.state;
            var have = old[key];
            delete old[key];
            if (!have || have.sig !== sig) {
                if (have) { group.removeLayer(have.layer); }
                have = {sig: sig, layer: make(kind, d)};
                group.addLayer(have.layer);
            }
            if (kind === 'markers') {
                have.layer.eventIds = d.event_ids;
                have.layer.qState = d.state;
                have.layer.qName = d.name;
                if (d.open) { opened = have.layer; }
            }
            next[key] = have;
        }
        for (var gone in old) { group.removeLayer(old[gone].layer); }
        shown[kind] = next;
        if (kind === 'markers') {
            q.version += 1;
            requestAnimationFrame(function () {
                setTimeout(function () { q.drawnAt = Date.now(); }, 0); });
            // A new day moves the camera to it (animated, unless it is the first day
            // drawn or a picked event's popup opens); the reader's own zoom and pan
            // stay until the next step.
            var newDay = q.day !== followed;
            var animate = followed !== undefined && !opened;
            followed = q.day;
            if (newDay || opened) {
                setTimeout(function () { whenStyled(function () {
                    if (newDay && q.camera && q.camera.day === q.day) { q.restore(); }
                    else if (newDay) { q.follow(animate); }
                    if (opened) {  // the reader picked it: centre it and open its popup
                        cameraMove = true;
                        map.setView(opened.getLatLng(), map.getZoom(), {animate: false});
                        opened.openPopup();
                        q.reopened = q.version;
                    }
                }); }, 0);
            }
        }
        q.declutter();
    };

    // --- the camera -----------------------------------------------------------------
    var followed;  // the day the camera last went to
    function dayMarkers() {
        var today = [], past = [];
        groups.markers.eachLayer(function (m) {
            (m.qState === 'past' ? past : today).push(m);
        });
        return {today: today, past: past};
    }
    // Places far from the rest (Tehran seen from the Levant): more than FAR_KM from the
    // middle of the day's places and several times further than most of them.
    var FAR_KM = 600;
    function splitFar(marks, centre) {
        if (!marks.length) { return {near: [], far: []}; }
        if (!centre) {
            var lats = marks.map(function (m) { return m.getLatLng().lat; }).sort(num);
            var lngs = marks.map(function (m) { return m.getLatLng().lng; }).sort(num);
            centre = L.latLng(lats[lats.length >> 1], lngs[lngs.length >> 1]);
        }
        var dist = marks.map(function (m) { return centre.distanceTo(m.getLatLng()); });
        var sorted = dist.slice().sort(num), typical = sorted[sorted.length >> 1];
        var limit = Math.max(FAR_KM * 1000, 4 * typical);
        var out = {near: [], far: [], centre: centre};
        marks.forEach(function (m, i) { (dist[i] > limit ? out.far : out.near).push(m); });
        return out;
    }
    function num(a, b) { return a - b; }
    // Room kept free around the day's places: the controls, and the legend while it is
    // open (on the side, left or bottom, that leaves the larger area to the places, with
    // a margin for markers moved apart).
    function padding() {
        var size = map.getSize(), w = size.x;
        var pad = {paddingTopLeft: [44, 44],
                   paddingBottomRight: [Math.min(120, Math.round(w * 0.2)), 36]};
        var open = map.getContainer().querySelector('.ev-legend details[open]');
        if (open) {
            var box = open.closest('.ev-legend').getBoundingClientRect(), m = 44;
            if ((size.x - box.width) * size.y >= size.x * (size.y - box.height)) {
                pad.paddingTopLeft[0] = Math.round(box.width + m);
            } else {
                pad.paddingBottomRight[1] = Math.round(box.height + m);
            }
        }
        return pad;
    }
    function boundsOf(marks) {
        return L.latLngBounds(marks.map(function (m) { return m.getLatLng(); }));
    }
    // Fit the day's places (and, up to the day, the earlier ones when they fit nearly as
    // closely), never closer than a town's scale; far places get an arrow at the edge.
    q.follow = function (animate) {
        var d = dayMarkers(), lead = d.today.length ? d.today : d.past;
        if (!lead.length || !map.getSize().x) { q.cameraDay = q.day; q.edges(); return; }
        var split = splitFar(lead), near = split.near.length ? split.near : lead;
        var pad = padding(), bounds = boundsOf(near);
        var zoom = Math.min(map.getBoundsZoom(bounds, false, pad.paddingTopLeft
            .map(function (v, i) { return v + pad.paddingBottomRight[i]; })), opts.followMaxZoom);
        if (lead === d.today && d.past.length) {
            var earlier = splitFar(d.past, split.centre).near;
            var wider = L.latLngBounds(bounds.getSouthWest(), bounds.getNorthEast());
            earlier.forEach(function (m) { wider.extend(m.getLatLng()); });
            var both = pad.paddingTopLeft.map(function (v, i) {
                return v + pad.paddingBottomRight[i]; });
            if (map.getBoundsZoom(wider, false, both) >= zoom - 1) { bounds = wider; }
        }
        q.cameraDay = null;  // set when the camera has arrived (tests wait for it)
        var day = q.day;
        map.once('moveend', function () { q.cameraDay = day; });
        cameraMove = true;
        map.fitBounds(bounds, L.extend({maxZoom: opts.followMaxZoom, animate: !!animate,
                                        duration: 0.4}, pad));
        q.edges();
    };
    // A view from the URL (the reader's own, shared): restored instead of the fit.
    q.restore = function () {
        var c = q.camera, day = q.day;
        q.cameraDay = null;
        map.once('moveend', function () { q.cameraDay = day; });
        cameraMove = true;
        map.setView([c.lat, c.lon], c.zoom, {animate: false});
        q.edges();
    };
    // The reader's own zoom and pan go to the address bar (?zoom=&center=), so a copied
    // link restores them; the camera's moves do not (the day implies them), and the
    // page's next step writes an address without them.
    var cameraMove = false;
    map.on('moveend', function () {
        if (cameraMove) { cameraMove = false; return; }
        try {
            var win = window.parent, params = new URLSearchParams(win.location.search);
            var c = map.getCenter();
            params.set('zoom', String(map.getZoom()));
            params.set('center', c.lat.toFixed(4) + ',' + c.lng.toFixed(4));
            win.history.replaceState(win.history.state, '',
                                     win.location.pathname + '?' + params.toString());
        } catch (err) { /* another origin: the address stays as the page wrote it */ }
    });
    // Opening the legend makes room for it (the camera fits the day again beside it).
    document.addEventListener('toggle', function (e) {
        if (e.target.closest && e.target.closest('.ev-legend') && e.target.open) {
            q.follow(true);
        }
    }, true);
    // "Show all": every marker drawn, far ones included.
    q.showAll = function () {
        var all = [];
        groups.markers.eachLayer(function (m) { all.push(m); });
        if (all.length) {
            map.fitBounds(boundsOf(all), L.extend({maxZoom: opts.followMaxZoom}, padding()));
        }
    };
    // Arrows at the map's edge pointing at the day's markers out of view, named; a click
    // brings the place into view and opens its popup.
    var edgeBox = L.DomUtil.create('div', 'qmap-edges', map.getContainer());
    L.DomEvent.disableClickPropagation(edgeBox);
    q.edges = function () {
        edgeBox.textContent = '';
        var size = map.getSize(), view = map.getBounds(), n = 0;
        if (!map.hasLayer(groups.markers)) { return; }
        // An arrow that would fall on the open legend goes just above it.
        var open = map.getContainer().querySelector('.ev-legend details[open]'), lg = null;
        if (open) {
            var r = open.closest('.ev-legend').getBoundingClientRect();
            var c = map.getContainer().getBoundingClientRect();
            lg = {x0: r.left - c.left, x1: r.right - c.left, y0: r.top - c.top};
        }
        dayMarkers().today.forEach(function (m) {
            if (n >= 12 || view.contains(m.getLatLng())) { return; }
            n += 1;
            var p = map.latLngToContainerPoint(m.getLatLng());
            var cx = size.x / 2, cy = size.y / 2, dx = p.x - cx, dy = p.y - cy;
            var k = Math.min((cx - 70) / Math.max(Math.abs(dx), 1),
                             (cy - 40) / Math.max(Math.abs(dy), 1));
            var a = L.DomUtil.create('button', 'qmap-edge', edgeBox);
            a.type = 'button';
            var arrow = L.DomUtil.create('span', 'qmap-edge-arrow', a);
            arrow.textContent = '\u279c';
            arrow.style.transform = 'rotate(' + Math.atan2(dy, dx) + 'rad)';
            var name = m.qName || m.options.title || '';
            var km = Math.round(map.getCenter().distanceTo(m.getLatLng()) / 1000);
            L.DomUtil.create('span', 'qmap-edge-name', a).textContent = name;
            a.title = name + ' (' + km + ' km away): show it';
            a.setAttribute('data-title', m.options.title || '');
            var x = Math.round(cx + dx * k), y = Math.round(cy + dy * k);
            if (lg && x + 70 > lg.x0 && x - 70 < lg.x1 && y + 12 > lg.y0) { y = lg.y0 - 16; }
            a.style.left = x + 'px';
            a.style.top = y + 'px';
            L.DomEvent.on(a, 'click', function () {
                map.setView(m.getLatLng(), Math.min(map.getZoom(), opts.followMaxZoom));
                m.openPopup();
            });
        });
    };
    map.on('moveend zoomend resize overlayadd overlayremove', function () { q.edges(); });
    // An open popup is read in full: the arrows (above the map's panes) step aside.
    map.on('popupopen', function () { edgeBox.style.display = 'none'; });
    map.on('popupclose', function () { edgeBox.style.display = ''; });
    // Previous and Next are the page's buttons, outside this frame. When the rerun they
    // start will show a day whose layers came with this one (q.ahead), draw them at the
    // click: the rerun then brings the same layers and changes nothing. Anything else
    // (no layers ahead, a disabled button, no access to the page) waits for the rerun.
    // A step ahead names the items (markers, an aggregated layer's spots, rings, labels)
    // it shares with the day the page sent last (q.sent) by their position there, a
    // number (geo.map.layers.ahead_json): most places do not change from day to day.
    q.ahead = null;
    q.sent = {};
    function withItems(kind, data) {
        var sent = q.sent[kind];
        var base = Array.isArray(sent) ? sent : (sent && sent.agg ? sent.agg.spots : []);
        function resolve(list) {
            return list.map(function (x) { return typeof x === 'number' ? base[x] : x; });
        }
        if (Array.isArray(data)) { return resolve(data); }
        if (data && data.agg) {
            return {agg: L.extend({}, data.agg, {spots: resolve(data.agg.spots)})};
        }
        return data;
    }
    q.stepAhead = function (direction) {
        var next = q.ahead && q.ahead[direction];
        if (!next) { return false; }
        q.ahead = null;  // one step per rerun: the next click waits for fresh layers
        q.day = next.day;
        q.update('rings', withItems('rings', next.rings));
        q.update('markers', withItems('markers', next.markers));
        q.update('labels', withItems('labels', next.labels));
        return true;
    };
    try {
        var page = window.parent.document;
        var onClick = function (e) {
            if (!window.frameElement || !window.frameElement.isConnected) {
                page.removeEventListener('click', onClick, true);  // this map is gone
                return;
            }
            var button = e.target && e.target.closest ? e.target.closest('button') : null;
            if (!button || button.disabled) { return; }
            // The buttons' containers carry Streamlit's st-key-<key> class (stable hooks;
            // the labels may change).
            for (var direction in opts.stepKeys) {
                if (button.closest('.st-key-' + opts.stepKeys[direction])) {
                    q.stepAhead(direction);
                    return;
                }
            }
        };
        page.addEventListener('click', onClick, true);
        // Keys on the page: left/right arrows step (a click on Previous/Next, so the step
        // is drawn at once), space plays or pauses, Escape closes the popup. Not while
        // the reader types or works a widget that takes these keys itself.
        var keyTargets = {ArrowLeft: 'previous', ArrowRight: 'next', ' ': 'play'};
        var onKey = function (e) {
            if (!window.frameElement || !window.frameElement.isConnected) {
                page.removeEventListener('keydown', onKey, true);
                return;
            }
            if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) { return; }
            var t = e.target || {};
            if (t.closest && t.closest('input, textarea, select, button, [role="slider"], '
                                       + '[role="radio"], [contenteditable="true"]')) {
                return;
            }
            if (e.key === 'Escape') { map.closePopup(); return; }
            var which = keyTargets[e.key];
            var button = which && page.querySelector('.st-key-' + opts.stepKeys[which]
                                                     + ' button');
            if (!button) { return; }
            e.preventDefault();
            if (!button.disabled) { button.click(); }
        };
        page.addEventListener('keydown', onKey, true);
    } catch (err) { /* another origin: steps wait for the rerun */ }
    // The same keys while the map itself has the focus (its own arrows pan it).
    document.addEventListener('keydown', function (e) {
        if (e.key === 'Escape') { map.closePopup(); }
    });

    // The markers drawn now: position and event ids (for tests and curious readers).
    q.markers = function () {
        var out = [];
        if (map.hasLayer(groups.markers)) {
            groups.markers.eachLayer(function (m) {
                var p = m.getLatLng();
                out.push({lat: p.lat, lng: p.lng, ids: m.eventIds || [],
                          title: m.options.title});
            });
        }
        return out;
    };

    // Place labels go right of their marker, else left, above or below, wherever they
    // cover no marker and no label placed before them (the data lists the day's places
    // first); a label with no free spot is hidden (the marker's tooltip still names it).
    // Runs once per frame however often it is asked for (each added group asks).
    var declutterQueued = false;
    q.declutter = function () {
        if (declutterQueued) { return; }
        declutterQueued = true;
        requestAnimationFrame(function () { declutterQueued = false; declutter(); });
    };
    // Markers that would overlap are moved apart, each icon to the first free spot on a
    // ring around its place, with a leader line back to the place: every marker stays one
    // click away. The most important (selected, the day's) keep their place. Busy maps
    // (hundreds of markers) are left as they are.
    var SPREAD_MAX = 300, spots = [[0, 0]];
    [[32, 8], [60, 12], [88, 16]].forEach(function (ring) {
        for (var i = 0; i < ring[1]; i++) {
            var t = -Math.PI / 2 + 2 * Math.PI * i / ring[1];
            spots.push([Math.round(ring[0] * Math.cos(t)), Math.round(ring[0] * Math.sin(t))]);
        }
    });
    var offsets = {};  // "lat,lon" -> [dx, dy] of the marker drawn there
    function setOffset(mk, off) {
        var el = mk.getElement();
        mk.qOffset = off;
        if (!el) { return; }
        el.style.marginLeft = (off[0] - 13) + 'px';
        el.style.marginTop = (off[1] - 13) + 'px';
        var line = el.querySelector('.qmap-leader');
        if (!off[0] && !off[1]) { if (line) { line.remove(); } return; }
        if (!line) {
            line = L.DomUtil.create('span', 'qmap-leader', el);
            L.DomUtil.create('span', 'qmap-leader-dot', line);
        }
        line.style.width = Math.round(Math.sqrt(off[0] * off[0] + off[1] * off[1])) + 'px';
        line.style.transform = 'rotate(' + Math.atan2(-off[1], -off[0]) + 'rad)';
    }
    function spread() {
        var list = [];
        offsets = {};
        if (!map.hasLayer(groups.markers)) { return; }
        groups.markers.eachLayer(function (mk) { list.push(mk); });
        if (list.length > SPREAD_MAX) {
            list.forEach(function (mk) { if (mk.qOffset) { setOffset(mk, [0, 0]); } });
            return;
        }
        list.sort(function (a, b) { return b.options.zIndexOffset - a.options.zIndexOffset; });
        var placed = [];
        list.forEach(function (mk) {
            var p = map.latLngToLayerPoint(mk.getLatLng()), off = [0, 0];
            for (var k = 0; k < spots.length; k++) {
                var x = p.x + spots[k][0], y = p.y + spots[k][1], ok = true;
                for (var j = 0; j < placed.length && ok; j++) {
                    ok = Math.abs(placed[j][0] - x) >= 31 || Math.abs(placed[j][1] - y) >= 31;
                }
                if (ok) { off = spots[k]; break; }
            }
            placed.push([p.x + off[0], p.y + off[1]]);
            var ll = mk.getLatLng();
            offsets[ll.lat + ',' + ll.lng] = off;
            if (!mk.qOffset || mk.qOffset[0] !== off[0] || mk.qOffset[1] !== off[1]) {
                setOffset(mk, off);
            }
        });
    }
    function offsetAt(ll) { return offsets[ll.lat + ',' + ll.lng] || [0, 0]; }
    function declutter() {
        spread();
        var labels = groups.labels, events = groups.markers;
        if (!labels || !map.hasLayer(labels)) { return; }
        var taken = [];
        if (events && map.hasLayer(events)) {
            events.eachLayer(function (mk) {
                var p = map.latLngToLayerPoint(mk.getLatLng()), o = offsetAt(mk.getLatLng());
                p = L.point(p.x + o[0], p.y + o[1]);
                taken.push([p.x - 14, p.y - 18, p.x + 22, p.y + 14]);  // icon and count badge
            });
        }
        function free(b) {
            for (var k = 0; k < taken.length; k++) {
                var t = taken[k];
                if (b[0] < t[2] && b[2] > t[0] && b[1] < t[3] && b[3] > t[1]) { return false; }
            }
            return true;
        }
        // All writes, then all reads, then all writes: one layout instead of one per label.
        var items = [];
        labels.eachLayer(function (lb) {
            var el = lb.getElement();
            if (el) { el.style.display = ''; items.push({lb: lb, el: el}); }
        });
        items.forEach(function (it) { it.w = it.el.offsetWidth; it.h = it.el.offsetHeight; });
        items.forEach(function (it) {
            var w = it.w, h = it.h, p = map.latLngToLayerPoint(it.lb.getLatLng());
            var o = offsetAt(it.lb.getLatLng());  // beside the marker, where it was moved
            // Right of the icon and its count badge, left, above, below.
            var spots = [[24, -h / 2], [-16 - w, -h / 2], [-w / 2, -19 - h], [-w / 2, 16]];
            for (var k = 0; k < spots.length; k++) {
                var sx = spots[k][0] + o[0], sy = spots[k][1] + o[1];
                var x = p.x + sx, y = p.y + sy, b = [x, y, x + w, y + h];
                if (free(b)) {
                    it.el.style.marginLeft = sx + 'px';
                    it.el.style.marginTop = sy + 'px';
                    it.el.classList.remove('ev-hidden');
                    taken.push(b);
                    return;
                }
            }
            it.el.style.display = 'none';
            it.el.classList.add('ev-hidden');
        });
    }
    map.on('zoomend overlayadd viewreset', q.declutter);

    // OpenStreetMap when reachable: probe one tile; on success switch the base layer,
    // and fall back to the offline look if tiles start failing.
    if (osm) {
        var errors = 0;
        osm.on('tileerror', function () {
            errors += 1;
            if (errors >= 3 && map.hasLayer(osm)) {
                map.removeLayer(osm); map.addLayer(offline); q.online = false;
            }
        });
        var probe = new Image();
        probe.onload = function () {
            q.online = true;
            if (map.hasLayer(offline)) { map.removeLayer(offline); map.addLayer(osm); }
        };
        probe.onerror = function () { q.online = false; };
        probe.src = opts.probeUrl;
    }

    // Fullscreen (browser Fullscreen API on the map's container).
    var Full = L.Control.extend({
        options: {position: 'topleft'},
        onAdd: function () {
            var box = L.DomUtil.create('div', 'leaflet-bar leaflet-control');
            var a = L.DomUtil.create('a', 'qmap-button', box);
            a.href = '#'; a.title = 'Full screen'; a.setAttribute('role', 'button');
            a.setAttribute('aria-label', 'Full screen');
            a.innerHTML = '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" '
                + 'style="vertical-align:middle"><path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" '
                + 'fill="none" stroke="#333" stroke-width="2"/></svg>';
            L.DomEvent.on(a, 'click', function (e) {
                L.DomEvent.preventDefault(e); L.DomEvent.stopPropagation(e);
                var c = map.getContainer();
                if (document.fullscreenElement) { document.exitFullscreen(); }
                else if (c.requestFullscreen) { c.requestFullscreen(); }
            });
            return box;
        }
    });
    new Full().addTo(map);
    var ShowAll = L.Control.extend({
        options: {position: 'topleft'},
        onAdd: function () {
            var box = L.DomUtil.create('div', 'leaflet-bar leaflet-control');
            var a = L.DomUtil.create('a', 'qmap-button qmap-show-all', box);
            a.href = '#'; a.title = 'Show all the markers'; a.setAttribute('role', 'button');
            a.setAttribute('aria-label', 'Show all');
            a.textContent = '\u2922';
            L.DomEvent.on(a, 'click', function (e) {
                L.DomEvent.preventDefault(e); L.DomEvent.stopPropagation(e);
                q.showAll();
            });
            return box;
        }
    });
    new ShowAll().addTo(map);
    document.addEventListener('fullscreenchange', function () { map.invalidateSize(); });

    // Mini map: a second small Leaflet map showing where the main view lies.
    var Mini = L.Control.extend({
        options: {position: 'bottomright'},
        onAdd: function () {
            var div = L.DomUtil.create('div', 'qmap-minimap leaflet-control');
            L.DomEvent.disableClickPropagation(div);
            return div;
        }
    });
    var mini = new Mini().addTo(map);
    function buildMinimap() {
        var mm = L.map(mini.getContainer(), {attributionControl: false, zoomControl: false,
            dragging: false, scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false,
            keyboard: false, touchZoom: false, fadeAnimation: false, zoomAnimation: false,
            center: map.getCenter(), zoom: Math.max(map.getZoom() - 4, 0)});
        mm.getContainer().style.background = '#c9dcea';
        var land = L.geoJSON(null, {interactive: false, style: {color: '#9c9383',
            weight: 0.5, fillColor: '#f1ede3', fillOpacity: 1}}).addTo(mm);
        window.__qmapData.countries.then(function (d) { land.addData(d); land.bringToBack(); })
            .catch(function () {});
        var box = L.rectangle(map.getBounds(), {color: '#b3261e', weight: 1.5,
            fillOpacity: 0.1, interactive: false}).addTo(mm);
        function sync() {
            mm.setView(map.getCenter(), Math.max(map.getZoom() - 4, 0), {animate: false});
            box.setBounds(map.getBounds());
        }
        map.on('moveend zoomend resize', sync);
        q.minimap = mm;
    }
    // After the main map has its size (the component sets the frame height later).
    // None in a narrow window (a phone, under 700 px): it would cover a good part of the
    // map. The rule is on the browser window's width (the page's), not on this frame's,
    // which is narrower than the window beside the list; it holds again on a resize.
    function pageWidth() {
        try { return window.parent.innerWidth; } catch (err) { return window.innerWidth; }
    }
    function fitMinimap() {
        var wide = pageWidth() >= 700;
        mini.getContainer().style.display = wide ? '' : 'none';
        if (wide && !q.minimap) {
            try { buildMinimap(); } catch (err) { console.warn('minimap left out', err); }
        }
        if (wide && q.minimap) { q.minimap.invalidateSize(); }
    }
    map.whenReady(function () { setTimeout(fitMinimap, 0); });
    try { window.parent.addEventListener('resize', fitMinimap); } catch (err) { /* ok */ }
    return q;
};

// A label's element: the name as text, never as HTML.
L.qmap.textOf = function (text) {
    var el = document.createElement('span');
    el.textContent = text;
    return el;
};

// One non-interactive layer of the offline basemap, filled when its data arrives.
// Its own pane under the markers' (overlayPane, z 400): the layers arrive after the
// day's rings, and the opaque land would otherwise cover them. The data's promise is
// kept in window.__qmapData[name] (the mini map reads the countries from it).
L.qmap.baseLayer = function (map, group, name, style, data) {
    if (!map.getPane('qmapBase')) { map.createPane('qmapBase').style.zIndex = 350; }
    var layer = L.geoJSON(null, {interactive: false, style: style, pane: 'qmapBase'})
        .addTo(group);
    var store = window.__qmapData = window.__qmapData || {};
    store[name] = data;
    data.then(function (d) {
        layer.addData(d);
        // The land's fill goes under the lines, whichever file arrives first.
        if (name === 'countries') { layer.bringToBack(); }
    }).catch(function (err) { console.warn('basemap layer left out', err); });
    return layer;
};

// Country and city names of the basemap (rows [name, lat, lon, min_zoom, kind], placed
// without overlap in geo.basemap): only those whose min_zoom the map has reached and that
// lie in the view are on the map, and a city's name gives way to the events' own markers
// and labels near it. Text via textContent.
L.qmap.placeLabels = function (map, group, data) {
    var rows = [], shown = {}, queued = false;
    function label(r) {
        var el = L.qmap.textOf(r[0]);
        el.className = r[4] === 'country' ? 'country-label'
            : 'ne-place' + (r[4] === 'capital' ? ' ne-capital' : '');
        return L.marker([r[1], r[2]], {icon: L.divIcon({className: '', html: el,
            iconSize: null}), interactive: false, keyboard: false, neLabel: true});
    }
    function giveWay() {  // city names give way to the events, country names move aside
        var q = window.__qmap, pts = [];
        if (q && q.groups && map.hasLayer(q.groups.markers)) {
            q.groups.markers.eachLayer(function (mk) {
                pts.push(map.latLngToLayerPoint(mk.getLatLng()));
            });
        }
        function clear(x0, y0, x1, y1) {  // no event marker or its label there
            for (var k = 0; k < pts.length; k++) {
                var m = pts[k];
                if (x0 < m.x + 110 && m.x - 16 < x1 && y0 < m.y + 16 && m.y - 20 < y1) {
                    return false;
                }
            }
            return true;
        }
        for (var i in shown) {
            var r = rows[i], el = shown[i].getElement();
            if (!el) { continue; }
            var p = map.latLngToLayerPoint([r[1], r[2]]), inner = el.firstChild;
            if (r[4] === 'country') {  // a country's name moves aside instead
                var w = 4.3 * r[0].length, dy = [0, 20, -20, 40, -40].find(function (d) {
                    return clear(p.x - w, p.y + d - 7, p.x + w, p.y + d + 7);
                });
                inner.style.transform = 'translate(-50%, calc(-50% + '
                    + (dy === undefined ? 0 : dy) + 'px))';
                continue;
            }
            el.style.display = clear(p.x - 4, p.y - 8, p.x + 10 + 6.4 * r[0].length,
                                     p.y + 8) ? '' : 'none';
        }
    }
    function refresh() {
        var z = map.getZoom(), view = map.getBounds().pad(0.2);
        for (var i = 0; i < rows.length; i++) {
            var r = rows[i], want = r[3] <= z && view.contains([r[1], r[2]]);
            if (want && !shown[i]) { shown[i] = label(r); group.addLayer(shown[i]); }
            else if (!want && shown[i]) { group.removeLayer(shown[i]); delete shown[i]; }
        }
        giveWay();
    }
    function later() {
        if (queued) { return; }
        queued = true;
        requestAnimationFrame(function () { queued = false; giveWay(); });
    }
    var store = window.__qmapData = window.__qmapData || {};
    store.labels = data;
    data.then(function (d) {
        rows = d;
        map.on('zoomend moveend', refresh);
        map.on('layeradd layerremove', function (e) {
            if (!(e.layer.options && e.layer.options.neLabel)) { later(); }
        });
        refresh();
    }).catch(function (err) { console.warn('basemap labels left out', err); });
};
