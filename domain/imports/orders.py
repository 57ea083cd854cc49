"""Order imports: single-order files (a customer's attachment) and multi-order files.

A single-order file is for the customer the door names (the email's sender, or
`--customer`); every taken row is a line of one order. A multi-order file has a
Customer code column (and usually an Order reference): rows with the same customer and
reference (compared as the order factory compares them: trimmed, without case) form
one order. Each order is then created through `CreateOrder` and the order factory, so
the rules of every door apply. One requested date and one delivery address per order:
the first given is used and a different one on a later row is reported (yellow).
Red: a missing or unknown product or customer, an inactive product, a quantity that is
not a positive number, a bad price or date, an unknown delivery address, a reference
already on another order of the customer (in the order factory's words), another
customer's code in a customer's own file, a duplicate row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from domain import bounds
from domain.actors import ActorDoor
from domain.catalog.products import Product
from domain.commands import CreateOrder, LineInput
from domain.customers.addresses import Address
from domain.customers.customer import Customer
from domain.errors import ValidationFailed
from domain.imports.columns import CellValue, SheetKind
from domain.imports.sessions import (
    SKIPPED_MESSAGE,
    Cleaned,
    RowVerdict,
    StoredRow,
    Value,
    Verdict,
    duplicate_of,
)
from domain.imports.values import a_date, as_text, code, number, values_key
from domain.imports.widths import check_widths
from domain.orders.factory import reference_key
from domain.orders.matching import suggest_product
from domain.texts import Text, _


def clean_order_line(record: Mapping[str, CellValue], labels: Mapping[str, str]) -> Cleaned:
    """An order row judged alone: product, quantity, price and date."""
    out = Cleaned({})
    v = out.values
    for key in ("product", "quantity"):
        if record.get(key) is None:
            out.problems.append(_("{column}: missing", column=labels[key]))
    v["product"] = as_text(record.get("product"))
    v["quantity"] = number(record.get("quantity"), labels["quantity"], out, positive=True)
    v["unit_price"] = number(record.get("unit_price"), labels["unit_price"], out)
    v["requested_date"] = a_date(record.get("requested_date"), labels["requested_date"], out)
    v["delivery_address"] = as_text(record.get("delivery_address"))
    v["remarks"] = as_text(record.get("remarks"))
    v["customer_code"] = code(record.get("customer_code"), labels["customer_code"], out)
    v["order_reference"] = as_text(record.get("order_reference"))
    check_widths(SheetKind.ORDERS, labels, out)
    return out


@dataclass(frozen=True)
class OrderLookups:
    """What the database knows of the file's customers, products and references."""

    customers: Mapping[str, Customer]
    """Lower-cased code -> customer."""
    products: Mapping[str, Product]
    """Lower-cased code, and lower-cased exact name, -> product."""
    references: Mapping[tuple[str, str], str]
    """(lower customer code, `reference_key`) -> the order code that already has it."""
    catalogue: Sequence[str] = ()
    """Codes of the products on sale, for a "did you mean" on an unknown product."""
    currency: str = "EUR"
    """The currency new orders are made in (the amounts of a refusal are said in it)."""


@dataclass
class OrderDraft:
    """One order to create, from one or more rows."""

    customer: str
    reference: str
    first_row: int
    requested_date: date | None = None
    date_row: int = 0
    ship_to: str | None = None
    ship_row: int = 0
    lines: list[LineInput] = field(default_factory=list)

    def command(self, actor: str) -> CreateOrder:
        """The CreateOrder this draft stands for."""
        return CreateOrder(
            actor=actor, actor_door=str(ActorDoor.IMPORT),
            customer=self.customer, lines=tuple(self.lines),
            reference=self.reference or None, requested_date=self.requested_date,
            ship_to=self.ship_to, source="import",
        )  # fmt: skip


