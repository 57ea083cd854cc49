"""The read commands of the command line: `order`, `customer`, `jobs`, `invoice`,
`workorder` and `return` as the queries of the message bus, and their results printed
(as text, or as JSON with `--json`)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from bot.views.json import to_json
from bot.views.text import render
from cli_args import RECORD_FAMILIES
from domain import commands as c
from settings import Settings


def query(args: argparse.Namespace, today: date) -> c.Command:
    """The query a read command asks."""
    if args.what == "jobs":
        if args.action == "run":
            return c.RunJob(name=args.name, actor="cli", manager=True)
        if args.action == "show":
            return c.ShowJobRun(run_id=args.run_id)
        return c.ListJobRuns(job=args.job, limit=args.limit)
    if args.what == "order":
        if args.action == "list":  # the console's words (bot.language.order_lists)
            from bot.language.order_lists import command_line

            kind = "csv" if args.csv else "xlsx" if args.xlsx else ""
            return command_line(args.words, today, args.status, args.limit, kind, args.output)
        return c.ShowOrder(code=args.code)
    if args.what in RECORD_FAMILIES:
        return _record_query(args)
    if args.action == "find":
        return c.FindCustomers(text=" ".join(args.text))
    return c.ShowCustomer(code=args.code)


def _record_query(args: argparse.Namespace) -> c.Command:
    """`orderbot invoice|workorder|return list|show` and `invoice credits`."""
    shows: dict[str, type[c.ShowInvoice | c.ShowWorkOrder | c.ShowReturn]] = {
        "invoice": c.ShowInvoice, "workorder": c.ShowWorkOrder, "return": c.ShowReturn,
    }  # fmt: skip
    lists: dict[str, type[c.ListRecords]] = {
        "invoice": c.ListInvoices, "workorder": c.ListWorkOrders, "return": c.ListReturns,
    }  # fmt: skip
    if args.action == "show":
        return shows[args.what](code=args.code)
    if args.action == "credits":
        return c.ListCreditNotes(who=args.who)
    return lists[args.what](who=args.who, status=args.status)


def print_result(result: Any, as_json: bool, settings: Settings) -> None:
    """A query's result, as the console shows it or as JSON."""
    if as_json:
        print(json.dumps(to_json(result), indent=2, ensure_ascii=False))
    else:
        print(render(result, settings.currency))
