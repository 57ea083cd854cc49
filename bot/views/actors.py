"""Who did something (`domain.actors`), as the team reads it: in the console, the CLI and
Slack. Never on the customer's tracking page or in mails (they show no actor)."""

from __future__ import annotations

from domain.actors import Actor, ActorDoor

DOOR_WORDS = {
    ActorDoor.SLACK: "Slack",
    ActorDoor.CONSOLE: "console",
    ActorDoor.CLI: "command line",
    ActorDoor.EMAIL: "email",
    ActorDoor.IMPORT: "import",
    ActorDoor.JOB: "job",
    ActorDoor.UNKNOWN: "door unknown",
}
UNKNOWN_ACTOR = "unknown"
NAMED = "{name} ({door} {id})"
"""An actor with a name and an id: `Alice (Slack U0REP)`."""
BY_ID = "{id} ({door})"
"""An actor known by one word: `bob (console)`, `buyer@acme.example (email)`."""


def actor_text(actor: Actor, mention: bool = False) -> str:
    """An actor for people; with `mention`, a Slack user's id as a Slack mention."""
    if not actor.is_known:
        return UNKNOWN_ACTOR
    door = DOOR_WORDS[actor.door]
    actor_id = f"<@{actor.id}>" if mention and actor.door == ActorDoor.SLACK else actor.id
    if actor.name and actor.id and actor.name != actor.id:
        return NAMED.format(name=actor.name, door=door, id=actor_id)
    return BY_ID.format(id=actor_id or actor.name, door=door)
