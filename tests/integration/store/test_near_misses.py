"""The "did you mean" of a missing customer or product on SQLite and PostgreSQL: the
codes that begin alike are found by one bounded query (a wildcard typed is a letter)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import bootstrap
from domain import commands as c
from domain.errors import NotFound


@pytest.mark.parametrize(
    ("cmd", "message"),
    [
        (c.ShowCustomer(code="ACNE"), "No customer ACNE. Did you mean ACME?"),
        (c.ShowCustomer(code="AC%E"), "No customer AC%E. Did you mean ACME?"),
        (c.ShowCustomer(code="A_ME"), "No customer A_ME."),  # no code begins with "A_"
        (c.ShowCustomer(code="QQQQ"), "No customer QQQQ."),
        (c.ShowCustomer(code="BETA-1"), "No customer BETA-1. Did you mean BETA_1?"),
        (c.ShowProduct(code="WIDGT-A"), "No product WIDGT-A. Did you mean WIDGET-A?"),
    ],
)
def test_a_missing_code_suggests_the_closest(
    app: bootstrap.App, cmd: c.Command, message: str
) -> None:
    bus = app.bus
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA"))
    bus.handle(c.CreateCustomer(code="BETA_1", name="Beta"))
    bus.handle(c.CreateCustomer(code="ZULU", name="Zulu"))
    bus.handle(c.CreateProduct(code="WIDGET-A", name="Widget A", price=Decimal(1)))
    with pytest.raises(NotFound) as caught:
        bus.handle(cmd)
    assert caught.value.message == message
