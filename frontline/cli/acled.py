"""`frontline import acled` and `frontline export acled`."""

from __future__ import annotations

from frontline.cli.exchange import export_group, import_group  # noqa: F401  (their subcommands)
