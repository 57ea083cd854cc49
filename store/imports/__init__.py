"""The store side of spreadsheet imports: sessions' files and parts, caches, bulk writes."""
