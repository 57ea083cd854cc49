"""Indented content.xml (Gnumeric's): whitespace between table elements goes, text stays."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import python_calamine

from store.sheets.ods_indent import readable_ods, without_indents
from tests.paths import FIXTURES

INDENTED = (
    b'<table:table table:name="S">\n  <table:table-column/>\n  <table:table-row>\n'
    b'    <table:table-cell office:value-type="string">\n'
    b"      <text:p>  two  spaces <text:span>kept</text:span> <text:s/></text:p>\n"
    b"      <text:p> </text:p>\n"
    b"    </table:table-cell>\n    <table:table-cell/>\n  </table:table-row>\n</table:table>"
)


def test_whitespace_between_table_elements_goes_and_paragraph_text_stays() -> None:
    assert without_indents(INDENTED) == (
        b'<table:table table:name="S"><table:table-column/><table:table-row>'
        b'<table:table-cell office:value-type="string">'
        b"<text:p>  two  spaces <text:span>kept</text:span> <text:s/></text:p>"
        b"<text:p> </text:p>"
        b"</table:table-cell><table:table-cell/></table:table-row></table:table>"
    )


def test_the_gnumeric_fixture_is_refused_by_calamine_and_read_from_the_copy(
    tmp_path: Path,
) -> None:
    fixture = FIXTURES / "customers_gnumeric.ods"
    with pytest.raises(python_calamine.CalamineError, match="Expecting 'table-cell'"):
        python_calamine.CalamineWorkbook.from_path(str(fixture)).get_sheet_by_index(0)
    copy = readable_ods(fixture, str(tmp_path))
    assert copy is not None
    rows = python_calamine.CalamineWorkbook.from_path(str(copy)).get_sheet_by_index(0)
    assert rows.to_python()[1][:2] == ["GN1", "Gnu Étoile"]


def test_a_file_without_indentation_is_read_as_it_is(tmp_path: Path) -> None:
    plain = tmp_path / "plain.ods"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("content.xml", b"<table:table><table:table-row/></table:table>")
    assert readable_ods(plain, str(tmp_path)) is None
