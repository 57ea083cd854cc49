"""Sentences kept as JSON data come back as the same sentences; plain strings as they are."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from domain.text_data import sentence_data, sentence_of
from domain.text_values import Percent, Price, Sentences, Size
from domain.texts import _, ngettext, pgettext
from l10n.translation import render

D = Decimal


def test_a_nested_sentence_survives_json() -> None:
    inner = _("quantity '{value}' is not a number", value="lots")
    sentence = _("{product}: {problem}", product="GADGET", problem=inner)
    back = sentence_of(json.loads(json.dumps(sentence_data(sentence))))
    assert back == sentence
    assert str(back) == "GADGET: quantity 'lots' is not a number"


def test_plural_sentences_and_values_json_cannot_hold() -> None:
    sentence = ngettext("{n} line on {day}", "{n} lines on {day}", 3, day=date(2026, 12, 3))
    data = sentence_data(sentence)
    assert data == {
        "msgid": "{n} line on {day}",
        "params": {"day": "2026-12-03"},
        "plural": "{n} lines on {day}",
        "n": 3,
    }
    assert str(sentence_of(json.loads(json.dumps(data)))) == "3 lines on 2026-12-03"
    assert sentence_data(_("{x}", x=Decimal("12.50")))["params"] == {"x": "12.5"}  # type: ignore[index]


def test_plain_strings_read_back_as_they_are() -> None:
    assert sentence_data("unknown product 'FOO'") == "unknown product 'FOO'"
    assert sentence_of("unknown product 'FOO'") == "unknown product 'FOO'"
    assert sentence_of(None) == ""


def test_prices_percents_and_lists_of_sentences_survive_json() -> None:
    changes = Sentences(
        (
            _("price {old} -> {new}", old=Price(D("12.5"), "EUR"), new=Price(D("0.333"), "EUR")),
            _("discount {old} -> {new}", old=Percent(D(0)), new=Percent(D("5.5"))),
        )
    )
    sentence = _("Line {number} ({product}): {changes}.", number=1, product="W", changes=changes)
    data = sentence_data(sentence)
    assert data["params"]["changes"]["sentences"][0]["params"]["old"] == {  # type: ignore[index]
        "price": "12.5",
        "currency": "EUR",
    }
    back = sentence_of(json.loads(json.dumps(data)))
    assert back == sentence
    assert str(back) == "Line 1 (W): price 12.50 -> 0.333, discount 0% -> 5.5%."


def test_file_sizes_survive_json_and_read_in_plain_english() -> None:
    sentence = _("The file is {size}; at most {allowed}.", size=Size(3565158), allowed=Size(512))
    back = sentence_of(json.loads(json.dumps(sentence_data(sentence))))
    assert back == sentence
    assert str(back) == "The file is 3.4 MB; at most 512 bytes."


def test_a_word_said_in_its_context_keeps_it_through_json() -> None:
    status = pgettext("order status", "closed")
    sentence = _("{code} is {status}; it can no longer change.", code="SO-1", status=status)
    data = sentence_data(sentence)
    assert data["params"]["status"] == {  # type: ignore[index]
        "msgid": "closed",
        "params": {},
        "context": "order status",
    }
    back = sentence_of(json.loads(json.dumps(data)))
    assert back == sentence
    assert render(back, "fr") == "SO-1 est clôturée ; elle ne peut plus changer."
