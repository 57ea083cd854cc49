"""Sales orders: the aggregate, lines, shipments, documents, totals, merge, parsing, tracking."""
