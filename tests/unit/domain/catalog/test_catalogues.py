"""Catalogues and product edits through the bus on the in-memory store: a catalogue's
products, the default one holding every active product, sending refused before the
valid-from day and kept on the customer; `/product set` naming the subscriptions it
stops, refusing without changing anything, and writing the product's history."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from domain import commands as c
from domain.catalog.catalogues import Catalogue
from domain.catalog.products import Product
from domain.errors import DomainError, NotFound, ValidationFailed
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from tests.unit.fakes import FakeClock, FakeStore

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)


def make_bus() -> tuple[FakeStore, MessageBus]:
    store = FakeStore()
    bus = MessageBus(store.uow_factory, FakeClock(NOW), Policy())
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    for code, every in (("W", "monthly"), ("G", "all"), ("OLD", "")):
        bus.handle(c.CreateProduct(code=code, name=code, price=Decimal(2), frequencies=every))
    bus.handle(c.SetProduct(code="OLD", active=False))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.test"))
    return store, bus


def test_a_catalogue_holds_its_active_listed_products_by_code() -> None:
    products = [Product.create(code, code, Decimal(1), None) for code in ("W", "G", "OLD")]
    products[2].active = False
    spring = Catalogue.create("spring", date(2026, 3, 1), NOW)
    assert spring.source_code == "SPRING"
    assert spring.add(products) == ["W", "G", "OLD"]
    assert spring.add(products[:1]) == []
    assert [p.code for p in spring.products(products)] == ["G", "W"]
    assert spring.remove(["w"]) == ["W"]
    with pytest.raises(NotFound):
        spring.remove(["W", "G"])
    assert spring.codes() == ["G", "OLD"]  # nothing taken out by the refused remove
    with pytest.raises(ValidationFailed) as caught:
        Catalogue.create("two words", date(2026, 3, 1), NOW)
    assert caught.value.code == "catalogue.name_invalid"


def test_the_default_catalogue_holds_every_active_product_and_takes_no_list() -> None:
    _store, bus = make_bus()
    shown = bus.handle(c.ShowCatalogue())
    assert [p.code for p in shown.products] == ["G", "W"]
    with pytest.raises(ValidationFailed) as caught:
        bus.handle(c.ChangeCatalogueProducts(name="default", products=("W",)))
    assert caught.value.code == "catalogue.every_product"


def test_a_send_is_refused_before_the_valid_from_day_and_kept_on_the_customer() -> None:
    store, bus = make_bus()
    bus.handle(c.CreateCatalogue(name="autumn", valid_from=date(2026, 9, 1), products=("W",)))
    with pytest.raises(ValidationFailed) as caught:
        bus.handle(c.SendCatalog(customer="ACME", catalogue="autumn"))
    assert caught.value.code == "catalogue.not_valid_yet"
    assert store.outbox == []
    bus.handle(c.CreateCatalogue(name="empty", products=("OLD",)))
    with pytest.raises(ValidationFailed) as empty:
        bus.handle(c.SendCatalog(customer="ACME", catalogue="empty"))
    assert empty.value.code == "catalog.empty"
    sent = bus.handle(c.SendCatalog(customer="acme", actor="U0REP")).sent
    assert (sent.customer_code, sent.catalogue_name, sent.products) == ("ACME", "default", 2)
    assert store.outbox[-1].payload["source_code"] == "DEFAULT"
    desk = bus.handle(c.ShowCustomer(code="ACME"))
    assert [(s.catalogue_name, s.actor, s.sent_at) for s in desk.catalogues_sent] == [
        ("default", "U0REP", NOW)
    ]


def test_product_set_names_the_subscriptions_it_stops() -> None:
    _store, bus = make_bus()
    for frequency, code in (("monthly", "W"), ("yearly", "G"), ("monthly", "G")):
        bus.handle(
            c.CreateSubscription(
                customer="ACME",
                lines=((code, Decimal(1)),),
                frequency=frequency,
                start_date=date(2026, 4, 1),
            )
        )
    view = bus.handle(c.SetProduct(code="G", frequencies="yearly", actor="U0REP"))
    assert [(x.field, x.old, x.new) for x in view.changes] == [
        ("frequencies", "monthly,quarterly,yearly", "yearly")
    ]
    assert len(view.stopped) == 1
    assert str(view.stopped[0]).startswith(
        "Subscription 3 of ACME (monthly): product G no longer allows monthly (it allows yearly)"
    )
    assert [(h.actor, h.kind) for h in view.history] == [("U0REP", "changed"), ("", "created")]
    assert bus.handle(c.SetProduct(code="G", frequencies="yearly")).stopped == ()  # no change
    ended = bus.handle(c.EndSubscription(subscription_id=1)).subscription
    assert ended.status == "ended"
    assert bus.handle(c.SetProduct(code="W", active=False)).stopped == ()  # ended: not told


def test_a_refused_product_set_changes_nothing() -> None:
    _store, bus = make_bus()
    for cmd, code in (
        (c.SetProduct(code="W", tax="GST"), "product.tax_unknown"),
        (c.SetProduct(code="W", frequencies="weekly"), "product.frequency_invalid"),
        (c.SetProduct(code="W"), "product.set_empty"),
    ):
        with pytest.raises(DomainError) as caught:
            bus.handle(cmd)
        assert caught.value.code == code
    product = bus.handle(c.ShowProduct(code="W"))
    assert (product.product.tax_code, product.product.frequencies) == (None, "monthly")
    assert [h.kind for h in product.history] == ["created"]
