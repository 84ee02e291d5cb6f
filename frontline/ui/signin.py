"""Sign-in on the pages, and who a page's change is recorded under.

Three set-ups (`frontline.auth`): no account and no OIDC — a single-user laptop, where the forms
ask who records and default to the system user; local accounts — a name and password form in
the sidebar; OIDC — Streamlit's `st.login` when `.streamlit/secrets.toml` has an `[auth]`
section, the role read from an account named by the identity's e-mail (else
FRONTLINE_OIDC_ROLE). With accounts or OIDC, only a signed-in editor or admin reaches a write
path, and the change is recorded under the signed-in name, never a typed one.
"""

from __future__ import annotations

import getpass
import time
from dataclasses import dataclass

import streamlit as st

from frontline import auth
from frontline.config import Settings
from frontline.ui import data, keys

MAX_FAILURES, WAIT_SECONDS = 5, 30  # then this session waits before trying again


@dataclass(frozen=True)
class Writer:
    """Who a change is recorded under. `typed`: a single-user laptop, where the form asks who
    records (defaulting to `name`, the system user); otherwise `name` is the signed-in one."""

    name: str
    typed: bool = False


def single_user(settings: Settings) -> bool:
    """No account in the store and no OIDC configured: sign-in is off."""
    return not auth.oidc_configured() and not auth.has_accounts(data.engine(settings))


def account(settings: Settings) -> auth.Account | None:
    """The account signed in to this session, if any."""
    if auth.oidc_configured():
        if not st.user.is_logged_in:
            return None
        name = str(st.user.get("email") or st.user.get("name") or "")
        return auth.Account(name, auth.role_of(data.engine(settings), name, settings.oidc_role))
    return st.session_state.get(keys.SIGNED_IN)


def writer(settings: Settings) -> Writer | None:
    """Who this session's changes are recorded under, or None when it may not write (nobody
    signed in, or a viewer)."""
    if single_user(settings):
        return Writer(getpass.getuser(), typed=True)
    signed = account(settings)
    return Writer(signed.name) if signed and signed.can_write else None


def may_view(settings: Settings) -> bool:
    """Whether the pages show anything: viewing is open, or someone is signed in."""
    return settings.viewing == "open" or single_user(settings) or account(settings) is not None


def sidebar(settings: Settings) -> None:
    """Signed in as whom, with a way out; or a way in when the store has accounts."""
    if single_user(settings):
        return
    signed = account(settings)
    if signed is not None:
        st.caption(f"Signed in as {signed.name} ({signed.role})")
        if st.button("Sign out", key=keys.SIGN_OUT):
            _sign_out()
        return
    if auth.oidc_configured():
        st.button("Sign in", on_click=st.login)
        return
    with st.expander("Sign in to record and edit", expanded=settings.viewing != "open"):
        sign_in_form(settings)


def sign_in_form(settings: Settings) -> None:
    """Name and password, checked against the store's accounts; a session that fails
    MAX_FAILURES times waits WAIT_SECONDS before the next try."""
    with st.form(keys.SIGN_IN_FORM, clear_on_submit=True):
        name = st.text_input("Name")
        password = st.text_input("Password", type="password")
        submitted = st.form_submit_button("Sign in")
    if not submitted:
        return
    failures, last = st.session_state.get(keys.SIGN_IN_FAILURES, (0, 0.0))
    if failures >= MAX_FAILURES and time.time() - last < WAIT_SECONDS:
        st.error(f"Too many failed sign-ins: wait {WAIT_SECONDS} seconds and try again.")
        return
    try:
        st.session_state[keys.SIGNED_IN] = auth.verify(data.engine(settings), name, password)
    except auth.AuthError as exc:
        st.session_state[keys.SIGN_IN_FAILURES] = (failures + 1, time.time())
        st.error(f"Not signed in: {exc}.")
        return
    st.session_state.pop(keys.SIGN_IN_FAILURES, None)
    st.rerun()


def _sign_out() -> None:
    if auth.oidc_configured():
        st.logout()
    st.session_state.pop(keys.SIGNED_IN, None)
    st.rerun()


def must_sign_in(settings: Settings) -> None:
    """When viewing needs an account and none is signed in: the sign-in form, and the page
    stops."""
    if may_view(settings):
        return
    st.info("This dashboard shows its data to signed-in accounts only.")
    if auth.oidc_configured():
        st.button("Sign in", on_click=st.login)
    else:
        sign_in_form(settings)
    st.stop()
