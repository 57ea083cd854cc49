"""Money, numbers and dates in every view come from the one formatter (l10n/formats.py):
no view, mail, template or page writes an amount or a date by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
VIEWS = ("bot", "mail", "runtime", "scheduler")  # the doors, their templates and pages
SUFFIXES = {".py", ".j2", ".html", ".txt"}

HAND_MADE = {
    "a fixed-decimal format (`{x:.2f}`, `{x:,.2f}`)": re.compile(r"\{[^{}]*:[,_]?\.\d+f\}"),
    "a %-format of two decimals (`'%.2f' % x`)": re.compile(r"%[,]?\.2f"),
    "a str.format of two decimals (`'{:.2f}'`)": re.compile(r"\{:[,_]?\.\d+f\}"),
    "a currency glued to an amount (`{amount} EUR`, `€{x}`)": re.compile(
        r"\}\s?(?:EUR|DKK|USD|GBP|SEK|NOK|€|kr\.?)(?![A-Za-z])|(?:€|\$|EUR ?)\{"
    ),
    "rounding for display (`quantize`)": re.compile(r"\.quantize\("),
    "Babel or strftime outside the formatter": re.compile(
        r"babel\.numbers|babel\.dates|format_currency\(|format_decimal\(|\.strftime\("
    ),
    "a Jinja filter formatting a number by hand": re.compile(r"\|\s*(?:round|format)\b"),
}


def hand_made(text: str) -> list[str]:
    """What in `text` formats money, numbers or dates by hand, one entry per finding."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for what, pattern in HAND_MADE.items():
            if pattern.search(line):
                found.append(f"{number}: {what}: {line.strip()}")
    return found


def view_files() -> list[Path]:
    return sorted(
        path
        for root in VIEWS
        for path in (ROOT / root).rglob("*")
        if path.suffix in SUFFIXES and "__pycache__" not in path.parts
    )


@pytest.mark.parametrize(
    "sample",
    [
        'f"{total:.2f} EUR"',
        'f"{amount:,.2f}"',
        '"%.2f" % price',
        '"{:.2f}".format(net)',
        'f"{gross} EUR"',
        'f"€{gross}"',
        "net.quantize(Decimal('0.01'))",
        "from babel.numbers import format_currency",
        "day.strftime('%d/%m/%Y')",
        "{{ line.net | round(2) }}",
    ],
)
def test_the_grep_finds_hand_made_formats(sample: str) -> None:
    assert hand_made(sample)


@pytest.mark.parametrize(
    "sample",
    [
        "f.money(o.totals.gross)",
        'log.warning("%s; reconnecting in %.1f s", trouble, delay)',
        'f"{o.code} · {who}"',
        '"Tax {rate}"',
    ],
)
def test_the_grep_leaves_the_formatter_calls_alone(sample: str) -> None:
    assert hand_made(sample) == []


def test_no_view_formats_money_or_dates_by_hand() -> None:
    files = view_files()
    assert len(files) > 50  # the doors were found
    found = [
        f"{path.relative_to(ROOT)}:{finding}"
        for path in files
        for finding in hand_made(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert found == [], "format through l10n/formats.py instead:\n" + "\n".join(found)
