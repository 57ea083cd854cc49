"""Settings of the group "Company": the seller as its documents name it (docs/settings.md).

Quotes, confirmations, invoices, packing slips and credit notes carry these in their
header and footer: the seller's identity and VAT number (a French invoice must show
them), its registration and legal form, its bank details and its terms. Several lines
(an address, bank details) are written with `|` between them in one value.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


def _field(default: str, description: str, max_length: int = 500) -> Any:
    return Field(
        default=default,
        max_length=max_length,
        description=description,
        json_schema_extra={"group": "Company"},
    )


class CompanySettings(BaseModel):
    """Who sells: the identity every document prints."""

    company_name: str = _field("orderbot demo", "The seller's name on every document.", 200)
    company_address: str = _field(
        "", "The seller's postal address on documents, its lines separated by `|`."
    )
    company_vat_number: str = _field(
        "", "The seller's VAT number, printed on every document (a French invoice needs it).", 40
    )
    company_registration: str = _field(
        "",
        "The seller's registration and legal form as the law asks it on invoices (in "
        "France: SIREN/SIRET, RCS city, legal form and share capital), lines separated by `|`.",
    )
    company_logo: str = _field(
        "",
        "Path of the logo printed at the top of documents (PNG, JPEG or SVG); read once at "
        "start. Empty: the name in words.",
    )
    company_bank: str = _field(
        "", "Bank details printed on invoices (bank, IBAN, BIC), lines separated by `|`."
    )
    company_terms: str = _field(
        "",
        "Terms printed at the foot of quotes, confirmations and invoices (sale conditions), "
        "lines separated by `|`.",
        2000,
    )
    company_email: str = _field("", "The seller's email address printed on documents.", 200)
    company_phone: str = _field("", "The seller's phone number printed on documents.", 40)
