"""Editing a customer through the bus on the fakes: details, addresses, contacts, each
through the identity rule, each change on the customer's history with who asked."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain import commands as c
from domain.errors import NotFound, ValidationFailed
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from domain.services.views import CustomerView
from tests.unit.fakes import FakeClock, FakeStore

REP = "U0REP"


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def bus(store: FakeStore) -> MessageBus:
    bus = MessageBus(store.uow_factory, FakeClock(), Policy())
    bus.handle(
        c.CreateCustomer(
            code="ACME", name="Acme SA", email="buyer@acme.test", language="en", actor=REP
        )
    )
    bus.handle(c.AddAddress(customer="ACME", code="HQ", city="Paris", country="FR", actor=REP))
    bus.handle(c.AddAddress(customer="ACME", code="DEPOT", city="Lyon", country="FR", actor=REP))
    bus.handle(c.CreateCustomer(code="BETA", name="Beta", email="zoe@beta.test", actor=REP))
    return bus


def history(store: FakeStore, code: str = "ACME") -> list[tuple[str, str]]:
    """(actor, text) of a customer's history, oldest first."""
    return [(h.actor, h.text) for h in store.state.customer_history if h.customer_code == code]


def acme(bus: MessageBus) -> CustomerView:
    view: CustomerView = bus.handle(c.ShowCustomer(code="ACME"))
    return view


def test_details_change_through_the_identity_rule_and_go_on_the_history(
    bus: MessageBus, store: FakeStore
) -> None:
    view = bus.handle(
        c.SetCustomer(
            code="acme", name=" Acme Group ", vat_number="fr 40 303 265 045", language="FR",
            actor="U0ANN",
        )
    )  # fmt: skip
    cu = view.customer
    assert (cu.name, cu.vat_number, cu.language) == ("Acme Group", "FR40303265045", "fr")
    assert str(view.note) == (
        "Customer ACME: name Acme SA -> Acme Group; VAT number - -> FR40303265045; "
        "language en -> fr."
    )
    assert history(store)[-1] == ("U0ANN", str(view.note).removeprefix("Customer ACME: ")[:-1])
    assert [h.text for h in view.history][:1] == [history(store)[-1][1]]
    again = bus.handle(c.SetCustomer(code="ACME", name="Acme Group"))
    assert str(again.note) == "Customer ACME: nothing changed."
    cleared = bus.handle(c.SetCustomer(code="ACME", vat_number=""))
    assert cleared.customer.vat_number == ""


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"vat_number": "FR12345678901"}, "vat_number: 'FR12345678901' is not a valid EU VAT"),
        ({"language": "de"}, "language: 'de' is not a language orderbot writes in; use en, fr, da"),
        ({"name": "  "}, "name: a customer needs a name"),
        ({}, "name: say what to change: name:, vat: or lang:"),
    ],
)
def test_a_refused_detail_changes_nothing(
    bus: MessageBus, store: FakeStore, fields: dict[str, str], message: str
) -> None:
    before = len(store.state.customer_history)
    with pytest.raises(ValidationFailed) as refused:
        bus.handle(c.SetCustomer(code="ACME", name=fields.get("name"), **{
            k: v for k, v in fields.items() if k != "name"
        }))  # fmt: skip
    assert refused.value.message.startswith(message)
    cu = acme(bus).customer
    assert (cu.name, cu.vat_number, cu.language) == ("Acme SA", "", "en")
    assert len(store.state.customer_history) == before


def test_a_new_customer_is_refused_an_unknown_language(bus: MessageBus) -> None:
    with pytest.raises(ValidationFailed, match="language: 'xx' is not a language"):
        bus.handle(c.CreateCustomer(code="NEW", name="New", language="xx"))
    assert bus.handle(c.CreateCustomer(code="DK", name="Dansk", language="da")).customer.language


