"""A reply to a quote says yes only plainly: the words of agreement in English, French
and Danish, alone or with thanks; a question, a condition or a "not" is for a rep."""

from __future__ import annotations

import pytest

from domain.sending.acceptance import says_yes
from domain.sending.sent import SentKind, keys_of, message_key


@pytest.mark.parametrize(
    "body",
    [
        "OK",
        "ok.",
        "Ok, thanks",
        "Accepted",
        "Bon pour accord.\nCordialement,\nAnne",
        "bon pour accord",
        "Je valide le devis, merci",
        "Go!",
        "Ja tak",
        "Accepteret",
        "Godkendt.",
        "Accepté !",
        "\n\n  OK merci beaucoup et bonne journée\n",
    ],
)
def test_a_plain_yes_accepts(body: str) -> None:
    assert says_yes(body)


@pytest.mark.parametrize(
    "body",
    [
        "Can you lower the price?",
        "OK but can you deliver on Monday",
        "ok?",
        "Not OK",
        "Pas bon pour accord",
        "OK si vous baissez le prix de 5 %",
        "Ja, hvis I kan give rabat",
        "Thanks, we will look at it next week.",
        "",
        "OK for the widgets, but the gadgets are too expensive for us at this price level",
    ],
)
def test_anything_else_is_for_a_rep(body: str) -> None:
    assert not says_yes(body)


def test_our_documents_mails_are_known_by_their_key() -> None:
    key = message_key(SentKind.QUOTE, "SO-00003", 2)
    assert key == "quote-so-00003-2"
    ids = [f"<{key}.orderbot@shop.test>", "<abc@acme.test>", "<outbox-7.orderbot@shop.test>"]
    assert keys_of(ids) == [key, "outbox-7"]
