"""Accounts and roles (`frontline.auth`, `frontline users`, `frontline run`'s refusal), on
SQLite and PostgreSQL: a store without accounts works as a single-user laptop; once one exists,
only a signed-in editor changes the store, and under the signed-in name."""

import os

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from frontline import auth, store
from frontline.cli import main
from frontline.cli.app import listening_on, refuse_open_without_sign_in
from frontline.errors import ConfigError
from frontline.store.schema import audit_log, users

pytestmark = pytest.mark.store
PASSWORD = "correct horse battery"
EVENT = "hamdan-2016-06-29-is-recaptured"


def run(*args: str, env: dict | None = None, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env, input=stdin)
    return result.exit_code, result.output


def engine():
    e = store.connect(os.environ["FRONTLINE_DATABASE_URL"])
    store.upgrade(e)
    return e


def add(name: str, role: str, password: str | None = PASSWORD) -> None:
    with store.transaction(engine()) as conn:
        auth.add_user(conn, name, role, password, by="setup")


def signed(name: str, password: str = PASSWORD) -> dict:
    return {auth.USER_VARIABLE: name, auth.PASSWORD_VARIABLE: password}


def test_hashes_only_and_one_answer_for_every_failed_sign_in():
    add("alice", "editor")
    with engine().connect() as conn:
        (stored,) = conn.execute(sa.select(users.c.password_hash)).one()
        logged = conn.execute(sa.select(audit_log.c.after).where(audit_log.c.row_id == "alice"))
        after = logged.scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert "argon2" not in after and PASSWORD not in after and '"role": "editor"' in after
    assert auth.verify(engine(), "alice", PASSWORD) == auth.Account("alice", "editor")
    messages = set()
    for name, password in (("alice", "wrong password"), ("nobody", PASSWORD), ("alice", "")):
        with pytest.raises(auth.AuthError) as failed:
            auth.verify(engine(), name, password)
        messages.add(str(failed.value))
    assert messages == {"unknown name or wrong password"}


def test_refuses_weak_or_odd_accounts():
    for name, role, password, message in (
        ("bob", "editor", "short", "at least 10"),
        ("bob", "owner", PASSWORD, "role must be one of"),
        ("bo\nb", "editor", PASSWORD, "printable"),
    ):
        with pytest.raises(auth.AuthError, match=message), store.transaction(engine()) as conn:
            auth.add_user(conn, name, role, password, by="t")
    add("bob", "viewer")
    with pytest.raises(auth.AuthError, match="exists already"):
        add("bob", "admin")


def test_a_disabled_account_signs_in_no_more():
    add("carol", "editor")
    with store.transaction(engine()) as conn:
        auth.disable(conn, "carol", by="admin")
    with pytest.raises(auth.AuthError):
        auth.verify(engine(), "carol", PASSWORD)


def test_without_accounts_the_cli_records_by_or_the_system_user():
    assert auth.cli_identity(engine(), "Lina", env={}) == "Lina"
    assert auth.cli_identity(engine(), None, env={}) == os.environ.get(
        "USER", auth.getpass.getuser()
    )
    code, out = run("delete", "event", EVENT, "--by", "Lina", "--reason", "check")
    assert code == 0, out


def test_with_accounts_only_a_signed_in_editor_writes_and_under_its_name():
    add("ed", "editor")
    add("vi", "viewer")
    assert run("users", "list")[0] == 0  # the store filled from data/ before counting
    with engine().connect() as conn:
        before = store.audit_entries(conn)
    for env, message in (
        ({}, "set FRONTLINE_USER and FRONTLINE_PASSWORD"),
        (signed("ed", "wrong password"), "unknown name or wrong password"),
        (signed("vi"), "vi is signed in as viewer; this needs the editor role"),
    ):
        code, out = run("delete", "event", EVENT, "--by", "ed", "--reason", "x", env=env)
        assert code == 1 and message in out, out
    code, out = run("delete", "event", EVENT, "--by", "someone", "--reason", "x", env=signed("ed"))
    assert code == 1 and "is not the signed-in account (ed)" in out
    with engine().connect() as conn:
        assert store.audit_entries(conn) == before  # nothing refused was written
    code, out = run("delete", "event", EVENT, "--reason", "retracted", env=signed("ed"))
    assert code == 0, out
    with engine().connect() as conn:
        assert store.audit_entries(conn, EVENT)[-1]["by"] == "ed"


