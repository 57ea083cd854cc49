"""Factur-X through the bus, on a real database with the settings' seller: an invoice with
two tax rates, a line discount, shipping and an adjustment; the credit note of a voided
invoice and that of a refunded return; each checked against EN 16931 and embedded in a
PDF/A-3 the factur-x library and pypdf read back."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from facturx import get_facturx_xml_from_pdf
from lxml import etree
from pypdf import PdfReader

import bootstrap
from bot.console import Console
from domain import commands as c
from domain.errors import DomainError
from store.einvoice.cii import RAM
from tests.integration.conftest import AppFactory
from tests.integration.order_documents import pdf_of

COMPANY = {
    "company_name": "Orderbot Demo SARL", "company_address": "1 rue de la Paix|75002 Paris",
    "company_postal_code": "75002", "company_city": "Paris", "company_country": "FR",
    "company_vat_number": "FR40303265045", "company_legal_id": "30326504500012",
    "company_iban": "FR76 3000 6000 0112 3456 7890 189", "company_bic": "AGRIFRPP",
}  # fmt: skip


def _text(xml: bytes, path: str) -> list[str]:
    return [e.text for e in etree.fromstring(xml).xpath(path, namespaces={"ram": RAM})]


@pytest.fixture
def shop(sqlite_url: str, make_app: AppFactory) -> bootstrap.App:
    app = make_app(sqlite_url, **COMPANY)
    today = datetime.now(ZoneInfo("Europe/Paris")).date()
    console = Console(app.bus.handle, lambda: today)
    for line in [
        "tax new VAT20 20",
        "tax new VAT55 5.5",
        "product new WIDGET Widget 12.50 tax:VAT20",
        "product new BOOK Book 19.99 tax:VAT55",
        'customer new ACME "Acme SA" vat:FR83404833048',
        'customer address ACME HQ street:"2 quai Saint-Antoine" city:Lyon zip:69002 country:FR',
        (
            "order new ACME WIDGET 10 -10% BOOK 3 -2.50 ref:PO-77 shipping:8 adjust:-0.37 "
            "discount:5% confirm"
        ),
        "order invoice SO-00001 WIDGET 4 BOOK 3",
        "order invoice SO-00001",
        'invoice void INV-00002 reason:"wrong quantity"',
        "order ship SO-00001 1 carrier:DHL",
        "order return SO-00001 BOOK 1 reason:damaged",
        "return received RMA-00001",
        "return refund RMA-00001",
    ]:
        answer = console.answer(line)
        assert not answer.startswith(("Refused", "Not understood")), (line, answer)
    return app


def test_an_invoice_is_a_valid_factur_x_pdf(shop: bootstrap.App) -> None:
    pdf = pdf_of("<h1>Invoice INV-00001</h1>")
    made = shop.bus.handle(c.MakeEInvoice(code="INV-00001", pdf=pdf))
    assert made.invoice.seller.name == "Orderbot Demo SARL"
    assert _text(made.xml, "//ram:IBANID") == ["FR7630006000011234567890189"]
    assert _text(made.xml, "//ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID") == ["PO-77"]
    gross = shop.bus.handle(c.ShowInvoice(code="INV-00001")).record.gross
    assert Decimal(_text(made.xml, "//ram:GrandTotalAmount")[0]) == gross
    assert len({row.rate for row in made.invoice.tax_rows if row.category == "S"}) == 2
    assert get_facturx_xml_from_pdf(made.pdf, check_xsd=True) == ("factur-x.xml", made.xml)
    assert "factur-x.xml" in PdfReader(io.BytesIO(made.pdf)).attachments


def test_both_credit_notes_are_valid_type_381(shop: bootstrap.App) -> None:
    voided = shop.bus.handle(c.MakeEInvoice(code="CN-00001"))
    assert _text(voided.xml, "/*/*[local-name()='ExchangedDocument']/ram:TypeCode") == ["381"]
    assert _text(voided.xml, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == [
        "INV-00002"
    ]
    refund = shop.bus.handle(c.MakeEInvoice(code="CN-00002"))
    note = shop.bus.handle(c.ShowInvoice(code="CN-00002")).record
    assert Decimal(_text(refund.xml, "//ram:GrandTotalAmount")[0]) == note.gross
    assert [(ln.product_code, ln.quantity) for ln in refund.invoice.lines] == [("BOOK", 1)]


def test_an_unknown_code_is_named(shop: bootstrap.App) -> None:
    with pytest.raises(DomainError) as refused:
        shop.bus.handle(c.MakeEInvoice(code="INV-09999"))
    assert "INV-09999" in refused.value.message


def test_the_invoice_document_is_the_factur_x_pdf(shop: bootstrap.App) -> None:
    from bootstrap.documents import documents

    made = documents(shop).render("invoice", "INV-00001")
    assert made.not_einvoice == ""
    name, xml = get_facturx_xml_from_pdf(made.data, check_xsd=True)
    assert name == "factur-x.xml"
    gross = shop.bus.handle(c.ShowInvoice(code="INV-00001")).record.gross
    assert Decimal(_text(xml, "//ram:GrandTotalAmount")[0]) == gross
    reader = PdfReader(io.BytesIO(made.data))
    assert "INV-00001" in reader.pages[0].extract_text()
    assert b"pdfaid:part" in reader.xmp_metadata.stream.get_data()  # type: ignore[union-attr]
    credit = documents(shop).render("credit-note", "CN-00001")
    assert get_facturx_xml_from_pdf(credit.data, check_xsd=True)[0] == "factur-x.xml"


def test_an_invoice_without_the_sellers_data_is_a_plain_pdf_saying_why(
    sqlite_url: str, make_app: AppFactory
) -> None:
    from bootstrap.documents import documents

    app = make_app(sqlite_url)  # no COMPANY_* settings: no VAT number to charge VAT under
    today = datetime.now(ZoneInfo("Europe/Paris")).date()
    console = Console(app.bus.handle, lambda: today)
    for line in [
        "tax new VAT20 20",
        "product new WIDGET Widget 12.50 tax:VAT20",
        'customer new ACME "Acme SA"',
        'customer address ACME HQ street:"2 quai Saint-Antoine" city:Lyon zip:69002 country:FR',
        "order new ACME WIDGET 2 confirm",
        "order invoice SO-00001",
    ]:
        assert not console.answer(line).startswith(("Refused", "Not understood")), line
    made = documents(app).render("invoice", "INV-00001")
    assert made.not_einvoice != ""
    assert "factur-x.xml" not in PdfReader(io.BytesIO(made.data)).attachments
    assert "INV-00001" in PdfReader(io.BytesIO(made.data)).pages[0].extract_text()
