"""`/order export ...` (and the *Export* button of a list of orders): every order of the
list written to an .xlsx file and uploaded with files_upload_v2 to the asker's direct
messages with the app, whichever channel they asked in (a list of orders and amounts is
theirs to share, not the channel's)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bot.handlers.common import Request, parse, refusal_message, run_parsed, usage_message
from bot.language.order_lists import export_line
from bot.language.words import UsageError
from bot.slack.app import SlackDeps
from bot.slack.cards import text_message
from domain import commands as c
from domain.errors import DomainError
from domain.services.views import OrdersExported
from l10n.translation import gettext, ngettext


async def export_orders(deps: SlackDeps, request: Request, family: str, text: str) -> None:
    """Export the list a line names and upload it; help and refusals as any line's."""
    try:
        parsed = parse(deps, family, text, request.user)
    except UsageError as error:
        await request.reply(usage_message(error), False)
        return
    command = parsed.command
    if not isinstance(command, c.ExportOrders):
        await run_parsed(deps, parsed, request.user, request.reply, None)
        return
    with tempfile.TemporaryDirectory(prefix="orderbot-export-") as folder:
        path = Path(folder) / f"orders-{deps.today().isoformat()}.xlsx"
        wanted = command.model_copy(update={"path": str(path), "kind": "xlsx"})
        try:
            result = await deps.run(wanted)
        except DomainError as error:
            await request.reply(refusal_message(error, parsed), False)
            return
        count = result.count if isinstance(result, OrdersExported) else 0
        opened = await request.client.conversations_open(users=request.user)
        channel = str((opened.get("channel") or {}).get("id") or request.user)
        await request.client.files_upload_v2(
            channel=channel,
            file=str(path),
            filename=path.name,
            title=gettext("Orders ({count})", count=count),
            initial_comment=ngettext(
                "{n} order: `{line}`", "{n} orders: `{line}`", count, line=export_line(command)
            ),
        )
    await request.reply(
        text_message(
            ngettext(
                "Exported {n} order; the file is in your messages with me.",
                "Exported {n} orders; the file is in your messages with me.",
                count,
            )
        ),
        False,
    )
