"""A customer row judged alone: values in the columns' order, messages in a fixed order,
the identity rule's verdicts and words."""

from __future__ import annotations

from datetime import date

from domain.imports.columns import CUSTOMER_COLUMNS, CellValue
from domain.imports.customers.clean import clean_customer

LABELS = {column.key: column.en for column in CUSTOMER_COLUMNS}
KEYS = [column.key for column in CUSTOMER_COLUMNS]


def _clean(**cells: CellValue) -> tuple[dict[str, object], list[str], list[str]]:
    out = clean_customer(cells, LABELS)
    return out.values, list(map(str, out.notes)), list(map(str, out.problems))


def test_a_plain_row_is_taken_as_written() -> None:
    values, notes, problems = _clean(
        customer_code="C1", customer_name="Un", vat_number="FR40303265045", country="FR",
        contact_email="a@b.example", default_address="Yes",
    )  # fmt: skip
    assert (notes, problems) == ([], [])
    assert list(values) == KEYS  # the columns' order, whatever the file's
    assert values["vat_number"] == "FR40303265045"
    assert values["default_address"] is True
    assert values["default_contact"] is None


def test_notes_and_problems_come_in_one_order() -> None:
    values, notes, problems = _clean(
        default_contact="peut-être", contact_email="A@B.EXAMPLE", contact_phone="01 42 68 53 00",
        country="France", postal_code=69001, address_code="H Q", vat_number="fr40 303 265 045",
        customer_code="C 2", default_address="oui",
    )  # fmt: skip
    assert notes == [
        "VAT number: 'fr40 303 265 045' read as FR40303265045",
        "Country: 'France' read as FR",
        "Contact phone: '01 42 68 53 00' read as +33 1 42 68 53 00",  # in the row's country
        "Contact email: 'A@B.EXAMPLE' read as A@b.example",
        "Default address: 'oui' read as Yes",
    ]
    assert problems == [
        "Customer code: 'C 2' has spaces; codes are one word",
        "Address code: 'H Q' has spaces; codes are one word",
        "Default contact: 'peut-être' is not Yes or No (Oui/Non, Ja/Nej)",
    ]
    assert (values["postal_code"], values["country"]) == ("69001", "FR")


def test_refusals_carry_the_identity_rules_reasons() -> None:
    values, notes, problems = _clean(
        customer_name="No code", vat_number="FR40303265046", country="Mordor",
        contact_email="nope", contact_phone="01 42 68 53 00", default_contact=1,
    )  # fmt: skip
    assert notes == ["Default contact: '1' read as Yes"]
    assert problems == [
        "Customer code: missing",
        "VAT number: 'FR40303265046' is not a valid EU VAT number (wrong check digits)",
        "Country: 'Mordor' is not a country (use a code such as FR)",
        (
            "Contact phone: '01 42 68 53 00' is not a valid phone number (a national number "
            "needs the address's country; or write it with its country code, such as "
            "+33 1 42 68 53 00)"
        ),
        (
            "Contact email: 'nope' is not a valid email address (an email address must have "
            "an @-sign)"
        ),
    ]
    assert values["default_contact"] is True
    assert [values[k] for k in ("vat_number", "country", "contact_email")] == [None] * 3


def test_numbers_and_dates_are_read_as_text() -> None:
    values, notes, problems = _clean(
        customer_code=12, city=date(2025, 1, 2), state=2.5, postal_code=" 01000 ",
        contact_email="x@localhost",
    )  # fmt: skip
    assert [values[k] for k in ("customer_code", "city", "state", "postal_code")] == [
        "12", "2025-01-02", "2.5", "01000"]  # fmt: skip
    assert notes == ["Postal code: ' 01000 ' read as 01000"]
    assert problems == [
        (
            "Contact email: 'x@localhost' is not a valid email address (its domain localhost "
            "is reserved and never receives mail)"
        )
    ]


def test_a_code_too_long_is_refused_as_the_reader_refuses_it() -> None:
    """A whole column of one-word codes once skipped the reader, and its length bound."""
    values, _, problems = _clean(customer_code="C" * 65, customer_name="Long")
    assert problems == ["Customer code is 65 characters long; at most 64"]
    assert values["customer_code"] is None
