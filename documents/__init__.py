"""Printed documents as PDF: the Jinja HTML templates of quotes, confirmations, invoices,
packing slips and credit notes, and WeasyPrint turning them into PDF.

An edge like bot and mail: it reads printouts (`domain.printouts`) through the bus it is
given and imports neither the store nor the settings; `bootstrap.documents` wires it.
"""
