"""The sales order aggregate: its fields and every verb, the status machine, the lines.

The work of the verbs that move goods is in `domain.orders.shipping`, of those that make
invoices and returns in `domain.orders.document_verbs`; merging two orders is
`domain.orders.merge`; work orders, credit notes and the life of every record after it
is made are `domain.records`. The words that classify an order (status, source, relation,
auto-close rule) live in `domain.orders.states` and its lines in `domain.orders.lines`;
both are named here too, with the aggregate they describe.
A new order is made by `domain.orders.factory` (the rules of every door) as a
`domain.orders.creation.NewOrder`, which becomes this aggregate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from domain import bounds
from domain.errors import InvalidTransition
from domain.events import EventRecorder, OrderLineAdded, OrderStatusChanged, ShipmentStatusChanged
from domain.money import DEFAULT_CURRENCY, ZERO, cents
from domain.orders import document_verbs as documents
from domain.orders import edit_texts, line_edits, refusals, shipping, terms, timeline_texts
from domain.orders.charges import check_charges
from domain.orders.documents import (
    Invoice,
    Notification,
    NotificationState,
    ReturnOrder,
    TimelineEntry,
    WorkOrder,
    WorkOrderScope,
    order_status_record,
)
from domain.orders.lines import BackorderLine as BackorderLine
from domain.orders.lines import LineSpec as LineSpec
from domain.orders.lines import OrderLine as OrderLine
from domain.orders.lines import validate_line
from domain.orders.reachable import reachable_states
from domain.orders.shipments import Shipment, ShipmentStatus
from domain.orders.states import EDITABLE as EDITABLE
from domain.orders.states import ORDER_TRANSITIONS as ORDER_TRANSITIONS
from domain.orders.states import AutoClose as AutoClose
from domain.orders.states import InvoicingState as InvoicingState
from domain.orders.states import OrderStatus as OrderStatus
from domain.orders.states import Relation as Relation
from domain.orders.states import ShippingState as ShippingState
from domain.orders.states import Source as Source
from domain.orders.status_names import status_name, status_names
from domain.orders.timeline_texts import CLOSED_BY_HAND
from domain.orders.totals import (
    NO_SHIPPING_TAX,
    LineSums,
    OrderDiscount,
    TaxRules,
    Totals,
    compute_totals,
    not_computable,
)
from domain.records import workorders
from domain.records.credit_notes import CreditNote
from domain.texts import Text, _


@dataclass(eq=False)
class SalesOrder(EventRecorder):
    """A sales order and everything made from it."""

    code: str
    customer_code: str
    created_at: datetime
    status: OrderStatus = OrderStatus.DRAFT
    source: Source = Source.CONSOLE
    billing_address_code: str | None = None
    delivery_address_code: str | None = None
    reference: str = ""
    requested_date: date | None = None
    due_date: date | None = None
    payment_terms: str = ""
    delivery_method: str = ""
    warehouse: str = ""
    remarks: str = ""
    discount_value: Decimal = ZERO
    discount_is_percent: bool = True
    shipping_charges: Decimal = ZERO
    adjustment: Decimal = ZERO
    parent_code: str | None = None
    relation: Relation | None = None
    subscription_id: int | None = None
    subscription_iteration: int | None = None
    # What the rules decided when the order was made (domain.orders.totals.TaxRules),
    # kept so that a later change of the settings never changes a past order.
    currency: str = DEFAULT_CURRENCY
    shipping_tax: str = NO_SHIPPING_TAX
    shipping_tax_rate: Decimal = ZERO
    discount_after_tax: bool = False
    absorbed: str = ""  # the codes of the orders merged into this one, comma-separated
    version: int = 1
    # Read for new lines: the sums of the lines not read (`lines` holds only the new ones).
    unread_lines: LineSums | None = None
    lines: list[OrderLine] = field(default_factory=list)
    shipments: list[Shipment] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)
    work_orders: list[WorkOrder] = field(default_factory=list)
    returns: list[ReturnOrder] = field(default_factory=list)
    credit_notes: list[CreditNote] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    id: int | None = None

    # --- lines (new orders are made by domain.orders.factory) ------------------------

    def _append_line(self, spec: LineSpec) -> OrderLine:
        line = OrderLine(
            line_no=max((ln.line_no for ln in self.lines), default=self._last_unread) + 1,
            product_code=spec.product_code,
            description=spec.description,
            quantity=spec.quantity,
            unit_price=spec.unit_price,
            tax_code=spec.tax_code,
            tax_rate=spec.tax_rate,
            discount_percent=spec.discount_percent,
            remarks=spec.remarks,
            discount_amount=spec.discount_amount,
        )
        bounds.check_line_amount(
            line.line_no, line.quantity, line.unit_price, line.amount, self.currency
        )
        self.lines.append(line)
        return line

    @property
    def _last_unread(self) -> int:
        return self.unread_lines.last_line_no if self.unread_lines else 0

    # --- reading ------------------------------------------------------------------

    @property
    def discount(self) -> OrderDiscount:
        """The order discount."""
        return OrderDiscount(self.discount_value, self.discount_is_percent)

    @property
    def tax_rules(self) -> TaxRules:
        """How this order's shipping tax and discount are worked out."""
        return TaxRules(self.shipping_tax, self.shipping_tax_rate, self.discount_after_tax)

    @property
    def absorbed_codes(self) -> list[str]:
        """The orders merged into this one."""
        return [code for code in self.absorbed.split(",") if code]

    def check_charges(self) -> None:
        """Refuse an order discount, shipping or adjustment out of its limits."""
        charges = (self.shipping_charges, self.adjustment)
        check_charges(self.discount, *charges, self.totals, self.currency)

    @property
    def totals(self) -> Totals:
        """Subtotal, discount, net, tax, shipping, adjustment and gross; not computable
        (NaN) when a value stored out of bounds before overflows the arithmetic."""
        try:
            return compute_totals(
                (ln.priced() for ln in self.lines),
                self.discount,
                cents(self.shipping_charges),
                cents(self.adjustment),
                rules=self.tax_rules,
                carried=self.unread_lines,
            )
        except ArithmeticError:
            return not_computable()

    @property
    def line_count(self) -> int:
        """How many lines the order has (those read and, read for new lines, the others)."""
        return len(self.lines) + (self.unread_lines.count if self.unread_lines else 0)

    def line(self, line_no: int) -> OrderLine:
        """The line with this number."""
        for line in self.lines:
            if line.line_no == line_no:
                return line
        raise refusals.no_line(line_no, self.code)

    def lines_of(self, product_code: str) -> list[OrderLine]:
        """The lines of a product (case-insensitive); NotFound if none."""
        found = [ln for ln in self.lines if ln.product_code.lower() == product_code.lower()]
        if not found:
            on_order = sorted({ln.product_code for ln in self.lines})
            raise refusals.no_product(product_code, self.code, on_order)
        return found

    def shipment(self, number: int) -> Shipment:
        """The shipment with this number."""
        for shipment in self.shipments:
            if shipment.number == number:
                return shipment
        raise refusals.no_shipment(number, self.code)

    def invoiced_quantity(self, line_no: int) -> Decimal:
        """How much of a line is on invoices."""
        return documents.invoiced_quantity(self, line_no)

    @property
    def shipping_state(self) -> ShippingState:
        """Not, partially or fully shipped."""
        return shipping.shipping_state(self)

    @property
    def invoicing_state(self) -> InvoicingState:
        """Not, partially or fully invoiced."""
        return documents.invoicing_state(self)

    def backorder_lines(self) -> list[BackorderLine]:
        """Confirmed quantities still in the warehouse, with the date they are expected."""
        return shipping.backorder_lines(self)

    # --- status -------------------------------------------------------------------

    def confirm(self, now: datetime) -> None:
        """Draft -> confirmed."""
        self._change_status(OrderStatus.CONFIRMED, now)

    def cancel(self, now: datetime, reason: str = "") -> None:
        """Draft or confirmed -> cancelled; refused once goods left or an invoice exists."""
        if self.status in EDITABLE:
            if any(s.has_left for s in self.shipments):
                raise InvalidTransition(
                    "order.cancel_shipped",
                    _(
                        "{code} has shipped goods; make a return instead of cancelling.",
                        code=self.code,
                    ),
                )
            billed = [i for i in self.invoices if i.status != "void"]
            if billed:
                raise InvalidTransition(
                    "order.cancel_invoiced",
                    _(
                        "{code} has invoice {invoice}; it cannot be cancelled.",
                        code=self.code,
                        invoice=billed[0].code,
                    ),
                )
        self._change_status(OrderStatus.CANCELLED, now, reason)
        for shipment in self.shipments:
            if shipment.is_open:
                self._shipment_to(shipment, ShipmentStatus.CANCELLED, now)

    def close(
        self, now: datetime, reason: Text | str = CLOSED_BY_HAND, by_hand: bool = True
    ) -> None:
        """Confirmed -> closed; by hand, what is still in the warehouse will not ship."""
        self._change_status(OrderStatus.CLOSED, now, reason)
        if by_hand:
            for shipment in self.shipments:
                if shipment.is_open:
                    self._shipment_to(shipment, ShipmentStatus.CANCELLED, now)

    def auto_close(self, policy: AutoClose, now: datetime) -> bool:
        """Close the order if the auto-close rule is met; True if it closed."""
        if self.status != OrderStatus.CONFIRMED:
            return False
        shipped = self.shipping_state == ShippingState.SHIPPED
        met = policy.met(shipped, self.invoicing_state == InvoicingState.INVOICED)
        if met:
            # Closed by the rule (e.g. invoiced in advance): open shipments still ship.
            self.close(now, edit_texts.AUTO_CLOSED[policy], by_hand=False)
        return met

    def _change_status(self, new: OrderStatus, now: datetime, reason: Text | str = "") -> None:
        if new not in ORDER_TRANSITIONS[self.status]:
            allowed = status_names(reachable_states(self))
            raise InvalidTransition(
                "order.invalid_transition",
                _(
                    "{code} is {status}; it cannot become {new} "
                    "(from {status} it can become: {allowed}).",
                    code=self.code,
                    status=status_name(self.status),
                    new=status_name(new),
                    allowed=allowed,
                ),
            )
        old, self.status = self.status, new
        self.record(OrderStatusChanged(self.code, str(old), str(new), str(reason)))
        entry, note = order_status_record(str(new), now, reason)
        self.timeline.append(TimelineEntry(**entry))
        self.notifications.append(Notification(**note))

    def _shipment_to(self, shipment: Shipment, new: ShipmentStatus, now: datetime) -> None:
        old = shipment.move_to(new, self.code)
        self.record(ShipmentStatusChanged(self.code, shipment.number, str(old), str(new)))
        said = timeline_texts.shipment_status(
            shipment.number, str(new), shipment.carrier, shipment.tracking_number
        )
        self._log(now, f"shipment_{new}", said)
        self.notifications.append(
            Notification(now, "shipment", str(new), str(said), shipment_number=shipment.number)
        )

    def require_editable(self) -> None:
        """Refuse changes to a closed or cancelled order."""
        if self.status not in EDITABLE:
            raise InvalidTransition(
                "order.not_editable",
                _(
                    "{code} is {status}; it can no longer change.",
                    code=self.code,
                    status=status_name(self.status),
                ),
            )

    def _log(self, now: datetime, kind: str, said: Text, public: bool = True) -> None:
        self.timeline.append(TimelineEntry(**timeline_texts.entry_fields(now, kind, said, public)))

    # --- lines --------------------------------------------------------------------

    def add_line(self, spec: LineSpec, now: datetime) -> OrderLine:
        """Add a line; its quantity goes to the first pending shipment (a new one when
        none is pending: a ready shipment is packed)."""
        self.require_editable()
        validate_line(spec, self.currency)
        line = self._append_line(spec)
        bounds.check_order_total(self.code, self.totals.gross, self.currency)  # the uow is dropped
        line_edits.pending_target(self, None, now).put(line.line_no, line.quantity)
        self.record(OrderLineAdded(self.code, line.line_no, line.product_code, line.quantity))
        added = timeline_texts.line_added(line.quantity, line.product_code)
        self._log(now, "line_added", added, False)
        return line

    def remove_line(self, word: str, now: datetime) -> OrderLine:
        """Remove a line, named by its number or its product (refused when the product is
        on several lines); refused once any of it shipped or was invoiced."""
        return line_edits.remove_line(self, word, now)

    def set_terms(self, now: datetime, **changes: object) -> list[str]:
        """Change header fields (discount, shipping, adjustment, reference, dates...):
        worked out in `domain.orders.terms`."""
        return terms.set_terms(self, now, changes)

    # --- goods: worked out in domain.orders.shipping ------------------------------

    def mark_ready(self, number: int | None, now: datetime) -> Shipment:
        """A shipment is packed: pending -> ready."""
        return shipping.mark_ready(self, number, now)

    def ship(
        self, number: int | None, now: datetime, carrier: str = "", tracking: str = ""
    ) -> Shipment:
        """A shipment leaves: pending/ready -> shipped, with carrier and tracking number."""
        return shipping.ship(self, number, now, carrier, tracking)

    def deliver(self, number: int | None, now: datetime) -> Shipment:
        """A shipment arrived: shipped -> delivered."""
        return shipping.deliver(self, number, now)

    def split(
        self, product_code: str, quantity: Decimal, now: datetime, planned: date | None = None
    ) -> Shipment:
        """Move `quantity` of a product from its shipment to a new one."""
        return shipping.split(self, product_code, quantity, now, planned)

    # --- documents: worked out in domain.orders.document_verbs --------------------

    def invoice(
        self, code: str, now: datetime, wanted: list[tuple[str, Decimal]] | None = None
    ) -> Invoice:
        """Invoice `wanted` (product, quantity) pairs, or everything still to invoice."""
        return documents.invoice(self, code, now, wanted)

    def create_work_orders(
        self, scope: WorkOrderScope, next_code: Callable[[], str], now: datetime
    ) -> list[WorkOrder]:
        """Work orders per shipment, per product, or one for all products, for the goods
        still to prepare (`domain.records.workorders`: open ones of another scope are
        replaced)."""
        return list(workorders.make_work_orders(self, scope, next_code, now).made)

    def create_return(
        self, code: str, product_code: str, quantity: Decimal, now: datetime, reason: str = ""
    ) -> ReturnOrder:
        """A return order for shipped quantities only."""
        return documents.create_return(self, code, product_code, quantity, now, reason)

    # --- notifications ------------------------------------------------------------

    def pending_notifications(self) -> list[Notification]:
        """Status changes the customer has not been told of."""
        return [n for n in self.notifications if n.state == NotificationState.PENDING]

    def mark_notified(self, notes: list[Notification], now: datetime) -> None:
        """Record that these notifications went to the outbox."""
        for note in notes:
            note.state = NotificationState.SENT
            note.sent_at = now
            note.send_count += 1
