"""Cards of the customer desk's cases, and how Slack writes who did something.

A case card shows its line, its log of notes and changes (each with who wrote or made
it) and its next steps. An actor that is a Slack user id is written as a mention, so
Slack shows the person's name; other actors (the console's OS user, `cli`) as they are.
"""

from __future__ import annotations

import re

from bot.slack.blocks import Block, actions, context, section
from bot.views.log_lines import log_line
from bot.views.states import case_status_word
from domain.cases.case import CaseStatus, EntryKind
from domain.services.views import CaseView
from l10n.formats import Formats
from l10n.translation import gettext
from l10n.translation import render as say

SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,}")
"""A Slack user id (U…, or W… on Enterprise Grid)."""
LOG_SHOWN = 15
"""How many of a case's latest log lines its card shows."""


def who(actor: str) -> str:
    """An actor as the cards write it: a Slack user as a mention."""
    if SLACK_USER.fullmatch(actor):
        return f"<@{actor}>"
    return actor or gettext("someone")


def case_blocks(view: CaseView, f: Formats) -> list[Block]:
    """A case: its priority, status and alert, its log, and Close / Customer buttons."""
    case = view.case
    blocks = [context(say(view.note))] if view.note else []
    alert = " · :warning: " + gettext("*active alert*") if case.active_alert else ""
    head = gettext("*Case #{id}*", id=case.id)
    head += f" · {case.customer_code} · {case.priority} · `{case_status_word(case.status)}`"
    blocks.append(section(f"{head}{alert}\n{case.title}"))
    log = [
        log_line(
            f.datetime(entry.at),
            (
                gettext("{who} wrote", who=who(entry.author))
                if entry.kind == EntryKind.NOTE
                else who(entry.author)
            ),
            say(entry.said),
        )
        for entry in case.notes[-LOG_SHOWN:]
    ]
    if log:
        blocks.append(section(gettext("*Log*") + "\n" + "\n".join(log)))
    buttons: list[tuple[str, str, str | None]] = []
    if case.status == CaseStatus.OPEN:
        buttons.append((gettext("Close"), f"case close {case.id}", None))
    buttons.append((gettext("Customer"), f"customer show {case.customer_code}", None))
    return blocks + actions(buttons, f"case:{case.id}")
