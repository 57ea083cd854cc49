"""The console: the Slack commands typed in a terminal, answered as text.

`Console.answer(line)` is the whole door (tests drive it directly); `run_console` reads
lines until `quit` or end of input. Whoever sits at the terminal runs the server, so
the console speaks as a manager, in the name of its OS user (written on histories).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from bot.language.grammar import Door, Grammar, build_grammar
from bot.language.words import UsageError
from bot.pdf import PdfMaker
from bot.views.text import render
from domain.commands import Command
from domain.errors import DomainError, ValidationFailed
from domain.printouts.printout import Printout
from l10n.translation import gettext
from l10n.translation import render as render_text


def banner() -> str:
    """What the console says when it opens, in the console's language."""
    return gettext(
        "orderbot console — type `help` for the commands, `quit` to leave.\n"
        'Try: customer new ACME "Acme SA" email:buyer@acme.example'
    )


def os_user() -> str:
    """The login name of whoever runs the console: the actor its changes are written with
    (read from the system's user database, not from the environment)."""
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # a uid without an entry (some containers)
        return f"uid {os.getuid()}"


class Console:
    """Turns typed lines into commands and results into text."""

    def __init__(
        self,
        handle: Callable[[Command], Any],
        today: Callable[[], date],
        currency: str = "EUR",
        grammar: Grammar | None = None,
        actor: str | None = None,
        locale: str | None = None,
        pdf: PdfMaker | None = None,
        folder: Path | None = None,
    ) -> None:
        self.handle = handle
        self.pdf = pdf
        self.folder = folder or Path.cwd()
        self.today = today
        self.currency = currency
        self.locale = locale
        self.grammar = grammar or build_grammar()
        self.actor = actor or os_user()

    def answer(self, line: str) -> str:
        """The answer to one typed line."""
        line = line.strip()
        if not line:
            return ""
        door = Door(today=self.today(), actor=self.actor, manager=True, source="console")
        try:
            parsed = self.grammar.parse(line, door)
        except UsageError as error:
            return gettext("Not understood: {problem}.", problem=error.message) + (
                "\n" + gettext("Use: {form}", form=error.form) if error.form else ""
            )
        except ValidationFailed as error:  # a value out of bounds, refused as the line is read
            return gettext("Refused: {reason}.", reason=render_text(error.text))
        if parsed.help is not None or parsed.command is None:
            return parsed.help or ""
        try:
            result = self.handle(parsed.command)
        except ValidationFailed as error:
            form = parsed.form
            hint = form.hints.get(error.code) if form else None
            return (
                gettext("Refused: {reason}.", reason=render_text(error.text))
                + (f"\n{gettext(hint)}" if hint else "")
                + ("\n" + gettext("Form: {form}", form=form.line) if form else "")
            )
        except DomainError as error:
            return gettext("Refused: {reason}", reason=render_text(error.text))
        if isinstance(result, Printout):
            return self._written(result)
        return render(result, self.currency, self.locale)

    def _written(self, printout: Printout) -> str:
        """A document asked for (`order pdf`, `invoice pdf`): its PDF written to the folder."""
        if self.pdf is None:
            return gettext("Documents are made by the command line here: {form}",
                           form=f"orderbot pdf order {printout.order_code}")  # fmt: skip
        made = self.pdf(printout)
        target = self.folder / made.filename
        target.write_bytes(made.data)
        return gettext("{name} written to {path}.", name=made.filename, path=str(target))


def run_console(console: Console, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> None:
    """Read and answer lines until `quit`, `exit` or end of input."""
    interactive = stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history when available)
    print(banner(), file=stdout)
    while True:
        try:
            line = input("orderbot> ") if interactive else stdin.readline()
        except (EOFError, KeyboardInterrupt):
            print(file=stdout)
            return
        if not interactive and line == "":
            return
        if line.strip().lower() in ("quit", "exit", "/quit", "/exit"):
            return
        if not interactive and line.strip():
            print(f"orderbot> {line.strip()}", file=stdout)
        reply = console.answer(line)
        if reply:
            print(reply, file=stdout, flush=True)
