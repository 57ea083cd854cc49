"""A customer's refusals are sentences each reader reads in their language, while their
English (`str()`, which the import's verdicts quote) stays as it was."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.customers import identity
from domain.customers.customer import Customer
from domain.errors import DomainError, NotFound, ValidationFailed
from l10n.translation import render

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def _refusal(call: object) -> DomainError:
    assert callable(call)
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


@pytest.mark.parametrize(
    ("refuse", "english", "french", "danish"),
    [
        (
            lambda: identity.postal_code("1000", country="FR"),
            (
                "postal_code: '1000' is not a postal code of FR (5 digits, such as 75001; if a "
                "spreadsheet dropped its leading zero, write 01000)"
            ),
            "n'est pas un code postal de FR (5 chiffres, comme 75001 ;",
            "er ikke et postnummer i FR (5 cifre, som 75001;",
        ),
        (
            lambda: identity.phone("12"),
            (
                "phone: '12' is not a valid phone number (a national number needs the address's "
                "country; or write it with its country code, such as +33 1 42 68 53 00)"
            ),
            "n'est pas un numéro de téléphone valide (un numéro national",
            "er ikke et gyldigt telefonnummer (et nationalt nummer",
        ),
        (
            lambda: Customer.create("ACME", "Acme", NOW).contact("Ann"),
            "No contact Ann of customer ACME (known: none yet).",
            "Pas de contact Ann du client ACME",
            "Ingen kontakt Ann hos kunde ACME",
        ),
        (
            lambda: Customer.create("AC ME", "Acme", NOW),
            "code: 'AC ME' has spaces; codes are one word",
            "contient des espaces",
            "har mellemrum",
        ),
    ],
)
def test_a_refusal_reads_in_each_language_and_stays_english_as_text(
    refuse: object, english: str, french: str, danish: str
) -> None:
    refused = _refusal(refuse)
    assert isinstance(refused, ValidationFailed | NotFound)
    assert str(refused) == english
    assert french in render(refused.text, "fr"), render(refused.text, "fr")
    assert danish in render(refused.text, "da"), render(refused.text, "da")


def test_an_identity_verdict_is_a_sentence_english_as_text() -> None:
    judged = identity.judge_vat("FR00000000000")
    assert isinstance(judged, identity.Refusal)
    assert str(judged.reason).startswith("'FR00000000000' is not a valid EU VAT number (")
    assert render(judged.reason, "fr").startswith("'FR00000000000' n")
