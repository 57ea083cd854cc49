"""The `/stock` forms (receive, adjust, incoming, show, list) and `/warehouse new`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.language.words import Args, UsageError, number, parse_date, positive
from domain import commands as c
from l10n.translation import N_, gettext, pgettext

if TYPE_CHECKING:
    from bot.language.grammar import Door, Form, Grammar


def _base(door: Door) -> dict[str, Any]:
    return {"actor": door.actor, "manager": door.manager}


def _product_quantity(a: Args) -> tuple[str, str]:
    if len(a.words) != 2:
        raise UsageError(gettext("expected a PRODUCT and a QTY"))
    return a.words[0], a.words[1]


def _receive(a: Args, d: Door) -> c.Command:
    product, qty = _product_quantity(a)
    return c.ReceiveStock(
        product=product,
        quantity=positive(qty, gettext("quantity")),
        warehouse=a.options.get("warehouse", ""),
        reference=a.options.get("ref", ""),
        **_base(d),
    )


def _adjust(a: Args, d: Door) -> c.Command:
    product, qty = _product_quantity(a)
    if not a.options.get("reason", "").strip():
        raise UsageError(gettext("say why with reason:TEXT"))
    return c.AdjustStock(
        product=product,
        quantity=number(qty, gettext("quantity")),
        reason=a.options["reason"],
        warehouse=a.options.get("warehouse", ""),
        **_base(d),
    )


def _incoming(a: Args, d: Door) -> c.Command:
    product, qty = _product_quantity(a)
    if "date" not in a.options:
        raise UsageError(gettext("say when with date:DATE"))
    return c.AddIncoming(
        product=product,
        quantity=positive(qty, gettext("quantity")),
        expected=parse_date(a.options["date"], d.today),
        warehouse=a.options.get("warehouse", ""),
        reference=a.options.get("ref", ""),
        **_base(d),
    )


def _show(a: Args, d: Door) -> c.Command:
    if len(a.words) != 1:
        raise UsageError(gettext("expected one PRODUCT"))
    return c.ShowStock(product=a.words[0], **_base(d))


def _list(a: Args, d: Door) -> c.Command:
    if a.words:
        raise UsageError(gettext("expected no words but below:N"))
    below = (
        number(a.options["below"], pgettext("stock level", "below"))
        if "below" in a.options
        else None
    )
    return c.ListStock(below=below, **_base(d))


def _warehouse(a: Args, d: Door) -> c.Command:
    if not a.words:
        raise UsageError(gettext("expected a warehouse CODE, then its name"))
    return c.CreateWarehouse(code=a.words[0], name=" ".join(a.words[1:]), **_base(d))


def split_form(a: Args, d: Door) -> c.Command:
    """`/order split CODE PRODUCT QTY [date:]`, or `/order split CODE --backorders`."""
    if "backorders" in a.flags:
        if len(a.words) != 1:
            raise UsageError(gettext("expected only the order CODE with --backorders"))
        return c.SplitBackorders(code=a.words[0], **_base(d))
    if len(a.words) < 3:
        raise UsageError(gettext("some words are missing"))
    if len(a.words) > 3:
        raise UsageError(gettext("expected CODE PRODUCT QTY, or CODE --backorders"))
    return c.SplitShipment(
        code=a.words[0],
        product=a.words[1],
        quantity=positive(a.words[2], gettext("quantity")),
        planned_date=parse_date(a.options["date"], d.today) if "date" in a.options else None,
        **_base(d),
    )


def register(grammar: Grammar) -> None:
    """Add the /stock and /warehouse forms (`/stock` alone lists the stock)."""
    from bot.language.grammar import Form

    grammar.families["stock"] = N_(
        "stock on hand per product and warehouse: receive, adjust, supply expected"
    )
    grammar.defaults["stock"] = "list"
    grammar.families["warehouse"] = N_("warehouses where stock is kept")
    for form in [
        *_stock_forms(),
        Form(
            "warehouse",
            "new",
            "CODE [NAME]",
            N_("a warehouse to keep stock in (managers); the first of WAREHOUSES is the default"),
            _warehouse,
            min_words=1,
        ),
    ]:
        grammar.add(form)


def _stock_forms() -> list[Form]:
    """The /stock forms: receive, adjust, incoming, show, list."""
    from bot.language.grammar import Form

    return [
        Form(
            "stock",
            "receive",
            "PRODUCT QTY [warehouse:CODE] [ref:TEXT]",
            N_(
                "goods came in (to the default warehouse unless warehouse: says); waiting "
                "orders reserve them, oldest confirmed first; ref: naming expected supply "
                "counts them off it"
            ),
            _receive,
            frozenset({"warehouse", "ref"}),
            min_words=2,
        ),
        Form(
            "stock",
            "adjust",
            "PRODUCT QTY reason:TEXT [warehouse:CODE]",
            N_("correct what is on hand by QTY (+ or -), saying why (managers)"),
            _adjust,
            frozenset({"reason", "warehouse"}),
            min_words=2,
        ),
        Form(
            "stock",
            "incoming",
            "PRODUCT QTY date:DATE [ref:PO] [warehouse:CODE]",
            N_("supply expected on a day: backorders show the date it covers them"),
            _incoming,
            frozenset({"date", "ref", "warehouse"}),
            min_words=2,
        ),
        Form(
            "stock",
            "show",
            "PRODUCT",
            N_("on hand, reserved and free per warehouse, supply expected, latest movements"),
            _show,
            min_words=1,
        ),
        Form(
            "stock",
            "list",
            "[below:N]",
            N_("every tracked product's stock (only those with less than N free)"),
            _list,
            frozenset({"below"}),
        ),
    ]
