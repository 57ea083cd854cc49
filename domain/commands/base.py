"""The base classes of every command and query."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict


class Command(BaseModel):
    """Base: a request that changes data."""

    model_config = ConfigDict(frozen=True)
    writes: ClassVar[bool] = True
    manager_only: ClassVar[bool] = False

    # Who asks (see domain.actors): the id at the door (a Slack user id, the console's OS
    # user, a sender's address, a job's name), a name for people, and the door.
    actor: str = ""
    actor_name: str = ""
    actor_door: str = ""
    manager: bool = False
    idempotency_key: str | None = None


class Query(Command):
    """Base: a request that only reads."""

    writes: ClassVar[bool] = False
