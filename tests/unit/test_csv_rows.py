"""A CSV's rows as a spreadsheet numbers them (frontline.io.csvfile.read_columns): a blank line
is skipped but still counted, so a record after it is named by its own row, not the one before;
a cell over two lines is one row; the header is row 1. The cells are read_raw's."""

from __future__ import annotations

from frontline.io import csvfile


def test_rows_after_a_blank_line_keep_their_own_numbers(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('name,note\nA,one\n\nB,"two\nlines"\n\n\nC,three\n\n', encoding="utf-8")
    header, columns, lines = csvfile.read_columns(path)
    assert header == ["name", "note"]
    assert columns == [["A", "B", "C"], ["one", "two\nlines", "three"]]
    assert lines == [2, 4, 7]
    assert csvfile.read_raw(path).to_dict("list") == dict(zip(header, columns, strict=True))


def test_a_header_alone_has_no_rows(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("name,note\n", encoding="utf-8")
    assert csvfile.read_columns(path) == (["name", "note"], [[], []], [])
