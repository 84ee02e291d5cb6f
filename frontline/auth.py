"""Who may change the store: accounts, roles and the identity a change is recorded under.

A store with no account is a single-user laptop: it works as before sign-in existed, and a
change is recorded under the name given (`--by`) or the system user. Once any account exists,
writing needs a signed-in editor or admin: on the pages through the sign-in form (or OIDC, see
`frontline.ui.signin`), on the command line through FRONTLINE_USER and FRONTLINE_PASSWORD —
and the audit trail holds that identity, never a typed name. Passwords are kept only as argon2id
hashes; a wrong name and a wrong password get the same answer.
"""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import argon2
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from frontline.config import PROJECT_ROOT, ROLES
from frontline.errors import FrontlineError
from frontline.store import audit
from frontline.store.schema import users

WRITERS = ("editor", "admin")
RESERVED = ("data/",)  # the curated loader's name: its rows are retired when data/ drops them
MIN_PASSWORD = 10  # characters; NIST SP 800-63B asks at least 8 of a chosen password
# the CLI's sign-in; the web app never reads them
USER_VARIABLE, PASSWORD_VARIABLE = "FRONTLINE_USER", "FRONTLINE_PASSWORD"
_HASHER = argon2.PasswordHasher()  # argon2id with the library's current parameters


@cache
def _unknown() -> str:
    """A hash to verify against when the name is unknown, made once."""
    return _HASHER.hash("a password no account has")


class AuthError(FrontlineError):
    """A sign-in that failed, or a change the signed-in role may not make."""


@dataclass(frozen=True)
class Account:
    """A signed-in person: who, and what they may do."""

    name: str
    role: str

    @property
    def can_write(self) -> bool:
        return self.role in WRITERS


def has_accounts(source: Engine | Connection) -> bool:
    """Whether any account exists: from then on, writing needs a signed-in editor."""
    if isinstance(source, Engine):
        with source.connect() as conn:
            return has_accounts(conn)
    return source.execute(sa.select(users.c.name).limit(1)).first() is not None


def add_user(conn: Connection, name: str, role: str, password: str | None, by: str) -> Account:
    """Create an account (audited, without its hash). `password` None: an account that signs in
    through OIDC only (its name is the e-mail the provider gives)."""
    name = name.strip()
    if not name or len(name) > 200 or any(not c.isprintable() for c in name):
        raise AuthError("an account's name is 1 to 200 printable characters")
    _not_reserved(name)
    if role not in ROLES:
        raise AuthError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if password is not None and len(password) < MIN_PASSWORD:
        raise AuthError(f"a password needs at least {MIN_PASSWORD} characters")
    if conn.execute(sa.select(users.c.name).where(users.c.name == name)).first():
        raise AuthError(f"an account named {name!r} exists already")
    at = audit.now()
    hashed = None if password is None else _HASHER.hash(password)
    conn.execute(users.insert().values(name=name, role=role, password_hash=hashed, created_at=at))
    shown = {"name": name, "role": role, "signs_in_with": "password" if password else "OIDC"}
    audit.write(conn, [audit.entry("users", name, "create", by, at, None, shown)])
    return Account(name, role)


def accounts(conn: Connection) -> list[dict]:
    """Every account, without its hash."""
    query = sa.select(users.c.name, users.c.role, users.c.created_at, users.c.disabled_at,
                      users.c.password_hash.is_not(None).label("has_password"))  # fmt: skip
    return [dict(r) for r in conn.execute(query.order_by(users.c.name)).mappings()]


def _live(conn: Connection, name: str) -> sa.RowMapping | None:
    query = sa.select(users).where(users.c.name == name, users.c.disabled_at.is_(None))
    return conn.execute(query).mappings().first()


def verify(source: Engine | Connection, name: str, password: str) -> Account:
    """The account if the password is its own; else AuthError, the same for any failure (a
    hash is checked even for an unknown name, so timing does not tell names apart)."""
    if isinstance(source, Engine):
        with source.connect() as conn:
            return verify(conn, name, password)
    row = _live(source, name.strip())
    try:
        _HASHER.verify(row["password_hash"] if row and row["password_hash"] else _unknown(),
                       password)  # fmt: skip
    except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
        row = None
    if row is None or not row["password_hash"]:
        raise AuthError("unknown name or wrong password")
    return Account(row["name"], row["role"])


def role_of(source: Engine | Connection, name: str, default: str = "viewer") -> str:
    """The role of a live account (an OIDC identity with no account: `default`)."""
    if isinstance(source, Engine):
        with source.connect() as conn:
            return role_of(conn, name, default)
    row = _live(source, name)
    return row["role"] if row else default


def disable(conn: Connection, name: str, by: str) -> None:
    """Stop an account signing in (kept, never deleted; audited)."""
    row = _live(conn, name)
    if row is None:
        raise AuthError(f"no enabled account named {name!r}")
    at = audit.now()
    conn.execute(users.update().where(users.c.name == name).values(disabled_at=at))
    before = {"name": name, "role": row["role"]}
    audit.write(conn, [audit.entry("users", name, "delete", by, at, before,
                                   {**before, "disabled_at": at})])  # fmt: skip


def cli_identity(engine: Engine, by: str | None = None, role: str = "editor",
                 env: dict[str, str] | None = None) -> str:  # fmt: skip
    """Who a command's change is recorded under. No account: `by`, else the system user. With
    accounts: the account FRONTLINE_USER / FRONTLINE_PASSWORD sign in as, which must hold
    `role` (or above); a `--by` naming someone else is refused, not recorded."""
    env = dict(os.environ if env is None else env)
    if not has_accounts(engine):
        return _not_reserved((by or "").strip() or getpass.getuser())
    name, password = env.get(USER_VARIABLE, ""), env.get(PASSWORD_VARIABLE, "")
    if not name or not password:
        raise AuthError(f"this store has accounts: set {USER_VARIABLE} and {PASSWORD_VARIABLE} "
                        "to an editor's name and password to change it")  # fmt: skip
    account = verify(engine, name, password)
    require(account, role)
    if by and by.strip() != account.name:
        raise AuthError(f"--by {by.strip()!r} is not the signed-in account "
                        f"({account.name}): changes are recorded under the signed-in name, "
                        "so leave --by out")  # fmt: skip
    return account.name


def _not_reserved(name: str) -> str:
    """A person may not act as the data/ loader: its rows are retired by the next load."""
    if name.casefold() in RESERVED:
        raise AuthError(f"{name!r} is the curated loader's name, not a person's: give your own")
    return name


def require(account: Account, role: str = "editor") -> None:
    """Refuse unless `account` holds `role` or a higher one."""
    if ROLES.index(account.role) < ROLES.index(role):
        raise AuthError(f"{account.name} is signed in as {account.role}; this needs the "
                        f"{role} role")  # fmt: skip


def oidc_configured(folders: tuple[Path, ...] | None = None) -> bool:
    """Whether Streamlit's secrets.toml holds an [auth] section, so `st.login` can sign in.
    The project's and the user's files are read once a process (every page run asks): a
    change to them takes effect when the server restarts."""
    return _oidc_in(folders) if folders is not None else _oidc_in_default()


@cache
def _oidc_in_default() -> bool:
    return _oidc_in((PROJECT_ROOT / ".streamlit", Path.home() / ".streamlit"))


def _oidc_in(folders: tuple[Path, ...]) -> bool:
    for folder in folders:
        path = folder / "secrets.toml"
        if path.is_file():
            with path.open("rb") as handle:
                if "auth" in tomllib.load(handle):
                    return True
    return False
