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
from domain.imports.columns import CellValue
from domain.imports.sessions import Cleaned, Value

YES_WORDS = frozenset({"yes", "oui", "y", "o", "true", "vrai", "1", "x", "ja", "sand", "si", "sí"})
NO_WORDS = frozenset({"no", "non", "n", "false", "faux", "0", "nein", "nej", "falsk"})
EXACT = {"Yes": True, "No": False, "Oui": True, "Non": False, "Ja": True, "Nej": False}
"""The values the templates' drop-downs offer: taken as they are (green)."""


def as_text(value: CellValue) -> str | None:
    """A cell as text: numbers without a trailing .0, dates as ISO, empty as None."""
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
    text = (as_text(value) or "").strip()
    if text in EXACT:
        return EXACT[text]
    word = text.casefold()
    if word in YES_WORDS or word in NO_WORDS:
        answer = word in YES_WORDS
        out.notes.append(f"{label}: {text!r} read as {'Yes' if answer else 'No'}")
        return answer
    out.problems.append(f"{label}: {text!r} is not Yes or No (Oui/Non, Ja/Nej)")
    return None


def number(value: CellValue, label: str, out: Cleaned, positive: bool = False) -> Decimal | None:
    """A number (zero or more, or more than zero when `positive`); red when it is not."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        out.problems.append(
            f"{label}: {as_text(value)!r} is not a {'positive ' if positive else ''}number"
        )
        return None
    amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if amount < 0 or (positive and amount == 0):
        wanted = "a positive number" if positive else "zero or more"
        out.problems.append(f"{label}: {as_text(value)} is not {wanted}")
        return None
    if too_big := bounds.number_problem(label, amount, bounds.QUANTITY):  # prices: the same
        out.problems.append(too_big)
        return None
    return amount


def a_date(value: CellValue, label: str, out: Cleaned) -> date | None:
    """A date (already read from a serial or from text by the column coercion)."""
    if value is None or isinstance(value, date):
        return value
    out.problems.append(f"{label}: {as_text(value)!r} is not a date (use 2025-03-31 or 31/03/2025)")
    return None


def code(value: CellValue, label: str, out: Cleaned) -> str | None:
    """An identifier: one word, kept as written (leading zeros included)."""
    text = as_text(value)
    if text is not None and text.split() != [text]:  # any whitespace (str.isspace's)
        out.problems.append(f"{label}: {text!r} has spaces; codes are one word")
        return None
    if text is not None and (too_long := bounds.text_problem(label, text, bounds.CUSTOMER_CODE)):
        out.problems.append(too_long)
        return None
    return text


Judge = Callable[[str], "str | identity.Refusal"]


def _judged(value: CellValue, label: str, out: Cleaned, judge: Judge) -> str | None:
    """The cell as the identity rule's `judge` writes it: red with the rule's reason when
    refused, yellow when it wrote the text differently."""
    text = as_text(value)
    if text is None:
        return None
    found = judge(text)
    if isinstance(found, identity.Refusal):
        out.problems.append(f"{label}: {found.reason}")
        return None
    if found != text:
        out.notes.append(f"{label}: {text!r} read as {found}")
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
    return _judged(value, label, out, lambda text: identity.judge_postal_code(text, region or ""))


def phone(value: CellValue, label: str, out: Cleaned, region: str | None) -> str | None:
    """A phone number in international form; a national one is read in `region` (the
    row's country)."""
    return _judged(value, label, out, lambda text: identity.judge_phone(text, region or ""))


def values_key(values: dict[str, Value]) -> tuple[object, ...]:
    """A hashable form of a row's values, to find duplicate rows.

    Rows of one kind are cleaned into dicts with the same keys in the same order, so
    the values alone tell two rows apart.
    """
    return tuple(values.values())
