"""What the timeline says of an order's edits, each change a whole sentence: a line's
price, discount and quantity, a shipment's carrier and tracking number, the header
fields changed, the document sent, the work orders' scope, the auto-close rule.

Each change is its own sentence, with its old and new values as `domain.text_values`,
so a reader reads `prix 12,50 € -> 11,00 €` rather than English words around their
numbers; the changes of one edit go in a `Sentences` list that the reader's renderer
joins their way.
"""

from __future__ import annotations

from decimal import Decimal

from domain.orders.documents import WorkOrderScope
from domain.orders.states import AutoClose
from domain.text_values import Percent, Price, Quantity, Sentences
from domain.texts import Text, _

FIELDS = {
    "reference": _("reference"),
    "due_date": _("due date"),
    "requested_date": _("requested date"),
    "payment_terms": _("payment terms"),
    "delivery_method": _("delivery method"),
    "warehouse": _("warehouse"),
    "remarks": _("remarks"),
    # Translators: an order's shipping charges, a field of the order.
    "shipping_charges": _("shipping charges"),
    "adjustment": _("adjustment"),
    # Translators: whether the order's discount is taken after tax, a field of the order.
    "discount_after_tax": _("discount after tax"),
    "discount_value": _("discount"),
    "discount_is_percent": _("discount"),
    "delivery_address_code": _("ship to"),
    "billing_address_code": _("bill to"),
}
"""How an order's header fields are named in "Changed {fields}.", as the views name them."""

AUTO_CLOSED = {
    # Translators: why an order closed; on_invoice is the AUTO_CLOSE setting's value
    # (the order closes once fully invoiced).
    AutoClose.ON_INVOICE: _("closed automatically (on_invoice)"),
    # Translators: why an order closed; on_shipment is the AUTO_CLOSE setting's value
    # (the order closes once fully shipped).
    AutoClose.ON_SHIPMENT: _("closed automatically (on_shipment)"),
    # Translators: why an order closed; on_both is the AUTO_CLOSE setting's value (the
    # order closes once fully shipped and fully invoiced).
    AutoClose.ON_BOTH: _("closed automatically (on_both)"),
}
"""Why an order closed by the auto-close rule, one sentence per rule (`never` closes none)."""


def price_change(old: Decimal, new: Decimal, currency: str) -> Text:
    """A line's unit price changed."""
    # Translators: a change made to an order line, its old value then its new one.
    return _("price {old} -> {new}", old=Price(old, currency), new=Price(new, currency))


def discount_change(
    old: tuple[Decimal, Decimal], new: tuple[Decimal, Decimal], currency: str
) -> Text:
    """A line's discount changed; each side is (percent, amount off), the amount when set."""
    before, after = _discount(*old, currency), _discount(*new, currency)
    # Translators: a change made to an order line, its old value then its new one.
    return _("discount {old} -> {new}", old=before, new=after)


def quantity_change(old: Decimal, new: Decimal) -> Text:
    """A line's quantity changed."""
    # Translators: a change made to an order line, its old value then its new one.
    return _("quantity {old} -> {new}", old=Quantity(old), new=Quantity(new))


def line_changed(number: int, product: str, changes: list[Text]) -> Text:
    """A line's entry: its number, its product and what changed."""
    return _(
        "Line {number} ({product}): {changes}.",
        number=number,
        product=product,
        changes=Sentences(tuple(changes)),
    )


def carrier_change(old: str, new: str) -> Text:
    """A shipped shipment's carrier corrected (it may have had none)."""
    if not old:
        return _("carrier (none) -> {new}", new=new)
    return _("carrier {old} -> {new}", old=old, new=new)


def tracking_change(old: str, new: str) -> Text:
    """A shipped shipment's tracking number corrected (it may have had none)."""
    if not old:
        return _("tracking (none) -> {new}", new=new)
    return _("tracking {old} -> {new}", old=old, new=new)


def shipment_corrected(number: int, changes: list[Text]) -> Text:
    """A shipped shipment's entry: what was corrected."""
    return _(
        "Shipment {number} corrected: {changes}.", number=number, changes=Sentences(tuple(changes))
    )


def fields_changed(names: list[str]) -> Text:
    """ "Changed due date, reference." with the fields named as the views name them (a
    field with no word of its own, by its name), each once."""
    words: list[Text] = []
    for name in names:
        word = FIELDS.get(name.replace(" ", "_"), Text(name))
        if word not in words:
            words.append(word)
    return _("Changed {fields}.", fields=Sentences(tuple(words)))


def document_sent(kind: str, code: str, recipient: str) -> Text:
    """A quote, confirmation or invoice (`kind`) mailed to `recipient`."""
    if kind == "quote":
        return _("Quote {code} sent to {recipient}.", code=code, recipient=recipient)
    if kind == "confirmation":
        return _("Confirmation {code} sent to {recipient}.", code=code, recipient=recipient)
    return _("Invoice {code} sent to {recipient}.", code=code, recipient=recipient)


def work_order_replaced(code: str, scope: WorkOrderScope) -> Text:
    """An open work order cancelled because work orders of another scope replace it."""
    if scope == WorkOrderScope.PER_SHIPMENT:
        return _("Work order {code} cancelled, replaced by per-shipment work orders.", code=code)
    if scope == WorkOrderScope.PER_PRODUCT:
        return _("Work order {code} cancelled, replaced by per-product work orders.", code=code)
    return _("Work order {code} cancelled, replaced by all work orders.", code=code)


def _discount(percent: Decimal, amount: Decimal, currency: str) -> Percent | Price:
    return Price(amount, currency) if amount else Percent(percent)
