"""Writing workbooks with openpyxl: import templates and annotated copies of a checked file.

This module owns every spreadsheet the bot hands out. A template has the kind's headers
(English, the French name in each header's note), one example row, a note on every
header, drop-down lists for Yes/No and country columns, the header frozen. An annotated
copy is the uploaded rows, at their own row numbers, with a Status and a Message column;
red and yellow rows are filled in their colour and the status is also written as a word,
so colour is never the only signal. It re-imports as is: the header matcher knows the
Status and Message columns.

Exported text is never evaluated: in a workbook a text such as "=1+1" is written as a
string cell with Excel's quote prefix (the round trip gives back "=1+1" exactly); in
text exports (CSV) `neutralise` prefixes it with a single quote.

openpyxl parses XML with defusedxml only when that package is installed; the assertion
below makes its absence a start-up failure instead of a silent weakening.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import openpyxl.xml
import pycountry
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from domain.imports.columns import (
    MESSAGE_HEADER,
    STATUS_HEADER,
    CellValue,
    Column,
    SheetKind,
    ValueKind,
    columns_for,
    normalise_header,
)

assert openpyxl.xml.DEFUSEDXML, "defusedxml must be installed so openpyxl parses XML safely"

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FILLS: Mapping[str, PatternFill] = {
    "red": PatternFill("solid", fgColor="FFC7CE"),
    "yellow": PatternFill("solid", fgColor="FFEB9C"),
}
_BOLD = Font(bold=True)
_LISTS_SHEET = "Lists"
_YES_NO = '"Yes,No,Oui,Non,Ja,Nej"'
_LAST_ROW = 1_048_576
_MAX_WIDTH = 48

EXAMPLES: Mapping[SheetKind, Mapping[str, CellValue]] = {
    SheetKind.CUSTOMERS: {
        "customer_code": "C0001", "customer_name": "Boulangerie Martin",
        "vat_number": "FR40303265045", "address_code": "MAIN", "address_name": "Shop",
        "address": "12 rue des Lilas", "city": "Lyon", "postal_code": "69003",
        "state": "Auvergne-Rhône-Alpes", "country": "FR", "default_address": "Yes",
        "contact_name": "Claire Martin", "contact_phone": "+33 4 72 00 00 00",
        "contact_email": "claire@example.com", "default_contact": "Yes",
    },
    SheetKind.ORDERS: {
        "product": "FLOUR-25", "quantity": 4, "unit_price": Decimal("18.50"),
        "requested_date": date(2025, 3, 31), "delivery_address": "MAIN",
        "remarks": "Back door before 7 am", "customer_code": "C0001",
        "order_reference": "PO-1042",
    },
    SheetKind.PRODUCTS: {
        "product_code": "FLOUR-25", "name": "Flour T65, 25 kg bag",
        "unit_price": Decimal("18.50"), "tax_code": "VAT55", "frequencies": "monthly, yearly",
    },
}  # fmt: skip


def neutralise(value: CellValue) -> CellValue:
    """A value safe for a text export: formula-like text gets a leading single quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _note(column: Column) -> str:
    need = "Required." if column.required else "Optional."
    return f"{column.fr}\n{column.note}\n{need} Kind: {column.kind.value}."


def write_template(kind: SheetKind, path: str | Path) -> None:
    """An empty import template for `kind`: headers with notes, an example, drop-downs."""
    columns = columns_for(kind)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = kind.value.capitalize()
    example = EXAMPLES[kind]
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.en)
        cell.font = _BOLD
        cell.comment = Comment(_note(column), "orderbot", width=300, height=120)
        _safe_set(sheet, 2, index, example.get(column.key))
        width = max(len(column.en), len(str(example.get(column.key, "")))) + 4
        sheet.column_dimensions[get_column_letter(index)].width = min(width, _MAX_WIDTH)
    _add_validations(workbook, sheet, columns)
    sheet.freeze_panes = "A2"
    workbook.save(path)


