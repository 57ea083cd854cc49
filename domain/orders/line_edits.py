"""Changing an order's lines after they were made: which line a word names, and a line's
quantity, price and discount (`/order change`).

A line is named by its number as `order show` lists it, or by its product code when the
product is on one line only; a product on several lines is refused with their numbers.

What each state allows (the order's and its shipments'):
- a closed or cancelled order changes no more;
- the quantity never goes below what was invoiced, and only quantities in `pending`
  shipments can be taken away: a `ready` shipment is packed, a shipped one has left;
- more quantity goes to a pending shipment (the one already holding the line, or the
  first pending one, or a new one planned for the due date), never into a ready one;
- the price and discount are fixed once any of the line is invoiced (the invoice's
  amounts were fixed when it was made).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from domain import bounds
from domain.errors import InvalidTransition
from domain.events import OrderLineChanged, OrderLineRemoved
from domain.money import NO_QUANTITY, ZERO
from domain.orders import edit_texts, refusals, shipping
from domain.orders.lines import LineSpec, OrderLine, check_discount_amount
from domain.orders.refusals import refused
from domain.orders.shipments import Shipment, ShipmentStatus
from domain.text_values import Percent, Price, Quantity
from domain.texts import Text, _

if TYPE_CHECKING:
    from domain.orders.order import SalesOrder


@dataclass(frozen=True)
class LineChange:
    """What `/order change` asks of a line; None leaves a value as it is."""

    quantity: Decimal | None = None
    price: Decimal | None = None
    discount_percent: Decimal | None = None
    discount_amount: Decimal | None = None


def resolve_line(order: SalesOrder, word: str) -> OrderLine:
    """The line a word names: its number (as `order show` lists it) or its product, when
    the product is on one line only. A whole number that is no line's number is read as
    a product code (products may have numeric codes); when that product is not on the
    order either, the refusal lists the lines, since a line number was meant."""
    text = word.strip()
    if text.isdigit() and any(ln.line_no == int(text) for ln in order.lines):
        return order.line(int(text))
    if text.isdigit() and not any(ln.product_code.lower() == text.lower() for ln in order.lines):
        lines = [(ln.line_no, ln.product_code) for ln in order.lines]
        raise refusals.no_line_numbered(text, order.code, lines)
    found = order.lines_of(text)  # NotFound lists the products on the order
    if len(found) > 1:
        numbers = ", ".join(str(ln.line_no) for ln in found)
        problem = _(
            "{product} is on lines {numbers} of {code}; give the line number instead of the "
            "product",
            product=found[0].product_code, numbers=numbers, code=order.code,
        )  # fmt: skip
        raise refused("line", problem, "order.line_ambiguous")
    return found[0]


def change_line(order: SalesOrder, word: str, change: LineChange, now: datetime) -> OrderLine:
    """Change a line's quantity, price or discount, as the states allow (see above)."""
    order.require_editable()
    line = resolve_line(order, word)
    done: list[Text] = []
    if change.price is not None and change.price != line.unit_price:
        _require_not_invoiced(order, line, "price")
        _check_price(line, change.price, order.currency)
        done.append(edit_texts.price_change(line.unit_price, change.price, order.currency))
        line.unit_price = change.price
    if (discount := _new_discount(line, change)) is not None:
        _require_not_invoiced(order, line, "discount")
        _check_discount(line, discount[0])
        done.append(edit_texts.discount_change(_old(line), discount, order.currency))
        line.discount_percent, line.discount_amount = discount
    if change.quantity is not None and change.quantity != line.quantity:
        old = line.quantity
        _set_quantity(order, line, change.quantity, now)
        done.append(edit_texts.quantity_change(old, change.quantity))
    if not done:
        return line
    money = order.currency
    bounds.check_line_amount(line.line_no, line.quantity, line.unit_price, line.amount, money)
    check_discount_amount(_spec_of(line), money)  # an amount off may not exceed the line
    bounds.check_order_total(order.code, order.totals.gross, money)  # the unit of work is dropped
    changed = edit_texts.line_changed(line.line_no, line.product_code, done)
    what = str(changed.params["changes"])
    order.record(OrderLineChanged(order.code, line.line_no, line.product_code, what))
    order._log(now, "line_changed", changed, False)
    return line


def remove_line(order: SalesOrder, word: str, now: datetime) -> OrderLine:
    """Remove a line, named by its number or its product (refused when the product is
    on several lines); refused once any of it shipped or was invoiced."""
    order.require_editable()
    line = resolve_line(order, word)
    if shipping.shipped_quantity(order, line.line_no) or order.invoiced_quantity(line.line_no):
        problem = _(
            "{product} was already shipped or invoiced on {code}",
            product=line.product_code, code=order.code,
        )  # fmt: skip
        raise refused("product", problem, "order.line_in_use")
    if len(order.lines) == 1:
        problem = _(
            "{product} is the last line of {code}; cancel the order instead",
            product=line.product_code, code=order.code,
        )  # fmt: skip
        raise refused("product", problem, "order.last_line")
    order.lines.remove(line)
    order.check_charges()  # the unit of work is dropped
    for shipment in order.shipments:
        shipment.take(line.line_no, shipment.quantity_of(line.line_no))
        if shipment.is_open and not shipment.lines:
            order._shipment_to(shipment, ShipmentStatus.CANCELLED, now)
    order.record(OrderLineRemoved(order.code, line.line_no, line.product_code))
    order._log(now, "line_removed", _("Removed {product}.", product=line.product_code), False)
    return line


