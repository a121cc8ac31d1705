/* Markers aggregated by zoom (geo/map/aggregate.py): many events, few markers.
 *
 * When a step's markers arrive as {agg: {spots, levels, spotsFrom, events}} instead of a
 * list, the map draws the level of its zoom: a place alone in its grid cell as its own
 * marker (popup as usual), several places as one bubble with their count. Each zoom
 * change draws that zoom's level through q.update, which keeps what did not change. A
 * click on a bubble zooms to its places. Counts are numbers; nothing here reads text.
 */
L.qmap.aggregate = function (q) {
    var map = q.map, plain = q.update, agg = null, shownLevel = null;
    function levelOf(zoom) {
        if (zoom >= agg.spotsFrom) { return 'spots'; }
        var z = Math.floor(zoom), lowest = Infinity;
        for (var key in agg.levels) { lowest = Math.min(lowest, +key); }
        return String(Math.max(z, lowest));
    }
    function bubble(e) {
        var n = e[2], today = e[3];
        var size = Math.round(Math.min(52, 30 + 6 * Math.log10(Math.max(n, 1))));
        var text = n >= 10000 ? Math.round(n / 1000) + 'k' : String(n);
        var icon = '<div class="qc-bubble ' + (today ? 'qc-today' : 'qc-past')
            + '" style="width:' + size + 'px;height:' + size + 'px">' + text
            + (today ? '<span class="qc-day">' + today + '</span>' : '') + '</div>';
        return {cluster: true, lat: e[0], lon: e[1], n: n, today: today, size: size,
                bounds: [[e[4], e[5]], [e[6], e[7]]], icon: icon,
                title: n + ' events at several places' + (today ? ', ' + today
                    + ' on this day' : '') + ': zoom in',
                name: n + ' events', state: today ? 'today' : 'past',
                z: today ? 1000 : 0, open: false, event_ids: [], popup: null};
    }
    function dataAt(level) {
        if (level === 'spots') { return agg.spots; }
        return agg.levels[level].map(function (e) {
            return typeof e === 'number' ? agg.spots[e] : bubble(e);
        });
    }
    // Draw the markers ``drawn`` and note each one's count on its layer (m.qCount).
    function draw(drawn) {
        var result = plain('markers', drawn), count = {};
        drawn.forEach(function (d) { count[d.lat + ',' + d.lon] = d.n; });
        q.groups.markers.eachLayer(function (m) {
            var p = m.getLatLng();
            m.qCount = count[p.lat + ',' + p.lng];
        });
        return result;
    }
    function drawLevel(level) {
        shownLevel = level;
        var drawn = dataAt(level);
        q.aggregated = {level: level, events: agg.events, markers: drawn.length};
        return draw(drawn);
    }
    q.aggregated = null;  // {level, events, markers}: what is drawn (tests, benchmark)
    q.update = function (kind, data) {
        if (kind !== 'markers') { return plain(kind, data); }
        agg = data && !Array.isArray(data) ? data.agg : null;
        if (!agg) { q.aggregated = null; shownLevel = null; return draw(data); }
        return drawLevel(levelOf(map.getZoom()));
    };
    map.on('zoomend', function () {
        if (agg && levelOf(map.getZoom()) !== shownLevel) { drawLevel(levelOf(map.getZoom())); }
    });
    // What each marker drawn stands for: {n, cluster} (tests: the counts add up).
    q.counts = function () {
        var out = [];
        q.groups.markers.eachLayer(function (m) {
            out.push({n: m.qCount, cluster: !!m.qCluster});
        });
        return out;
    };
};

// A bubble's marker: a click zooms to the box of its places (never past the level at
// which each place stands alone).
L.qmap.clusterMarker = function (map, d) {
    var half = Math.round(d.size / 2);
    var m = L.marker([d.lat, d.lon], {
        icon: L.divIcon({className: 'qc-icon', html: d.icon, iconSize: [d.size, d.size],
                         iconAnchor: [half, half]}),
        title: d.title, alt: d.title, zIndexOffset: d.z, riseOnHover: true});
    m.qCluster = true;
    m.qCount = d.n;
    m.on('click', function () {
        var box = L.latLngBounds(d.bounds);
        var zoom = Math.max(map.getBoundsZoom(box, false, L.point(80, 80)), map.getZoom() + 1);
        map.setView(box.getCenter(), Math.min(zoom, map.getMaxZoom()));
    });
    return m;
};
