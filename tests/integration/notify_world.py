"""Helpers of the notification tests: an app on a real database with a relay and a clock."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

import bootstrap
from bootstrap.outbox import outbox_relay
from domain import commands as c
from domain.outbox.messages import OutboxMessage
from scheduler.relay import Relay
from settings import Settings
from store.tables import core as t
from tests.unit.fakes import FakeClock

D = Decimal
SECRET = "test-secret-" + "x" * 24


@dataclass
class World:
    """An app, its fake clock, its relay and the alerts the relay raised."""

    app: bootstrap.App
    clock: FakeClock
    relay: Relay

    def handle(self, cmd: c.Command) -> Any:
        """Run a command through the bus."""
        return self.app.bus.handle(cmd)

    def rows(self) -> list[OutboxMessage]:
        """Every outbox row, by id."""
        with self.app.uow(True) as uow:
            return list(uow.session.scalars(select(OutboxMessage).order_by(t.outbox.c.id)))

    def email_rows(self) -> list[OutboxMessage]:
        """Outbox rows of the email channel."""
        return [r for r in self.rows() if r.channel == "email"]

    def seed(self, language: str = "en", confirm: bool = True) -> None:
        """Taxes, two products, ACME with a contact, and order SO-00001 of both."""
        self.handle(c.CreateTax(code="VAT20", rate=D(20), manager=True))
        self.handle(c.CreateProduct(code="WIDGET", name="Widget", price=D("12.50"), tax="VAT20"))
        self.handle(c.CreateProduct(code="GADGET", name="Gadget", price=D("4"), tax="VAT20"))
        self.handle(
            c.CreateCustomer(
                code="ACME", name="Acme SA", email="buyer@acme.test", language=language
            )
        )
        lines = (
            c.LineInput(product="WIDGET", quantity=D(3)),
            c.LineInput(product="GADGET", quantity=D(2)),
        )
        self.handle(c.CreateOrder(customer="ACME", lines=lines, confirm=confirm, reference="PO-7"))


def make_world(url: str, tmp_path: Path, **settings: Any) -> World:
    """An app with a fake clock; the relay retries at fixed delays (jitter 1.0)."""
    clock = FakeClock()
    values: dict[str, Any] = {
        "database_url": url,
        "secret_key": SECRET,
        "mail_from": "Orders <orders@shop.test>",
        "public_url": "https://shop.test",
        "outbox_dir": tmp_path / "outbox",
        **settings,
    }
    app = bootstrap.build(Settings(_env_file=None, **values), clock=clock)
    relay = outbox_relay(app, clock, jitter=lambda: 1.0)
    return World(app, clock, relay)


def smtp_settings(port: int, **extra: Any) -> dict[str, Any]:
    """Settings that send to the test SMTP server on 127.0.0.1:port."""
    return {"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_tls": "none", **extra}


class SwitchableProxy:
    """A TCP port that forwards to the SMTP server when up and cuts connections when down."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.up = False
        self.port = 0
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not self.up:
            writer.close()
            return
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(ConnectionError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


@contextlib.asynccontextmanager
async def proxy_to(target_port: int) -> AsyncIterator[SwitchableProxy]:
    """A started SwitchableProxy, stopped afterwards."""
    proxy = SwitchableProxy(target_port)
    await proxy.start()
    try:
        yield proxy
    finally:
        await proxy.stop()
