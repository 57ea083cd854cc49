"""Tracking links: derived tokens, only hashes stored, renewal, revocation, view as customer."""

from __future__ import annotations

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest

from domain import commands as c
from domain.errors import DomainError
from domain.orders.tracking import TrackingLinks, current_link, looks_like_token, token_hash
from domain.services.context import Adapters, Policy
from domain.services.messagebus import MessageBus
from domain.services.tracking import RevokedView, TrackingLinkView
from tests.unit.fakes import FakeClock, FakeStore

D = Decimal
SECRET = b"s" * 32


def counting_random() -> TrackingLinks:
    """Links whose salts are 00..01, 00..02, ... (deterministic)."""
    counter = itertools.count(1)
    return TrackingLinks(
        SECRET, lambda n: next(counter).to_bytes(n, "big"), "https://shop.test/", days=30
    )


def test_a_token_is_derived_from_salt_and_secret_and_only_its_hash_is_kept() -> None:
    links = counting_random()
    clock = FakeClock()
    token = links.mint("SO-00001", clock())
    assert token.salt == "00000000000000000000000000000001"
    raw = links.token_for(token.salt)
    assert looks_like_token(raw)
    assert token.token_hash == token_hash(raw)
    assert raw not in (token.salt, token.token_hash)
    assert links.url_for(token.salt) == f"https://shop.test/t/{raw}"
    assert token.expires_at == clock() + timedelta(days=30)
    other_secret = TrackingLinks(b"t" * 32, lambda n: b"\x01" * n, "https://shop.test")
    assert other_secret.token_for(token.salt) != raw


def test_random_source_must_give_128_bits() -> None:
    links = TrackingLinks(SECRET, lambda n: b"\x00" * (n - 1), "https://shop.test")
    with pytest.raises(ValueError, match="15 bytes, not 16"):
        links.mint("SO-00001", FakeClock()())
    with pytest.raises(ValueError, match="at least 16 bytes"):
        TrackingLinks(b"short", lambda n: b"", "x")


def test_current_link_renews_the_valid_one_and_mints_after_revocation_or_expiry() -> None:
    links, clock = counting_random(), FakeClock()
    first, new = current_link([], links, "SO-1", clock())
    assert new
    clock.advance(days=10)
    again, new = current_link([first], links, "SO-1", clock())
    assert (again, new) == (first, False)
    assert first.expires_at == clock() + timedelta(days=30)
    first.revoke(clock())
    assert not first.is_valid(clock())
    second, new = current_link([first], links, "SO-1", clock())
    assert new
    assert second.salt != first.salt
    clock.advance(days=31)
    assert not second.is_valid(clock())


