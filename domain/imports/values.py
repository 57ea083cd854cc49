"""Reading one cell of an import row by its column's kind, saying what was changed.

Each reader returns the normalised value and records on the row's `Cleaned` a note
(yellow: `oui` read as Yes, `France` read as FR) or a problem (red: the column and the
reason). Messages name the column as the file's header writes it. Emails, VAT numbers,
countries, phones and postal codes are judged by the identity rule
(`domain.customers.identity`), whose reason follows the column: the same value gets the
same verdict and the same words as at the console or in Slack.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from domain import bounds
from domain.customers import identity
from domain.imports.columns import CellValue, ambiguous_thousand
from domain.imports.sessions import Cleaned, Value
from domain.texts import _

YES_WORDS = frozenset({"yes", "oui", "y", "o", "true", "vrai", "1", "x", "ja", "sand", "si", "sí"})
NO_WORDS = frozenset({"no", "non", "n", "false", "faux", "0", "nein", "nej", "falsk"})
YES_NO_WORDS = {"en": ("Yes", "No"), "fr": ("Oui", "Non"), "da": ("Ja", "Nej")}
"""Yes and No the way each language's template writes them."""
EXACT = {word: word == yes for yes, no in YES_NO_WORDS.values() for word in (yes, no)}
"""The values the templates' drop-downs offer: taken as they are (green)."""


def as_text(value: CellValue) -> str | None:
    """A cell as text: numbers without a trailing .0, dates as ISO, empty as None."""
    if type(value) is str:  # most cells: before the checks a str subclass goes through
        return value or None
    if value is None:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def yes_no(value: CellValue, label: str, out: Cleaned) -> bool | None:
    """Yes/No, Oui/Non, Ja/Nej (or a spreadsheet boolean) as is; oui, YES, 1, x... read
    with a note."""
    if value is None or isinstance(value, bool):
        return value
    if type(value) is str and value in EXACT:  # a drop-down's word, as most rows write it
        return EXACT[value]
    text = (as_text(value) or "").strip()
    if text in EXACT:
        return EXACT[text]
    word = text.casefold()
    if word in YES_WORDS or word in NO_WORDS:
        answer = word in YES_WORDS
        if answer:
            out.notes.append(_("{column}: {value} read as Yes", column=label, value=repr(text)))
        else:
            out.notes.append(_("{column}: {value} read as No", column=label, value=repr(text)))
        return answer
    out.problems.append(
        _("{column}: {value} is not Yes or No (Oui/Non, Ja/Nej)", column=label, value=repr(text))
    )
    return None


