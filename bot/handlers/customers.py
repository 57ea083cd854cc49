"""`/customer`: the customer desk (find, show) and every customer form through the grammar."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.handlers.common import Request, run_line
from bot.slack.app import SlackDeps


async def customer_line(deps: SlackDeps, request: Request, family: str, text: str) -> None:
    """`/customer ...` through the grammar."""
    await run_line(deps, family, text, request.user, request.reply, request.key)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    """Nothing beyond the family's slash command yet (the picker lives with /order new)."""
