"""The catalogs answer in the reader's language; domain sentences are rendered in it."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from domain.errors import NotFound, ValidationFailed
from domain.text_values import Amount, Percent, Price, Quantity, Sentences
from domain.texts import Text, _, ngettext
from l10n import translation
from l10n.translation import gettext, language_of, render, speaking

PLURALS_PO = """\
msgid ""
msgstr ""
"Language: da\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "{n} order for {customer}"
msgid_plural "{n} orders for {customer}"
msgstr[0] "{n} ordre til {customer}"
msgstr[1] "{n} ordrer til {customer}"

#, fuzzy
msgid "Draft"
msgstr "Kladde?"
"""


@pytest.fixture
def danish_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = tmp_path / "da" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "orderbot.po").write_text(PLURALS_PO, encoding="utf-8")
    monkeypatch.setattr(translation, "LOCALE_DIR", tmp_path)
    translation.catalog.cache_clear()
    yield
    translation.catalog.cache_clear()


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("fr-FR", "fr"), ("da_DK", "da"), ("en", "en"), ("FR", "fr"), ("de-DE", "en"), (None, "en")],
)
def test_a_locale_tag_gives_a_spoken_language(tag: str | None, expected: str) -> None:
    assert language_of(tag, "en") == expected


def test_domain_refusals_are_said_in_the_readers_language() -> None:
    error = NotFound("order", "SO-00009")
    assert error.message == "No order SO-00009."
    with speaking("fr"):
        assert render(error.text) == "Aucune commande SO-00009."
    assert render(error.text, "da") == "Ingen ordre SO-00009."
    assert render(error.text) == "No order SO-00009."


def test_a_sentence_inside_a_sentence_follows_the_same_language() -> None:
    refusal = ValidationFailed.field("qty", _("No order {key}.", key="SO-1"))
    assert refusal.message == "qty: No order SO-1."
    assert render(refusal.text, "fr") == "qty : Aucune commande SO-1."


def test_the_language_is_the_requests_and_falls_back_to_the_default() -> None:
    with speaking("fr"):
        assert gettext("Refused: {reason}", reason="x") == "Refusé : x"
        with speaking("da"):
            assert gettext("Refused: {reason}", reason="x") == "Afvist: x"
        assert translation.current_language() == "fr"
    with speaking("pt-BR"):  # not spoken: the process default
        assert gettext("Refused: {reason}", reason="x") == "Refused: x"


def test_plural_forms_follow_the_count(danish_catalog: None) -> None:
    sentence = ngettext("{n} order for {customer}", "{n} orders for {customer}", 1, customer="A")
    assert str(sentence) == "1 order for A"
    assert render(sentence, "da") == "1 ordre til A"
    assert render(ngettext(sentence.msgid, "{n} orders for {customer}", 3, customer="A"), "da") == (
        "3 ordrer til A"
    )


def test_a_fuzzy_translation_is_not_used(danish_catalog: None) -> None:
    with speaking("da"):
        assert gettext("Draft") == "Draft"


def test_a_sentence_without_values_keeps_its_braces() -> None:
    text = Text("Use {braces} as typed")
    assert str(text) == "Use {braces} as typed"
    assert render(text, "fr") == "Use {braces} as typed"
    assert NotFound("order", "{x}").message == "No order {x}."


def test_a_list_of_sentences_is_joined_the_readers_way() -> None:
    changes = Sentences(
        (
            _(
                "price {old} -> {new}",
                old=Price(Decimal("12.5"), "EUR"),
                new=Price(Decimal("0.333"), "EUR"),
            ),
            _("discount {old} -> {new}", old=Percent(Decimal(0)), new=Percent(Decimal("5.5"))),
            _("quantity {old} -> {new}", old=Quantity(Decimal(10)), new=Quantity(Decimal("12.5"))),
        )
    )
    line = _("Line {number} ({product}): {changes}.", number=1, product="W", changes=changes)
    assert render(line, "en") == (
        "Line 1 (W): price €12.50 -> €0.333, discount 0% -> 5.5%, quantity 10 -> 12.5."
    )
    assert render(line, "fr") == (
        "Ligne 1 (W) : prix 12,50\u00a0€ -> 0,333\u00a0€, remise 0\u00a0% -> 5,5\u00a0% et "
        "quantité 10 -> 12,5."
    )
    assert render(line, "da") == (
        "Linje 1 (W): pris 12,50\u00a0€ -> 0,333\u00a0€, rabat 0\u00a0% -> 5,5\u00a0% og "
        "antal 10 -> 12,5."
    )


def test_a_sentence_ending_on_an_abbreviation_keeps_one_full_stop() -> None:
    """Danish kroner are written `kr.`: a sentence ending on an amount ends there, not on
    `kr..`; a full stop inside the sentence stays."""
    issued = _(
        "Invoice {invoice} was issued for {amount}.",
        invoice="INV-00001",
        amount=Amount(Decimal("8818.06"), "DKK"),
    )
    assert render(issued, "da").replace("\xa0", " ") == (
        "Faktura INV-00001 er udstedt på 8.818,06 kr."
    )
    assert render(issued, "en") == "Invoice INV-00001 was issued for DKK8,818.06."
    with speaking("da"):
        said = gettext("{amount} paid.", amount=Amount(Decimal(5), "DKK")).replace("\xa0", " ")
    assert said == "5,00 kr. paid."
    assert render(_("Ref. {code}.", code="A.")) == "Ref. A."
