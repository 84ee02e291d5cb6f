"""Properties, whatever the input (hypothesis): the forms give rows or a ValidationError naming
fields, never another exception, and store a typed whole number as typed; name folding never
raises and is idempotent, blind to case and diacritics; dates parse or raise ValueError, and a
parsed partial date formats back to what was typed."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from frontline import dates, forms, gazetteer, names, typed
from frontline.config import PROJECT_ROOT
from frontline.errors import ValidationError

TODAY = dt.date(2026, 11, 25)
FAST = settings(max_examples=30, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
GOOD = forms.DeliveryForm(
    destination_id="gn:169897", date=dt.date(2016, 7, 3), organisations=["SARC"], trucks="12",
    items=["food"], publisher="Reuters", title="Aid reaches Harasta",
    quote="Twelve trucks reached Harasta.", recorded_by="Analyst A",
)  # fmt: skip
EVENT = forms.EventForm(
    place_id="gn:169897", date=dt.date(2016, 7, 3), event_type="captured", actor_id="rebels",
    publisher="Reuters", title="Rebels take Harasta", quote="Rebels took Harasta.",
    recorded_by="Analyst A",
)  # fmt: skip
ANY = st.one_of(
    st.none(), st.text(max_size=24), st.integers(), st.floats(), st.booleans(), st.dates(),
    st.datetimes(), st.lists(st.one_of(st.text(max_size=6), st.integers()), max_size=3),
    st.sampled_from(["gn:169897", "2016-07-03", "2027-01-01", "12", "-5", "2.5", "1,200", "",
                     " ", "\x00", str(2**63), "captured", "reported", "rebels"]),
)  # fmt: skip


@pytest.fixture(scope="module")
def places() -> pd.DataFrame:
    return gazetteer.all_places(PROJECT_ROOT / "data")


def _fields_named(form: object) -> set[str]:
    return {typed.FIELDS.get(f.name, f.name) for f in dataclasses.fields(form)}


def _rows_or_named_problems(build, form, places) -> dict | None:
    try:
        return build(form, places, TODAY)
    except ValidationError as exc:
        assert exc.errors and {e.field for e in exc.errors} <= _fields_named(form), exc
        return None


@FAST
@given(data=st.data())
def test_any_delivery_form_gives_rows_or_problems_by_field(places, data):
    changes = {f.name: data.draw(st.one_of(st.just(getattr(GOOD, f.name)), ANY), label=f.name)
               for f in dataclasses.fields(GOOD)}  # fmt: skip
    rows = _rows_or_named_problems(forms.delivery_rows, dataclasses.replace(GOOD, **changes),
                                   places)  # fmt: skip
    if rows is not None:
        stored = rows["aid_deliveries"].iloc[0]["trucks"]
        count = typed.whole(changes["trucks"])  # accepted, so it reads as a whole number
        assert (pd.isna(stored) and count is None) or stored == count


@FAST
@given(data=st.data())
def test_any_event_form_gives_rows_or_problems_by_field(places, data):
    changes = {f.name: data.draw(st.one_of(st.just(getattr(EVENT, f.name)), ANY), label=f.name)
               for f in dataclasses.fields(EVENT)}  # fmt: skip
    _rows_or_named_problems(forms.event_rows, dataclasses.replace(EVENT, **changes), places)


@settings(FAST, max_examples=15)
@given(n=st.integers(0, typed.LIMITS["trucks"]), grouped=st.booleans())
def test_a_typed_whole_number_is_stored_exactly_as_typed(places, n, grouped):
    form = dataclasses.replace(GOOD, trucks=f"{n:,}" if grouped else str(n))
    assert forms.delivery_rows(form, places, TODAY)["aid_deliveries"].iloc[0]["trucks"] == n


@FAST
@given(x=st.one_of(st.floats(allow_nan=True), st.integers(), st.text(max_size=30)))
def test_a_count_is_whole_or_refused_never_rounded(x):
    try:
        got = typed.whole(x)
    except ValueError:
        return
    if got is not None:
        assert got == (int(x) if not isinstance(x, str) else got) and got >= 0
        assert not isinstance(x, float) or x == got  # 2.5 is never 2


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=40))
def test_fold_never_raises(text):
    assert isinstance(names.fold(text), str)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=40))
@example("OOU")
def test_fold_is_idempotent(text):
    once = names.fold(text)
    assert names.fold(once) == once


MARKED = st.lists(st.tuples(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
                            st.lists(st.characters(min_codepoint=0x300, max_codepoint=0x36F),
                                     max_size=2)), min_size=1, max_size=16)  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(letters=MARKED)
def test_fold_is_blind_to_case_and_diacritics(letters):
    import unicodedata

    bare = "".join(base for base, _ in letters)
    marked = unicodedata.normalize("NFC", "".join(base + "".join(m) for base, m in letters))
    assert names.fold(marked.upper()) == names.fold(marked.lower()) == names.fold(marked)
    assert names.fold(marked) == names.fold(bare)


@pytest.mark.parametrize(("name", "plain"), [("Ceylanpınar", "Ceylanpinar"), ("Straße", "Strasse"),
                                             ("Łódź", "Lodz")])  # fmt: skip
def test_fold_keeps_letters_without_a_decomposition(name, plain):
    assert names.fold(name) == names.fold(plain)


@settings(max_examples=100, deadline=None)
@given(text=st.one_of(st.text(max_size=12), st.from_regex(r"\A[0-9]{4}(-[0-9]{2}){0,2}\Z")))
def test_a_partial_date_parses_or_raises_value_error_and_formats_back(text):
    try:
        day, precision = dates.parse_partial(text)
    except ValueError:
        return
    ascii_digits = "".join(str(int(c)) if c.isdigit() else c for c in text.strip())
    assert dates.format_partial(day, precision) == ascii_digits


EXPRESSIONS = ["two weeks ago", "since September", "on Tuesday", "99999999999 days ago",
               "last year", "in 2014"]  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(text=st.one_of(st.text(max_size=20), st.sampled_from(EXPRESSIONS)))
def test_resolving_any_expression_gives_a_date_or_value_error(text):
    try:
        day, precision = dates.resolve(text, dt.date(2016, 6, 29))
    except ValueError:
        return
    assert isinstance(day, dt.date) and precision in dates.PRECISIONS
