"""Words of records shared by the text views and the Slack cards: what a work order
covers, what a credit note was made for, how a parent names the orders made from it."""

from __future__ import annotations

from domain.orders.documents import WorkOrder
from domain.records.credit_notes import CreditNote

RELATION_ON_PARENT = {
    "merged-into": "{code} (merged into this one, {status})",
    "return-of": "{code} (a return of this one, {status})",
    "generated-by-subscription": "{code} (made by the same subscription, {status})",
}
"""How an order names a child by the child's relation; others read `{code} ({status})`."""


def work_order_target(w: WorkOrder) -> str:
    """What a work order covers: its shipment, its product, or all products."""
    if w.shipment_number:
        return f"shipment {w.shipment_number}"
    return w.product_code or "all products"


def credit_source(note: CreditNote, made: str) -> str:
    """What a credit note was made for, and when (`made`, formatted)."""
    if note.invoice_code:
        text = f"made {made} for voided invoice {note.invoice_code}"
    else:
        text = f"made {made} for refunded return {note.return_code}"
    return text + (f" · reason: {note.reason}" if note.reason else "")
