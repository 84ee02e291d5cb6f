/* The briefing's presenter: one section at a time, stepped with the buttons, the arrow keys,
   Page Up/Down, Space, Home/End or a section's number; the section is kept in the address's
   #fragment, so a reload or a shared file reopens on it. "P" prints (one page per section).
   Embedded in the Briefing page, the page's own buttons step and this hands them the keys. */
(function () {
  "use strict";
  var root = document.documentElement;
  var sections = Array.prototype.slice.call(document.querySelectorAll(".brief-section"));
  var ids = sections.map(function (s) { return s.id; });
  var embedded = root.classList.contains("embedded");
  var current = -1;

  function leafletMap() {
    var el = document.querySelector(".folium-map");
    return el ? window[el.id] : null;
  }

  function narrow() { return window.matchMedia && window.matchMedia("(max-width: 800px)").matches; }

  // One map serves every section with a slot for it: shown, a section takes the map into its
  // slot, fitted to the slot's places (what changed) or to every place. Print and a phone keep
  // it in the first section, where every page and the scrolled list expect it.
  function slotFor(section) {
    var slot = section && section.querySelector(".map-slot");
    var printing = window.matchMedia && window.matchMedia("print").matches;
    return slot && !printing && !narrow() ? slot : document.getElementById("home-slot");
  }

  function refit(section) {
    var map = leafletMap();
    if (!map) return;
    var slot = slotFor(section);
    if (slot && map.getContainer().parentNode !== slot) slot.appendChild(map.getContainer());
    var box = slot && slot.getAttribute("data-bounds");
    map.invalidateSize(false);
    box = box ? JSON.parse(box) : map._frontlineBounds;
    if (box) map.fitBounds(box, {padding: [40, 40], animate: false, maxZoom: 9});
  }

  function show(index, scroll) {
    index = Math.max(0, Math.min(sections.length - 1, index));
    var changed = index !== current;
    current = index;
    sections.forEach(function (s, i) {
      s.classList.toggle("active", i === index);
      s.setAttribute("aria-hidden", i === index ? "false" : "true");
    });
    document.querySelectorAll(".brief-nav [data-go]").forEach(function (b) {
      b.setAttribute("aria-current", b.getAttribute("data-go") === ids[index] ? "true" : "false");
    });
    if (!embedded && location.hash !== "#" + ids[index]) {
      history.replaceState(null, "", "#" + ids[index]);
    }
    if (changed && sections[index].querySelector(".map-slot")) refit(sections[index]);
    if (changed && scroll && narrow()) sections[index].scrollIntoView();
  }

  // The dark theme darkens the land the borders fill (the base map draws it light).
  var LAND = {light: {fillColor: "#f2efe9", color: "#555"}, dark: {fillColor: "#2a2f37", color: "#8b96a4"}};
  function paintLand() {
    var map = leafletMap(), dark = root.classList.contains("theme-dark");
    if (!map) return;
    map.eachLayer(function (layer) {
      var o = layer.feature && layer.options;
      if (o && (o.fillColor === LAND.light.fillColor || o.fillColor === LAND.dark.fillColor)) {
        layer.setStyle(dark ? LAND.dark : LAND.light);
      }
    });
  }

  function fromHash() {
    var i = ids.indexOf(location.hash.slice(1));
    return i >= 0 ? i : -1;
  }

  var KEYS = {ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1};

  function forward(event) {  // embedded: the page's buttons own the keys
    try {
      var init = {key: event.key, code: event.code, bubbles: true, cancelable: true};
      window.parent.document.dispatchEvent(new KeyboardEvent("keydown", init));
    } catch (e) { /* a page of another origin: nothing to hand on to */ }
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key;
    if (embedded) {
      if (KEYS[key]) { event.preventDefault(); forward(event); }
      return;
    }
    if (KEYS[key]) show(current + KEYS[key], true);
    else if (key === "Home") show(0, true);
    else if (key === "End") show(sections.length - 1, true);
    else if (/^[1-9]$/.test(key) && +key <= sections.length) show(+key - 1, true);
    else if (key === "p" || key === "P") window.print();
    else return;
    event.preventDefault();
  });

  document.querySelectorAll(".brief-nav button").forEach(function (b) {
    b.addEventListener("click", function () {
      if (b.hasAttribute("data-go")) show(ids.indexOf(b.getAttribute("data-go")), true);
      else if (b.hasAttribute("data-step")) show(current + Number(b.getAttribute("data-step")), true);
      else if (b.classList.contains("theme")) {
        root.classList.toggle("theme-dark");
        root.classList.toggle("theme-light");
        paintLand();
      }
      b.blur();  // so that Space steps on, rather than pressing the button again
    });
  });

  window.addEventListener("hashchange", function () {
    var i = fromHash();
    if (i >= 0) show(i, true);
  });
  // print shows every section, each its own page: the map's box changes size both ways
  // Chromium prints Leaflet's live canvases (the places, the rivers and roads) as opaque white
  // boxes that hide the borders and names under them; a fresh canvas holding a copy of each
  // prints as drawn. The copies show in print only, and are remade once the map has redrawn.
  function printCopies() {
    var map = leafletMap();
    if (!map) return;
    var box = map.getContainer();
    box.querySelectorAll("canvas.fl-print-copy").forEach(function (c) { c.remove(); });
    box.querySelectorAll(".leaflet-pane canvas:not(.fl-print-copy)").forEach(function (live) {
      if (!live.width || !live.height) return;  // nothing drawn yet: nothing to copy
      var copy = document.createElement("canvas");
      copy.width = live.width; copy.height = live.height;
      copy.style.cssText = live.style.cssText;
      copy.className = "fl-print-copy";
      copy.getContext("2d").drawImage(live, 0, 0);
      live.classList.add("fl-print-live");
      live.parentNode.insertBefore(copy, live);
    });
  }

  function again() {
    refit(sections[current]);
    printCopies();
    if (window.requestAnimationFrame) requestAnimationFrame(function () { requestAnimationFrame(printCopies); });
  }
  window.addEventListener("beforeprint", again);
  window.addEventListener("afterprint", again);
  if (window.matchMedia) {
    ["print", "(max-width: 800px)"].forEach(function (query) {
      var list = window.matchMedia(query);
      if (list.addEventListener) list.addEventListener("change", again);
    });
  }

  paintLand();
  var start = embedded ? -1 : fromHash();
  // on a phone the sections follow one another: scroll to the one asked for
  show(start >= 0 ? start : Math.max(0, ids.indexOf(root.getAttribute("data-start"))), start >= 0 || embedded);
  window.frontlineBriefing = {show: show, current: function () { return ids[current]; }};
})();
