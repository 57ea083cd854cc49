"""The words a refusal names a record's status by, in the reader's language ("only an
open invoice can become paid" reads "... peut devenir payée").

Each record has its own context, as its status agrees with it: an invoice is feminine in
French (une facture "payée", "annulée"), a work order and a return masculine (un ordre
"terminé", un retour "reçu").
"""

from __future__ import annotations

from domain.records.statuses import InvoiceStatus, ReturnStatus, WorkOrderStatus
from domain.texts import Text, pgettext

_NAMES: dict[str, Text] = {
    # Translators: an invoice's status, said of the invoice ("INV-00001 can become paid").
    f"invoice:{InvoiceStatus.OPEN}": pgettext("invoice status", "open"),
    f"invoice:{InvoiceStatus.PAID}": pgettext("invoice status", "paid"),
    f"invoice:{InvoiceStatus.VOID}": pgettext("invoice status", "void"),
    # Translators: a work order's status, said of the work order.
    f"workorder:{WorkOrderStatus.OPEN}": pgettext("work order status", "open"),
    f"workorder:{WorkOrderStatus.DONE}": pgettext("work order status", "done"),
    f"workorder:{WorkOrderStatus.CANCELLED}": pgettext("work order status", "cancelled"),
    # Translators: a return's status, said of the return.
    f"return:{ReturnStatus.REQUESTED}": pgettext("return status", "requested"),
    f"return:{ReturnStatus.RECEIVED}": pgettext("return status", "received"),
    f"return:{ReturnStatus.REFUNDED}": pgettext("return status", "refunded"),
}


def invoice_status_name(status: str) -> Text | str:
    """An invoice's status as a person reads it (an unknown one as it is stored)."""
    return _NAMES.get(f"invoice:{status}", str(status))


def work_order_status_name(status: str) -> Text | str:
    """A work order's status as a person reads it."""
    return _NAMES.get(f"workorder:{status}", str(status))


def return_status_name(status: str) -> Text | str:
    """A return's status as a person reads it."""
    return _NAMES.get(f"return:{status}", str(status))
