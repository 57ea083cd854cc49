"""Reading and writing real sheet files: encodings, delimiters, cell types, templates,
annotated copies, LibreOffice and Excel exports, and hostile files refused fast."""

from __future__ import annotations

import shutil
import subprocess
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import PatternFill

from domain.imports.columns import SheetKind, columns_for
from store.sheets.extent.bounds import column_name
from store.sheets.guard import FileKind, SheetLimits, SheetRefused, check_file
from store.sheets.read import read_rows, read_table
from store.sheets.templates import write_template
from store.sheets.write import neutralise, write_annotated_copy
from tests.integration import sheet_builders as build
from tests.paths import FIXTURES

LIMITS = SheetLimits()
MiB = 1024 * 1024


# --- CSV ------------------------------------------------------------------------------------

CSV_TEXT = "Code client{d}Nom du client{d}Ville{d}Pays\n007{d}Crêperie Élise{d}Besançon{d}FR\n"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")]
)
def test_csv_encodings_and_delimiters(
    tmp_path: Path, encoding: str, bom: bytes, delimiter: str
) -> None:
    path = tmp_path / "customers.csv"
    path.write_bytes(bom + CSV_TEXT.format(d=delimiter).encode(encoding))
    table = read_table(path, SheetKind.CUSTOMERS, LIMITS)
    assert table.header_row == 1
    assert list(table.records()) == [
        (2, {"customer_code": "007", "customer_name": "Crêperie Élise", "city": "Besançon",
             "country": "FR"}),
    ]  # fmt: skip


