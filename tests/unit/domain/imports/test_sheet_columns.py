"""Column specs, header matching and cell coercion of domain.imports.columns."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from domain.imports.columns import (
    COLUMNS,
    SheetKind,
    ValueKind,
    coerce_cell,
    columns_for,
    find_header_row,
    match_headers,
    normalise_header,
    parse_text_date,
    parse_text_number,
)

CUSTOMERS_FR = [
    "Code client", "Nom du client", "Numéro de TVA", "Adresse Code", "Adresse Nom", "Adresse",
    "Ville", "Code postal", "État", "Pays", "Est l\u2019adresse par défaut", "Nom du contact",
    "Téléphone du contact", "Adresse e-mail du contact", "Est le contact par défaut",
]  # fmt: skip


def test_customer_columns_follow_the_seed_a_to_o() -> None:
    columns = columns_for(SheetKind.CUSTOMERS)
    assert [c.fr.replace("'", "\u2019") for c in columns[:15]] == CUSTOMERS_FR
    assert [c.fr for c in columns[15:]] == ["Langue"]  # orderbot's own, after the seed's
    assert [c.key for c in columns if c.required] == ["customer_code", "customer_name"]
    assert columns[9].kind is ValueKind.COUNTRY
    assert columns[13].kind is ValueKind.EMAIL


def test_every_kind_has_unambiguous_names() -> None:
    for kind, columns in COLUMNS.items():
        seen: dict[str, str] = {}
        for column in columns:
            assert column.note
            assert column.en
            assert column.fr
            for name in column.names():
                norm = normalise_header(name)
                assert seen.setdefault(norm, column.key) == column.key, (kind, name)


def test_normalise_header_ignores_case_accents_spaces_and_punctuation() -> None:
    assert normalise_header("  Adresse E-MAIL du contact ") == normalise_header(
        "adresse email du contact"
    )
    assert normalise_header("Numéro  de TVA") == "numerodetva"
    assert normalise_header("Est l\u2019adresse par défaut") == normalise_header(
        "est l'adresse par defaut"
    )
    assert normalise_header(None) == ""


def test_french_headers_in_another_order_with_case_and_spaces() -> None:
    header = ["  PAYS", "nom du client ", "Code  Client", "Quantité ?", "etat", None, ""]
    match = match_headers(SheetKind.CUSTOMERS, header)
    assert match.columns == {0: "country", 1: "customer_name", 2: "customer_code", 4: "state"}
    assert match.unknown == ((3, "Quantité ?"),)
    assert match.missing == ()
    assert match.ok


def test_everyday_short_headers_of_a_customer_list() -> None:
    """Lists kept by hand say Code, Nom, Email, TVA rather than the template's names."""
    header = ["Code", "Nom", "Pays", "E-mail", "TVA", "Tél", "CP", "Raison sociale"]
    match = match_headers(SheetKind.CUSTOMERS, header)
    assert match.columns == {
        0: "customer_code",
        1: "customer_name",
        2: "country",
        3: "contact_email",
        4: "vat_number",
        5: "contact_phone",
        6: "postal_code",
    }
    assert match.duplicates == ((7, "customer_name"),)  # the first one counts
    assert match.ok


def test_english_headers_and_missing_required() -> None:
    match = match_headers(SheetKind.ORDERS, ["Unit price", "Product", "Remarks", "Whatever"])
    assert match.columns == {0: "unit_price", 1: "product", 2: "remarks"}
    assert match.missing == ("quantity",)
    assert match.unknown == ((3, "Whatever"),)
    assert not match.ok


def test_status_and_message_of_an_annotated_copy_are_known_extras() -> None:
    match = match_headers(SheetKind.PRODUCTS, ["Code produit", "Nom", "Status", "Message"])
    assert match.extras == (2, 3)
    assert match.unknown == ()


def test_duplicate_column_keeps_the_first() -> None:
    match = match_headers(SheetKind.PRODUCTS, ["Product code", "Name", "Code produit"])
    assert match.columns == {0: "product_code", 1: "name"}
    assert match.duplicates == ((2, "product_code"),)


def test_record_maps_values_by_key_and_fills_short_rows() -> None:
    match = match_headers(SheetKind.PRODUCTS, ["Nom", "Code produit", "Prix unitaire"])
    assert match.record(["Flour", "F-1"]) == {"name": "Flour", "product_code": "F-1",
                                              "unit_price": None}  # fmt: skip


