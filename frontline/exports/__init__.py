"""Records out in other tools' formats: GeoJSON for GIS, ACLED's columns, HXL (with the
importer, in `frontline.imports.hxl`, which shares its hashtag map)."""
