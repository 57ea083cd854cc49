"""The `/sub` forms: subscriptions that the scheduler turns into recurring orders."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.language.order_lines import read_lines
from bot.language.words import Args, UsageError, parse_date, whole
from domain import commands as c
from l10n.translation import N_, gettext

if TYPE_CHECKING:
    from bot.language.grammar import Door, Grammar


def _base(door: Door) -> dict[str, Any]:
    return {"actor": door.actor, "manager": door.manager}


def _new(a: Args, d: Door) -> c.Command:
    if "every" not in a.options or "start" not in a.options:
        raise UsageError(gettext("every: and start: are required"))
    lines = read_lines(a.words[1:])
    if not lines or any(p.price is not None for p in lines):
        raise UsageError(gettext("give PRODUCT QTY pairs, without prices"))
    return c.CreateSubscription(
        customer=a.words[0],
        lines=tuple((p.product, p.quantity) for p in lines),
        frequency=a.options["every"],
        start_date=parse_date(a.options["start"], d.today),
        end_date=parse_date(a.options["end"], d.today) if "end" in a.options else None,
        catch_up=a.options.get("catch-up", "all"),
        **_base(d),
    )


def _id(a: Args) -> int:
    if len(a.words) != 1:
        raise UsageError(gettext("expected one subscription number"))
    return whole(a.words[0], gettext("subscription number"))


def register(grammar: Grammar) -> None:
    """Add the /sub forms."""
    from bot.language.grammar import Form

    b = _base
    grammar.families["sub"] = N_("subscriptions: recurring orders")
    for form in [
        Form(
            "sub",
            "new",
            "CUSTOMER PRODUCT QTY [PRODUCT QTY]... every:monthly|quarterly|yearly "
            "start:DATE [end:DATE] [catch-up:all|latest]",
            N_("subscribe a customer to products"),
            _new,
            frozenset({"every", "start", "end", "catch-up"}),
            min_words=3,
        ),
        Form(
            "sub",
            "list",
            "[CUSTOMER]",
            N_("list subscriptions"),
            lambda a, d: c.ListSubscriptions(customer=a.words[0] if a.words else None, **b(d)),
        ),
        Form(
            "sub",
            "pause",
            "ID",
            N_("pause a subscription"),
            lambda a, d: c.PauseSubscription(subscription_id=_id(a), **b(d)),
        ),
        Form(
            "sub",
            "resume",
            "ID",
            N_("resume a paused subscription"),
            lambda a, d: c.ResumeSubscription(subscription_id=_id(a), **b(d)),
        ),
        Form(
            "sub",
            "end",
            "ID",
            N_("end a subscription"),
            lambda a, d: c.EndSubscription(subscription_id=_id(a), **b(d)),
        ),
    ]:
        grammar.add(form)
