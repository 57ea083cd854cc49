"""Words of records shared by the text views and the Slack cards: what a work order
covers, what a credit note was made for, how a parent names the orders made from it."""

from __future__ import annotations

from bot.views.states import order_status_word
from domain.orders.documents import WorkOrder
from domain.records.credit_notes import CreditNote
from domain.records.ports import RelatedOrder
from l10n.translation import gettext


def related_name(related: RelatedOrder) -> str:
    """How an order names a child by the child's relation: `SO-00002 (a return of this
    one, draft)`; a relation not listed reads `{code} ({status})`."""
    said = {"code": related.code, "status": order_status_word(related.status)}
    if related.relation == "merged-into":
        return gettext("{code} (merged into this one, {status})", **said)
    if related.relation == "return-of":
        return gettext("{code} (a return of this one, {status})", **said)
    if related.relation == "generated-by-subscription":
        return gettext("{code} (made by the same subscription, {status})", **said)
    return gettext("{code} ({status})", **said)


def parent_name(relation: str | None, parent_code: str) -> str:
    """How an order names its parent by its relation to it: `merged into SO-00001`; a
    relation not listed reads as it is stored, then the code."""
    if relation == "merged-into":
        return gettext("merged into {code}", code=parent_code)
    if relation == "return-of":
        return gettext("a return of {code}", code=parent_code)
    if relation == "generated-by-subscription":
        return gettext("made by the same subscription as {code}", code=parent_code)
    return f"{relation or ''} {parent_code}".strip()


def work_order_target(w: WorkOrder) -> str:
    """What a work order covers: its shipment, its product, or all products."""
    if w.shipment_number:
        return gettext("shipment {number}", number=w.shipment_number)
    return w.product_code or gettext("all products")


def credit_source(note: CreditNote, made: str) -> str:
    """What a credit note was made for, and when (`made`, formatted)."""
    if note.invoice_code:
        text = gettext("made {date} for voided invoice {code}", date=made, code=note.invoice_code)
    else:
        text = gettext("made {date} for refunded return {code}", date=made, code=note.return_code)
    return text + (" · " + gettext("reason: {reason}", reason=note.reason) if note.reason else "")
