"""Import templates in the format their file name asks for: .xlsx, .ods or .csv.

A template has the kind's headers in the language asked for (in a workbook, each header's
note gives the other languages' names and the column's description in that language) and
the kind's example row (`domain.imports.examples`), marked as one: in a workbook a note
on its first cell and grey italics; in every format the import refuses the row when it is
left in. An .xlsx template also has drop-down lists for Yes/No and country columns and its
header frozen. Another extension is refused, naming the ones written.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pycountry
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from domain.errors import ValidationFailed
from domain.imports.annotations import (
    CHOOSE,
    EXAMPLE_NOTE,
    OPTIONAL,
    REQUIRED,
    Render,
    english,
    sheet_title,
)
from domain.imports.columns import CellValue, Column, SheetKind, ValueKind, columns_for
from domain.imports.examples import EXAMPLES
from domain.imports.values import YES_NO_WORDS
from domain.texts import Text
from store.sheets.ods_write import write_ods
from store.sheets.write import FORMULA_STARTS, neutralise

FORMATS = (".xlsx", ".ods", ".csv")
"""The extensions a template is written in."""
_BOLD = Font(bold=True)
_EXAMPLE = Font(italic=True, color="808080")
_LISTS_SHEET = "Lists"
_YES_NO = '"' + ",".join(word for pair in YES_NO_WORDS.values() for word in pair) + '"'
_LAST_ROW = 1_048_576
_MAX_WIDTH = 48


def template_format(path: str | Path) -> str:
    """The format a template file's name asks for; refused when it is none of `FORMATS`."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValidationFailed.field(
            "output",
            f"{Path(path).name!r} does not end in {', '.join(FORMATS)}; a template is "
            "written in one of those formats",
            "template.format_unknown",
        )
    return suffix


@dataclass(frozen=True)
class _Language:
    """The language a template is written in, and how to say a sentence in it."""

    code: str
    render: Render

    def __call__(self, text: Text, **values: object) -> str:
        return self.render(Text(text.msgid, {**text.params, **values}), self.code)


def write_template(
    kind: SheetKind, path: str | Path, language: str = "en", render: Render = english
) -> None:
    """An import template for `kind` in the format `path`'s extension names, its headers
    and notes in `language` (en, fr, da)."""
    suffix = template_format(path)
    columns = columns_for(kind)
    say = _Language(language, render)
    header: list[CellValue] = [column.header(language) for column in columns]
    example = [_example_cell(EXAMPLES[kind].get(column.key), language) for column in columns]
    if suffix == ".csv":
        with Path(path).open("w", encoding="utf-8", newline="") as file:
            csv.writer(file).writerows([header, [neutralise(v) for v in example]])
    elif suffix == ".ods":
        write_ods(Path(path), say(sheet_title(kind)), [header, example])
    else:
        _write_xlsx(kind, columns, example, path, say)


def _example_cell(value: CellValue, language: str) -> CellValue:
    """A yes/no of the example row as the template's language writes it (its drop-down
    offers every language's words); any other value as it is."""
    if isinstance(value, bool):
        yes, no = YES_NO_WORDS.get(language, YES_NO_WORDS["en"])
        return yes if value else no
    return value


def _note(column: Column, say: _Language) -> str:
    # The other languages' headers, so a reader of one finds the column of another.
    others = [column.header(code) for code in ("en", "fr", "da") if code != say.code]
    need = say(REQUIRED if column.required else OPTIONAL)
    return f"{' / '.join(others)}\n{say(column.note)}\n{need}"


def _write_xlsx(
    kind: SheetKind, columns: Sequence[Column], example: list[CellValue], path: str | Path,
    say: _Language,
) -> None:  # fmt: skip
    """Headers with notes, the example row marked, drop-downs, the header frozen."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = say(sheet_title(kind))
    for index, (column, value) in enumerate(zip(columns, example, strict=True), start=1):
        header = column.header(say.code)
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font = _BOLD
        cell.comment = Comment(_note(column, say), "orderbot", width=300, height=120)
        _safe_set(sheet, 2, index, value).font = _EXAMPLE
        width = max(len(header), len(str(value or ""))) + 4
        sheet.column_dimensions[get_column_letter(index)].width = min(width, _MAX_WIDTH)
    note = say(EXAMPLE_NOTE)
    sheet.cell(row=2, column=1).comment = Comment(note, "orderbot", width=300, height=60)
    _add_validations(workbook, sheet, columns, say)
    sheet.freeze_panes = "A2"
    workbook.save(path)


def _safe_set(sheet: Worksheet, row: int, column: int, value: CellValue) -> Cell:
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        cell.quotePrefix = True
    return cell


def _add_validations(
    workbook: openpyxl.Workbook, sheet: Worksheet, columns: Sequence[Column], say: _Language
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
        validation.error = say(CHOOSE, column=column.header(say.code))
        validation.prompt = say(column.note)
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
