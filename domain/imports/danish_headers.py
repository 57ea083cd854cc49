"""The Danish names of each import kind's columns, by kind and column key; the first is the
header a Danish template writes, the others the names Danish files use for the same column
(the words of Danish business software: Kundenummer, Varenummer, CVR-nummer, Postnummer).
"""

from __future__ import annotations

from collections.abc import Mapping

DANISH: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "customers": {
        "customer_code": ("Kundenummer", "Kundenr.", "Kunde-id", "Debitornummer"),
        "customer_name": ("Kundenavn", "Navn", "Firmanavn", "Firma"),
        "vat_number": ("Momsnummer", "CVR-nummer", "CVR", "SE-nummer", "Momsnr."),
        "address_code": ("Adressekode",),
        "address_name": ("Adressenavn",),
        "address": ("Adresse", "Vejnavn", "Gade"),
        "city": ("By",),
        "postal_code": ("Postnummer", "Postnr."),
        "state": ("Region",),
        "country": ("Land",),
        "default_address": ("Standardadresse",),
        "contact_name": ("Kontaktperson", "Kontaktnavn"),
        "contact_phone": ("Kontakttelefon", "Telefon", "Tlf.", "Telefonnummer"),
        "contact_email": ("Kontakt-e-mail", "E-mailadresse"),
        "default_contact": ("Standardkontakt",),
        "language": ("Sprog",),
    },
    "orders": {
        "product": ("Vare", "Varenummer", "Varenr.", "Produkt"),
        "quantity": ("Antal",),
        "unit_price": ("Enhedspris", "Stykpris"),
        "requested_date": ("Ønsket dato", "Ønsket leveringsdato", "Leveringsdato"),
        "delivery_address": ("Leveringsadresse",),
        "remarks": ("Bemærkninger", "Bemærkning"),
        "customer_code": ("Kundenummer", "Kundenr."),
        "order_reference": ("Ordrereference", "Rekvisitionsnummer", "Rekvisition"),
    },
    "products": {
        "product_code": ("Varenummer", "Varenr."),
        "name": ("Varenavn", "Navn", "Varebetegnelse"),
        "unit_price": ("Enhedspris", "Salgspris"),
        "tax_code": ("Momskode",),
        "frequencies": ("Frekvenser",),
        "opening_stock": ("Lagerbeholdning", "Beholdning", "Startbeholdning"),
    },
}
