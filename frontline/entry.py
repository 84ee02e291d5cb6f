"""The `frontline` executable: `geocode` runs without loading the rest of the CLI (pandas, the
store), so that a script geocoding one name at a time pays little per call."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["geocode"]:
        from frontline.gazetteer.command import geocode

        geocode(args=sys.argv[2:], prog_name="frontline geocode")
        return
    from frontline.cli import main as full

    full()
