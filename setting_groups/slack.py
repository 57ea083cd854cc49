"""Settings of the group "Slack" (docs/settings.md)."""

from __future__ import annotations

from pydantic import BaseModel, Field, SecretStr


class SlackSettings(BaseModel):
    """The settings of the group "Slack"."""

    slack_bot_token: SecretStr | None = Field(
        default=None,
        description="Bot token (`xoxb-…`) of the installed Slack app; with it set, the console "
        "stays off.",
        json_schema_extra={"group": "Slack"},
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None,
        description="Slack signing secret, to verify requests in HTTP mode.",
        json_schema_extra={"group": "Slack"},
    )
    slack_app_token: SecretStr | None = Field(
        default=None,
        description="Slack app-level token (`xapp-…`): set, it selects Socket Mode (no public URL "
        "needed); unset, Slack is served in HTTP mode.",
        json_schema_extra={"group": "Slack"},
    )
    slack_api_url: str | None = Field(
        default=None,
        description="Base URL of the Slack Web API, only for tests and stand-ins; unset, "
        "Slack's own.",
        examples=["https://slack.com/api/"],
        json_schema_extra={"group": "Slack"},
    )
    slack_digest_channel: str | None = Field(
        default=None,
        description="Channel that receives the job-log digest.",
        examples=["#orders-digest"],
        json_schema_extra={"group": "Slack"},
    )
    slack_orders_channel: str | None = Field(
        default=None,
        description="Channel where every new order gets a thread (its card as the parent "
        "message) and the customer's mails, status changes and alerts are posted in it; "
        "unset, orders have no threads and customers' questions are answered as before.",
        examples=["#orders"],
        json_schema_extra={"group": "Slack"},
    )
    slack_managers: str = Field(
        default="",
        description="Slack user ids allowed to run manager commands (`/tax new`, `/jobs run`), "
        "comma-separated.",
        examples=["U0123ABCD,U0456EFGH"],
        json_schema_extra={"group": "Slack"},
    )
    slack_workers: int = Field(
        default=2,
        ge=1,
        le=32,
        description="Slack commands run against the database at once; few keep "
        "acknowledgements fast on few cores (every command is acknowledged first either "
        "way: acknowledgements never wait for them).",
        json_schema_extra={"group": "Slack"},
    )
