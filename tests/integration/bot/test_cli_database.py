"""A database the command line cannot open is refused by name (DATABASE_URL and why),
whichever command meets it first, never with a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

import main


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("LANGUAGE", "en")
    return tmp_path


@pytest.mark.parametrize("words", [["db", "upgrade"], ["order", "show", "SO-00001"]])
def test_a_folder_that_cannot_be_made_is_refused(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    words: list[str],
) -> None:  # fmt: skip
    (here / "plain-file").write_text("not a folder")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{here / 'plain-file' / 'orderbot.db'}")
    assert main.main(words) == 2
    err = capsys.readouterr().err
    assert err.startswith("orderbot: refused: DATABASE_URL: cannot reach the database: "), err
    assert "plain-file" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("words", [["db", "upgrade"], ["order", "show", "SO-00001"]])
def test_a_file_that_is_not_a_database_is_refused(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    words: list[str],
) -> None:  # fmt: skip
    (here / "notes.db").write_text("shopping list: flour, eggs\n" * 20)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{here / 'notes.db'}")
    assert main.main(words) == 2
    err = capsys.readouterr().err
    assert err == (
        "orderbot: refused: DATABASE_URL: cannot reach the database: file is not a database\n"
    )
    assert (here / "notes.db").read_text().startswith("shopping list")
