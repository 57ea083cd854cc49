"""The path of every Slack command line: grammar → command → bus → card, errors as help.

`run_line` is shared by slash commands, buttons and direct messages; each passes a
`Reply` that knows where the answer goes (response_url, chat.postEphemeral...). The
idempotency key makes a repeated delivery replay the first result instead of writing
again.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.language.grammar import Parsed
from bot.language.words import UsageError
from bot.slack.app import SlackDeps
from bot.slack.cards import message_for, text_message
from domain.errors import DomainError, Forbidden, ValidationFailed
from l10n.translation import gettext
from l10n.translation import render as render_text

log = logging.getLogger("orderbot.slack")

# answer(message, share): `share` asks for an answer everyone in the channel sees.
Reply = Callable[[dict[str, Any], bool], Awaitable[None]]
# A hook for lines the grammar parses but that need more than one command (imports).
Special = Callable[[Parsed, str, Reply], Awaitable[bool]]
# What runs a line of one family: (deps, request, family, text).
LineHandler = Callable[["SlackDeps", "Request", str, str], Coroutine[Any, Any, None]]


def import_next(kind: str) -> str:
    """What to do after `/customer import` (or products, orders): send the file."""
    return gettext(
        "Send the {kind} spreadsheet (.xlsx or .csv) to me in a direct message now. I check "
        "it first and show each red and yellow row; nothing is written before you confirm.",
        kind=kind,
    )


def polite_refusal() -> str:
    """What a rep who is not a manager reads when asking for a manager's command."""
    return gettext("Sorry, only managers may do that. Ask one of your managers if it needs doing.")


def usage_message(error: UsageError) -> dict[str, Any]:
    """What was wrong, and the right form."""
    text = gettext("Not understood: {problem}.", problem=error.message)
    if error.form:
        text += "\n" + gettext("Use:\n```{form}```", form=error.form)
    return text_message(text)


def refusal_message(error: DomainError, parsed: Parsed) -> dict[str, Any]:
    """A domain refusal; validation errors show the form too."""
    if isinstance(error, Forbidden):
        return text_message(polite_refusal())
    text = gettext("Refused: {reason}", reason=render_text(error.text))
    if isinstance(error, ValidationFailed) and parsed.form is not None:
        if hint := parsed.form.hints.get(error.code):
            text += f"\n{gettext(hint)}"
        text += "\n" + gettext("Form: `{form}`", form=parsed.form.line)
    return text_message(text)


def parse(deps: SlackDeps, family: str, text: str, user: str) -> Parsed:
    """Parse the words typed after `/family`; UsageError when they do not fit."""
    words = deps.grammar.words_of(text, family)
    return deps.grammar.parse_family(family, words, deps.door(user), where="slack")


async def run_parsed(
    deps: SlackDeps, parsed: Parsed, user: str, reply: Reply, key: str | None
) -> Any:
    """Run a parsed line and answer with its card; returns the result (None on refusal)."""
    if parsed.help is not None or parsed.command is None:
        await reply(text_message(f"```{parsed.help or ''}```"), False)
        return None
    command = parsed.command
    if command.manager_only and user not in deps.managers:
        await reply(text_message(polite_refusal()), False)
        return None
    if key is not None and command.writes:
        command = command.model_copy(update={"idempotency_key": key})
    try:
        result = await deps.run(command)
    except DomainError as error:
        await reply(refusal_message(error, parsed), False)
        return None
    await reply(message_for(result, deps.cards), parsed.share)
    return result


async def run_line(
    deps: SlackDeps,
    family: str,
    text: str,
    user: str,
    reply: Reply,
    key: str | None = None,
    special: Special | None = None,
) -> Any:
    """Parse and run one command line typed (or clicked) by `user`, answering through `reply`."""
    try:
        parsed = parse(deps, family, text, user)
    except UsageError as error:
        await reply(usage_message(error), False)
        return None
    except ValidationFailed as error:  # a value out of bounds, refused as the line is read
        refusal = gettext("Refused: {reason}", reason=render_text(error.text))
        await reply(text_message(refusal), False)
        return None
    if special is not None and await special(parsed, user, reply):
        return None
    if parsed.form is not None and parsed.form.verb == "import" and parsed.command is not None:
        kind = "customers" if family == "customer" else f"{family}s"
        deps.imports.expect(user, kind)
        await reply(text_message(import_next(kind)), False)
        return None
    return await run_parsed(deps, parsed, user, reply, key)


def respond_reply(deps: SlackDeps, response_url: str, replace: bool | None = None) -> Reply:
    """Answers through a response_url: ephemeral unless shared."""

    async def reply(message: dict[str, Any], share: bool) -> None:
        payload = {"response_type": "in_channel" if share else "ephemeral", **message}
        if replace is not None:
            payload["replace_original"] = replace
        await deps.responder.post(response_url, payload)

    return reply


def command_key(body: dict[str, Any]) -> str | None:
    """The idempotency key of a slash command: a repeated delivery has the same trigger."""
    trigger = body.get("trigger_id")
    return f"slack:{body.get('user_id', '')}:{trigger}" if trigger else None


@dataclass(frozen=True)
class Request:
    """Who sent a line, from where, and how to answer: shared by commands and buttons."""

    user: str
    channel: str
    trigger_id: str
    reply: Reply
    key: str | None
    client: AsyncWebClient


async def default_line(deps: SlackDeps, request: Request, family: str, text: str) -> None:
    """Run a line of `family` through the grammar and the bus."""
    await run_line(deps, family, text, request.user, request.reply, request.key)


def register_family(app: AsyncApp, deps: SlackDeps, family: str, handle: LineHandler) -> None:
    """Answer `/family ...`: ack first, then `handle` does the work in the background."""

    async def on_command(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        deps.remember(str(body.get("user_id", "")), body.get("user_name"))
        request = Request(
            user=str(body.get("user_id", "")),
            channel=str(body.get("channel_id", "")),
            trigger_id=str(body.get("trigger_id", "")),
            reply=respond_reply(deps, str(body.get("response_url", ""))),
            key=command_key(body),
            client=client,
        )
        work = handle(deps, request, family, str(body.get("text", "")))
        deps.spawn_for(client, request.user, work)

    app.command(f"/{family}")(on_command)
    deps.commands.append(f"/{family}")
    deps.line_handlers[family] = handle
