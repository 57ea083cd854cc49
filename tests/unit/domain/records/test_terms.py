"""Payment terms: the declared table, the settings' terms, and the due dates they give."""

from __future__ import annotations

from datetime import date

import pytest

from domain.records.terms import PaymentTerm, PaymentTerms, parse_terms

TABLE = PaymentTerms()


@pytest.mark.parametrize(
    ("terms", "invoiced", "expected"),
    [
        ("Net 30", date(2026, 3, 2), ("Net 30", date(2026, 4, 1))),
        ("  net   30 ", date(2026, 3, 2), ("Net 30", date(2026, 4, 1))),
        ("on receipt", date(2026, 3, 2), ("on receipt", date(2026, 3, 2))),
        ("", date(2026, 3, 2), ("on receipt", date(2026, 3, 2))),  # the default
        # +30 days is 14 February; carried to the end of February
        ("30 days end of month", date(2026, 1, 15), ("30 days end of month", date(2026, 2, 28))),
        ("30 days end of month", date(2028, 1, 31), ("30 days end of month", date(2028, 3, 31))),
        ("Net 60", date(2026, 12, 15), ("Net 60", date(2027, 2, 13))),
        ("50% upfront", date(2026, 3, 2), ("50% upfront", None)),  # not in the table
    ],
)
def test_due_dates_of_the_declared_terms(
    terms: str, invoiced: date, expected: tuple[str, date | None]
) -> None:
    assert TABLE.due(terms, invoiced) == expected


def test_settings_add_terms_and_name_the_default() -> None:
    table = PaymentTerms.with_settings("Net 10=10; 90 days EOM=90 eom", default="net 10")
    assert table.due("", date(2026, 3, 2)) == ("Net 10", date(2026, 3, 12))
    assert table.due("90 days eom", date(2026, 3, 2)) == ("90 days EOM", date(2026, 5, 31))
    assert table.find("Net 30") == PaymentTerm("Net 30", 30)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Net 10", "payment term 'Net 10' does not read as NAME=DAYS or NAME=DAYS eom"),
        ("Net 10=ten", "payment term 'Net 10=ten' does not read as NAME=DAYS or NAME=DAYS eom"),
        ("=10", "payment term '=10' does not read as NAME=DAYS or NAME=DAYS eom"),
        ("Long=400", "payment term 'Long=400': 400 days is more than 366"),
    ],
)
def test_terms_that_do_not_read_are_refused_by_name(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="payment term") as caught:
        parse_terms(text)
    assert str(caught.value) == message


def test_a_default_outside_the_table_is_refused() -> None:
    with pytest.raises(ValueError, match="default payment term") as caught:
        PaymentTerms.with_settings("", default="Net 99")
    assert str(caught.value).startswith(
        "the default payment term 'Net 99' is not one of: on receipt, Net 7, Net 15"
    )


@pytest.mark.parametrize(
    ("name", "english", "french", "danish"),
    [
        ("on receipt", "on receipt", "à réception", "ved modtagelse"),
        ("NET  30", "Net 30", "30 jours net", "netto 30 dage"),
        ("45 days end of month", "45 days end of month", "45 jours fin de mois",
         "45 dage, til udgangen af måneden"),
        ("50% upfront", "50% upfront", "50% upfront", "50% upfront"),  # a company's own words
    ],
)  # fmt: skip
def test_the_built_in_terms_are_named_in_the_readers_language(
    name: str, english: str, french: str, danish: str
) -> None:
    from domain.records.terms import term_words
    from l10n.translation import render

    words = term_words(name)
    assert (str(words), render(words, "fr"), render(words, "da")) == (english, french, danish)
