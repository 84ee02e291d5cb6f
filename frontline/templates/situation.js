{% macro script(this, kwargs) %}
/* The situation layer: places drawn on one canvas, clustered per zoom on the server.
   `d.places` rows are compact lists read by name: `F` (d.fields) gives each field's position
   (lat, lon, holder, state, ring, approximate, name, events, deliveries, changed), `S`
   (d.states) the state codes of frontline.vocabulary, `A` (d.actor_fields) the positions in
   `d.actors`; holder and ring are indexes into `d.actors`, -1 for none stated. Names arrive
   escaped. The map's container carries data-frontline-* counts once the markers are drawn,
   for tests and benchmarks. */
(function () {
  var group = {{ this._parent.get_name() }};
  var d = {{ this.data|tojson }};
  var F = d.fields, S = d.states, A = d.actor_fields, STATE_NAMES = {};
  Object.keys(S).forEach(function (name) { STATE_NAMES[S[name]] = name; });
  var renderer = null;  // one canvas, in a pane above the borders (made when the map is known)
  var built = {}, shown = null, map = null, routes = null;

  function colour(i) { return i < 0 ? {{ this.unknown|tojson }} : d.actors[i][A.color]; }
  function actor(i) { return i < 0 ? "not stated" : d.actors[i][A.name]; }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function tip(p) {
    var holder = p[F.holder], ring = p[F.ring], besieged = p[F.state] === S.besieged;
    var s = "<b>" + p[F.name] + "</b><br>"
      + (holder < 0 ? "holder not stated" : "held by " + actor(holder)) + " · " + STATE_NAMES[p[F.state]];
    if (ring >= 0) s += "<br>" + (besieged ? "besieged by " : "contested by ") + actor(ring);
    s += "<br>" + plural(p[F.events], "event", "events") + " to date";
    if (p[F.deliveries]) s += " · aid: " + plural(p[F.deliveries], "delivery", "deliveries");
    if (p[F.changed]) s += "<br><b>changed</b> since the comparison day";
    return s + "<br><i>click for its history and sources</i>";
  }

  function circle(at, options) { options.renderer = renderer; return L.circleMarker(at, options); }

  function addPlace(layer, p) {
    var at = [p[F.lat], p[F.lon]];
    if (p[F.changed]) circle(at, {radius: 19, weight: 3, color: "#000", fill: false, interactive: false}).addTo(layer);
    if (p[F.ring] >= 0) {
      circle(at, {radius: 14, weight: 3, fill: false, color: colour(p[F.ring]),
                  dashArray: p[F.state] === S.besieged ? "6 4" : "2 4", interactive: false}).addTo(layer);
    }
    circle(at, {radius: 9, weight: 1.5, color: "#222", fillColor: colour(p[F.holder]),
                fillOpacity: p[F.approximate] ? 0.55 : 0.95}).bindTooltip(tip(p)).addTo(layer);
    if (p[F.deliveries]) {
      circle(at, {radius: 3.5, weight: 1.5, color: "#fff", fillColor: "#007a3d", fillOpacity: 1,
                  interactive: false}).addTo(layer);
    }
  }

  function addCluster(layer, members, zoom) {
    var lat = 0, lon = 0, shares = {}, aid = 0, changed = 0;
    members.forEach(function (i) {
      var p = d.places[i];
      lat += p[F.lat]; lon += p[F.lon]; shares[p[F.holder]] = (shares[p[F.holder]] || 0) + 1;
      aid += p[F.deliveries] ? 1 : 0; changed += p[F.changed];
    });
    lat /= members.length; lon /= members.length;
    var order = Object.keys(shares).sort(function (a, b) { return shares[b] - shares[a]; });
    var stops = [], turn = 0, lines = [];
    order.forEach(function (k) {
      var end = turn + 360 * shares[k] / members.length;
      stops.push(colour(+k) + " " + turn + "deg " + end + "deg");
      lines.push(actor(+k) + ": " + shares[k]);
      turn = end;
    });
    var size = Math.round(Math.min(48, 24 + 7 * Math.log10(members.length)));
    var html = '<div class="frontline-cluster" style="position:relative;width:' + size + "px;height:"
      + size + "px;border-radius:50%;border:1px solid #222;box-sizing:border-box;background:conic-gradient("
      + stops.join(",") + ")" + (changed ? ";outline:3px solid #000" : "") + '">'
      + '<span style="position:absolute;inset:22%;border-radius:50%;background:#fff;display:flex;'
      + 'align-items:center;justify-content:center;font:bold 11px sans-serif;color:#222">'
      + members.length + "</span>"
      + (aid ? '<span style="position:absolute;right:-5px;top:-7px;color:#007a3d;font:bold 13px sans-serif">✚</span>' : "")
      + "</div>";
    var marker = L.marker([lat, lon], {icon: L.divIcon({html: html, className: "", iconSize: [size, size]})});
    marker.bindTooltip("<b>" + members.length + " places</b><br>" + lines.join("<br>")
      + (aid ? "<br>aid delivered to " + aid : "") + (changed ? "<br>" + changed + " changed" : "")
      + "<br><i>click to zoom in</i>");
    marker.on("click", function () { map.setView([lat, lon], Math.min(zoom + 2, d.last + 1)); });
    marker.addTo(layer);
  }

  function build(zoom) {
    var layer = L.featureGroup(), alone = d.places.length, level = d.levels[zoom - d.first];
    var clustered = new Uint8Array(d.places.length), clusters = level ? level.clusters : [];
    clusters.forEach(function (members) {
      members.forEach(function (i) { clustered[i] = 1; });
      alone -= members.length;
      addCluster(layer, members, zoom);
    });
    d.places.forEach(function (p, i) { if (!clustered[i]) addPlace(layer, p); });
    layer.frontlineCounts = {places: alone, clusters: clusters.length};
    return layer;
  }

  function show() {
    var zoom = Math.min(Math.max(map.getZoom(), d.first), d.last + 1);
    if (zoom === shown) return;
    if (shown !== null) group.removeLayer(built[shown]);
    built[zoom] = built[zoom] || build(zoom);
    group.addLayer(built[zoom]);
    shown = zoom;
    var box = map.getContainer(), counts = built[zoom].frontlineCounts;
    L.Util.requestAnimFrame(function () {
      box.dataset.frontlineTotal = d.places.length;
      box.dataset.frontlineChanged = d.places.filter(function (p) { return p[F.changed]; }).length;
      box.dataset.frontlinePlaces = counts.places;
      box.dataset.frontlineClusters = counts.clusters;
      box.dataset.frontlineDrawn = String(performance.now());
    });
  }

  function attach(target) {
    map = target;
    if (!map.getPane("frontline")) map.createPane("frontline").style.zIndex = 450;
    renderer = renderer || L.canvas({pane: "frontline", padding: 0.5, tolerance: 2});
    map._frontlineBounds = d.bounds;
    if (!routes) {
      routes = L.featureGroup();
      d.routes.forEach(function (r) {
        // not clickable: a click on the map selects places only
        L.polyline([[r[0], r[1]], [r[2], r[3]]], {renderer: renderer, color: "#007a3d", weight: 2,
          dashArray: "6 4", interactive: false}).addTo(routes);
      });
      group.addLayer(routes);
    }
    map.on("zoomend", show);
    show();
  }

  group.on("add", function () { attach(group._map); });
  group.on("remove", function () { if (map) map.off("zoomend", show); });
  if (group._map) attach(group._map);
})();
{% endmacro %}
