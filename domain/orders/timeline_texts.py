"""What an order's timeline says: the sentences of its entries, with their values.

A timeline entry is read later, by a rep or a customer in their own language, so it is
kept as a sentence (`domain.texts.Text`) with its values (amounts, quantities and days
as `domain.text_values`, said the reader's way) beside its English (`TimelineEntry`).
The sentences every status change and a new order write are here, one whole sentence
per status, so a translator sees each as the reader will; the other verbs write theirs
where they happen.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.text_values import Quantity
from domain.texts import Text, _, ngettext

_ORDER = {
    "draft": _("Order draft."),
    "confirmed": _("Order confirmed."),
    "closed": _("Order closed."),
    "cancelled": _("Order cancelled."),
}
_ORDER_BECAUSE = {
    "draft": _("Order draft: {reason}."),
    "confirmed": _("Order confirmed: {reason}."),
    "closed": _("Order closed: {reason}."),
    "cancelled": _("Order cancelled: {reason}."),
}
_SHIPMENT = {
    "pending": _("Shipment {number} pending."),
    "ready": _("Shipment {number} ready."),
    "shipped": _("Shipment {number} shipped."),
    "delivered": _("Shipment {number} delivered."),
    "cancelled": _("Shipment {number} cancelled."),
}

CLOSED_BY_HAND = _("closed by hand")

DOORS = {
    # Translators: the door an order came in through, in "Order created ({source}) ..."
    "slack": _("slack"),
    # Translators: the door an order came in through, in "Order created ({source}) ..."
    "email": _("email"),
    # Translators: the door an order came in through, in "Order created ({source}) ..."
    "import": _("import"),
    # Translators: the door an order came in through, in "Order created ({source}) ..."
    "subscription": _("subscription"),
    # Translators: the door an order came in through, in "Order created ({source}) ..."
    "console": _("console"),
    # Translators: the door an order came in through, in "Order created ({source}) ..."
    "marketplace": _("marketplace"),
}


def created(source: str, lines: int) -> Text:
    """A new order's first entry: its door and how many lines it has."""
    return ngettext(
        "Order created ({source}) with {n} line(s).",
        "Order created ({source}) with {n} line(s).",
        lines,
        source=DOORS.get(source, source),
    )


def order_status(new: str, reason: Text | str = "") -> Text:
    """The order became `new` (a status value), for `reason` when one is given."""
    if reason:
        return Text(_ORDER_BECAUSE[new].msgid, {"reason": reason})
    return _ORDER[new]


def shipment_status(number: int, new: str, carrier: str = "", tracking: str = "") -> Text:
    """Shipment `number` became `new`; a shipment handed to a carrier names it."""
    if new == "shipped" and carrier and tracking:
        return _(
            "Shipment {number} shipped with {carrier}, tracking {tracking}.",
            number=number,
            carrier=carrier,
            tracking=tracking,
        )
    if new == "shipped" and carrier:
        return _("Shipment {number} shipped with {carrier}.", number=number, carrier=carrier)
    return Text(_SHIPMENT[new].msgid, {"number": number})


def line_added(quantity: Decimal, product: str) -> Text:
    """A line added to a made order."""
    return _("Added {quantity} x {product}.", quantity=Quantity(quantity), product=product)


def entry_fields(at: datetime, kind: str, said: Text, public: bool = True) -> dict[str, Any]:
    """The fields of a `TimelineEntry` saying `said`: its English and the sentence."""
    return {"at": at, "kind": kind, "text": str(said), "sentence": said, "public": public}
