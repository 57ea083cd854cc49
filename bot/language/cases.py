"""The `/case` forms: cases, their notes and changes, and the priorities managers keep.

`/case priority` takes a second verb (`list`, `new`, `set`), as AX keeps its priorities
on a screen of their own; with none it lists them.
"""

from __future__ import annotations

from typing import Any

from bot.language.grammar import Door, Form
from bot.language.words import Args, UsageError, typed, whole
from domain import commands as c
from l10n.translation import N_, gettext, pgettext

YES = frozenset({"yes", "y", "true", "on", "oui", "ja"})
NO = frozenset({"no", "n", "false", "off", "non", "nej"})


def _base(door: Door) -> dict[str, Any]:
    return {"actor": door.actor, "manager": door.manager}


def _case_id(args: Args) -> int:
    if not args.words:
        raise UsageError(gettext("the case number is missing"))
    return whole(args.words[0], gettext("case id"))


def _only_id(args: Args) -> int:
    if len(args.words) != 1:
        raise UsageError(gettext("expected one case id, got: {got}", got=typed(args.words)))
    return _case_id(args)


def _text(args: Args, start: int, what: str) -> str:
    text = " ".join(args.words[start:]).strip()
    if not text:
        raise UsageError(gettext("the {what} is missing", what=what))
    return text


def yes_no(text: str, what: str) -> bool:
    """`yes` or `no` (and their usual spellings); UsageError naming `what` otherwise."""
    word = text.strip().lower()
    if word in YES or word in NO:
        return word in YES
    raise UsageError(gettext("{what}: {typed} is neither yes nor no", what=what, typed=repr(text)))


def _case_set(a: Args, d: Door) -> c.Command:
    case_id = _only_id(a)
    priority, title = a.options.get("priority"), a.options.get("title")
    if priority is None and title is None:
        raise UsageError(gettext("say what to change: priority:NAME or title:TEXT"))
    return c.SetCase(case_id=case_id, priority=priority, title=title, **_base(d))


def _priority(a: Args, d: Door) -> c.Command:
    """`priority [list]`, `priority new NAME [alert:yes|no]`, `priority set NAME alert:..`."""
    verb = a.words[0].lower() if a.words else "list"
    alert = a.options.get("alert")
    if verb == "list" and len(a.words) <= 1:
        return c.ListCasePriorities(**_base(d))
    if verb not in ("new", "set"):
        raise UsageError(
            gettext("/case priority has no {verb}; it has: list, new, set", verb=repr(a.words[0]))
        )
    if len(a.words) != 2:
        raise UsageError(gettext("expected one priority NAME after {verb}", verb=verb))
    if verb == "new":
        yes = yes_no(alert, "alert") if alert is not None else False
        return c.NewCasePriority(name=a.words[1], alert=yes, **_base(d))
    if alert is None:
        raise UsageError(gettext("say whether it raises an alert: alert:yes or alert:no"))
    return c.SetCasePriority(name=a.words[1], alert=yes_no(alert, "alert"), **_base(d))


def case_forms() -> list[Form]:
    """Cases: open, list, show, note, change, close; and their priorities."""
    return [*_reading_forms(), *_changing_forms()]


def _reading_forms() -> list[Form]:
    """Opening, listing and showing cases, and their notes."""
    b = _base
    return [
        Form(
            "case",
            "new",
            "CUSTOMER PRIORITY TITLE",
            N_("open a case (PRIORITY: one of /case priority list; some raise an active alert)"),
            lambda a, d: c.OpenCase(
                customer=a.words[0],
                priority=a.words[1],
                title=_text(a, 2, pgettext("case", "title")),
                **b(d),
            ),
            min_words=3,
            free_text=True,
        ),
        Form(
            "case",
            "list",
            "[CUSTOMER]",
            N_("list cases, active alerts first"),
            lambda a, d: c.ListCases(customer=a.words[0] if a.words else None, **b(d)),
        ),
        Form(
            "case",
            "show",
            "ID",
            N_("a case with its notes and changes, who wrote and made them"),
            lambda a, d: c.ShowCase(case_id=_only_id(a), **b(d)),
        ),
        Form(
            "case",
            "note",
            "ID TEXT",
            N_("add a note to a case"),
            lambda a, d: c.AddCaseNote(
                case_id=_case_id(a), text=_text(a, 1, pgettext("case", "note")), **b(d)
            ),
            min_words=2,
            free_text=True,
        ),
    ]


def _changing_forms() -> list[Form]:
    """Changing and closing cases, and the priorities."""
    return [
        Form(
            "case",
            "set",
            'ID [priority:NAME] [title:"TEXT"]',
            N_(
                "change a case's title or priority (a priority that raises alerts makes the case "
                "an active alert; one that does not removes it)"
            ),
            _case_set,
            frozenset({"priority", "title"}),
        ),
        Form(
            "case",
            "close",
            "ID",
            N_("close a case (its alert goes with it)"),
            lambda a, d: c.CloseCase(case_id=_only_id(a), **_base(d)),
        ),
        Form(
            "case",
            "priority",
            "[list] | new NAME [alert:yes|no] | set NAME alert:yes|no",
            N_(
                "the priorities cases may have and which raise an active alert; new and set "
                "are for managers (set moves the alert of every open case of that priority)"
            ),
            _priority,
            frozenset({"alert"}),
        ),
    ]
