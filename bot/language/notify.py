"""Forms of notifications: tracking links ("view as customer"), the catalogue mail, the outbox.

`/order track CODE` answers the link the customer's mails carry (Slack's *View as
customer* button runs the same command); `/order track CODE revoke` makes the order's
links invalid. `/catalog send CUSTOMER` mails the catalogue; `/outbox dead` lists the
messages that could not be delivered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.language.words import Args, UsageError, whole
from domain import commands as c

if TYPE_CHECKING:
    from bot.language.grammar import Door, Grammar


def _base(door: Door) -> dict[str, Any]:
    return {"actor": door.actor, "manager": door.manager}


def _one(args: Args, what: str) -> str:
    if len(args.words) != 1:
        raise UsageError(f"expected one {what}, got: {' '.join(args.words) or 'nothing'}")
    return args.words[0]


def _track(a: Args, d: Door) -> c.Command:
    if "revoke" in a.flags:
        return c.RevokeTracking(code=_one(a, "order code"), **_base(d))
    return c.ViewAsCustomer(code=_one(a, "order code"), **_base(d))


def _dead(a: Args, d: Door) -> c.Command:
    if len(a.words) > 1:
        raise UsageError("expected at most a number of messages to show")
    limit = whole(a.words[0], "number of messages") if a.words else 20
    return c.ListDeadMessages(limit=limit, **_base(d))


def register(grammar: Grammar) -> None:
    """Add the notification forms (the `/order` family is registered by forms_orders)."""
    from bot.language.grammar import Form

    grammar.families["catalog"] = "the product catalogue, mailed to a customer"
    grammar.families["outbox"] = "outgoing messages that could not be delivered"
    for form in [
        Form(
            "order",
            "track",
            "CODE [revoke]",
            "the customer's tracking link (view as customer); revoke: make it invalid",
            _track,
            flags=frozenset({"revoke"}),
            min_words=1,
        ),
        Form(
            "catalog",
            "send",
            "CUSTOMER",
            "email the product catalogue (.xlsx) to the customer's default contact",
            lambda a, d: c.SendCatalog(customer=_one(a, "customer code"), **_base(d)),
            min_words=1,
        ),
        Form(
            "outbox",
            "dead",
            "[COUNT]",
            "messages refused for good or out of attempts, newest first",
            _dead,
        ),
    ]:
        grammar.add(form)
