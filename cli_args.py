"""The words of the `orderbot` command line: its commands, their arguments and help (in
the language of the settings or the system locale)."""

from __future__ import annotations

import argparse
from typing import Any

from l10n.translation import LANGUAGES, gettext


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="orderbot", description=gettext("Sales orders from Slack, email and a console.")
    )
    sub = p.add_subparsers(dest="what", required=True)
    run = sub.add_parser(
        "run", help=gettext("run everything configured (console when in a terminal)")
    )
    run.add_argument("--no-console", action="store_true", help=gettext("never start the console"))
    sub.add_parser("console", help=gettext("type the Slack commands in this terminal"))
    sub.add_parser("demo", help=gettext("fill the database with sample data"))
    sub.add_parser(
        "check-config",
        help=gettext("show the settings, what would run and any refusal (starts nothing)"),
    )
    db = sub.add_parser("db", help=gettext("database")).add_subparsers(dest="action", required=True)
    db.add_parser("upgrade", help=gettext("apply migrations"))
    mail = sub.add_parser("mail", help=gettext("the order inbox")).add_subparsers(
        dest="action", required=True
    )
    poll = mail.add_parser("poll", help=gettext("read the order inbox (IMAP_HOST...)"))
    poll.add_argument("--once", action="store_true", help=gettext("read it once and stop"))
    _import_parsers(sub)
    order = sub.add_parser("order", help=gettext("orders")).add_subparsers(
        dest="action", required=True
    )
    o_list = _order_list_parser(order)
    o_show = order.add_parser("show", help=gettext("show an order"))
    o_show.add_argument("code")
    customer = sub.add_parser("customer", help=gettext("customers")).add_subparsers(
        dest="action", required=True
    )
    c_find = customer.add_parser("find", help=gettext("find customers"))
    c_find.add_argument("text", nargs="+")
    c_show = customer.add_parser("show", help=gettext("show a customer"))
    c_show.add_argument("code")
    jobs = sub.add_parser("jobs", help=gettext("background jobs")).add_subparsers(
        dest="action", required=True
    )
    j_list = jobs.add_parser("list", help=gettext("the job log (latest runs)"))
    j_list.add_argument("job", nargs="?")
    j_list.add_argument("--limit", type=int, default=20)
    j_show = jobs.add_parser("show", help=gettext("one run with each of its errors and notes"))
    j_show.add_argument("run_id", type=int)
    j_run = jobs.add_parser("run", help=gettext("run a job now"))
    j_run.add_argument("name")
    records = _record_parsers(sub)
    _pdf_parser(sub)
    for action in (o_list, o_show, c_find, c_show, j_list, j_show, j_run, *records):
        action.add_argument("--json", action="store_true", help=gettext("print JSON"))
    return p


RECORD_FAMILIES = ("invoice", "workorder", "return")


def _record_families() -> dict[str, tuple[str, str, str, str]]:
    """Each record family's help: what it is, its list, its show (whole sentences, so
    each language can say them its way), and the statuses `--status` takes."""
    return {
        "invoice": (
            gettext("invoices and credit notes"),
            gettext("list invoices, newest first"),
            gettext("show an invoice (INV-...) or a credit note (CN-...)"),
            "open, paid, void, overdue",
        ),
        "workorder": (
            gettext("work orders"),
            gettext("list work orders, newest first"),
            gettext("show a work order"),
            "open, done, cancelled",
        ),
        "return": (
            gettext("returns"),
            gettext("list returns, newest first"),
            gettext("show a return"),
            "requested, received, refunded",
        ),
    }