def make_bus(links: TrackingLinks | None) -> tuple[FakeStore, FakeClock, MessageBus]:
    store, clock = FakeStore(), FakeClock()
    bus = MessageBus(store.uow_factory, clock, Policy(), adapters=Adapters(tracking_links=links))
    bus.handle(c.CreateTax(code="VAT20", rate=D(20), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=D("10"), tax="VAT20"))
    bus.handle(c.CreateProduct(code="GADGET", name="Gadget", price=D("4"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.test"))
    lines = (
        c.LineInput(product="WIDGET", quantity=D(3)),
        c.LineInput(product="GADGET", quantity=D(2)),
    )
    bus.handle(c.CreateOrder(customer="ACME", lines=lines, confirm=True))
    return store, clock, bus


def test_the_mail_and_view_as_customer_carry_the_same_link() -> None:
    links = counting_random()
    store, _clock, bus = make_bus(links)
    bus.handle(c.NotifyOrder(code="SO-00001"))
    (row,) = store.outbox
    salt = row.payload["tracking"]["salt"]
    view: TrackingLinkView = bus.handle(c.ViewAsCustomer(code="so-00001"))
    assert view.url == links.url_for(salt)
    assert [t.token_hash for t in store.state.tracking] == [token_hash(links.token_for(salt))]
    from bot.views.text import render

    assert render(view).splitlines()[1] == view.url


def test_revoking_invalidates_and_the_next_mail_gets_a_new_link() -> None:
    links = counting_random()
    store, _clock, bus = make_bus(links)
    first = bus.handle(c.ViewAsCustomer(code="SO-00001")).url
    revoked: RevokedView = bus.handle(c.RevokeTracking(code="SO-00001"))
    assert revoked.revoked == 1
    assert bus.handle(c.RevokeTracking(code="SO-00001")).revoked == 0
    bus.handle(c.NotifyOrder(code="SO-00001"))
    salt = store.outbox[0].payload["tracking"]["salt"]
    assert links.url_for(salt) != first
    assert len(store.state.tracking) == 2


def test_the_status_payload_has_what_the_mail_shows() -> None:
    store, _clock, bus = make_bus(counting_random())
    bus.handle(c.SplitShipment(code="SO-00001", product="WIDGET", quantity=D(1)))
    bus.handle(c.ShipOrder(code="SO-00001", shipment=1, carrier="DHL", tracking="1Z999"))
    bus.handle(c.NotifyOrder(code="SO-00001"))
    payload = store.outbox[0].payload
    order = payload["order"]
    assert [
        (s["number"], s["status"], s["carrier"], s["tracking_number"]) for s in order["shipments"]
    ] == [
        (1, "shipped", "DHL", "1Z999"),
        (2, "pending", "", ""),
    ]
    assert order["shipments"][0]["products"] == [
        {"product": "WIDGET", "description": "Widget", "quantity": "2"},
        {"product": "GADGET", "description": "Gadget", "quantity": "2"},
    ]
    assert order["totals"]["gross"] == "45.60"
    assert [ch["status"] for ch in payload["changes"]] == ["confirmed", "shipped"]


def test_without_the_port_mails_carry_no_link_and_view_as_customer_refuses() -> None:
    store, _clock, bus = make_bus(None)
    bus.handle(c.NotifyOrder(code="SO-00001"))
    assert store.outbox[0].payload["tracking"] is None
    with pytest.raises(DomainError) as caught:
        bus.handle(c.ViewAsCustomer(code="SO-00001"))
    assert caught.value.code == "tracking.not_configured"
    assert store.state.tracking == []


def test_catalog_goes_to_the_default_contact() -> None:
    store, _clock, bus = make_bus(None)
    bus.handle(c.AddContact(customer="ACME", name="Eve", email="eve@acme.test", default=True))
    view = bus.handle(c.SendCatalog(customer="acme"))
    assert str(view) == (
        "Catalogue default (source code DEFAULT) of 2 product(s) queued for eve@acme.test (ACME)."
    )
    row = store.outbox[-1]
    assert (row.kind, row.recipient) == ("catalog", "eve@acme.test")
    assert [(p["code"], p["unit_price"], p["tax_rate"]) for p in row.payload["products"]] == [
        ("GADGET", "4.00", "20"),
        ("WIDGET", "10.00", "20"),
    ]


def test_console_forms_track_revoke_catalog_and_dead_messages() -> None:
    from bot.console import Console

    links = counting_random()
    store, clock, bus = make_bus(links)
    console = Console(bus.handle, lambda: clock().date())
    answer = console.answer("order track SO-00001")
    url = links.url_for(store.state.tracking[0].salt)
    assert answer == f"Tracking page of SO-00001:\n{url}\n  valid until 2026-04-01 09:00 UTC"
    assert console.answer("/order track SO-00001 revoke") == (
        "Revoked 1 tracking link of SO-00001; the next mail or /order track gives a new one."
    )
    assert console.answer("order track") == (
        "Not understood: some words are missing.\nUse: /order track CODE [revoke]"
    )
    assert console.answer("catalog send ACME") == (
        "Catalogue default (source code DEFAULT) of 2 products queued for buyer@acme.test (ACME)."
    )
    assert console.answer("catalog send NOBODY").startswith("Refused:")
    assert console.answer("outbox dead") == "Dead messages: none."
    assert console.answer("outbox dead many") == (
        "Not understood: number of messages 'many' is not a whole number.\n"
        "Use: /outbox dead [COUNT]"
    )


def test_the_tracking_link_and_its_revoking_are_said_in_the_readers_language() -> None:
    from bot.views.text import render
    from l10n.translation import speaking

    def said(result: object, lang: str) -> str:
        with speaking(lang):
            return render(result)

    links = counting_random()
    _store, _clock, bus = make_bus(links)
    view = bus.handle(c.ViewAsCustomer(code="SO-00001"))
    french = said(view, "fr")
    assert french.startswith("Page de suivi de SO-00001 :\n"), french
    assert french.endswith("valable jusqu'au 2026-04-01 09:00 UTC"), french
    assert said(view, "da").startswith("Sporingsside for SO-00001:\n")
    revoked = bus.handle(c.RevokeTracking(code="SO-00001"))
    assert said(revoked, "fr").startswith("1 lien de suivi de SO-00001 révoqué")
    none = bus.handle(c.RevokeTracking(code="SO-00001"))
    assert said(none, "da").startswith("SO-00001 havde intet gyldigt sporingslink")


def test_a_dead_message_is_listed_in_the_readers_language() -> None:
    from datetime import UTC, datetime

    from bot.views.text import render
    from domain.services.tracking import DeadMessage
    from domain.services.views import Listing
    from l10n.translation import speaking

    at = datetime(2026, 4, 1, 9, tzinfo=UTC)
    dead = DeadMessage(7, "email", "order_status", "b@acme.test", "SO-00001", 2, "550 no", at)
    listing = Listing("dead messages", (dead,), "Dead messages")
    assert render(listing).splitlines()[1] == (
        "  #7 order_status SO-00001 to b@acme.test after 2 attempts: 550 no"
    )
    with speaking("fr"):
        french = render(listing).splitlines()[1]
    assert french == "  n° 7 order_status SO-00001 à b@acme.test après 2 tentatives : 550 no"
