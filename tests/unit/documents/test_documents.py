"""The five documents rendered as PDF and read back with pypdf: the number, both
addresses, every line, one tax line per rate and the total, each amount exactly the one
the order (or the invoice, or the credit note) holds."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from documents.company import logo_uri
from documents.render import PDF_A3B, DocumentRenderer, css_string, filename_of
from domain.errors import InvalidTransition, NotFound
from domain.orders.order import SalesOrder
from domain.printouts.making import invoice_totals
from domain.printouts.printout import PrintKind
from l10n.formats import Formats
from tests.unit.documents.world import COMPANY, Shop, shop

EN = Formats("EUR", "en_GB")
LABELS = {
    "subtotal": "Subtotal (excl. tax)",
    "discount": "Discount",
    "shipping": "Shipping",
    "adjustment": "Adjustment",
    "total": "Total incl. tax",
}


@pytest.fixture(scope="module")
def the_shop() -> Shop:
    return shop()


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def order(the_shop: Shop, code: str) -> SalesOrder:
    return the_shop.world.store.state.orders[code.lower()]


def assert_parties(text: str) -> None:
    for words in ("Acme SA", "1 rue de la Paix", "75001 Paris", "FR83404833048"):
        assert words in text  # billing, with the buyer's VAT number
    for words in ("Acme Entrepôt", "5 quai Ouest", "69002 Lyon"):
        assert words in text  # delivery
    assert "Ateliers Dupont SAS" in text  # the seller
    assert "FR40303265045" in text


def assert_rows(text: str, rows: list[tuple[str, Decimal | None, Decimal]]) -> None:
    """Every row of the totals, with its exact amount, and one tax line per rate."""
    for what, rate, amount in rows:
        label = f"VAT {EN.percent(rate)}" if what == "tax" and rate is not None else LABELS[what]
        assert f"{label} {EN.money(amount)}" in text, (label, amount)
    rates = [rate for what, rate, _ in rows if what == "tax"]
    assert len(set(rates)) == len(rates) == 2
    assert sum(text.count(f"VAT {EN.percent(r)} ") for r in rates if r is not None) == 2


@pytest.mark.parametrize(("kind", "code"), [("quote", "SO-00001"), ("confirmation", "SO-00002")])
def test_quote_and_confirmation_show_the_orders_totals(
    the_shop: Shop, kind: str, code: str
) -> None:
    made = the_shop.documents.render(kind, code)
    text = text_of(made.data)
    the_order = order(the_shop, code)
    assert made.filename == f"{code}-{kind}.pdf"
    assert f"Number {code}" in text
    assert "Your reference PO-" in text
    assert_parties(text)
    assert "10 €2.50 10% 20% €22.50" in text  # a line discount of 10%
    assert "3 €11.125 5.5% €33.38" in text  # every decimal of the unit price
    rows = the_order.totals.rows()
    assert [r[0] for r in rows] == [
        "subtotal", "tax", "tax", "shipping", "adjustment", "total",
    ]  # fmt: skip
    assert_rows(text, rows)
    assert rows[-1][2] == Decimal("69.62")
    assert "Page 1 of 1" in text


def test_an_invoice_shows_its_own_amounts_due_date_and_legal_mentions(the_shop: Shop) -> None:
    made = the_shop.documents.render("invoice", "INV-00001")
    text = text_of(made.data)
    the_order = order(the_shop, "SO-00002")
    invoice = the_order.invoices[0]
    totals = invoice_totals(the_order, invoice)
    assert (totals.net, totals.tax, totals.gross) == (invoice.net, invoice.tax, invoice.gross)
    assert made.filename == "INV-00001.pdf"
    assert "Invoice\nNumber INV-00001" in text
    assert "Order SO-00002" in text
    assert_parties(text)
    assert "WIDGET" in text
    assert "BOOK" in text
    assert_rows(text, totals.rows())
    assert f"Total incl. tax {EN.money(invoice.gross)}" in text
    assert "Due date 1 April 2026" in text
    assert "Payment terms: Net 30" in text
    assert "IBAN FR76 3000 6000 0112 3456 7890 189" in text
    assert "fixed indemnity of €40.00 for recovery costs" in text
    assert "SIRET 303 265 045 00017" in text


def test_a_packing_slip_lists_one_shipment_without_prices(the_shop: Shop) -> None:
    made = the_shop.documents.render("packing-slip", "SO-00002", shipment=2)
    text = text_of(made.data)
    assert made.filename == "SO-00002-2-packing-slip.pdf"
    assert "Number SO-00002-2" in text
    assert "Shipment 2" in text
    assert_parties(text)
    assert "BOOK Book 1" in text  # what shipment 2 holds: the book split off
    assert "WIDGET" not in text
    assert "€" not in text.replace("10 000 €", "")  # no price (the seller's capital aside)
    first = text_of(the_shop.documents.render("packing-slip", "SO-00002").data)
    assert "WIDGET Widget 10" in first
    assert "BOOK Book 2" in first
    assert "Carrier DHL" in first
    assert "Tracking number 1Z999" in first


def test_a_credit_note_shows_the_voided_invoices_amounts(the_shop: Shop) -> None:
    made = the_shop.documents.render("credit-note", "CN-00001")
    text = text_of(made.data)
    the_order = order(the_shop, "SO-00003")
    note = the_order.credit_notes[0]
    totals = invoice_totals(the_order, the_order.invoices[0])
    assert (totals.net, totals.tax, totals.gross) == (note.net, note.tax, note.gross)
    assert "Credit note\nNumber CN-00001" in text
    assert "For INV-00002" in text
    assert "Reason: duplicate" in text
    assert_parties(text)
    assert "WIDGET" in text
    assert "BOOK" in text
    assert_rows(text, totals.rows())


def test_page_one_of_an_invoice_as_png(the_shop: Shop, tmp_path: Path) -> None:
    """The layout to look at: page 1 of an invoice as PNG (pdftoppm, poppler-utils)."""
    pdf = tmp_path / "INV-00001.pdf"
    pdf.write_bytes(the_shop.documents.render("invoice", "INV-00001").data)
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm is not None, "pdftoppm (poppler-utils) is installed by scripts/setup --test"
    subprocess.run(
        [pdftoppm, "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(tmp_path / "invoice_page1")],
        check=True,
    )  # fmt: skip
    png = tmp_path / "invoice_page1.png"
    print(f"invoice page 1: {png}")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000  # a page with text on it, not a blank one


def test_documents_refuse_what_the_order_is_not(the_shop: Shop) -> None:
    with pytest.raises(InvalidTransition) as quoted:
        the_shop.documents.printout(PrintKind.QUOTE, "SO-00002")
    assert str(quoted.value.text) == (
        "SO-00002 is confirmed; only a draft order is printed as a quote."
    )
    with pytest.raises(InvalidTransition):
        the_shop.documents.printout(PrintKind.CONFIRMATION, "SO-00001")
    with pytest.raises(NotFound):
        the_shop.documents.printout(PrintKind.PACKING_SLIP, "SO-00002", shipment=9)
    with pytest.raises(NotFound):
        the_shop.documents.printout(PrintKind.INVOICE, "INV-09999")


def test_a_value_in_the_page_margin_cannot_leave_its_css_string() -> None:
    assert css_string('A "B" </style> \\') == '"A \\22 B\\22  \\3c /style\\3e  \\5c "'
    assert css_string("Dupont · SO-1") == '"Dupont · SO-1"'


def test_file_names(the_shop: Shop) -> None:
    slip = the_shop.documents.printout("packing-slip", "SO-00002", shipment=1)
    assert filename_of(slip) == "SO-00002-1-packing-slip.pdf"


def test_the_logo_is_drawn_from_its_file_and_nothing_is_fetched(
    the_shop: Shop, tmp_path: Path
) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">'
        '<text x="0" y="30" font-size="20">DUPONT-LOGO</text>'
        '<image href="http://127.0.0.1:9/tracker.png" width="1" height="1"/></svg>'
    )
    company = replace(COMPANY, logo=logo_uri(str(logo)))
    printout = the_shop.documents.printout("invoice", "INV-00001")
    html = DocumentRenderer(company).html(printout)
    assert 'src="data:image/svg+xml;base64,' in html
    assert "DUPONT-LOGO" in text_of(DocumentRenderer(company).pdf(printout))


def test_an_invoice_as_pdf_a3b_for_the_electronic_invoice(the_shop: Shop) -> None:
    made = the_shop.documents.render("invoice", "INV-00001", variant=PDF_A3B)
    reader = PdfReader(io.BytesIO(made.data))
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in metadata or b"<pdfaid:part>3</pdfaid:part>" in metadata
    assert b"pdfaid:conformance" in metadata
    assert "/OutputIntents" in reader.trailer["/Root"]  # the sRGB profile PDF/A asks for
    assert "Total incl. tax €69.62" in text_of(made.data)


def test_an_invoice_in_french_and_a_packing_slip_in_danish(the_shop: Shop) -> None:
    def spaced(data: bytes) -> str:
        return text_of(data).replace("\xa0", " ").replace("\u202f", " ")

    french = spaced(the_shop.documents.render("invoice", "INV-00001", "fr").data)
    for words in ("Facture", "Numéro INV-00001", "Date d'échéance 1 avril 2026",
                  "TVA 5,5 % 2,10 €", "TVA 20 % 5,14 €", "Total TTC 69,62 €",
                  "indemnité forfaitaire de 40,00 €",
                  "N° TVA : FR83404833048", "Page 1 sur 1",
                  "Conditions de paiement : 30 jours net"):  # fmt: skip
        assert words in french
    danish = spaced(the_shop.documents.render("packing-slip", "SO-00002", "da").data)
    for words in ("Følgeseddel", "LEVERINGSADRESSE", "DHL", "Side 1 af 1"):
        assert words in danish


@pytest.mark.parametrize(
    ("language", "title", "verb"), [("fr", "Facture", "Facturer"), ("da", "Faktura", "Fakturér")]
)
def test_an_invoice_is_titled_with_the_noun_not_the_buttons_verb(
    the_shop: Shop, language: str, title: str, verb: str
) -> None:
    text = text_of(the_shop.documents.render("invoice", "INV-00001", language).data)
    assert re.search(rf"\b{title}$", text, re.MULTILINE), text  # the title ends its line
    assert verb not in text
