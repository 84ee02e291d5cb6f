"""Issue 16 point 4 in the app: an empty store whose data/ holds a file the loader refuses shows
the refusal in an error box on the home page (file and line named), never a traceback."""

import shutil

from streamlit.testing.v1 import AppTest

from frontline.config import PROJECT_ROOT


def test_a_latin1_file_in_data_is_an_error_box_on_home(monkeypatch, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", data)
    shutil.copyfile(PROJECT_ROOT / "tests" / "data" / "bad" / "latin1.csv", data / "actors.csv")
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data))
    app = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=60).run()
    assert not app.exception
    message = app.error[0].value
    assert str(data / "actors.csv") in message and "not UTF-8" in message
    assert "line 2" in message and "save it as UTF-8" in message
