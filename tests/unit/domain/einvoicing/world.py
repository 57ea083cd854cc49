"""An order with two tax rates, a line discount, shipping and an adjustment, invoiced, and
the parties of its e-invoice: the shared example of the e-invoicing tests."""

from __future__ import annotations

from domain.customers.addresses import Address
from domain.customers.customer import Customer
from domain.einvoicing.document import Party, Payee
from domain.einvoicing.of_invoice import Seller
from domain.orders.order import SalesOrder
from domain.orders.totals import PRORATA
from tests.unit.builders import T0, T1, D, confirmed, spec

SELLER = Seller(
    Party(
        name="Orderbot Demo SARL", street="1 rue de la Paix", postal_code="75002",
        city="Paris", country="FR", vat_number="FR40303265045", code="30326504500012",
    ),
    Payee(iban="FR7630006000011234567890189", bic="AGRIFRPP"),
)  # fmt: skip


def buyer() -> Customer:
    """ACME with a billing address in Lyon and a VAT number."""
    customer = Customer.create("ACME", "Acme SA", T0, vat_number="FR83404833048")
    customer.addresses.append(
        Address("HQ", "Acme HQ", "2 quai Saint-Antoine", "Lyon", "69002", "", "FR", True)
    )
    return customer


def invoiced_order() -> SalesOrder:
    """Two rates (20% and 5.5%), 10% off one line, 2.50 off another, shipping 8 shared pro
    rata, an adjustment of -0.37, a 5% order discount; invoiced whole as INV-00001."""
    order = confirmed(
        spec("WIDGET", 10, "12.50", "20", discount="10"),
        spec("BOOK", 3, "19.99", "5.5"),
        spec("GADGET", 4, "3.99", "20"),
        reference="PO-77", shipping_charges=D("8.00"), adjustment=D("-0.37"),
        shipping_tax=PRORATA, discount_value=D(5),
    )  # fmt: skip
    order.lines[2].discount_amount = D("2.50")
    order.invoice("INV-00001", T1)
    return order
