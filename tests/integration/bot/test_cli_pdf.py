"""`orderbot pdf order|invoice|credit-note CODE [-o FILE]` on the command line, on a real
SQLite database: the file written is the document, its total the invoice's."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

import bootstrap
import main
from domain import commands as c
from settings import Settings

D = Decimal


def text_of(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def make_shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A SQLite shop in `tmp_path` (the current directory) with a French customer, an
    invoiced confirmed order SO-00001 (INV-00001) and a draft SO-00002."""
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("COMPANY_NAME", "Ateliers Dupont SAS")
    monkeypatch.setenv("COMPANY_VAT_NUMBER", "FR40303265045")
    monkeypatch.chdir(tmp_path)
    app = bootstrap.build(Settings(database_url=url, _env_file=None))
    bus = app.bus
    bus.handle(c.CreateTax(code="VAT20", rate=D(20), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=D("10.00"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", language="fr"))
    line = c.LineInput(product="WIDGET", quantity=D(3))
    bus.handle(c.CreateOrder(customer="ACME", lines=(line,), confirm=True, payment_terms="Net 15"))
    bus.handle(c.CreateOrder(customer="ACME", lines=(line,)))
    bus.handle(c.InvoiceOrder(code="SO-00001"))
    app.engine.dispose()


def test_pdf_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_shop(tmp_path, monkeypatch)
    assert main.main(["pdf", "invoice", "INV-00001", "-o", "x.pdf"]) == 0
    size = (tmp_path / "x.pdf").stat().st_size
    written, why = capsys.readouterr().out.splitlines()
    assert written == f"INV-00001.pdf written to x.pdf ({size / 1024:.1f} kB)."
    # the customer has no country on its address: the invoice is a plain PDF, and says so
    assert why.startswith("Not an electronic invoice: country: customer ACME has no billing")
    text = text_of(tmp_path / "x.pdf")
    assert "Facture" in text  # in the customer's language
    assert "INV-00001" in text
    assert "FR40303265045" in text
    assert "Ateliers Dupont SAS" in text
    assert "36,00\xa0€" in text or "36,00 €" in text  # 30.00 + 20% VAT

    assert main.main(["pdf", "invoice", "INV-00001", "--language", "en", "-o", "en.pdf"]) == 0
    assert "Total incl. tax €36.00" in text_of(tmp_path / "en.pdf")
    assert main.main(["pdf", "order", "SO-00002"]) == 0  # a draft: its quote, named for it
    assert (tmp_path / "SO-00002-quote.pdf").read_bytes()[:5] == b"%PDF-"
    capsys.readouterr()
    assert main.main(["pdf", "order", "SO-00002", "--kind", "confirmation"]) == 1
    assert "SO-00002 is draft; only a confirmed or closed order is printed as a confirmation" in (
        capsys.readouterr().err
    )
    assert main.main(["pdf", "credit-note", "CN-00009"]) == 1
    assert not (tmp_path / "CN-00009.pdf").exists()


def test_the_command_line_speaks_its_language_whatever_the_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the command line prints is in the LANGUAGE setting's language, sizes written
    its way, even when the document is in another language; a language orderbot does
    not speak is refused by name, and nothing is written."""
    make_shop(tmp_path, monkeypatch)
    monkeypatch.setenv("LANGUAGE", "en")
    assert main.main(["pdf", "invoice", "INV-00001", "--language", "da", "-o", "da.pdf"]) == 0
    assert "Faktura" in text_of(tmp_path / "da.pdf")
    _, why = capsys.readouterr().out.splitlines()
    assert why.startswith("Not an electronic invoice: country: customer ACME has no billing")

    monkeypatch.setenv("LANGUAGE", "fr")
    assert main.main(["pdf", "invoice", "INV-00001", "-o", "fr.pdf"]) == 0
    size = (tmp_path / "fr.pdf").stat().st_size
    written, why = capsys.readouterr().out.replace("\xa0", " ").replace("\u202f", " ").splitlines()
    kilobytes = f"{size / 1024:.1f}".replace(".", ",")
    assert written == f"INV-00001.pdf écrit dans fr.pdf ({kilobytes} ko)."
    assert why.startswith("Pas une facture électronique : pays : ")

    with pytest.raises(SystemExit) as refused:
        main.main(["pdf", "invoice", "INV-00001", "--language", "xx", "-o", "xx.pdf"])
    assert refused.value.code == 2
    assert "--language" in capsys.readouterr().err
    assert not (tmp_path / "xx.pdf").exists()
