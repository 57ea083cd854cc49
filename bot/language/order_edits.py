"""The `/order` forms that change lines and shipments after they were made: `change`,
`move`, `combine` and `plan` (domain.commands.order_edits)."""

from __future__ import annotations

from decimal import Decimal

from bot.language.grammar import Door, Form, Grammar
from bot.language.words import Args, UsageError, number, parse_date, positive, typed, whole
from domain import commands as c
from domain.errors import ValidationFailed
from domain.orders.lines import read_line_discount
from l10n.translation import N_, gettext, pgettext, render

NEEDS_A_CHANGE = N_("say what changes: qty:Q, price:P or discount:D (one or more)")


def _change(args: Args, door: Door) -> c.Command:
    if len(args.words) != 2:
        raise UsageError(gettext("expected CODE LINE, got: {got}", got=typed(args.words)))
    o = args.options
    if not {"qty", "price", "discount"} & o.keys():
        raise UsageError(gettext(NEEDS_A_CHANGE))
    price = number(o["price"].lstrip("@"), pgettext("money", "price")) if "price" in o else None
    if price is not None and price < 0:
        raise UsageError(gettext("price {price} cannot be negative", price=o["price"]))
    return c.ChangeLine(
        code=args.words[0],
        line=args.words[1],
        quantity=positive(o["qty"], "qty") if "qty" in o else None,
        price=price,
        **(_discount(o["discount"]) if "discount" in o else {}),
        actor=door.actor,
        manager=door.manager,
    )


def _discount(text: str) -> dict[str, Decimal]:
    """A line discount as `/order new` reads one: `10%` a percent of the line's amount,
    `2.50` an amount off the line (a leading minus is allowed: `-10%`, `-2.50`)."""
    try:
        percent, amount = read_line_discount(text)
    except ValidationFailed as refusal:
        raise UsageError(gettext("discount: {problem}", problem=render(refusal.text))) from None
    return {"discount_percent": percent, "discount_amount": amount}


def _shipments(args: Args) -> tuple[int, int]:
    missing = [name for name in ("from", "to") if name not in args.options]
    if missing:
        if len(missing) == 2:
            raise UsageError(gettext("name both shipments: from:N and to:N missing"))
        raise UsageError(gettext("name both shipments: {option} missing", option=f"{missing[0]}:N"))
    return whole(args.options["from"], "from:"), whole(args.options["to"], "to:")


def _move(args: Args, door: Door) -> c.Command:
    if len(args.words) != 3:
        raise UsageError(gettext("expected CODE LINE QTY, got: {got}", got=typed(args.words)))
    first, second = _shipments(args)
    return c.MoveQuantity(
        code=args.words[0],
        line=args.words[1],
        quantity=positive(args.words[2], gettext("quantity")),
        from_shipment=first,
        to_shipment=second,
        actor=door.actor,
        manager=door.manager,
    )


def _combine(args: Args, door: Door) -> c.Command:
    if len(args.words) != 1:
        raise UsageError(gettext("expected one order code, got: {got}", got=typed(args.words)))
    first, second = _shipments(args)
    return c.CombineShipments(
        code=args.words[0],
        from_shipment=first,
        to_shipment=second,
        actor=door.actor,
        manager=door.manager,
    )


def _plan(args: Args, door: Door) -> c.Command:
    if len(args.words) != 2:
        raise UsageError(gettext("expected CODE SHIPMENT, got: {got}", got=typed(args.words)))
    if "date" not in args.options:
        raise UsageError(gettext("give the new date: date:DATE"))
    return c.PlanShipment(
        code=args.words[0],
        shipment=whole(args.words[1], gettext("shipment number")),
        planned_date=parse_date(args.options["date"], door.today),
        actor=door.actor,
        manager=door.manager,
    )


def register(grammar: Grammar) -> None:
    """Add the forms that change lines and shipments."""
    for form in (
        Form(
            "order",
            "change",
            "CODE LINE [qty:Q] [price:P] [discount:10%|2.50]",
            N_(
                "change a line (its number in /order show, or its product when on one line "
                "only): more quantity goes to a pending shipment, less comes out of pending ones"
            ),
            _change,
            frozenset({"qty", "price", "discount"}),
            min_words=2,
        ),
        Form(
            "order",
            "move",
            "CODE LINE QTY from:N to:M",
            N_("move QTY of a line from pending shipment N to pending shipment M"),
            _move,
            frozenset({"from", "to"}),
            min_words=3,
        ),
        Form(
            "order",
            "combine",
            "CODE from:N to:M",
            N_("put everything pending shipment N holds into pending shipment M (N is cancelled)"),
            _combine,
            frozenset({"from", "to"}),
            min_words=1,
        ),
        Form(
            "order",
            "plan",
            "CODE SHIPMENT date:DATE",
            N_("reschedule a shipment still in the warehouse (pending or ready)"),
            _plan,
            frozenset({"date"}),
            min_words=2,
        ),
    ):
        grammar.add(form)
