{% macro script(this, kwargs) %}
/* The context layer (frontline/maps/context.py): per place, the events of the last `d.days`
   days that did not change control, as a soft violet disc whose radius grows with their number
   (d.radius: base + step x sqrt(n), capped), its centre d.alpha opaque, fading to its rim.
   Many places make a density, not one mark per event.
   `d.places` rows are compact lists read by name through `F` (d.fields): lat, lon, name,
   events, fatalities, unstated (events stating none), approximate (dated to a week or coarser),
   newest (text), types ("Battles 3 · Protests 1"). Names and types arrive escaped: the tooltip
   is HTML; the legend line is inserted as text.
   The discs share the situation layer's canvas (a second canvas above or below would take the
   pointer from one of them) and are sent to its back: under the areas, the routes and every
   place, whose own tooltip wins where they overlap. The map's container carries
   data-frontline-context (places drawn) and data-frontline-context-events once drawn. */
(function () {
  var group = {{ this._parent.get_name() }};
  var d = {{ this.payload }};
  var F = d.fields, COLOR = {{ this.color|tojson }};
  var map = null, layer = null, entry = null;
  var decoder = document.createElement("textarea");
  function text(escaped) { decoder.innerHTML = escaped; return decoder.value; }  // RCDATA: inert
  function plural(n, one, many) { return n.toLocaleString("en") + " " + (n === 1 ? one : many); }
  function rgba(alpha) {
    var n = parseInt(COLOR.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }
  function radius(n) { return Math.min(d.radius[2], d.radius[0] + d.radius[1] * Math.sqrt(n)); }

  var Disc = L.CircleMarker.extend({  // a radial fade: darker at the place, nothing at the rim
    _updatePath: function () {
      var r = this._renderer;
      if (!r._drawing || this._empty()) return;
      var ctx = r._ctx, p = this._point, k = this._radius;
      var fade = ctx.createRadialGradient(p.x, p.y, 0, p.x, p.y, k);
      fade.addColorStop(0, rgba(d.alpha)); fade.addColorStop(0.6, rgba(d.alpha * 0.55));
      fade.addColorStop(1, rgba(d.alpha * 0.1));
      ctx.beginPath(); ctx.arc(p.x, p.y, k, 0, 2 * Math.PI);
      ctx.globalAlpha = 1; ctx.fillStyle = fade; ctx.fill();
    }
  });

  function tip(p) {
    var s = "<b><bdi>" + p[F.name] + "</bdi></b><br>" + plural(p[F.events], "event", "events")
      + " that did not change control, in the " + d.days + " days to " + d.day
      + "<br>fatalities: " + p[F.fatalities].toLocaleString("en");
    if (p[F.unstated]) s += " (" + plural(p[F.unstated], "event states", "events state") + " none)";
    s += "<br><bdi>" + p[F.types] + "</bdi><br>newest: " + p[F.newest];
    if (p[F.approximate]) s += "<br>" + plural(p[F.approximate], "is", "are") + " dated only to the week or month";
    return s + "<br><i>context: never changes who holds the place</i>";
  }

  function sharedRenderer() {  // the canvas of this group's places, else one of our own
    var found = null;
    (function walk(l) {  // this group's: a map that was shown other days holds older canvases
      if (found) return;
      if (l.options && l.options.renderer instanceof L.Canvas) found = l.options.renderer;
      else if (l.eachLayer) l.eachLayer(walk);
    })(group);
    if (found) return found;
    if (!map.getPane("frontline")) map.createPane("frontline").style.zIndex = 450;
    return L.canvas({pane: "frontline", padding: 0.5, tolerance: 2});
  }

  function legendEntry() {  // a line in the map's legend, after its marks, as text
    var box = map.getContainer().querySelector(".frontline-legend-box");
    if (!box || entry) return;
    entry = document.createElement("div");
    entry.className = "frontline-legend-context";
    var swatch = entry.appendChild(document.createElement("span"));
    swatch.style.cssText = "display:inline-block;width:13px;height:13px;margin-right:4px;"
      + "vertical-align:-2px;border-radius:50%;background:radial-gradient(" + rgba(0.6) + ","
      + rgba(0.3) + " 60%," + rgba(0.05) + ")";
    entry.appendChild(document.createTextNode(text(d.legend)));
    box.insertBefore(entry, box.querySelector(".frontline-legend-areas"));
    map.fire("resize", {oldSize: map.getSize(), newSize: map.getSize()});  // labels move aside
  }

  var CSS = ".frontline-context-tip{white-space:normal;width:max-content;max-width:300px}";

  function attach(target) {
    map = target;
    if (!document.getElementById("frontline-context-css")) {  // a types line wraps, a name too
      var css = document.head.appendChild(document.createElement("style"));
      css.id = "frontline-context-css";
      css.textContent = CSS;
    }
    if (!layer) {
      var renderer = sharedRenderer();
      layer = L.featureGroup();
      d.places.forEach(function (p) {
        new Disc([p[F.lat], p[F.lon]], {renderer: renderer, radius: radius(p[F.events]), stroke: false,
                                        fillOpacity: 0}).bindTooltip(tip(p), {sticky: true, className: "frontline-context-tip"}).addTo(layer);
      });
    }
    group.addLayer(layer);
    layer.eachLayer(function (disc) { disc.bringToBack(); });  // fewest first: the most at the back
    legendEntry();
    var box = map.getContainer();
    box.dataset.frontlineContext = String(d.places.length);
    box.dataset.frontlineContextEvents = String(d.places.reduce(function (n, p) { return n + p[F.events]; }, 0));
  }

  group.on("add", function () { attach(group._map); });
  group.on("remove", function () {
    if (entry) { entry.remove(); entry = null; }
    if (map) { delete map.getContainer().dataset.frontlineContext; delete map.getContainer().dataset.frontlineContextEvents; }
  });
  if (group._map) attach(group._map);
})();
{% endmacro %}
