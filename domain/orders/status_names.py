"""The words an order's and a shipment's statuses are named by, said in the reader's
language ("SO-00001 is draft" reads "SO-00001 est en brouillon"): in refusals, and in the
views (`order show`, the order card), so each word has one source.

Each kind has its own context, as its status agrees with it: an order and a shipment are
feminine in French (une commande "clôturée", une expédition "expédiée"), while the same
English word said of another thing (a case "closed") is not.
"""

from __future__ import annotations

from collections.abc import Iterable

from domain.text_values import Sentences
from domain.texts import Text, _, pgettext

ORDER_STATUS_NAMES: dict[str, Text] = {
    # Translators: an order's status, said of the order ("SO-00001 is draft").
    "draft": pgettext("order status", "draft"),
    "confirmed": pgettext("order status", "confirmed"),
    "closed": pgettext("order status", "closed"),
    "cancelled": pgettext("order status", "cancelled"),
}

ORDER_SHIPPING_NAMES: dict[str, Text] = {
    # Translators: how much of an order has shipped, said of the order (une commande
    # "non expédiée").
    "not_shipped": pgettext("order status", "not shipped"),
    "partially_shipped": pgettext("order status", "partially shipped"),
    "shipped": pgettext("order status", "shipped"),
}

ORDER_INVOICING_NAMES: dict[str, Text] = {
    # Translators: how much of an order is invoiced, said of the order (une commande
    # "facturée").
    "not_invoiced": pgettext("order status", "not invoiced"),
    "partially_invoiced": pgettext("order status", "partially invoiced"),
    "invoiced": pgettext("order status", "invoiced"),
}

SHIPMENT_STATUS_NAMES: dict[str, Text] = {
    # Translators: a shipment's status, said of the shipment ("Shipment 2 is ready").
    "pending": pgettext("shipment status", "pending"),
    "ready": pgettext("shipment status", "ready"),
    "shipped": pgettext("shipment status", "shipped"),
    "delivered": pgettext("shipment status", "delivered"),
    "cancelled": pgettext("shipment status", "cancelled"),
}


def status_name(status: str) -> Text | str:
    """An order's status as a person reads it (an unknown one as it is stored)."""
    return ORDER_STATUS_NAMES.get(str(status), str(status))


def shipping_state_name(state: str) -> Text | str:
    """How much of an order has shipped, as a person reads it."""
    return ORDER_SHIPPING_NAMES.get(str(state), str(state))


def invoicing_state_name(state: str) -> Text | str:
    """How much of an order is invoiced, as a person reads it."""
    return ORDER_INVOICING_NAMES.get(str(state), str(state))


def shipment_status_name(status: str) -> Text | str:
    """A shipment's status as a person reads it (an unknown one as it is stored)."""
    return SHIPMENT_STATUS_NAMES.get(str(status), str(status))


def status_names(statuses: Iterable[str]) -> Sentences | Text:
    """An order's statuses one after the other (`closed, cancelled`), or `nothing`."""
    return _listed(statuses, ORDER_STATUS_NAMES)


def shipment_status_names(statuses: Iterable[str]) -> Sentences | Text:
    """A shipment's statuses one after the other, or `nothing` when none."""
    return _listed(statuses, SHIPMENT_STATUS_NAMES)


def _listed(statuses: Iterable[str], names: dict[str, Text]) -> Sentences | Text:
    named = tuple(names[str(s)] for s in sorted(str(s) for s in statuses))
    return Sentences(named) if named else _("nothing")