def number(value: CellValue, label: str, out: Cleaned, positive: bool = False) -> Decimal | None:
    """A number (zero or more, or more than zero when `positive`); red when it is not."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        shown = repr(as_text(value))
        readings = ambiguous_thousand(value) if isinstance(value, str) else None
        if readings:
            out.problems.append(_(
                "{column}: {value} could be {thousands} or {decimal}; write it without a "
                "thousands separator",
                column=label, value=shown, thousands=format(readings[0], "f"),
                decimal=format(readings[1].normalize(), "f"),
            ))  # fmt: skip
        elif positive:
            out.problems.append(_("{column}: {value} is not a positive number", column=label,
                                  value=shown))  # fmt: skip
        else:
            out.problems.append(_("{column}: {value} is not a number", column=label, value=shown))
        return None
    amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if amount < 0 or (positive and amount == 0):
        if positive:
            out.problems.append(_("{column}: {value} is not a positive number", column=label,
                                  value=as_text(value)))  # fmt: skip
        else:
            out.problems.append(_("{column}: {value} is not zero or more", column=label,
                                  value=as_text(value)))  # fmt: skip
        return None
    bound = bounds.QUANTITY  # prices: the same
    if bounds.number_problem(label, amount, bound):
        out.problems.append(_(
            "{column} {value} is out of bounds: at most {digits} digits before the point and "
            "{decimals} after",
            column=label, value=bounds.shown(amount), digits=bound.digits,
            decimals=bound.decimals,
        ))  # fmt: skip
        return None
    return amount


def a_date(value: CellValue, label: str, out: Cleaned) -> date | None:
    """A date (already read from a serial or from text by the column coercion)."""
    if value is None or isinstance(value, date):
        return value
    out.problems.append(_("{column}: {value} is not a date (use 2025-03-31 or 31/03/2025)",
                          column=label, value=repr(as_text(value))))  # fmt: skip
    return None


def code(value: CellValue, label: str, out: Cleaned) -> str | None:
    """An identifier: one word, kept as written (leading zeros included)."""
    text = as_text(value)
    if text is not None and text.split() != [text]:  # any whitespace (str.isspace's)
        out.problems.append(
            _("{column}: {value} has spaces; codes are one word", column=label, value=repr(text))
        )
        return None
    limit = bounds.CUSTOMER_CODE
    if text is not None and bounds.text_problem(label, text, limit):
        out.problems.append(_("{column} is {length} characters long; at most {limit}",
                              column=label, length=len(text), limit=limit))  # fmt: skip
        return None
    return text


Judge = Callable[..., "str | identity.Refusal"]


def _judged(value: CellValue, label: str, out: Cleaned, judge: Judge, *within: str) -> str | None:
    """The cell as the identity rule's `judge` writes it (given `within`, the row's
    country, when the rule reads the text in one): red with the rule's reason when
    refused, yellow when it wrote the text differently."""
    text = as_text(value)
    if text is None:
        return None
    found = judge(text, *within)
    if isinstance(found, identity.Refusal):
        out.problems.append(_("{column}: {problem}", column=label, problem=found.reason))
        return None
    if found != text:
        out.notes.append(
            _("{column}: {value} read as {read}", column=label, value=repr(text), read=found)
        )
    return found or None


def country(value: CellValue, label: str, out: Cleaned) -> str | None:
    """An ISO 3166 alpha-2 code; a name or a lower-case code is turned into it (yellow)."""
    return _judged(value, label, out, identity.judge_country)


def email(value: CellValue, label: str, out: Cleaned) -> str | None:
    """A valid email address, normalised (the domain in lower case, with a note)."""
    return _judged(value, label, out, identity.judge_email)


def vat_number(value: CellValue, label: str, out: Cleaned) -> str | None:
    """A VAT number without spaces or dots; an EU number must have right check digits."""
    return _judged(value, label, out, identity.judge_vat)


def postal_code(value: CellValue, label: str, out: Cleaned, region: str | None) -> str | None:
    """A postal code as text (leading zeros kept), trimmed, of the form of `region` (the
    row's country) when it is known."""
    return _judged(value, label, out, identity.judge_postal_code, region or "")


def phone(value: CellValue, label: str, out: Cleaned, region: str | None) -> str | None:
    """A phone number in international form; a national one is read in `region` (the
    row's country)."""
    return _judged(value, label, out, identity.judge_phone, region or "")


_LANGUAGES = {
    "en": "en", "english": "en", "anglais": "en", "engelsk": "en",
    "fr": "fr", "french": "fr", "francais": "fr", "français": "fr", "fransk": "fr",
    "da": "da", "danish": "da", "danois": "da", "dansk": "da",
}  # fmt: skip
"""The languages orderbot writes to customers in, by code and by name in each language."""


def language(value: CellValue, label: str, out: Cleaned) -> str | None:
    """A language orderbot writes in (en, fr, da); its name (`Français`, `Dansk`) is read
    as its code, with a note."""
    text = as_text(value)
    if text is None:
        return None
    found = _LANGUAGES.get(text.strip().casefold())
    if found is None:
        out.problems.append(_("{column}: {value} is not a language orderbot writes in; use en, "
                              "fr or da", column=label, value=repr(text)))  # fmt: skip
    elif found != text:
        out.notes.append(
            _("{column}: {value} read as {read}", column=label, value=repr(text), read=found)
        )
    return found


def values_key(values: dict[str, Value]) -> tuple[object, ...]:
    """A hashable form of a row's values, to find duplicate rows.

    Rows of one kind are cleaned into dicts with the same keys in the same order, so
    the values alone tell two rows apart.
    """
    return tuple(values.values())
