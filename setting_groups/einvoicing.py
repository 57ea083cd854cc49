"""Settings of the group "Company" that electronic invoices need beyond the printed ones
(docs/settings.md): the seller's address as fields (an e-invoice names the postal code,
city and country apart), its legal id, its bank account, and the Factur-X profile.

The seller's name, VAT number and street (the first line of COMPANY_ADDRESS) are the
documents' own settings (`setting_groups.company`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


def _field(default: str, description: str, max_length: int = 100) -> Any:
    return Field(
        default=default,
        max_length=max_length,
        description=description,
        json_schema_extra={"group": "Company"},
    )


class EInvoicingSettings(BaseModel):
    """The seller as an e-invoice names it, and the profile invoices are written in."""

    company_postal_code: str = _field("", "The seller's postal code, on e-invoices.", 20)
    company_city: str = _field("", "The seller's city, on e-invoices.")
    company_country: str = Field(
        default="FR",
        pattern=r"^[A-Za-z]{2}$",
        description="The seller's country as a two-letter code (FR, DE, DK...), on e-invoices.",
        json_schema_extra={"group": "Company"},
    )
    company_legal_id: str = _field(
        "",
        "The seller's legal registration number on e-invoices (in France the SIREN or "
        "SIRET), the id the buyer's accounts know it by.",
        40,
    )
    company_iban: str = _field(
        "", "The IBAN invoices are paid to; e-invoices ask for a credit transfer to it.", 40
    )
    company_bic: str = _field("", "The BIC of that account.", 11)
    facturx_profile: Literal["basic", "en16931", "extended"] = Field(
        default="en16931",
        description="The Factur-X profile invoices and credit notes are written in (the "
        "factur-x library's names): en16931 (the European norm, what France's e-invoicing "
        "reform builds on), basic (a subset) or extended (more fields).",
        json_schema_extra={"group": "Company"},
    )
