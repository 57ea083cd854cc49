"""Why an email address is refused reads in the reader's language, to the last word: the
reason email-validator gives in English is one of orderbot's own sentences."""

from __future__ import annotations

import pytest

from domain.customers import email_reasons, identity
from l10n.translation import render

BAD = [
    "joe",
    "joe@",
    "@acme.fr",
    "jo e@acme.fr",
    "joe@@acme.fr",
    "joe@acme..fr",
    ".joe@acme.fr",
    "joe.@acme.fr",
    "joe@-acme.fr",
    "joe@acme.fr-",
    "joe@a_b.fr",
    "a@b",
    "joe@acme.fr.",
    "joe@[1.2.3.4]",
    "joe@" + "a" * 64 + ".fr",
    "Joe <joe@acme.fr>",
]
ENGLISH = ("@-sign", "period", "hyphen", "email address", "character", "must", "cannot")


def _reason(address: str) -> identity.Refusal:
    judged = identity.judge_email(address)
    assert isinstance(judged, identity.Refusal), judged
    return judged


@pytest.mark.parametrize("address", BAD)
@pytest.mark.parametrize("language", ["fr", "da"])
def test_no_english_in_a_french_or_danish_email_refusal(address: str, language: str) -> None:
    read = render(_reason(address).reason, language)
    assert not [word for word in ENGLISH if word in read], read


@pytest.mark.parametrize("address", BAD)
def test_the_english_reason_names_what_is_wrong(address: str) -> None:
    read = str(_reason(address).reason)
    assert read.startswith(f"{address!r} is not a valid email address ("), read
    assert "not written the way" not in read, read


def test_an_explanation_not_known_is_said_in_general_words() -> None:
    said = email_reasons.email_reason("Something a later email-validator says.")
    assert str(said) == "it is not written the way an email address is written"
    assert "adresse" in render(said, "fr")


def test_the_bad_characters_are_named() -> None:
    assert "SPACE" in render(_reason("jo e@acme.fr").reason, "fr")
    assert "'_'" in render(_reason("joe@a_b.fr").reason, "da")