def pending_target(order: SalesOrder, line_no: int | None, now: datetime) -> Shipment:
    """Where new quantity of a line goes: the pending shipment already holding it, else
    the first pending one, else a new one planned for the due date (never a ready one)."""
    pending = [s for s in order.shipments if s.status == ShipmentStatus.PENDING]
    holding = [s for s in pending if line_no is not None and s.quantity_of(line_no)]
    if holding or pending:
        return (holding or pending)[0]
    return shipping.new_shipment(order, order.due_date, now)


def _set_quantity(order: SalesOrder, line: OrderLine, quantity: Decimal, now: datetime) -> None:
    if quantity <= 0:
        problem = _(
            "line {number} ({product}): {quantity} must be more than 0; to drop the line use "
            "/order remove {code} {number}",
            number=line.line_no, product=line.product_code, quantity=Quantity(quantity),
            code=order.code,
        )  # fmt: skip
        raise refused("quantity", problem, "order.quantity_invalid")
    invoiced = order.invoiced_quantity(line.line_no)
    if quantity < invoiced:
        problem = _(
            "line {number} ({product}): {invoiced} are invoiced, so the quantity cannot go "
            "below {invoiced}",
            number=line.line_no, product=line.product_code, invoiced=Quantity(invoiced),
        )  # fmt: skip
        raise refused("quantity", problem, "order.quantity_below_invoiced")
    if quantity > line.quantity:
        pending_target(order, line.line_no, now).put(line.line_no, quantity - line.quantity)
    else:
        _take_from_pending(order, line, line.quantity - quantity, now)
    line.quantity = quantity


def _take_from_pending(order: SalesOrder, line: OrderLine, less: Decimal, now: datetime) -> None:
    """Take `less` of a line out of its pending shipments, the latest first; a pending
    shipment left empty is cancelled (a shipment holds at least one product)."""
    pending = [
        s
        for s in sorted(order.shipments, key=lambda s: s.number, reverse=True)
        if s.status == ShipmentStatus.PENDING and s.quantity_of(line.line_no)
    ]
    available = sum((s.quantity_of(line.line_no) for s in pending), NO_QUANTITY)
    if available < less:
        held = line.quantity - available
        problem = _(
            "line {number} ({product}): only {available} are in pending shipments; {held} are "
            "packed (ready) or shipped, so the quantity cannot go below {held}",
            number=line.line_no, product=line.product_code, available=Quantity(available),
            held=Quantity(held),
        )  # fmt: skip
        raise refused("quantity", problem, "order.quantity_not_pending")
    for shipment in pending:
        taken = min(less, shipment.quantity_of(line.line_no))
        shipment.take(line.line_no, taken)
        less -= taken
        if not shipment.lines:
            order._shipment_to(shipment, ShipmentStatus.CANCELLED, now)
        if less <= 0:
            return


# One whole sentence per value, so each language words "its price" and "its discount".
_INVOICED_LINE = {
    "price": _("Line {number} ({product}) of {code} is invoiced ({invoices}); its price can no "
               "longer change."),
    "discount": _("Line {number} ({product}) of {code} is invoiced ({invoices}); its discount "
                  "can no longer change."),
}  # fmt: skip


def _require_not_invoiced(order: SalesOrder, line: OrderLine, what: str) -> None:
    invoiced = order.invoiced_quantity(line.line_no)
    if invoiced:
        codes = ", ".join(i.code for i in order.invoices if i.quantity_of(line.line_no))
        values = {
            "number": line.line_no, "product": line.product_code, "code": order.code,
            "invoices": codes,
        }  # fmt: skip
        raise InvalidTransition("order.line_invoiced", Text(_INVOICED_LINE[what].msgid, values))


def _check_price(line: OrderLine, price: Decimal, currency: str) -> None:
    if price < 0:
        problem = _(
            "line {number} ({product}): {price} is negative",
            number=line.line_no, product=line.product_code, price=Price(price, currency),
        )  # fmt: skip
        raise refused("price", problem, "order.price_invalid")


def _check_discount(line: OrderLine, discount: Decimal) -> None:
    if not ZERO <= discount <= 100:
        problem = _(
            "line {number} ({product}): {discount} must be 0-100%",
            number=line.line_no, product=line.product_code, discount=Percent(discount),
        )  # fmt: skip
        raise refused("discount", problem, "order.discount_invalid")


def _new_discount(line: OrderLine, change: LineChange) -> tuple[Decimal, Decimal] | None:
    """The line's (percent, amount) after the change, when the discount changes: either
    kind given replaces both, as a line has one kind of discount."""
    if change.discount_percent is None and change.discount_amount is None:
        return None
    new = (change.discount_percent or ZERO, change.discount_amount or ZERO)
    return None if new == _old(line) else new


def _old(line: OrderLine) -> tuple[Decimal, Decimal]:
    return line.discount_percent, line.discount_amount


def _spec_of(line: OrderLine) -> LineSpec:
    return LineSpec(
        line.product_code, line.description, line.quantity, line.unit_price, line.tax_code,
        line.tax_rate, line.discount_percent, line.remarks, line.discount_amount,
    )  # fmt: skip


def price_text(value: Decimal) -> str:
    """A price with its cents and every further decimal it carries (`12.50`, `0.333`)."""
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        normal = normal.quantize(Decimal("0.01"))
    return format(normal, "f")
