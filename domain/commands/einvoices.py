"""The query of electronic invoices: an invoice or credit note as Factur-X."""

from __future__ import annotations

from typing import Annotated

from domain import bounds as b
from domain.commands.base import Query

RecordCode = Annotated[str, b.Text("code", b.ORDER_CODE)]


class MakeEInvoice(Query):
    """The e-invoice of an invoice or credit note, its XML checked; with `pdf` (the
    document as a PDF/A-3), that PDF with the XML attached."""

    code: RecordCode
    pdf: bytes = b""
