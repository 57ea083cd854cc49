"""`orderbot import` and `orderbot template` as a person or a script runs them."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import create_engine, func, select

import main
from domain.imports.columns import SheetKind, columns_for
from domain.imports.examples import NOTE
from store.tables import core as t
from store.tables.imports import import_sessions
from tests.integration.store.test_sheet_files import HOSTILE

CSV = (
    "Customer code,Customer name,Address code,Country\n"
    "C1,One,HQ,FR\nC2,Two,HQ,Narnia\nC3,Three,HQ,france\n"
)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An SQLite URL in DATABASE_URL, the test's folder as the working directory."""
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    return url


def _counts(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            customers = conn.scalar(select(func.count()).select_from(t.customers))
            sessions = conn.scalar(select(func.count()).select_from(import_sessions))
        return int(customers or 0), int(sessions or 0)
    finally:
        engine.dispose()


def test_import_summary_annotated_copy_and_skip(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(CSV)
    assert main.main(["import", "customers", str(path), "--skip", "4"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Checked people.csv (customers): 1 green, 0 yellow, 1 red, 1 skipped.",
        "  row      3  red      Country: 'Narnia' is not a country (use a code such as FR)",
        "  row      4  skipped  skipped",
        "Imported 1 row: created 1 customer, 1 address.",
        f"Annotated copy: {tmp_path / 'people.csv.checked.xlsx'}",
    ]
    sheet = openpyxl.load_workbook(tmp_path / "people.csv.checked.xlsx").active
    assert sheet is not None
    assert [sheet["E3"].value, sheet["E4"].value] == ["Red", "Skipped"]
    assert _counts(db)[0] == 1


def test_dry_run_json(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "people.csv"
    path.write_text(CSV)
    copy = tmp_path / "out.xlsx"
    assert (
        main.main(["import", "customers", str(path), "--dry-run", "--json", "-o", str(copy)]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == {"green": 1, "yellow": 1, "red": 1, "skipped": 0}
    assert data["rows"][1] == {"row": 4, "status": "yellow",
                               "messages": ["Country: 'france' read as FR"]}  # fmt: skip
    assert (data["dry_run"], data["result"], data["annotated_copy"]) == (True, None, str(copy))
    assert copy.exists()
    assert _counts(db)[0] == 0


def test_nothing_importable_exits_1(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("Customer code,Customer name\n,Nobody\n")
    assert main.main(["import", "customers", str(path)]) == 1
    assert "Nothing can be imported" in capsys.readouterr().out
    assert _counts(db)[0] == 0


@pytest.mark.parametrize(
    "name", ["zip bomb", "billion laughs", "encrypted workbook", "renamed PDF"]
)
def test_hostile_file_through_the_cli(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    make, _code, words = HOSTILE[name]
    assert main.main(["import", "customers", str(make(tmp_path))]) == 1
    assert words in capsys.readouterr().err
    assert _counts(db) == (0, 0)


@pytest.mark.parametrize("kind", list(SheetKind))
def test_template_example_row_is_refused_and_the_rest_imports_green(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: SheetKind
) -> None:
    target = tmp_path / f"{kind.value}.xlsx"
    assert main.main(["template", kind.value, "-o", str(target)]) == 0
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    assert [cell.value for cell in sheet[1]] == [col.en for col in columns_for(kind)]
    assert capsys.readouterr().out == f"Template written to {target}\n"
    comment = sheet["A2"].comment  # the example row is marked as one
    assert comment is not None
    assert comment.text == NOTE
    assert sheet["A2"].font.italic
    # The example row is refused when left in; with its own values it imports green.
    assert main.main(["import", kind.value, str(target), "--json", "--dry-run"]) == 1
    [row] = json.loads(capsys.readouterr().out)["rows"]
    assert row["messages"][0].startswith("Row 2 is the template's example row (")
    if kind is SheetKind.CUSTOMERS:
        sheet["A2"], sheet["B2"] = "C0002", "Boulangerie Dupont"
        sheet.parent.save(target)
        assert main.main(["import", "customers", str(target), "--json", "--dry-run"]) == 0
        counts = json.loads(capsys.readouterr().out)["counts"]
        assert counts == {"green": 1, "yellow": 0, "red": 0, "skipped": 0}
