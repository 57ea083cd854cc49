"""Who did something (`domain.actors`), as the team reads it: in the console, the CLI and
Slack. Never on the customer's tracking page or in mails (they show no actor)."""

from __future__ import annotations

from collections.abc import Callable

from domain.actors import Actor, ActorDoor
from l10n.translation import gettext, pgettext

DOOR_WORDS: dict[ActorDoor, Callable[[], str]] = {
    ActorDoor.SLACK: lambda: "Slack",
    # Translators: the door something was done through: the interactive console.
    ActorDoor.CONSOLE: lambda: pgettext("door", "console"),
    ActorDoor.CLI: lambda: pgettext("door", "command line"),
    ActorDoor.EMAIL: lambda: pgettext("door", "email"),
    ActorDoor.IMPORT: lambda: pgettext("door", "import"),
    ActorDoor.JOB: lambda: pgettext("door", "job"),
    ActorDoor.UNKNOWN: lambda: pgettext("door", "door unknown"),
}
"""The doors' names, in the reader's language."""


def actor_text(actor: Actor, mention: bool = False) -> str:
    """An actor for people; with `mention`, a Slack user's id as a Slack mention."""
    if not actor.is_known:
        # Translators: who did something, when nobody was recorded.
        return pgettext("actor", "unknown")
    door = DOOR_WORDS[actor.door]()
    actor_id = f"<@{actor.id}>" if mention and actor.door == ActorDoor.SLACK else actor.id
    if actor.name and actor.id and actor.name != actor.id:
        # An actor with a name and an id: `Alice (Slack U0REP)`.
        return gettext("{name} ({door} {id})", name=actor.name, door=door, id=actor_id)
    # An actor known by one word: `bob (console)`, `buyer@acme.example (email)`.
    return gettext("{id} ({door})", id=actor_id or actor.name, door=door)
