"""What every `frontline` command shares: the group, options, error edge and output."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

import click
import pandas as pd
from sqlalchemy.engine import Engine

from frontline import auth
from frontline.config import load_settings
from frontline.dataset import Dataset
from frontline.errors import FrontlineError
from frontline.io.export import to_csv, to_json
from frontline.seeding import open_store

DAY = click.DateTime(["%Y-%m-%d"])
FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="Output format.",
)


def edge(func: Callable) -> Callable:
    """Translate Frontline errors into one line on stderr and exit status 1."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except FrontlineError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


BY = click.option(
    "--by",
    default=None,
    help="Who makes the change, on a store without accounts (default: the system user). "
    "With accounts it is recorded under the signed-in FRONTLINE_USER.",
)


def writer(engine: Engine, by: str | None = None, role: str = "editor") -> str:
    """Who this command's change is recorded under (`frontline.auth.cli_identity`): the
    signed-in account once the store has accounts, else `--by` or the system user."""
    return auth.cli_identity(engine, by, role)


def dataset() -> Dataset:
    """Open the store (brought to head, and filled from data/ when empty), then read it: one
    Dataset per command, its lookups shared by the reports the command prints."""
    return Dataset.read(open_store(load_settings()))


def emit(frame: pd.DataFrame, fmt: str) -> None:
    """A table as JSON records or as CSV."""
    click.echo(to_json(frame) if fmt == "json" else to_csv(frame), nl=fmt == "json")


@click.group()
@click.version_option(package_name="frontline")
def main() -> None:
    """Frontline: territorial control and aid deliveries, from their sources."""