def test_users_command_first_account_then_admins_only():
    code, out = run("users", "list")
    assert code == 0 and "single-user mode" in out
    code, out = run("users", "add", "root", "--role", "admin", "--password-stdin",
                    stdin=PASSWORD + "\n")  # fmt: skip
    assert code == 0 and out.strip() == "added admin root"
    code, out = run("users", "add", "eve", "--role", "editor", "--password-stdin",
                    stdin=PASSWORD + "\n")  # fmt: skip
    assert code == 1 and "set FRONTLINE_USER" in out
    add("ed", "editor")
    code, out = run("users", "add", "eve", "--role", "editor", "--password-stdin",
                    stdin=PASSWORD + "\n", env=signed("ed"))  # fmt: skip
    assert code == 1 and "needs the admin role" in out
    code, out = run("users", "add", "lead@example.org", "--role", "editor", "--oidc",
                    env=signed("root"))  # fmt: skip
    assert code == 0, out
    code, out = run("users", "list")
    assert "lead@example.org\teditor\tOIDC" in out and "root\tadmin\tpassword" in out
    assert PASSWORD not in out and "argon2" not in out
    code, out = run("users", "disable", "ed", env=signed("root"))
    assert code == 0 and "disabled" in run("users", "list")[1]


@pytest.mark.parametrize(
    ("env_host", "args", "address"),
    [
        (None, [], "127.0.0.1"),
        ("0.0.0.0", [], "0.0.0.0"),
        ("0.0.0.0", ["--server.address", "127.0.0.1"], "127.0.0.1"),
        (None, ["--server.address=10.0.0.5"], "10.0.0.5"),
    ],
)
def test_the_address_the_server_listens_on(env_host, args, address):
    assert listening_on(env_host, args) == address


def test_a_server_open_to_the_network_needs_sign_in():
    for loopback in ("127.0.0.1", "::1", "localhost", "127.0.0.2"):
        refuse_open_without_sign_in(loopback, sign_in=False)
    for open_ in ("0.0.0.0", "::", "", "10.0.0.5", "frontline.example.org"):
        with pytest.raises(ConfigError, match="refusing to listen"):
            refuse_open_without_sign_in(open_, sign_in=False)
        refuse_open_without_sign_in(open_, sign_in=True)


def test_frontline_run_refuses_before_starting_streamlit(monkeypatch):
    started = []
    monkeypatch.setattr(os, "execv", lambda *a: started.append(a))
    code, out = run("run", env={"FRONTLINE_HOST": "0.0.0.0"})
    assert code == 1 and "refusing to listen on 0.0.0.0" in out and not started
    add("root", "admin")
    code, out = run("run", env={"FRONTLINE_HOST": "0.0.0.0"})
    assert code == 0 and started


def test_oidc_is_configured_by_an_auth_section_of_secrets(tmp_path):
    folder = tmp_path / ".streamlit"
    folder.mkdir()
    assert not auth.oidc_configured((folder,))
    (folder / "secrets.toml").write_text("[other]\nx = 1\n")
    assert not auth.oidc_configured((folder,))
    (folder / "secrets.toml").write_text(
        '[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\n'
    )
    assert auth.oidc_configured((folder,))


def test_an_oidc_identity_takes_its_accounts_role_else_the_default():
    add("lead@example.org", "editor", password=None)
    assert auth.role_of(engine(), "lead@example.org") == "editor"
    assert auth.role_of(engine(), "stranger@example.org", default="viewer") == "viewer"
    with pytest.raises(auth.AuthError):  # an OIDC account has no password to sign in with
        auth.verify(engine(), "lead@example.org", "")


def test_nobody_records_as_the_data_loader():
    """A delivery recorded 'by data/' was retired by the next `frontline load` (issue 16)."""
    code, out = run("delete", "event", EVENT, "--by", "data/", "--reason", "x")
    assert code == 1 and "curated loader's name" in out
    with pytest.raises(auth.AuthError, match="curated loader"):
        add("DATA/", "editor")
