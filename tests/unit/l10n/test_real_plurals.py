"""No message counts English-style: a count has its plural forms (ngettext), and a line
with several counts is made of one phrase per count, so no source message and no French
or Danish translation writes "order(s)", "traité(s)" or "kørsel(er)".

The one kind left is a stored timeline sentence whose English was kept in old rows
("Order created (email) with 2 line(s)."): its msgid cannot change, and its translations
have real plural forms."""

from __future__ import annotations

import re

from babel.messages.catalog import Message

from scripts import catalogs

GLUED = re.compile(r"\w\((s|e|er|r|es)\)")
STORED = ("Order created ({source}) with {n} line(s).", "Merged {code} into this order:")


def _glued(message: Message) -> list[str]:
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    if any(str(i).startswith(STORED) for i in ids):
        return []
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return [text for text in (*ids, *strings) if text and GLUED.search(text)]


def test_no_source_message_counts_with_a_glued_plural() -> None:
    template = catalogs._read(catalogs.TEMPLATE)
    found = [text for message in template for text in _glued(message)]
    assert found == []


def test_no_translation_counts_with_a_glued_plural() -> None:
    for language in ("fr", "da"):
        catalog = catalogs._read(catalogs.po_path(language), language)
        found = [text for message in catalog for text in _glued(message)]
        assert found == [], language


def test_a_glued_plural_is_found() -> None:
    assert _glued(Message("{n} order(s) created", "{n} commande(s) créée(s)"))
    assert not _glued(Message("{n} orders created", "{n} commandes créées"))
