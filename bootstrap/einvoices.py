"""Electronic invoices wired from the settings: the seller as the Company settings name
it, and the Factur-X files of the chosen profile."""

from __future__ import annotations

from domain.einvoicing.document import Party, Payee
from domain.einvoicing.of_invoice import Seller
from domain.einvoicing.ports import EInvoiceFiles
from settings import Settings


def seller_from(settings: Settings) -> Seller:
    """The seller of every e-invoice; its street is the first line of COMPANY_ADDRESS."""
    street = settings.company_address.split("|", 1)[0].strip()
    party = Party(
        name=settings.company_name, street=street, postal_code=settings.company_postal_code,
        city=settings.company_city, country=settings.company_country.upper(),
        vat_number=settings.company_vat_number, code=settings.company_legal_id,
        email=settings.company_email,
    )  # fmt: skip
    return Seller(party, Payee(settings.company_iban.replace(" ", ""), settings.company_bic))


def einvoice_files(settings: Settings) -> EInvoiceFiles:
    """Factur-X in the profile FACTURX_PROFILE names."""
    from store.einvoice.facturx_files import FacturXFiles

    return FacturXFiles(settings.facturx_profile)
