"""An order for the documents' tests, on the in-memory fakes: two tax rates, a line
discount, shipping and an adjustment, two addresses, shipped, invoiced, and a voided
invoice's credit note."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from documents.company import Company
from documents.port import Documents
from documents.render import DocumentRenderer
from domain import commands as c
from tests.unit.domain.services.test_services import World, make_world

D = Decimal
COMPANY = Company(
    name="Ateliers Dupont SAS",
    address=("12 rue des Lilas", "69003 Lyon", "France"),
    vat_number="FR40303265045",
    registration=("SIRET 303 265 045 00017", "RCS Lyon", "SAS au capital de 10 000 €"),
    bank=("Banque Populaire", "IBAN FR76 3000 6000 0112 3456 7890 189", "BIC AGRIFRPP"),
    terms=("Goods remain our property until paid in full.",),
    email="compta@dupont.example",
)


@dataclass
class Shop:
    world: World
    documents: Documents


def shop() -> Shop:
    """The world with ACME's order SO-00001 quoted (draft) and SO-00002 confirmed,
    shipped in two, invoiced as INV-00001; INV-00002 of SO-00003 voided as CN-00001."""
    world = make_world()
    bus = world.bus.handle
    bus(c.SetCustomer(code="ACME", vat_number="FR 83 404 833 048"))
    bus(c.AddAddress(customer="ACME", code="HQ", name="Acme SA", street="1 rue de la Paix",
                     city="Paris", postal_code="75001", country="FR", default=True))  # fmt: skip
    bus(c.AddAddress(customer="ACME", code="DOCK", name="Acme Entrepôt", street="5 quai Ouest",
                     city="Lyon", postal_code="69002", country="FR"))  # fmt: skip
    for n, confirm in enumerate((False, True, True), start=77):
        bus(
            c.CreateOrder(
                customer="ACME",
                lines=(
                    c.LineInput(product="WIDGET", quantity=D(10), discount_percent=D(10)),
                    c.LineInput(product="BOOK", quantity=D(3), price=D("11.125")),
                ),
                ship_to="DOCK",
                bill_to="HQ",
                reference=f"PO-{n}",
                shipping_charges=D("8.00"),
                adjustment=D("-1.50"),
                payment_terms="Net 30",
                confirm=confirm,
            )
        )
    bus(c.SplitShipment(code="SO-00002", product="BOOK", quantity=D(1)))
    bus(c.ShipOrder(code="SO-00002", shipment=1, carrier="DHL", tracking="1Z999"))
    bus(c.InvoiceOrder(code="SO-00002"))
    bus(c.InvoiceOrder(code="SO-00003"))
    bus(c.VoidInvoice(code="INV-00002", reason="duplicate"))
    return Shop(world, Documents(bus, DocumentRenderer(COMPANY)))
