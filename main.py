"""The `orderbot` command line: run, console, order, customer, db, demo, check-config."""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import signal
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.console import Console, run_console
from bot.language.words import UsageError
from bot.views.json import to_json
from bot.views.text import render
from cli_args import RECORD_FAMILIES, parser
from domain import commands as c
from domain.errors import DomainError
from l10n.translation import gettext, set_default_language
from l10n.translation import render as render_text
from runtime.logs import start_logging
from runtime.serve import run_service
from setting_groups.database import VAR
from settings import Settings, load_settings, spoken_language

if TYPE_CHECKING:
    from bootstrap import App, Part


# --- spreadsheet imports and templates ------------------------------------------------


def _import(app: App, args: argparse.Namespace) -> int:
    """`orderbot import KIND FILE`: check, skip, confirm, annotated copy, summary."""
    import dataclasses

    from bot.views.imports import (
        ProgressBar,
        annotated_name,
        parse_rows,
        render_report,
        report_json,
    )
    from domain.imports.sessions import ImportReport
    from l10n.translation import speaking

    path = Path(args.file)
    if not path.is_file():
        print("orderbot: " + gettext("{path} is not a file", path=path), file=sys.stderr)
        return 1
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    if bar is not None:
        app.bus.adapters = dataclasses.replace(app.bus.adapters, import_progress=bar.update)
    try:
        report = app.bus.handle(
            c.CheckImport(
                kind=args.kind, path=str(path), filename=path.name, customer=args.customer,
                actor="cli",
            )
        )  # fmt: skip
        if args.skip:
            skip = c.SkipImportRows(session_id=report.session_id, rows=parse_rows(args.skip))
            report = app.bus.handle(skip)
        result = None
        if not args.dry_run and report.importable:
            result = app.bus.handle(c.ConfirmImport(session_id=report.session_id, actor="cli"))
            if isinstance(result, ImportReport):  # stopped: verdicts changed since the check
                report, result = result, None
        annotated = None
        if args.output or report.rows:
            annotated = args.output or str(path.with_name(annotated_name(path.name)))
            app.bus.handle(c.WriteAnnotatedCopy(session_id=report.session_id, path=annotated))
    finally:
        if bar is not None:
            bar.close()
    with speaking(report.language):  # the report speaks the language of the file's headers
        if args.json:
            print(json.dumps(report_json(report, result, annotated, args.dry_run), indent=2,
                             ensure_ascii=False))  # fmt: skip
        else:
            print(render_report(report, result, args.dry_run))
            if annotated:
                print(gettext("Annotated copy: {path}", path=annotated))
    return 0 if report.importable and not report.changed else 1


def _template(args: argparse.Namespace) -> int:
    """`orderbot template KIND [-o FILE]`: a template in the format FILE's extension names
    (.xlsx, .ods, .csv), with its example row."""
    from domain.imports.columns import SheetKind
    from l10n.translation import current_language, render
    from store.sheets.templates import write_template

    target = args.output or f"{args.kind}-template.xlsx"
    try:
        write_template(SheetKind(args.kind), target, args.lang or current_language(), render)
    except DomainError as error:
        print(f"orderbot: {render_text(error.text)}", file=sys.stderr)
        return 1
    print(gettext("Template written to {path}", path=target))
    return 0


def _pdf(app: App, args: argparse.Namespace) -> int:
    """`orderbot pdf order|invoice|credit-note CODE`: the document written to a file."""
    from bootstrap.documents import documents

    port = documents(app)
    kind = args.kind if args.of == "order" else args.of
    if kind is None:  # an order's document: what it is now
        shown = app.bus.handle(c.ShowOrder(code=args.code))
        kind = "quote" if str(shown.order.status) == "draft" else "confirmation"
    made = port.render(kind, args.code, args.language, shipment=args.shipment)
    target = Path(args.output or made.filename)
    target.write_bytes(made.data)
    print(f"{made.filename} written to {target} ({len(made.data):,} bytes)")
    if made.not_einvoice:
        print(gettext("Not an electronic invoice: {reason}", reason=made.not_einvoice))
    return 0


