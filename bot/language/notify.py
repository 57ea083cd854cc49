"""Forms of notifications: tracking links ("view as customer"), the catalogue mail, the outbox.

`/order track CODE` answers the link the customer's mails carry (Slack's *View as
customer* button runs the same command); `/order track CODE revoke` makes the order's
links invalid. `/catalog send CUSTOMER [NAME]` mails a catalogue (the other `/catalog`
forms are `bot.language.catalogues`'); `/outbox dead` lists the messages that could not
be delivered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.language.words import Args, UsageError, typed, whole
from domain import commands as c
from l10n.translation import N_, gettext

if TYPE_CHECKING:
    from bot.language.grammar import Door, Grammar


def _base(door: Door) -> dict[str, Any]:
    return {"actor": door.actor, "manager": door.manager}


def _one(args: Args, what: str) -> str:
    if len(args.words) != 1:
        raise UsageError(
            gettext("expected one {what}, got: {got}", what=what, got=typed(args.words))
        )
    return args.words[0]


def _track(a: Args, d: Door) -> c.Command:
    if "revoke" in a.flags:
        return c.RevokeTracking(code=_one(a, gettext("order code")), **_base(d))
    return c.ViewAsCustomer(code=_one(a, gettext("order code")), **_base(d))


def _send(a: Args, d: Door) -> c.Command:
    if len(a.words) > 2:
        raise UsageError(gettext("expected a CUSTOMER code and at most one catalogue NAME"))
    name = a.words[1] if len(a.words) == 2 else None
    return c.SendCatalog(customer=a.words[0], catalogue=name, **_base(d))


def _dead(a: Args, d: Door) -> c.Command:
    if len(a.words) > 1:
        raise UsageError(gettext("expected at most a number of messages to show"))
    limit = whole(a.words[0], gettext("number of messages")) if a.words else 20
    return c.ListDeadMessages(limit=limit, **_base(d))


def register(grammar: Grammar) -> None:
    """Add the notification forms (the `/order` family is registered by forms_orders)."""
    from bot.language.grammar import Form

    grammar.families["outbox"] = N_("outgoing messages that could not be delivered")
    for form in [
        Form(
            "order",
            "track",
            "CODE [revoke]",
            N_("the customer's tracking link (view as customer); revoke: make it invalid"),
            _track,
            flags=frozenset({"revoke"}),
            min_words=1,
        ),
        Form(
            "catalog",
            "send",
            "CUSTOMER [NAME]",
            N_(
                "email a catalogue (.xlsx; the default one unless NAME says) to the customer's "
                "default contact; the customer keeps which one, its source code and the day"
            ),
            _send,
            min_words=1,
        ),
        Form(
            "outbox",
            "dead",
            "[COUNT]",
            N_("messages refused for good or out of attempts, newest first"),
            _dead,
        ),
    ]:
        grammar.add(form)
