"""Stock through the message bus on the fakes: receive, adjust, reserve on confirmation,
release on cancelling, a removed or reduced line and a merge, consume on shipping, and
the movement log with figures exact after each."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain import commands as c
from domain.errors import Forbidden, ValidationFailed
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from domain.services.views import OrderView
from domain.stock.levels import MovementKind
from domain.stock.policy import StockPolicy
from domain.stock.rules import Availability
from tests.unit.fakes import FakeClock, FakeStore

D = Decimal
MGR = {"manager": True, "actor": "U1", "actor_name": "Ann", "actor_door": "slack"}


class World:
    def __init__(self, policy: Policy | None = None) -> None:
        self.store, self.clock = FakeStore(), FakeClock()
        self.bus = MessageBus(self.store.uow_factory, self.clock, policy or Policy())
        self.bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=D("2.50")))
        self.bus.handle(c.CreateProduct(code="BOOK", name="Book", price=D(12)))
        self.bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="b@acme.test"))

    def order(self, *lines: tuple[str, int], confirm: bool = True) -> str:
        view: OrderView = self.bus.handle(
            c.CreateOrder(
                customer="ACME",
                lines=tuple(c.LineInput(product=p, quantity=D(q)) for p, q in lines),
            )
        )
        if confirm:
            self.clock.advance(minutes=1)
            self.bus.handle(c.ConfirmOrder(code=view.order.code))
        return view.order.code

    def level(self, product: str = "WIDGET") -> tuple[Decimal, Decimal]:
        lv = self.store.state.stock.levels[(product, "MAIN")]
        return lv.on_hand, lv.reserved

    def held(self, code: str) -> list[tuple[int, Decimal, Decimal]]:
        rows = self.store.state.stock.reservations.values()
        return sorted((r.line_no, r.wanted, r.reserved) for r in rows if r.order_code == code)

    def log(self) -> list[tuple[str, Decimal, str, Decimal, str]]:
        return [
            (m.kind, m.quantity, m.order_code, m.on_hand_after, m.actor)
            for m in self.store.state.stock.movements
        ]


def test_receive_and_adjust_keep_figures_and_a_log_with_actor_and_reason() -> None:
    w = World()
    w.bus.handle(c.ReceiveStock(product="widget", quantity=D(12), reference="PO-1", **MGR))
    w.bus.handle(c.AdjustStock(product="WIDGET", quantity=D(-2), reason="broken", **MGR))
    assert w.level() == (D(10), D(0))
    moves = w.store.state.stock.movements
    assert [(m.kind, m.quantity, m.on_hand_after, m.reference, m.reason) for m in moves] == [
        (MovementKind.RECEIVED, D(12), D(12), "PO-1", ""),
        (MovementKind.ADJUSTED, D(-2), D(10), "", "broken"),
    ]
    assert {(m.actor, m.actor_name, m.actor_door) for m in moves} == {("U1", "Ann", "slack")}


def test_adjust_is_for_managers_needs_a_reason_and_never_goes_negative() -> None:
    w = World()
    w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(3)))
    with pytest.raises(Forbidden):
        w.bus.handle(c.AdjustStock(product="WIDGET", quantity=D(-1), reason="x"))
    with pytest.raises(ValidationFailed) as no_reason:
        w.bus.handle(c.AdjustStock(product="WIDGET", quantity=D(-1), reason=" ", **MGR))
    assert no_reason.value.code == "stock.no_reason"
    with pytest.raises(ValidationFailed) as negative:
        w.bus.handle(c.AdjustStock(product="WIDGET", quantity=D(-5), reason="lost", **MGR))
    assert negative.value.message == (
        "quantity: WIDGET has 3 on hand in MAIN; taking 5 would leave -2 (negative stock "
        "is not allowed)"
    )
    assert w.level() == (D(3), D(0))
    assert len(w.store.state.stock.movements) == 1


def test_confirming_reserves_oldest_first_and_receiving_fills_backorders() -> None:
    w = World()
    w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(8)))
    first = w.order(("WIDGET", 5), ("BOOK", 1))
    second = w.order(("WIDGET", 5))
    assert w.held(first) == [(1, D(5), D(5))]  # BOOK is not tracked: nothing held
    assert w.held(second) == [(1, D(5), D(3))]
    assert w.level() == (D(8), D(8))
    show = w.bus.handle(c.ShowOrder(code=second))
    assert [(a.state, a.reserved) for a in show.availability] == [(Availability.PARTLY, D(3))]
    w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(4)))
    assert w.held(second) == [(1, D(5), D(5))]
    assert w.level() == (D(12), D(10))


def test_a_draft_reserves_nothing_and_cancelling_releases_to_the_next_waiting() -> None:
    w = World()
    w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(5)))
    draft = w.order(("WIDGET", 5), confirm=False)
    assert w.held(draft) == []
    assert w.level() == (D(5), D(0))
    first = w.order(("WIDGET", 5))
    waiting = w.order(("WIDGET", 2))
    assert w.held(waiting) == [(1, D(2), D(0))]
    w.bus.handle(c.CancelOrder(code=first))
    assert w.held(first) == []
    assert w.held(waiting) == [(1, D(2), D(2))]
    assert w.level() == (D(5), D(2))


def test_removing_or_reducing_a_line_and_merging_release_what_is_no_longer_wanted() -> None:
    w = World()
    w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(20)))
    w.bus.handle(c.ReceiveStock(product="BOOK", quantity=D(20)))
    one = w.order(("WIDGET", 6), ("BOOK", 4))
    w.bus.handle(c.RemoveLine(code=one, product="BOOK"))
    assert w.held(one) == [(1, D(6), D(6))]
    assert w.level("BOOK") == (D(20), D(0))
    w.bus.handle(c.ChangeLine(code=one, line="WIDGET", quantity=D(2)))
    assert w.held(one) == [(1, D(2), D(2))]
    assert w.level() == (D(20), D(2))
    two = w.order(("WIDGET", 3))
    w.bus.handle(c.MergeOrders(first=one, second=two))
    assert w.held(two) == []
    assert sum(r for _n, _w, r in w.held(one)) == D(5)
    assert w.level() == (D(20), D(5))


def test_shipping_consumes_the_reservation_and_logs_the_order() -> None:
    w = World()
    w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(10)))
    code = w.order(("WIDGET", 4))
    w.bus.handle(c.ShipOrder(code=code))
    assert w.level() == (D(6), D(0))
    assert w.held(code) == []
    assert w.log()[-1] == (MovementKind.SHIPPED, D(-4), code, D(6), "")


def test_shipping_more_than_held_or_on_hand_is_refused_naming_what_is_missing() -> None:
    w = World()
    w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(3)))
    code = w.order(("WIDGET", 5))
    with pytest.raises(ValidationFailed) as short:
        w.bus.handle(c.ShipOrder(code=code))
    assert short.value.code == "stock.short"
    assert short.value.message == (
        f"quantity: 2 x WIDGET missing to ship 5 from MAIN (3 reserved for {code}, 0 free on hand)"
    )
    assert w.level() == (D(3), D(3))
    assert len(w.log()) == 1
    assert str(w.store.order(code).shipments[0].status) == "pending"


def test_a_company_may_allow_negative_stock() -> None:
    w = World(Policy(stock=StockPolicy(negative_allowed=True)))
    w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(3)))
    code = w.order(("WIDGET", 5))
    w.bus.handle(c.ShipOrder(code=code))
    assert w.level() == (D(-2), D(0))


def test_expected_date_comes_from_supply_after_older_backorders() -> None:
    w = World()
    w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(8)))
    w.bus.handle(c.AddIncoming(product="WIDGET", quantity=D(2), expected=date(2030, 12, 12)))
    w.bus.handle(c.AddIncoming(product="WIDGET", quantity=D(5), expected=date(2031, 1, 5)))
    first = w.order(("WIDGET", 10))
    second = w.order(("WIDGET", 3))
    a = w.bus.handle(c.ShowOrder(code=first)).availability[0]
    assert (a.state, a.reserved, a.missing, a.expected) == (
        Availability.PARTLY,
        D(8),
        D(2),
        date(2030, 12, 12),
    )
    b = w.bus.handle(c.ShowOrder(code=second)).availability[0]
    assert (b.state, b.expected) == (Availability.BACKORDER, date(2031, 1, 5))


def test_receiving_against_a_purchase_order_counts_it_off_the_supply() -> None:
    w = World()
    w.bus.handle(
        c.AddIncoming(product="WIDGET", quantity=D(5), expected=date(2030, 1, 2), reference="PO-9")
    )
    w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(3), reference="po-9"))
    assert [i.quantity for i in w.store.state.stock.incoming.values()] == [D(2)]


def test_an_unknown_warehouse_is_refused_and_a_new_one_can_be_made() -> None:
    w = World()
    with pytest.raises(ValidationFailed) as unknown:
        w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(1), warehouse="LYON"))
    assert unknown.value.message == "warehouse: no warehouse LYON (known: MAIN)"
    w.bus.handle(c.CreateWarehouse(code="lyon", name="Lyon", manager=True))
    w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(1), warehouse="LYON"))
    assert w.store.state.stock.levels[("WIDGET", "LYON")].on_hand == D(1)


def test_a_return_marked_received_puts_its_goods_back() -> None:
    w = World()
    w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(10)))
    code = w.order(("WIDGET", 4))
    w.bus.handle(c.ShipOrder(code=code))
    ret = w.bus.handle(c.CreateReturn(code=code, product="WIDGET", quantity=D(3)))
    assert w.level() == (D(6), D(0))  # requested: the goods are not back yet
    w.bus.handle(c.ReceiveReturn(code=ret.return_order.code))
    assert w.level() == (D(9), D(0))
    assert w.log()[-1] == (MovementKind.RETURNED, D(3), code, D(9), "")
    assert w.store.state.stock.movements[-1].reference == ret.return_order.code


def test_split_backorders_moves_what_stock_lacks_to_a_shipment_planned_for_supply() -> None:
    w = World()
    w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(8)))
    w.bus.handle(c.ReceiveStock(product="BOOK", quantity=D(0.5)))
    w.bus.handle(c.AddIncoming(product="WIDGET", quantity=D(5), expected=date(2030, 12, 12)))
    w.bus.handle(c.AddIncoming(product="BOOK", quantity=D(9), expected=date(2030, 12, 1)))
    code = w.order(("WIDGET", 10), ("BOOK", 3))
    view = w.bus.handle(c.SplitBackorders(code=code))
    assert str(view.note) == f"Moved 2 x WIDGET, 2.5 x BOOK to shipment 2 of {code}."
    order = w.store.order(code)
    assert [(s.number, s.planned_date, [(sl.line_no, sl.quantity) for sl in s.lines])
            for s in order.shipments] == [
        (1, None, [(1, D(8)), (2, D("0.5"))]),
        (2, date(2030, 12, 12), [(1, D(2)), (2, D("2.5"))]),
    ]  # fmt: skip
    w.bus.handle(c.ShipOrder(code=code, shipment=1))  # what was on hand leaves
    assert w.level() == (D(0), D(0))
    with pytest.raises(ValidationFailed) as waits:
        w.bus.handle(c.SplitBackorders(code=w.order(("BOOK", 1))))
    assert waits.value.code == "stock.all_backordered"
    w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(3)))  # 2 go to the first
    with pytest.raises(ValidationFailed) as available:
        w.bus.handle(c.SplitBackorders(code=w.order(("WIDGET", 1))))
    assert available.value.code == "stock.nothing_to_split"


def test_a_merge_keeps_what_the_absorbed_order_held_and_its_place() -> None:
    w = World()
    w.bus.handle(c.ReceiveStock(product="WIDGET", quantity=D(6)))
    one = w.order(("WIDGET", 3))
    two = w.order(("WIDGET", 3))
    waiting = w.order(("WIDGET", 2))
    w.bus.handle(c.MergeOrders(first=two, second=one))
    assert w.held(two) == []
    assert w.held(one) == [(1, D(3), D(3)), (2, D(3), D(3))]
    assert w.held(waiting) == [(1, D(2), D(0))]
    assert w.level() == (D(6), D(6))