def _query(args: argparse.Namespace, today: date) -> c.Command:
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


def _print_result(result: Any, as_json: bool, settings: Settings) -> None:
    if as_json:
        print(json.dumps(to_json(result), indent=2, ensure_ascii=False))
    else:
        print(render(result, settings.currency))


# --- orderbot run, check-config and mail poll ------------------------------------------


def _refused(message: object) -> int:
    print("orderbot: " + gettext("refused: {reason}", reason=message), file=sys.stderr)
    return 2


def _build_checked(settings: Settings, migrate: bool) -> App | str:
    """The app, or the refusal when the settings or the database cannot work."""
    from sqlalchemy.exc import OperationalError

    import bootstrap
    from runtime.checks import pooler_refusal, refusals

    problems = refusals(settings)
    if problems:
        return "\n".join(str(p) for p in problems)
    try:
        app = bootstrap.build(settings, migrate=migrate)
        refusal = pooler_refusal(settings, app.engine)
    except OperationalError as error:
        first = str(error.orig or error).strip().splitlines()[0]
        return f"DATABASE_URL: cannot reach the database: {first}"
    if refusal is not None:
        app.engine.dispose()
        return str(refusal)
    return app


def _announce(app: App, parts: list[Part], with_console: bool, verb: str = "") -> None:
    """One line per part: what runs, where, on which database (password hidden)."""
    url = app.engine.url.render_as_string(hide_password=True)
    print(f"orderbot: {verb}database: {url}", flush=True)
    for part in parts:
        leader = " (one leader at a time)" if part.leadership is not None else ""
        print(f"orderbot: {verb}{part.name}: {part.where}{leader}", flush=True)
    console = "this terminal" if with_console else f"off ({_no_console_because(app.settings)})"
    print(f"orderbot: {verb}console: {console}", flush=True)


def _no_console_because(settings: Settings) -> str:
    if settings.slack_bot_token is not None:
        return "Slack is configured"
    return "standard input is not a terminal" if not sys.stdin.isatty() else "--no-console"


def _run(settings: Settings, with_console: bool) -> int:
    """`orderbot run`: check, announce, serve until SIGTERM/SIGINT (or the console ends)."""

    import bootstrap

    app = _build_checked(settings, migrate=True)
    if isinstance(app, str):
        return _refused(app)
    # After the migrations, whose INFO lines would bury the start lines.
    log_file = start_logging(with_console, VAR)
    try:
        parts = bootstrap.parts(app)
        _announce(app, parts, with_console)
        if log_file is not None:
            said = gettext("log: {path} (warnings and errors also here)", path=log_file)
            print(f"orderbot: {said}", flush=True)
        console = None
        if with_console:
            from bootstrap.documents import lazy_pdf

            shell = Console(
                app.bus.handle,
                bootstrap.local_today(settings),
                settings.currency,
                pdf=lazy_pdf(app),
            )
            console = functools.partial(run_console, shell)
        return run_service(parts, settings.shutdown_seconds, console)
    finally:
        app.engine.dispose()


def _check_config(settings: Settings) -> int:
    """`orderbot check-config`: the settings, what would run, and any refusal."""
    import bootstrap

    for name, value in settings.masked().items():
        print(f"{name.upper()}={value if value is not None else ''}")
    app = _build_checked(settings, migrate=False)
    if isinstance(app, str):
        return _refused(app)
    try:
        from runtime.checks import mailbox_refusal

        if (mailbox := mailbox_refusal(settings)) is not None:
            return _refused(str(mailbox))
        with_console = sys.stdin.isatty() and settings.slack_bot_token is None
        _announce(app, bootstrap.parts(app), with_console, "would run ")
        print("orderbot: " + gettext("the settings can work"))
        return 0
    finally:
        app.engine.dispose()