@dataclass
class _Orders:
    labels: Mapping[str, str]
    lookups: OrderLookups
    caller: str | None
    drafts: dict[tuple[str, str], OrderDraft] = field(default_factory=dict)
    seen: dict[tuple[object, ...], int] = field(default_factory=dict)

    def row(self, row: StoredRow) -> RowVerdict:
        if row.problems:
            return RowVerdict(row.number, Verdict.RED, row.problems)
        v, notes, problems = row.values, list(row.notes), list[Text]()
        key = values_key(v)
        if key in self.seen:
            return RowVerdict(row.number, Verdict.RED, (duplicate_of(self.seen[key]),))
        customer = self._customer(v, problems)
        product = self._product(str(v["product"]), notes, problems)
        address = self._address(customer, v["delivery_address"], problems) if customer else None
        reference = str(v["order_reference"] or "").strip()
        if customer is not None and reference:
            taken = self.lookups.references.get((customer.code.lower(), reference_key(reference)))
            if taken:
                problems.append(_(
                    "{column}: {reference} is already on {order} for {customer}",
                    column=self.labels["order_reference"], reference=reference, order=taken,
                    customer=customer.code,
                ))  # fmt: skip
        if product is not None:
            self._amount(product, v, problems)
        if problems or customer is None or product is None:
            return RowVerdict(row.number, Verdict.RED, tuple(problems))
        self.seen[key] = row.number
        group = (customer.code.lower(), reference_key(reference))
        draft = self.drafts.setdefault(group, OrderDraft(customer.code, reference, row.number))
        self._header(draft, row.number, v["requested_date"], address, notes)
        price = v["unit_price"]
        draft.lines.append(
            LineInput(
                product=product.code, quantity=Decimal(str(v["quantity"])),
                price=price if isinstance(price, Decimal) else None,
                remarks=str(v["remarks"] or ""),
            )
        )  # fmt: skip
        return RowVerdict(row.number, Verdict.YELLOW if notes else Verdict.GREEN, tuple(notes))

    def _amount(self, product: Product, v: Mapping[str, Value], problems: list[Text]) -> None:
        """The order factory's bound on a line's amount, judged at the check so that
        confirming never refuses a row the check took."""
        quantity, price = v["quantity"], v["unit_price"]
        if not isinstance(quantity, int | Decimal):
            return
        price = price if isinstance(price, int | Decimal) else product.unit_price
        amount = Decimal(quantity) * Decimal(price)
        try:
            bounds.check_line_amount(
                1, Decimal(quantity), Decimal(price), amount, self.lookups.currency
            )
        except ValidationFailed as refusal:
            problems.append(_("{column}: {problem}", column=self.labels["quantity"],
                              problem=refusal.errors[0].message))  # fmt: skip

    def _customer(self, v: Mapping[str, Value], problems: list[Text]) -> Customer | None:
        label = self.labels["customer_code"]
        given = v["customer_code"]
        wanted = str(given) if given else self.caller
        if wanted is None:
            problems.append(_("{column}: missing", column=label))
            return None
        if self.caller is not None and wanted.lower() != self.caller.lower():
            problems.append(_("{column}: {customer} is not the customer of this file ({caller})",
                              column=label, customer=wanted, caller=self.caller))  # fmt: skip
            return None
        customer = self.lookups.customers.get(wanted.lower())
        if customer is None:
            problems.append(_("{column}: unknown customer {customer}", column=label,
                              customer=wanted))  # fmt: skip
        return customer

    def _product(self, text: str, notes: list[Text], problems: list[Text]) -> Product | None:
        label = self.labels["product"]
        product = self.lookups.products.get(text.lower())
        if product is None:
            guess = suggest_product(text, self.lookups.catalogue)
            if guess:
                problems.append(_("{column}: unknown product {product}; did you mean {guess}?",
                                  column=label, product=text, guess=guess))  # fmt: skip
            else:
                problems.append(_("{column}: unknown product {product}", column=label,
                                  product=text))  # fmt: skip
            return None
        if not product.active:
            problems.append(_("{column}: {product} is no longer sold", column=label,
                              product=product.code))  # fmt: skip
            return None
        if product.code != text:
            notes.append(_("{column}: {value} read as {read}", column=label, value=repr(text),
                           read=product.code))  # fmt: skip
        return product

    def _address(self, customer: Customer, text: Value, problems: list[Text]) -> Address | None:
        if text is None:
            return None
        wanted = str(text).lower()
        for address in customer.addresses:
            if wanted in (address.code.lower(), address.name.lower()):
                return address
        column, known = self.labels["delivery_address"], [a.code for a in customer.addresses]
        if known:
            problems.append(_("{column}: customer {customer} has no address {address} (known: "
                              "{known})", column=column, customer=customer.code, address=text,
                              known=", ".join(known)))  # fmt: skip
        else:
            problems.append(_("{column}: customer {customer} has no address {address} (it has "
                              "none)", column=column, customer=customer.code,
                              address=text))  # fmt: skip
        return None

    def _header(
        self, draft: OrderDraft, number: int, when: Value, address: Address | None,
        notes: list[Text],
    ) -> None:  # fmt: skip
        if isinstance(when, date):
            if draft.requested_date is None:
                draft.requested_date, draft.date_row = when, number
            elif when != draft.requested_date:
                notes.append(_("{column}: one date per order; {date} (row {row}) is used",
                               column=self.labels["requested_date"], date=draft.requested_date,
                               row=draft.date_row))  # fmt: skip
        if address is not None:
            if draft.ship_to is None:
                draft.ship_to, draft.ship_row = address.code, number
            elif address.code != draft.ship_to:
                notes.append(_("{column}: one address per order; {address} (row {row}) is used",
                               column=self.labels["delivery_address"], address=draft.ship_to,
                               row=draft.ship_row))  # fmt: skip


def order_keys(rows: Sequence[StoredRow]) -> tuple[set[str], set[str], set[str]]:
    """The customer codes, product texts and references the rows name."""
    customers = {str(r.values["customer_code"]) for r in rows if r.values.get("customer_code")}
    products = {str(r.values["product"]) for r in rows if r.values.get("product")}
    refs = {str(r.values["order_reference"]) for r in rows if r.values.get("order_reference")}
    return customers, products, refs


def resolve_orders(
    rows: Sequence[StoredRow],
    skipped: frozenset[int],
    labels: Mapping[str, str],
    lookups: OrderLookups,
    caller: str | None,
) -> tuple[list[RowVerdict], list[OrderDraft]]:
    """Every row's verdict, and the orders the taken rows make (in order of first row)."""
    orders = _Orders(labels, lookups, caller)
    verdicts = []
    for row in rows:
        if row.number in skipped:
            verdicts.append(RowVerdict(row.number, Verdict.SKIPPED, (SKIPPED_MESSAGE,)))
        else:
            verdicts.append(orders.row(row))
    return verdicts, list(orders.drafts.values())
