"""Commands that serve the dashboard and its static files."""

from __future__ import annotations

import os
import sys

import click

from frontline import assets
from frontline.cli.common import edge as _edge
from frontline.cli.common import main
from frontline.config import PROJECT_ROOT, load_settings
from frontline.seeding import open_store


@main.command("assets")
def assets_command() -> None:
    """Copy Leaflet from its installed package into static/, for maps that work offline."""
    click.echo(f"Leaflet served from {assets.install_static()}")


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
@_edge
def run(ctx: click.Context) -> None:
    """Start the dashboard (extra options go to `streamlit run`)."""
    open_store(load_settings())
    assets.install_static()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(PROJECT_ROOT / "dashboard.py"),
        *ctx.args,
    ]
    os.chdir(PROJECT_ROOT)
    os.execv(sys.executable, command)  # become Streamlit: a signal to us reaches the server
