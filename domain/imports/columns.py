"""Spreadsheet column specs for the import kinds, and matching a header row to them.

This module owns *what* the columns of a customers, orders or products sheet are (key,
English, French and Danish headers, required flag, a note for templates, the kind of
value) and how a header row written by a person is recognised: by name in English, French
or Danish, in any order, ignoring case, accents, spaces and punctuation ("E-mail" =
"email"), and which of the three languages the row is written in. It also owns the light,
unambiguous coercion of cells by value kind (a number written as text, a date written as
text or as an Excel serial); anything ambiguous is passed on unchanged so the
verdict code can refuse it with a reason. Pure: standard library only, no file access.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from domain.imports.danish_headers import DANISH
from domain.orders.written_dates import parse_date as read_written_date
from domain.texts import Text, _

CellValue = str | int | float | Decimal | bool | date | None
"""A cleaned cell: text, number, yes/no, date, or None when empty."""


class SheetKind(StrEnum):
    """What a sheet holds; each kind has its own columns."""

    CUSTOMERS = "customers"
    ORDERS = "orders"
    PRODUCTS = "products"


class ValueKind(StrEnum):
    """The kind of value a column holds; the verdict code checks values by it."""

    TEXT = "text"  # free text, kept as written
    CODE = "code"  # an identifier: kept as text, leading zeros included
    NUMBER = "number"  # a quantity or an amount
    DATE = "date"  # a calendar day
    YES_NO = "yes/no"  # Yes/No, Oui/Non (or a spreadsheet boolean)
    COUNTRY = "country"  # an ISO 3166 alpha-2 code, or a country name to normalise
    EMAIL = "email"  # one e-mail address
    PHONE = "phone"  # a telephone number, kept as text
    LANGUAGE = "language"  # en, fr or da (or the language's name): what mails are written in


@dataclass(frozen=True)
class Column:
    """One column of a sheet kind."""

    key: str
    en: str
    fr: str
    required: bool
    note: Text
    kind: ValueKind
    aliases: tuple[str, ...] = ()

    da: tuple[str, ...] = ()
    """The Danish header first, then other Danish names it goes by."""

    def names(self) -> tuple[str, ...]:
        """Every header text this column answers to."""
        return (self.en, self.fr, *self.aliases, *self.da)

    def header(self, language: str) -> str:
        """The header a template in `language` (en, fr, da) writes."""
        if language == "fr":
            return self.fr
        if language == "da" and self.da:
            return self.da[0]
        return self.en


def _col(
    key: str, en: str, fr: str, kind: ValueKind, note: Text, *aliases: str, required: bool = False
) -> Column:
    return Column(key, en, fr, required, note, kind, aliases)


_T, _C, _N, _D = ValueKind.TEXT, ValueKind.CODE, ValueKind.NUMBER, ValueKind.DATE
_YN = ValueKind.YES_NO

CUSTOMER_COLUMNS: tuple[Column, ...] = (
    _col("customer_code", "Customer code", "Code client", _C,
         _("Unique identifier of the customer. Repeat it to add addresses and contacts."),
         "Code", "Code du client", "Client code", "Customer ID", required=True),
    _col("customer_name", "Customer name", "Nom du client", _T, _("Name of the customer."),
         "Name", "Nom", "Company", "Société", "Raison sociale", required=True),
    _col("vat_number", "VAT number", "Numéro de TVA", _C, _("VAT number of the customer."),
         "TVA", "VAT", "Numéro TVA", "N° TVA", "VAT no", "TVA intracommunautaire"),
    _col("address_code", "Address code", "Adresse Code", _C,
         _("Unique code of this address of the customer."), "Code adresse"),
    _col("address_name", "Address name", "Adresse Nom", _T,
         _("Unique name of this address of the customer."), "Nom adresse"),
    _col("address", "Address", "Adresse", _T, _("Street and number.")),
    _col("city", "City", "Ville", _T, _("City of the address.")),
    _col("postal_code", "Postal code", "Code postal", _C, _("Postal code of the address."),
         "Zip code", "Postcode", "Zip", "CP"),
    _col("state", "State", "État", _T, _("State or region of the address."), "Region", "Région"),
    _col("country", "Country", "Pays", ValueKind.COUNTRY,
         _("Two-letter country code, such as FR, PT, US.")),
    _col("default_address", "Default address", "Est l'adresse par défaut", _YN,
         _("Yes to make this address the customer's default (Oui/Non also accepted)."),
         "Adresse par défaut"),
    _col("contact_name", "Contact name", "Nom du contact", _T,
         _("Name of a contact person for this customer.")),
    _col("contact_phone", "Contact phone", "Téléphone du contact", ValueKind.PHONE,
         _("Telephone number of the contact."), "Phone", "Téléphone", "Tel", "Tél"),
    _col("contact_email", "Contact email", "Adresse e-mail du contact", ValueKind.EMAIL,
         _("E-mail address of the contact."), "E-mail du contact", "Email", "E-mail",
         "Courriel", "Mail"),
    _col("default_contact", "Default contact", "Est le contact par défaut", _YN,
         _("Yes to make this contact the customer's default (Oui/Non also accepted)."),
         "Contact par défaut"),
    _col("language", "Language", "Langue", ValueKind.LANGUAGE,
         _("The language mails to the customer are written in: en, fr or da; empty: the "
           "default, until the customer's first mail tells."), "Lang"),
)  # fmt: skip

ORDER_COLUMNS: tuple[Column, ...] = (
    _col("product", "Product", "Produit", _C, _("Product code (or exact product name)."),
         "Product code", "Code produit", required=True),
    _col("quantity", "Quantity", "Quantité", _N, _("How many; a positive number."), "Qty",
         "Qté", required=True),
    _col("unit_price", "Unit price", "Prix unitaire", _N,
         _("Price per unit; leave empty for the list price.")),
    _col("requested_date", "Requested date", "Date de demande", _D,
         _("Wished delivery day, as a date (2025-03-31 or 31/03/2025).")),
    _col("delivery_address", "Delivery address", "Adresse de livraison", _T,
         _("Address code or name; leave empty for the default address.")),
    _col("remarks", "Remarks", "Observations", _T, _("Free text for this line."), "Remarques",
         "Notes"),
    _col("customer_code", "Customer code", "Code client", _C,
         _("Multi-order files only: the customer of this line.")),
    _col("order_reference", "Order reference", "Référence", _C,
         _("Multi-order files only: lines with the same reference form one order."),
         "Reference", "Référence commande"),
)  # fmt: skip

PRODUCT_COLUMNS: tuple[Column, ...] = (
    _col("product_code", "Product code", "Code produit", _C, _("Unique identifier of the product."),
         required=True),
    _col("name", "Name", "Nom", _T, _("Name of the product."), "Product name", "Nom du produit",
         required=True),
    _col("unit_price", "Unit price", "Prix unitaire", _N, _("List price per unit.")),
    _col("tax_code", "Tax code", "Code taxe", _C, _("Tax code applied to this product.")),
    _col("frequencies", "Frequencies", "Fréquences", _T,
         _("Subscription frequencies offered, separated by commas (monthly, quarterly, yearly).")),
    _col("opening_stock", "Opening stock", "Stock initial", _N,
         _("Quantity on hand in the default warehouse (empty: stock not kept)."), "Stock",
         "On hand", "En stock"),
)  # fmt: skip


def _with_danish(kind: SheetKind, columns: tuple[Column, ...]) -> tuple[Column, ...]:
    names = DANISH[kind]
    return tuple(replace(column, da=names.get(column.key, ())) for column in columns)


CUSTOMER_COLUMNS = _with_danish(SheetKind.CUSTOMERS, CUSTOMER_COLUMNS)
ORDER_COLUMNS = _with_danish(SheetKind.ORDERS, ORDER_COLUMNS)
PRODUCT_COLUMNS = _with_danish(SheetKind.PRODUCTS, PRODUCT_COLUMNS)

COLUMNS: Mapping[SheetKind, tuple[Column, ...]] = {
    SheetKind.CUSTOMERS: CUSTOMER_COLUMNS,
    SheetKind.ORDERS: ORDER_COLUMNS,
    SheetKind.PRODUCTS: PRODUCT_COLUMNS,
}

STATUS_HEADERS = ("Status", "Statut")
"""The Status column an annotated copy adds, as each language heads it (en and da, fr)."""
MESSAGE_HEADERS = ("Message", "Besked")
"""The Message column an annotated copy adds (en and fr, da)."""
# Columns an annotated copy adds; a re-imported annotated copy must not warn about them.
KNOWN_EXTRA_HEADERS: tuple[str, ...] = (*STATUS_HEADERS, *MESSAGE_HEADERS)

HEADER_SCAN_ROWS = 10
"""How many leading rows may hold a title or notes before the header row."""


def columns_for(kind: SheetKind) -> tuple[Column, ...]:
    """The columns of a sheet kind, in template order."""
    return COLUMNS[kind]


def normalise_header(text: object) -> str:
    """A header reduced to lower-case letters and digits, without accents."""
    decomposed = unicodedata.normalize("NFKD", str(text) if text is not None else "")
    no_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in no_marks.casefold() if ch.isalnum())


@dataclass(frozen=True)
class HeaderMatch:
    """How one header row maps to a kind's columns."""

    columns: Mapping[int, str]
    """Column index (0-based) -> column key, for every recognised header."""
    unknown: tuple[tuple[int, str], ...]
    """(index, header text) of headers that match no column: a warning, not a failure."""
    missing: tuple[str, ...]
    """Keys of required columns that were not found."""
    duplicates: tuple[tuple[int, str], ...] = ()
    """(index, key) of a second column for a key already matched; its values are ignored."""
    extras: tuple[int, ...] = ()
    """Indexes of known extra columns (Status, Message of an annotated copy)."""
    language: str = "en"
    """The language the headers are written in (en, fr, da): the report speaks it."""

    @property
    def ok(self) -> bool:
        """True when every required column is present."""
        return not self.missing

    def record(self, cells: Sequence[CellValue]) -> dict[str, CellValue]:
        """The row's values by column key; absent cells are None."""
        return {
            key: (cells[index] if index < len(cells) else None)
            for index, key in self.columns.items()
        }


