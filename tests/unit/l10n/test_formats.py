"""The one formatter: amounts, numbers, rates and dates per locale."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from l10n import formats
from l10n.formats import ISO_DATE, ISO_MINUTE, Formats

D = Decimal
NNBSP, NBSP = "\u202f", "\u00a0"  # CLDR's narrow no-break and no-break spaces


@pytest.mark.parametrize(
    ("locale", "currency", "expected"),
    [
        ("en", "EUR", "€1,234.50"),
        ("en_GB", "EUR", "€1,234.50"),
        ("fr", "EUR", f"1{NNBSP}234,50{NBSP}€"),
        ("fr-FR", "EUR", f"1{NNBSP}234,50{NBSP}€"),
        ("da", "DKK", f"1.234,50{NBSP}kr."),
        ("de", "EUR", f"1.234,50{NBSP}€"),
        ("en", "DKK", "DKK1,234.50"),
        ("xx", "EUR", "€1,234.50"),  # an unknown locale reads as English
        (None, "EUR", "€1,234.50"),
    ],
)
def test_money_per_locale(locale: str | None, currency: str, expected: str) -> None:
    assert formats.money(D("1234.5"), currency, locale) == expected


def test_amounts_round_to_the_cent_and_unit_prices_keep_their_decimals() -> None:
    assert formats.money(D("-0.03"), "EUR") == "-€0.03"
    assert formats.money("12.5", "EUR") == "€12.50"
    assert formats.money(D("0.0125"), "EUR") == "€0.01"
    assert formats.money(D("0.0125"), "EUR", exact=True) == "€0.0125"
    assert formats.money(D("12.500000"), "EUR", exact=True) == "€12.50"
    assert formats.money(D("0.0125"), "EUR", "fr", exact=True) == f"0,0125{NBSP}€"


@pytest.mark.parametrize(
    ("value", "locale", "decimals", "expected"),
    [
        (D("1000"), "en", None, "1,000"),
        (D("2.500"), "en", None, "2.5"),
        (D("2.125"), "en", None, "2.125"),  # every decimal a quantity carries
        (D("1E+2"), "en", None, "100"),
        (D("1234.5"), "fr", None, f"1{NNBSP}234,5"),
        (D("1234.5"), "da", None, "1.234,5"),
        (2, "en", 2, "2.00"),
        (1.25, "en", 1, "1.2"),  # a measure, rounded half to even
        ("7", "fr", 0, "7"),
    ],
)
def test_numbers(value: object, locale: str, decimals: int | None, expected: str) -> None:
    assert formats.number(value, locale, decimals) == expected  # type: ignore[arg-type]


def test_rates() -> None:
    assert formats.percent(D("5.5")) == "5.5%"
    assert formats.percent(D(20)) == "20%"
    assert formats.percent(D("5.5"), "fr") == f"5,5{NBSP}%"


def test_dates_and_moments() -> None:
    day = date(2024, 1, 3)
    assert formats.date(day) == "Jan 3, 2024"
    assert formats.date("2024-01-03", "fr", "long") == "3 janvier 2024"
    assert formats.date(day, "en_GB", "long") == "3 January 2024"
    assert formats.date(day, "fr", ISO_DATE) == "2024-01-03"
    at = datetime(2024, 1, 1, 7, 5, tzinfo=UTC)
    assert formats.datetime(at, "en", ISO_MINUTE) == "2024-01-01 07:05"
    assert formats.datetime(at, "en", ISO_MINUTE, ZoneInfo("Europe/Paris")) == "2024-01-01 08:05"
    paris = at.astimezone(ZoneInfo("Europe/Paris"))
    assert formats.datetime(paris, "en", ISO_MINUTE) == "2024-01-01 08:05"  # its own zone
    assert formats.datetime("2024-01-01T07:05:00+00:00", "en_GB") == "1 Jan 2024, 07:05:00"


def test_a_views_formats_carry_its_currency_and_locale() -> None:
    fr = Formats("EUR", "fr")
    assert fr.money(D("1234.5")) == f"1{NNBSP}234,50{NBSP}€"
    assert fr.number(D("1000")) == f"1{NNBSP}000"
    assert Formats().date(date(2024, 1, 3)) == "2024-01-03"  # the team's views: ISO
    assert Formats().datetime(datetime(2024, 1, 1, 7, 5, tzinfo=UTC)) == "2024-01-01 07:05"


@pytest.mark.parametrize(
    ("size", "locale", "expected"),
    [
        (20 * 1024 * 1024, "en", "20 MB"),
        (int(3.4 * 1024 * 1024), "fr", "3,4\u202fMo"),
        (int(3.4 * 1024 * 1024), "da", "3,4 MB"),
        (2048, "en", "2 kB"),
        (512, "en", "512 bytes"),
        (512, "fr", "512\u00a0octets"),
        (3 * 1024**3, "en", "3 GB"),
    ],
)
def test_file_sizes(size: int, locale: str, expected: str) -> None:
    assert formats.file_size(size, locale) == expected
