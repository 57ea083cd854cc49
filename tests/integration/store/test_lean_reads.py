"""Read-only units of work load orders and customers through store.repositories.reads,
without the ORM: the objects must be exactly those the mapping gives, children in the same order."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import bootstrap
from domain import commands as c
from domain.services.views import OrderView


def _rich_order(app: bootstrap.App) -> None:
    """An order with every kind of child: lines, split shipments, invoice, work orders,
    a return, notifications and timeline; its customer with addresses, contacts, notes."""
    bus = app.bus
    bus.handle(c.CreateTax(code="VAT21", rate=Decimal("21"), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=Decimal("12.50"), tax="VAT21"))
    bus.handle(c.CreateProduct(code="GADGET", name="Gadget", price=Decimal("3.10")))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.test"))
    bus.handle(c.AddAddress(customer="ACME", code="HQ", street="1 Main St", city="Gent"))
    bus.handle(c.AddAddress(customer="ACME", code="DEPOT", city="Aalst", default=True))
    bus.handle(c.AddContact(customer="ACME", name="Ann", phone="+32 9 233 01 02"))
    bus.handle(c.AddCustomerNote(code="ACME", text="Prefers mornings"))
    lines = (
        c.LineInput(product="WIDGET", quantity=Decimal(4)),
        c.LineInput(product="GADGET", quantity=Decimal("2.5")),
    )
    bus.handle(c.CreateOrder(customer="ACME", lines=lines, reference="PO-7"))
    bus.handle(c.CreateOrder(customer="ACME", lines=lines[:1]))
    bus.handle(c.ConfirmOrder(code="SO-00001"))
    bus.handle(c.SplitShipment(code="SO-00001", product="WIDGET", quantity=Decimal(1)))
    # work orders are made of goods not yet shipped
    bus.handle(c.CreateWorkOrders(code="SO-00001", scope="per-product"))
    bus.handle(c.FinishWorkOrder(code="WO-00001"))
    bus.handle(c.ShipOrder(code="SO-00001", shipment=1, carrier="DHL", tracking="T1"))
    bus.handle(c.InvoiceOrder(code="SO-00001"))
    bus.handle(c.VoidInvoice(code="INV-00001", reason="wrong address"))
    bus.handle(c.InvoiceOrder(code="SO-00001"))
    bus.handle(c.CreateReturn(code="SO-00001", product="GADGET", quantity=Decimal(1)))
    bus.handle(c.ReceiveReturn(code="RMA-00001"))
    bus.handle(c.RefundReturn(code="RMA-00001"))


def _orm_and_lean(app: bootstrap.App, code: str) -> tuple[OrderView, OrderView]:
    with app.uow(False) as uow:  # a writing unit of work loads through the ORM
        assert not uow.orders.lean
        orm = OrderView(uow.orders.get(code), uow.customers.find("acme"))
    lean = app.bus.handle(c.ShowOrder(code=code.lower()))
    assert isinstance(lean, OrderView)
    return orm, lean


def test_lean_order_and_customer_equal_the_mapped_ones(app: bootstrap.App) -> None:
    _rich_order(app)
    orm, lean = _orm_and_lean(app, "SO-00001")
    order = dataclasses.asdict(lean.order)
    assert order == dataclasses.asdict(orm.order)
    assert [len(order[k]) for k in ("lines", "shipments", "invoices", "work_orders")] == [
        2,
        2,
        2,
        2,
    ]
    assert len(order["returns"]) == 1
    assert [n["code"] for n in order["credit_notes"]] == ["CN-00001", "CN-00002"]
    assert [i["status"] for i in order["invoices"]] == ["void", "open"]
    assert [w["status"] for w in order["work_orders"]] == ["done", "open"]
    assert order["returns"][0]["status"] == "refunded"
    assert order["timeline"]
    assert order["shipments"][0]["lines"]
    assert order["invoices"][0]["lines"]
    assert order["work_orders"][0]["lines"]
    assert lean.customer is not None
    assert orm.customer is not None
    customer = dataclasses.asdict(lean.customer)
    assert customer == dataclasses.asdict(orm.customer)
    assert [a["code"] for a in customer["addresses"]] == ["HQ", "DEPOT"]
    assert [len(customer[k]) for k in ("contacts", "notes")] == [2, 1]
    assert lean.order.totals == orm.order.totals
    assert lean.order.invoicing_state == orm.order.invoicing_state


def test_lean_reads_see_only_their_own_order_and_miss_cleanly(app: bootstrap.App) -> None:
    _rich_order(app)
    orm, lean = _orm_and_lean(app, "SO-00002")
    assert dataclasses.asdict(lean.order) == dataclasses.asdict(orm.order)
    assert [ln.product_code for ln in lean.order.lines] == ["WIDGET"]
    assert lean.order.invoices == []
    assert lean.order.returns == []
    app.bus.handle(c.CreateCustomer(code="BARE", name="No addresses, contacts or notes"))
    with app.uow(False) as uow:
        mapped = dataclasses.asdict(uow.customers.get("BARE"))
    with app.uow(True) as uow:
        assert dataclasses.asdict(uow.customers.get("bare")) == mapped
        assert mapped["addresses"] == []
        assert uow.orders.lean
        assert uow.customers.lean
        assert uow.orders.find("SO-09999") is None
        assert uow.customers.find("nobody") is None
        assert uow.orders.find(" so-00002 ") is not None


def test_a_lean_read_is_not_written_back(app: bootstrap.App) -> None:
    _rich_order(app)
    with app.uow(True) as uow:
        order = uow.orders.get("SO-00002")
        order.reference = "changed while reading"
        uow.commit()
    shown = app.bus.handle(c.ShowOrder(code="SO-00002"))
    assert shown.order.reference == ""
    assert shown.order.version == 1


def test_orders_read_together_equal_the_mapped_ones(app: bootstrap.App) -> None:
    # read together, only the tables holding rows of them are queried: both orders (the
    # rich one has every kind of child), and the bare one alone (no document at all)
    _rich_order(app)
    with app.uow(False) as uow:
        mapped = {
            code: dataclasses.asdict(uow.orders.get(code)) for code in ("SO-00001", "SO-00002")
        }
    with app.uow(True) as uow:
        both = [dataclasses.asdict(o) for o in uow.orders.list("ACME")]
        bare = [dataclasses.asdict(o) for o in uow.orders.list("ACME", "draft")]
    assert both == [mapped["SO-00002"], mapped["SO-00001"]]
    assert bare == [mapped["SO-00002"]]
    assert mapped["SO-00001"]["work_orders"][0]["lines"]
