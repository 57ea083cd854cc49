"""The words of orders', shipments', cases' and subscriptions' states, as the team reads them.

A state is stored and typed as its English code (`draft`, `partially_shipped`); the views
show it in the reader's language. A code not listed (a state added later) shows as its
code with spaces, never as an error.
"""

from __future__ import annotations

from collections.abc import Callable

from l10n.translation import pgettext

_WORDS: dict[str, Callable[[], str]] = {
    # Translators: an order's status: being written, nothing promised yet.
    "draft": lambda: pgettext("state", "draft"),
    "confirmed": lambda: pgettext("state", "confirmed"),
    "closed": lambda: pgettext("state", "closed"),
    "cancelled": lambda: pgettext("state", "cancelled"),
    "not_shipped": lambda: pgettext("state", "not shipped"),
    "partially_shipped": lambda: pgettext("state", "partially shipped"),
    "shipped": lambda: pgettext("state", "shipped"),
    "not_invoiced": lambda: pgettext("state", "not invoiced"),
    "partially_invoiced": lambda: pgettext("state", "partially invoiced"),
    "invoiced": lambda: pgettext("state", "invoiced"),
    # Translators: a shipment's status: planned, nothing prepared yet.
    "pending": lambda: pgettext("state", "pending"),
    # Translators: a shipment's status: picked and packed, waiting for the carrier.
    "ready": lambda: pgettext("state", "ready"),
    "delivered": lambda: pgettext("state", "delivered"),
    # Translators: a case's or a subscription's status.
    "open": lambda: pgettext("state", "open"),
    "active": lambda: pgettext("state", "active"),
    "paused": lambda: pgettext("state", "paused"),
    "ended": lambda: pgettext("state", "ended"),
}


def state_word(state: object) -> str:
    """The state `state` (an enum or its code) in the reader's language."""
    code = str(getattr(state, "value", state))
    word = _WORDS.get(code)
    return word() if word is not None else code.replace("_", " ")
