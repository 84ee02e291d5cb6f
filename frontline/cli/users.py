"""`frontline users`: the accounts of a team that signs in. The first account may be made by
whoever runs the command (the store has no accounts yet, so nobody can sign in); from then on
only a signed-in admin (FRONTLINE_USER, FRONTLINE_PASSWORD) adds or disables accounts."""

from __future__ import annotations

import sys

import click

from frontline import auth, store
from frontline.cli.common import edge, main, writer
from frontline.config import ROLES, load_settings
from frontline.seeding import open_store


@main.group("users")
def users_group() -> None:
    """Accounts: who may sign in, and as what (viewer, editor, admin)."""


@users_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin's first line.")
@click.option("--oidc", is_flag=True, help="No password: signs in by OIDC; NAME is its e-mail.")
@edge
def add(name: str, role: str, password_stdin: bool, oidc: bool) -> None:
    """Add an account. Without --password-stdin or --oidc the password is asked twice."""
    engine = open_store(load_settings())
    by = writer(engine, role="admin")
    password = None if oidc else _password(password_stdin)
    with store.transaction(engine) as conn:
        added = auth.add_user(conn, name, role, password, by=by)
    click.echo(f"added {added.role} {added.name}")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_group.command("list")
@edge
def list_users() -> None:
    """Every account, its role and whether it is disabled (never its password)."""
    engine = open_store(load_settings())
    with engine.connect() as conn:
        found = auth.accounts(conn)
    for a in found:
        way = "password" if a["has_password"] else "OIDC"
        state = f", disabled {a['disabled_at']:%Y-%m-%d}" if a["disabled_at"] else ""
        click.echo(f"{a['name']}\t{a['role']}\t{way}{state}")
    if not found:
        click.echo("no accounts: this store is in single-user mode")


@users_group.command("disable")
@click.argument("name")
@edge
def disable(name: str) -> None:
    """Stop an account signing in (it is kept, with its history)."""
    engine = open_store(load_settings())
    by = writer(engine, role="admin")
    with store.transaction(engine) as conn:
        auth.disable(conn, name, by=by)
    click.echo(f"disabled {name}")