def test_address_fields_change_through_the_identity_rule(bus: MessageBus, store: FakeStore) -> None:
    view = bus.handle(
        c.SetAddress(
            customer="ACME", code="hq", street=" 1 quai Nord ", postal_code="01000",
            country="Allemagne", state="", actor=REP,
        )
    )  # fmt: skip
    hq = view.customer.address("HQ")
    assert (hq.street, hq.postal_code, hq.country, hq.city) == (
        "1 quai Nord",
        "01000",
        "DE",
        "Paris",
    )
    assert (
        str(view.note)
        == "Address HQ: street - -> 1 quai Nord; postal code - -> 01000; country FR -> DE."
    )
    assert history(store)[-1] == (REP, "address HQ: " + str(view.note)[len("Address HQ: ") : -1])
    with pytest.raises(ValidationFailed, match="country: 'Mordor' is not a country"):
        bus.handle(c.SetAddress(customer="ACME", code="HQ", country="Mordor", city="Rome"))
    assert acme(bus).customer.address("HQ").city == "Paris"  # nothing of a refused edit
    with pytest.raises(ValidationFailed, match="street: 301 characters is too long"):
        bus.handle(c.SetAddress(customer="ACME", code="HQ", street="x" * 301))
    with pytest.raises(NotFound, match="address NOPE for customer ACME \\(known: HQ, DEPOT\\)"):
        bus.handle(c.SetAddress(customer="ACME", code="NOPE", city="Nice"))


def test_the_default_address_moves_and_is_said(bus: MessageBus, store: FakeStore) -> None:
    view = bus.handle(c.SetDefaultAddress(customer="ACME", code="depot", actor=REP))
    assert str(view.note) == "Address DEPOT is now the default."
    assert [a.code for a in view.customer.addresses if a.is_default] == ["DEPOT"]
    assert str(bus.handle(c.SetDefaultAddress(customer="ACME", code="DEPOT")).note) == (
        "Address DEPOT is already the default."
    )
    view = bus.handle(c.RemoveAddress(customer="ACME", code="DEPOT", actor=REP))
    assert str(view.note) == "Address DEPOT removed. HQ is now the default address."
    assert [(a.code, a.is_default) for a in view.customer.addresses] == [("HQ", True)]
    view = bus.handle(c.RemoveAddress(customer="ACME", code="HQ"))
    assert str(view.note) == "Address HQ removed. ACME has no address left."
    assert history(store)[-3:] == [
        (REP, "address DEPOT is now the default"),
        (REP, "address DEPOT removed; HQ is now the default"),
        ("", "address HQ removed"),
    ]


def test_an_address_of_open_orders_is_not_removed(bus: MessageBus, store: FakeStore) -> None:
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(c.CreateProduct(code="W", name="W", price=Decimal(1), tax="VAT20"))
    line = (c.LineInput(product="W", quantity=Decimal(1)),)
    for bill_to in ("HQ", "hq", "DEPOT"):
        bus.handle(c.CreateOrder(customer="ACME", lines=line, ship_to="DEPOT", bill_to=bill_to))
    bus.handle(c.ConfirmOrder(code="SO-00002"))
    bus.handle(c.CancelOrder(code="SO-00003"))
    with pytest.raises(ValidationFailed) as refused:
        bus.handle(c.RemoveAddress(customer="ACME", code="hq"))
    assert refused.value.message == (
        "address: HQ is the address of open orders SO-00001, SO-00002; give them another "
        "address (/order set CODE ship-to: bill-to:) or close them first"
    )
    assert [a.code for a in acme(bus).customer.addresses] == ["HQ", "DEPOT"]
    bus.handle(c.CloseOrder(code="SO-00002"))
    bus.handle(c.CancelOrder(code="SO-00001"))
    assert str(bus.handle(c.RemoveAddress(customer="ACME", code="HQ")).note).startswith(
        "Address HQ removed. DEPOT is now the default address."
    )


