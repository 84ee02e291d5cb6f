{% macro script(this, kwargs) %}
(function () {
  var layer = {{ this._parent.get_name() }}, html = {{ this.icon|tojson }};
  var FAN = {{ this.fan }}, W = {{ this.size[0] }}, H = {{ this.size[1] }};
  var GAP = 3, badges = [], map = null, pane = null, placed = 0;
  var CSS = ".frontline-badge-name{position:absolute;left:0;top:0;white-space:nowrap;"
    + "pointer-events:none;font:700 12px/14px sans-serif;color:#064d2a;text-shadow:0 0 2px #fff,"
    + "0 0 2px #fff,0 0 3px #fff,1px 1px 0 #fff,-1px -1px 0 #fff}"
    + ".leaflet-marker-icon.fl-open>div{background:#007a3d!important;color:#fff!important}"
    + ".fl-lifted .leaflet-popup-tip-container{visibility:hidden}";  // it would point elsewhere

  /* A badge alone: up and right of its place; in a fan, its top left corner at `tl` (layer
     px). Its icon is made anew only when that moves. */
  function icon(b, tl) {
    var anchor = tl ? [b.pt.x - tl.x, b.pt.y - tl.y] : [-6, H + 4];
    if (b.anchor && anchor[0] === b.anchor[0] && anchor[1] === b.anchor[1]) return null;
    b.anchor = anchor;
    return L.divIcon({html: html, className: "", iconSize: [W, H], iconAnchor: anchor,
                      popupAnchor: [W / 2 - anchor[0], -anchor[1]]});
  }
  var STEM = 10, ROWS = 5, MAX_FAN = 2 * ROWS, stems = L.layerGroup(), extras = [];
  var stem = L.divIcon({className: "", iconSize: [8, 14], iconAnchor: [4, 11],
    html: '<div style="position:absolute;left:3px;top:0;width:2px;height:9px;'
      + 'background:#007a3d"></div><div style="position:absolute;left:1px;top:8px;width:6px;'
      + 'height:6px;border-radius:50%;background:#007a3d;box-shadow:0 0 0 1.5px #fff"></div>'});
  function box(b) {  // the badge, in container px
    var p = map.latLngToContainerPoint(b.marker.getLatLng());
    var x = p.x - b.anchor[0], y = p.y - b.anchor[1];
    return [x, y, x + W, y + H];
  }
  function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
  function grow(r, px) { return [r[0] - px, r[1] - px, r[2] + px, r[3] + px]; }
  function rect(el, o) {  // an element's box, in container px (o: the container's)
    var r = el.getBoundingClientRect();
    return [r.left - o.left, r.top - o.top, r.right - o.left, r.bottom - o.top];
  }
  function dress(b) {  // what a new icon element needs: its name on hover, its state
    var el = b.marker.getElement();
    if (!el || !el.firstElementChild) return;
    el.firstElementChild.title = b.marker.options.title;
    L.DomUtil[b.marker.isPopupOpen() ? "addClass" : "removeClass"](el, "fl-open");
  }

  {{ this.rows|tojson }}.forEach(function (r) {
    var b = {name: r[3], group: null, label: null, pt: null, box: null, at: null, w: 0, h: 0};
    b.marker = L.marker([r[0], r[1]], {icon: icon(b, null), title: "Aid to " + r[3],
                                       alt: "Aid to " + r[3]});
    b.marker.bindPopup(r[2], {maxWidth: 340, autoPan: false, autoPanPadding: [10, 10]});
    b.marker.on("add popupclose", function () { dress(b); });
    b.marker.on("popupopen", function (e) { dress(b); lift(b, e.popup); });
    b.marker.addTo(layer);
    badges.push(b);
  });

  function by(axis) { return function (a, b) { return a.pt[axis] - b.pt[axis]; }; }
  /* A fan's badges in columns of up to ROWS above the middle of its places, west to east,
     southernmost lowest, on a stem to that middle (a dot): sets its middle and its box. */
  function arrange(g) {
    var k = g.members.length, mid = L.point(0, 0);
    g.members.forEach(function (b) { mid = mid.add(b.pt.divideBy(k)); });
    g.mid = mid;
    g.cluster = k > MAX_FAN && map.getZoom() < map.getMaxZoom();
    if (g.cluster) {  // one badge with their count, as wide as its digits need
      var half = (W + 8 * String(k).length) / 2;
      g.box = [mid.x - half, mid.y - STEM - H, mid.x + half, mid.y + 3];
      g.spots = [];
      return;
    }
    var cols = Math.ceil(k / ROWS), rows = Math.min(k, ROWS);
    var left = mid.x - W / 2 - (cols - 1) * FAN / 2, foot = mid.y - STEM - H;
    var p = g.members[0].pt;
    g.box = k === 1 ? [p.x + 6, p.y - H - 4, p.x + 6 + W, p.y - 4]
      : [left, foot - (rows - 1) * FAN, left + W + (cols - 1) * FAN, mid.y + 3];
    g.members.sort(by("x"));
    g.spots = [];
    for (var c = 0; c < cols; c++) {
      g.members.slice(c * ROWS, (c + 1) * ROWS).sort(by("y")).reverse().forEach(function (b, r) {
        g.spots.push([b, k === 1 ? null : L.point(left + c * FAN, foot - r * FAN)]);
      });
    }
  }
  function show(b, on) {  // a badge drawn, or left out for its cluster
    b.hidden = !on;
    if (on !== layer.hasLayer(b.marker)) layer[on ? "addLayer" : "removeLayer"](b.marker);
  }
  function foot(g) {  // the stem and dot of a fan or cluster, at the middle of its places
    stems.addLayer(L.marker(map.layerPointToLatLng(g.mid), {icon: stem, interactive: false,
                                                            keyboard: false}));
    extras.push([g.mid.x - 4, g.mid.y - 11, g.mid.x + 4, g.mid.y + 3]);
  }
  /* A cluster: one badge with the count of its places; a click zooms in until they part. */
  function cluster(g) {
    var k = g.members.length, w = g.box[2] - g.box[0], where = L.latLngBounds([]);
    g.members.forEach(function (b) { where.extend(b.marker.getLatLng()); show(b, false); });
    var badge = L.marker(map.layerPointToLatLng(g.mid), {
      title: k + " aid destinations here: click to zoom in", alt: k + " aid destinations",
      icon: L.divIcon({className: "", iconSize: [w, H], iconAnchor: [w / 2, H + STEM],
        html: '<div class="fl-cluster" style="background:#fff;border:2px solid #007a3d;'
          + 'color:#007a3d;border-radius:4px;font:bold 13px/16px sans-serif;text-align:center;'
          + "width:" + (w - 4) + 'px">✚ ' + k + "</div>"})});
    badge.on("click", function () {
      var zoom = Math.max(map.getBoundsZoom(where, false, L.point(80, 80)), map.getZoom() + 1);
      map.setView(where.getCenter(), Math.min(zoom, map.getMaxZoom()));
    });
    stems.addLayer(badge);
    extras.push(g.box);
    foot(g);
  }
  /* The badges that share a spot at this zoom form a fan; fans that would overlap are made
     one, until none does: every badge stays whole and clickable. A fan of over MAX_FAN
     places is a cluster until zoomed in. */
  function fan() {
    var groups = [];
    stems.clearLayers();
    extras = [];
    badges.forEach(function (b) {
      var at = b.pt = map.latLngToLayerPoint(b.marker.getLatLng());
      var g = groups.find(function (g) { return g.at.distanceTo(at) < FAN; });
      if (g) g.members.push(b); else groups.push({at: at, members: [b]});
    });
    groups.forEach(arrange);
    for (var i = 0; i < groups.length; i++) {
      for (var j = i + 1; j < groups.length; j++) {
        if (!overlaps(grow(groups[i].box, GAP), groups[j].box)) continue;
        groups[i].members = groups[i].members.concat(groups.splice(j, 1)[0].members);
        arrange(groups[i]);
        i = -1;  // its new box may meet any other: look again from the start
        break;
      }
    }
    groups.forEach(function (g) {
      g.members.forEach(function (b) { b.group = g; });
      if (g.cluster) { cluster(g); return; }
      if (g.members.length > 1) foot(g);
      g.spots.forEach(function (s) {
        var b = s[0], made = icon(b, s[1]);
        show(b, true);
        if (made) { b.marker.setIcon(made); dress(b); }
      });
    });
    map.getContainer().dataset.frontlineAidClusters = String(groups.filter(function (g) {
      return g.cluster;
    }).length);
  }

  function label(b) {
    if (!b.label) {
      b.label = L.DomUtil.create("div", "frontline-badge-name", pane);
      b.label.textContent = b.name;
    }
    return b.label;
  }
  function controls(o) {  // the map's controls: no name may cover them
    var found = [];
    map.getContainer().querySelectorAll(".leaflet-control").forEach(function (c) {
      var r = rect(c, o);
      if (r[2] > r[0] && r[3] > r[1]) found.push(r);
    });
    return found;
  }
  function spots(b) {  // where a name may go, in turn: right, left, above, below its badge
    var r = b.box, w = b.w, h = b.h, cx = (r[0] + r[2]) / 2, cy = (r[1] + r[3]) / 2;
    return [[r[2] + GAP, cy - h / 2], [r[0] - GAP - w, cy - h / 2],
            [cx - w / 2, r[1] - GAP - h], [cx - w / 2, r[3] + GAP]].map(function (s) {
      return [s[0], s[1], s[0] + w, s[1] + h];
    });
  }

  /* Each badge's name, most deliveries first, at the first of its spots that is inside the
     map and clear of every badge, control and name already placed; else none. */
  function names() {
    var size = map.getSize(), o = map.getContainer().getBoundingClientRect();
    var taken = controls(o).concat(drawn()), shown = [], seen = [];
    badges.forEach(function (b) {
      var r = b.box = box(b);
      b.at = null;
      if (!b.hidden && r[2] > 0 && r[3] > 0 && r[0] < size.x && r[1] < size.y) {
        taken.push(grow(r, GAP));
        seen.push(b);
      } else if (b.label) b.label.style.display = "none";
    });
    seen.forEach(function (b) { label(b).style.display = ""; });  // writes, then reads
    seen.forEach(function (b) {
      if (!b.w) { b.w = b.label.offsetWidth; b.h = b.label.offsetHeight; }
    });
    seen.forEach(function (b) {
      b.at = spots(b).find(function (n) {
        return n[0] >= 0 && n[1] >= 0 && n[2] <= size.x && n[3] <= size.y
          && !taken.some(function (t) { return overlaps(t, n); });
      }) || null;
      if (!b.at) { b.label.style.display = "none"; return; }
      taken.push(grow(b.at, 1));
      shown.push(b.at);
      L.DomUtil.setPosition(b.label, map.containerPointToLayerPoint([b.at[0], b.at[1]]));
    });
    pane.style.opacity = 1;
    map._frontlineTaken = shown;  // the base map's names keep clear of these
    map.fire("frontlineplaced");
    map.getContainer().dataset.frontlineAidNames = String(shown.length);
    map.getContainer().dataset.frontlineAidPlaced = String(++placed);
  }

  /* How far to raise a popup whose box is `p` for it to clear the boxes `others`: above each
     it would cover, in turn, until it covers none. */
  function clearance(p, others) {
    var up = 0;
    for (var k = 0; k <= others.length; k++) {
      var q = [p[0], p[1] - up, p[2], p[3] - up];
      var hit = others.filter(function (o) { return overlaps(grow(o, GAP), q); });
      if (!hit.length) break;
      up += q[3] - Math.min.apply(null, hit.map(function (o) { return o[1]; })) + GAP + 1;
    }
    return up;
  }
  function drawn() {  // the stems and clusters, in container px
    var o = map.layerPointToContainerPoint(L.point(0, 0));
    return extras.map(function (e) { return [e[0] + o.x, e[1] + o.y, e[2] + o.x, e[3] + o.y]; });
  }
  function marks(list) {  // the badges of `list` in view and their names, in container px
    var found = list === badges ? drawn() : [], size = map.getSize();
    list.forEach(function (b) {
      var r = box(b);
      if (b.hidden) return;
      if (r[2] > 0 && r[3] > 0 && r[0] < size.x && r[1] < size.y) found.push(r);
      if (b.at && b.label.style.display !== "none") found.push(b.at);
    });
    return found;
  }
  /* Open `popup` above its badge and above whatever of the others it would cover (above the
     badge's own column only, were that to lift it over half the map), then pan it into view. */
  function lift(b, popup) {
    popup.options.offset = L.point(0, 7);  // Leaflet's own
    popup.update();
    var o = map.getContainer().getBoundingClientRect(), el = popup.getElement();
    var p = rect(el, o), tip = rect(el.querySelector(".leaflet-popup-tip-container"), o);
    p[3] = Math.max(p[3], tip[3]);
    var up = clearance(p, marks(badges));
    if (up > map.getSize().y / 2) up = clearance(p, marks(b.group ? b.group.members : [b]));
    popup.options.offset = L.point(0, 7 - up);
    L.DomUtil[up ? "addClass" : "removeClass"](el, "fl-lifted");
    popup.options.autoPan = true;
    popup.update();  // placed, then panned into view
    popup.options.autoPan = false;
  }

  function redraw() {
    if (!layer._map) return;
    fan();
    names();
    badges.forEach(function (b) { if (b.marker.isPopupOpen()) lift(b, b.marker.getPopup()); });
  }
  function attach() {
    if (!map) {  // once: the map's events, the names' pane and style
      map = layer._map;
      stems.addTo(layer);
      if (!document.getElementById("frontline-badge-css")) {
        var css = document.head.appendChild(document.createElement("style"));
        css.id = "frontline-badge-css";
        css.textContent = CSS;
      }
      pane = map.getPane("frontlineAidNames") || map.createPane("frontlineAidNames");
      pane.style.zIndex = 610;  // above the badges (600), below popups (700)
      pane.style.pointerEvents = "none";
      map.on("zoomstart", function () { pane.style.opacity = 0; });  // until placed again
      map.on("zoomend", redraw);
      map.on("moveend resize", function () { if (layer._map) names(); });
    }
    pane.style.display = "";
    fan();
    L.Util.requestAnimFrame(names);
  }
  layer.on("add", attach);
  layer.on("remove", function () {
    if (pane) pane.style.display = "none";
    if (map) { map._frontlineTaken = []; map.fire("frontlineplaced"); }
  });
  if (layer._map) attach();
})();
{% endmacro %}