def _lookup(kind: SheetKind) -> dict[str, str]:
    table: dict[str, str] = {}
    for column in COLUMNS[kind]:
        for name in column.names():
            table.setdefault(normalise_header(name), column.key)
    return table


_LOOKUPS: dict[SheetKind, dict[str, str]] = {kind: _lookup(kind) for kind in SheetKind}
_EXTRAS = frozenset(normalise_header(name) for name in KNOWN_EXTRA_HEADERS)


def match_headers(kind: SheetKind, cells: Sequence[object]) -> HeaderMatch:
    """Map a header row to the kind's column keys; report unknown and missing ones."""
    lookup = _LOOKUPS[kind]
    columns: dict[int, str] = {}
    unknown: list[tuple[int, str]] = []
    duplicates: list[tuple[int, str]] = []
    extras: list[int] = []
    for index, cell in enumerate(cells):
        text = "" if cell is None else str(cell).strip()
        norm = normalise_header(text)
        if not norm:
            continue
        key = lookup.get(norm)
        if key is None:
            if norm in _EXTRAS:
                extras.append(index)
            else:
                unknown.append((index, text))
        elif key in columns.values():
            duplicates.append((index, key))
        else:
            columns[index] = key
    found = set(columns.values())
    missing = tuple(c.key for c in COLUMNS[kind] if c.required and c.key not in found)
    language = headers_language(kind, cells)
    return HeaderMatch(columns, tuple(unknown), missing, tuple(duplicates), tuple(extras), language)


