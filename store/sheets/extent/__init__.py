"""The rectangle a sheet takes once read: refusing, before calamine opens a file, sheets
whose values lie so far apart that reading them would take far more than the file holds.

calamine keeps a sheet as a dense rectangle from its first to its last cell holding a
value (32 bytes a cell; .ods and .xls workbooks are parsed whole when opened, every
sheet, and the sheet asked for is then copied), and python-calamine hands its rows over
from row 1. So a 17 KB .xlsx with values in A1 and XFD2000 costs a gigabyte, an .ods of
800 bytes repeats one cell 16,000 times across 2,000 rows (2 GB), and an .xls of 6 KB
with values at A1 and at the last row and column makes the process abort. This module
owns the bounds on that rectangle, counted from A1 as the rows are handed over: the last
row holding a value (`max_rows` data rows and a header), the last column
(`max_columns`) and the cells in between (`max_cells`; for .ods and .xls, those of all
the sheets together). Cells are judged as calamine judges them: only cells holding a
value (a styled empty cell is not one), at the positions calamine gives them (a cell
without a reference follows the previous one, so `<c/>` elements can push a value to
the right as surely as a far reference).

- .xlsx (`xlsx`): the row scan of `store.sheets.xlsx_scan` feeds every piece of the
  sheet XML to `XlsxExtent`. Quick mode costs one regular expression per piece at C speed: a cell
  whose reference is one letter and at most five digits (`<c r="O12345"`) lies in
  A1:Z99999, within every bound; only other cells are looked at, and a cell without a
  reference, or a rectangle that could be too big only because of the cells not looked
  at, sends the sheet to an exact pass: expat over the whole part, as calamine walks it.
- .ods (`ods`): content.xml streamed through expat, every table: rows and cells repeated by
  `number-rows-repeated` / `number-columns-repeated`, as calamine expands them (a
  trailing repeated empty cell or row, which LibreOffice writes at the end of rows and
  sheets, is dropped by calamine and costs nothing; an empty run followed by a cell is
  materialised, even in an empty row).
- .xls (`xls`): the BIFF records of every sheet the workbook lists, and the DIMENSIONS record,
  by which calamine reserves memory before reading a cell.

The rectangle itself and the refusals that name a bound are `bounds`. The parts were
capped in size by `guard.check_file`, which also refused DTDs; expat here sees no entity
declarations.
"""
