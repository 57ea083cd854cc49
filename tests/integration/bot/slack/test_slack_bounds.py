"""Through the real Bolt app with signed requests, on SQLite and PostgreSQL: values out
of bounds are answered with their limit, never written, and lists keep answering."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal

import pytest

from domain import commands as c
from tests.integration.bot.slack.conftest import SlackRig, slack_settings, start_rig
from tests.integration.conftest import AppFactory
from tests.servers.slack_api import SlackApiStub

DIGITS = "at most 12 digits before the point and 6 after"


@pytest.fixture
async def any_rig(
    make_app: AppFactory, database_url: str, slack_api: SlackApiStub
) -> AsyncIterator[SlackRig]:
    app = make_app(database_url, **slack_settings(slack_api))
    app.bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=Decimal(2)))
    app.bus.handle(c.CreateCustomer(code="BETA", name="Beta"))
    async for ready in start_rig(app, slack_api):
        yield ready


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("new BETA WIDGET 1e999999", f"Refused: quantity 1e+999999 is out of bounds: {DIGITS}"),
        ("new BETA WIDGET " + "9" * 26, f"Refused: quantity {'9' * 26} is out of bounds: {DIGITS}"),
        (
            "new BETA WIDGET 1 ref:" + "R" * 200,
            "Refused: reference is 200 characters long; at most 120",
        ),
    ],
)
async def test_slack_refuses_a_value_out_of_bounds_and_lists_still_answer(
    any_rig: SlackRig, text: str, refusal: str
) -> None:
    answer = await any_rig.run("/order", text)
    assert answer["text"] == refusal
    assert (await any_rig.run("/order", "list"))["text"].startswith("Orders: none")
    assert (await any_rig.run("/order", "list BETA"))["text"].startswith("Orders: none")


async def test_slack_refuses_a_customer_name_too_long(any_rig: SlackRig) -> None:
    answer = await any_rig.run("/customer", "new LONGC " + "N" * 400)
    assert answer["text"] == "Refused: name is 400 characters long; at most 200"
