"""`customer find` on real databases: the fifty customers of tests/integration/search_world,
each query's customer first, and the search keys kept by every path that writes
customers (commands, the bulk import, the upgrade that added them).

Each test runs on SQLite and on PostgreSQL (the `app` fixture): SQLite reads the keys,
PostgreSQL goes through its index of their words; the answers must be the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

import bootstrap
from domain import commands as c
from domain.errors import ValidationFailed
from domain.services.views import CustomerMatch
from store.engine import make_engine
from store.migrate import upgrade
from tests.integration.conftest import AppFactory
from tests.integration.search_world import CUSTOMERS, load_world

FIRST = {
    # what was typed: the customer that must come first
    "Hôtel Étoile": "HOTEL-ETOILE",
    "hotel etoile du nord": "ETOILE-NORD",
    "Søren Kierkegard": "SOREN",  # a slip of the keys, and ø typed as o
    "Kierkegaard Consult": "KIERKE-CONS",
    "lefevre fille": "LEFEVRE-FILLE",
    "Boulangrie Lefèvre": "LEFEVRE",  # a slip, and the plainer name first
    "lefebvre": "LEFEBVRE",
    "Lyon 69003": "LEFEVRE",  # a city and a postal code of the same address
    "01000": "FROMAGERIE",  # a postal code's leading zero
    "Skagen": "SKAGEN",
    "Roskilde": "HYGGE",  # a city only
    "Ærøskøbing": "AEROSKOBING",
    "aeroskobing": "AEROSKOBING",
    "SO-00004": "ACME",  # an order's code
    "kbh-2026-017": "SOREN",  # a PO number, in another case
    "BC 2026/118": "HOTEL-ETOILE",  # a PO number with spaces
    "+45 33 12 34 56": "SOREN",
    "33123456": "SOREN",  # the national number
    "04 72 10 20 30": "LEFEVRE",  # the national number with its trunk 0
    "FR 40 303 265 045": "LEFEVRE",  # a VAT number written with spaces
    "achats@ACME-SA.example": "ACME-SA",
    "acme": "ACME",  # the exact code before the codes it begins
    "rue Mercière": "LEFEVRE-FILLE",  # a street
    "Friedrichstrasse": "GASTHAUS",  # ß typed as ss
    "Schroeder": "SCHRODER",  # ö typed as oe
}


def _found(app: bootstrap.App, typed: str, limit: int = 10) -> list[CustomerMatch]:
    return list(app.bus.handle(c.FindCustomers(text=typed, limit=limit)).items)


def _codes(app: bootstrap.App, typed: str) -> list[str]:
    return [m.customer.code for m in _found(app, typed)]


@pytest.fixture
def world(app: bootstrap.App) -> bootstrap.App:
    load_world(app.bus)
    return app


def test_the_fixture_is_fifty_customers(world: bootstrap.App) -> None:
    assert len(CUSTOMERS) == 50
    assert len({one.code for one in CUSTOMERS}) == 50


def test_each_query_finds_its_customer_first(world: bootstrap.App) -> None:
    firsts = {typed: (_codes(world, typed) or ["nothing"])[0] for typed in FIRST}
    assert firsts == FIRST


def test_a_city_lists_its_customers_by_name_whatever_its_spelling(world: bootstrap.App) -> None:
    copenhagen = ["NORDIC", "NORREBRO", "SMORREBROD", "SOREN"]  # by name
    for typed in ("København", "kobenhavn", "KOEBENHAVN"):
        assert _codes(world, typed) == copenhagen, typed
    aarhus = ["AERO", "BRYGGERIET", "UNDER-URET", "KAFFE-ARHUS"]  # Kaffebaren is in Århus
    assert _codes(world, "Aarhus") == aarhus
    assert [m.matched for m in _found(world, "Aarhus")] == ["city"] * 4
    assert set(_codes(world, "saint etienne")) == {"CAFE-GARE", "CHOCO-FRANCOIS"}


def test_scores_follow_the_order_of_the_rule(world: bootstrap.App) -> None:
    found = {m.customer.code: (m.score, m.matched) for m in _found(world, "acme")}
    assert found["ACME"] == (100, "code")
    assert found["ACME-SA"] == (90, "code")
    assert _found(world, "PO-4471")[0].matched == "PO PO-4471"
    assert {m.customer.code for m in _found(world, "PO-4471")} == {"AERO", "LEFEVRE"}
    assert [(m.score, m.matched) for m in _found(world, "Hôtel Étoile")[:1]] == [(100, "code")]
    assert (_found(world, "Boulangrie Lefèvre")[0].matched) == "close to name"


def test_digits_meet_phones_only_as_whole_numbers(world: bootstrap.App) -> None:
    # MARTIN's phone is +33 1 00 00 00 01: its digits end in 00001, which is no number
    # of it, nor is the order code SO-00001 (LEFEVRE's first order).
    assert _codes(world, "SO-00001") == ["LEFEVRE"]
    assert _codes(world, "00001") == []
    assert _codes(world, "0100000001") == ["MARTIN"]  # the national form of it
    assert _codes(world, "00 33 1 00 00 00 01") == ["MARTIN"]  # dialled from abroad
    assert _codes(world, "2345678") == []  # a piece of a number


def test_one_letter_finds_what_begins_with_it_not_every_example_address(
    world: bootstrap.App,
) -> None:
    assert _codes(world, "x") == ["XAVIER"]
    assert _codes(world, "ex") == ["EXEMPLE", "NORDIC"]  # the code, then a name's word


def test_nothing_to_look_for_is_refused(world: bootstrap.App) -> None:
    with pytest.raises(ValidationFailed, match="say what to look for"):
        world.bus.handle(c.FindCustomers(text=" -- "))


def test_keys_follow_what_commands_change(world: bootstrap.App) -> None:
    assert _codes(world, "Vesoul") == []
    depot = c.AddAddress(
        customer="NOEL", code="DEPOT", street="3 rue Baron", city="Vesoul", country="FR"
    )
    world.bus.handle(depot)
    assert _codes(world, "Vesoul") == ["NOEL"]
    world.bus.handle(c.AddContact(customer="NOEL", name="Léa", email="lea@atelier-noel.example"))
    assert _codes(world, "lea@atelier-noel.example") == ["NOEL"]
    world.bus.handle(c.RemoveContact(customer="NOEL", name="Léa"))
    assert _codes(world, "lea@atelier-noel.example") == []


def test_imported_customers_are_found_and_follow_a_second_import(
    app: bootstrap.App, tmp_path: Path
) -> None:
    header = (
        "Customer code,Customer name,Address code,Address,City,Postal code,Country,"
        "Contact name,Contact phone,Contact email"
    )
    rows = [
        ",".join(["IMP1", "Brasserie Ödegaard", "MAIN", "1 Strandvejen", "Hellerup", "2900",
                  "DK", "Ole", "+45 39 40 50 60", "ole@odegaard.example"]),
        "IMP2,Épicerie Garnier,MAIN,5 rue Pasteur,Dijon,21000,FR,Anne,,anne@garnier.example",
    ]  # fmt: skip
    _import(app, tmp_path / "first.csv", [header, *rows])
    assert _codes(app, "odegaard") == ["IMP1"]
    assert _codes(app, "Hellerup") == ["IMP1"]
    assert _codes(app, "39405060") == ["IMP1"]
    assert _codes(app, "epicerie dijon") == ["IMP2"]
    moved = "IMP2,Épicerie Garnier,DEPOT,8 quai Perrière,Grenoble,38000,FR,Anne,,"
    _import(app, tmp_path / "second.csv", [header, moved])
    assert _codes(app, "Grenoble") == ["IMP2"]  # an existing customer's new address
    assert _codes(app, "Dijon") == ["IMP2"]  # and the one it had


def _import(app: bootstrap.App, path: Path, lines: list[str]) -> None:
    path.write_text("\r\n".join(lines), encoding="utf-8")
    report = app.bus.handle(c.CheckImport(kind="customers", path=str(path)))
    assert report.importable == len(lines) - 1, report.rows
    app.bus.handle(c.ConfirmImport(session_id=report.session_id))


def test_the_upgrade_fills_the_keys_of_customers_made_before(
    database_url: str, make_app: AppFactory
) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0010_cases")
    with engine.begin() as conn:
        conn.execute(
            text(
                "insert into customers (id, code, name, vat_number, language) "
                "values (1, 'OLD', 'Boulangerie Ancienne', '', 'en')"
            )
        )
        conn.execute(
            text(
                "insert into addresses (customer_id, code, name, street, city, postal_code, "
                "state, country, is_default) values (1, 'MAIN', '', '2 rue Haute', "
                "'Besançon', '25000', '', 'FR', true)"
            )
        )
    engine.dispose()
    app = make_app(database_url)  # upgrades to the newest schema
    assert _codes(app, "besancon") == ["OLD"]
    assert _codes(app, "ancienne") == ["OLD"]
