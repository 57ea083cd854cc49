"""The command line speaks the LANGUAGE setting's language (else the system locale's): its
help, its refusals and its views; its JSON is never translated."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import main
from bootstrap import App
from domain import commands as c
from l10n.translation import current_language, set_default_language
from tests.integration.conftest import AppFactory


@pytest.fixture
def cli(
    make_app: AppFactory, sqlite_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[App]:
    """An orderbot on SQLite with one customer, for `main.main`; the process's default
    language is put back afterwards (main sets it)."""
    before = current_language()
    app = make_app(sqlite_url)
    app.bus.handle(c.CreateCustomer(code="ACME", name="Acme SA"))
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    yield app
    set_default_language(before)


def test_the_help_is_in_the_language_setting(
    cli: App, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANGUAGE", "fr")
    with pytest.raises(SystemExit) as done:
        main.main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "Commandes clients depuis Slack, l'e-mail et une console." in out
    assert "tâches de fond" in out


def test_without_a_setting_the_system_locale_speaks(
    cli: App, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    assert main.main(["order", "show", "SO-00404"]) == 1
    assert capsys.readouterr().err == "orderbot: Ingen ordre SO-00404.\n"


def test_views_are_translated_and_json_is_not(
    cli: App, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANGUAGE", "fr")
    assert main.main(["customer", "find", "nobody-at-all"]) == 0
    assert "aucun" in capsys.readouterr().out
    assert main.main(["customer", "show", "ACME", "--json"]) == 0
    shown = capsys.readouterr().out
    assert json.loads(shown)
    assert "ACME" in shown


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["--help"], "factures et avoirs"),
        (["--help"], "écrire un document en PDF"),
        (["workorder", "--help"], "afficher un ordre de fabrication"),
        (["return", "--help"], "lister les retours, les plus récents d'abord"),
        (["pdf", "--help"], "la langue du document (par défaut : celle du client)"),
        (["template", "--help"], "la langue des en-têtes et des notes"),
    ],
)
def test_every_commands_help_is_in_the_language_setting(
    cli: App,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    words: list[str],
    said: str,
) -> None:
    monkeypatch.setenv("LANGUAGE", "fr")
    with pytest.raises(SystemExit):
        main.main(words)
    assert said in " ".join(capsys.readouterr().out.split())  # argparse wraps lines
