"""An email address belongs to one customer at most: the upgrade that made it so, on a
database of the schema before it that shares addresses, and the index after it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError

from domain import commands as c
from domain.errors import ValidationFailed
from store.engine import make_engine
from store.migrate import shared_emails, upgrade
from store.tables.core import contacts
from tests.integration.conftest import AppFactory

BEFORE = "0006"
"""The last revision before addresses were unique."""


def old_database(url: str) -> Engine:
    """A database at the schema before, whose contacts share addresses: ACME and BETA
    share one (in different cases), DELTA has one twice, GAMMA has its own."""
    engine = make_engine(url)
    upgrade(engine, BEFORE)
    with engine.begin() as conn:
        for number, code in enumerate(("ACME", "BETA", "GAMMA", "DELTA"), start=1):
            conn.execute(
                text(
                    "insert into customers (id, code, name, vat_number, language) "
                    "values (:id, :code, :name, '', 'en')"
                ),
                {"id": number, "code": code, "name": f"{code.title()} SA"},
            )
        for number, (customer, name, email) in enumerate(
            [
                (1, "Ann", "buyer@acme.test"),
                (2, "Bob", "Buyer@ACME.test"),
                (3, "Cy", "solo@gamma.test"),
                (4, "Di", "x@delta.test"),
                (4, "Ed", "X@delta.test"),
                (4, "Fay", ""),
                (3, "Gus", ""),
            ],
            start=1,
        ):
            conn.execute(
                text(
                    "insert into contacts (id, customer_id, name, email, phone, is_default) "
                    "values (:id, :customer, :name, :email, '', :default)"
                ),
                {
                    "id": number,
                    "customer": customer,
                    "name": name,
                    "email": email,
                    "default": number in (1, 2, 3, 4),
                },
            )
    return engine


def _flags(engine: Engine) -> dict[str, tuple[str | None, bool]]:
    with engine.connect() as conn:
        rows = conn.execute(select(contacts.c.name, contacts.c.email_key, contacts.c.email_shared))
        return {name: (key, bool(shared)) for name, key, shared in rows}


def _insert_contact(engine: Engine, customer: int, email_key: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            contacts.insert().values(
                customer_id=customer, name="Late", email=email_key, phone="", is_default=False,
                email_key=email_key,
            )
        )  # fmt: skip


def test_the_upgrade_flags_shared_addresses_reports_them_and_merges_nothing(
    database_url: str, make_app: AppFactory
) -> None:
    engine = old_database(database_url)
    try:
        _upgrade_and_fix(engine, database_url, make_app)
    finally:
        engine.dispose()


def _upgrade_and_fix(engine: Engine, database_url: str, make_app: AppFactory) -> None:
    upgrade(engine)
    assert _flags(engine) == {
        "Ann": ("buyer@acme.test", True),
        "Bob": ("buyer@acme.test", True),
        "Cy": ("solo@gamma.test", False),
        "Di": ("x@delta.test", True),
        "Ed": ("x@delta.test", True),
        "Fay": (None, False),
        "Gus": (None, False),
    }
    assert shared_emails(engine) == [
        (
            "2 email addresses are on contacts of several customers; a mail from one of them is "
            "matched to no customer until it is on one contact only:"
        ),
        "  buyer@acme.test: ACME (Ann), BETA (Bob)",
        "  x@delta.test: DELTA (Di), DELTA (Ed)",
        (
            "Keep each address on one contact: `customer contact CODE NAME remove` on the others, "
            "then run `orderbot db upgrade` again."
        ),
    ]
    with pytest.raises(IntegrityError):  # the index holds an address nobody shared
        _insert_contact(engine, 1, "solo@gamma.test")
    app = make_app(database_url)
    with app.uow(True) as uow:
        assert uow.customers.by_email("BUYER@acme.test") is None  # shared: nobody's
        assert uow.customers.email_holders("buyer@acme.test") == ["ACME", "BETA"]
        assert uow.inbound.senders(["buyer@acme.test", "solo@gamma.test"]).keys() == {
            "solo@gamma.test"
        }
    with pytest.raises(ValidationFailed) as taken:  # nor may a third customer take it
        app.bus.handle(c.CreateCustomer(code="ZETA", name="Zeta", email="buyer@acme.test"))
    assert taken.value.message == "email: buyer@acme.test is already the contact of customer ACME"
    # Left on one contact, the address is nobody else's again, under the index.
    app.bus.handle(c.RemoveContact(customer="BETA", name="bob"))
    assert shared_emails(engine)[1:2] == ["  x@delta.test: DELTA (Di), DELTA (Ed)"]
    assert _flags(engine)["Ann"] == ("buyer@acme.test", False)
    with app.uow(True) as uow:
        acme = uow.customers.by_email("Buyer@Acme.test")
        assert acme is not None
        assert acme.code == "ACME"
    with pytest.raises(IntegrityError):
        _insert_contact(engine, 2, "buyer@acme.test")
    app.bus.handle(c.RemoveContact(customer="DELTA", name="Ed", email="X@DELTA.test"))
    assert shared_emails(engine) == []


def test_a_removed_contact_must_be_named_unambiguously(
    sqlite_url: str, make_app: AppFactory
) -> None:
    app = make_app(sqlite_url)
    app.bus.handle(c.CreateCustomer(code="ACME", name="Acme", email="ann@acme.test"))
    app.bus.handle(c.AddContact(customer="ACME", name="Acme", email="bob@acme.test"))
    with pytest.raises(ValidationFailed, match="has 2 contacts named Acme; say which"):
        app.bus.handle(c.RemoveContact(customer="ACME", name="acme"))
    view = app.bus.handle(c.RemoveContact(customer="ACME", name="x", email="ANN@acme.test"))
    assert [(k.email, k.is_default) for k in view.customer.contacts] == [("bob@acme.test", True)]


def test_db_upgrade_prints_the_shared_addresses(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    import main

    old_database(sqlite_url).dispose()
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    assert main.main(["db", "upgrade"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2 email addresses are on contacts of several customers")
    assert out[1:3] == [
        "  buyer@acme.test: ACME (Ann), BETA (Bob)",
        "  x@delta.test: DELTA (Di), DELTA (Ed)",
    ]
    assert out[-1] == "database is at the newest schema"
