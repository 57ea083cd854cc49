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


@pytest.mark.parametrize(
    ("address", "english", "french", "danish"),
    [
        (
            "a@b",
            "the part after the @-sign is not valid; it should have a period",
            "la partie après le @ n'est pas valide ; elle devrait contenir un point",
            "delen efter @ er ikke gyldig; den skal indeholde et punktum",
        ),
        (
            "nope",
            "an email address must have an @-sign",
            "une adresse e-mail doit contenir un @",
            "en e-mailadresse skal indeholde et @",
        ),
        (
            "joe@",
            "there must be something after the @-sign",
            "il doit y avoir quelque chose après le @",
            "der skal stå noget efter @",
        ),
        (
            "a b@c.fr",
            "the email address contains invalid characters before the @-sign: SPACE",
            "l'adresse e-mail contient des caractères non valides avant le @ : SPACE",
            "e-mailadressen indeholder ugyldige tegn før @: SPACE",
        ),
        (
            "a@" + "b" * 300 + ".fr",
            "the email address is too long after the @-sign (50 characters too many)",
            "l'adresse e-mail est trop longue après le @ (50 caractères de trop)",
            "e-mailadressen er for lang efter @ (50 tegn for mange)",
        ),
    ],
)
def test_email_validators_reasons_are_read_in_each_language(
    address: str, english: str, french: str, danish: str
) -> None:
    refused = _refusal(lambda: identity.email(address))
    assert str(refused) == f"email: {address!r} is not a valid email address ({english})"
    assert render(refused.text, "fr").endswith(f"({french})"), render(refused.text, "fr")
    assert render(refused.text, "da").endswith(f"({danish})"), render(refused.text, "da")


def test_a_refused_vat_number_names_its_field_in_each_language() -> None:
    refused = _refusal(lambda: identity.vat_number("FR00303265045"))
    assert str(refused).startswith("vat_number: 'FR00303265045' is not a valid EU VAT number")
    assert render(refused.text, "fr").startswith("numéro de TVA : 'FR00303265045' n'est pas")
    assert render(refused.text, "da").startswith("momsnummer: 'FR00303265045' er ikke")
