"""The `/order` forms: each builds a domain command from the words typed."""

from __future__ import annotations

from typing import Any

from bot.language.grammar import Door, Form, Grammar
from bot.language.order_lines import read_lines
from bot.language.order_lists import list_forms
from bot.language.stock import split_form
from bot.language.words import (
    Args,
    UsageError,
    amount_or_percent,
    number,
    parse_date,
    positive,
    whole,
)
from domain import commands as c
from domain.orders.money_rules import DISCOUNT_TIMINGS
from domain.texts import _
from l10n.translation import N_, gettext, pgettext

HEADER_OPTIONS = frozenset(
    {
        "ref",
        "due",
        "req",
        "ship-to",
        "bill-to",
        "discount",
        "discount-tax",
        "shipping",
        "adjust",
        "terms",
        "method",
        "warehouse",
        "remarks",
    }
)


ALLOW_DUPLICATE_REF = "allow-duplicate-ref"
REFERENCE_HINTS = {  # what a refusal of `order new` or `order set` adds, by its code
    "order.reference_taken": N_(
        "To give this customer a second order with the same reference, add --allow-duplicate-ref."
    ),
}


def _base(door: Door) -> dict[str, Any]:
    return {"actor": door.actor, "manager": door.manager}


def header(args: Args, door: Door) -> dict[str, Any]:
    """Header options (ref:, due:, discount:...) as command fields."""
    o = args.options
    fields: dict[str, Any] = {}
    simple = {
        "ref": "reference",
        "ship-to": "ship_to",
        "bill-to": "bill_to",
        "terms": "payment_terms",
        "method": "delivery_method",
        "warehouse": "warehouse",
        "remarks": "remarks",
    }
    for key, name in simple.items():
        if key in o:
            fields[name] = o[key]
    if "due" in o:
        fields["due_date"] = parse_date(o["due"], door.today)
    if "req" in o:
        fields["requested_date"] = parse_date(o["req"], door.today)
    if "discount" in o:
        value, is_percent = amount_or_percent(o["discount"], "discount")
        fields.update(discount_value=value, discount_is_percent=is_percent)
    if "discount-tax" in o:
        timing = o["discount-tax"].strip().lower()
        if timing not in DISCOUNT_TIMINGS:
            raise UsageError(
                gettext("discount-tax:{typed} is not before or after", typed=o["discount-tax"])
            )
        fields["discount_after_tax"] = DISCOUNT_TIMINGS[timing]
    if "shipping" in o:
        fields["shipping_charges"] = number(o["shipping"], pgettext("charge", "shipping"))
    if "adjust" in o:
        fields["adjustment"] = number(o["adjust"], gettext("adjustment"))
    fields["allow_duplicate_ref"] = ALLOW_DUPLICATE_REF in args.flags
    return fields


def _new(args: Args, door: Door) -> c.Command:
    customer, rest = args.words[0], args.words[1:]
    if not rest:
        raise UsageError(
            gettext("the order for {customer} needs at least one PRODUCT QTY", customer=customer)
        )
    return c.CreateOrder(
        customer=customer,
        code=args.options.get("code"),
        lines=read_lines(rest),
        source=door.source,
        confirm="confirm" in args.flags,
        **header(args, door),
        **_base(door),
    )


def _code(args: Args, count: int = 1) -> str:
    if len(args.words) != count:
        got = " ".join(args.words) or gettext("nothing")
        if count == 1:
            raise UsageError(gettext("expected one order code, got: {got}", got=got))
        raise UsageError(gettext("expected {count} words, got: {got}", count=count, got=got))
    return args.words[0]


def _shipment(args: Args) -> int | None:
    if len(args.words) > 2:
        raise UsageError(gettext("too many words: {words}", words=" ".join(args.words[2:])))
    return whole(args.words[1], gettext("shipment number")) if len(args.words) == 2 else None


def _invoice(args: Args, door: Door) -> c.Command:
    pairs = read_lines(args.words[1:])
    if any(p.price is not None for p in pairs):
        raise UsageError(gettext("an invoice takes PRODUCT QTY pairs, without prices"))
    return c.InvoiceOrder(
        code=args.words[0], lines=tuple((p.product, p.quantity) for p in pairs), **_base(door)
    )


