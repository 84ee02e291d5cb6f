{% macro script(this, kwargs) %}
/* The offline base map (frontline/maps/basemap.py): rivers, lakes and roads on a canvas just
   above the country fill, and labels as DOM text in their own pane above the borders and below
   the situation layer ("frontline", z-index 450). Neither pane takes pointer events, so a click
   always reaches the places. Labels are decluttered on every move: the rows arrive most
   important first; a row is a candidate when the zoom lies in [z, zmax] and its point is in
   view; each candidate is placed unless its box overlaps one already placed (or a map control).
   Rows are read by name: `F` (d.fields) gives each field's position, `K` (d.kinds) the kind
   codes. Names are inserted with textContent, never as HTML. The map's container carries
   data-frontline-labels (how many are shown), -labels-zoom (at which zoom) and -labels-placed
   (how many placements so far) once placed, for tests. */
(function () {
  var map = {{ this._parent.get_name() }};
  var d = {{ this.payload }};
  var F = d.fields, K = d.kinds, KIND = {};
  Object.keys(K).forEach(function (name) { KIND[K[name]] = name; });
  var CENTRED = {country: 1, admin1: 1, region: 1, water: 1};
  var PAD = 3;  // px of clear space kept around every label
  var GAP = 8;  // px from a town's point to its name: clear of its 3 px dot
  var FAR = 14;  // px further out, for when a place of the situation layer sits on the town
  /* Where a name may go, tried in turn: a town's right of its dot, left of it, below, above,
     then right, left, below and above again FAR further out (the dot, hidden under the place,
     then claims no room); an area's centred on its point, else a little
     above, else below. `x` and `y` place the text's box relative to the point, in its width
     (w) and height (h): left = x.w * w + x.px, top = y.h * h + y.px. */
  var TRIES = {
    point: [
      {x: [0, GAP], y: [-0.5, 0]}, {x: [-1, -GAP], y: [-0.5, 0]},
      {x: [-0.5, 0], y: [0, 4]}, {x: [-0.5, 0], y: [-1, -4]},
      {x: [0, GAP + FAR], y: [-0.5, 0], far: 1}, {x: [-1, -GAP - FAR], y: [-0.5, 0], far: 1},
      {x: [-0.5, 0], y: [0, 4 + FAR], far: 1}, {x: [-0.5, 0], y: [-1, -4 - FAR], far: 1}
    ],
    centred: [{x: [-0.5, 0], y: [-0.5, 0]}, {x: [-0.5, 0], y: [-1.25, 0]}, {x: [-0.5, 0], y: [0.25, 0]},
              {x: [-0.5, 0], y: [-2, 0]}, {x: [-0.5, 0], y: [1, 0]}]
  };

  if (!document.getElementById("frontline-basemap-css")) {
    var css = document.createElement("style");
    css.id = "frontline-basemap-css";
    var halo = "0 0 2px #fff,0 0 2px #fff,0 0 3px #fff,1px 1px 1px #fff,-1px -1px 1px #fff";
    css.textContent = [
      ".frontline-label{position:absolute;left:0;top:0;pointer-events:none;white-space:nowrap;",
      "font-family:'Helvetica Neue',Arial,'Noto Sans','Noto Sans Arabic',sans-serif;color:#1d1d1d;",
      "text-shadow:" + halo + ";line-height:1.15}",
      ".frontline-label .fl-in{position:absolute;left:0;top:0}",
      ".frontline-label.fl-centred .fl-in{text-align:center}",
      ".frontline-label.fl-point .fl-ar{margin-left:4px}",
      ".frontline-label.fl-centred .fl-ar{display:block}",
      ".frontline-label .fl-dot{position:absolute;left:-3px;top:-3px;width:6px;height:6px;",
      "border-radius:50%;background:#333;box-shadow:0 0 0 1.5px #fff}",
      ".frontline-label.fl-nodot .fl-dot{display:none}",
      ".fl-country{font-size:17px;font-weight:bold;letter-spacing:2px;text-transform:uppercase;color:#3b3b3b}",
      ".fl-country .fl-ar{font-size:14px;letter-spacing:0}",
      ".fl-admin1{font-size:11px;letter-spacing:1.5px;text-transform:uppercase;color:#5b4a6e}",
      ".fl-admin1 .fl-ar{letter-spacing:0;font-size:11px}",
      ".fl-region{font-size:12px;font-style:italic;letter-spacing:1px;color:#6b5233}",
      ".fl-water{font-size:11px;font-style:italic;color:#1f5684}",
      ".fl-capital{font-size:14px;font-weight:bold}",
      ".fl-city{font-size:13px;font-weight:bold}",
      ".fl-town{font-size:12px}",
      ".fl-peak{font-size:11px;color:#4a3b2a}",
      ".fl-peak .fl-dot{border-radius:0;width:0;height:0;left:-4px;top:-4px;background:none;box-shadow:none;",
      "border-left:4px solid transparent;border-right:4px solid transparent;border-bottom:7px solid #6b5233}",
      "@media (max-width:700px){.leaflet-container .leaflet-control-attribution{font-size:10px}}"
    ].join("");
    document.head.appendChild(css);
  }

  function pane(name, z) {
    var p = map.getPane(name) || map.createPane(name);
    p.style.zIndex = z;
    p.style.pointerEvents = "none";
    return p;
  }

  /* ---- lines: one layer per (kind of line, zoom it shows from) ---- */
  var lineGroups = [];
  var STYLE = {
    river: {color: "#6b9cc8", weight: 1.6},
    lake: {color: "#6b9cc8", weight: 1.2},
    intermittent: {color: "#6b9cc8", weight: 1, dashArray: "4 3"},
    motorway: {color: "#b5865c", weight: 1.7},  // muted browns: never read as an actor's colour
    trunk: {color: "#c39d78", weight: 1.2},
    primary: {color: "#d2bfa3", weight: 0.9}
  };

  function lines(collection, order) {
    if (!collection) return;
    var byZoom = {};
    collection.features.forEach(function (f) {
      var key = f.properties.z;
      (byZoom[key] = byZoom[key] || []).push(f);
    });
    Object.keys(byZoom).forEach(function (z) {
      var layer = L.geoJSON({type: "FeatureCollection", features: byZoom[z]}, {
        renderer: lineRenderer, interactive: false,
        style: function (f) { var s = STYLE[f.properties.c] || STYLE.river;
          return {color: s.color, weight: s.weight, dashArray: s.dashArray, opacity: 0.9}; }
      });
      lineGroups.push({z: +z, layer: layer, order: order});
    });
  }

  var lineRenderer = null;
  if (d.rivers || d.roads) {
    pane("frontlineBase", 405);
    lineRenderer = L.canvas({pane: "frontlineBase", padding: 0.3});
    if (d.lakes) {
      L.geoJSON(d.lakes, {renderer: lineRenderer, interactive: false,
        style: function () { return {color: "#6b9cc8", weight: 0.8, fillColor: "#c3d8ea", fillOpacity: 1}; }
      }).addTo(map);
    }
    lines(d.roads, 0);
    lines(d.rivers, 1);
  }

  function showLines() {
    var zoom = map.getZoom();
    lineGroups.forEach(function (g) {
      var on = zoom >= g.z;
      if (on && !map.hasLayer(g.layer)) g.layer.addTo(map);
      if (!on && map.hasLayer(g.layer)) map.removeLayer(g.layer);
    });
  }

  /* ---- labels ---- */
  var rows = d.labels, labelPane = rows.length ? pane("frontlineLabels", 440) : null;
  var els = [], sizes = [], placements = 0;

  function element(i) {
    var r = rows[i], kind = KIND[r[F.kind]];
    var el = document.createElement("div"), inner = document.createElement("div");
    el.className = "frontline-label fl-" + kind + (CENTRED[kind] ? " fl-centred" : " fl-point");
    el.dataset.kind = kind;
    el.dataset.rank = i;
    inner.className = "fl-in";
    if (!CENTRED[kind]) el.appendChild(document.createElement("span")).className = "fl-dot";
    var latin = inner.appendChild(document.createElement("span"));
    latin.className = "fl-la";
    latin.textContent = r[F.name];
    if (r[F.name_ar]) {
      var arabic = inner.appendChild(document.createElement("span"));
      arabic.className = "fl-ar";
      arabic.lang = "ar";
      arabic.dir = "rtl";
      arabic.textContent = r[F.name_ar];
    }
    el.appendChild(inner);
    el.style.visibility = "hidden";
    labelPane.appendChild(el);
    return el;
  }

  function offset(i, spot) {  // where the text's box starts, relative to the point, in px
    var w = sizes[i][0], h = sizes[i][1];
    return [spot.x[0] * w + spot.x[1], spot.y[0] * h + spot.y[1]];
  }

  function box(i, at, spot) {  // the label's box in container pixels, its dot included
    var o = offset(i, spot), left = at.x + o[0], top = at.y + o[1];
    var b = [left, top, left + sizes[i][0], top + sizes[i][1]];
    if (!CENTRED[KIND[rows[i][F.kind]]] && !spot.far) {
      b = [Math.min(b[0], at.x - 4), Math.min(b[1], at.y - 4), Math.max(b[2], at.x + 4), Math.max(b[3], at.y + 4)];
    }
    return [b[0] - PAD, b[1] - PAD, b[2] + PAD, b[3] + PAD];
  }

  function put(el, i, ll, spot) {  // move a placed label's point, and its text to its spot
    var o = offset(i, spot);
    L.DomUtil.setPosition(el, map.latLngToLayerPoint(ll));
    el.lastChild.style.left = o[0] + "px";
    el.lastChild.style.top = o[1] + "px";
    el.classList.toggle("fl-nodot", !!spot.far);
  }

  function hits(boxes, b) { return boxes.some(function (p) { return overlaps(p, b); }); }

  /* Whether a spot is free: inside the map, clear of what is drawn above and of the names
     placed so far. A FAR spot is only for a town whose point lies under a place of the
     situation layer (its dot is then hidden), never to dodge another name. */
  function free(b, size, above, placed, spot, at) {
    if (b[0] < 0 || b[1] < 0 || b[2] > size.x || b[3] > size.y) return false;
    if (hits(above, b) || hits(placed, b)) return false;
    if (!spot.far) return true;
    var dot = [at.x - 4, at.y - 4, at.x + 4, at.y + 4];
    return hits(above, dot) && !hits(placed, dot);
  }

  function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }

  function rect(el, origin) {
    var r = el.getBoundingClientRect();
    return [r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top];
  }

  /* What no label may cover, in container pixels: the map's controls (zoom, legend, scale,
     ...) and whatever the situation layer draws above the labels: its circle markers (on its
     canvas), its cluster icons, its place names, and any boxes it publishes as
     map._frontlineTaken (with a "frontlineplaced" event when they change). */
  function obstacles(places) {  // `places`: filled with the centres of the situation's markers
    var box = map.getContainer(), origin = box.getBoundingClientRect(), size = map.getSize();
    var found = (map._frontlineTaken || []).slice();
    box.querySelectorAll(".leaflet-control, .leaflet-marker-icon, .frontline-place-label").forEach(function (el) {
      var b = rect(el, origin);
      if (b[2] > b[0] && b[3] > b[1] && getComputedStyle(el).display !== "none") found.push(b);
    });
    map.eachLayer(function (l) {
      if (!(l instanceof L.CircleMarker) || l instanceof L.Circle || l.options.pane === "frontlineBase") return;
      var p = map.latLngToContainerPoint(l.getLatLng()), r = l.getRadius() + (l.options.weight || 0) / 2 + 1;
      if (p.x > -r && p.y > -r && p.x < size.x + r && p.y < size.y + r) {
        found.push([p.x - r, p.y - r, p.x + r, p.y + r]);
        places.push({at: p, ll: l.getLatLng()});
      }
    });
    return found;
  }

  /* A town the situation layer draws itself (a marker within SAME metres: the same place under
     another spelling, "Al Fallujah" for Fallujah) is named by that layer, not twice. */
  var SAME = 2000, TOWNS = {capital: 1, city: 1, town: 1};
  function drawnThere(i, places) {
    var r = rows[i], ll = L.latLng(r[F.lat], r[F.lon]), at = map.latLngToContainerPoint(ll);
    return TOWNS[KIND[r[F.kind]]] && places.some(function (q) {
      return Math.abs(q.at.x - at.x) < 40 && Math.abs(q.at.y - at.y) < 40 && map.distance(ll, q.ll) < SAME;
    });
  }

  function place() {
    var zoom = map.getZoom(), size = map.getSize(), candidates = [], shown = 0;
    var places = [], above = obstacles(places), placed = [];
    var view = map.getBounds().pad(0.1);
    rows.forEach(function (r, i) {
      var on = zoom >= r[F.z] && zoom <= r[F.zmax] && view.contains([r[F.lat], r[F.lon]])
        && !drawnThere(i, places);
      if (on) candidates.push(i);
      else if (els[i]) els[i].style.display = "none";
    });
    candidates.forEach(function (i) {  // create and show unmeasured ones first (writes) ...
      if (!els[i]) els[i] = element(i);
      if (!sizes[i]) els[i].style.display = "";
    });
    candidates.forEach(function (i) {  // ... then measure them all at once (reads)
      if (!sizes[i]) {
        var inner = els[i].lastChild;
        sizes[i] = [inner.offsetWidth, inner.offsetHeight];
      }
    });
    /* Two rounds, most important first in each: every name in its own place (a capital also
       FAR out), then FAR spots for those left out, so that a fallback never takes the room of
       a name in its place. */
    var left = [];
    [false, true].forEach(function (far) {
      (far ? left : candidates).forEach(function (i) {
        var ll = L.latLng(rows[i][F.lat], rows[i][F.lon]), at = map.latLngToContainerPoint(ll);
        var kind = KIND[rows[i][F.kind]], capital = kind === "capital";
        var el = els[i], tries = TRIES[CENTRED[kind] ? "centred" : "point"], spot = null, b = null;
        for (var t = 0; t < tries.length && spot === null; t++) {
          if (!tries[t].far !== !far && !(capital && !far)) continue;
          b = box(i, at, tries[t]);
          if (free(b, size, above, placed, tries[t], at)) spot = tries[t];
        }
        if (spot === null) { el.style.display = "none"; if (!far) left.push(i); return; }
        placed.push(b);
        put(el, i, ll, spot);
        el.style.display = "";
        el.style.visibility = "visible";
        shown += 1;
      });
    });
    labelPane.style.opacity = 1;
    map.getContainer().dataset.frontlineLabels = String(shown);
    map.getContainer().dataset.frontlineLabelsZoom = String(zoom);
    map.getContainer().dataset.frontlineLabelsPlaced = String(++placements);
  }

  function update() { showLines(); if (labelPane) place(); }

  /* Place again once what others draw has settled: after the situation layer adds its markers
     (it lays its names out in the next frame, so wait two) or a control changes size. */
  var pending = false;
  function later() {
    if (pending || !labelPane) return;
    pending = true;
    L.Util.requestAnimFrame(function () {
      L.Util.requestAnimFrame(function () { pending = false; place(); });
    });
  }

  if (map.attributionControl && {{ this.attribution }}) {
    map.attributionControl.addAttribution({{ this.attribution }});
  }
  map.on("zoomstart", function () { if (labelPane) labelPane.style.opacity = 0; });  // until placed
  map.on("moveend resize", function () { showLines(); later(); });
  map.on("layeradd frontlineplaced", later);
  if (window.ResizeObserver && labelPane) {
    var watch = new ResizeObserver(later);
    Object.keys(map._controlCorners || {}).forEach(function (k) { watch.observe(map._controlCorners[k]); });
  }
  map.whenReady(function () { L.Util.requestAnimFrame(update); });
})();
{% endmacro %}
