"""The example row of each import template, and how a row left in from it is told.

The template's second row shows what each column takes (`store.sheets.templates`
writes it, marked as an example). Left in a file, it would import as a real customer,
order or product: a row whose identifying cells (`MARKS`) are the example's is refused,
naming the row and what to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from domain.imports.columns import CellValue, SheetKind
from domain.imports.sessions import Value
from domain.texts import Text, _

EXAMPLES: Mapping[SheetKind, Mapping[str, CellValue]] = {
    SheetKind.CUSTOMERS: {
        "customer_code": "C0001", "customer_name": "Boulangerie Martin",
        "vat_number": "FR40303265045", "address_code": "MAIN", "address_name": "Shop",
        "address": "12 rue des Lilas", "city": "Lyon", "postal_code": "69003",
        "state": "Auvergne-Rhône-Alpes", "country": "FR", "default_address": True,
        "contact_name": "Claire Martin", "contact_phone": "+33 4 72 00 00 00",
        "contact_email": "claire@example.com", "default_contact": True, "language": "fr",
    },
    SheetKind.ORDERS: {
        "product": "FLOUR-25", "quantity": 4, "unit_price": Decimal("18.50"),
        "requested_date": date(2025, 3, 31), "delivery_address": "MAIN",
        "remarks": "Back door before 7 am", "customer_code": "C0001",
        "order_reference": "PO-1042",
    },
    SheetKind.PRODUCTS: {
        "product_code": "FLOUR-25", "name": "Flour T65, 25 kg bag",
        "unit_price": Decimal("18.50"), "tax_code": "VAT55", "frequencies": "monthly, yearly",
        "opening_stock": 40,
    },
}  # fmt: skip
"""The example row of each kind's template, by column key."""
MARKS: Mapping[SheetKind, tuple[str, ...]] = {
    SheetKind.CUSTOMERS: ("customer_code", "customer_name"),
    SheetKind.ORDERS: ("product", "remarks"),
    SheetKind.PRODUCTS: ("product_code", "name"),
}
"""The cells that make a row the example: a row that keeps them all is the example, even
with its other cells changed."""


def example_problem(kind: SheetKind, number: int, values: Mapping[str, Value]) -> Text | None:
    """Why row `number` is refused when it is the template's example row; else None."""
    example = EXAMPLES[kind]
    for key in MARKS[kind]:
        found = values.get(key)
        if found is None or str(found).casefold() != str(example[key]).casefold():
            return None
    shown = " ".join(str(example[key]) for key in MARKS[kind][:2])
    # One whole sentence per kind, so each language can agree its words with the kind.
    if kind is SheetKind.CUSTOMERS:
        return _("Row {row} is the template's example row ({shown}); write your own "
                 "customer over it or delete the row", row=number, shown=shown)  # fmt: skip
    if kind is SheetKind.ORDERS:
        return _("Row {row} is the template's example row ({shown}); write your own "
                 "order over it or delete the row", row=number, shown=shown)  # fmt: skip
    return _("Row {row} is the template's example row ({shown}); write your own "
             "product over it or delete the row", row=number, shown=shown)  # fmt: skip