def test_find_header_row_skips_title_rows_within_the_limit() -> None:
    rows = [["Customer list 2025"], [], ["Code client", "Nom du client"], ["C1", "A"]]
    found = find_header_row(SheetKind.CUSTOMERS, rows)
    assert found is not None
    assert found[0] == 2
    assert find_header_row(SheetKind.CUSTOMERS, rows, max_rows=2) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12), ("2.0", 2), ("12,5", Decimal("12.5")), ("1 234,50", Decimal("1234.5")),
        ("1\u202f234,50", Decimal("1234.5")), ("1,234.50", Decimal("1234.5")),
        ("1.234,50", Decimal("1234.5")), ("-3", -3), ("0,125", Decimal("0.125")),
        ("1,234", None), ("abc", None), ("", None), ("1e9", None),
    ],
)  # fmt: skip
def test_parse_text_number(text: str, expected: object) -> None:
    assert parse_text_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-31", date(2025, 3, 31)), ("31/03/2025", date(2025, 3, 31)),
        ("1.4.2025", date(2025, 4, 1)), ("2025-03-31 00:00:00", date(2025, 3, 31)),
        ("31/02/2025", None), ("March 31", None), ("03/31/2025", None),
    ],
)  # fmt: skip
def test_parse_text_date(text: str, expected: date | None) -> None:
    assert parse_text_date(text) == expected


def test_coerce_cell_by_kind() -> None:
    assert coerce_cell(ValueKind.NUMBER, 18.5) == Decimal("18.5")
    assert coerce_cell(ValueKind.NUMBER, 0.1) == Decimal("0.1")
    assert coerce_cell(ValueKind.NUMBER, "1,234") == "1,234"  # ambiguous: left for the verdict
    assert coerce_cell(ValueKind.DATE, 45747) == date(2025, 3, 31)
    assert coerce_cell(ValueKind.DATE, datetime(2025, 3, 31, 8, 0, tzinfo=UTC)) == date(2025, 3, 31)
    assert coerce_cell(ValueKind.DATE, "31/03/2025") == date(2025, 3, 31)
    assert coerce_cell(ValueKind.DATE, "soon") == "soon"
    assert coerce_cell(ValueKind.CODE, 1042) == "1042"
    assert coerce_cell(ValueKind.CODE, "007") == "007"
    assert coerce_cell(ValueKind.YES_NO, True) is True
    assert coerce_cell(ValueKind.TEXT, "=1+1") == "=1+1"


def test_danish_headers_are_recognised_and_the_rows_language_is_danish() -> None:
    header = [
        "Kundenummer", "Kundenavn", "CVR-nummer", "Adresse", "Postnummer", "By", "Land",
        "Standardadresse", "Kontaktperson", "Telefon", "E-mail", "Standardkontakt",
    ]  # fmt: skip
    match = match_headers(SheetKind.CUSTOMERS, header)
    assert match.ok
    assert match.unknown == ()
    assert [match.columns[i] for i in range(len(header))] == [
        "customer_code", "customer_name", "vat_number", "address", "postal_code", "city",
        "country", "default_address", "contact_name", "contact_phone", "contact_email",
        "default_contact",
    ]  # fmt: skip
    assert match.language == "da"


@pytest.mark.parametrize(
    ("kind", "header", "language"),
    [
        (SheetKind.ORDERS, ["Vare", "Antal", "Enhedspris", "Ønsket dato"], "da"),
        (SheetKind.ORDERS, ["Produit", "Quantité", "Prix unitaire"], "fr"),
        (SheetKind.ORDERS, ["Product", "Quantity", "Unit price"], "en"),
        (SheetKind.PRODUCTS, ["Varenummer", "Varenavn", "Momskode"], "da"),
        (SheetKind.CUSTOMERS, ["Code client", "Nom du client", "Adresse", "Ville"], "fr"),
        # "Adresse" is French and Danish: it decides nothing; a tie is English
        (SheetKind.CUSTOMERS, ["Customer code", "Nom du client", "Adresse"], "en"),
    ],
)
def test_the_headers_language(kind: SheetKind, header: list[str], language: str) -> None:
    assert match_headers(kind, header).language == language


def test_every_danish_name_belongs_to_its_own_column() -> None:
    for kind in SheetKind:
        for column in columns_for(kind):
            for name in column.da:
                match = match_headers(kind, [name])
                assert match.columns == {0: column.key}, (kind, name)
