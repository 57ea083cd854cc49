"""Dates typed in commands: the written forms every door shares, plus today/tomorrow/+Nd."""

from __future__ import annotations

from datetime import date

import pytest

from bot.language.words import UsageError, parse_date

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-03", date(2026, 12, 3)),
        ("03/12/2026", date(2026, 12, 3)),
        ("3.12.2026", date(2026, 12, 3)),
        ("3 décembre 2026", date(2026, 12, 3)),
        ("December 3, 2026", date(2026, 12, 3)),
        ("today", TODAY),
        ("tomorrow", date(2026, 11, 24)),
        ("aujourd'hui", TODAY),
        ("aujourd\u2019hui", TODAY),
        ("Demain", date(2026, 11, 24)),
        ("i dag", TODAY),
        ("idag", TODAY),
        ("I morgen", date(2026, 11, 24)),
        ("imorgen", date(2026, 11, 24)),
        ("+7d", date(2026, 11, 30)),
        ("+2w", date(2026, 12, 7)),
    ],
)
def test_dates_people_type(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["31/02/2026", "next week", "12/2026"])
def test_what_is_not_a_date_is_refused_with_the_forms(text: str) -> None:
    with pytest.raises(UsageError, match="use 2026-12-03, 03/12/2026"):
        parse_date(text, TODAY)


def test_a_danish_reader_is_told_the_danish_words() -> None:
    from l10n.translation import speaking

    with speaking("da"), pytest.raises(UsageError) as caught:
        parse_date("next week", TODAY)
    assert "i dag, i morgen eller +7d" in str(caught.value), str(caught.value)
