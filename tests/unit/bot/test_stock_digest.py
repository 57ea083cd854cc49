"""The digest's stock: products under the threshold, and orders that became available
since the last digest with a Ship button each; kept through the outbox payload."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.slack.digest import digest_blocks
from domain import commands as c
from domain.jobs.digest import Digest, make_digest
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from domain.stock.digest import make_stock_digest
from l10n.formats import Formats
from tests.unit.fakes import FakeClock, FakeStore

D = Decimal
T0 = datetime(2026, 12, 7, 8, tzinfo=UTC)


def test_low_products_and_orders_become_available_are_in_the_digest() -> None:
    store = FakeStore()
    clock = FakeClock()
    bus = MessageBus(store.uow_factory, clock, Policy())
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=D(1)))
    bus.handle(c.CreateProduct(code="BOLT", name="Bolt", price=D(1)))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="b@acme.test"))
    bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(2)))
    bus.handle(c.ReceiveStock(product="BOLT", quantity=D(50)))
    codes = []
    for _ in range(2):
        line = (c.LineInput(product="WIDGET", quantity=D(2)),)
        codes.append(
            bus.handle(c.CreateOrder(customer="ACME", lines=line, confirm=True)).order.code
        )
    clock.advance(hours=1)
    bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(3)))  # the second can ship now
    repo = store.state.stock
    became = [r for r in repo.reservations.values() if r.available_at and r.available_at > r.since]
    stock = make_stock_digest(
        D(5),
        sorted(repo.levels.values(), key=lambda lv: lv.product_code),
        became,
        {r.order_code: [r] for r in repo.reservations.values()},
    )
    assert stock.available == (codes[1],)
    assert [(lv.product_code, lv.free) for lv in stock.low] == [("WIDGET", D(1))]
    digest = Digest.of_payload(
        make_digest([], [], [], T0, ZoneInfo("Europe/Paris"), stock).payload()
    )
    assert digest.stock == stock
    blocks = digest_blocks(digest, Formats("EUR", "en_GB"))
    text = json.dumps(blocks, ensure_ascii=False)
    assert "*Low stock* (under 5 free)\\n• WIDGET in MAIN: 1 free (5 on hand)" in text
    [ship] = [
        b for b in blocks if "accessory" in b and b["accessory"]["value"].startswith("order ship")
    ]
    assert ship["accessory"]["value"] == f"order ship {codes[1]}"
    assert ship["text"]["text"] == f":package: *{codes[1]}* is available to ship"


def test_a_digest_made_before_stock_reads_with_none() -> None:
    payload = make_digest([], [], [], T0, ZoneInfo("Europe/Paris")).payload()
    del payload["stock"]
    assert Digest.of_payload(payload).stock.available == ()
