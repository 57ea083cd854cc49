"""Re-importing through `orderbot import`, as a person repeats it: the same file twice
leaves the database as the first import made it and says so row by row; addresses
without a code are found again; the identity rule reads postal codes and phones in
their country; shared VAT numbers and lone addresses marked No are said; a Gnumeric
.ods file imports; copies and templates are written in the format their name says."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import create_engine, select

import main
from store.sheets.ods_write import write_ods
from store.tables import core as t
from tests.paths import FIXTURES

HEADER = ["Customer code", "Customer name", "VAT number", "Address code", "Address", "City",
          "Postal code", "Country", "Default address", "Contact name", "Contact phone",
          "Contact email", "Default contact"]  # fmt: skip
ROWS: list[list[Any]] = [
    ["ACME", "Acme SA", "FR40303265045", None, "1 rue de la Paix", "Paris", "75001", "FR",
     "Yes", "Ann", "01 42 68 53 00", "ann@acme.example", "Yes"],
    ["ACME", None, None, None, "5 avenue Foch", "Lyon", "69003", "FR", "No", "Bob", None,
     "bob@acme.example", "No"],
    ["BETA", "Beta SARL", None, "HQ", "2 quai de la Fosse", "Nantes", 44000, "FR", None,
     "Cy", None, None, None],
    ["GAMMA", "Gamma", None, None, None, None, None, None, None, None, None, None, None],
]  # fmt: skip


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An SQLite URL in DATABASE_URL, the test's folder as the working directory."""
    url = f"sqlite:///{tmp_path / 'reimport.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    return url


def _xlsx(path: Path, rows: list[list[Any]], header: list[str] = HEADER) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in [header, *rows]:
        sheet.append(row)
    workbook.save(path)
    return path


def _dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every customer, address and contact as stored, in id order."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                table.name: [tuple(row) for row in conn.execute(select(table).order_by("id"))]
                for table in (t.customers, t.addresses, t.contacts)
            }
    finally:
        engine.dispose()


