"""What a sales order makes: invoices and return orders, within their limits (never
invoice or return more than allowed); work orders are cut by `domain.records.workorders`.

Functions of the `SalesOrder` aggregate, which calls them from its verbs of the same
names (`order.invoice(...)`).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from domain.errors import InvalidTransition
from domain.events import InvoiceCreated, ReturnCreated
from domain.money import NO_QUANTITY, ZERO, cents
from domain.orders.documents import Invoice, InvoiceLine, ReturnOrder
from domain.orders.refusals import refused
from domain.orders.shipping import shipped_quantity
from domain.orders.states import InvoicingState
from domain.orders.status_names import status_name
from domain.orders.totals import Totals, compute_totals
from domain.text_values import Amount, Quantity
from domain.texts import _

if TYPE_CHECKING:
    from domain.orders.order import SalesOrder


# --- invoices ---------------------------------------------------------------------


def invoiced_quantity(order: SalesOrder, line_no: int) -> Decimal:
    """How much of a line is on invoices (a void invoice bills nothing)."""
    return sum(
        (inv.quantity_of(line_no) for inv in order.invoices if inv.status != "void"),
        NO_QUANTITY,
    )


def invoicing_state(order: SalesOrder) -> InvoicingState:
    """Not, partially or fully invoiced."""
    billed = [invoiced_quantity(order, ln.line_no) for ln in order.lines]
    if order.unread_lines is not None:
        # Read for new lines: those read are new, never invoiced; the others are summed.
        some = any(billed) or any(inv.status != "void" for inv in order.invoices)
        return InvoicingState.PARTIALLY_INVOICED if some else InvoicingState.NOT_INVOICED
    if not any(billed):
        return InvoicingState.NOT_INVOICED
    if all(q >= ln.quantity for q, ln in zip(billed, order.lines, strict=True)):
        return InvoicingState.INVOICED
    return InvoicingState.PARTIALLY_INVOICED


def invoice(
    order: SalesOrder, code: str, now: datetime, wanted: list[tuple[str, Decimal]] | None = None
) -> Invoice:
    """Invoice `wanted` (product, quantity) pairs, or everything still to invoice."""
    if str(order.status) not in ("confirmed", "closed"):
        raise InvalidTransition(
            "order.invoice_not_confirmed",
            _(
                "{code} is {status}; only a confirmed order can be invoiced.",
                code=order.code, status=status_name(order.status),
            ),
        )  # fmt: skip
    quantities = _invoice_quantities(order, wanted)
    if not quantities:
        problem = _("everything on {code} is already invoiced", code=order.code)
        raise refused("lines", problem, "invoice.nothing_left")
    before = {ln.line_no: invoiced_quantity(order, ln.line_no) for ln in order.lines}
    after = {n: before[n] + quantities.get(n, NO_QUANTITY) for n in before}
    amounts = totals_for(order, after) - totals_for(order, before)
    made = Invoice(code=code, created_at=now, net=amounts.net, tax=amounts.tax, gross=amounts.gross)
    for line in order.lines:
        if quantities.get(line.line_no):
            made.lines.append(
                InvoiceLine(line.line_no, line.product_code, quantities[line.line_no])
            )
    order.invoices.append(made)
    order.record(InvoiceCreated(order.code, code, made.gross))
    said = _(
        "Invoice {invoice} made ({amount}).",
        invoice=code,
        amount=Amount(made.gross, order.currency),
    )
    order._log(now, "invoiced", said)
    return made


def _invoice_quantities(
    order: SalesOrder, wanted: list[tuple[str, Decimal]] | None
) -> dict[int, Decimal]:
    remaining = {
        ln.line_no: ln.quantity - invoiced_quantity(order, ln.line_no) for ln in order.lines
    }
    if wanted is None:
        return {n: q for n, q in remaining.items() if q > 0}
    taken: dict[int, Decimal] = {}
    for product, quantity in wanted:
        if quantity <= 0:
            problem = _(
                "{product}: {quantity} must be more than 0",
                product=product, quantity=Quantity(quantity),
            )  # fmt: skip
            raise refused("quantity", problem, "invoice.quantity_invalid")
        lines = order.lines_of(product)
        left = sum((remaining[ln.line_no] for ln in lines), NO_QUANTITY)
        if quantity > left:
            problem = _(
                "only {left} of {product} is left to invoice on {code}, not {quantity}",
                left=Quantity(left), product=lines[0].product_code, code=order.code,
                quantity=Quantity(quantity),
            )  # fmt: skip
            raise refused("quantity", problem, "invoice.quantity_exceeded")
        for line in lines:
            share = min(quantity, remaining[line.line_no])
            if share > 0:
                taken[line.line_no] = taken.get(line.line_no, NO_QUANTITY) + share
                remaining[line.line_no] -= share
                quantity -= share
    return taken


def totals_for(order: SalesOrder, quantities: dict[int, Decimal]) -> Totals:
    """Totals of the order cut to `quantities`; charges count once anything is billed."""
    billed = any(q > 0 for q in quantities.values())
    full_subtotal = sum((ln.net for ln in order.lines), ZERO)
    return compute_totals(
        (ln.priced(quantities[ln.line_no]) for ln in order.lines),
        order.discount,
        # Rounded as in SalesOrder.totals, so the invoices add up to the order's gross.
        cents(order.shipping_charges) if billed else ZERO,
        cents(order.adjustment) if billed else ZERO,
        full_subtotal=full_subtotal,
        rules=order.tax_rules,
    )


# --- returns ------------------------------------------------------------------


def returned_quantity(order: SalesOrder, line_no: int) -> Decimal:
    """How much of a line came back."""
    return sum((r.quantity for r in order.returns if r.line_no == line_no), NO_QUANTITY)


def create_return(
    order: SalesOrder,
    code: str,
    product_code: str,
    quantity: Decimal,
    now: datetime,
    reason: str = "",
) -> ReturnOrder:
    """A return order for shipped quantities only."""
    if quantity <= 0:
        problem = _("{quantity} must be more than 0", quantity=Quantity(quantity))
        raise refused("quantity", problem, "return.quantity_invalid")
    for line in order.lines_of(product_code):
        returnable = shipped_quantity(order, line.line_no) - returned_quantity(order, line.line_no)
        if quantity <= returnable:
            ret = ReturnOrder(
                code=code,
                created_at=now,
                line_no=line.line_no,
                product_code=line.product_code,
                quantity=quantity,
                reason=reason.strip(),
            )
            order.returns.append(ret)
            order.record(ReturnCreated(order.code, code, line.product_code, quantity))
            said = _(
                "Return {code}: {quantity} x {product}.",
                code=code,
                quantity=Quantity(quantity),
                product=line.product_code,
            )
            order._log(now, "returned", said)
            return ret
    shipped = sum(
        (
            shipped_quantity(order, ln.line_no) - returned_quantity(order, ln.line_no)
            for ln in order.lines_of(product_code)
        ),
        NO_QUANTITY,
    )
    problem = _(
        "only {shipped} of {product} was shipped and not yet returned on {code}",
        shipped=Quantity(shipped), product=product_code, code=order.code,
    )  # fmt: skip
    raise refused("quantity", problem, "return.quantity_exceeded")
