"""A customer row judged alone: its codes and yes/no cells read, its VAT number, postal
code, country, phone and email judged by the identity rule.

Each cell goes through its column's reader (`domain.imports.values`); the readers of
emails, VAT numbers, countries, phones and postal codes call the identity rule
(`domain.customers.identity`), which keeps its answers per distinct text, so a file's
repeated countries cost a look-up. A phone and a postal code are read in their row's
country. Messages come
in a fixed order (the order of the lines below), whatever the order of the file's
columns; the values keep the order of the columns (`KEYS`), so that two rows with the
same values are found equal (`values_key`).
"""

from __future__ import annotations

from collections.abc import Mapping

from domain.imports.columns import CellValue, SheetKind, columns_for
from domain.imports.sessions import Cleaned
from domain.imports.values import (
    as_text,
    code,
    country,
    email,
    language,
    phone,
    postal_code,
    vat_number,
    yes_no,
)
from domain.imports.widths import check_widths
from domain.texts import _

KEYS = tuple(column.key for column in columns_for(SheetKind.CUSTOMERS))
"""The cleaned values' keys, in the order of the columns."""
TEXTS = ("customer_name", "address_name", "address", "city", "state", "contact_name")
"""The columns kept as written."""


def clean_customer(record: Mapping[str, CellValue], labels: Mapping[str, str]) -> Cleaned:
    """A customer row judged alone: values normalised, notes (yellow), problems (red)."""
    out = Cleaned(dict.fromkeys(KEYS))
    values, cell = out.values, record.get
    for key in TEXTS:
        values[key] = as_text(cell(key))
    values["customer_code"] = code(cell("customer_code"), labels["customer_code"], out)
    if cell("customer_code") is None:
        out.problems.append(_("{column}: missing", column=labels["customer_code"]))
    values["vat_number"] = vat_number(cell("vat_number"), labels["vat_number"], out)
    values["address_code"] = code(cell("address_code"), labels["address_code"], out)
    region = values["country"] = country(cell("country"), labels["country"], out)
    values["postal_code"] = postal_code(cell("postal_code"), labels["postal_code"], out, region)
    values["contact_phone"] = phone(cell("contact_phone"), labels["contact_phone"], out, region)
    values["contact_email"] = email(cell("contact_email"), labels["contact_email"], out)
    for key in ("default_address", "default_contact"):
        values[key] = yes_no(cell(key), labels[key], out)
    values["language"] = language(cell("language"), labels["language"], out)
    check_widths(SheetKind.CUSTOMERS, labels, out)
    return out
