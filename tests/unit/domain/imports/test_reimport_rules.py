"""The rules that make a customer import safe to repeat, judged without a database: rows
that change nothing, addresses found without their code, defaults that stay, shared VAT
numbers, the template's example row, postal codes in their country."""

from __future__ import annotations

import pytest

from domain.customers import identity
from domain.customers.addresses import Address
from domain.customers.customer import Customer
from domain.errors import ValidationFailed
from domain.imports.columns import CUSTOMER_COLUMNS, SheetKind
from domain.imports.customers.clean import clean_customer
from domain.imports.customers.plan import (
    ExistingAddress,
    ExistingContact,
    ExistingCustomer,
    Lookups,
)
from domain.imports.customers.resolve import resolve_customers
from domain.imports.examples import EXAMPLES, example_problem
from domain.imports.sessions import StoredRow, Verdict

LABELS = {column.key: column.en for column in CUSTOMER_COLUMNS}
MAIN = ExistingAddress(70, "MAIN", "", "1 rue de la Paix", "Paris", "75001", "", "FR", True)
DEPOT = ExistingAddress(71, "DEPOT", "", "5 quai Nord", "Lyon", "69003", "", "FR", False)
ANN = ExistingContact(80, "Ann", "ann@acme.example", "+33 1 42 68 53 00", True)
ACME = ExistingCustomer(7, "ACME", "Acme SA", "FR40303265045", {"main": MAIN, "depot": DEPOT},
                        {"ann@acme.example": ANN}, "MAIN", "ann@acme.example")  # fmt: skip


def _row(number: int, **cells: object) -> StoredRow:
    out = clean_customer(cells, LABELS)  # type: ignore[arg-type]
    return StoredRow(number, [], out.values, tuple(out.notes), tuple(out.problems))


def _judge(
    *rows: StoredRow, lookups: Lookups | None = None
) -> list[tuple[Verdict, tuple[str, ...]]]:
    verdicts, _ = resolve_customers(
        list(rows), frozenset(), LABELS, lookups or Lookups({"acme": ACME})
    )
    return [(v.status, tuple(map(str, v.messages))) for v in verdicts]


def test_rows_that_change_nothing_are_green_unchanged_and_not_written() -> None:
    rows = [
        _row(2, customer_code="ACME", customer_name="Acme SA", address="1 rue de la Paix",
             city="Paris", postal_code="75001", country="FR", default_address="Yes",
             contact_name="Ann", contact_email="ann@acme.example",
             contact_phone="+33 1 42 68 53 00", default_contact="Yes"),
        _row(3, customer_code="ACME", address_code="DEPOT", address="5 quai Nord",
             city="Lyon", postal_code="69003", country="FR", default_address="No"),
    ]  # fmt: skip
    verdicts, plan = resolve_customers(rows, frozenset(), LABELS, Lookups({"acme": ACME}))
    assert [(v.status, tuple(map(str, v.messages))) for v in verdicts] == [
        (Verdict.GREEN, ("unchanged",))
    ] * 2
    assert plan.counts() == ({"customers": 0, "addresses": 0, "contacts": 0},) * 2
    assert [ch.reset_default_address for ch in plan.customers] == [False]


def test_an_address_without_a_code_is_the_one_at_the_same_place_folded() -> None:
    row = _row(2, customer_code="ACME", address="1, RUE de la Paix", city="PARIS",
               postal_code="75001", country="FR")  # fmt: skip
    elsewhere = _row(3, customer_code="ACME", address="9 rue Neuve", city="Paris",
                     postal_code="75002", country="FR")  # fmt: skip
    assert _judge(row, elsewhere) == [
        (Verdict.YELLOW, ("adds to existing customer ACME",
                          ("existing address MAIN updated: address '1 rue de la Paix' -> "
                          "'1, RUE de la Paix', city 'Paris' -> 'PARIS'"))),
        (Verdict.YELLOW, ("Address code: none given; ADDR3 used",
                          "adds to existing customer ACME")),
    ]  # fmt: skip


