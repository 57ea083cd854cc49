"""The job's bulk-built orders equal what SalesOrder.create (+ confirm) makes."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from domain.catalog.products import Product, Tax
from domain.orders.order import LineSpec, Relation, SalesOrder, Source
from domain.subscriptions.orders import (
    Catalogue,
    CustomerFacts,
    DueSubscription,
    new_order,
    order_lines,
)
from domain.subscriptions.periods import CatchUpPolicy, Frequency, PlannedPeriod, SubscriptionStatus

NOW = datetime(2026, 1, 31, 5, tzinfo=UTC)


@pytest.mark.parametrize("confirm", [False, True])
def test_new_order_matches_the_aggregate(confirm: bool) -> None:
    catalogue = Catalogue(
        {
            "coffee": Product("COFFEE", "Coffee", Decimal("12.50"), "VAT20", "monthly"),
            "tea": Product("TEA", "Tea", Decimal(4), None, "monthly"),
        },
        {"vat20": Tax("VAT20", Decimal(20))},
    )
    sub = DueSubscription(
        id=7, customer_code="ACME", frequency=Frequency.MONTHLY, start_date=date(2026, 1, 31),
        end_date=None, iteration=0, last_order_date=None, status=SubscriptionStatus.ACTIVE,
        catch_up=CatchUpPolicy.ALL, skipped=[], ended_on=None,
        lines=[("COFFEE", Decimal(2)), ("TEA", Decimal(1))],
    )  # fmt: skip
    lines = order_lines(sub, catalogue)
    period = PlannedPeriod(1, date(2026, 1, 31))
    fast = new_order(
        code="SO-00009", sub=sub, period=period, customer=CustomerFacts("ACME", "HQ"),
        lines=lines, now=NOW, confirm=confirm, parent_code=None,
    )  # fmt: skip
    specs = [
        LineSpec(ln["product_code"], ln["description"], ln["quantity"], ln["unit_price"],
                 ln["tax_code"], ln["tax_rate"])
        for ln in lines
    ]  # fmt: skip
    real = SalesOrder.create(
        "SO-00009", "ACME", specs, NOW, Source.SUBSCRIPTION, **{
            k: v for k, v in fast.header.items()
            if k not in ("code", "customer_code", "created_at", "status", "source")
        },
    )  # fmt: skip
    if confirm:
        real.confirm(NOW)
    assert real.relation is Relation.GENERATED_BY_SUBSCRIPTION
    assert fast.header["status"] == real.status
    assert [{k: getattr(ln, k) for k in lines[0]} for ln in real.lines] == list(lines)
    shipment = real.shipments[0]
    assert [(s.line_no, s.quantity) for s in shipment.lines] == list(fast.shipment_lines)
    assert (shipment.number, shipment.status, shipment.planned_date) == tuple(
        fast.shipment.values()
    )
    assert [{k: getattr(e, k) for k in fast.timeline[0]} for e in real.timeline] == list(
        fast.timeline
    )
    assert [{k: v for k, v in asdict(n).items() if k != "id"} for n in real.notifications] == list(
        fast.notifications
    )
    assert real.pull_events() == list(fast.events)
