"""The search's rule without a database: folding, keys, the query as read, the ranking."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.customers.addresses import Address
from domain.customers.contacts import Contact
from domain.customers.customer import Customer
from domain.customers.ranking import Candidate, Candidates, OrderHit, rank
from domain.customers.search import (
    SearchQuery,
    compact,
    email_words,
    fold,
    phone_matches,
    phone_numbers,
    search_key,
    words,
)

NOW = datetime(2026, 3, 2, tzinfo=UTC)


def customer(
    code: str, name: str, city: str = "", postal: str = "", street: str = "",
    email: str = "", phone: str = "", vat: str = "",
) -> Customer:  # fmt: skip
    made = Customer(code=code, name=name, vat_number=vat, created_at=NOW)
    if city or postal or street:
        made.addresses.append(Address("MAIN", street=street, city=city, postal_code=postal))
    if email or phone:
        made.contacts.append(Contact("Desk", email=email, phone=phone))
    return made


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hôtel Étoile", "hotel etoile"),
        ("Søren Kierkegaard ApS", "soren kierkegaard aps"),
        ("København Ø", "kobenhavn o"),
        ("Ærøskøbing", "aeroskobing"),
        ("Friedrichstraße", "friedrichstrasse"),
        ("Épicerie Fine Cœur", "epicerie fine coeur"),
        ("L'Écluse -- quai  n°5", "l ecluse quai n 5"),
        ("ACME-SA", "acme sa"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_words_keep_the_other_spelling_of_nordic_and_german_letters() -> None:
    assert words("København") == ["kobenhavn", "koebenhavn"]
    assert words("Århus") == ["arhus", "aarhus"]
    assert words("Müller") == ["muller", "mueller"]
    assert words("Lyon") == ["lyon"]
    assert compact("FR 40 303 265 045") == "fr40303265045"


def test_email_words_leave_out_the_last_label() -> None:
    assert email_words("claire.martin@boulangerie-martin.fr") == [
        "claire", "martin", "boulangerie", "martin"]  # fmt: skip
    assert email_words("x@example.com") == ["x", "example"]


def test_phones_are_whole_numbers_in_the_forms_people_type() -> None:
    assert phone_numbers("+33 1 42 68 53 00") == ("33142685300", "142685300")
    assert phone_numbers("01 42 68 53 00") == ("0142685300",)  # kept as typed: one form
    assert phone_numbers("") == ()
    kept = "+33 1 42 68 53 00"
    for typed in ("33142685300", "142685300", "0142685300", "0033142685300"):
        assert phone_matches(typed, kept), typed
    for typed in ("42685300", "3314268530", "685300", "00001"):
        assert not phone_matches(typed, kept), typed


def test_the_key_holds_every_searchable_word_once() -> None:
    made = customer("ACME-SA", "Acme SA", "Saint-Étienne", "42000", "1 rue de la Paix",
                    "achats@acme-sa.example", "+33 4 77 12 34 56", "FR40303265045")  # fmt: skip
    assert search_key(made) == (
        " acme sa achats 1 rue de la paix 42000 saint etienne acmesa fr40303265045 "
        "33477123456 477123456 "
    )


def test_the_query_reads_phones_emails_and_breaks() -> None:
    assert SearchQuery.read("  04 72 10 20 30 ").phones == ("0472102030", "472102030")
    assert SearchQuery.read("0045 33 12 34 56").phones == (
        "004533123456", "04533123456", "4533123456")  # fmt: skip
    assert SearchQuery.read("SO-00001").phones == ()  # letters: not a phone
    assert SearchQuery.read("01000").phones == ()  # too short: a postal code
    assert SearchQuery.read("Buyer@Acme.example").email == "buyer@acme.example"
    typed = SearchQuery.read("Hôtel  Étoile")
    assert (typed.text, typed.words, typed.compact) == (
        "Hôtel Étoile", ("hotel", "etoile"), "hoteletoile")  # fmt: skip
    assert SearchQuery.read("kierkegard soren").fuzzy_prefixes() == ("kie", "sor")


WORLD = [
    customer("HOTEL-ETOILE", "Hôtel Étoile", "Paris", "75008", email="desk@etoile.example"),
    customer("ETOILE-NORD", "Hôtel Étoile du Nord", "Lille", "59800"),
    customer("SOREN", "Søren Kierkegaard ApS", "København K", "1150", phone="+45 33 12 34 56"),
    customer("LEFEVRE", "Boulangerie Lefèvre", "Lyon", "69003", "27 rue de la République",
             vat="FR40303265045"),
    customer("MARTIN", "Boulangerie Martin", "Lyon", "69001", phone="+33 1 00 00 00 01"),
    customer("FROMAGE", "Fromagerie Bérénice", "Bourg-en-Bresse", "01000"),
    customer("X1", "Example Trading", email="sales@example.example"),
    customer("XAVIER", "Xavier Conseil", "Paris", "75002", email="xavier@example.example"),
]  # fmt: skip


def _ranked(typed: str, orders: tuple[OrderHit, ...] = ()) -> list[tuple[str, int, str]]:
    found = rank(SearchQuery.read(typed), Candidates([Candidate.of(cu) for cu in WORLD], orders))
    return [(r.candidate.code, r.score, r.matched) for r in found]


def test_codes_first_then_names_then_places_then_slips() -> None:
    assert _ranked("etoile") == [
        ("ETOILE-NORD", 90, "code"), ("HOTEL-ETOILE", 88, "name")]  # fmt: skip
    assert _ranked("hotel etoile")[:2] == [
        ("HOTEL-ETOILE", 100, "code"), ("ETOILE-NORD", 88, "name")]  # fmt: skip
    assert _ranked("boulangerie") == [
        ("LEFEVRE", 88, "name"), ("MARTIN", 88, "name")]  # fmt: skip
    assert _ranked("boul lefe") == [("LEFEVRE", 85, "name")]
    assert _ranked("Lyon") == [("LEFEVRE", 82, "city"), ("MARTIN", 82, "city")]
    assert _ranked("69003") == [("LEFEVRE", 84, "postal code")]
    assert _ranked("01000") == [("FROMAGE", 84, "postal code")]
    assert _ranked("république") == [("LEFEVRE", 80, "street")]
    assert _ranked("lyon 69001") == [("MARTIN", 81, "address")]
    assert _ranked("martin lyon") == [("MARTIN", 74, "name, address")]
    assert _ranked("Kierkegard") == [("SOREN", 62, "close to name")]
    assert _ranked("FR 40 303 265 045") == [("LEFEVRE", 96, "VAT number")]
    assert _ranked("desk@ETOILE.example") == [("HOTEL-ETOILE", 96, "email")]


def test_orders_name_their_customer() -> None:
    hits = (OrderHit("SO-00001", "PO-1", "MARTIN"), OrderHit("SO-00009", "SO-00001", "SOREN"))
    assert _ranked("so-00001", hits) == [
        ("MARTIN", 98, "order SO-00001"), ("SOREN", 97, "PO SO-00001")]  # fmt: skip


def test_digits_are_never_part_of_a_phone() -> None:
    assert _ranked("00001") == []
    assert _ranked("SO-00001") == []
    assert _ranked("0100000001") == [("MARTIN", 96, "phone")]
    assert _ranked("33 12 34 56") == [("SOREN", 96, "phone")]
    assert _ranked("69002") == []  # a postal code one digit off is no slip


def test_a_letter_begins_words_and_never_finds_the_middle_of_one() -> None:
    assert _ranked("x") == [("X1", 90, "code"), ("XAVIER", 90, "code")]
    assert _ranked("xa") == [("XAVIER", 90, "code")]
    # inside "example": close to a name's word, never a match of every example.example
    # address (emails are compared by their words, and their last label is no word)
    assert _ranked("ample") == [("X1", 55, "close to name")]
