"""The one way a new sales order is made: every door's orders go through `OrderFactory`.

The console and Slack (`order new`, the modal), the order import, the mail intake and
the subscription job each hand a `CreateOrder` and the customer to a factory, which
applies the same rules in the same order and makes a `NewOrder` (or at once the
aggregate):

1. the customer's reference (PO) is trimmed; when another order of the customer that
   is not cancelled holds it (compared without case; orders made earlier by the same
   factory count too), the order is refused with `DuplicateReference`
   (`order.reference_taken`, naming the earlier order) unless the command says
   `allow_duplicate_ref`;
2. every line: its product exists and is still sold, the price defaults to the
   product's, the tax rate is the product's tax's; quantity above 0, price not
   negative, line discount 0-100%; at least one line;
3. the header: delivery and billing addresses are the customer's (its default one
   unless another is named); the order discount is 0-100% or a positive amount;
   the currency, the shipping tax and the discount's timing are what the settings
   (`MoneyDefaults`) decide now, the timing the command's own when it gives one, and
   are stored on the order; the discount, shipping and adjustment are within their
   limits (`domain.orders.charges`);
4. the code: one typed by hand is kept (upper-cased, within `domain.numbering`'s
   bounds) unless another order has it, compared without case; otherwise the next of
   the numbering. Every check above comes first, so a
   refused order never uses a number.

Where the look-ups come from is the door's choice (`OrderSources`): one query each in
the unit of work, or read once for a whole batch (`domain.services.order_sources`).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Protocol

from domain import commands as c
from domain.actors import Actor
from domain.catalog.products import Product
from domain.customers.addresses import Address
from domain.errors import FieldError, ValidationFailed
from domain.numbering import code_taken, typed_order_code
from domain.orders.creation import NewOrder, check_lines
from domain.orders.lines import LineSpec
from domain.orders.money_rules import MoneyDefaults
from domain.orders.order import Relation, SalesOrder, Source
from domain.orders.refusals import field_name, refused
from domain.orders.totals import OrderDiscount
from domain.texts import _

HEADER_FIELDS = (
    "reference",
    "due_date",
    "requested_date",
    "payment_terms",
    "delivery_method",
    "warehouse",
    "remarks",
    "shipping_charges",
    "adjustment",
    "discount_after_tax",
)


def reference_key(reference: str) -> str:
    """How references are compared: trimmed, without case."""
    return reference.strip().lower()


def reference_taken(reference: str, order_code: str, customer_code: str) -> str:
    """The words of the duplicate reference rule, at every door."""
    return f"{reference} is already on {order_code} for {customer_code}"


class DuplicateReference(ValidationFailed):
    """A customer's reference (PO) that an earlier order of the customer holds."""

    def __init__(self, reference: str, order_code: str, customer_code: str) -> None:
        self.reference = reference
        self.order_code = order_code
        self.customer_code = customer_code
        self.detail = reference_taken(reference, order_code, customer_code)
        super().__init__(
            "order.reference_taken",
            _(
                "{field}: {problem}",
                field=field_name("reference"),
                problem=_(
                    "{reference} is already on {order} for {customer}",
                    reference=reference,
                    order=order_code,
                    customer=customer_code,
                ),
            ),
            (FieldError("reference", self.detail),),
        )


class OrderCustomer(Protocol):
    """What an order takes from its customer (the `Customer` aggregate is one)."""

    @property
    def code(self) -> str: ...
    def address(self, code: str) -> Address: ...
    def default_address(self) -> Address | None: ...


class OrderSources(Protocol):
    """What the factory looks up, in the door's own way."""

    def product(self, code: str) -> Product:
        """The product with this code (case-insensitive); NotFound otherwise."""
        ...

    def tax_rate(self, code: str) -> Decimal:
        """The rate of the tax with this code; NotFound otherwise."""
        ...

    def holder(self, customer_code: str, reference: str) -> str | None:
        """The code of a not-cancelled order of the customer with this reference
        (`reference_key` equal), if the store has one."""
        ...

    def code_taken(self, code: str) -> bool:
        """Whether an order has this code."""
        ...

    def next_code(self) -> str:
        """The next order code of the numbering."""
        ...


