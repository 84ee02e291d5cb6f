"""Commands that serve the dashboard and its static files."""

from __future__ import annotations

import ipaddress
import os
import sys

import click

from frontline import assets, auth
from frontline.cli.common import edge as _edge
from frontline.cli.common import main
from frontline.config import PROJECT_ROOT, load_settings
from frontline.errors import ConfigError
from frontline.seeding import open_store

HOST_VARIABLE = "FRONTLINE_HOST"  # where the server listens; .streamlit/config.toml: 127.0.0.1
WILDCARDS = ("0.0.0.0", "::", "")  # noqa: S104 (listening on every interface, when asked)

# Streamlit, with its guesses of this machine's addresses answered before it makes them: it
# would ask a web service (checkip.amazonaws.com) for the external one whenever a page from
# another site opens a websocket, and at start when listening on every interface. Streamlit
# treats a failed guess as "none" (its net_util says such misses "fail closed").
STREAMLIT = (
    "import streamlit.net_util as n; n._external_ip = n._internal_ip = ''\n"
    "from streamlit.web.cli import main; main(prog_name='streamlit')"
)


@main.command("assets")
def assets_command() -> None:
    """Copy Leaflet from its installed package into static/, for maps that work offline."""
    click.echo(f"Leaflet served from {assets.install_static()}")


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
@_edge
def run(ctx: click.Context) -> None:
    """Start the dashboard (extra options go to `streamlit run`). It listens on 127.0.0.1
    unless FRONTLINE_HOST or --server.address names another address (0.0.0.0: every one)."""
    engine = open_store(load_settings())
    refuse_open_without_sign_in(listening_on(os.environ.get(HOST_VARIABLE), ctx.args),
                                auth.has_accounts(engine) or auth.oidc_configured())  # fmt: skip
    assets.install_static()
    command = [sys.executable, "-c", STREAMLIT, "run", str(PROJECT_ROOT / "dashboard.py"),
               *host_options(os.environ.get(HOST_VARIABLE), ctx.args), *ctx.args]  # fmt: skip
    os.chdir(PROJECT_ROOT)
    os.execv(sys.executable, command)  # become Streamlit: a signal to us reaches the server


def listening_on(host: str | None, args: list[str]) -> str:
    """The address the server will listen on: --server.address, else FRONTLINE_HOST, else
    the loopback address of .streamlit/config.toml."""
    for i, arg in enumerate(args):
        if arg.startswith("--server.address="):
            return arg.split("=", 1)[1]
        if arg == "--server.address" and i + 1 < len(args):
            return args[i + 1]
    return host or "127.0.0.1"


def refuse_open_without_sign_in(address: str, sign_in: bool) -> None:
    """A server other machines can reach must have accounts or OIDC: otherwise anyone on the
    network could record and delete as anyone."""
    if sign_in or _loopback(address):
        return
    raise ConfigError(f"refusing to listen on {address or 'every address'} with no sign-in: "
                      "add an account first (frontline users add NAME --role admin) or "
                      "configure OIDC in .streamlit/secrets.toml")  # fmt: skip


def _loopback(address: str) -> bool:
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface


def host_options(host: str | None, args: list[str]) -> list[str]:
    """Streamlit's flags for FRONTLINE_HOST, unless the command line sets the address itself;
    a specific address is also the one printed for the browser (a wildcard prints localhost)."""
    if not host or any(a.startswith("--server.address") for a in args):
        return []
    shown = [] if host in WILDCARDS else ["--browser.serverAddress", host]
    return ["--server.address", host, *shown]