def _lines_one(args: Args) -> c.LineInput:
    lines = read_lines(args.words[1:])
    if len(lines) != 1:
        raise UsageError(gettext("give exactly one PRODUCT QTY [@PRICE] [-10%|-2.50]"))
    return lines[0]


def register(grammar: Grammar) -> None:
    """Add the /order forms, in the order help lists them."""
    grammar.families["order"] = N_("sales orders: create, change, ship, invoice, merge")
    groups = (_creating_forms, _changing_forms, _status_forms, _shipment_forms, _document_forms)
    for forms in groups:
        for form in forms():
            grammar.add(form)


def _creating_forms() -> list[Form]:
    """Making and reading orders."""
    b = _base
    return [
        Form(
            "order",
            "new",
            "CUSTOMER PRODUCT QTY [@PRICE] [-10%|-2.50] [PRODUCT QTY ...]... [code:CODE] "
            "[ref:PO] [due:DATE] [req:DATE] [ship-to:ADDR] [discount:10%|AMOUNT] "
            "[discount-tax:before|after] [shipping:AMOUNT] "
            f"[adjust:AMOUNT] [confirm] [--{ALLOW_DUPLICATE_REF}]",
            _(
                "create an order (a draft unless `confirm`); code: gives it a code of your own "
                "(letters A to Z, digits, - _ / ., at most 32; refused when an order has it, "
                "case ignored), else it takes the next number; a product code may be a number "
                'or quoted ("WIDGET A"); a line discount is a percent or an amount off the '
                "line; the order discount is at most 100% or the net, taken before or after "
                "tax (the DISCOUNT_TAX setting unless discount-tax:), shipping at least 0 and "
                "taxed as SHIPPING_TAX says, the adjustment at most the total; a ref: already "
                "on another order of the customer that is not cancelled (spaces around it and "
                "case ignored) is refused unless --{flag}",
                flag=ALLOW_DUPLICATE_REF,
            ),
            _new,
            HEADER_OPTIONS | {"code"},
            frozenset({"confirm", ALLOW_DUPLICATE_REF}),
            1,
            hints=REFERENCE_HINTS,
        ),
        Form(
            "order",
            "show",
            "CODE",
            N_("show an order with its shipments and totals"),
            lambda a, d: c.ShowOrder(code=_code(a), **b(d)),
        ),
        *list_forms(),
        Form(
            "order",
            "import",
            "",
            N_("check and import an orders spreadsheet (upload it next)"),
            lambda a, d: c.ListOrders(**b(d)),
            slack_only=True,
        ),
    ]


def _changing_forms() -> list[Form]:
    """Changing an order's lines and header, or merging two orders."""
    b = _base
    return [
        Form(
            "order",
            "add",
            "CODE PRODUCT QTY [@PRICE] [-10%|-2.50]",
            N_("add a line"),
            lambda a, d: c.AddLine(code=a.words[0], line=_lines_one(a), **b(d)),
            min_words=3,
        ),
        Form(
            "order",
            "remove",
            "CODE LINE|PRODUCT",
            N_("remove a line: its number in /order show, or its product when on one line only"),
            lambda a, d: c.RemoveLine(
                code=a.words[0], product=_code(Args(words=a.words[1:])), **b(d)
            ),
            min_words=2,
        ),
        Form(
            "order",
            "set",
            "CODE [discount:10%|AMOUNT] [discount-tax:before|after] [shipping:AMOUNT] "
            "[adjust:AMOUNT] [ref:PO] [due:DATE] [req:DATE] [ship-to:ADDR] [bill-to:ADDR] "
            f"[terms:TEXT] [--{ALLOW_DUPLICATE_REF}]",
            N_(
                "change an order's header (amounts within the limits of /order new; "
                "discount-tax: not once invoiced; a ref: is checked as by /order new)"
            ),
            lambda a, d: c.SetOrderTerms(code=_code(a), **header(a, d), **b(d)),
            HEADER_OPTIONS,
            frozenset({ALLOW_DUPLICATE_REF}),
            min_words=1,
            hints=REFERENCE_HINTS,
        ),
        Form(
            "order",
            "merge",
            "CODE CODE",
            N_(
                "merge two orders (the older one survives with every line, shipping, "
                "adjustment, PO number and remark of both); refused when a shipment is past "
                "pending, or the discounts, currencies or tax rules differ"
            ),
            lambda a, d: c.MergeOrders(
                first=a.words[0], second=_code(Args(words=a.words[1:])), **b(d)
            ),
            min_words=2,
        ),
    ]


