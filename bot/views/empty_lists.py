"""The sentence an empty list answers with, by what it lists.

"Invoices: none." reads "Factures : aucune." but "Returns: none." reads "Retours :
aucun.": the word for none agrees with the things listed, so each kind of list has its
own context and a translator writes it for that kind.
"""

from __future__ import annotations

from collections.abc import Callable

from l10n.translation import gettext, pgettext

_EMPTY: dict[str, Callable[[str], str]] = {
    # Translators: an empty list of orders; {title} is the list's title ("Orders").
    "orders": lambda title: pgettext("no orders", "{title}: none.", title=title),
    # Translators: an empty list of invoices; {title} is the list's title ("Invoices").
    "invoice": lambda title: pgettext("no invoices", "{title}: none.", title=title),
    # Translators: an empty list of credit notes; {title} is the list's title.
    "credit note": lambda title: pgettext("no credit notes", "{title}: none.", title=title),
    # Translators: an empty list of work orders; {title} is the list's title.
    "work order": lambda title: pgettext("no work orders", "{title}: none.", title=title),
    # Translators: an empty list of returns; {title} is the list's title.
    "return": lambda title: pgettext("no returns", "{title}: none.", title=title),
    # Translators: an empty list of cases; {title} is the list's title ("Cases").
    "cases": lambda title: pgettext("no cases", "{title}: none.", title=title),
    # Translators: an empty list of subscriptions; {title} is the list's title.
    "subscriptions": lambda title: pgettext("no subscriptions", "{title}: none.", title=title),
    # Translators: an empty list of products; {title} is the list's title ("Products").
    "products": lambda title: pgettext("no products", "{title}: none.", title=title),
    # Translators: an empty list of taxes; {title} is the list's title ("Taxes").
    "taxes": lambda title: pgettext("no taxes", "{title}: none.", title=title),
    # Translators: an empty list of customers found by a search; {title} is its title.
    "customer_matches": lambda title: pgettext("no customers", "{title}: none.", title=title),
    # Translators: an empty list of messages that could not be sent; {title} is its title.
    "dead messages": lambda title: pgettext("no dead messages", "{title}: none.", title=title),
}


def none_listed(kind: str, title: str) -> str:
    """An empty list of `kind` under its `title` (already in the reader's language)."""
    said = _EMPTY.get(kind)
    # Translators: an empty list of things of another kind; {title} is the list's title.
    return said(title) if said is not None else gettext("{title}: none.", title=title)
