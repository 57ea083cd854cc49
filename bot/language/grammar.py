"""The command language of product.md, parsed once for every text door (Slack, console).

`parse("/order ship SO-00001 carrier:DHL", ctx)` gives the domain command to run, or the
help to show. A wrong line raises UsageError carrying the right form. The forms
themselves live in `bot.language.orders` and `bot.language.people`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from bot.language.unknown import check_words, no_family, no_verb
from bot.language.words import Args, UsageError, parse_args, split_words
from domain.commands import Command
from domain.texts import Text
from l10n.translation import gettext, render


@dataclass(frozen=True)
class Door:
    """Who is typing, where, and what today is (for `tomorrow`, `+7d`).

    `actor` is the id at the door (a Slack user id, the console's OS user), `actor_name`
    a name for people when the door knows one, `source` the door (`domain.actors`).
    """

    today: date
    actor: str = "console"
    manager: bool = False
    source: str = "console"
    actor_name: str = ""


@dataclass(frozen=True)
class Form:
    """One command form: `/family verb usage`, its help line and its builder."""

    family: str
    verb: str
    usage: str
    summary: str | Text
    """Marked with `N_` (said with `gettext` when shown), or a `Text` when it has values."""
    build: Callable[[Args, Door], Command]
    options: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    min_words: int = 0
    slack_only: bool = False
    elsewhere: str = ""
    """What to use instead where a `slack_only` form does not work."""
    hints: Mapping[str, str] = field(default_factory=dict)
    """By refusal code: what to do, marked with `N_` (said with `gettext`)."""
    free_text: bool = False
    """Its words are prose (a note, a title, a search): `word:value` in them is text."""

    def said(self) -> str:
        """The summary in the current language."""
        return gettext(self.summary) if isinstance(self.summary, str) else render(self.summary)

    @property
    def line(self) -> str:
        """The form as help shows it."""
        return f"/{self.family} {self.verb} {self.usage}".rstrip()


@dataclass(frozen=True)
class Parsed:
    """A line's outcome: a command to run or help to show; `share` asks for a public answer."""

    command: Command | None = None
    help: str | None = None
    share: bool = False
    form: Form | None = None


@dataclass
class Grammar:
    """All forms, by family and verb."""

    families: dict[str, str] = field(default_factory=dict)
    forms: dict[tuple[str, str], Form] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)

    def add(self, form: Form) -> None:
        """Register a form."""
        self.forms[(form.family, form.verb)] = form

    def family_forms(self, family: str) -> list[Form]:
        """The forms of one family, in registration order."""
        return [f for (fam, _), f in self.forms.items() if fam == family]

    def help(self, family: str | None = None, door: str = "console") -> str:
        """Help for everything, or for one family."""
        if family is None:
            lines = [gettext("Commands (type a family name for its forms, or add `help`):")]
            lines += [f"  /{name:<9} {gettext(summary)}" for name, summary in self.families.items()]
            lines.append(gettext('Names with spaces go in quotes: /customer new ACME "Acme SA".'))
            lines.append(
                gettext(
                    "Product codes may be numbers (/order new ACME 1234 2); a quoted word is "
                    'always a word ("A:1").'
                )
            )
            lines.append(
                gettext("Dates: 2026-12-03, 03/12/2026 (day first), today, tomorrow, +7d.")
            )
            return "\n".join(lines)
        forms = [f for f in self.family_forms(family) if door == "slack" or not f.slack_only]
        body = [f"  {f.line}\n      {f.said()}" for f in forms]
        return "\n".join([f"/{family}: {gettext(self.families[family])}", *body])

    def parse(self, text: str, door: Door, where: str = "console") -> Parsed:
        """Parse a whole line such as `/order ship SO-00001` (the slash is optional)."""
        words = self.words_of(text)
        if not words:
            return Parsed(help=self.help(door=where))
        family = words[0].lstrip("/").lower()
        if family in ("help", "?"):
            return Parsed(
                help=self.help(
                    words[1].lstrip("/").lower()
                    if len(words) > 1 and words[1].lstrip("/").lower() in self.families
                    else None,
                    where,
                )
            )
        if family not in self.families:
            raise no_family(family, list(self.families))
        return self.parse_family(family, words[1:], door, where)

    def words_of(self, text: str, family: str | None = None) -> list[str]:
        """The line's words (`split_words`); the prose of a free-text form (a note, an
        answer to a customer) may hold a lone apostrophe ("we'll"): it is split on spaces.
        `family` is the slash command's, when the text is what follows it."""
        try:
            return split_words(text)
        except UsageError:
            plain = text.split()
            head = plain if family is None else [family, *plain]
            key = (head[0].lstrip("/").lower(), head[1].lower()) if len(head) > 1 else None
            form = self.forms.get(key) if key is not None else None
            if form is not None and form.free_text:
                return plain
            raise

    def parse_family(
        self, family: str, words: list[str], door: Door, where: str = "console"
    ) -> Parsed:
        """Parse the words after `/family`."""
        if not words or words[0].lower() in ("help", "?", "--help"):
            if not words and family in self.defaults:
                words = [self.defaults[family]]
            else:
                return Parsed(help=self.help(family, where))
        verb = words[0].lower()
        form = self.forms.get((family, verb))
        if form is None:
            verbs = [f.verb for f in self.family_forms(family)]
            raise no_verb(family, verb, verbs, self.help(family, where))
        rest = words[1:]
        if (rest and rest[-1].lower() in ("help", "--help", "?")) or rest == ["help"]:
            return Parsed(help=f"{form.line}\n  {form.said()}", form=form)
        if form.slack_only and where != "slack":
            instead = form.elsewhere or (
                f"orderbot import {'customers' if family == 'customer' else family + 's'} FILE"
            )
            said = gettext(
                "{form} works in Slack; here use: {instead}", form=form.line, instead=instead
            )
            raise UsageError(said, form.line)
        args = parse_args(rest, set(form.options), {*form.flags, "share"})
        if not form.free_text:
            check_words(args, form.line, form.options, {*form.flags, "share"})
        share = "share" in args.flags
        args.flags.discard("share")
        if len(args.words) < form.min_words:
            raise UsageError(gettext("some words are missing"), form.line)
        try:
            command = signed(form.build(args, door), door)
        except UsageError as error:
            raise UsageError(error.message, error.form or form.line) from None
        return Parsed(command=command, share=share, form=form)


