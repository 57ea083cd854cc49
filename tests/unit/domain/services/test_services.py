"""Services through the message bus, on the in-memory fakes: writes, refusals, notify, retries."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from domain import commands as c
from domain.errors import (
    ConcurrencyConflict,
    Forbidden,
    InvalidTransition,
    NotFound,
    ValidationFailed,
)
from domain.orders.documents import NotificationState
from domain.orders.order import AutoClose, OrderStatus
from domain.outbox.messages import Channel, OutboxStatus
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from domain.services.views import NotifyView, OrderView
from tests.unit.fakes import FakeClock, FakeStore

D = Decimal


@dataclass
class World:
    store: FakeStore
    clock: FakeClock
    bus: MessageBus
    sleeps: list[float] = field(default_factory=list)

    def snapshot(self) -> tuple[object, ...]:
        """What is stored, to show that a refused command wrote nothing."""
        s = self.store.state
        return (
            sorted(s.orders),
            sorted(s.customers),
            sorted(s.products),
            sorted(s.taxes),
            len(s.cases),
            len(s.outbox),
            dict(s.idempotency),
            dict(s.counters),
            [(o.status, o.version, len(o.lines), len(o.notifications)) for o in s.orders.values()],
            [len(cu.contacts) for cu in s.customers.values()],
        )


def make_world(policy: Policy | None = None, retries: int = 8) -> World:
    store, clock, sleeps = FakeStore(), FakeClock(), list[float]()
    bus = MessageBus(
        store.uow_factory, clock, policy or Policy(), retries=retries, sleep=sleeps.append
    )
    world = World(store, clock, bus, sleeps)
    world.bus.handle(c.CreateTax(code="VAT20", rate=D(20), manager=True))
    world.bus.handle(c.CreateTax(code="VAT5.5", rate=D("5.5"), manager=True))
    world.bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=D("2.50"), tax="VAT20"))
    world.bus.handle(c.CreateProduct(code="BOOK", name="Book", price=D("12.00"), tax="vat5.5"))
    world.bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.test"))
    return world


def new_order(world: World, confirm: bool = False, **kwargs: object) -> OrderView:
    cmd = c.CreateOrder(
        customer="acme",
        lines=(
            c.LineInput(product="widget", quantity=D(10)),
            c.LineInput(product="BOOK", quantity=D(2), price=D("11.00")),
        ),
        confirm=confirm,
        **kwargs,  # type: ignore[arg-type]
    )
    view: OrderView = world.bus.handle(cmd)
    return view


@pytest.fixture
def world() -> World:
    return make_world()


# --- creating -------------------------------------------------------------------------


def test_create_customer(world: World) -> None:
    view = world.bus.handle(
        c.CreateCustomer(code="GLOBEX", name="Globex", vat_number="fr 40 303 265 045")
    )
    assert str(view.note) == "Created customer GLOBEX."
    stored = world.store.state.customers["globex"]
    assert (stored.code, stored.name, stored.vat_number, stored.created_at) == (
        "GLOBEX",
        "Globex",
        "FR40303265045",  # as the identity rule keeps it: compact, in capitals
        world.clock.now,
    )
    acme = world.store.state.customers["acme"]
    assert [(ct.name, ct.email, ct.is_default) for ct in acme.contacts] == [
        ("Acme SA", "buyer@acme.test", True)
    ]


def test_a_customer_code_is_taken_whatever_its_case(world: World) -> None:
    before = world.snapshot()
    with pytest.raises(ValidationFailed) as caught:
        world.bus.handle(c.CreateCustomer(code="acme", name="Other"))
    assert caught.value.code == "customer.code_taken"
    assert world.snapshot() == before


def test_create_product_and_tax(world: World) -> None:
    product = world.store.state.products["book"]
    assert (product.code, product.unit_price, product.tax_code) == ("BOOK", D("12.00"), "VAT5.5")
    assert [(t.code, t.rate) for t in world.store.state.taxes.values()] == [
        ("VAT20", D(20)),
        ("VAT5.5", D("5.5")),
    ]


def test_a_product_with_an_unknown_tax_is_refused(world: World) -> None:
    before = world.snapshot()
    with pytest.raises(ValidationFailed) as caught:
        world.bus.handle(c.CreateProduct(code="PEN", name="Pen", price=D(1), tax="VAT7"))
    assert caught.value.code == "product.tax_unknown"
    assert caught.value.message == "tax: no tax VAT7; configured: VAT20, VAT5.5"
    assert world.snapshot() == before


def test_create_tax_is_for_managers_only(world: World) -> None:
    before, opened = world.snapshot(), len(world.store.opened)
    with pytest.raises(Forbidden) as caught:
        world.bus.handle(c.CreateTax(code="VAT10", rate=D(10), actor="rep"))
    assert caught.value.code == "command.managers_only"
    assert world.snapshot() == before
    assert len(world.store.opened) == opened  # not even a unit of work was opened


def test_create_order(world: World) -> None:
    view = new_order(world, reference="PO-7")
    assert str(view.note) == "Created SO-00001."
    stored = world.store.order("SO-00001")
    assert (stored.customer_code, stored.status, stored.reference, stored.created_at) == (
        "ACME",
        OrderStatus.DRAFT,
        "PO-7",
        world.clock.now,
    )
    assert [(ln.product_code, ln.quantity, ln.unit_price, ln.tax_rate) for ln in stored.lines] == [
        ("WIDGET", D(10), D("2.50"), D(20)),
        ("BOOK", D(2), D("11.00"), D("5.5")),
    ]
    # 25.00 at 20% (5.00) + 22.00 at 5.5% (1.21)
    assert (stored.totals.net, stored.totals.tax, stored.totals.gross) == (
        D("47.00"),
        D("6.21"),
        D("53.21"),
    )
    assert [(s.number, len(s.lines)) for s in stored.shipments] == [(1, 2)]
    assert stored.id is not None
    assert new_order(world).order.code == "SO-00002"


def test_a_hand_made_code_is_kept_and_skipped_by_the_numbering(world: World) -> None:
    assert new_order(world, code="so-00002").order.code == "SO-00002"
    assert new_order(world).order.code == "SO-00001"
    assert new_order(world).order.code == "SO-00003"
    before = world.snapshot()
    with pytest.raises(ValidationFailed) as caught:
        new_order(world, code="SO-00003")
    assert caught.value.code == "order.code_taken"
    assert world.snapshot() == before


def test_the_same_command_twice_with_its_key_makes_one_order(world: World) -> None:
    first = new_order(world, idempotency_key="slack:U1:trigger-42")
    commits = world.store.commits
    again = new_order(world, idempotency_key="slack:U1:trigger-42")
    assert (first.order.code, again.order.code) == ("SO-00001", "SO-00001")
    assert sorted(world.store.state.orders) == ["so-00001"]
    assert world.store.state.counters["SO"] == 1
    assert world.store.state.idempotency == {"slack:U1:trigger-42": "order:SO-00001"}
    assert world.store.commits == commits
    assert new_order(world, idempotency_key="slack:U1:trigger-43").order.code == "SO-00002"


@pytest.mark.parametrize(
    ("customer", "product", "code"),
    [("ACME", "NOPE", "product.not_found"), ("NOBODY", "WIDGET", "customer.not_found")],
)
def test_unknown_product_or_customer_writes_nothing(
    world: World, customer: str, product: str, code: str
) -> None:
    before = world.snapshot()
    with pytest.raises(NotFound) as caught:
        world.bus.handle(
            c.CreateOrder(customer=customer, lines=(c.LineInput(product=product, quantity=D(1)),))
        )
    assert caught.value.code == code
    assert world.snapshot() == before
    assert new_order(world).order.code == "SO-00001"  # no number was used up


def test_a_refused_change_to_an_order_writes_nothing(world: World) -> None:
    new_order(world)
    before = world.snapshot()
    with pytest.raises(ValidationFailed):
        world.bus.handle(c.SplitShipment(code="SO-00001", product="WIDGET", quantity=D(11)))
    assert world.snapshot() == before


def test_a_query_opens_a_read_only_unit_of_work_and_commits_nothing(world: World) -> None:
    new_order(world)
    commits = world.store.commits
    view = world.bus.handle(c.ShowOrder(code="so-00001"))
    assert view.order.code == "SO-00001"
    assert world.store.opened[-1].readonly is True
    assert world.store.commits == commits


def test_commit_bumps_the_version_of_a_changed_order(world: World) -> None:
    new_order(world)
    assert world.store.order("SO-00001").version == 1
    world.bus.handle(c.ConfirmOrder(code="SO-00001"))
    assert world.store.order("SO-00001").version == 2


# --- notify -------------------------------------------------------------------------------


def test_notify_sends_the_pending_notifications_then_resends_the_last(world: World) -> None:
    new_order(world, confirm=True)
    assert world.store.outbox == []  # NOTIFY_AUTO is off
    view: NotifyView = world.bus.handle(c.NotifyOrder(code="SO-00001"))
    assert (view.sent, view.resent, view.recipient) == (1, False, "buyer@acme.test")
    assert str(view.note) == "Sent 1 notification to buyer@acme.test."
    (row,) = world.store.outbox
    assert (row.channel, row.kind, row.recipient, row.order_code, row.status) == (
        Channel.EMAIL,
        "order_status",
        "buyer@acme.test",
        "SO-00001",
        OutboxStatus.PENDING,
    )
    assert row.payload["resent"] is False
    assert [(ch["subject"], ch["status"]) for ch in row.payload["changes"]] == [
        ("order", "confirmed")
    ]
    assert [n.state for n in world.store.order("SO-00001").notifications] == [
        NotificationState.SENT
    ]

    world.bus.handle(c.ShipOrder(code="SO-00001", carrier="DHL"))
    world.clock.advance(hours=1)
    world.bus.handle(c.NotifyOrder(code="SO-00001"))
    second = world.store.outbox[1]
    assert [(ch["subject"], ch["status"], ch["shipment"]) for ch in second.payload["changes"]] == [
        ("shipment", "shipped", 1)
    ]

    world.clock.advance(hours=1)
    view = world.bus.handle(c.NotifyOrder(code="SO-00001"))
    assert (view.sent, view.resent) == (1, True)
    assert str(view.note) == "Re-sent 1 notification to buyer@acme.test."
    third = world.store.outbox[2]
    assert third.payload["resent"] is True
    assert third.payload["changes"] == second.payload["changes"]
    assert len(world.store.outbox) == 3
    shipped = world.store.order("SO-00001").notifications[1]
    assert (shipped.status, shipped.send_count) == ("shipped", 2)


def test_a_second_notify_within_the_guard_sends_nothing_and_says_so(world: World) -> None:
    new_order(world, confirm=True)
    world.bus.handle(c.NotifyOrder(code="SO-00001"))
    world.clock.advance(seconds=3)
    view: NotifyView = world.bus.handle(c.NotifyOrder(code="SO-00001"))
    assert (view.sent, view.resent) == (0, False)
    assert str(view.note) == (
        "SO-00001: the customer was told 3 s ago; nothing sent "
        "(a mail can be sent again 30 s after the last one)."
    )
    assert len(world.store.outbox) == 1
    assert world.store.order("SO-00001").notifications[0].send_count == 1
    # A status change in the meantime is news: it goes at once.
    world.bus.handle(c.ShipOrder(code="SO-00001", carrier="DHL"))
    assert world.bus.handle(c.NotifyOrder(code="SO-00001")).sent == 1
    # The guard counts from the last mail; once over, the last one can go again.
    world.clock.advance(seconds=29)
    assert world.bus.handle(c.NotifyOrder(code="SO-00001")).sent == 0
    world.clock.advance(seconds=1)
    assert world.bus.handle(c.NotifyOrder(code="SO-00001")).resent
    assert len(world.store.outbox) == 3


def test_notify_without_an_email_is_a_clear_error_and_sends_nothing(world: World) -> None:
    world.bus.handle(c.CreateCustomer(code="MUTE", name="Mute Ltd"))
    world.bus.handle(
        c.CreateOrder(
            customer="MUTE", lines=(c.LineInput(product="WIDGET", quantity=D(1)),), confirm=True
        )
    )
    before = world.snapshot()
    with pytest.raises(ValidationFailed) as caught:
        world.bus.handle(c.NotifyOrder(code="SO-00001"))
    assert caught.value.code == "notify.no_email"
    assert caught.value.message.startswith("contact: MUTE has no contact with an email address")
    assert world.snapshot() == before
    assert world.store.outbox == []
    assert world.store.order("SO-00001").pending_notifications() != []


def test_notify_with_nothing_to_tell(world: World) -> None:
    new_order(world)
    before = world.snapshot()
    with pytest.raises(ValidationFailed) as caught:
        world.bus.handle(c.NotifyOrder(code="SO-00001"))
    assert caught.value.code == "notify.nothing"
    assert world.snapshot() == before


# --- NOTIFY_AUTO: one outbox row per status-changing command ------------------------------


def auto_world(auto_close: AutoClose = AutoClose.ON_BOTH) -> World:
    world = make_world(Policy(notify_auto=True, auto_close=auto_close))
    new_order(world)  # SO-00001, draft
    new_order(world)  # SO-00002, draft
    return world


def rows_after(world: World, cmd: c.Command) -> int:
    before = len(world.store.outbox)
    world.bus.handle(cmd)
    return len(world.store.outbox) - before


def test_notify_auto_one_row_per_status_changing_command() -> None:
    world = auto_world()
    assert world.store.outbox == []  # creating a draft is no status change
    steps: list[tuple[c.Command, int]] = [
        (c.AddLine(code="SO-00001", line=c.LineInput(product="WIDGET", quantity=D(1))), 0),
        (c.SplitShipment(code="SO-00001", product="WIDGET", quantity=D(3)), 0),
        (c.SetOrderTerms(code="SO-00001", reference="PO-1"), 0),
        (c.ConfirmOrder(code="SO-00001"), 1),
        (c.CreateWorkOrders(code="SO-00001", scope="per-shipment"), 0),
        (c.MarkShipmentReady(code="SO-00001", shipment=1), 1),
        (c.ShipOrder(code="SO-00001", shipment=1), 1),
        (c.DeliverOrder(code="SO-00001", shipment=1), 1),
        (c.InvoiceOrder(code="SO-00001", lines=(("WIDGET", D(1)),)), 0),
        (c.CreateReturn(code="SO-00001", product="WIDGET", quantity=D(1)), 0),
        (c.CloseOrder(code="SO-00001"), 1),
        (c.CancelOrder(code="SO-00002"), 1),  # order and its shipment: still one email
    ]
    got = [(type(cmd).__name__, rows_after(world, cmd)) for cmd, _ in steps]
    assert got == [(type(cmd).__name__, rows) for cmd, rows in steps]
    assert [r.order_code for r in world.store.outbox] == ["SO-00001"] * 5 + ["SO-00002"]
    cancel_row = world.store.outbox[-1]
    assert [(ch["subject"], ch["status"]) for ch in cancel_row.payload["changes"]] == [
        ("order", "cancelled"),
        ("shipment", "cancelled"),
    ]
    notes = world.store.order("SO-00001").notifications
    assert all(n.state == NotificationState.SENT for n in notes)


def test_notify_auto_create_confirmed_and_merge() -> None:
    world = auto_world()
    assert (
        rows_after(
            world,
            c.CreateOrder(
                customer="ACME", lines=(c.LineInput(product="BOOK", quantity=D(1)),), confirm=True
            ),
        )
        == 1
    )
    assert rows_after(world, c.MergeOrders(first="SO-00002", second="SO-00001")) == 1
    assert world.store.outbox[-1].order_code == "SO-00002"
    assert world.store.order("SO-00002").status == OrderStatus.CANCELLED


def test_notify_auto_ship_that_closes_the_order_is_one_row_with_both_changes() -> None:
    world = auto_world(AutoClose.ON_SHIPMENT)
    world.bus.handle(c.ConfirmOrder(code="SO-00001"))
    assert rows_after(world, c.ShipOrder(code="SO-00001")) == 1
    changes = world.store.outbox[-1].payload["changes"]
    assert [(ch["subject"], ch["status"]) for ch in changes] == [
        ("shipment", "shipped"),
        ("order", "closed"),
    ]


def test_notify_auto_skips_customers_without_email() -> None:
    world = make_world(Policy(notify_auto=True))
    world.bus.handle(c.CreateCustomer(code="MUTE", name="Mute Ltd"))
    world.bus.handle(
        c.CreateOrder(
            customer="MUTE", lines=(c.LineInput(product="WIDGET", quantity=D(1)),), confirm=True
        )
    )
    assert world.store.outbox == []
    assert [n.state for n in world.store.order("SO-00001").notifications] == [
        NotificationState.PENDING
    ]


def test_a_refused_status_change_sends_nothing_with_notify_auto() -> None:
    world = auto_world()
    before = world.snapshot()
    with pytest.raises(InvalidTransition) as caught:
        world.bus.handle(c.CloseOrder(code="SO-00001"))
    assert caught.value.code == "order.invalid_transition"
    assert world.snapshot() == before
    assert world.store.outbox == []


# --- lost races -----------------------------------------------------------------------------


def test_a_conflict_on_commit_is_retried(world: World) -> None:
    new_order(world)
    world.store.conflicts_to_raise = 1
    view = world.bus.handle(c.ConfirmOrder(code="SO-00001"))
    assert view.order.status == OrderStatus.CONFIRMED
    assert len(world.sleeps) == 1
    stored = world.store.order("SO-00001")
    assert (stored.status, stored.version) == (OrderStatus.CONFIRMED, 2)
    assert [n.status for n in stored.notifications] == ["confirmed"]  # not twice


def test_a_conflict_that_never_ends_is_raised_after_the_retries() -> None:
    world = make_world(retries=3)
    new_order(world)
    before = world.snapshot()
    world.store.conflicts_to_raise = 4
    with pytest.raises(ConcurrencyConflict) as caught:
        world.bus.handle(c.ConfirmOrder(code="SO-00001"))
    assert caught.value.code == "concurrency.conflict"
    assert len(world.sleeps) == 3
    assert world.snapshot() == before
    assert world.store.conflicts_to_raise == 0


def test_a_retried_creation_uses_one_number(world: World) -> None:
    world.store.conflicts_to_raise = 2
    assert new_order(world).order.code == "SO-00001"
    assert world.store.state.counters["SO"] == 1
    assert len(world.sleeps) == 2


def test_the_fake_detects_a_stale_order_like_the_store() -> None:
    world = make_world()
    new_order(world)
    with world.store.uow_factory(False) as slow:
        slow.orders.get("SO-00001").confirm(world.clock.now)
        world.bus.handle(c.SetOrderTerms(code="SO-00001", reference="PO-9"))
        with pytest.raises(ConcurrencyConflict):
            slow.commit()
    assert world.store.order("SO-00001").status == OrderStatus.DRAFT
    assert world.store.order("SO-00001").reference == "PO-9"
