"""The delivery form: checked rows or errors naming the field; re-saving adds nothing."""

import datetime as dt

import pytest

from frontline import forms, gazetteer, store
from frontline.config import PROJECT_ROOT
from frontline.errors import ValidationError
from frontline.seeding import open_store

pytestmark = pytest.mark.store  # the save goes through the store: SQLite and PostgreSQL
TODAY = dt.date(2026, 11, 25)
GOOD = forms.DeliveryForm(
    destination_id="gn:169897", date=dt.date(2016, 7, 3), organisations=["SARC"],
    trucks=12, beneficiaries=5000, items=["food"], publisher="Reuters", title="Aid reaches Harasta",
    quote="Twelve trucks reached Harasta.", recorded_by="Analyst A",
)  # fmt: skip


@pytest.fixture(scope="module")
def places():
    return gazetteer.all_places(PROJECT_ROOT / "data")


def test_a_good_form_gives_source_place_and_delivery_rows(places):
    rows = forms.delivery_rows(GOOD, places, TODAY)
    delivery = rows["aid_deliveries"].iloc[0]
    assert delivery["destination_place_id"] == "gn:169897" and delivery["trucks"] == 12
    assert delivery["source_ids"] == [rows["sources"].iloc[0]["source_id"]]
    assert rows["places"]["place_id"].tolist() == ["gn:169897"]
    again = forms.delivery_rows(GOOD, places, TODAY)
    assert again["aid_deliveries"]["delivery_id"].equals(rows["aid_deliveries"]["delivery_id"])


@pytest.mark.parametrize(("change", "field"), [
    ({"destination_id": None}, "destination"),
    ({"destination_id": "fl:atlantis"}, "destination"),
    ({"date": dt.date(2027, 1, 1)}, "date"),
    ({"trucks": -1}, "trucks"),
    ({"beneficiaries": -5}, "beneficiaries"),
    ({"date": dt.date(2010, 12, 31)}, "date"),
    ({"published_at": dt.date(2010, 12, 31)}, "published_at"),
    ({"published_at": dt.date(2027, 1, 1)}, "published_at"),
    ({"quote": "  "}, "quote"),
    ({"recorded_by": ""}, "recorded_by"),
    ({"recorded_by": "data/"}, "recorded_by"),  # the next `frontline load` would retire it
])  # fmt: skip
def test_bad_input_names_its_field(places, change, field):
    with pytest.raises(ValidationError) as info:
        forms.delivery_rows(forms.DeliveryForm(**{**GOOD.__dict__, **change}), places, TODAY)
    assert [e.field for e in info.value.errors] == [field]


def test_saving_twice_stores_one_delivery_with_its_recorder(settings, places):
    engine = open_store(settings)
    rows = forms.delivery_rows(GOOD, places, TODAY)
    first = store.load(engine, rows, actor="Analyst A")
    second = store.load(engine, rows, actor="Analyst A")
    assert first["aid_deliveries"]["added"] == 1 and second["aid_deliveries"]["added"] == 0
    tables = store.read_tables(engine)
    assert "gn:169897" in set(tables["aid_deliveries"]["destination_place_id"])


@pytest.mark.parametrize("day", [dt.date(2011, 1, 1), dt.date(2012, 3, 15), dt.date(2016, 6, 29)])
def test_dates_back_to_2011_are_taken_for_the_delivery_and_its_source(places, day):
    form = forms.DeliveryForm(**{**GOOD.__dict__, "date": day, "published_at": day})
    rows = forms.delivery_rows(form, places, TODAY)
    assert rows["sources"].iloc[0]["published_at"].date() == day
    assert rows["aid_deliveries"].iloc[0]["date"].date() == day


def test_problems_come_by_field_as_a_person_reads_them(places):
    bad = forms.DeliveryForm(**{**GOOD.__dict__, "trucks": -5, "publisher": ""})
    with pytest.raises(ValidationError) as info:
        forms.delivery_rows(bad, places, TODAY)
    found = forms.by_field(info.value)
    assert found["trucks"] == ["must be 0 or more"]
    assert set(found) == {"trucks", "publisher"}