def signed(command: Command, door: Door) -> Command:
    """The command with the door's actor on it: whatever form built it, every command a
    line makes names who typed it and where (`domain.actors`)."""
    return command.model_copy(
        update={
            "actor": command.actor or door.actor,
            "actor_name": door.actor_name,
            "actor_door": door.source,
        }
    )


def build_grammar() -> Grammar:
    """The grammar with every family of product.md registered."""
    from bot.language import jobs as forms_jobs
    from bot.language import order_edits as forms_order_edits
    from bot.language import orders as forms_orders
    from bot.language import people as forms_people
    from bot.language import subscriptions as forms_subs

    grammar = Grammar()
    forms_orders.register(grammar)
    forms_order_edits.register(grammar)
    from bot.language import order_replies as forms_order_replies

    forms_order_replies.register(grammar)
    forms_people.register(grammar)
    forms_subs.register(grammar)
    forms_jobs.register(grammar)
    from bot.language import catalogues as forms_catalogues
    from bot.language import notify as forms_notify

    forms_catalogues.register(grammar)
    forms_notify.register(grammar)
    from bot.language import stock as forms_stock

    forms_stock.register(grammar)
    from bot.language import records as forms_records

    forms_records.register(grammar)
    from bot.language import documents as forms_documents

    forms_documents.register(grammar)
    from bot.language import sending as forms_sending

    forms_sending.register(grammar)
    return grammar
