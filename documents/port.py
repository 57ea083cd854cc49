"""The one way the other edges get a document: `Documents.render(kind, code, language)`
gives its file name and PDF bytes (the Slack button and commands, the command line, mails
that attach a document, the electronic invoice that embeds its XML in one).

The printout is read through the bus (`PrintDocument`), so a document shows what the
order holds at that moment, and a refusal (no such order, a quote of a confirmed order)
is the domain's, raised as the `DomainError` it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from documents.render import DocumentRenderer, Rendered
from domain import commands as c
from domain.printouts.printout import PrintKind, Printout


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
        given); `variant="pdf/a-3b"` for a PDF/A-3 an XML can be attached to."""
        return self.renderer.render(self.printout(kind, code, shipment), language, variant)
