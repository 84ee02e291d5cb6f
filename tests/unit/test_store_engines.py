"""The engines on tables read back from each store backend give exactly what they give on the
curated files: a store adds nothing, loses nothing and changes no type (SQLite and PostgreSQL)."""

import pandas as pd
import pytest

from frontline import control, sieges, store
from frontline.seeding import open_store

pytestmark = pytest.mark.store
DAYS = ["2016-06-01", "2016-06-28", "2016-06-29", "2016-06-30", "2016-07-15"]


@pytest.fixture
def stored(settings) -> dict[str, pd.DataFrame]:
    return store.read_tables(open_store(settings))


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns[:1])).reset_index(drop=True)


@pytest.mark.parametrize("day", DAYS)
def test_snapshots_and_days_without_aid_agree(stored, seed_tables, day):
    pd.testing.assert_frame_equal(
        _sorted(control.snapshot(stored["control_events"], day)),
        _sorted(control.snapshot(seed_tables["control_events"], day)),
    )
    pd.testing.assert_frame_equal(
        _sorted(sieges.days_without_aid(stored["aid_deliveries"], stored["control_events"], day)),
        _sorted(sieges.days_without_aid(seed_tables["aid_deliveries"],
                                        seed_tables["control_events"], day)),  # fmt: skip
    )


def test_changes_and_histories_agree(stored, seed_tables):
    got = control.changes(stored["control_events"], "2016-06-27", "2016-06-30")
    want = control.changes(seed_tables["control_events"], "2016-06-27", "2016-06-30")
    for key in want:
        pd.testing.assert_frame_equal(_sorted(got[key]), _sorted(want[key]))
    for place in seed_tables["control_events"]["place_id"].unique():
        pd.testing.assert_frame_equal(control.history(stored["control_events"], place),
                                      control.history(seed_tables["control_events"], place))
