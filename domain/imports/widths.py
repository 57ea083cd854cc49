"""The longest text each import column may hold: the limits of `domain.bounds`, which the
commands of the console and Slack hold the same fields to and the database's columns are
made for.

A cell longer than its column's limit makes its row red, naming the column as the file
writes it, the cell's length and the limit; the row is then never written, so nothing
reaches the database beyond its column, and an order's remarks too long for the order
no longer stop the whole file's check. Codes are held to theirs by their own reader
(`values.code`); emails, phones and postal codes by the identity rule.
"""

from __future__ import annotations

from collections.abc import Mapping

from domain import bounds
from domain.imports.columns import SheetKind
from domain.imports.sessions import Cleaned
from domain.texts import _

WIDTHS: Mapping[SheetKind, Mapping[str, int]] = {
    SheetKind.CUSTOMERS: {
        "customer_name": bounds.NAME, "vat_number": bounds.VAT_NUMBER,
        "address_name": bounds.NAME, "address": bounds.STREET, "city": bounds.CITY,
        "state": bounds.STATE, "contact_name": bounds.NAME,
    },
    SheetKind.ORDERS: {"remarks": bounds.REMARKS, "order_reference": bounds.REFERENCE},
    SheetKind.PRODUCTS: {"name": bounds.NAME},
}  # fmt: skip
"""Per kind of file, the columns read as free text and the most characters each holds."""


def check_widths(kind: SheetKind, labels: Mapping[str, str], out: Cleaned) -> None:
    """A problem on `out` for each of its text values longer than its column's limit."""
    for key, limit in WIDTHS[kind].items():
        text = out.values.get(key)
        if isinstance(text, str) and len(text) > limit:
            out.problems.append(_("{column} is {length} characters long; at most {limit}",
                                  column=labels[key], length=len(text), limit=limit))  # fmt: skip
