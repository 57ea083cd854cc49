"""Forms that email a document to the customer: `/order send CODE quote|confirmation
[to:ADDRESS]` and `/invoice send CODE [to:ADDRESS]`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.language.words import Args, UsageError, typed
from domain import commands as c
from l10n.translation import N_, gettext

if TYPE_CHECKING:
    from bot.language.grammar import Door, Grammar

ORDER_DOCUMENTS = ("quote", "confirmation")


def _base(door: Door) -> dict[str, Any]:
    return {"actor": door.actor, "manager": door.manager}


def _order_send(a: Args, d: Door) -> c.Command:
    if len(a.words) != 2 or a.words[1].lower() not in ORDER_DOCUMENTS:
        got = typed(a.words)
        raise UsageError(
            gettext("expected an order CODE and quote or confirmation, got: {got}", got=got)
        )
    kind = "quote" if a.words[1].lower() == "quote" else "confirmation"
    return c.SendOrderDocument(code=a.words[0], kind=kind, to=a.options.get("to"), **_base(d))


def _invoice_send(a: Args, d: Door) -> c.Command:
    if len(a.words) != 1:
        raise UsageError(gettext("expected one invoice code, got: {got}", got=typed(a.words)))
    return c.SendInvoice(code=a.words[0], to=a.options.get("to"), **_base(d))


def register(grammar: Grammar) -> None:
    """Add the sending forms to the `/order` and `/invoice` families."""
    from bot.language.grammar import Form

    for form in [
        Form(
            "order",
            "send",
            "CODE quote|confirmation [to:ADDRESS]",
            N_(
                "email the quote (of a draft) or the confirmation as PDF to the customer's "
                "default contact (or to:), in the order's mail thread; a reply saying yes "
                "to a quote confirms the order"
            ),
            _order_send,
            frozenset({"to"}),
            min_words=2,
        ),
        Form(
            "invoice",
            "send",
            "CODE [to:ADDRESS]",
            N_(
                "email the invoice as PDF to the customer's default contact (or to:), in the "
                "order's mail thread"
            ),
            _invoice_send,
            frozenset({"to"}),
            min_words=1,
        ),
    ]:
        grammar.add(form)
