/* Clustering of map points, per zoom, in the browser (the one place this rule lives; the zooms
   and the reach come from frontline/clusters.py): at a zoom up to `last`, points closer than
   about `cellPx` screen pixels share a cell of a grid and are drawn as one cluster. Latitude
   cells shrink by the cosine of the points' mean latitude, so cells are about square on screen
   in the region the map shows. Returns the clusters (two points or more), each the indices of
   its members in index order, numbered by their first member; the points in none are drawn
   alone. `lat(i)` and `lon(i)` read point i of `count`. */
function frontlineClusters(count, lat, lon, zoom, cellPx, last) {
  if (zoom > last || !count) return [];
  var sum = 0, known = 0, i;
  for (i = 0; i < count; i++) { if (isFinite(lat(i))) { sum += lat(i); known += 1; } }
  var squeeze = Math.max(Math.cos((known ? sum / known : 0) * Math.PI / 180), 0.2);
  var size = cellPx * 360 / (256 * Math.pow(2, zoom)), cells = new Map(), out = [];
  for (i = 0; i < count; i++) {
    var key = Math.floor(lon(i) / size) + ":" + Math.floor(lat(i) / (size * squeeze));
    var cell = cells.get(key);
    if (cell) cell.push(i); else cells.set(key, [i]);
  }
  cells.forEach(function (members) { if (members.length > 1) out.push(members); });
  return out;
}