def _status_forms() -> list[Form]:
    """Moving an order through its statuses."""
    b = _base
    return [
        Form(
            "order",
            "confirm",
            "CODE",
            N_("confirm a draft"),
            lambda a, d: c.ConfirmOrder(code=_code(a), **b(d)),
        ),
        Form(
            "order",
            "cancel",
            "CODE [reason:TEXT]",
            N_("cancel an order"),
            lambda a, d: c.CancelOrder(code=_code(a), reason=a.options.get("reason", ""), **b(d)),
            frozenset({"reason"}),
        ),
        Form(
            "order",
            "close",
            "CODE",
            N_("close a confirmed order by hand"),
            lambda a, d: c.CloseOrder(code=_code(a), **b(d)),
        ),
    ]


def _shipment_forms() -> list[Form]:
    """Moving goods: preparing, shipping, delivering and splitting shipments."""
    b = _base
    return [
        Form(
            "order",
            "ready",
            "CODE [SHIPMENT]",
            N_("mark a shipment packed and ready"),
            lambda a, d: c.MarkShipmentReady(code=a.words[0], shipment=_shipment(a), **b(d)),
            min_words=1,
        ),
        Form(
            "order",
            "ship",
            "CODE [SHIPMENT] [carrier:NAME] [tracking:NO]",
            N_(
                "ship a shipment (the next one when none is named); named again once shipped, "
                "it corrects the carrier and tracking number"
            ),
            lambda a, d: c.ShipOrder(
                code=a.words[0],
                shipment=_shipment(a),
                carrier=a.options.get("carrier", ""),
                tracking=a.options.get("tracking", ""),
                **b(d),
            ),
            frozenset({"carrier", "tracking"}),
            min_words=1,
        ),
        Form(
            "order",
            "deliver",
            "CODE [SHIPMENT]",
            N_("record that a shipment arrived"),
            lambda a, d: c.DeliverOrder(code=a.words[0], shipment=_shipment(a), **b(d)),
            min_words=1,
        ),
        Form(
            "order",
            "split",
            "CODE PRODUCT QTY [date:DATE] | CODE --backorders",
            N_(
                "move QTY of PRODUCT to a new shipment; --backorders: move what stock does not "
                "cover to one new shipment planned for the day supply is expected"
            ),
            split_form,
            frozenset({"date"}),
            flags=frozenset({"backorders"}),
            min_words=1,
        ),
    ]


def _document_forms() -> list[Form]:
    """What an order makes, and telling its customer."""
    b = _base
    return [
        Form(
            "order",
            "invoice",
            "CODE [PRODUCT QTY]...",
            N_(
                "invoice the given quantities, or everything still to invoice (an open invoice "
                "due by the order's terms: see /invoice)"
            ),
            _invoice,
            min_words=1,
        ),
        Form(
            "order",
            "workorders",
            "CODE per-shipment|per-product|all",
            N_(
                "make work orders of the goods not shipped nor on work orders yet (per product: "
                "one per product); open ones of another scope are replaced (see /workorder)"
            ),
            lambda a, d: c.CreateWorkOrders(
                code=a.words[0], scope=_code(Args(words=a.words[1:])).lower(), **b(d)
            ),
            min_words=2,
        ),
        Form(
            "order",
            "return",
            "CODE PRODUCT QTY [reason:TEXT]",
            N_("make a return order for shipped goods, requested until received (see /return)"),
            lambda a, d: c.CreateReturn(
                code=a.words[0],
                product=a.words[1],
                quantity=positive(a.words[2], gettext("quantity")),
                reason=a.options.get("reason", ""),
                **b(d),
            ),
            frozenset({"reason"}),
            min_words=3,
        ),
        Form(
            "order",
            "notify",
            "CODE",
            N_("email the customer the pending status changes (again: re-send the last)"),
            lambda a, d: c.NotifyOrder(code=_code(a), **b(d)),
            hints={"notify.nothing": N_("To send a draft as a quote: /order send CODE quote.")},
        ),
    ]
