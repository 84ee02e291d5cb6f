"""HXL (the Humanitarian Exchange Language) in and out: CSV with a header row, then a row of
hashtags (`#date`, `#loc+name`, `#org+name` …) that says what each column is, as files on HDX
carry them.

This module is the public face the CLI (`frontline import|export hxl`) and the Import & export
page call; the work lives in small modules named for what they do, so each can be read alone:

- `hxl_tags`: the ONE hashtag map, used both ways (what `write` puts in a column is what `read`
  takes from it, so an export read back gives the same deliveries and events);
- `hxl_write`: the store out as HXL CSV;
- `hxl_sheet`: a file in — the hashtag row found wherever it is, bytes decoded, columns matched
  (by `libhxl`, never by hand);
- `hxl_places`, `hxl_actors`, `hxl_sources`: each row's place, armed groups and sources;
- `hxl_ids`: each row's outside id (a file's row counter namespaced by the file) and revision
  (a hash of the row, so a re-import leaves unchanged rows — and edits made since — alone);
- `hxl_read`: the batch `frontline.imports.batch.run` writes in one transaction.
"""

from __future__ import annotations

from frontline.imports.hxl_read import read
from frontline.imports.hxl_tags import ORIGIN, TAGS, Tag
from frontline.imports.hxl_write import write

__all__ = ["ORIGIN", "TAGS", "Tag", "read", "write"]
