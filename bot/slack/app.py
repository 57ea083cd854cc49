"""Building the Slack app: the Web API client, the Bolt AsyncApp and what handlers share.

`build_app(deps, token, signing_secret, api_url)` returns a slack-bolt `AsyncApp` with
every handler module registered. The app runs with `process_before_response=True`: each
listener acks at once and hands its work to the `HandOff`, so an acknowledgement never
waits for Bolt's 10 ms ack polling nor for the database.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.language.grammar import Door, Grammar
from bot.pdf import PdfMaker
from bot.slack.cards import CardOptions
from bot.slack.handoff import HandOff
from bot.slack.intents import Intents
from bot.slack.locales import UserLocales
from bot.slack.responder import Responder
from domain.commands import Command
from l10n.translation import speaking

SLACK_API = "https://slack.com/api/"
MAX_NAMES = 10_000  # Slack users whose names are kept (the least recently seen go first)


class CommandBus(Protocol):
    """What the Slack door needs of the bus: run one command without blocking the loop."""

    async def handle(self, cmd: Command) -> Any:
        """Run `cmd` and return its result, or raise a DomainError."""
        ...


@dataclass
class SlackDeps:
    """Everything the handler modules share: bus, grammar, clock, managers, card options."""

    bus: CommandBus
    grammar: Grammar
    today: Callable[[], date]
    managers: frozenset[str] = frozenset()
    cards: CardOptions = field(default_factory=CardOptions)
    handoff: HandOff = field(default_factory=HandOff)
    responder: Responder = field(default_factory=Responder)
    imports: Intents = field(default_factory=Intents)
    commands: list[str] = field(default_factory=list)  # filled by register_all
    # How each family runs a line (slash command or button): filled by register_all.
    line_handlers: dict[str, Callable[..., Coroutine[Any, Any, None]]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # user id -> the name last seen
    locales: UserLocales = field(default_factory=UserLocales)
    pdf: PdfMaker | None = None  # a printout's PDF (`order pdf`, `invoice pdf`, *PDF* buttons)

    async def run(self, cmd: Command) -> Any:
        """Run a command on the bus, out of the hand-off gate while it waits."""
        async with self.handoff.outside():
            return await self.bus.handle(cmd)

    async def speaking_to(
        self, client: AsyncWebClient, user: str, work: Coroutine[Any, Any, None]
    ) -> None:
        """Do `work` in `user`'s language: the locale Slack reports for them, else the
        LANGUAGE setting's."""
        try:
            async with self.handoff.outside():
                locale = await self.locales.of(client, user)
        except BaseException:
            work.close()  # never started: closed, so it is not reported as never awaited
            raise
        with speaking(locale):
            await work

    def spawn_for(self, client: AsyncWebClient, user: str, work: Coroutine[Any, Any, None]) -> None:
        """Hand `work` off, to be done in `user`'s language."""
        self.handoff.spawn(self.speaking_to(client, user, work))

    async def close(self) -> None:
        """Let in-flight work finish (8 s at most), then close the HTTP session."""
        await self.handoff.drain(within=8)
        await self.responder.close()

    def door(self, user: str) -> Door:
        """The door of a Slack user: managers come from SLACK_MANAGERS; the user's name is
        the one their latest request carried."""
        return Door(
            today=self.today(),
            actor=user,
            manager=user in self.managers,
            source="slack",
            actor_name=self.names.get(user, ""),
        )

    def remember(self, user: str, name: object) -> None:
        """Keep the name a request carried for its user (slash commands carry `user_name`,
        interactions `user.username` or `user.name`): the actor's name on the timeline,
        with no Web API call per command. At most MAX_NAMES users are kept."""
        if not user or not isinstance(name, str) or not name.strip():
            return
        self.names.pop(user, None)
        self.names[user] = name.strip()
        while len(self.names) > MAX_NAMES:
            del self.names[next(iter(self.names))]


def make_client(token: str, api_url: str | None = None, retry_429: bool = True) -> AsyncWebClient:
    """A Web API client; 429 answers are retried after Retry-After when `retry_429`."""
    base = (api_url or SLACK_API).rstrip("/") + "/"
    handlers = [AsyncRateLimitErrorRetryHandler(max_retry_count=3)] if retry_429 else []
    client = AsyncWebClient(token=token, base_url=base, timeout=10)
    client.retry_handlers = [*client.retry_handlers, *handlers]
    return client


def build_app(
    deps: SlackDeps,
    token: str,
    signing_secret: str | None,
    api_url: str | None = None,
) -> AsyncApp:
    """The Bolt app with every command, action, view and event handler registered."""
    from bot import handlers

    app = AsyncApp(
        client=make_client(token, api_url),
        signing_secret=signing_secret or "socket-mode-needs-no-signature",
        process_before_response=True,
        # Socket Mode connections are not signed; HTTP requests reach Bolt only through
        # bot.slack.http, which has checked them already (checking twice cost CPU per ack).
        request_verification_enabled=False,
        raise_error_for_unhandled_request=False,
    )
    handlers.register_all(app, deps)
    return app


def registered_commands(deps: SlackDeps) -> list[str]:
    """The slash commands the app answers (the manifest must list exactly these)."""
    return sorted(deps.commands)
