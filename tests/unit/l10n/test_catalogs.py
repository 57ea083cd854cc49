"""The catalogs are complete: every message of the code translated into French and Danish,
each translation with exactly its source's placeholders (scripts/catalogs.py)."""

from __future__ import annotations

from babel.messages.catalog import Catalog, Message

from scripts import catalogs


def test_every_message_is_translated_with_its_placeholders() -> None:
    assert catalogs.problems() == [], "run: python scripts/catalogs.py --update, then translate"


def test_a_lost_or_invented_placeholder_is_named() -> None:
    source = Message("No order {key}.")
    template = Catalog()
    template[source.id] = source
    french = Catalog(locale="fr")
    french.add("No order {key}.", "Aucune commande {code}.")
    found = list(catalogs._language_problems("fr", french, template))
    assert found == [
        "fr: the translation of 'No order {key}.' has placeholders ['code'], the source ['key']"
    ]


def test_a_missing_translation_is_named() -> None:
    template = Catalog()
    template.add("Refused: {reason}")
    found = list(catalogs._language_problems("da", Catalog(locale="da"), template))
    assert found == ["da: no translation of 'Refused: {reason}'"]
