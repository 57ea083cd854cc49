"""A return's life: requested -> received (the goods are back) -> refunded, which makes
a credit note of the returned goods at the order's prices.

The credit note's amounts are those the goods had on the order: the line's price and
discount, the order discount (a fixed one shared in proportion to the order's net, as
on invoices, before or after tax as the order's rules say) and the line's tax rate;
shipping and adjustment are not given back.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from domain.errors import InvalidTransition, NotFound
from domain.money import ZERO
from domain.orders.documents import ReturnOrder
from domain.orders.totals import Totals, compute_totals
from domain.records.credit_notes import CreditNote
from domain.records.events import CreditNoteCreated, RecordStatusChanged
from domain.records.status_names import return_status_name
from domain.records.statuses import RecordKind, ReturnStatus
from domain.texts import Text, _

if TYPE_CHECKING:
    from domain.orders.order import SalesOrder

NEXT: dict[ReturnStatus, ReturnStatus] = {
    ReturnStatus.REQUESTED: ReturnStatus.RECEIVED,
    ReturnStatus.RECEIVED: ReturnStatus.REFUNDED,
}
"""The one move out of each status (refunded is the end)."""

REFUSED = {
    ReturnStatus.REQUESTED: _(
        "{code} is requested; it cannot become {new} (it must be received first)."
    ),
    ReturnStatus.RECEIVED: _(
        "{code} is received; it cannot become {new} (it is received already)."
    ),
    ReturnStatus.REFUNDED: _(
        "{code} is refunded; it cannot become {new} (it is refunded already)."
    ),
}
"""Why a return refuses a move, by its status."""


def return_of(order: SalesOrder, code: str) -> ReturnOrder:
    """The order's return with this code (case-insensitive)."""
    for ret in order.returns:
        if ret.code.lower() == code.strip().lower():
            return ret
    raise NotFound("return", code.strip().upper())


def receive(order: SalesOrder, code: str, now: datetime) -> ReturnOrder:
    """The returned goods arrived."""
    ret = return_of(order, code)
    _move(order, ret, ReturnStatus.RECEIVED, now, _("Return {code} received.", code=ret.code))
    ret.received_at = now
    return ret


def refund(order: SalesOrder, code: str, credit_code: str, now: datetime) -> CreditNote:
    """Refund received goods: a credit note of their amounts on the order."""
    ret = return_of(order, code)
    amounts = credit_amounts(order, ret)
    note = CreditNote(
        code=credit_code,
        created_at=now,
        net=amounts.net,
        tax=amounts.tax,
        gross=amounts.gross,
        return_code=ret.code,
        reason=ret.reason,
    )
    _move(
        order,
        ret,
        ReturnStatus.REFUNDED,
        now,
        _("Return {code} refunded; credit note {note} made.", code=ret.code, note=note.code),
    )
    ret.refunded_at = now
    order.credit_notes.append(note)
    order.record(CreditNoteCreated(order.code, note.code, note.gross, ret.code))
    return note


def credit_amounts(order: SalesOrder, ret: ReturnOrder) -> Totals:
    """What the returned goods were worth on the order (no shipping, no adjustment)."""
    line = order.line(ret.line_no)
    return compute_totals(
        [line.priced(ret.quantity)],
        order.discount,
        ZERO,
        ZERO,
        full_subtotal=sum((ln.net for ln in order.lines), ZERO),
        rules=order.tax_rules,
    )


def _move(
    order: SalesOrder, ret: ReturnOrder, new: ReturnStatus, now: datetime, text: Text
) -> None:
    old = ReturnStatus(ret.status)
    if NEXT.get(old) != new:
        sentence = REFUSED[old]
        raise InvalidTransition(
            "return.invalid_transition",
            Text(sentence.msgid, {"code": ret.code, "new": return_status_name(new)}),
        )
    ret.status = new
    order.record(RecordStatusChanged(order.code, RecordKind.RETURN, ret.code, old, new))
    order._log(now, f"return_{new}", text, False)
