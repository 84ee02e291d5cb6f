{% macro script(this, kwargs) %}
/* The situation layer: places drawn on one canvas, clustered per zoom (clusters.js), and the
   name of every place drawn alone as DOM text above it.
   `d.places` rows are compact lists read by name: `F` (d.fields) gives each field's position
   (lat, lon, holder, state, ring, approximate, name, events, deliveries, changed, first,
   pending, reported: the first report's date, given only where a tooltip says it), `S`
   (d.states) the state codes of frontline.vocabulary, `A` (d.actor_fields) the positions in
   `d.actors`; holder and ring are indexes into `d.actors`, -1 for none stated; `d.routes`
   pairs [origin in `d.route_origins`, destination in `d.places`]; `d.area_shapes` the
   estimated areas (GeoJSON, labels escaped) or null. Names arrive escaped (tooltips are HTML);
   labels unescape them and insert them as text.
   The marks never borrow an actor's colour for a state: the fill is the holder (hatched when
   the date is known only to the month or year; a hollow grey ring when no holder is stated;
   hollow and dashed when nothing is reported yet by the day); a dashed ring is a siege, a
   dotted one a contest (in the besieger's or contester's colour, grey if not stated); a magenta
   star a change since the comparison day, a hollow star a first report since then; a white
   "+" badge aid. The map's container carries data-frontline-* counts once the markers and
   labels are drawn, for tests and benchmarks. */
