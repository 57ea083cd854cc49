"""An import speaks the language of its file's headers: the report, the verdicts and the
annotated copy of the French customer file are French; the same rows under Danish
headers, Danish; under English headers, English. Templates are written in a language."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import create_engine, select

import main
from domain.imports.columns import SheetKind, columns_for
from store.tables import core as t

FIXTURE = Path(__file__).parents[2] / "fixtures" / "customers_excel_1252.csv"
# A row red for its country, so every kind of verdict is said.
EXTRA = "00789;Café du Port;;;;;;;;Narnia;oui;;;;\n"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'languages.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.chdir(tmp_path)
    return url


def _file(tmp_path: Path, language: str) -> Path:
    """The fixture's rows (cp1252, semicolons) under the headers of `language`."""
    header, rows = FIXTURE.read_bytes().decode("cp1252").split("\n", 1)
    if language != "fr":
        header = ";".join(c.header(language) for c in columns_for(SheetKind.CUSTOMERS))
    path = tmp_path / f"customers-{language}.csv"
    path.write_bytes(f"{header}\n{rows.rstrip(chr(10))}\n{EXTRA}".encode("cp1252"))
    return path


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main.main(["import", "customers", str(path), "--dry-run"]) == 0
    return capsys.readouterr().out.splitlines()


def _copy(path: Path) -> tuple[list[str], list[object], list[list[object]]]:
    """The annotated copy's sheet names, its Status and Message headers, and each data
    row's Status and Message."""
    book = openpyxl.load_workbook(path.with_name(path.name + ".checked.xlsx"))
    sheet = book.active
    assert sheet is not None
    rows = [[cell.value for cell in row][-2:] for row in sheet.iter_rows(min_row=2)]
    return book.sheetnames, [cell.value for cell in sheet[1]][-2:], rows


def test_the_french_customer_file_is_answered_in_french(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, "fr")
    out = _check(path, capsys)
    assert out[:4] == [
        "customers-fr.csv vérifié (clients) : 2 vertes, 1 jaune, 1 rouge, 0 ignorée.",
        (
            "  ligne      2  jaune    Téléphone du contact : '01 42 00 00 00' lu comme "
            "+33 1 42 00 00 00"
        ),
        "  ligne      6  rouge    Pays : 'Narnia' n'est pas un pays (utilisez un code comme FR)",
        "Essai à blanc : rien n'a été écrit.",
    ]
    names, headers, rows = _copy(path)
    assert (names, headers) == (["Vérifié"], ["Statut", "Message"])
    assert [row[0] for row in rows] == ["Jaune", "Vert", "Vert", None, "Rouge"]
    assert rows[4] == ["Rouge", "Pays : 'Narnia' n'est pas un pays (utilisez un code comme FR)"]


def test_the_same_rows_under_danish_headers_are_answered_in_danish(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, "da")
    out = _check(path, capsys)
    assert out[:4] == [
        "customers-da.csv kontrolleret (kunder): 2 grønne, 1 gul, 1 rød, 0 sprunget over.",
        "  række      2  gul      Kontakttelefon: '01 42 00 00 00' læst som +33 1 42 00 00 00",
        "  række      6  rød      Land: 'Narnia' er ikke et land (brug en kode som DK)",
        "Prøvekørsel: intet blev skrevet.",
    ]
    names, headers, rows = _copy(path)
    assert (names, headers) == (["Kontrolleret"], ["Status", "Besked"])
    assert [row[0] for row in rows] == ["Gul", "Grøn", "Grøn", None, "Rød"]


def test_the_same_rows_under_english_headers_are_answered_in_english(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, "en")
    out = _check(path, capsys)
    assert out[:4] == [
        "Checked customers-en.csv (customers): 2 green, 1 yellow, 1 red, 0 skipped.",
        "  row      2  yellow   Contact phone: '01 42 00 00 00' read as +33 1 42 00 00 00",
        "  row      6  red      Country: 'Narnia' is not a country (use a code such as FR)",
        "Dry run: nothing was written.",
    ]
    names, headers, rows = _copy(path)
    assert (names, headers) == (["Checked"], ["Status", "Message"])
    assert [row[0] for row in rows] == ["Yellow", "Green", "Green", None, "Red"]


def test_the_annotated_copy_in_french_imports_again_without_warnings(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, "fr")
    _check(path, capsys)
    copy = path.with_name(path.name + ".checked.xlsx")
    assert main.main(["import", "customers", str(copy), "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["warnings"] == []
    assert report["rows"][0]["messages"] == [
        "Téléphone du contact : '01 42 00 00 00' lu comme +33 1 42 00 00 00"
    ]


@pytest.mark.parametrize(
    ("language", "first", "note", "required"),
    [
        ("fr", "Code client", "Identifiant unique du client.", "Obligatoire."),
        ("da", "Kundenummer", "Kundens entydige nummer.", "Påkrævet."),
        ("en", "Customer code", "Unique identifier of the customer.", "Required."),
    ],
)
def test_a_template_is_written_in_the_language_asked_for(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str, first: str,
    note: str, required: str,
) -> None:  # fmt: skip
    target = tmp_path / f"customers-{language}.xlsx"
    assert main.main(["template", "customers", "--lang", language, "-o", str(target)]) == 0
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    headers = [cell.value for cell in sheet[1]]
    assert headers == [c.header(language) for c in columns_for(SheetKind.CUSTOMERS)]
    assert headers[0] == first
    comment = sheet["A1"].comment
    assert comment is not None
    assert note in comment.text
    assert required in comment.text
    # A template in any language imports as the kind it is: its example row is refused.
    assert main.main(["import", "customers", str(target), "--json", "--dry-run"]) == 1
    capsys.readouterr()


def test_the_language_column_sets_each_customers_language(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "Customer code,Customer name,Language\nC1,One,fr\nC2,Two,Dansk\nC3,Three,\nC4,Four,de\n",
        encoding="utf-8",
    )
    assert main.main(["import", "customers", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    refused = "Language: 'de' is not a language orderbot writes in; use en, fr or da"
    assert out[1:3] == [
        "  row      3  yellow   Language: 'Dansk' read as da",
        f"  row      5  red      {refused}",
    ]
    assert _languages(db) == {"C1": "fr", "C2": "da", "C3": None}
    # Imported again with another language, an existing customer's language changes.
    path.write_text("Customer code,Customer name,Language\nC1,One,en\n", encoding="utf-8")
    assert main.main(["import", "customers", str(path)]) == 0
    assert "existing customer C1 updated: language fr -> en" in capsys.readouterr().out
    assert _languages(db)["C1"] == "en"


def _languages(url: str) -> dict[str, str | None]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(t.customers.c.code, t.customers.c.language)).all()
            return dict(map(tuple, rows))
    finally:
        engine.dispose()