def test_contact_changes_through_the_identity_rule(bus: MessageBus, store: FakeStore) -> None:
    bus.handle(c.AddContact(customer="ACME", name="Ann", email="ann@acme.test"))
    view = bus.handle(
        c.SetContact(
            customer="ACME", name="ann", new_name="Ann Lee", email="Ann.Lee@ACME.test",
            phone="01 42 68 53 00", default=True, actor=REP,
        )
    )  # fmt: skip
    ann = view.customer.contact("Ann Lee")
    assert (ann.email, ann.email_key, ann.phone, ann.is_default) == (
        "Ann.Lee@acme.test", "ann.lee@acme.test", "+33 1 42 68 53 00", True,
    )  # fmt: skip
    assert [ct.name for ct in view.customer.contacts if ct.is_default] == ["Ann Lee"]
    said = (
        "contact Ann: name Ann -> Ann Lee; email ann@acme.test -> Ann.Lee@acme.test; "
        "phone - -> +33 1 42 68 53 00; now the default contact"
    )
    assert history(store)[-1] == (REP, said)
    cleared = bus.handle(c.SetContact(customer="ACME", name="Ann Lee", phone=""))
    assert cleared.customer.contact("ann lee").phone == ""


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("zoe@BETA.test", "email: zoe@beta.test is already the contact of customer BETA"),
        ("Buyer@acme.test", "email: customer ACME already has a contact with Buyer@acme.test"),
        ("ann@localhost", "email: 'ann@localhost' is not a valid email address"),
    ],
)
def test_a_contact_is_refused_an_address_taken_or_wrong(
    bus: MessageBus, email: str, message: str
) -> None:
    bus.handle(c.AddContact(customer="ACME", name="Ann", email="ann@acme.test"))
    with pytest.raises(ValidationFailed) as refused:
        bus.handle(c.SetContact(customer="ACME", name="Ann", email=email))
    assert refused.value.message.startswith(message)
    assert acme(bus).customer.contact("Ann").email == "ann@acme.test"


def test_a_contact_keeps_its_own_address_and_a_phone_needs_a_country(bus: MessageBus) -> None:
    bus.handle(c.AddContact(customer="BETA", name="Zed", phone="+45 32 12 34 56"))
    same = bus.handle(c.SetContact(customer="BETA", name="Beta", email="ZOE@beta.test"))
    assert same.customer.contact("Beta").email == "ZOE@beta.test"
    with pytest.raises(ValidationFailed, match="phone: '32 12 34 57' is not a valid phone number"):
        bus.handle(c.SetContact(customer="BETA", name="Zed", phone="32 12 34 57"))
    with pytest.raises(ValidationFailed, match="contact: say what to change"):
        bus.handle(c.SetContact(customer="BETA", name="Zed"))


def test_removing_the_default_contact_says_which_is_default_now(
    bus: MessageBus, store: FakeStore
) -> None:
    bus.handle(c.AddContact(customer="ACME", name="Ann", email="ann@acme.test"))
    view = bus.handle(c.RemoveContact(customer="ACME", name="acme sa", actor=REP))
    assert str(view.note) == "Contact Acme SA removed. Ann is now the default contact."
    view = bus.handle(c.RemoveContact(customer="ACME", name="Ann", actor=REP))
    assert str(view.note) == "Contact Ann removed. ACME has no contact left."
    assert history(store)[-2:] == [
        (REP, "contact Acme SA removed; Ann is now the default"),
        (REP, "contact Ann removed"),
    ]
    with pytest.raises(NotFound, match="contact Ann of customer ACME \\(known: none yet\\)"):
        bus.handle(c.RemoveContact(customer="ACME", name="Ann"))


def test_the_history_names_who_asked_newest_first(bus: MessageBus, store: FakeStore) -> None:
    assert history(store, "BETA") == [(REP, "created"), (REP, "contact Beta added")]
    bus.handle(c.AddCustomerNote(code="BETA", text="Prefers mail", actor="alice"))
    view = bus.handle(c.ShowCustomer(code="beta"))
    assert [(h.actor, h.text) for h in view.history] == [
        ("alice", "note added"),
        (REP, "contact Beta added"),
        (REP, "created"),
    ]
