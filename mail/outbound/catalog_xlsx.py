"""The catalogue attachment: an .xlsx of the products, made with openpyxl at send time.

Text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR first) is
written as a string with Excel's quote prefix, never as a formula, as store/sheets does
for every file the bot hands out.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import openpyxl
import openpyxl.xml
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from mail.outbound.wording import Wording

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

assert openpyxl.xml.DEFUSEDXML, "defusedxml must be installed so openpyxl parses XML safely"


def catalog_workbook(products: Sequence[dict[str, Any]], w: Wording) -> bytes:
    """The products as an .xlsx: code, name, unit price, tax, tax rate, subscriptions."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = w("catalog_file").capitalize()
    header = [w("code"), w("name"), w("unit_price"), w("tax_code"), "%", w("frequencies")]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row, product in enumerate(products, start=2):
        values: list[object] = [
            product.get("code", ""),
            product.get("name", ""),
            Decimal(product.get("unit_price") or 0),
            product.get("tax_code", ""),
            Decimal(product["tax_rate"]) if product.get("tax_rate") else None,
            product.get("frequencies", ""),
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
                cell.data_type = "s"  # openpyxl would store "=..." as a formula
                cell.quotePrefix = True
            if column == 3:
                cell.number_format = "#,##0.00"
    for column, width in enumerate((16, 40, 12, 10, 8, 24), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
