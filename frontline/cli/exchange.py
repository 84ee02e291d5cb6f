"""`frontline import …` and `frontline export …`: files in other tools' formats in and out."""

from __future__ import annotations

from frontline.cli.common import main


@main.group("import")
def import_group() -> None:
    """Bring records in from another tool's file (one transaction: all or nothing)."""


@main.group("export")
def export_group() -> None:
    """Write records out in another tool's format."""
