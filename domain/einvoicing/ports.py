"""The port of electronic invoices: an e-invoice written as XML, checked, and attached to
its PDF. The store implements it (Factur-X, with the `factur-x` library); bootstrap hands
it to the edges that make invoice documents."""

from __future__ import annotations

from typing import Protocol

from domain.einvoicing.document import EInvoice
from domain.errors import DomainError
from domain.texts import ngettext


class EInvoiceInvalid(DomainError):
    """An e-invoice its standard's schema or business rules refuse; `problems` names each."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        self.problems = problems
        first = problems[0][:300] if problems else ""
        super().__init__(
            "einvoice.invalid",
            ngettext(
                "The e-invoice breaks {count} rule of its standard: {first}",
                "The e-invoice breaks {count} rules of its standard; the first: {first}",
                len(problems),
                count=len(problems),
                first=first,
            ),
        )


class EInvoiceFiles(Protocol):
    """Writing, checking and embedding the XML of electronic invoices."""

    def xml(self, invoice: EInvoice) -> bytes:
        """The invoice's XML."""
        ...

    def check(self, xml: bytes) -> None:
        """EInvoiceInvalid when the XML breaks its schema or the standard's rules."""
        ...

    def embed(self, pdf: bytes, xml: bytes) -> bytes:
        """The invoice's PDF (a PDF/A-3) with its XML attached."""
        ...