def test_a_new_customer_s_address_repeated_beside_each_contact_is_one_address() -> None:
    place = {"customer_code": "N1", "address": "3 rue Vive", "city": "Nice",
             "postal_code": "06000", "country": "FR"}  # fmt: skip
    rows = [_row(2, customer_name="New", contact_name="Ann", **place),
            _row(3, contact_name="Bob", **place)]  # fmt: skip
    verdicts, plan = resolve_customers(rows, frozenset(), LABELS, Lookups({}))
    assert [v.status for v in verdicts] == [Verdict.YELLOW, Verdict.GREEN]
    [change] = plan.customers
    assert ([a.code for a in change.addresses], [k.name for k in change.contacts]) == (
        ["MAIN"], ["Ann", "Bob"])  # fmt: skip


def test_a_lone_address_and_contact_marked_no_become_defaults_with_the_reason() -> None:
    row = _row(2, customer_code="N1", customer_name="New", address_code="HQ", city="Lyon",
               default_address="Non", contact_name="Ann", default_contact="No")  # fmt: skip
    [(status, messages)] = _judge(row, lookups=Lookups({}))
    assert status is Verdict.YELLOW
    assert messages == (
        (
            "Default address: marked No, but this is the only address of N1, so it is the "
            "default address"
        ),
        (
            "Default contact: marked No, but this is the only contact of N1, so it is the "
            "default contact"
        ),
    )


def test_a_shared_vat_number_is_yellow_naming_the_others() -> None:
    rows = [
        _row(2, customer_code="N1", customer_name="One", vat_number="FR40303265045"),
        _row(3, customer_code="N2", customer_name="Two", vat_number="FR40303265045"),
    ]
    lookups = Lookups({}, {}, {"FR40303265045": ("ACME", "ZED")})
    assert _judge(*rows, lookups=lookups) == [
        (Verdict.YELLOW, (("VAT number: FR40303265045 is also the VAT number of customer ACME, "
                          "customer ZED"),)),
        (Verdict.YELLOW, (("VAT number: FR40303265045 is also the VAT number of customer ACME, "
                          "customer ZED, customer N1 (row 2)"),)),
    ]  # fmt: skip


@pytest.mark.parametrize("kind", list(SheetKind))
def test_the_example_row_is_told_by_its_marks(kind: SheetKind) -> None:
    values = {key: str(value) for key, value in EXAMPLES[kind].items()}
    assert str(example_problem(kind, 2, values) or "").startswith("Row 2 is the template's")
    first = next(iter(values))
    assert example_problem(kind, 2, {**values, first: "MINE"}) is None


@pytest.mark.parametrize(
    ("text", "country", "kept"),
    [("75001", "FR", "75001"), ("1000", "FR", None), ("01000", "FR", "01000"),
     ("1000", "BE", "1000"), ("SW1A 1AA", "GB", "SW1A 1AA"), ("75001", "GB", None),
     ("1000", "", "1000"), ("12345", "PL", None), ("00-950", "PL", "00-950")],
)  # fmt: skip
def test_postal_codes_in_their_country(text: str, country: str, kept: str | None) -> None:
    judged = identity.judge_postal_code(text, country)
    assert (None if isinstance(judged, identity.Refusal) else judged) == kept


def test_the_address_verbs_check_the_postal_code_in_the_address_country() -> None:
    customer = Customer(code="C", name="C SA")
    with pytest.raises(ValidationFailed, match="if a spreadsheet dropped its leading zero"):
        customer.add_address(Address(code="HQ", postal_code="1000", country="FR"))
    customer.add_address(Address(code="HQ", postal_code="1000", country="BE"))
    with pytest.raises(ValidationFailed, match="is not a postal code of FR"):
        customer.update_address("HQ", {"country": "FR"})
    assert customer.address("HQ").country == "BE"
