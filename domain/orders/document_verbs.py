"""Verbs of the sales order that make documents: invoices, work orders, return orders.

A mixin of `SalesOrder`, kept apart so each module stays about one concern; the
limits (never invoice or return more than allowed) are checked here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from domain.errors import InvalidTransition, ValidationFailed
from domain.events import InvoiceCreated, ReturnCreated, WorkOrderCreated
from domain.money import NO_QUANTITY, ZERO, cents
from domain.orders.documents import (
    Invoice,
    InvoiceLine,
    ReturnOrder,
    WorkOrder,
    WorkOrderLine,
    WorkOrderScope,
)
from domain.orders.totals import Totals, compute_totals

if TYPE_CHECKING:
    from domain.events import Event
    from domain.orders.order import OrderLine, OrderStatus
    from domain.orders.shipments import Shipment
    from domain.orders.totals import OrderDiscount


class DocumentVerbs:
    """Invoicing, work orders and returns of a sales order."""

    if TYPE_CHECKING:
        code: str
        status: OrderStatus
        lines: list[OrderLine]
        shipments: list[Shipment]
        invoices: list[Invoice]
        work_orders: list[WorkOrder]
        returns: list[ReturnOrder]
        shipping_charges: Decimal
        adjustment: Decimal

        @property
        def discount(self) -> OrderDiscount: ...
        def lines_of(self, product_code: str) -> list[OrderLine]: ...
        def shipped_quantity(self, line_no: int) -> Decimal: ...
        def record(self, event: Event) -> None: ...
        def _log(self, now: datetime, kind: str, text: str, public: bool = True) -> None: ...

    # --- invoices -----------------------------------------------------------------

    def invoiced_quantity(self, line_no: int) -> Decimal:
        """How much of a line is on invoices."""
        return sum((inv.quantity_of(line_no) for inv in self.invoices), NO_QUANTITY)

    def invoice(
        self, code: str, now: datetime, wanted: list[tuple[str, Decimal]] | None = None
    ) -> Invoice:
        """Invoice `wanted` (product, quantity) pairs, or everything still to invoice."""
        if str(self.status) not in ("confirmed", "closed"):
            raise InvalidTransition(
                "order.invoice_not_confirmed",
                f"{self.code} is {self.status}; only a confirmed order can be invoiced.",
            )
        quantities = self._invoice_quantities(wanted)
        if not quantities:
            raise ValidationFailed.field(
                "lines", f"everything on {self.code} is already invoiced", "invoice.nothing_left"
            )
        before = {ln.line_no: self.invoiced_quantity(ln.line_no) for ln in self.lines}
        after = {n: before[n] + quantities.get(n, NO_QUANTITY) for n in before}
        amounts = self._totals_for(after) - self._totals_for(before)
        invoice = Invoice(
            code=code, created_at=now, net=amounts.net, tax=amounts.tax, gross=amounts.gross
        )
        for line in self.lines:
            if quantities.get(line.line_no):
                invoice.lines.append(
                    InvoiceLine(line.line_no, line.product_code, quantities[line.line_no])
                )
        self.invoices.append(invoice)
        self.record(InvoiceCreated(self.code, code, invoice.gross))
        self._log(now, "invoiced", f"Invoice {code} made ({invoice.gross:.2f}).")
        return invoice

    def _invoice_quantities(self, wanted: list[tuple[str, Decimal]] | None) -> dict[int, Decimal]:
        remaining = {
            ln.line_no: ln.quantity - self.invoiced_quantity(ln.line_no) for ln in self.lines
        }
        if wanted is None:
            return {n: q for n, q in remaining.items() if q > 0}
        taken: dict[int, Decimal] = {}
        for product, quantity in wanted:
            if quantity <= 0:
                raise ValidationFailed.field(
                    "quantity",
                    f"{product}: {quantity} must be more than 0",
                    "invoice.quantity_invalid",
                )
            lines = self.lines_of(product)
            left = sum((remaining[ln.line_no] for ln in lines), NO_QUANTITY)
            if quantity > left:
                raise ValidationFailed.field(
                    "quantity",
                    f"only {left} of {lines[0].product_code} is left to invoice on {self.code}, "
                    f"not {quantity}",
                    "invoice.quantity_exceeded",
                )
            for line in lines:
                share = min(quantity, remaining[line.line_no])
                if share > 0:
                    taken[line.line_no] = taken.get(line.line_no, NO_QUANTITY) + share
                    remaining[line.line_no] -= share
                    quantity -= share
        return taken

    def _totals_for(self, quantities: dict[int, Decimal]) -> Totals:
        """Totals of the order cut to `quantities`; charges count once anything is billed."""
        billed = any(q > 0 for q in quantities.values())
        full_subtotal = sum((ln.net for ln in self.lines), ZERO)
        return compute_totals(
            (ln.priced(quantities[ln.line_no]) for ln in self.lines),
            self.discount,
            # Rounded as in SalesOrder.totals, so the invoices add up to the order's gross.
            cents(self.shipping_charges) if billed else ZERO,
            cents(self.adjustment) if billed else ZERO,
            full_subtotal=full_subtotal,
        )

    # --- work orders --------------------------------------------------------------

    def create_work_orders(
        self, scope: WorkOrderScope, next_code: Callable[[], str], now: datetime
    ) -> list[WorkOrder]:
        """Work orders per shipment, per product, or one for all products."""
        if str(self.status) != "confirmed":
            raise InvalidTransition(
                "order.workorders_not_confirmed",
                f"{self.code} is {self.status}; work orders are made from confirmed orders.",
            )
        groups = self._work_order_groups(scope)
        if not groups:
            done = ", ".join(w.code for w in self.work_orders if w.scope == scope)
            raise ValidationFailed.field(
                "scope",
                f"{self.code} already has its {scope} work orders ({done})",
                "workorder.already_made",
            )
        made = []
        for shipment_no, product, lines in groups:
            work_order = WorkOrder(
                code=next_code(),
                scope=scope,
                created_at=now,
                shipment_number=shipment_no,
                product_code=product,
                lines=lines,
            )
            self.work_orders.append(work_order)
            made.append(work_order)
            self.record(WorkOrderCreated(self.code, work_order.code))
        self._log(now, "work_orders", f"Work orders {', '.join(w.code for w in made)} made.", False)
        return made

    def _work_order_groups(
        self, scope: WorkOrderScope
    ) -> list[tuple[int | None, str, list[WorkOrderLine]]]:
        existing = [w for w in self.work_orders if w.scope == scope]
        if scope == WorkOrderScope.ALL:
            if existing:
                return []
            return [
                (
                    None,
                    "",
                    [WorkOrderLine(ln.line_no, ln.product_code, ln.quantity) for ln in self.lines],
                )
            ]
        if scope == WorkOrderScope.PER_PRODUCT:
            covered = {w.lines[0].line_no for w in existing}
            return [
                (None, ln.product_code, [WorkOrderLine(ln.line_no, ln.product_code, ln.quantity)])
                for ln in self.lines
                if ln.line_no not in covered
            ]
        shipped_in: set[int | None] = {w.shipment_number for w in existing}
        by_no = {ln.line_no: ln for ln in self.lines}
        return [
            (
                s.number,
                "",
                [
                    WorkOrderLine(sl.line_no, by_no[sl.line_no].product_code, sl.quantity)
                    for sl in s.lines
                ],
            )
            for s in sorted(self.shipments, key=lambda s: s.number)
            if str(s.status) != "cancelled" and s.number not in shipped_in
        ]

    # --- returns ------------------------------------------------------------------

    def returned_quantity(self, line_no: int) -> Decimal:
        """How much of a line came back."""
        return sum((r.quantity for r in self.returns if r.line_no == line_no), NO_QUANTITY)

    def create_return(
        self, code: str, product_code: str, quantity: Decimal, now: datetime, reason: str = ""
    ) -> ReturnOrder:
        """A return order for shipped quantities only."""
        if quantity <= 0:
            raise ValidationFailed.field(
                "quantity", f"{quantity} must be more than 0", "return.quantity_invalid"
            )
        for line in self.lines_of(product_code):
            returnable = self.shipped_quantity(line.line_no) - self.returned_quantity(line.line_no)
            if quantity <= returnable:
                ret = ReturnOrder(
                    code=code,
                    created_at=now,
                    line_no=line.line_no,
                    product_code=line.product_code,
                    quantity=quantity,
                    reason=reason.strip(),
                )
                self.returns.append(ret)
                self.record(ReturnCreated(self.code, code, line.product_code, quantity))
                self._log(now, "returned", f"Return {code}: {quantity} x {line.product_code}.")
                return ret
        shipped = sum(
            (
                self.shipped_quantity(ln.line_no) - self.returned_quantity(ln.line_no)
                for ln in self.lines_of(product_code)
            ),
            NO_QUANTITY,
        )
        raise ValidationFailed.field(
            "quantity",
            f"only {shipped} of {product_code} was shipped and not yet returned on {self.code}",
            "return.quantity_exceeded",
        )
