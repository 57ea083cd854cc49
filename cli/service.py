"""`orderbot run` and `orderbot check-config`: the settings checked, the app built, what
runs announced, then the service (and the console in a terminal) until it is stopped."""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING

from bot.console import Console, run_console
from l10n.translation import gettext
from runtime.logs import start_logging
from runtime.serve import run_service
from setting_groups.database import VAR
from settings import Settings

if TYPE_CHECKING:
    from bootstrap import App, Part


def refused(message: object) -> int:
    """Say why orderbot refuses to start; the exit status of a refusal."""
    print("orderbot: " + gettext("refused: {reason}", reason=message), file=sys.stderr)
    return 2


def unreachable(reason: str) -> str:
    """Why the database named by DATABASE_URL cannot be used (the driver's own words)."""
    return gettext("DATABASE_URL: cannot reach the database: {reason}", reason=reason)


def build_checked(settings: Settings, migrate: bool) -> App | str:
    """The app, or the refusal when the settings or the database cannot work."""
    import bootstrap
    from runtime.checks import pooler_refusal, refusals
    from store.engine import DatabaseUnreachable

    problems = refusals(settings)
    if problems:
        return "\n".join(str(p) for p in problems)
    try:
        app = bootstrap.build(settings, migrate=migrate)
        refusal = pooler_refusal(settings, app.engine)
    except DatabaseUnreachable as error:
        return unreachable(error.reason)
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


def run(settings: Settings, with_console: bool) -> int:
    """`orderbot run`: check, announce, serve until SIGTERM/SIGINT (or the console ends)."""

    import bootstrap

    app = build_checked(settings, migrate=True)
    if isinstance(app, str):
        return refused(app)
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


def check_config(settings: Settings) -> int:
    """`orderbot check-config`: the settings, what would run, and any refusal."""
    import bootstrap

    for name, value in settings.masked().items():
        print(f"{name.upper()}={value if value is not None else ''}")
    app = build_checked(settings, migrate=False)
    if isinstance(app, str):
        return refused(app)
    try:
        from runtime.checks import mailbox_refusal

        if (mailbox := mailbox_refusal(settings)) is not None:
            return refused(str(mailbox))
        with_console = sys.stdin.isatty() and settings.slack_bot_token is None
        _announce(app, bootstrap.parts(app), with_console, "would run ")
        print("orderbot: " + gettext("the settings can work"))
        return 0
    finally:
        app.engine.dispose()
