"""`/order pdf ...` and `/invoice pdf ...` (and the *PDF* buttons of order and invoice
cards): the document's PDF uploaded with files_upload_v2 to the conversation it was asked
in, so whoever works the order there has it. Other lines of the family run as usual.

The PDF is made in a worker thread (WeasyPrint takes tens of milliseconds a page), after
the command was acknowledged like any other.
"""

from __future__ import annotations

import asyncio
import logging

from slack_sdk.errors import SlackApiError

from bot.handlers.common import (
    LineHandler,
    Request,
    parse,
    refusal_message,
    run_parsed,
    usage_message,
)
from bot.language.words import UsageError
from bot.slack.app import SlackDeps
from bot.slack.cards import text_message
from domain import commands as c
from domain.errors import DomainError
from domain.printouts.printout import Printout
from l10n.translation import gettext

log = logging.getLogger("orderbot.slack")


def with_pdf(handle: LineHandler) -> LineHandler:
    """`handle`, but for a `pdf` line: that one uploads the document."""

    async def line(deps: SlackDeps, request: Request, family: str, text: str) -> None:
        words = text.split()
        if words and words[0].lower() == "pdf":
            await upload_pdf(deps, request, family, text)
            return
        await handle(deps, request, family, text)

    return line


async def upload_pdf(deps: SlackDeps, request: Request, family: str, text: str) -> None:
    """Make the document a `pdf` line names and upload it; help and refusals as any line's."""
    try:
        parsed = parse(deps, family, text, request.user)
    except UsageError as error:
        await request.reply(usage_message(error), False)
        return
    if not isinstance(parsed.command, c.PrintDocument):
        await run_parsed(deps, parsed, request.user, request.reply, None)
        return
    if deps.pdf is None:  # a Slack edge built without documents (bootstrap always gives them)
        elsewhere = gettext("Documents are made by the command line here: {form}",
                            form=f"orderbot pdf order {parsed.command.code}")  # fmt: skip
        await request.reply(text_message(elsewhere), False)
        return
    try:
        printout = await deps.run(parsed.command)
    except DomainError as error:
        await request.reply(refusal_message(error, parsed), False)
        return
    if not isinstance(printout, Printout):
        raise TypeError(f"PrintDocument answered {type(printout).__name__}")
    made = await asyncio.to_thread(deps.pdf, printout)
    try:
        await request.client.files_upload_v2(
            channel=request.channel,
            content=made.data,
            filename=made.filename,
            title=made.filename,
            initial_comment=gettext("{name}, asked by <@{user}>.", name=made.filename,
                                    user=request.user),
        )  # fmt: skip
    except SlackApiError as error:
        problem = str(error.response.get("error", "an error"))
        log.info("the PDF %s was not uploaded: %s", made.filename, problem)
        refused = gettext("{name} could not be uploaded here: Slack said {problem}.",
                          name=made.filename, problem=problem)  # fmt: skip
        await request.reply(text_message(refused), False)
        return
    done = gettext("{name} is in this conversation.", name=made.filename)
    await request.reply(text_message(done), False)
