"""Spreadsheet files: the gate before reading, reading rows, writing templates and copies.

- `guard`  refuses a file before any reader opens it (size, real kind, zip bombs,
  password protection, XML entities); `SheetRefused` is its one error type.
- `read`   rows from .xlsx/.xls/.ods (python-calamine) and .csv (`csv_rows`, stdlib),
  cleaned (`cells`), with the spreadsheet's own row numbers; `read_table` finds the
  header of a kind.
- `extent` refuses, before calamine opens a file, sheets whose values lie so far apart
  that the dense rectangle calamine allocates would dwarf the file; `xlsx_scan` feeds
  it an .xlsx sheet's XML, and reads what it can while calamine parses.
- `write`  templates and annotated copies (openpyxl, defusedxml asserted in force).
- `cfb`    the few bytes of OLE2 needed to tell .xls from an encrypted .xlsx, and to
  read an .xls workbook stream.

Column definitions and header matching are pure and live in `domain.imports.columns`.
"""