def _mail(settings: Settings, once: bool) -> int:
    """`orderbot mail poll [--once]`: read the inbox once, or keep listening."""
    import bootstrap
    from bootstrap.inbox import inbox_listener

    app = bootstrap.build(settings)
    try:
        listener = inbox_listener(app)
        if listener is None:
            said = gettext("IMAP_HOST is not set: there is no inbox to read")
            print(f"orderbot: {said}", file=sys.stderr)
            return 1
        if once:
            from mail.inbound.imap import ImapError

            try:
                print(f"orderbot: {asyncio.run(listener.poll_once())}")
            except ImapError as error:  # one line: what failed, not where in the code
                said = gettext("cannot read the inbox: {error}", error=error)
                print(f"orderbot: {said}", file=sys.stderr)
                return 1
            return 0

        async def listen() -> None:
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, stop.set)
            await listener.run(stop)

        asyncio.run(listen())
        return 0
    finally:
        app.engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from pydantic import ValidationError

    from runtime.checks import settings_error

    try:
        settings: Settings | None = load_settings()
    except ValidationError as error:
        settings, refusal = None, error
    if settings is not None:  # first, so that --help speaks the language of the settings
        set_default_language(spoken_language(settings))
    args = parser().parse_args(argv)
    if settings is None:
        return _refused(settings_error(refusal))
    import bootstrap

    try:
        if args.what == "run":
            console = (
                not args.no_console and sys.stdin.isatty() and settings.slack_bot_token is None
            )
            return _run(settings, console)
        if args.what == "check-config":
            return _check_config(settings)
        if args.what == "mail":
            return _mail(settings, args.once)
        if args.what == "template":
            return _template(args)
        if args.what == "db":
            return _db_upgrade(settings)
        app = bootstrap.build(settings)
        if args.what == "import":
            try:
                return _import(app, args)
            finally:
                app.engine.dispose()
        if args.what == "pdf":
            return _pdf(app, args)
        if args.what == "console":
            from bootstrap.documents import lazy_pdf

            today = bootstrap.local_today(settings)
            run_console(Console(app.bus.handle, today, settings.currency, pdf=lazy_pdf(app)))
            return 0
        if args.what == "demo":
            from demo import load_demo

            print(load_demo(app.bus, bootstrap.local_today(settings)()))
            return 0
        query = _query(args, bootstrap.local_today(settings)())
        _print_result(app.bus.handle(query), args.json, settings)
        return 0
    except DomainError as error:
        print(f"orderbot: {render_text(error.text)}", file=sys.stderr)
        return 1
    except UsageError as error:
        form = "\n" + gettext("Use: {form}", form=error.form) if error.form else ""
        print(f"orderbot: {error.message}{form}", file=sys.stderr)
        return 2


def _db_upgrade(settings: Settings) -> int:
    """Migrate, then list what the upgrade left for people to decide (shared emails,
    values stored out of bounds before)."""
    import bootstrap
    from store.migrate import shared_emails
    from store.stored_bounds import out_of_bounds

    app = bootstrap.build(settings, migrate=True)
    try:
        for line in [*shared_emails(app.engine), *out_of_bounds(app.engine)]:
            print(line)
    finally:
        app.engine.dispose()
    print(gettext("database is at the newest schema"))
    return 0


def cli() -> None:
    """Entry point of the `orderbot` console script."""
    try:
        status = main()
        sys.stdout.flush()  # here, so that a closed pipe is seen while we can still say so
    except BrokenPipeError:
        # The reader went away (`orderbot order list --json | head -1`): stop quietly, as
        # other commands do. Python flushes stdout again at exit; point it at /dev/null so
        # that flush cannot fail too. 141 is the status of a process killed by SIGPIPE.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(141)
    sys.exit(status)


if __name__ == "__main__":
    cli()
