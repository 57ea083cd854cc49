"""Settings of the group "Scheduler and jobs" (docs/settings.md)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class JobsSettings(BaseModel):
    """The settings of the group "Scheduler and jobs"."""

    subscriptions_enabled: bool = Field(
        default=True,
        description="Turn subscriptions (recurring orders) on or off.",
        json_schema_extra={"group": "Scheduler and jobs"},
    )
    subscription_job_cron: str = Field(
        default="0 6 * * *",
        description="When the subscription job runs (cron, in `TIMEZONE`).",
        json_schema_extra={"group": "Scheduler and jobs"},
    )
    digest_cron: str = Field(
        default="0 8 * * *",
        description="When the job-log digest is posted (cron, in `TIMEZONE`).",
        json_schema_extra={"group": "Scheduler and jobs"},
    )
    jeopardy_cron: str = Field(
        default="0 7 * * *",
        description="When orders at risk (a planned shipment passed, or a requested date "
        "before the earliest planned shipment) are raised in their Slack thread and the "
        "digest, once per order per day (cron, in `TIMEZONE`; needs SLACK_ORDERS_CHANNEL).",
        json_schema_extra={"group": "Scheduler and jobs"},
    )
    subscription_orders_confirmed: bool = Field(
        default=False,
        description="Subscription orders are created confirmed (true) or draft (false).",
        json_schema_extra={"group": "Scheduler and jobs"},
    )
    scheduler_enabled: bool = Field(
        default=True,
        description="Run the job scheduler in `orderbot run` (one leader among processes "
        "sharing the database).",
        json_schema_extra={"group": "Scheduler and jobs"},
    )
    scheduler_poll_seconds: float = Field(
        default=5.0,
        gt=0,
        description="Seconds between attempts of a process that does not lead the scheduler "
        "to take the lead.",
        json_schema_extra={"group": "Scheduler and jobs"},
    )
    subscription_job_batch: int = Field(
        default=2000,
        ge=1,
        description="Subscriptions settled per transaction by the subscription job.",
        json_schema_extra={"group": "Scheduler and jobs"},
    )
