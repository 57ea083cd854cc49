"""Fixtures and helpers of the order threads' tests: orderbot with an orders channel,
serving Slack over HTTP against the stand-in, and reading a dovecot mailbox."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from typing import Any

import pytest
from sqlalchemy import select

import bootstrap
from domain.outbox.messages import Channel, OutboxMessage
from mail.outbound.render import Renderer
from scheduler.relay import Relay
from store.tables.threads import order_threads
from tests.integration.bot.slack.conftest import SlackRig, slack_settings, start_rig
from tests.integration.bot.slack.conftest import slack_api as slack_api  # the fixture
from tests.integration.conftest import AppFactory
from tests.integration.inbox_helpers import OWN, listener, load_catalogue
from tests.integration.jobs_helpers import Clock, app_on, seed
from tests.servers.dovecot import ImapAccount
from tests.servers.slack_api import SlackApiStub

CHANNEL = "C0ORDERS"


@pytest.fixture
async def rig(
    make_app: AppFactory, sqlite_url: str, slack_api: SlackApiStub
) -> AsyncIterator[SlackRig]:
    """orderbot with an orders channel, answering Slack over HTTP against the stand-in."""
    app = make_app(
        sqlite_url,
        **slack_settings(slack_api),
        slack_orders_channel=CHANNEL,
        mail_from=f"orderbot <{OWN}>",
    )
    load_catalogue(app)
    async for ready in start_rig(app, slack_api):
        yield ready


@dataclass
class ClockedShop:
    """orderbot on a settable clock, with the orders channel and a digest channel, its
    products and customers seeded (`jobs_helpers.seed`)."""

    app: bootstrap.App
    clock: Clock


@pytest.fixture
def shop(database_url: str, slack_api: SlackApiStub) -> Iterator[ClockedShop]:
    """A seeded shop on SQLite and on PostgreSQL, on a clock starting 2026-03-02."""
    clock = Clock(datetime(2026, 3, 2, 9, tzinfo=UTC))
    app = app_on(
        database_url,
        clock,
        **slack_settings(slack_api),
        slack_orders_channel=CHANNEL,
        slack_digest_channel="#digest",
    )
    try:
        seed(app)
        yield ClockedShop(app, clock)
    finally:
        app.engine.dispose()


async def read_inbox(app: bootstrap.App, account: ImapAccount) -> dict[str, int]:
    """One pass of the inbox; the outcomes by kind."""
    report = await listener(app, account).poll_once()
    outcomes: dict[str, int] = report.outcomes
    return outcomes


def rendered(row: dict[str, Any]) -> Message:
    """The mail an outbox row becomes."""
    message = OutboxMessage(
        Channel(row["channel"]), row["kind"], row["recipient"], row["created_at"],
        row["payload"], id=row["id"],
    )  # fmt: skip
    return Renderer(f"orderbot <{OWN}>").render(message)


async def relay_all(relay: Relay) -> int:
    """One pass of the relay; how many rows it sent."""
    report = await relay.run_once()
    return report.sent


def thread_ts(app: bootstrap.App, key: str) -> str:
    """The parent ts stamped on a thread."""
    with app.engine.connect() as conn:
        ts = conn.scalar(select(order_threads.c.ts).where(order_threads.c.key == key))
    assert ts, f"no parent posted for {key}"
    return str(ts)


def posts(api: SlackApiStub) -> list[dict[str, Any]]:
    return api.of("chat.postMessage")


def in_thread(api: SlackApiStub, ts: str) -> list[str]:
    return [str(p.get("text")) for p in posts(api) if p.get("thread_ts") == ts]
