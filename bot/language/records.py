"""The `/invoice`, `/workorder` and `/return` forms: records made from orders, listed,
shown and moved through their statuses. Credit notes are shown by `/invoice show CN-...`
and listed by `/invoice credits`. (Invoices, work orders and returns are made with
`/order invoice`, `/order workorders` and `/order return`.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.language.words import Args, UsageError, parse_date, typed
from domain import commands as c
from l10n.translation import N_, gettext, pgettext

if TYPE_CHECKING:
    from bot.language.grammar import Door, Form, Grammar


def _base(door: Door) -> dict[str, Any]:
    return {"actor": door.actor, "manager": door.manager}


def _one(args: Args, what: str) -> str:
    if len(args.words) != 1:
        raise UsageError(
            gettext("expected one {what} code, got: {got}", what=what, got=typed(args.words))
        )
    return args.words[0]


def _who(args: Args) -> str | None:
    if len(args.words) > 1:
        raise UsageError(
            gettext(
                "expected at most one customer or order code, got: {got}", got=" ".join(args.words)
            )
        )
    return args.words[0] if args.words else None


def _list(command: type[c.ListRecords]) -> Any:
    def build(a: Args, d: Door) -> c.Command:
        return command(who=_who(a), status=a.options.get("status"), **_base(d))

    return build


def _paid(a: Args, d: Door) -> c.Command:
    paid_on = parse_date(a.options["date"], d.today) if "date" in a.options else None
    return c.PayInvoice(code=_one(a, gettext("invoice")), paid_on=paid_on, **_base(d))


def _invoice_forms() -> list[Form]:
    from bot.language.grammar import Form

    b = _base
    return [
        Form(
            "invoice",
            "list",
            "[CUSTOMER|ORDER] [status:open|paid|void|overdue]",
            N_("list invoices, newest first (overdue: open and past the due date)"),
            _list(c.ListInvoices),
            frozenset({"status"}),
        ),
        Form(
            "invoice",
            "show",
            "CODE",
            N_("show an invoice (INV-...) or a credit note (CN-...)"),
            lambda a, d: c.ShowInvoice(code=_one(a, gettext("invoice")), **b(d)),
        ),
        Form(
            "invoice",
            "paid",
            "CODE [date:DATE]",
            N_("record that an open invoice was paid (today unless date: says when)"),
            _paid,
            frozenset({"date"}),
        ),
        Form(
            "invoice",
            "void",
            "CODE [reason:TEXT]",
            N_("void an open invoice: a credit note cancels it, its goods can be invoiced again"),
            lambda a, d: c.VoidInvoice(
                code=_one(a, gettext("invoice")), reason=a.options.get("reason", ""), **b(d)
            ),
            frozenset({"reason"}),
        ),
        Form(
            "invoice",
            "credits",
            "[CUSTOMER|ORDER]",
            N_("list credit notes (of voided invoices and refunded returns), newest first"),
            _list(c.ListCreditNotes),
        ),
    ]


def _work_order_forms() -> list[Form]:
    from bot.language.grammar import Form

    b = _base
    return [
        Form(
            "workorder",
            "list",
            "[CUSTOMER|ORDER] [status:open|done|cancelled]",
            N_("list work orders, newest first"),
            _list(c.ListWorkOrders),
            frozenset({"status"}),
        ),
        Form(
            "workorder",
            "show",
            "CODE",
            N_("show a work order"),
            lambda a, d: c.ShowWorkOrder(code=_one(a, gettext("work order")), **b(d)),
        ),
        Form(
            "workorder",
            "done",
            "CODE",
            N_("an open work order is prepared"),
            lambda a, d: c.FinishWorkOrder(code=_one(a, gettext("work order")), **b(d)),
        ),
        Form(
            "workorder",
            "cancel",
            "CODE",
            N_("an open work order will not be prepared (its goods can be asked for again)"),
            lambda a, d: c.CancelWorkOrder(code=_one(a, gettext("work order")), **b(d)),
        ),
    ]


def _return_forms() -> list[Form]:
    from bot.language.grammar import Form

    b = _base
    return [
        Form(
            "return",
            "list",
            "[CUSTOMER|ORDER] [status:requested|received|refunded]",
            N_("list returns, newest first"),
            _list(c.ListReturns),
            frozenset({"status"}),
        ),
        Form(
            "return",
            "show",
            "CODE",
            N_("show a return"),
            lambda a, d: c.ShowReturn(code=_one(a, pgettext("record", "return")), **b(d)),
        ),
        Form(
            "return",
            "received",
            "CODE",
            N_("the returned goods are back (requested -> received)"),
            lambda a, d: c.ReceiveReturn(code=_one(a, pgettext("record", "return")), **b(d)),
        ),
        Form(
            "return",
            "refund",
            "CODE",
            N_("refund received goods with a credit note (received -> refunded)"),
            lambda a, d: c.RefundReturn(code=_one(a, pgettext("record", "return")), **b(d)),
        ),
    ]


def register(grammar: Grammar) -> None:
    """Add the /invoice, /workorder and /return forms (each alone lists its records)."""
    families = (
        ("invoice", N_("invoices and credit notes: list, show, paid, void"), _invoice_forms),
        ("workorder", N_("work orders: list, show, done, cancel"), _work_order_forms),
        ("return", N_("returns: list, show, received, refund"), _return_forms),
    )
    for family, summary, forms in families:
        grammar.families[family] = summary
        grammar.defaults[family] = "list"
        for form in forms():
            grammar.add(form)
