"""Numbering on SQLite and PostgreSQL: the settings' styles, codes typed by hand (any
case) never handed out again, styles changed without touching given codes, and a kind's
counter made on its first use."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

import bootstrap
from domain import commands as c
from domain.errors import ValidationFailed
from domain.numbering import DocumentKind, NumberStyle
from tests.integration.conftest import AppFactory
from tests.integration.store_workers import new_order, seed


def test_the_settings_shape_every_kind_of_code(make_app: AppFactory, database_url: str) -> None:
    app = make_app(
        database_url,
        order_number_prefix="ord/",
        order_number_width=3,
        invoice_number_prefix="F2026-",
        invoice_number_width=6,
        work_order_number_prefix="",
        return_number_prefix="R",
        return_number_width=1,
    )
    bus = app.bus
    seed(bus)
    code = new_order(bus)
    assert code == "ORD/001"
    bus.handle(c.ConfirmOrder(code=code))
    made = bus.handle(c.CreateWorkOrders(code=code, scope="all")).work_orders
    assert [w.code for w in made] == ["00001"]
    bus.handle(c.ShipOrder(code=code))
    ret = bus.handle(c.CreateReturn(code=code, product="WIDGET", quantity=Decimal(1)))
    assert ret.return_order.code == "R1"
    assert bus.handle(c.InvoiceOrder(code=code)).invoice.code == "F2026-000001"


def test_a_typed_code_is_unique_without_case_and_skipped(app: bootstrap.App) -> None:
    bus = app.bus
    seed(bus)
    line = (c.LineInput(product="BOLT", quantity=Decimal(1)),)
    assert bus.handle(c.CreateOrder(customer="ACME", code="so-00002", lines=line)).order.code == (
        "SO-00002"
    )
    for typed in ("SO-00002", "So-00002", " so-00002 "):
        with pytest.raises(ValidationFailed) as caught:
            bus.handle(c.CreateOrder(customer="ACME", code=typed, lines=line))
        assert caught.value.code == "order.code_taken"
        assert caught.value.message == (
            "code: SO-00002 is already the code of an order (codes are compared without "
            "case); choose another or leave code: out to get the next number"
        )
    assert [new_order(bus), new_order(bus)] == ["SO-00001", "SO-00003"]
    assert len(bus.handle(c.ListOrders()).items) == 3


def test_a_new_style_leaves_given_codes_and_skips_taken_ones(
    make_app: AppFactory, database_url: str
) -> None:
    bus = make_app(database_url).bus
    seed(bus)
    line = (c.LineInput(product="BOLT", quantity=Decimal(1)),)
    assert new_order(bus) == "SO-00001"
    bus.handle(c.CreateOrder(customer="ACME", code="N-3", lines=line))
    later = make_app(database_url, order_number_prefix="N-", order_number_width=1).bus
    assert [new_order(later), new_order(later)] == ["N-2", "N-4"]
    codes = {o.code for o in later.handle(c.ListOrders()).items}
    assert codes == {"SO-00001", "N-2", "N-3", "N-4"}


def test_a_kind_without_a_counter_row_gets_one_on_first_use(app: bootstrap.App) -> None:
    style = NumberStyle(DocumentKind.CREDIT_NOTE, "CN-")
    with app.uow(False) as uow:
        assert [uow.numbers.next(style), uow.numbers.next(style)] == ["CN-00001", "CN-00002"]
        uow.numbers.release(style, ["CN-00002"])
        uow.commit()
    with app.engine.connect() as conn:
        value = conn.execute(text("select value from counters where name = 'CN'")).scalar()
    assert value == 1
