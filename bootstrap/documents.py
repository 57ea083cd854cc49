"""Documents: the seller from the `COMPANY_*` settings, the renderer, and the port every
door gets its PDFs through (`documents.port.Documents`).

WeasyPrint takes a moment to import, so nothing is imported before a door asks for one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bootstrap.app import App
from domain.printouts.printout import Printout
from settings import Settings

if TYPE_CHECKING:
    from documents.company import Company
    from documents.port import Documents
    from documents.render import Rendered


def company_of(settings: Settings) -> Company:
    """The seller as the settings describe it; the logo read now (OSError, ValueError
    naming the file when it cannot be)."""
    from documents.company import Company, lines_of, logo_uri

    return Company(
        name=settings.company_name,
        address=lines_of(settings.company_address),
        vat_number=settings.company_vat_number,
        registration=lines_of(settings.company_registration),
        bank=lines_of(settings.company_bank),
        terms=lines_of(settings.company_terms),
        email=settings.company_email,
        phone=settings.company_phone,
        logo=logo_uri(settings.company_logo),
    )


def documents(app: App) -> Documents:
    """The documents port on the app's bus."""
    from documents.port import Documents
    from documents.render import DocumentRenderer

    return Documents(app.bus.handle, DocumentRenderer(company_of(app.settings)))


def lazy_pdf(app: App) -> Callable[[Printout], Rendered]:
    """A printout's PDF for the console and Slack; the renderer (and WeasyPrint, a second
    to import) is made at the first document asked for, not at start."""
    made: list[Documents] = []

    def pdf(printout: Printout) -> Rendered:
        if not made:  # two threads racing here make two renderers; either serves
            made.append(documents(app))
        return made[0].file(printout)

    return pdf
