"""The Import and export page in real headless Chromium (issue 13): an ACLED export uploaded
through the page is imported in one go — the summary names what it added, and the store then
holds its events; a bad file is refused naming its row and field, with nothing saved; the
ACLED export downloads as a file that names the imported event. Only a browser uploads and
downloads files. Screenshots go to tests/artifacts/import_*.png."""

from __future__ import annotations

import harness
import pytest
from pagetools import ARTIFACTS, refuse_the_internet

from frontline import store
from frontline.config import PROJECT_ROOT

pytestmark = pytest.mark.browser
ACLED = PROJECT_ROOT / "tests" / "data" / "acled"


@pytest.fixture(scope="module")
def import_server(tmp_path_factory):
    """A dashboard on a store of its own (it writes), single-user: the page may import."""
    folder = tmp_path_factory.mktemp("import")
    env = {"FRONTLINE_DATABASE_URL": f"sqlite:///{folder}/fl.sqlite"}
    with harness.dashboard(env, folder / "streamlit.log") as (url, _):
        yield url, env["FRONTLINE_DATABASE_URL"]


def _upload(page, url: str, file) -> None:
    page.goto(f"{url}/Import_and_export")
    page.get_by_text("Import and export", exact=True).first.wait_for(timeout=60_000)
    page.locator("input[type='file']").set_input_files(str(file))
    page.get_by_text(file.name).wait_for(timeout=20_000)
    button = page.get_by_role("button", name="Import", exact=True)
    page.wait_for_function("b => !b.disabled", arg=button.element_handle(), timeout=20_000)
    page.wait_for_timeout(1500)  # the upload's own rerun ends before the click
    button.click()


def test_an_acled_upload_imports_and_a_bad_one_changes_nothing(browser, import_server):
    url, database = import_server
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    outside = refuse_the_internet(page)
    _upload(page, url, ACLED / "bad_rows.csv")
    refused = page.get_by_text("Nothing was imported.")
    refused.wait_for(timeout=60_000)
    assert "bad_rows.csv" in refused.inner_text() and "row" in refused.inner_text()
    engine = store.connect(database)
    assert not store.read_tables(engine)["control_events"]["event_id"].str.startswith(
        "acled:").any()  # fmt: skip
    page.screenshot(path=str(ARTIFACTS / "import_refused_1366.png"), full_page=True)
    _upload(page, url, ACLED / "current.csv")
    page.get_by_text("Imported.", exact=True).wait_for(timeout=120_000)
    summary = page.locator("[data-testid='stText']").last.inner_text()
    assert summary.startswith("current.csv:") and "records added" in summary
    page.screenshot(path=str(ARTIFACTS / "import_done_1366.png"), full_page=True)
    events = store.read_tables(engine)["control_events"]
    assert events["event_id"].str.startswith("acled:").sum() >= 3
    page.wait_for_timeout(1500)  # the import's own rerun ends before the click, as above
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download").click()
    text = download.value.path().read_text(encoding="utf-8")
    assert text.startswith("event_id_cnty,event_date") and "SYR10001" in text
    assert outside == []
    page.close()
    engine.dispose()
