"""Merging two sales orders into one: the preconditions and the move of lines.

Allowed only when both orders have the same customer, billing and delivery address,
the same status, that status is draft or confirmed, neither has a shipment past
pending (ready, shipped or delivered) or an invoice, neither comes from a marketplace,
and their money can be merged (`domain.orders.merge_money`: currency, tax rules,
discount). The older order survives with every line, shipping charge, adjustment, PO
number and remark of both; the absorbed order names the survivor, the survivor lists
what it absorbed and its timeline says what came in.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from domain import bounds
from domain.errors import MergeRefused
from domain.events import OrdersMerged
from domain.orders.merge_money import came_in, merged_money
from domain.orders.order import OrderStatus, Relation, SalesOrder, Source
from domain.orders.shipments import ShipmentStatus
from domain.orders.shipping import new_shipment
from domain.orders.status_names import shipment_status_name, status_name
from domain.texts import Text, _

# Two orders in a status that cannot merge, a whole sentence per status: the status agrees
# with two orders (French "clôturées", plural and feminine).
_BOTH_ARE = {
    "closed": _("{a} and {b} are closed; only draft or confirmed orders can be merged."),
    "cancelled": _("{a} and {b} are cancelled; only draft or confirmed orders can be merged."),
}


def check_merge(a: SalesOrder, b: SalesOrder) -> None:
    """Raise MergeRefused with the first precondition the pair fails."""
    if a.code.lower() == b.code.lower():
        raise MergeRefused("same_order", _("{code} cannot be merged with itself.", code=a.code))
    for order in (a, b):
        if order.source == Source.MARKETPLACE:
            said = _(
                "{code} comes from a marketplace; such orders are not merged.", code=order.code
            )
            raise MergeRefused("marketplace", said)
    _check_same_parties(a, b)
    if a.status != b.status:
        said = _(
            "{a} and {b} have different statuses ({a_status}, {b_status}).",
            a=a.code, b=b.code, a_status=status_name(a.status), b_status=status_name(b.status),
        )  # fmt: skip
        raise MergeRefused("different_status", said)
    if a.status not in (OrderStatus.DRAFT, OrderStatus.CONFIRMED):
        both_are = _BOTH_ARE.get(str(a.status))
        said = (
            Text(both_are.msgid, {"a": a.code, "b": b.code})
            if both_are is not None
            else _(
                "{a} and {b} are {status}; only draft or confirmed orders can be merged.",
                a=a.code, b=b.code, status=status_name(a.status),
            )
        )  # fmt: skip
        raise MergeRefused("status", said)
    for order in (a, b):
        for s in order.shipments:
            if s.status in PAST_PENDING:
                said = _(
                    "{code} has shipment {number} {status}; only orders whose shipments are all "
                    "pending can be merged.",
                    code=order.code, number=s.number, status=shipment_status_name(s.status),
                )  # fmt: skip
                raise MergeRefused("shipment_past_pending", said)
        if order.invoices:
            said = _(
                "{code} has invoice {invoice}.", code=order.code, invoice=order.invoices[0].code
            )
            raise MergeRefused("invoiced", said)


def _check_same_parties(a: SalesOrder, b: SalesOrder) -> None:
    """The same customer, billing address and delivery address, or MergeRefused."""
    if a.customer_code.lower() != b.customer_code.lower():
        said = _(
            "{a} and {b} are for different customers ({a_customer}, {b_customer}).",
            a=a.code, b=b.code, a_customer=a.customer_code, b_customer=b.customer_code,
        )  # fmt: skip
        raise MergeRefused("different_customer", said)
    if a.billing_address_code != b.billing_address_code:
        said = _(
            "{a} and {b} have different billing addresses ({a_address}, {b_address}).",
            a=a.code, b=b.code, a_address=a.billing_address_code or _("none"),
            b_address=b.billing_address_code or _("none"),
        )  # fmt: skip
        raise MergeRefused("different_billing_address", said)
    if a.delivery_address_code != b.delivery_address_code:
        said = _(
            "{a} and {b} have different delivery addresses ({a_address}, {b_address}).",
            a=a.code, b=b.code, a_address=a.delivery_address_code or _("none"),
            b_address=b.delivery_address_code or _("none"),
        )  # fmt: skip
        raise MergeRefused("different_delivery_address", said)


PAST_PENDING = frozenset({ShipmentStatus.READY, ShipmentStatus.SHIPPED, ShipmentStatus.DELIVERED})
"""Shipment statuses that keep an order from being merged: the goods are packed or gone."""


def survivor_of(a: SalesOrder, b: SalesOrder) -> tuple[SalesOrder, SalesOrder]:
    """(older, newer): the older order survives; the code breaks a tie."""
    return (a, b) if (a.created_at, a.code) <= (b.created_at, b.code) else (b, a)


def merge(a: SalesOrder, b: SalesOrder, now: datetime) -> tuple[SalesOrder, SalesOrder]:
    """Move the newer order's lines, charges, PO number and remarks into the older one;
    returns (survivor, absorbed)."""
    check_merge(a, b)
    keep, gone = survivor_of(a, b)
    merged = merged_money(keep, gone)  # every refusal before anything moves
    renumber: dict[int, int] = {}
    next_no = max(ln.line_no for ln in keep.lines) + 1
    # Lines are copied, not moved: the absorbed order keeps its own as a record.
    for line in gone.lines:
        renumber[line.line_no] = next_no
        keep.lines.append(replace(line, line_no=next_no, id=None))
        next_no += 1
    # Each open shipment of the absorbed order becomes a shipment of the survivor, so
    # its planned date and split are kept.
    for old in sorted(gone.shipments, key=lambda s: s.number):
        if not old.is_open or not old.lines:
            continue
        new = new_shipment(keep, old.planned_date, now)
        new.remarks, new.status = old.remarks, old.status
        for sl in old.lines:
            new.put(renumber[sl.line_no], sl.quantity)
        old.lines.clear()
    keep.discount_value, keep.discount_is_percent = (
        merged.discount.value,
        merged.discount.is_percent,
    )
    keep.shipping_charges, keep.adjustment = merged.shipping, merged.adjustment
    keep.reference, keep.remarks = merged.reference, merged.remarks
    keep.absorbed = ",".join([*keep.absorbed_codes, gone.code])
    # The unit of work is dropped on a refusal.
    bounds.check_order_total(keep.code, keep.totals.gross, keep.currency)
    keep.check_charges()
    keep.record(OrdersMerged(keep.code, gone.code))
    keep._log(now, "merged", came_in(gone))
    gone.parent_code, gone.relation = keep.code, Relation.MERGED_INTO
    gone._change_status(OrderStatus.CANCELLED, now, _("merged into {code}", code=keep.code))
    # As in SalesOrder.cancel: each shipment status change is an event and a notification.
    for old in gone.shipments:
        if old.is_open:
            gone._shipment_to(old, ShipmentStatus.CANCELLED, now)
    return keep, gone
