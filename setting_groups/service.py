"""Settings of the group "Service and health" (docs/settings.md)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ServiceSettings(BaseModel):
    """The settings of the group "Service and health"."""

    leader_retry_seconds: float = Field(
        default=5.0,
        gt=0,
        description="Seconds between attempts of a process that does not lead the inbox or "
        "the outbox relay to take the lead.",
        json_schema_extra={"group": "Service and health"},
    )
    shutdown_seconds: float = Field(
        default=8.0,
        gt=0,
        le=9,
        description="On SIGTERM, seconds in-flight work gets before the process exits (at most 9).",
        json_schema_extra={"group": "Service and health"},
    )
    health_slack_stale_seconds: float = Field(
        default=180.0,
        gt=0,
        description="`/healthz`: Slack is stuck after this many seconds without a successful "
        "`auth.test` (checked a third of it apart).",
        json_schema_extra={"group": "Service and health"},
    )
    health_inbox_stale_seconds: float = Field(
        default=1200.0,
        gt=0,
        description="`/healthz`: the leading inbox is stuck after this many seconds without a "
        "pass that read the mailbox to its end (every mail handled or quarantined, none left "
        "failing).",
        json_schema_extra={"group": "Service and health"},
    )
    health_outbox_stale_seconds: float = Field(
        default=900.0,
        gt=0,
        description="`/healthz`: the outbox is stuck when a message has waited this many "
        "seconds undelivered.",
        json_schema_extra={"group": "Service and health"},
    )
    health_scheduler_stale_seconds: float = Field(
        default=900.0,
        gt=0,
        description="`/healthz`: the scheduler is stuck when a slot this many seconds old has "
        "no run.",
        json_schema_extra={"group": "Service and health"},
    )
