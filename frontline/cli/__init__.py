"""The `frontline` command line: one click group, its commands in modules by what they do."""

from frontline.cli import (  # noqa: F401  (each registers its commands)
    acled,
    app,
    brief,
    exchange,
    ingest,
    places,
    records,
    reports,
    review,
    users,
)
from frontline.cli.common import main
from frontline.gazetteer.command import geocode

main.add_command(geocode)

__all__ = ["main"]
