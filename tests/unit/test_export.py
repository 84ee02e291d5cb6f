import io

import pandas as pd

from frontline import charts, report
from frontline.io import export


def test_excel_has_the_csv_cells(seed):
    rows = report.deliveries(seed)
    sheet = pd.read_excel(io.BytesIO(export.to_excel(rows)), dtype=str, keep_default_na=False)
    csv = pd.read_csv(io.StringIO(export.to_csv(rows)), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(sheet, csv)
    assert "Syrian Arab Red Crescent" in sheet.loc[0, "organisations"]


def test_json_has_no_nan(seed):
    text = export.to_json(report.deliveries(seed))
    assert "NaN" not in text and '"origin": null' in text


def test_timeline_has_a_point_per_delivery(seed):
    spec = charts.deliveries_timeline(report.deliveries(seed)).to_dict()
    values = next(iter(spec["datasets"].values()))
    assert len(values) == 3 and {v["destination"] for v in values} >= {"west Harasta"}
