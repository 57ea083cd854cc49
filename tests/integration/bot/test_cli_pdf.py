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


def test_pdf_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
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

    assert main.main(["pdf", "invoice", "INV-00001", "-o", "x.pdf"]) == 0
    size = (tmp_path / "x.pdf").stat().st_size
    written, why = capsys.readouterr().out.splitlines()
    assert written == f"INV-00001.pdf written to x.pdf ({size:,} bytes)"
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