def order_fields(cmd: c.OrderFields, customer: OrderCustomer, currency: str) -> dict[str, object]:
    """The header fields a command gives (None: not given), with the reference trimmed,
    addresses as the customer's codes and the discount checked (said in `currency`)."""
    fields: dict[str, object] = {
        name: getattr(cmd, name) for name in HEADER_FIELDS if getattr(cmd, name) is not None
    }
    if cmd.reference is not None:
        fields["reference"] = cmd.reference.strip()
    if cmd.discount_value is not None:
        OrderDiscount(cmd.discount_value, cmd.discount_is_percent).check(currency)
        fields["discount_value"] = cmd.discount_value
        fields["discount_is_percent"] = cmd.discount_is_percent
    if cmd.ship_to is not None:
        fields["delivery_address_code"] = customer.address(cmd.ship_to).code
    if cmd.bill_to is not None:
        fields["billing_address_code"] = customer.address(cmd.bill_to).code
    return fields


class OrderFactory:
    """Makes new orders at `now` by the rules above, with the door's look-ups."""

    def __init__(
        self, now: datetime, sources: OrderSources, money: MoneyDefaults | None = None
    ) -> None:
        self.now = now
        self.sources = sources
        self.money = money or MoneyDefaults()
        self.made: dict[tuple[str, str], str] = {}  # (customer, reference key) -> code

    def holder(self, customer_code: str, reference: str) -> str | None:
        """The order that holds this reference of the customer, made here or stored."""
        made = self.made.get((customer_code.lower(), reference_key(reference)))
        return made or self.sources.holder(customer_code, reference)

    def check_reference(self, customer_code: str, reference: str | None) -> None:
        """Refuse a reference another order of the customer holds (DuplicateReference)."""
        reference = (reference or "").strip()
        if reference and (earlier := self.holder(customer_code, reference)) is not None:
            raise DuplicateReference(reference, earlier, customer_code)

    def spec(self, line: c.LineInput) -> LineSpec:
        """A typed line's spec: the product's description, price and tax rate."""
        product = self.sources.product(line.product)
        if not product.active:
            problem = _("{product} is no longer sold", product=product.code)
            raise refused("product", problem, "order.product_inactive")
        rate = self.sources.tax_rate(product.tax_code) if product.tax_code else Decimal(0)
        return LineSpec(
            product_code=product.code,
            description=product.name,
            quantity=line.quantity,
            unit_price=product.unit_price if line.price is None else line.price,
            tax_code=product.tax_code,
            tax_rate=rate,
            discount_percent=line.discount_percent,
            remarks=line.remarks,
            discount_amount=line.discount_amount,
        )

    def plan(self, cmd: c.CreateOrder, customer: OrderCustomer) -> NewOrder:
        """The new order `cmd` asks for, checked and numbered (not yet stored)."""
        if not cmd.allow_duplicate_ref:
            self.check_reference(customer.code, cmd.reference)
        specs = [self.spec(line) for line in cmd.lines]
        check_lines(specs, self.money.currency)
        default = customer.default_address()
        fields: dict[str, object] = {
            "billing_address_code": default.code if default else None,
            "delivery_address_code": default.code if default else None,
            "parent_code": cmd.parent_code,
            "relation": Relation(cmd.relation) if cmd.relation else None,
            "subscription_id": cmd.subscription_id,
            "subscription_iteration": cmd.subscription_iteration,
            **self.money.decided(self.sources.tax_rate, cmd.discount_after_tax),
            **order_fields(cmd, customer, self.money.currency),
        }
        code = self._code(cmd.code)  # last: a refused order never uses a number
        actor = Actor.of(cmd.actor_door, cmd.actor, cmd.actor_name)
        new = NewOrder.of(
            code, customer.code, specs, self.now, Source(cmd.source), cmd.confirm, actor, **fields
        )
        if reference := str(fields.get("reference") or ""):
            self.made.setdefault((customer.code.lower(), reference_key(reference)), code)
        return new

    def make(self, cmd: c.CreateOrder, customer: OrderCustomer) -> SalesOrder:
        """The new order `cmd` asks for, as the aggregate (for the unit of work to add)."""
        return self.plan(cmd, customer).aggregate()

    def _code(self, typed: str | None) -> str:
        if not typed:
            return self.sources.next_code()
        code = typed_order_code(typed)
        if self.sources.code_taken(code):
            raise code_taken(code)
        return code