def _safe_set(sheet: Worksheet, row: int, column: int, value: CellValue) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        cell.quotePrefix = True


def _add_validations(
    workbook: openpyxl.Workbook, sheet: Worksheet, columns: Sequence[Column]
) -> None:
    """Drop-downs that warn (not stop), so "oui" or "France" still reach the verdicts."""
    for index, column in enumerate(columns, start=1):
        if column.kind is ValueKind.YES_NO:
            formula = _YES_NO
        elif column.kind is ValueKind.COUNTRY:
            formula = _country_list(workbook)
        else:
            continue
        validation = DataValidation(
            type="list", formula1=formula, allow_blank=True, errorStyle="warning"
        )
        validation.error = f"{column.en}: choose a value from the list."
        validation.prompt = column.note
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{_LAST_ROW}")
        sheet.add_data_validation(validation)


def _country_list(workbook: openpyxl.Workbook) -> str:
    """The name of a hidden range of ISO 3166 alpha-2 codes (too long for an inline list)."""
    if _LISTS_SHEET not in workbook.sheetnames:
        codes = sorted(country.alpha_2 for country in pycountry.countries)
        lists = workbook.create_sheet(_LISTS_SHEET)
        lists.sheet_state = "hidden"
        for row, code in enumerate(codes, start=1):
            lists.cell(row=row, column=1, value=code)
        ref = f"'{_LISTS_SHEET}'!$A$1:$A${len(codes)}"
        workbook.defined_names["Countries"] = DefinedName("Countries", attr_text=ref)
    return "=Countries"


def write_annotated_copy(
    source_rows: Iterable[tuple[int, Sequence[CellValue]]],
    header: Sequence[CellValue],
    verdicts: Mapping[int, tuple[str, str]],
    path: str | Path,
    header_row: int = 1,
) -> None:
    """The checked rows at their own row numbers, with Status and Message columns and fills.

    `verdicts` maps a row number to (status, message); status is green, yellow or red.
    """
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Checked")
    status_at, message_at = _annotation_columns(header)
    width = max(len(header), status_at + 1, message_at + 1)
    full_header = [*header, *[None] * (width - len(header))]
    full_header[status_at], full_header[message_at] = STATUS_HEADER, MESSAGE_HEADER
    _set_widths(sheet, full_header, message_at)
    sheet.freeze_panes = f"A{header_row + 1}"
    for _ in range(header_row - 1):
        sheet.append([])
    sheet.append([_write_cell(sheet, value, None, bold=True) for value in full_header])
    current = header_row
    for number, cells in source_rows:
        while current + 1 < number:  # blank rows keep their place so numbers stay right
            sheet.append([])
            current += 1
        status, message = verdicts.get(number, ("", ""))
        row = [*cells, *[None] * (width - len(cells))]
        row[status_at], row[message_at] = status.capitalize() or None, message or None
        fill = FILLS.get(status.lower())
        sheet.append([_write_cell(sheet, value, fill) for value in row])
        current = number
    workbook.save(path)


def _annotation_columns(header: Sequence[CellValue]) -> tuple[int, int]:
    """Reuse the Status and Message columns of an annotated copy; else append them."""
    names = [normalise_header(cell) for cell in header]
    used = len(header)
    while used and not names[used - 1]:
        used -= 1
    status = next((i for i, n in enumerate(names) if n in ("status", "statut")), None)
    message = next((i for i, n in enumerate(names) if n == "message"), None)
    if status is None:
        status = used
        used += 1
    if message is None:
        message = max(used, status + 1)
    return status, message


def _set_widths(sheet: Worksheet, header: Sequence[CellValue], message_at: int) -> None:
    for index, value in enumerate(header):
        width = 60 if index == message_at else min(len(str(value or "")) + 6, _MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(index + 1)].width = width


def _write_cell(
    sheet: Worksheet, value: CellValue, fill: PatternFill | None, bold: bool = False
) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    if fill is not None:
        cell.fill = fill
    if bold:
        cell.font = _BOLD
    return cell
