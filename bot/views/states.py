"""The words of states as the views show them: each kind of thing by its own word, so it
agrees with the thing in the reader's language (une commande "clôturée", un dossier
"clôturé", une facture "ouverte").

A state is stored and typed as its English code (`draft`, `partially_shipped`); the words
come from the domain's status names (one source for a refusal and a view), rendered in
the reader's language. A code not listed (a state added later) shows as its code with
spaces, never as an error.
"""

from __future__ import annotations

from collections.abc import Callable

from domain.cases.status_names import case_status_name
from domain.jobs.status_names import job_status_name
from domain.orders.status_names import (
    invoicing_state_name,
    shipment_status_name,
    shipping_state_name,
    status_name,
)
from domain.records.status_names import (
    invoice_status_name,
    return_status_name,
    work_order_status_name,
)
from domain.subscriptions.status_names import subscription_status_name
from domain.texts import Text
from l10n.translation import render


def _worded(name_of: Callable[[str], Text | str]) -> Callable[[object], str]:
    def word(state: object) -> str:
        code = str(getattr(state, "value", state))
        name = name_of(code)
        return render(name) if isinstance(name, Text) else code.replace("_", " ")

    return word


order_status_word = _worded(status_name)
"""An order's status (`draft`, `confirmed`, `closed`, `cancelled`)."""
shipping_word = _worded(shipping_state_name)
"""How much of an order has shipped."""
invoicing_word = _worded(invoicing_state_name)
"""How much of an order is invoiced."""
shipment_status_word = _worded(shipment_status_name)
"""A shipment's status."""
case_status_word = _worded(case_status_name)
"""A case's status."""
subscription_status_word = _worded(subscription_status_name)
"""A subscription's status."""
invoice_status_word = _worded(invoice_status_name)
"""An invoice's status."""
work_order_status_word = _worded(work_order_status_name)
"""A work order's status."""
return_status_word = _worded(return_status_name)
"""A return's status."""
job_status_word = _worded(job_status_name)
"""A job run's status."""