def _names_by_language(kind: SheetKind) -> dict[str, frozenset[str]]:
    by_language: dict[str, set[str]] = {"en": set(), "fr": set(), "da": set()}
    for column in COLUMNS[kind]:
        by_language["en"].add(normalise_header(column.en))
        by_language["fr"].add(normalise_header(column.fr))
        by_language["da"].update(normalise_header(name) for name in column.da)
    return {language: frozenset(names) for language, names in by_language.items()}


_NAMES_BY_LANGUAGE = {kind: _names_by_language(kind) for kind in SheetKind}


def headers_language(kind: SheetKind, cells: Sequence[object]) -> str:
    """The language most of a header row's names belong to, counting only names that
    belong to one language (`Adresse` is French and Danish); English when none or a tie."""
    names = _NAMES_BY_LANGUAGE[kind]
    score = dict.fromkeys(names, 0)
    for cell in cells:
        norm = normalise_header(cell)
        owners = [language for language, known in names.items() if norm in known]
        if len(owners) == 1:
            score[owners[0]] += 1
    best = max(score.values())
    winners = [language for language, count in score.items() if count == best]
    return winners[0] if best and len(winners) == 1 else "en"


def find_header_row(
    kind: SheetKind, rows: Iterable[Sequence[object]], max_rows: int = HEADER_SCAN_ROWS
) -> tuple[int, HeaderMatch] | None:
    """The position (0-based, among `rows`) and match of the first row holding every
    required header, looking at no more than `max_rows` rows; None if there is none."""
    for position, cells in enumerate(rows):
        if position >= max_rows:
            break
        match = match_headers(kind, cells)
        if match.ok:
            return position, match
    return None