def _import(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    code = main.main(["import", "customers", str(path), "--json", *extra])
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    data["exit"] = code
    return data


def test_the_same_file_twice_changes_nothing_and_says_unchanged_on_every_row(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _xlsx(tmp_path / "customers.xlsx", ROWS)
    first = _import(path, capsys)
    assert first["result"]["created"] == {"customers": 3, "addresses": 3, "contacts": 3}
    before = _dump(db)
    second = _import(path, capsys)
    assert second["counts"] == {"green": 4, "yellow": 0, "red": 0, "skipped": 0}
    assert second["unchanged"] == 4
    assert [(r["row"], r["status"], r["messages"]) for r in second["rows"]] == [
        (n, "green", ["unchanged"]) for n in (2, 3, 4, 5)
    ]
    assert second["result"]["created"] == {"customers": 0, "addresses": 0, "contacts": 0}
    assert second["result"]["updated"] == {"customers": 0, "addresses": 0, "contacts": 0}
    assert _dump(db) == before  # the default address has not moved either
    defaults = [(a[2], a[-1]) for a in before["addresses"]]  # (code, is_default)
    assert defaults == [("MAIN", True), ("ADDR2", False), ("HQ", True)]
    assert main.main(["import", "customers", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "Checked customers.xlsx (customers): 4 green (4 unchanged), 0 yellow, 0 red, 0 skipped."
    )


def test_an_address_without_a_code_is_found_by_street_postal_code_and_city(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(_xlsx(tmp_path / "customers.xlsx", ROWS), capsys)
    moved = [["ACME", None, None, None, "1, Rue de la PAIX", "paris", "75001", "FR", None,
              None, None, None, None]]  # fmt: skip
    again = _import(_xlsx(tmp_path / "again.xlsx", moved), capsys)
    assert again["rows"] == [{
        "row": 2, "status": "yellow",
        "messages": ["adds to existing customer ACME",
                     ("existing address MAIN updated: address '1 rue de la Paix' -> "
                     "'1, Rue de la PAIX', city 'Paris' -> 'paris'")],
    }]  # fmt: skip
    codes = [(a[2], a[4], a[-1]) for a in _dump(db)["addresses"]]
    assert codes[0] == ("MAIN", "1, Rue de la PAIX", True)
    assert len(codes) == 3


def test_identity_by_country_shared_vat_numbers_and_a_lone_address_marked_no(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(_xlsx(tmp_path / "customers.xlsx", ROWS), capsys)
    rows = [
        ["ZIP", "Zip SA", None, "HQ", None, "Bourg", 1000, "FR", None, None, None, None, None],
        ["TEL", "Tel SA", None, None, None, None, None, "FR", None, "Ann", "abc", None, None],
        ["DELTA", "Delta", "FR 40 303 265 045", None, None, None, None, None, None, None, None,
         None, None],
        ["E1", "E one", "DE136695976", None, None, None, None, None, None, None, None, None,
         None],
        ["E2", "E two", "DE136695976", None, None, None, None, None, None, None, None, None,
         None],
        ["LONE", "Lone", None, "HQ", None, "Lille", "59000", "FR", "Non", None, None, None,
         None],
    ]  # fmt: skip
    report = _import(_xlsx(tmp_path / "checks.xlsx", rows), capsys, "--dry-run")
    by_row = {r["row"]: (r["status"], r["messages"]) for r in report["rows"]}
    assert by_row[2] == ("red", [
        ("Postal code: '1000' is not a postal code of FR (5 digits, such as 75001; if a "
        "spreadsheet dropped its leading zero, write 01000)")])  # fmt: skip
    assert by_row[3] == (
        "red",
        ["Contact phone: 'abc' is not a valid phone number (not a telephone number)"],
    )
    assert by_row[4] == ("yellow", [
        "VAT number: 'FR 40 303 265 045' read as FR40303265045",
        "VAT number: FR40303265045 is also the VAT number of customer ACME"])  # fmt: skip
    assert 5 not in by_row  # the first of two is green
    assert by_row[6] == (
        "yellow",
        ["VAT number: DE136695976 is also the VAT number of customer E1 (row 5)"],
    )
    assert by_row[7] == ("yellow", [
        ("Default address: marked No, but this is the only address of LONE, so it is the "
        "default address")])  # fmt: skip


def test_a_gnumeric_ods_file_imports(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy.xlsx"  # not beside the fixture
    report = _import(FIXTURES / "customers_gnumeric.ods", capsys, "-o", str(copy))
    assert (report["exit"], report["counts"]["red"]) == (0, 0)
    assert report["result"]["created"] == {"customers": 2, "addresses": 2, "contacts": 2}
    stored = _dump(db)
    assert [c[1:3] for c in stored["customers"]] == [("GN1", "Gnu Étoile"),
                                                     ("GN2", "Numeric Ltd")]  # fmt: skip
    assert [(a[2], a[6]) for a in stored["addresses"]] == [("HQ", "69003"), ("MAIN", "SW1A 1AA")]


def test_annotated_copies_are_named_after_the_full_file_name(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["R1", "Red", None, "HQ", None, None, None, "Narnia", None, None, None, None, None]]
    _xlsx(tmp_path / "customers.xlsx", rows)
    write_ods(tmp_path / "customers.ods", "Customers", [HEADER, *rows])
    (tmp_path / "customers.csv").write_text(
        "\n".join(",".join("" if v is None else str(v) for v in r) for r in [HEADER, *rows])
    )
    for name in ("customers.xlsx", "customers.ods", "customers.csv"):
        report = _import(tmp_path / name, capsys, "--dry-run")
        assert report["annotated_copy"] == str(tmp_path / f"{name}.checked.xlsx")
    copies = sorted(p.name for p in tmp_path.glob("*.checked.xlsx"))
    assert copies == ["customers.csv.checked.xlsx", "customers.ods.checked.xlsx",
                      "customers.xlsx.checked.xlsx"]  # fmt: skip


@pytest.mark.parametrize("suffix", [".xlsx", ".ods", ".csv"])
def test_a_template_is_written_in_the_format_its_name_says(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    target = tmp_path / f"x{suffix}"
    assert main.main(["template", "orders", "-o", str(target)]) == 0
    data = target.read_bytes()
    if suffix == ".csv":
        assert data.decode().splitlines()[0].startswith("Product,Quantity,Unit price")
    else:
        with zipfile.ZipFile(target) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype").decode() if suffix == ".ods" else ""
        wanted = "content.xml" if suffix == ".ods" else "xl/workbook.xml"
        assert wanted in names
        assert mimetype == ("application/vnd.oasis.opendocument.spreadsheet"
                            if suffix == ".ods" else "")  # fmt: skip
    capsys.readouterr()
    # Each format reads back: the example row is found, and refused, in all three.
    assert main.main(["import", "orders", str(target), "--json", "--dry-run"]) == 1
    [row] = json.loads(capsys.readouterr().out)["rows"]
    assert row["messages"][0] == (
        "Row 2 is the template's example row (FLOUR-25 Back door before 7 am); write your "
        "own order over it or delete the row"
    )


def test_a_template_of_another_extension_is_refused(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main.main(["template", "orders", "-o", str(tmp_path / "x.txt")]) == 1
    assert capsys.readouterr().err == (
        "orderbot: output: 'x.txt' does not end in .xlsx, .ods, .csv; a template is written in one "
        "of those formats\n"
    )
    assert not (tmp_path / "x.txt").exists()
