"""The one way the other edges get a document: `Documents.render(kind, code, language)`
gives its file name and PDF bytes (the Slack button and commands, the command line, mails
that attach a document, the electronic invoice that embeds its XML in one).

The printout is read through the bus (`PrintDocument`), so a document shows what the
order holds at that moment, and a refusal (no such order, a quote of a confirmed order)
is the domain's, raised as the `DomainError` it is.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from documents.render import PDF_A3B, DocumentRenderer, Rendered
from domain import commands as c
from domain.errors import DomainError
from domain.printouts.printout import PrintKind, Printout
from l10n.translation import render as render_text

log = logging.getLogger(__name__)

E_INVOICES = (PrintKind.INVOICE, PrintKind.CREDIT_NOTE)
"""The documents that are electronic invoices (Factur-X)."""


class Documents:
    """Documents as PDF, by kind and code; `handle` is the bus's (run in a worker thread
    by async callers: rendering takes tens of milliseconds)."""

    def __init__(self, handle: Callable[[c.Command], Any], renderer: DocumentRenderer) -> None:
        self.handle = handle
        self.renderer = renderer

    def printout(self, kind: PrintKind | str, code: str, shipment: int | None = None) -> Printout:
        """What the document shows."""
        found = self.handle(c.PrintDocument(kind=PrintKind(kind), code=code, shipment=shipment))
        if not isinstance(found, Printout):
            raise TypeError(f"PrintDocument answered {type(found).__name__}")
        return found

    def render(
        self,
        kind: PrintKind | str,
        code: str,
        language: str | None = None,
        *,
        shipment: int | None = None,
        variant: str | None = None,
    ) -> Rendered:
        """The document's file name and PDF bytes, in `language` (the customer's when not
        given); `variant="pdf/a-3b"` for a PDF/A-3 an XML can be attached to. Invoices
        and credit notes are electronic invoices (`file`)."""
        printout = self.printout(kind, code, shipment)
        if variant is None and printout.kind in E_INVOICES:
            return self.file(printout, language)
        return self.renderer.render(printout, language, variant)

    def file(self, printout: Printout, language: str | None = None) -> Rendered:
        """The printout's PDF; an invoice or a credit note as Factur-X: a PDF/A-3 with its
        EN 16931 XML attached, checked. When the XML cannot be made (the seller's or the
        buyer's data are incomplete), the plain PDF, saying why it is no e-invoice."""
        if printout.kind not in E_INVOICES:
            return self.renderer.render(printout, language)
        archived = self.renderer.render(printout, language, PDF_A3B)
        try:
            made = self.handle(c.MakeEInvoice(code=printout.number, pdf=archived.data))
        except DomainError as refused:
            log.warning("%s is not an e-invoice: %s", printout.number, refused.message)
            # Why is told to whoever asked for the document, in their language, not the
            # document's.
            return replace(archived, not_einvoice=render_text(refused.text))
        return replace(archived, data=made.pdf)