def _record_parsers(sub: Any) -> list[argparse.ArgumentParser]:
    """`invoice|workorder|return list [WHO] [--status S]`, `... show CODE`, `invoice
    credits [WHO]`: the records as the console lists and shows them."""
    made: list[argparse.ArgumentParser] = []
    for family, (what, to_list, to_show, statuses) in _record_families().items():
        actions = sub.add_parser(family, help=what).add_subparsers(dest="action", required=True)
        listed = actions.add_parser("list", help=to_list)
        listed.add_argument("who", nargs="?", metavar="CUSTOMER|ORDER")
        listed.add_argument("--status", help=statuses)
        shown = actions.add_parser("show", help=to_show)
        shown.add_argument("code")
        made += [listed, shown]
        if family == "invoice":
            credits = actions.add_parser("credits", help=gettext("list credit notes, newest first"))
            credits.add_argument("who", nargs="?", metavar="CUSTOMER|ORDER")
            made.append(credits)
    return made


def _order_list_parser(order: Any) -> argparse.ArgumentParser:
    o_list: argparse.ArgumentParser = order.add_parser(
        "list",
        help=gettext(
            "list orders (the console's words: CUSTOMER to-ship to-invoice overdue ref:PO "
            "since:DATE until:DATE after:CODE)"
        ),
    )
    o_list.add_argument("words", nargs="*", metavar="WORD")
    o_list.add_argument("--status")
    o_list.add_argument(
        "--limit", type=int, default=20, help=gettext("orders on the page (default 20)")
    )
    sheet = o_list.add_mutually_exclusive_group()
    sheet.add_argument(
        "--xlsx", action="store_true", help=gettext("write every order listed to -o")
    )
    sheet.add_argument("--csv", action="store_true", help=gettext("write every order listed to -o"))
    o_list.add_argument(
        "-o", "--output", metavar="FILE", help=gettext("the file of --xlsx or --csv")
    )
    return o_list


def _import_parsers(sub: Any) -> None:
    kinds = ("customers", "orders", "products")
    imp = sub.add_parser(
        "import", help=gettext("check and import a spreadsheet (.xlsx, .xls, .ods, .csv)")
    )
    imp.add_argument("kind", choices=kinds)
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help=gettext("check only; write nothing"))
    imp.add_argument("--json", action="store_true", help=gettext("print JSON"))
    imp.add_argument(
        "--skip", metavar="ROWS", default="", help=gettext("rows to leave out: 3,5,10-12")
    )
    imp.add_argument(
        "--customer", metavar="CODE", help=gettext("the customer of a single-order file")
    )
    imp.add_argument(
        "-o", "--output", metavar="ANNOTATED",
        help=gettext("where to write the annotated copy; default: FILE.checked.xlsx beside FILE"),
    )  # fmt: skip
    tpl = sub.add_parser("template", help=gettext("write an import template with its example row"))
    tpl.add_argument("kind", choices=kinds)
    tpl.add_argument(
        "--lang", choices=LANGUAGES,
        help=gettext("the language of the headers and notes; default: the LANGUAGE setting"),
    )  # fmt: skip
    tpl.add_argument(
        "-o", "--output", metavar="FILE",
        help=gettext("written as .xlsx, .ods or .csv as FILE ends; default: KIND-template.xlsx"),
    )  # fmt: skip


def _pdf_parser(sub: Any) -> None:
    """`pdf order|invoice|credit-note CODE [--kind K] [--shipment N] [--language L] [-o FILE]`."""
    pdf = sub.add_parser(
        "pdf",
        help=gettext(
            "write a document as PDF: a quote, confirmation or packing slip of an order, "
            "an invoice, a credit note"
        ),
    )
    pdf.add_argument(
        "of", choices=("order", "invoice", "credit-note"), help=gettext("what CODE is")
    )
    pdf.add_argument("code", help=gettext("the order's, invoice's or credit note's code"))
    pdf.add_argument(
        "--kind",
        choices=("quote", "confirmation", "packing-slip"),
        help=gettext("the order's document (default: quote of a draft, confirmation otherwise)"),
    )
    pdf.add_argument(
        "--shipment", type=int, help=gettext("the packing slip's shipment (default: 1st)")
    )
    pdf.add_argument(
        "--language",
        choices=LANGUAGES,
        help=gettext("the document's language (default: the customer's)"),
    )
    pdf.add_argument(
        "-o", "--output", metavar="FILE", help=gettext("default: the document's file name")
    )
