"""The `orderbot` command line: the arguments read, the settings loaded, each command
handed to its module in `cli/`, and a refusal or error said in one line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from bot.language.words import UsageError
from cli import console, db, imports, inbox, pdf, queries, service
from cli_args import parser
from domain.errors import DomainError
from l10n.translation import gettext, set_default_language
from l10n.translation import render as render_text
from settings import Settings, load_settings, spoken_language


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from pydantic import ValidationError

    from runtime.checks import settings_error
    from store.engine import DatabaseUnreachable

    try:
        settings: Settings | None = load_settings()
    except ValidationError as error:
        settings, refusal = None, error
    if settings is not None:  # first, so that --help speaks the language of the settings
        set_default_language(spoken_language(settings))
    args = parser().parse_args(argv)
    if settings is None:
        return service.refused(settings_error(refusal))
    try:
        return _dispatch(args.what, args, settings)
    except DomainError as error:
        print(f"orderbot: {render_text(error.text)}", file=sys.stderr)
        return 1
    except DatabaseUnreachable as error:
        return service.refused(service.unreachable(error.reason))
    except UsageError as error:
        form = "\n" + gettext("Use: {form}", form=error.form) if error.form else ""
        print(f"orderbot: {error.message}{form}", file=sys.stderr)
        return 2


def _dispatch(what: str, args: argparse.Namespace, settings: Settings) -> int:
    """Hand the command `what` to its module; the read commands become queries."""
    import bootstrap

    if what == "run":
        console_too = not args.no_console and sys.stdin.isatty()
        return service.run(settings, console_too and settings.slack_bot_token is None)
    if what == "check-config":
        return service.check_config(settings)
    if what == "mail":
        return inbox.poll(settings, args.once)
    if what == "template":
        return imports.template(args)
    if what == "db":
        return db.upgrade(settings)
    app = bootstrap.build(settings)
    if what == "import":
        try:
            return imports.import_sheet(app, args)
        finally:
            app.engine.dispose()
    if what == "pdf":
        return pdf.write_pdf(app, args)
    if what == "console":
        return console.console(app, settings)
    if what == "demo":
        return console.demo(app, settings)
    query = queries.query(args, bootstrap.local_today(settings)())
    queries.print_result(app.bus.handle(query), args.json, settings)
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
