"""Who did something, and through which door: the actor written on an order's timeline.

Every door names its actor on the command it builds (`Command.actor`, `actor_name`,
`actor_door`): a Slack user by id and name, the console by its OS user, an email by its
sender's address, a job by its name. The bus turns that into an `Actor` for the command
(`domain.services.context.ServiceContext.by`) and signs with it every timeline entry the
command made (`sign_timeline`). Entries written before actors were kept have the door
`unknown`. The tracking page never shows an actor: it is for the team only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class ActorDoor(StrEnum):
    """The door an actor came through."""

    SLACK = "slack"  # a Slack user: id (U...) and user name
    CONSOLE = "console"  # the console: the OS user running it
    CLI = "cli"  # the `orderbot` command line
    EMAIL = "email"  # a mail: the sender's address
    IMPORT = "import"  # a spreadsheet import: whoever confirmed it
    JOB = "job"  # a background job: its name
    UNKNOWN = "unknown"  # written before actors were kept, or by a door that named none


@dataclass(frozen=True)
class Actor:
    """Who did it: the door, the id there, and a name for people when the door has one."""

    door: ActorDoor
    id: str = ""
    name: str = ""

    @classmethod
    def of(cls, door: str, actor_id: str, name: str = "") -> Actor:
        """The actor a command names; a door not known (or none) reads as unknown, and so
        does a command naming nobody at all."""
        try:
            known = ActorDoor(door.strip().lower())
        except ValueError:
            known = ActorDoor.UNKNOWN
        if not actor_id.strip() and not name.strip():
            return UNKNOWN
        return cls(known, actor_id.strip(), name.strip())

    @property
    def is_known(self) -> bool:
        """Whether anyone is named."""
        return self.door != ActorDoor.UNKNOWN or bool(self.id or self.name)


UNKNOWN = Actor(ActorDoor.UNKNOWN)
"""The actor of entries written before actors were kept."""


class Signable(Protocol):
    """A history entry that records its actor (`domain.orders.documents.TimelineEntry`)."""

    actor_door: str
    actor_id: str
    actor_name: str


def sign_timeline(entries: Iterable[Signable], actor: Actor) -> int:
    """Write `actor` on the entries that have none yet (a new entry's door is empty);
    returns how many were signed. Entries already signed keep their actor."""
    signed = 0
    for entry in entries:
        if entry.actor_door:
            continue
        entry.actor_door, entry.actor_id, entry.actor_name = str(actor.door), actor.id, actor.name
        signed += 1
    return signed