def test_csv_quoted_fields_euro_blank_rows_and_formula_text(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    text = (
        'Produit;Quantité;Prix unitaire;Observations\r\n"A;1";2;12,50 €;"two\r\nlines"\r\n'
        ';;;\r\n\r\nB-2;1 000;;=HYPERLINK("x")\r\n'
    )
    path.write_bytes(text.encode("cp1252"))
    rows = list(read_rows(path, LIMITS))
    assert rows == [
        (1, ["Produit", "Quantité", "Prix unitaire", "Observations"]),
        (2, ["A;1", "2", "12,50 €", "two\r\nlines"]),
        (5, ["B-2", "1 000", None, '=HYPERLINK("x")']),
    ]
    records = list(read_table(path, SheetKind.ORDERS, LIMITS).records())
    assert records[1][1]["quantity"] == 1000
    assert records[1][1]["remarks"] == '=HYPERLINK("x")'  # kept as text, never evaluated


def test_csv_row_limit_stops_early(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("Code client,Nom du client\n" + "C,N\n" * 50, encoding="utf-8")
    rows = read_rows(path, SheetLimits(max_rows=10))
    with pytest.raises(SheetRefused) as refused:
        list(rows)
    assert refused.value.code == "sheet.too_many_rows"


def _formatted_rows_sheet(values: int, formatted: int) -> bytes:
    """A header, `values` rows holding a value, then `formatted` rows holding only a style."""
    header = build.sheet_xml([["Code client", "Nom du client"]])
    head = header[: header.index(b"</sheetData>")]
    value_row = b'<row r="%d"><c r="A%d"><v>%d</v></c></row>'
    styled_row = b'<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/></row>'
    rows = [value_row % (n, n, n) for n in range(2, values + 2)]
    rows += [styled_row % (n, n) for n in range(values + 2, values + formatted + 2)]
    return head + b"".join(rows) + b"</sheetData></worksheet>"


def test_xlsx_row_limit_counts_rows_holding_values(tmp_path: Path) -> None:
    # More row elements than the limit, but only formatting below the data: the quick
    # count passes the limit, the exact count does not, and the sheet is read.
    path = build.write_xlsx_parts(tmp_path / "styled.xlsx", _formatted_rows_sheet(8, 30))
    rows = list(read_rows(path, SheetLimits(max_rows=10)))
    assert [number for number, _ in rows] == list(range(1, 10))
    too_many = build.write_xlsx_parts(tmp_path / "many.xlsx", _formatted_rows_sheet(11, 30))
    with pytest.raises(SheetRefused) as refused:
        read_rows(too_many, SheetLimits(max_rows=10))
    assert refused.value.code == "sheet.too_many_rows"


def test_excel_french_export_fixture() -> None:
    table = read_table(FIXTURES / "customers_excel_1252.csv", SheetKind.CUSTOMERS, LIMITS)
    assert table.match.missing == ()
    assert table.match.unknown == ()
    records = dict(table.records())
    assert records[2]["customer_code"] == "00123"
    assert records[2]["customer_name"] == "Société Générale des Eaux"
    assert records[2]["state"] == "Île-de-France"
    assert records[3]["contact_email"] == "zoé@exemple.fr"
    assert records[3]["default_address"] == "Non"


def test_libreoffice_fixture() -> None:
    path = FIXTURES / "customers_libreoffice.xlsx"
    assert check_file(path, LIMITS) is FileKind.XLSX
    records = dict(read_table(path, SheetKind.CUSTOMERS, LIMITS).records())
    assert records[2]["customer_code"] == "00123"
    assert records[2]["postal_code"] == "75008"
    assert records[3]["customer_name"] == "Crêperie Élise"
    assert records[3]["country"] == "FR"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_legacy_and_opendocument_formats(tmp_path: Path, fmt: str) -> None:
    source = FIXTURES / "customers_libreoffice.xlsx"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", fmt, "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    converted = tmp_path / f"customers_libreoffice.{fmt}"
    assert check_file(converted, LIMITS) is FileKind(fmt)
    records = dict(read_table(converted, SheetKind.CUSTOMERS, LIMITS).records())
    assert records[2]["customer_code"] == "00123"
    assert records[3]["customer_name"] == "Crêperie Élise"


# --- xlsx cell types --------------------------------------------------------------------------


def _orders_workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Order list"])  # a title row above the header
    sheet.append(["Produit", "Quantité", "Date de demande", "Prix unitaire", "Observations"])
    sheet.append(["007", 2.0, date(2025, 3, 31), 18.5, "=1+1"])
    sheet.append([None])
    sheet.append(["0042", 3, 45747, "12,5", "-5 % please"])
    sheet.append(["0043", 1, "31/03/2025", 7, "@home"])
    sheet.cell(row=3, column=3).number_format = "DD/MM/YYYY"
    sheet.cell(row=3, column=5).data_type = "s"  # a text that looks like a formula
    fill = PatternFill("solid", fgColor="FFFF00")
    for row in range(50, 501):  # formatted but empty rows: must not count
        for column in range(1, 6):
            sheet.cell(row=row, column=column).fill = fill
    workbook.save(path)
    return path


def test_xlsx_cells_are_cleaned(tmp_path: Path) -> None:
    path = _orders_workbook(tmp_path / "orders.xlsx")
    rows = list(read_rows(path, LIMITS))
    assert [number for number, _ in rows] == [1, 2, 3, 5, 6]
    assert rows[2] == (3, ["007", 2, date(2025, 3, 31), 18.5, "=1+1"])
    assert isinstance(rows[2][1][1], int)
    table = read_table(path, SheetKind.ORDERS, LIMITS)
    assert table.header_row == 2
    records = dict(table.records())
    assert records[3] == {"product": "007", "quantity": 2, "requested_date": date(2025, 3, 31),
                          "unit_price": Decimal("18.5"), "remarks": "=1+1"}  # fmt: skip
    assert records[5]["requested_date"] == date(2025, 3, 31)  # a bare serial
    assert records[5]["unit_price"] == Decimal("12.5")
    assert records[6]["requested_date"] == date(2025, 3, 31)  # a text date
    assert records[6]["remarks"] == "@home"


def test_row_and_column_numbers_are_the_sheets_own(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["C3"], sheet["D5"] = "a", 1
    workbook.save(tmp_path / "offset.xlsx")
    assert list(read_rows(tmp_path / "offset.xlsx", LIMITS)) == [
        (3, [None, None, "a", None]),
        (5, [None, None, None, 1]),
    ]


def test_named_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.create_sheet("Products").append(["Code produit", "Nom"])
    workbook.save(tmp_path / "two.xlsx")
    assert list(read_rows(tmp_path / "two.xlsx", LIMITS, sheet="Products")) == [
        (1, ["Code produit", "Nom"])
    ]
    with pytest.raises(SheetRefused, match="no sheet 'Nope'"):
        list(read_rows(tmp_path / "two.xlsx", LIMITS, sheet="Nope"))


# --- hostile files ----------------------------------------------------------------------------


def _read_all(path: Path, limits: SheetLimits) -> SheetRefused:
    with pytest.raises(SheetRefused) as refused:
        for _ in read_rows(path, limits):
            pass
    return refused.value


def _refused_fast(path: Path, limits: SheetLimits = LIMITS) -> tuple[SheetRefused, float, int]:
    """Read a file that must be refused: the error, the seconds taken, the peak bytes.

    Timed without tracemalloc (it slows allocations tenfold), then measured again with it.
    """
    started = time.perf_counter()
    refused = _read_all(path, limits)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    try:
        _read_all(path, limits)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < 1.0, f"took {elapsed:.3f} s"
    assert peak < 200 * MiB, f"peak {peak / MiB:.0f} MB"
    return refused, elapsed, peak


def _zip_bomb(tmp_path: Path) -> Path:
    data, crc = build.deflated_zeros(1024)
    path = tmp_path / "bomb.xlsx"
    build.write_xlsx_parts(path, build.sheet_xml([["Code client", "Nom du client"]]))
    parts = [(i.filename, zipfile.ZipFile(path).read(i)) for i in zipfile.ZipFile(path).infolist()]
    entries = []
    for name, raw in parts:
        if name != "xl/worksheets/sheet1.xml":
            compressor = zlib.compressobj(9, 8, -15)
            packed = compressor.compress(raw) + compressor.flush()
            entries.append((name, packed, zlib.crc32(raw), len(raw)))
    entries.append(("xl/worksheets/sheet1.xml", data, crc, 1 << 30))
    return build.write_raw_zip(path, entries)


_LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b"]>"
)
_XXE = b'<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _billion_laughs(tmp_path: Path) -> Path:
    sheet = build.sheet_xml([["Code client", "Nom du client"], ["&lol9;", "x"]], prolog=_LAUGHS)
    return build.write_xlsx_parts(tmp_path / "laughs.xlsx", sheet)


def _xxe(tmp_path: Path) -> Path:
    strings = b'<?xml version="1.0"?>' + _XXE + b'<sst xmlns="x"><si><t>&xxe;</t></si></sst>'
    sheet = build.sheet_xml([["Code client", "Nom du client"]])
    return build.write_xlsx_parts(tmp_path / "xxe.xlsx", sheet, {"xl/sharedStrings.xml": strings})


def _claims_all_rows(tmp_path: Path) -> Path:
    sheet = build.sheet_xml([["Code client", "Nom du client"], ["C1", "A"]], "A1:O1048576")
    return build.write_xlsx_parts(tmp_path / "claims.xlsx", sheet)


def _many_real_rows(tmp_path: Path) -> Path:
    return build.write_xlsx_parts(tmp_path / "many.xlsx", build.many_rows_sheet(1_048_576))


def _renamed_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "customers.xlsx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
    return path


def _formula_without_value(tmp_path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Product", "Quantity", "Unit price"])
    sheet.append(["P1", 2, 3])
    sheet.append(["P2", 4, "=B3*2"])  # openpyxl never computes a value for it
    workbook.save(tmp_path / "formula.xlsx")
    return tmp_path / "formula.xlsx"


_FORMULA_ROWS = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>Product</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>Quantity</t></is></c></row>'
    b'<row r="2"><c r="A2" t="inlineStr"><is><t>P1</t></is></c><c r="B2"><f>1+1</f>%s</c></row>'
)


@pytest.mark.parametrize(
    ("cached", "refused"),
    [(b"<v></v>", True), (b"<v/>", True), (b"", True), (b"<v>2</v>", False)],
)
def test_a_formula_is_refused_unless_its_value_is_cached(
    tmp_path: Path, cached: bytes, refused: bool
) -> None:
    path = _xlsx_rows(tmp_path, "formula.xlsx", [_FORMULA_ROWS % cached])
    if refused:
        with pytest.raises(SheetRefused) as caught:
            read_table(path, SheetKind.ORDERS, LIMITS)
        assert caught.value.code == "sheet.formula_without_value"
        assert "B2" in caught.value.message
    else:
        assert list(read_table(path, SheetKind.ORDERS, LIMITS).records())


def _xlsx_rows(tmp_path: Path, name: str, rows: list[bytes]) -> Path:
    sheet = build.SHEET_OPEN + b"<sheetData>" + b"".join(rows) + b"</sheetData></worksheet>"
    return build.write_xlsx_parts(tmp_path / name, sheet)


def _far_column(tmp_path: Path) -> Path:
    # 17 KB that calamine holds as 2,000 x 16,384 cells (1 GB, measured).
    row = b'<row r="%d"><c r="A%d"><v>1</v></c><c r="XFD%d"><v>2</v></c></row>'
    return _xlsx_rows(tmp_path, "wide.xlsx", [row % (n, n, n) for n in range(1, 2001)])


def _far_column_without_references(tmp_path: Path) -> Path:
    # Cells without a reference follow the previous one: 800 empty ones push a value
    # beyond column ZZ, which then widens every one of the rows below.
    first = b'<row r="1"><c r="A1"><v>1</v></c>' + b"<c/>" * 800 + b"<c><v>2</v></c></row>"
    rows = [b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n) for n in range(2, 2001)]
    return _xlsx_rows(tmp_path, "pushed.xlsx", [first, *rows])


def _far_apart(tmp_path: Path) -> Path:
    # Within the row and column limits, but 5,000 x 702 cells together.
    row = b'<row r="%d"><c r="A%d"><v>1</v></c><c r="ZZ%d"><v>2</v></c></row>'
    return _xlsx_rows(tmp_path, "apart.xlsx", [row % (n, n, n) for n in range(1, 5001)])


def _far_below(tmp_path: Path) -> Path:
    rows = [b'<row r="1"><c r="A1"><v>1</v></c></row>',
            b'<row r="1048576"><c r="O1048576"><v>1</v></c></row>']  # fmt: skip
    return _xlsx_rows(tmp_path, "tall.xlsx", rows)


def _ods_repeated_cells(tmp_path: Path) -> Path:
    # 800 bytes that calamine expands to 2,000 x 16,000 cells (2 GB, 4 s, measured).
    row = build.ods_row([build.ods_cell(1.0, repeat=16_000)], repeat=2_000)
    return build.write_ods(tmp_path / "wide.ods", {"Sheet1": [row]})


def _ods_repeated_empty_cells(tmp_path: Path) -> Path:
    # An empty run followed by a cell is materialised, even in a row holding no value.
    empty = build.ods_row([build.ods_cell(None, repeat=10_000_000), build.ods_cell(None)])
    return build.write_ods(
        tmp_path / "runs.ods", {"Sheet1": [empty, build.ods_row([build.ods_cell(1.0)])]}
    )


def _ods_second_sheet(tmp_path: Path) -> Path:
    # calamine parses every sheet of an .ods when it opens it, not only the one read.
    tall = build.ods_row([build.ods_cell(1.0, repeat=700)], repeat=10_000)
    first = [build.ods_row([build.ods_cell("Code client"), build.ods_cell("Nom du client")])]
    return build.write_ods(tmp_path / "two.ods", {"Customers": first, "Other": [tall]})


def _xls_corners(tmp_path: Path) -> Path:
    # 6 KB that calamine holds as 65,536 x 256 cells (1 GB, measured).
    records = [build.biff_number(0, 0, 1), build.biff_number(65_535, 255, 2)]
    return build.write_xls(tmp_path / "corners.xls", {"Sheet1": records})


def _xls_far_column(tmp_path: Path) -> Path:
    # A column number no .xls sheet has: calamine's allocation fails and aborts the process.
    records = [build.biff_number(0, 0, 1), build.biff_number(65_535, 65_535, 2)]
    return build.write_xls(tmp_path / "far.xls", {"Sheet1": records})


def _xls_dimensions(tmp_path: Path) -> Path:
    # calamine reserves the cells DIMENSIONS claims before reading any: this aborts it too.
    records = [build.biff_dimensions(0xFFFFFFFF, 0xFFFF), build.biff_number(0, 0, 1)]
    return build.write_xls(tmp_path / "dims.xls", {"Sheet1": records})


HOSTILE: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    "zip bomb": (_zip_bomb, "sheet.unpacked_too_large", "would unpack to 1 GB"),
    "billion laughs": (_billion_laughs, "sheet.xml_entities", "declares XML entities"),
    "external entity": (_xxe, "sheet.xml_entities", "sharedStrings.xml"),
    "dimension claims every row": (_claims_all_rows, "sheet.too_many_rows", "1,048,576 rows"),
    "real rows beyond the limit": (
        _many_real_rows,
        "sheet.too_many_rows",
        "below the 100,001 rows allowed",
    ),
    "encrypted workbook": (
        lambda tmp: build.write_encrypted_ooxml(tmp / "locked.xlsx"),
        "sheet.password_protected",
        "password-protected",
    ),
    "renamed PDF": (_renamed_pdf, "sheet.not_spreadsheet", "This is a PDF, not a spreadsheet."),
    "formula without value": (_formula_without_value, "sheet.formula_without_value", "C3"),
    "value in column XFD": (_far_column, "sheet.too_wide", "Cell XFD1 holds a value in column XFD"),
    "value pushed right by cells without reference": (
        _far_column_without_references,
        "sheet.too_wide",
        "Cell ADV1 holds a value in column ADV",
    ),
    "values far apart": (_far_apart, "sheet.too_many_cells", "rows by 702 columns"),
    "value in the last row": (_far_below, "sheet.too_many_rows", "row 1,048,576"),
    "ods repeated cells": (_ods_repeated_cells, "sheet.too_wide", "column WQJ"),
    "ods repeated empty cells": (_ods_repeated_empty_cells, "sheet.too_many_cells", "repeated"),
    "ods second sheet": (_ods_second_sheet, "sheet.too_many_cells", "sheet 'Other'"),
    "xls values at opposite corners": (_xls_corners, "sheet.too_many_cells", "65,536 rows"),
    "xls value beyond the last column": (_xls_far_column, "sheet.too_wide", "65,536"),
    "xls dimensions claiming every row": (_xls_dimensions, "sheet.corrupt", "claims"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_file_is_refused_fast(tmp_path: Path, name: str) -> None:
    make, code, words = HOSTILE[name]
    path = make(tmp_path)
    refused, _elapsed, _peak = _refused_fast(path)
    assert refused.code == code
    assert words in refused.message


def test_wide_sheet_within_the_limits_is_read(tmp_path: Path) -> None:
    # 30 columns (A to AD), 2,000 rows: every cell is looked at, and all are within bounds.
    header = "".join(f'<c r="{column_name(c)}1" t="inlineStr"><is><t>H{c}</t></is></c>'
                     for c in range(1, 31))  # fmt: skip
    rows = [f'<row r="1">{header}</row>'.encode()]
    for n in range(2, 2001):
        cells = "".join(f'<c r="{column_name(c)}{n}"><v>{c}</v></c>' for c in range(1, 31))
        rows.append(f'<row r="{n}">{cells}</row>'.encode())
    read = list(read_rows(_xlsx_rows(tmp_path, "wide.xlsx", rows), LIMITS))
    assert len(read) == 2000
    assert read[0][1][29] == "H30"
    assert read[-1] == (2000, list(range(1, 31)))


def test_styled_empty_cells_far_away_are_not_values(tmp_path: Path) -> None:
    # Formatting reaching column XFD and row 1,048,576 holds no value: calamine ignores
    # it, and so does the check, in the quick pass and in the exact one.
    rows = [b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="XFD%d" s="1"/></row>' % (n, n, n, n)
            for n in range(1, 2001)]  # fmt: skip
    rows.append(b'<row r="1048576"><c r="XFD1048576" s="1"></c></row>')
    path = _xlsx_rows(tmp_path, "styled.xlsx", rows)
    assert [cells for _, cells in read_rows(path, LIMITS)][-1] == [2000]
    rows.append(b"<row><c><v>last</v></c></row>")  # no reference: the exact pass places it
    with pytest.raises(SheetRefused, match="row 1,048,577"):
        read_rows(_xlsx_rows(tmp_path, "unreferenced.xlsx", rows), LIMITS)


def test_cells_without_references_are_placed_as_calamine_places_them(tmp_path: Path) -> None:
    rows = [b'<row r="3"><c><v>1</v></c><c/><c t="inlineStr"><is><t>x</t></is></c></row>',
            b"<row><c r=\"B4\"><v>2</v></c><c><v>3</v></c></row>"]  # fmt: skip
    read = list(read_rows(_xlsx_rows(tmp_path, "plain.xlsx", rows), LIMITS))
    assert read == [(3, [1, None, "x"]), (4, [None, 2, 3])]
    narrow = SheetLimits(max_columns=2)
    with pytest.raises(SheetRefused, match="Cell C3 holds a value in column C"):
        read_rows(tmp_path / "plain.xlsx", narrow)


def test_libreoffice_ods_with_trailing_repeated_empty_cells_is_read(tmp_path: Path) -> None:
    # LibreOffice ends every row with a repeated empty cell and the sheet with a repeated
    # empty row; calamine drops both. An empty run between values is kept, as are
    # blank rows between data rows.
    gap = build.ods_cell(None, repeat=2, style="ce1")
    rows = [
        build.ods_row([build.ods_cell("Code client"), build.ods_cell("Nom du client"),
                       gap, build.ods_cell("Pays"), build.ods_cell(None, repeat=1019)]),
        build.ods_row([build.ods_cell("007"), build.ods_cell("Crêperie Élise"), gap,
                       build.ods_cell("FR"), build.ods_cell(None, repeat=1019)]),
        build.ods_row([build.ods_cell(None, repeat=1024)], repeat=2),
        build.ods_row([build.ods_cell("008"), build.ods_cell(3.0),
                       build.ods_cell(None, repeat=1022)], repeat=2),
        build.ods_row([build.ods_cell(None, repeat=1024)], repeat=1_048_570),
    ]  # fmt: skip
    lists = [build.ods_row([build.ods_cell(code)]) for code in ("FR", "DE", "NL")]
    path = build.write_ods(tmp_path / "customers.ods", {"Customers": rows, "Lists": lists})
    assert check_file(path, LIMITS) is FileKind.ODS
    assert list(read_rows(path, LIMITS)) == [
        (1, ["Code client", "Nom du client", None, None, "Pays"]),
        (2, ["007", "Crêperie Élise", None, None, "FR"]),
        (5, ["008", 3, None, None, None]),
        (6, ["008", 3, None, None, None]),
    ]
    with pytest.raises(SheetRefused, match="Cell A6 of sheet 'Customers' holds a value in row 6"):
        read_rows(path, SheetLimits(max_rows=4))


def test_xls_workbook_is_read_and_measured(tmp_path: Path) -> None:
    records = [build.biff_label(0, 0, "Code client"), build.biff_label(0, 1, "Nom du client"),
               build.biff_label(1, 0, "C1"), build.biff_number(1, 1, 3.0),
               build.biff_dimensions(2, 2)]  # fmt: skip
    other = [build.biff_number(9, 3, 1)]
    path = build.write_xls(tmp_path / "customers.xls", {"Customers": records, "Other": other})
    assert check_file(path, LIMITS) is FileKind.XLS
    assert list(read_rows(path, LIMITS)) == [(1, ["Code client", "Nom du client"]), (2, ["C1", 3])]
    with pytest.raises(SheetRefused, match="sheets together span 44 cells"):
        read_rows(path, SheetLimits(max_cells=43))  # 2 x 2 here, and 10 x 4 in the other


def test_too_large_and_ratio_and_entries(tmp_path: Path) -> None:
    path = _orders_workbook(tmp_path / "orders.xlsx")
    refused = _refused_fast(path, SheetLimits(max_bytes=1000))[0]
    assert refused.code == "sheet.too_large"
    assert "more than the 1000 bytes allowed" in str(refused)
    data, crc = build.deflated_zeros(64)
    bomb = build.write_raw_zip(tmp_path / "ratio.xlsx", [("xl/workbook.xml", data, crc, 64 * MiB)])
    assert _refused_fast(bomb)[0].code == "sheet.compression_ratio"
    assert _refused_fast(path, SheetLimits(max_zip_entries=3))[0].code == "sheet.too_many_parts"


def test_not_spreadsheets(tmp_path: Path) -> None:
    (tmp_path / "page.xls").write_text("<html><body><table></table></body></html>")
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "image.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "blob.csv").write_bytes(bytes(range(256)))
    with zipfile.ZipFile(tmp_path / "archive.xlsx", "w") as archive:
        archive.writestr("readme.txt", "hello")
    expected = {"page.xls": "web page", "empty.csv": "empty", "image.xlsx": "PNG image",
                "blob.csv": "binary file", "archive.xlsx": "zip archive"}  # fmt: skip
    for name, words in expected.items():
        assert words in str(_refused_fast(tmp_path / name)[0])


# --- writing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(SheetKind))
def test_template(tmp_path: Path, kind: SheetKind) -> None:
    path = tmp_path / f"{kind}.xlsx"
    write_template(kind, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    columns = columns_for(kind)
    assert [cell.value for cell in sheet[1]] == [c.en for c in columns]
    for cell, column in zip(sheet[1], columns, strict=True):
        assert cell.comment is not None
        assert column.fr in cell.comment.text
    assert all(cell.value is not None for cell in sheet[2])
    assert sheet.freeze_panes == "A2"
    formulas = {str(v.formula1) for v in sheet.data_validations.dataValidation}
    if kind is SheetKind.CUSTOMERS:
        assert formulas == {'"Yes,No,Oui,Non,Ja,Nej"', "=Countries"}
        lists = workbook["Lists"]
        assert lists.sheet_state == "hidden"
        codes = [row[0] for row in lists.iter_rows(values_only=True)]
        assert "FR" in codes
        assert len(codes) > 240
    table = read_table(path, kind, LIMITS)
    assert table.match.unknown == ()
    assert len(list(table.records())) == 1


@pytest.mark.parametrize(("language", "yes"), [("en", "Yes"), ("fr", "Oui"), ("da", "Ja")])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".ods"])
def test_a_templates_yes_is_written_in_its_language(
    tmp_path: Path, language: str, yes: str, suffix: str
) -> None:
    """The example row's yes/no cells are the words of the template's drop-down in its
    language, and the row reads back as the example."""
    path = tmp_path / f"customers{suffix}"
    write_template(SheetKind.CUSTOMERS, path, language)
    table = read_table(path, SheetKind.CUSTOMERS, LIMITS)
    (row,) = [dict(zip(table.header, values, strict=False)) for _, values in table.rows]
    columns = {column.key: column.header(language) for column in columns_for(SheetKind.CUSTOMERS)}
    assert row[columns["default_address"]] == yes
    assert row[columns["default_contact"]] == yes


def _annotate(tmp_path: Path) -> tuple[Path, list[tuple[int, list[object]]]]:
    source = _orders_workbook(tmp_path / "orders.xlsx")
    table = read_table(source, SheetKind.ORDERS, LIMITS)
    rows = list(table.rows)
    verdicts = {3: ("green", ""), 5: ("yellow", "Price read as 12.5"), 6: ("red", "Bad date")}
    out = tmp_path / "annotated.xlsx"
    write_annotated_copy(rows, table.header, verdicts, out, header_row=table.header_row)
    return out, rows  # type: ignore[return-value]


def test_annotated_copy_round_trip(tmp_path: Path) -> None:
    out, rows = _annotate(tmp_path)
    table = read_table(out, SheetKind.ORDERS, LIMITS)
    assert table.header_row == 2
    assert table.match.unknown == ()
    assert table.match.extras == (5, 6)
    again = list(table.rows)
    assert [(n, cells[:5]) for n, cells in again] == [(n, cells[:5]) for n, cells in rows]
    assert [cells[5:] for _, cells in again] == [
        ["Green", None],
        ["Yellow", "Price read as 12.5"],
        ["Red", "Bad date"],
    ]
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert sheet.freeze_panes == "A3"
    assert sheet["A5"].fill.fgColor.rgb.endswith("FFEB9C")
    assert sheet["G6"].fill.fgColor.rgb.endswith("FFC7CE")
    assert sheet["A3"].fill.fill_type is None
    assert sheet["E3"].value == "=1+1"
    assert sheet["E3"].data_type == "s"
    assert sheet["E3"].quotePrefix


def test_annotating_an_annotated_copy_reuses_its_columns(tmp_path: Path) -> None:
    out, _ = _annotate(tmp_path)
    table = read_table(out, SheetKind.ORDERS, LIMITS)
    second = tmp_path / "second.xlsx"
    write_annotated_copy(table.rows, table.header, {6: ("green", "")}, second, table.header_row)
    header = next(row for n, row in read_rows(second, LIMITS) if n == 2)
    assert header[5:] == ["Status", "Message"]


def test_neutralise() -> None:
    for text in ("=1+1", "+33 1", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    assert neutralise("plain") == "plain"
    assert neutralise(-2) == -2
    assert neutralise(Decimal("1.5")) == Decimal("1.5")
    assert neutralise(None) is None


# --- a far value anywhere in a large sheet -------------------------------------------------


def _far_value_sheet(tmp_path: Path, far_row: int | None, rows: int = 40_000) -> Path:
    """A sheet of `rows` rows; on `far_row`, a value in column XFD as well."""
    body = []
    for n in range(1, rows + 1):
        cells = f'<c r="A{n}" t="inlineStr"><is><t>C{n}</t></is></c><c r="B{n}"><v>{n}</v></c>'
        if n == far_row:
            cells += f'<c r="XFD{n}"><v>1</v></c>'
        body.append(f'<row r="{n}">{cells}</row>')
    sheet = build.SHEET_OPEN + b"<sheetData>" + "".join(body).encode() + b"</sheetData></worksheet>"
    return build.write_xlsx_parts(tmp_path / f"far-{far_row}.xlsx", sheet)


@pytest.mark.parametrize("far_row", [5, 20_000, 39_990])  # first, middle and last MiB piece
def test_a_far_value_is_refused_wherever_it_lies(tmp_path: Path, far_row: int) -> None:
    with pytest.raises(SheetRefused) as refused:
        list(read_rows(_far_value_sheet(tmp_path, far_row), LIMITS))
    assert refused.value.code == "sheet.too_wide"
    assert f"XFD{far_row}" in refused.value.message


def test_a_large_sheet_reads_to_its_last_row(tmp_path: Path) -> None:
    rows = list(read_rows(_far_value_sheet(tmp_path, None), LIMITS))
    assert (len(rows), rows[-1]) == (40_000, (40_000, ["C40000", 40_000]))