# --- coercion by value kind -------------------------------------------------------------

_EXCEL_EPOCH = date(1899, 12, 30)  # right from 1900-03-01 on (Excel counts a 1900-02-29)
_SERIAL_MIN, _SERIAL_MAX = 1, 2958465  # 1900-01-01 .. 9999-12-31
_MIDNIGHT = re.compile(r"[ T]00:00(?::00)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f']")  # thousands separators: spaces, NBSPs, apostrophe
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_ONE_GROUP = re.compile(r"(?P<sign>[+-]?)(?P<whole>\d{1,3})[.,](?P<group>\d{3})")
_REPEATED_GROUPS = re.compile(r"[+-]?\d{1,3}([.,])\d{3}(?:\1\d{3})+")


def excel_serial_to_date(serial: float) -> date | None:
    """The day an Excel (1900 system) serial stands for, or None when out of range."""
    if isinstance(serial, bool) or not _SERIAL_MIN <= serial <= _SERIAL_MAX:
        return None
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def parse_text_date(text: str) -> date | None:
    """A date typed in a cell as people write it (2025-03-31, 31/03/2025, 31 mars 2025)."""
    # Spreadsheets export date cells as text with a midnight time; the date is what counts.
    return read_written_date(_MIDNIGHT.sub("", text.strip()))


def parse_text_number(text: str) -> int | Decimal | None:
    """A number written as text: 12, 12.5, 12,5, 1 234,50, 1,234.50, 1.234.567; None if
    ambiguous (`ambiguous_thousand`)."""
    compact = _SPACES.sub("", text.strip())
    if ambiguous_thousand(compact):
        return None
    if "," in compact and "." in compact:
        # The separator that comes last is the decimal one.
        thousands = "," if compact.rfind(".") > compact.rfind(",") else "."
        compact = compact.replace(thousands, "").replace(",", ".")
    elif found := _REPEATED_GROUPS.fullmatch(compact):
        compact = compact.replace(found[1], "")
    elif compact.count(",") == 1:
        compact = compact.replace(",", ".")
    if not _PLAIN_NUMBER.fullmatch(compact):
        return None
    try:
        return _tidy_number(Decimal(compact))
    except InvalidOperation:
        return None


def ambiguous_thousand(text: str) -> tuple[Decimal, Decimal] | None:
    """The two readings (a thousands separator, a decimal one) of a number with a single
    dot or comma before three digits and after one to three ("1.000" is a thousand in
    Danish and French, one in English; "1,234" the other way round); None for any other
    text. "0,250" is a fraction in every language."""
    found = _ONE_GROUP.fullmatch(_SPACES.sub("", text.strip()))
    if found is None or not found["whole"].lstrip("0"):
        return None
    sign, whole, group = found["sign"], found["whole"], found["group"]
    return Decimal(f"{sign}{whole}{group}"), Decimal(f"{sign}{whole}.{group}")


def _tidy_number(number: Decimal) -> int | Decimal:
    return int(number) if number == number.to_integral_value() else number.normalize()


def coerce_cell(kind: ValueKind, value: CellValue) -> CellValue:
    """A cell turned into its column's kind where that is unambiguous; else unchanged."""
    if kind is ValueKind.NUMBER:
        if isinstance(value, float):
            # repr() is the shortest text that reads back as the same float: what Excel shows.
            return _tidy_number(Decimal(repr(value)))
        if isinstance(value, str):
            number = parse_text_number(value)
            return value if number is None else number
    elif kind is ValueKind.DATE:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, int | float) and not isinstance(value, bool):
            return excel_serial_to_date(value) or value
        if isinstance(value, str):
            return parse_text_date(value) or value
    elif kind in (ValueKind.CODE, ValueKind.PHONE) and isinstance(value, int):
        # A code typed as a number in Excel (no leading zero to lose); the text is the code.
        return str(value)
    return value


def coerce_record(kind: SheetKind, record: Mapping[str, CellValue]) -> dict[str, CellValue]:
    """Every value of a record coerced by its column's value kind."""
    kinds = {column.key: column.kind for column in COLUMNS[kind]}
    return {key: coerce_cell(kinds[key], value) for key, value in record.items()}