(function () {
  var group = {{ this._parent.get_name() }};
  var d = {{ this.payload }};
  var F = d.fields, S = d.states, A = d.actor_fields, STATE_NAMES = {};
  Object.keys(S).forEach(function (name) { STATE_NAMES[S[name]] = name; });
  var UNKNOWN = {{ this.unknown|tojson }}, MARK = {{ this.mark|tojson }}, OUTLINE = "#222";
  var renderer = null;  // one canvas, in a pane above the borders (made when the map is known)
  var built = {}, shown = null, map = null, routes = null, areaLayer = null, labels = {}, labelPane = null;

  function colour(i) { return i < 0 ? UNKNOWN : d.actors[i][A.color]; }
  function actor(i) { return i < 0 ? "not stated" : d.actors[i][A.name]; }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  var decoder = document.createElement("textarea");
  function text(escaped) { decoder.innerHTML = escaped; return decoder.value; }  // RCDATA: inert

  /* ---- marks: canvas shapes beside the circle (stars, a plus), and hatched fills ---- */
  var SHAPES = {
    star: function (ctx, x, y, r) {
      for (var k = 0; k < 10; k++) {
        var a = -Math.PI / 2 + k * Math.PI / 5, s = k % 2 ? r * 0.45 : r;
        ctx[k ? "lineTo" : "moveTo"](x + s * Math.cos(a), y + s * Math.sin(a));
      }
      ctx.closePath();
    },
    plus: function (ctx, x, y, r) {
      var w = r * 0.38;
      [[-w, -r], [w, -r], [w, -w], [r, -w], [r, w], [w, w], [w, r], [-w, r], [-w, w], [-r, w],
       [-r, -w], [-w, -w]].forEach(function (q, k) { ctx[k ? "lineTo" : "moveTo"](x + q[0], y + q[1]); });
      ctx.closePath();
    }
  };
  var Badge = L.CircleMarker.extend({  // a shape drawn at (dx, dy) px from the place
    _updateBounds: function () {
      L.CircleMarker.prototype._updateBounds.call(this);
      var o = L.point(this.options.dx, this.options.dy);
      this._pxBounds = L.bounds(this._pxBounds.min.add(o), this._pxBounds.max.add(o));
    },
    _updatePath: function () {
      var r = this._renderer;
      if (!r._drawing || this._empty()) return;
      var ctx = r._ctx, p = this._point;
      ctx.beginPath();
      SHAPES[this.options.shape](ctx, p.x + this.options.dx, p.y + this.options.dy, this._radius);
      r._fillStroke(ctx, this);
    }
  });
  var hatches = {};
  function hatch(fill) {  // stripes of the holder's colour and white: "date known only roughly"
    if (hatches[fill]) return hatches[fill];
    var c = document.createElement("canvas"), g = c.getContext("2d");
    c.width = c.height = 6;
    g.fillStyle = "#fff"; g.fillRect(0, 0, 6, 6);
    g.strokeStyle = fill; g.lineWidth = 2.6;
    g.beginPath(); g.moveTo(-1, 7); g.lineTo(7, -1); g.moveTo(-1, 1); g.lineTo(1, -1);
    g.moveTo(5, 7); g.lineTo(7, 5); g.stroke();
    hatches[fill] = g.createPattern(c, "repeat");  // usable on any canvas
    return hatches[fill];
  }

  function tip(p) {
    if (p[F.pending]) {
      return "<b>" + p[F.name] + "</b><br>no report yet by " + d.day + "; first reported "
        + p[F.reported] + "<br><i>click for its history and sources</i>";
    }
    var holder = p[F.holder], ring = p[F.ring], besieged = p[F.state] === S.besieged;
    var s = "<b>" + p[F.name] + "</b><br>"
      + (holder < 0 ? "holder not stated" : "held by " + actor(holder)) + " · " + STATE_NAMES[p[F.state]];
    if (besieged || p[F.state] === S.contested) s += "<br>" + (besieged ? "besieged by " : "contested by ") + actor(ring);
    if (p[F.approximate]) s += "<br>date of the latest evidence known only to the month or year";
    s += "<br>" + plural(p[F.events], "event", "events") + " to date";
    if (p[F.deliveries]) s += " · aid: " + plural(p[F.deliveries], "delivery", "deliveries");
    if (p[F.changed]) s += "<br><b>changed</b> since the comparison day";
    if (p[F.first]) s += "<br><b>first reported</b> on " + p[F.reported] + ", after the comparison day";
    return s + "<br><i>click for its history and sources</i>";
  }

  function circle(at, options) { options.renderer = renderer; return L.circleMarker(at, options); }
  function badge(at, shape, dx, dy, r, options) {
    options.renderer = renderer; options.interactive = false;
    options.shape = shape; options.dx = dx; options.dy = dy; options.radius = r;
    return new Badge(at, options);
  }

  function body(p) {  // the place's own circle: holder, how well dated, or nothing known yet
    var base = {radius: 9, weight: 1.5, color: OUTLINE, fillColor: colour(p[F.holder]), fillOpacity: 0.95};
    if (p[F.pending]) {
      return {radius: 8, weight: 1.5, color: p[F.holder] < 0 ? "#666" : colour(p[F.holder]),
              dashArray: "3 3", fillColor: "#fff", fillOpacity: 0.35, opacity: 0.8};
    }
    if (p[F.holder] < 0) return {radius: 8, weight: 3, color: UNKNOWN, fillColor: "#fff", fillOpacity: 0.6};
    if (p[F.approximate]) base.fillColor = hatch(colour(p[F.holder]));
    return base;
  }

  function addPlace(layer, p) {
    var at = [p[F.lat], p[F.lon]], state = p[F.state];
    if (!p[F.pending] && (state === S.besieged || state === S.contested)) {
      circle(at, {radius: 14, weight: 3, fill: false, color: colour(p[F.ring]),
                  dashArray: state === S.besieged ? "6 4" : "2 4", interactive: false}).addTo(layer);
    }
    circle(at, body(p)).bindTooltip(tip(p)).addTo(layer);
    if (p[F.deliveries]) {
      badge(at, "plus", 9, -9, 5.5, {weight: 1.5, color: OUTLINE, fillColor: "#fff", fillOpacity: 1}).addTo(layer);
    }
    if (p[F.changed] || p[F.first]) {
      badge(at, "star", -10, -10, 7, {weight: 1.5, color: p[F.changed] ? "#fff" : MARK,
            fillColor: p[F.changed] ? MARK : "#fff", fillOpacity: 1}).addTo(layer);
    }
  }

  function addCluster(layer, members, zoom) {
    var lat = 0, lon = 0, shares = {}, aid = 0, changed = 0, first = 0;
    members.forEach(function (i) {
      var p = d.places[i];
      lat += p[F.lat]; lon += p[F.lon]; shares[p[F.holder]] = (shares[p[F.holder]] || 0) + 1;
      aid += p[F.deliveries] ? 1 : 0; changed += p[F.changed]; first += p[F.first];
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
      + stops.join(",") + ')">'
      + '<span style="position:absolute;inset:22%;border-radius:50%;background:#fff;display:flex;'
      + 'align-items:center;justify-content:center;font:bold 11px sans-serif;color:#222">'
      + members.length + "</span>"
      + (aid ? '<span style="position:absolute;right:-6px;top:-6px;width:13px;height:13px;background:#fff;'
        + 'border:1.5px solid #222;border-radius:3px;color:#222;font:bold 12px/13px sans-serif;text-align:center">+</span>' : "")
      + (changed || first ? '<span style="position:absolute;left:-7px;top:-8px;color:' + MARK
        + ';font:16px sans-serif;text-shadow:0 0 2px #fff,0 0 2px #fff">' + (changed ? "★" : "☆") + "</span>" : "")
      + "</div>";
    var marker = L.marker([lat, lon], {icon: L.divIcon({html: html, className: "", iconSize: [size, size]})});
    marker.bindTooltip("<b>" + members.length + " places</b><br>" + lines.join("<br>")
      + (aid ? "<br>aid delivered to " + aid : "") + (changed ? "<br>" + changed + " changed" : "")
      + (first ? "<br>" + first + " first reported" : "")
      + "<br><i>click to zoom in</i>");
    marker.on("click", function () { map.setView([lat, lon], Math.min(zoom + 2, d.last + 1)); });
    marker.addTo(layer);
    var key = members.reduce(function (best, i) { return importance(i) > importance(best) ? i : best; });
    return [lat, lon, size, key, members.length];  // key: the member whose name it may carry
  }

  {{ this.clusters_js }}
  function build(zoom) {
    var layer = L.featureGroup(), alone = [], boxes = [];
    var clusters = frontlineClusters(d.places.length, function (i) { return d.places[i][F.lat]; },
      function (i) { return d.places[i][F.lon]; }, zoom, d.cell, d.last);
    var clustered = new Uint8Array(d.places.length);
    clusters.forEach(function (members) {
      members.forEach(function (i) { clustered[i] = 1; });
      boxes.push(addCluster(layer, members, zoom));
    });
    d.places.forEach(function (p, i) { if (!clustered[i]) { addPlace(layer, p); alone.push(i); } });
    layer.frontlineCounts = {places: alone.length, clusters: clusters.length};
    layer.frontlineAlone = alone.sort(function (a, b) { return importance(b) - importance(a); });
    layer.frontlineClusters = boxes;
    return layer;
  }

  /* ---- labels: the names of places drawn alone, decluttered, above the base map's names ---- */
  function importance(i) {  // which name to keep when two would overlap
    var p = d.places[i];
    return (p[F.changed] || p[F.first] ? 4e6 : 0) + (p[F.state] === S.besieged ? 2e6 : 0)
      + (p[F.state] === S.contested ? 1e6 : 0) - (p[F.pending] ? 3e6 : 0)
      + p[F.events] * 10 + p[F.deliveries];
  }

  function label(i) {
    if (labels[i]) return labels[i];
    var p = d.places[i], el = document.createElement("div");
    el.className = "frontline-place-label" + (p[F.pending] ? " fl-pending" : "")
      + (importance(i) >= 1e6 ? " fl-key" : "");
    el.textContent = text(p[F.name]);
    labelPane.appendChild(el);
    labels[i] = {el: el, w: 0, h: 0};
    return labels[i];
  }

  // A cluster holding a place that changed, was first reported, or is besieged or contested
  // carries that place's name ("Hamdan air base +3"): a ringed change must not go unnamed.
  function clusterLabel(key, c) {
    if (labels[key]) return labels[key];
    var el = document.createElement("div");
    el.className = "frontline-place-label fl-key fl-cluster";
    el.textContent = text(d.places[c[3]][F.name]) + " +" + (c[4] - 1);
    labelPane.appendChild(el);
    labels[key] = {el: el, w: 0, h: 0};
    return labels[key];
  }

  function candidates(layer, todo, points, size) {  // what may be named, most important first
    var items = todo.map(function (i) {
      return {key: i, rank: importance(i), pt: points[i], e: extent(i) + 2, l: label(i)};
    });
    layer.frontlineClusters.forEach(function (c, k) {
      if (importance(c[3]) < 1e6) return;
      var pt = map.latLngToContainerPoint([c[0], c[1]]), key = "c" + shown + ":" + k;
      if (pt.x > 0 && pt.y > 0 && pt.x < size.x && pt.y < size.y) {
        items.push({key: key, rank: importance(c[3]), pt: pt, e: c[2] / 2 + 6, l: clusterLabel(key, c)});
      }
    });
    return items.sort(function (a, b) { return b.rank - a.rank; });
  }

  function extent(i) {  // how far the place's marks reach from its centre, in px
    var p = d.places[i], ringed = !p[F.pending] && (p[F.state] === S.besieged || p[F.state] === S.contested);
    return ringed ? 16 : (p[F.deliveries] || p[F.changed] || p[F.first] ? 14 : 10);
  }

  function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }

  function controls() {  // the map's controls (legend, zoom, fit) as boxes no label may cover
    var origin = map.getContainer().getBoundingClientRect(), found = [];
    map.getContainer().querySelectorAll(".leaflet-control").forEach(function (c) {
      var r = c.getBoundingClientRect();
      if (r.width && r.height) found.push([r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top]);
    });
    return found;
  }

  function layoutLabels() {
    if (!map || shown === null) return;
    var layer = built[shown], size = map.getSize(), taken = controls(), placed = [], count = 0;
    var visible = {}, points = {};
    layer.frontlineAlone.forEach(function (i) {
      var pt = map.latLngToContainerPoint([d.places[i][F.lat], d.places[i][F.lon]]);
      points[i] = pt;
      if (pt.x > -20 && pt.y > -20 && pt.x < size.x + 20 && pt.y < size.y + 20) {
        var e = extent(i);
        taken.push([pt.x - e, pt.y - e, pt.x + e, pt.y + e]);  // every marker stays readable
      }
    });
    layer.frontlineClusters.forEach(function (c) {
      var pt = map.latLngToContainerPoint([c[0], c[1]]), h = c[2] / 2 + 4;
      taken.push([pt.x - h, pt.y - h, pt.x + h, pt.y + h]);
    });
    var todo = layer.frontlineAlone.filter(function (i) {
      var pt = points[i];
      return pt.x > 0 && pt.y > 0 && pt.x < size.x && pt.y < size.y;
    });
    var items = candidates(layer, todo, points, size);
    items.forEach(function (item) { item.l.el.style.display = ""; });  // writes, then reads
    items.forEach(function (item) {
      var l = item.l;
      if (!l.w) { l.w = l.el.offsetWidth; l.h = l.el.offsetHeight; }
    });
    items.forEach(function (item) {
      var l = item.l, pt = item.pt, y = pt.y - l.h / 2, fits = null, e = item.e;
      [[pt.x + e, y], [pt.x - e - l.w, y], [pt.x - l.w / 2, pt.y + e], [pt.x - l.w / 2, pt.y - e - l.h]]
        .some(function (at) {
          var b = [at[0] - 1, at[1] - 1, at[0] + l.w + 1, at[1] + l.h + 1];
          var inside = b[0] >= 0 && b[1] >= 0 && b[2] <= size.x && b[3] <= size.y;
          if (inside && !taken.some(function (t) { return overlaps(t, b); })
              && !placed.some(function (t) { return overlaps(t, b); })) { fits = b; return true; }
          return false;
        });
      if (!fits) { l.el.style.display = "none"; return; }
      placed.push(fits);
      L.DomUtil.setPosition(l.el, map.containerPointToLayerPoint([fits[0] + 1, fits[1] + 1]));
      visible[item.key] = 1;
      count += 1;
    });
    Object.keys(labels).forEach(function (i) { if (!visible[i]) labels[i].el.style.display = "none"; });
    labelPane.style.opacity = 1;
    map.fire("frontlineplaced");  // the base map's names move aside (templates/basemap.js)
    map.getContainer().dataset.frontlinePlaceLabels = String(count);
  }

  function show() {
    var zoom = Math.min(Math.max(map.getZoom(), d.first), d.last + 1);
    if (zoom !== shown) {
      if (shown !== null) group.removeLayer(built[shown]);
      built[zoom] = built[zoom] || build(zoom);
      group.addLayer(built[zoom]);
      shown = zoom;
    }
    var box = map.getContainer(), counts = built[zoom].frontlineCounts;
    L.Util.requestAnimFrame(function () {
      layoutLabels();
      box.dataset.frontlineTotal = d.places.length;
      box.dataset.frontlineChanged = d.places.filter(function (p) { return p[F.changed]; }).length;
      box.dataset.frontlineFirst = d.places.filter(function (p) { return p[F.first]; }).length;
      box.dataset.frontlinePending = d.places.filter(function (p) { return p[F.pending]; }).length;
      box.dataset.frontlinePlaces = counts.places;
      box.dataset.frontlineClusters = counts.clusters;
      box.dataset.frontlineDrawn = String(performance.now());
    });
  }

  function legendEntry() {  // the legend's line for the estimated areas drawn with this layer
    var slot = map.getContainer().querySelector(".frontline-legend-areas");
    if (!slot) return;
    slot.style.display = d.areas ? "" : "none";
    var textSlot = slot.querySelector(".fl-areas-text");
    if (textSlot) textSlot.textContent = text(d.areas);
  }

  function hideLabels() { if (labelPane) labelPane.style.opacity = 0; }

  var CSS = ".frontline-place-label{position:absolute;white-space:nowrap;pointer-events:none;"
    + "font:600 12px/14px sans-serif;color:#111;text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff,"
    + "1px 1px 0 #fff,-1px -1px 0 #fff,1px -1px 0 #fff,-1px 1px 0 #fff}"
    + ".frontline-place-label.fl-key{font-weight:700;font-size:13px}"
    + ".frontline-place-label.fl-pending{color:#555;font-style:italic;font-weight:400}";

  function attach(target) {
    map = target;
    if (!document.getElementById("frontline-place-label-css")) {
      var css = document.head.appendChild(document.createElement("style"));
      css.id = "frontline-place-label-css";
      css.textContent = CSS;
    }
    if (!map.getPane("frontline")) map.createPane("frontline").style.zIndex = 450;
    labelPane = map.getPane("frontlinePlaceLabels");
    if (!labelPane) {
      labelPane = map.createPane("frontlinePlaceLabels");
      labelPane.style.zIndex = 460;  // above the canvas and the base map's names (440)
      labelPane.style.pointerEvents = "none";
    }
    labelPane.querySelectorAll(".frontline-place-label").forEach(function (el) { el.remove(); });
    renderer = renderer || L.canvas({pane: "frontline", padding: 0.5, tolerance: 2});
    map._frontlineBounds = d.bounds;
    if (!routes) {
      routes = L.featureGroup();
      d.routes.forEach(function (r) {  // [origin (in d.route_origins), destination (a place)]
        // not clickable: a click on the map selects places only
        var from = d.route_origins[r[0]], to = d.places[r[1]];
        L.polyline([from, [to[F.lat], to[F.lon]]], {renderer: renderer, color: "#333", weight: 2,
          dashArray: "6 4", interactive: false}).addTo(routes);
      });
      group.addLayer(routes);
    }
    if (d.area_shapes && !areaLayer) {  // under the places: drawn first, on the same canvas
      areaLayer = L.geoJSON(d.area_shapes, {
        renderer: renderer,
        style: function (f) {
          return {color: f.properties.color, weight: 1.5, dashArray: "4 4",
                  fillColor: f.properties.color, fillOpacity: 0.2};
        },
        onEachFeature: function (f, l) { l.bindTooltip(f.properties.label, {sticky: true}); }
      });
      group.addLayer(areaLayer);
    }
    legendEntry();
    map.on("zoomend", show);
    map.on("zoomstart", hideLabels);
    map.on("moveend resize", layoutLabels);
    show();
  }

  group.on("add", function () { attach(group._map); });
  group.on("remove", function () {
    if (!map) return;
    map.off("zoomend", show); map.off("zoomstart", hideLabels); map.off("moveend resize", layoutLabels);
    Object.keys(labels).forEach(function (i) { labels[i].el.remove(); });
    labels = {};
  });
  if (group._map) attach(group._map);
})();
{% endmacro %}
