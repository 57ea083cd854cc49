"""Spreadsheet imports: columns, cell readers, row verdicts, sessions and their ports."""
