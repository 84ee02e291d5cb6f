"""The Aid page's delivery form: shown only to a session that may write (`signin.writer`), it
takes what was typed — counts as text, so "2.5", "-5" or a 20-digit number reach the form's
checks (`frontline.forms`) instead of being rounded or dropped by a number widget; dates in a
wide picker, so a future date is named, not clamped — and records create-only
(`frontline.recording`): a resubmission is told when and by whom, never saved over."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import streamlit as st

from frontline import forms, labels, recording
from frontline.errors import FrontlineError, ValidationError
from frontline.html_text import markdown_literal
from frontline.ui import data, keys, signin
from frontline.ui.frame import PageContext

FORM_FIELDS = {
    "published_at": "source date",
    "beneficiaries": "people reached",
    "publisher": "source publisher",
    "title": "source title",
    "recorded_by": "recorded by",
    "organisations": "organisations",
}  # how the form names its fields in its messages
ITEMS = ["food", "medical", "water", "shelter", "fuel", "hygiene"]
# The pickers' own bounds are wide on purpose: a date outside them would be refused by the
# widget without a word; inside them the form names a date before 2011 or after today.
PICKER_DATES = {"min_value": dt.date(1900, 1, 1), "max_value": dt.date(2099, 12, 31),
                "format": "YYYY-MM-DD"}  # fmt: skip
SIGN_IN_FIRST = "Sign in as an editor (sidebar) to record a delivery."


def known_values(frame: pd.DataFrame, column: str) -> list[str]:
    """Every value of a list column, sorted (the pickers' choices)."""
    return sorted({v for values in frame[column] for v in values})


def delivery_form(ctx: PageContext) -> None:
    """Record a delivery as the signed-in editor (or, on a single-user laptop, as the name the
    form asks for); nothing at all for a session that may not write. Each problem shows beside
    its field and the form keeps what was typed."""
    who = signin.writer(ctx.settings)
    if who is None:
        st.info(SIGN_IN_FIRST)
        return
    slots: dict[str, object] = {}
    with st.form(keys.DELIVERY_FORM, clear_on_submit=False):
        st.markdown("**Record a delivery**")
        typed = _fields(ctx, slots)
        if who.typed:
            typed["recorded_by"] = st.text_input("Recorded by", value=who.name)
            slots["recorded_by"] = st.empty()
        else:
            st.caption(f"Recording as {markdown_literal(who.name)}")
        submitted = st.form_submit_button("Save delivery")
    if submitted:
        typed.setdefault("recorded_by", who.name)  # signed in: the account, never a typed name
        _submit(ctx, forms.DeliveryForm(**typed), slots)


def _fields(ctx: PageContext, slots: dict[str, object]) -> dict[str, object]:
    """The form's widgets, two columns, each with a slot under it for its problems; their
    values by the DeliveryForm field they fill."""
    labels_by_id = data.place_labels(ctx.settings, ctx.version)
    a, b = st.columns(2)
    values: dict[str, object] = {}
    values["destination_id"] = a.selectbox(
        "Destination", sorted(labels_by_id, key=labels_by_id.get), index=None,
        format_func=labels_by_id.get, placeholder="Type a place name",
    )  # fmt: skip
    slots["destination"] = a.empty()
    values["date"] = b.date_input("Date", value=min(ctx.view.as_of, dt.date.today()),
                                  **PICKER_DATES)  # fmt: skip
    slots["date"] = b.empty()
    known_orgs = known_values(ctx.dataset.aid_deliveries, "organisations")
    values["organisations"] = a.multiselect("Organisations", known_orgs, accept_new_options=True)
    slots["organisations"] = a.empty()
    values["items"] = b.multiselect("Items", ITEMS, accept_new_options=True)
    slots["items"] = b.empty()
    values["trucks"] = a.text_input("Trucks", placeholder="a whole number, e.g. 12")
    slots["trucks"] = a.empty()
    values["beneficiaries"] = b.text_input("People reached", placeholder="a whole number")
    slots["beneficiaries"] = b.empty()
    values["publisher"] = a.text_input("Source publisher")
    slots["publisher"] = a.empty()
    values["title"] = b.text_input("Source title")
    slots["title"] = b.empty()
    values["url"] = a.text_input("Source address (optional)")
    slots["url"] = a.empty()
    values["published_at"] = b.date_input("Source date", value=None, **PICKER_DATES)
    slots["published_at"] = b.empty()
    values["quote"] = st.text_area("Quote from the source")
    slots["quote"] = st.empty()
    return values


def _submit(ctx: PageContext, form: forms.DeliveryForm, slots: dict) -> None:
    places = data.gazetteer_places(ctx.settings, ctx.version)
    try:
        rows = forms.delivery_rows(form, places)
        outcome = data.save(ctx.settings, rows, form.recorded_by.strip())
    except ValidationError as exc:
        _show_problems(forms.by_field(exc), slots)
        return
    except FrontlineError as exc:
        st.error(markdown_literal(str(exc)))
        return
    _saved(outcome)


def _show_problems(problems: dict[str, list[str]], slots: dict) -> None:
    """Each problem in the slot under its field ('trucks: must be 0 or more'); any other below."""
    for name, reasons in problems.items():
        text = f"{FORM_FIELDS.get(name, labels.column(name).lower())}: {'; '.join(reasons)}"
        (slots[name] if name in slots else st).error(text)
    st.warning(f"Not saved: {sum(map(len, problems.values()))} problem(s), shown by their fields.")


def _saved(outcome: recording.Outcome) -> None:
    """Saved; or recorded before (by whom, when; deleted since, or different from this)."""
    if outcome.created:
        st.success(outcome.message)
        return
    shown = dataclasses.replace(outcome, recorded_by=markdown_literal(outcome.recorded_by or ""))
    (st.warning if outcome.deleted or outcome.differs else st.info)(shown.message)
