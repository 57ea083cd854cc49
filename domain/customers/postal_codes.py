"""The form of postal codes, country by country: what the identity rule checks a postal
code against when its address's country is known.

Each entry is a pattern (matched on the whole code, ignoring case), the form in words
and an example. Countries not listed take any code up to the column's width, as before;
the list covers the countries orderbot's customers are in most (the EU and EFTA, the
United Kingdom, North America and a few more). Digits-only forms say so, which lets the
rule spot a code whose leading zero a spreadsheet dropped (`1000` for `01000`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.texts import Text, _, ngettext


@dataclass(frozen=True, slots=True)
class PostalForm:
    """How a country writes its postal codes."""

    pattern: re.Pattern[str]
    words: Text
    example: str
    digits: int = 0
    """The number of digits when a code is digits only (0: letters are part of it)."""


def _digits(count: int, example: str) -> PostalForm:
    words = ngettext("{n} digit", "{n} digits", count)
    return PostalForm(re.compile(rf"\d{{{count}}}"), words, example, count)


def _form(pattern: str, words: Text, example: str) -> PostalForm:
    return PostalForm(re.compile(pattern, re.IGNORECASE), words, example)


FORMS: dict[str, PostalForm] = {
    "FR": _digits(5, "75001"), "DE": _digits(5, "10115"), "IT": _digits(5, "00184"),
    "ES": _digits(5, "28001"), "FI": _digits(5, "00100"), "EE": _digits(5, "10111"),
    "HR": _digits(5, "10000"), "GR": _form(r"\d{3} ?\d{2}", _("5 digits"), "105 57"),
    "BE": _digits(4, "1000"), "AT": _digits(4, "1010"), "CH": _digits(4, "8001"),
    "LI": _digits(4, "9490"), "DK": _digits(4, "1050"), "NO": _digits(4, "0150"),
    "HU": _digits(4, "1051"), "BG": _digits(4, "1000"), "SI": _digits(4, "1000"),
    "CY": _digits(4, "1010"), "RO": _digits(6, "010011"), "IS": _digits(3, "101"),
    "MC": _form(r"980\d{2}", _("5 digits starting 980"), "98000"),
    "LU": _form(r"(L-?)?\d{4}", _("4 digits, L- before them or not"), "L-1234"),
    "NL": _form(r"\d{4} ?[A-Z]{2}", _("4 digits and 2 letters"), "1012 AB"),
    "PT": _form(r"\d{4}-\d{3}", _("4 digits, a dash and 3 digits"), "1000-001"),
    "PL": _form(r"\d{2}-\d{3}", _("2 digits, a dash and 3 digits"), "00-950"),
    "CZ": _form(r"\d{3} ?\d{2}", _("5 digits"), "110 00"),
    "SK": _form(r"\d{3} ?\d{2}", _("5 digits"), "811 01"),
    "SE": _form(r"\d{3} ?\d{2}", _("5 digits"), "114 55"),
    "LV": _form(r"(LV-)?\d{4}", _("4 digits, LV- before them or not"), "LV-1050"),
    "LT": _form(r"(LT-)?\d{5}", _("5 digits, LT- before them or not"), "LT-01100"),
    "MT": _form(r"[A-Z]{3} ?\d{4}", _("3 letters and 4 digits"), "VLT 1117"),
    "IE": _form(r"[A-Z]\d[0-9W] ?[0-9A-Z]{4}", _("an Eircode"), "D02 X285"),
    "GB": _form(r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", _("a UK postcode"), "SW1A 1AA"),
    "US": _form(r"\d{5}(-\d{4})?", _("5 digits, or 5+4"), "10001"),
    "CA": _form(r"[A-Z]\d[A-Z] ?\d[A-Z]\d", _("letter, digit, letter, digit..."), "K1A 0B1"),
    "AU": _digits(4, "2000"), "JP": _form(r"\d{3}-?\d{4}", _("7 digits"), "100-0001"),
    "BR": _form(r"\d{5}-?\d{3}", _("8 digits"), "01310-100"), "MX": _digits(5, "06000"),
    "IN": _digits(6, "110001"), "CN": _digits(6, "100000"), "RU": _digits(6, "101000"),
    "TR": _digits(5, "06100"), "MA": _digits(5, "10000"), "TN": _digits(4, "1000"),
    "DZ": _digits(5, "16000"),
}  # fmt: skip
"""Country (ISO 3166 alpha-2) -> the form of its postal codes."""
