"""A file refused before its rows are read is refused in the reader's language: a French
and a Danish user importing a PDF renamed .xlsx, a damaged workbook or a sheet of more
rows than allowed read why, with the limit named the reader's way, in their language
(the file gave no headers to tell another); an English user reads it as before."""

from __future__ import annotations

from pathlib import Path

import pytest

import main

SAID = {
    "fr": (
        "orderbot: Ceci est un PDF, pas une feuille de calcul.",
        "orderbot: Le fichier est endommagé et ne peut pas être lu.",
        (
            "orderbot: La feuille a plus de lignes que les 1\u202f000 permises ; divisez-la, ou "
            "supprimez les lignes vides sous vos données."
        ),
    ),
    "da": (
        "orderbot: Dette er en PDF, ikke et regneark.",
        "orderbot: Filen er beskadiget og kan ikke læses.",
        (
            "orderbot: Arket har flere rækker end de 1.000 tilladte; del det op, eller slet de "
            "tomme rækker under dine data."
        ),
    ),
    "en": (
        "orderbot: This is a PDF, not a spreadsheet.",
        "orderbot: The file is damaged and cannot be read.",
        (
            "orderbot: The sheet has more rows than the 1,000 allowed; split it, or delete the "
            "empty rows below your data."
        ),
    ),
}


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'refusals.sqlite3'}")
    monkeypatch.setenv("IMPORT_MAX_ROWS", "1000")
    monkeypatch.chdir(tmp_path)
    pdf = tmp_path / "clients.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n" + b"x" * 200)
    damaged = tmp_path / "abime.xlsx"
    damaged.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    long = tmp_path / "long.csv"
    rows = "".join(f"C{i};Client {i}\n" for i in range(1200))
    long.write_text("Code client;Nom du client\n" + rows, encoding="utf-8")
    return pdf, damaged, long


@pytest.mark.parametrize("language", ["fr", "da", "en"])
def test_a_refused_file_is_told_in_the_readers_language(
    files: tuple[Path, Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    language: str,
) -> None:
    monkeypatch.setenv("LANGUAGE", language)
    said = []
    for path in files:
        assert main.main(["import", "customers", str(path), "--dry-run"]) == 1
        said.append(capsys.readouterr().err.strip())
    assert tuple(said) == SAID[language]
