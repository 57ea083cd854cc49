"""The `/order list` and `/order export` forms, and the line that asks for a list again
(the console's `more:` line, the *More* and *Export* buttons).

    order list [CUSTOMER] [status:STATUS] [to-ship] [to-invoice] [overdue] [ref:PO]
               [since:DATE] [until:DATE] [after:CODE]

Every word narrows the list; `after:` goes on after that order (what *More* adds).
"""

from __future__ import annotations

import shlex
from datetime import date
from typing import Any

from bot.language.grammar import Door, Form
from bot.language.words import Args, UsageError, parse_args, parse_date
from domain import commands as c
from l10n.translation import N_, gettext

FILTERS = (
    "[CUSTOMER] [status:STATUS] [to-ship] [to-invoice] [overdue] [ref:PO] [since:DATE] [until:DATE]"
)
FLAGS = frozenset({"to-ship", "to-invoice", "overdue"})
OPTIONS = frozenset({"status", "ref", "since", "until"})


def list_forms() -> list[Form]:
    """`order list` and `order export`."""
    return [
        Form(
            "order",
            "list",
            f"{FILTERS} [after:CODE]",
            N_(
                "list orders, newest first, 20 at a time: to ship, to invoice, overdue (to ship "
                "and expected before today), by PO number, made since/until a day"
            ),
            lambda a, d: c.ListOrders(**_filters(a, d), after=a.options.get("after")),
            OPTIONS | {"after"},
            FLAGS,
        ),
        Form(
            "order",
            "export",
            FILTERS,
            N_("every order of the list as an .xlsx file"),
            lambda a, d: c.ExportOrders(**_filters(a, d)),
            OPTIONS,
            FLAGS,
            slack_only=True,
            elsewhere="orderbot order list ... --xlsx -o FILE (or --csv)",
        ),
    ]


def _filters(args: Args, door: Door) -> dict[str, Any]:
    if len(args.words) > 1:
        raise UsageError(
            gettext(
                "one customer at most, got: {got} (filters are words such as to-ship or "
                "options such as ref:PO)",
                got=" ".join(args.words),
            )
        )
    o = args.options
    return {
        "customer": args.words[0] if args.words else None,
        "status": o.get("status"),
        "to_ship": "to-ship" in args.flags,
        "to_invoice": "to-invoice" in args.flags,
        "overdue": "overdue" in args.flags,
        "reference": o.get("ref"),
        "since": parse_date(o["since"], door.today) if "since" in o else None,
        "until": parse_date(o["until"], door.today) if "until" in o else None,
        "actor": door.actor,
        "manager": door.manager,
    }


def filter_words(cmd: c.OrderListing) -> list[str]:
    """The words of a list's filters, as typed (dates in ISO form)."""
    found = [_quoted(cmd.customer)] if cmd.customer else []
    if cmd.status:
        found.append(f"status:{cmd.status}")
    found += [flag for flag, on in (("to-ship", cmd.to_ship), ("to-invoice", cmd.to_invoice),
                                    ("overdue", cmd.overdue)) if on]  # fmt: skip
    if cmd.reference:
        found.append(_quoted(f"ref:{cmd.reference}"))
    if cmd.since:
        found.append(f"since:{cmd.since.isoformat()}")
    if cmd.until:
        found.append(f"until:{cmd.until.isoformat()}")
    return found


def list_line(cmd: c.ListOrders) -> str:
    """The command line of a page of a list (`order list ACME to-ship after:SO-00040`)."""
    after = [f"after:{cmd.after}"] if cmd.after else []
    return " ".join(["order", "list", *filter_words(cmd), *after])


def export_line(cmd: c.OrderListing) -> str:
    """The command line that exports the same list whole."""
    return " ".join(["order", "export", *filter_words(cmd)])


def _quoted(word: str) -> str:
    return shlex.quote(word)


def command_line(
    words: list[str], today: date, status: str | None, limit: int, kind: str, output: str | None
) -> c.Command:
    """`orderbot order list WORDS...`: the console's words, `--status` and `--limit`; with
    a sheet `kind` (xlsx, csv), every order of the list written to `output`."""
    door = Door(today=today, actor="cli", manager=True, source="cli")
    args = parse_args(words, set(OPTIONS | {"after"}), set(FLAGS))
    listing = c.ListOrders(**_filters(args, door), after=args.options.get("after"))
    if status:
        listing = listing.model_copy(update={"status": status})
    if not kind:
        return listing.model_copy(update={"limit": limit})
    if not output:
        raise UsageError(gettext("--{kind} writes to a file: add -o FILE", kind=kind))
    if listing.after:
        raise UsageError(gettext("an export takes every order of the list; leave out after:"))
    fields = listing.model_dump(include=set(c.OrderListing.model_fields))
    return c.ExportOrders(**fields, path=output, kind=kind)
