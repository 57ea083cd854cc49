"""Import pieces that need no database: row lists, cell readers, the identity rule, verdicts."""

from __future__ import annotations

import pytest
from email_validator import EmailNotValidError, validate_email

from bot.views.imports import parse_rows
from domain.customers import identity
from domain.errors import ValidationFailed
from domain.imports.columns import CUSTOMER_COLUMNS
from domain.imports.customers.clean import clean_customer
from domain.imports.customers.plan import (
    ExistingAddress,
    ExistingContact,
    ExistingCustomer,
    Lookups,
)
from domain.imports.customers.resolve import resolve_customers
from domain.imports.sessions import Cleaned, StoredRow, Verdict
from domain.imports.values import yes_no

LABELS = {column.key: column.en for column in CUSTOMER_COLUMNS}


def test_parse_rows() -> None:
    assert parse_rows("3, 5,10-12,5") == (3, 5, 10, 11, 12)
    with pytest.raises(ValidationFailed, match="'x' is not a row number"):
        parse_rows("x")
    with pytest.raises(ValidationFailed, match="'9-2' is not a valid range"):
        parse_rows("9-2")


@pytest.mark.parametrize(
    ("cell", "value", "notes", "problems"),
    [
        ("Yes", True, [], []),
        ("Non", False, [], []),
        ("Ja", True, [], []),
        ("Nej", False, [], []),
        ("nej", False, ["Default: 'nej' read as No"], []),
        (True, True, [], []),
        ("oui", True, ["Default: 'oui' read as Yes"], []),
        (0, False, ["Default: '0' read as No"], []),
        ("peut-être", None, [], ["Default: 'peut-être' is not Yes or No (Oui/Non, Ja/Nej)"]),
    ],
)
def test_yes_no(cell: object, value: bool | None, notes: list[str], problems: list[str]) -> None:
    out = Cleaned({})
    assert yes_no(cell, "Default", out) is value  # type: ignore[arg-type]
    assert (out.notes, out.problems) == (notes, problems)


@pytest.mark.parametrize(
    "text",
    ["a@example.com", "First.Last+tag@Sub.Example.ORG", "x@localhost", "a@b.test", "a..b@c.com",
     "é@exemple.fr", "no-at-sign", "a@-bad-.com", "q@" + "d" * 64 + ".com", "a@b.c",
     "a@xn--mller-kva.de", "x@test"],
)  # fmt: skip
def test_email_fast_path_agrees_with_email_validator(text: str) -> None:
    # The identity rule's plain path against email-validator under the rule's policy:
    # `.test` allowed (its test environment), reserved names and bare hosts refused.
    try:
        found = validate_email(text, check_deliverability=False, test_environment=True)
        expected: str | None = found.normalized if "." in found.ascii_domain else None
    except EmailNotValidError:
        expected = None
    judged = identity.judge_email(text)
    assert (None if isinstance(judged, identity.Refusal) else judged) == expected


def test_countries_and_vat() -> None:
    found = [identity.judge_country(t) for t in ("FR", "fr", "Allemagne", "United Kingdom")]
    assert found == ["FR", "FR", "DE", "GB"]
    assert isinstance(identity.judge_country("Mordor"), identity.Refusal)
    found_vat = [identity.judge_vat(v) for v in ("FR40303265045", "fr 40.303.265.045", "CHE123")]
    assert found_vat == ["FR40303265045", "FR40303265045", "CHE123"]
    assert isinstance(identity.judge_vat("FR40303265046"), identity.Refusal)


def _row(number: int, **cells: object) -> StoredRow:
    out = clean_customer(cells, LABELS)  # type: ignore[arg-type]
    return StoredRow(number, [], out.values, tuple(out.notes), tuple(out.problems))


def test_existing_customer_default_moves_and_address_updates() -> None:
    hq = ExistingAddress(70, "HQ", "", "", "", "", "", "", True)
    ann = ExistingContact(71, "Ann", "a@x.com", "", True)
    existing = ExistingCustomer(
        7, "ACME", "Acme", "", {"hq": hq}, {"a@x.com": ann}, "HQ", "a@x.com"
    )
    rows = [
        _row(2, customer_code="acme", address_code="HQ", city="Lyon"),
        _row(3, customer_code="acme", address_code="NEW", default_address="Yes"),
    ]
    verdicts, plan = resolve_customers(rows, frozenset(), LABELS, Lookups({"acme": existing}))
    assert [(v.status, v.messages) for v in verdicts] == [
        (Verdict.YELLOW, ("adds to existing customer ACME",
                           "existing address HQ updated: city '-' -> 'Lyon'")),
        (Verdict.YELLOW, ("default address of ACME is now NEW (was HQ)",
                          "adds to existing customer ACME")),
    ]  # fmt: skip
    [change] = plan.customers
    assert (change.id, change.reset_default_address) == (7, True)
    assert [(a.code, a.id, a.is_default) for a in change.addresses] == [
        ("HQ", 70, None), ("NEW", None, True)]  # fmt: skip
    assert plan.counts() == (
        {"customers": 0, "addresses": 1, "contacts": 0},
        {"customers": 0, "addresses": 1, "contacts": 0},
    )


