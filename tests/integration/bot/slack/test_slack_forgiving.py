"""The forgiving grammar in Slack: signed slash commands through the real Bolt app."""

from __future__ import annotations

from decimal import Decimal

from domain import commands as c
from tests.integration.bot.slack.conftest import SlackRig


def seed(rig: SlackRig) -> None:
    """A product with a numeric code, WIDGET-A, and ACME."""
    bus = rig.app.bus
    bus.handle(c.CreateProduct(code="WIDGET-A", name="Widget A", price=Decimal("12.50")))
    bus.handle(c.CreateProduct(code="1234", name="Bolt", price=Decimal("0.35")))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.example"))


async def test_a_numeric_product_code_is_ordered(rig: SlackRig) -> None:
    seed(rig)
    answer = await rig.run("/order", "new ACME 1234 2")
    assert answer["text"].startswith("Created SO-00001.")
    order = rig.app.bus.handle(c.ShowOrder(code="SO-00001")).order
    assert [(li.product_code, li.quantity) for li in order.lines] == [("1234", Decimal(2))]


async def test_mistyped_words_get_did_you_mean(rig: SlackRig) -> None:
    seed(rig)
    answer = await rig.run("/order", "shwo SO-00001")
    assert answer["text"].startswith(
        "Not understood: /order has no 'shwo'; did you mean show? It has: new, show,"
    )
    answer = await rig.run("/order", "new ACME WIDGT-A 2")
    assert answer["text"].startswith("Refused: No product WIDGT-A. Did you mean WIDGET-A?")
    answer = await rig.run("/order", "new ACNE WIDGET-A 2")
    assert answer["text"].startswith("Refused: No customer ACNE. Did you mean ACME?")
    answer = await rig.run("/order", "new ACME WIDGET-A 2 foo:bar")
    assert answer["text"].startswith(
        "Not understood: foo:bar is not an option of /order new; its options are adjust:, "
    )
    assert rig.app.bus.handle(c.ListOrders()).items == ()


async def test_a_code_of_ones_own_and_its_collision(rig: SlackRig) -> None:
    seed(rig)
    answer = await rig.run("/order", "new ACME WIDGET-A 1 code:web-7")
    assert answer["text"].startswith("Created WEB-7.")
    answer = await rig.run("/order", "new ACME WIDGET-A 1 code:WEB-7")
    assert answer["text"].startswith("Refused: code: WEB-7 is already the code of an order")
    assert len(rig.app.bus.handle(c.ListOrders()).items) == 1
