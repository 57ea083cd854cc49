"""The job's orders come from the order factory: the order of a period, and its refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from domain.customers.addresses import Address
from domain.customers.customer import Customer
from domain.errors import NotFound, ValidationFailed
from domain.orders.factory import OrderFactory
from domain.orders.order import OrderStatus, Relation, Source
from domain.subscriptions.orders import DueSubscription, period_order, settle
from domain.subscriptions.periods import CatchUpPolicy, Frequency, PlannedPeriod, SubscriptionStatus
from tests.unit.domain.orders.test_factory import Sources

NOW = datetime(2026, 3, 31, 5, tzinfo=UTC)


def _sub(*lines: tuple[str, Decimal]) -> DueSubscription:
    return DueSubscription(
        id=7, customer_code="acme", frequency=Frequency.MONTHLY, start_date=date(2026, 1, 31),
        end_date=None, iteration=0, last_order_date=None, status=SubscriptionStatus.ACTIVE,
        catch_up=CatchUpPolicy.ALL, skipped=[], ended_on=None,
        lines=list(lines) or [("COFFEE", Decimal(2)), ("TEA", Decimal(1))],
    )  # fmt: skip


def _customer() -> Customer:
    customer = Customer.create("ACME", "Acme SA", NOW)
    customer.add_address(Address(code="HQ", name="Head office", city="Paris", country="FR"))
    return customer


@pytest.mark.parametrize("confirm", [False, True])
def test_each_due_period_is_the_factorys_order_chained_to_the_last(confirm: bool) -> None:
    sources = Sources()
    factory = OrderFactory(NOW, sources)
    settled = settle(
        _sub(), date(2026, 3, 31), customer=_customer(), factory=factory, confirm=confirm,
        previous_code="SO-00001",
    )  # fmt: skip
    assert [o.code for o in settled.orders] == ["SO-00001", "SO-00002", "SO-00003"]
    assert (settled.iteration, settled.last_order_date) == (3, date(2026, 3, 31))
    first, second, _ = (o.aggregate() for o in settled.orders)
    assert (first.reference, first.requested_date, first.parent_code) == (
        "SUB-7/1",
        date(2026, 1, 31),
        "SO-00001",
    )
    assert (second.reference, second.parent_code) == ("SUB-7/2", "SO-00001")
    assert (first.source, first.relation, first.subscription_id, first.subscription_iteration) == (
        Source.SUBSCRIPTION,
        Relation.GENERATED_BY_SUBSCRIPTION,
        7,
        1,
    )
    assert first.remarks == "Subscription 7, period 1 (2026-01-31)."
    assert (first.customer_code, first.delivery_address_code) == ("ACME", "HQ")
    assert first.status == (OrderStatus.CONFIRMED if confirm else OrderStatus.DRAFT)
    assert [(ln.product_code, ln.quantity, ln.unit_price, ln.tax_rate) for ln in first.lines] == [
        ("COFFEE", Decimal(2), Decimal("12.50"), Decimal(20)),
        ("TEA", Decimal(1), Decimal(4), Decimal(0)),
    ]
    # what any door's factory makes of the same command
    command = period_order(_sub(), PlannedPeriod(1, date(2026, 1, 31)), confirm, "SO-00001")
    assert OrderFactory(NOW, Sources()).plan(command, _customer()) == settled.orders[0]


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ((("DECAF", Decimal(1)),), "product.not_found"),
        ((("OLD", Decimal(1)),), "order.product_inactive"),
        ((("TEA", Decimal(0)),), "order.quantity_invalid"),
    ],
)
def test_a_refused_subscription_takes_no_code(
    lines: tuple[tuple[str, Decimal], ...], code: str
) -> None:
    sources = Sources()
    with pytest.raises((NotFound, ValidationFailed)) as caught:
        settle(
            _sub(*lines), date(2026, 3, 31), customer=_customer(),
            factory=OrderFactory(NOW, sources), confirm=False, previous_code=None,
        )  # fmt: skip
    assert caught.value.code == code
    assert sources.numbers == 0


def test_a_missing_customer_refuses_before_any_order() -> None:
    sources = Sources()
    with pytest.raises(NotFound):
        settle(
            _sub(), date(2026, 3, 31), customer=None, factory=OrderFactory(NOW, sources),
            confirm=False, previous_code=None,
        )  # fmt: skip
    assert sources.numbers == 0


def test_a_period_reference_typed_by_hand_earlier_does_not_stop_the_job() -> None:
    sources = Sources(references={("acme", "sub-7/1"): "SO-00042"})
    settled = settle(
        _sub(), date(2026, 1, 31), customer=_customer(), factory=OrderFactory(NOW, sources),
        confirm=False, previous_code=None,
    )  # fmt: skip
    assert [o.header["reference"] for o in settled.orders] == ["SUB-7/1"]