def test_skipping_the_first_row_of_a_code_needs_the_name_again() -> None:
    rows = [_row(2, customer_code="N1", customer_name="New"), _row(3, customer_code="N1",
                                                                  contact_name="Ann")]  # fmt: skip
    verdicts, plan = resolve_customers(rows, frozenset({2}), LABELS, Lookups({}))
    assert [(v.status, v.messages) for v in verdicts] == [
        (Verdict.SKIPPED, ("skipped",)),
        (Verdict.RED, ("Customer name: missing for new customer",)),
    ]
    assert plan.customers == []


def test_a_contact_without_a_name_takes_the_customer_name() -> None:
    """As `customer new CODE NAME email:…` does; red only when no name is known at all."""
    rows = [
        _row(2, customer_code="N1", customer_name="New SA", contact_email="a@new.fr"),
        _row(3, customer_code="N2", contact_phone="+33 1 23 45 67 89"),
    ]
    verdicts, plan = resolve_customers(rows, frozenset(), LABELS, Lookups({}))
    assert [(v.status, v.messages) for v in verdicts] == [
        (Verdict.YELLOW, ("Contact name: empty; the customer's name New SA used",)),
        (Verdict.RED, ("Customer name: missing for new customer",
                       "Contact name: missing; a contact needs a name")),
    ]  # fmt: skip
    [change] = plan.customers
    assert [(c.name, c.email, c.is_default) for c in change.contacts] == [
        ("New SA", "a@new.fr", True)]  # fmt: skip


def test_a_red_row_says_a_missing_name_with_its_other_problems() -> None:
    """One round of fixes, not two: the name is asked for beside the bad email."""
    existing = ExistingCustomer(7, "OLD", "Old", "", {}, {}, None, None)
    rows = [
        _row(2, customer_code="N1", contact_email="not-an-email"),
        _row(3, customer_code="OLD", contact_email="not-an-email"),
        _row(4, customer_code="N2", customer_name="Named", contact_email="not-an-email"),
    ]
    verdicts, _ = resolve_customers(rows, frozenset(), LABELS, Lookups({"old": existing}))
    bad_email = (
        "Contact email: 'not-an-email' is not a valid email address (an email address "
        "must have an @-sign)"
    )
    assert [v.messages for v in verdicts] == [
        (bad_email, "Customer name: missing for new customer"),
        (bad_email,),
        (bad_email,),
    ]


def test_a_red_row_says_what_it_would_clash_with_too() -> None:
    """A row red for its country also hears that its email is another customer's and that
    its customer has a default address already, and claims neither for the rows after."""
    rows = [
        _row(2, customer_code="A", customer_name="A SA", address_code="HQ", country="FR",
             default_address="Yes"),
        _row(3, customer_code="A", address_code="DEPOT", country="Mordor",
             default_address="Yes", contact_name="Ann", contact_email="ann@b.example"),
        _row(4, customer_code="C", customer_name="C SA", contact_name="Cy",
             contact_email="cy@c.example"),
        _row(5, customer_code="D", customer_name="D SA", contact_name="Di",
             contact_email="cy@c.example", country="Atlantis"),
    ]  # fmt: skip
    verdicts, plan = resolve_customers(
        rows, frozenset(), LABELS, Lookups({}, {"ann@b.example": "B"})
    )
    assert [(v.status, v.messages) for v in verdicts] == [
        (Verdict.GREEN, ()),
        (Verdict.RED, ("Country: 'Mordor' is not a country (use a code such as FR)",
                       "Default address: customer A already has a default address (row 2)",
                       "Contact email: ann@b.example is already the contact of customer B")),
        (Verdict.GREEN, ()),
        (Verdict.RED, ("Country: 'Atlantis' is not a country (use a code such as FR)",
                       "Contact email: cy@c.example is already the contact of customer C")),
    ]  # fmt: skip
    assert [change.code for change in plan.customers] == ["A", "C"]
    assert [a.code for a in plan.customers[0].addresses] == ["HQ"]
