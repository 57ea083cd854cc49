"""The `orderbot` command line: run, console, order, customer, db, demo, check-config."""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
from collections.abc import Sequence
from typing import Any

from bot.console import Console, run_console
from bot.jsonview import to_json
from bot.textview import render
from domain import commands as c
from domain.errors import DomainError
from settings import Settings, load_settings


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="orderbot", description="Sales orders from Slack, email and a console."
    )
    sub = p.add_subparsers(dest="what", required=True)
    run = sub.add_parser("run", help="run everything configured (console when in a terminal)")
    run.add_argument("--no-console", action="store_true", help="never start the console")
    sub.add_parser("console", help="type the Slack commands in this terminal")
    sub.add_parser("demo", help="fill the database with sample data")
    sub.add_parser("check-config", help="show the settings in force (secrets masked)")
    db = sub.add_parser("db", help="database").add_subparsers(dest="action", required=True)
    db.add_parser("upgrade", help="apply migrations")
    order = sub.add_parser("order", help="orders").add_subparsers(dest="action", required=True)
    o_list = order.add_parser("list", help="list orders")
    o_list.add_argument("customer", nargs="?")
    o_list.add_argument("--status")
    o_list.add_argument("--limit", type=int, default=50)
    o_show = order.add_parser("show", help="show an order")
    o_show.add_argument("code")
    customer = sub.add_parser("customer", help="customers").add_subparsers(
        dest="action", required=True
    )
    c_find = customer.add_parser("find", help="find customers")
    c_find.add_argument("text", nargs="+")
    c_show = customer.add_parser("show", help="show a customer")
    c_show.add_argument("code")
    for action in (o_list, o_show, c_find, c_show):
        action.add_argument("--json", action="store_true", help="print JSON")
    return p


def _query(args: argparse.Namespace) -> c.Command:
    if args.what == "order":
        if args.action == "list":
            return c.ListOrders(customer=args.customer, status=args.status, limit=args.limit)
        return c.ShowOrder(code=args.code)
    if args.action == "find":
        return c.FindCustomers(text=" ".join(args.text))
    return c.ShowCustomer(code=args.code)


def _print_result(result: Any, as_json: bool, settings: Settings) -> None:
    if as_json:
        print(json.dumps(to_json(result), indent=2, ensure_ascii=False))
    else:
        print(render(result, settings.currency))


async def _serve(settings: Settings, with_console: bool) -> None:
    import bootstrap

    app = bootstrap.build(settings)
    print(f"orderbot: database {app.engine.url.render_as_string(hide_password=True)}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    tasks: list[asyncio.Task[Any]] = []
    for part in bootstrap.parts(app):
        print(f"orderbot: {part.name}: {part.where}", flush=True)
        tasks.append(asyncio.create_task(part.run(stop), name=part.name))
    if with_console:
        console = Console(app.bus.handle, bootstrap.local_today(settings), settings.currency)
        print("orderbot: console: this terminal (Slack is not configured)", flush=True)
        done = asyncio.create_task(asyncio.to_thread(run_console, console))
        done.add_done_callback(lambda _: stop.set())
    else:
        print("orderbot: console: off (no terminal, or Slack is configured)", flush=True)
    await stop.wait()
    # In-flight commands finish: parts return once they see `stop`.
    if tasks:
        await asyncio.wait(tasks, timeout=8)
    for task in tasks:
        task.cancel()
    print("orderbot: stopped", flush=True)
    app.engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    settings = load_settings()
    import bootstrap

    try:
        if args.what == "run":
            console = (
                not args.no_console and sys.stdin.isatty() and settings.slack_bot_token is None
            )
            asyncio.run(_serve(settings, console))
            return 0
        if args.what == "check-config":
            for name, value in settings.masked().items():
                print(f"{name.upper()}={value if value is not None else ''}")
            return 0
        if args.what == "db":
            bootstrap.build(settings, migrate=True)
            print("database is at the newest schema")
            return 0
        app = bootstrap.build(settings)
        if args.what == "console":
            run_console(Console(app.bus.handle, bootstrap.local_today(settings), settings.currency))
            return 0
        if args.what == "demo":
            from demo import load_demo

            print(load_demo(app.bus, bootstrap.local_today(settings)()))
            return 0
        _print_result(app.bus.handle(_query(args)), args.json, settings)
        return 0
    except DomainError as error:
        print(f"orderbot: {error.message}", file=sys.stderr)
        return 1


def cli() -> None:
    """Entry point of the `orderbot` console script."""
    sys.exit(main())


if __name__ == "__main__":
    cli()
