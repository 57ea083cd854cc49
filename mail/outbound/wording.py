"""The words customers read in status mails and on the tracking page, in English and French.

Statuses always come as a word and an icon together (never colour alone). Amounts and
dates are formatted for the customer's language with Babel.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency

LANGUAGES = ("en", "fr")
LOCALES = {"en": "en_GB", "fr": "fr_FR"}

ICONS = {
    "draft": "✎",
    "confirmed": "✔",
    "closed": "■",
    "cancelled": "✖",
    "pending": "◷",
    "ready": "▣",
    "shipped": "🚚",
    "delivered": "📦",
    "not_shipped": "◷",
    "partially_shipped": "◐",
}

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "order.draft": "being prepared",
        "order.confirmed": "confirmed",
        "order.closed": "completed",
        "order.cancelled": "cancelled",
        "shipment.pending": "planned",
        "shipment.ready": "ready to leave",
        "shipment.shipped": "on its way",
        "shipment.delivered": "delivered",
        "shipment.cancelled": "cancelled",
        "subject": "Your order {code}",
        "catalog_subject": "Our product catalogue",
        "hello": "Hello {name},",
        "intro": "Here is news about your order {code}.",
        "intro_resent": "As requested, here again is the latest news about your order {code}.",
        "change_order": "Your order is now {status}.",
        "change_shipment": "Shipment {number} is {status}.",
        "with_carrier": "Carrier: {carrier}.",
        "with_tracking": "Tracking number: {tracking}.",
        "contains": "It contains:",
        "status": "Status",
        "order": "Order",
        "reference": "Your reference",
        "shipment": "Shipment",
        "planned": "Planned for",
        "carrier": "Carrier",
        "tracking_number": "Tracking number",
        "product": "Product",
        "quantity": "Quantity",
        "unit_price": "Unit price",
        "amount": "Amount",
        "subtotal": "Subtotal",
        "discount": "Discount",
        "net": "Net",
        "tax": "Tax",
        "shipping": "Shipping",
        "adjustment": "Adjustment",
        "total": "Total",
        "follow": "Follow your order",
        "follow_text": "Follow your order, live: {url}",
        "timeline": "History",
        "shipments": "Shipments",
        "lines": "Products",
        "totals": "Totals",
        "auto": "This mail was sent automatically by orderbot.",
        "catalog_intro": "Please find our product catalogue of {date} attached ({count} products).",
        "catalog_file": "catalogue",
        "code": "Code",
        "name": "Name",
        "tax_code": "Tax",
        "frequencies": "Subscriptions",
        "not_valid": "Link not valid",
        "not_valid_text": "This link is not valid. Ask the sender for a new one.",
        "slow_down": "Too many tries",
        "slow_down_text": "Too many invalid links were tried from your address. Wait a moment.",
        "updated": "Updated",
        "live": "This page updates itself.",
    },
    "fr": {
        "order.draft": "en préparation",
        "order.confirmed": "confirmée",
        "order.closed": "terminée",
        "order.cancelled": "annulée",
        "shipment.pending": "prévue",
        "shipment.ready": "prête à partir",
        "shipment.shipped": "en route",
        "shipment.delivered": "livrée",
        "shipment.cancelled": "annulée",
        "subject": "Votre commande {code}",
        "catalog_subject": "Notre catalogue de produits",
        "hello": "Bonjour {name},",
        "intro": "Voici des nouvelles de votre commande {code}.",
        "intro_resent": "Comme demandé, voici de nouveau les dernières nouvelles de votre "
        "commande {code}.",
        "change_order": "Votre commande est maintenant {status}.",
        "change_shipment": "L'expédition {number} est {status}.",
        "with_carrier": "Transporteur : {carrier}.",
        "with_tracking": "Numéro de suivi : {tracking}.",
        "contains": "Elle contient :",
        "status": "Statut",
        "order": "Commande",
        "reference": "Votre référence",
        "shipment": "Expédition",
        "planned": "Prévue le",
        "carrier": "Transporteur",
        "tracking_number": "Numéro de suivi",
        "product": "Produit",
        "quantity": "Quantité",
        "unit_price": "Prix unitaire",
        "amount": "Montant",
        "subtotal": "Sous-total",
        "discount": "Remise",
        "net": "Total HT",
        "tax": "TVA",
        "shipping": "Frais de port",
        "adjustment": "Ajustement",
        "total": "Total TTC",
        "follow": "Suivre votre commande",
        "follow_text": "Suivez votre commande en direct : {url}",
        "timeline": "Historique",
        "shipments": "Expéditions",
        "lines": "Produits",
        "totals": "Totaux",
        "auto": "Ce message a été envoyé automatiquement par orderbot.",
        "catalog_intro": "Veuillez trouver ci-joint notre catalogue de produits du {date} "
        "({count} produits).",
        "catalog_file": "catalogue",
        "code": "Code",
        "name": "Nom",
        "tax_code": "Taxe",
        "frequencies": "Abonnements",
        "not_valid": "Lien non valide",
        "not_valid_text": "Ce lien n'est pas valide. Demandez-en un nouveau à l'expéditeur.",
        "slow_down": "Trop d'essais",
        "slow_down_text": "Trop de liens non valides essayés depuis votre adresse. Patientez.",
        "updated": "Mis à jour",
        "live": "Cette page se met à jour toute seule.",
    },
}


def language_of(value: object) -> str:
    """A supported language code ("en" when unknown)."""
    text = str(value or "en").strip().lower()[:2]
    return text if text in LANGUAGES else "en"


class Wording:
    """The words, numbers and dates of one language."""

    def __init__(self, language: object, currency: str = "EUR") -> None:
        self.language = language_of(language)
        self.locale = LOCALES[self.language]
        self.currency = currency
        self.words = _WORDS[self.language]

    def __call__(self, key: str, **values: Any) -> str:
        """The text of `key`, with `values` filled in."""
        return self.words[key].format(**values) if values else self.words[key]

    def status(self, subject: str, status: str) -> str:
        """A status in words ("confirmed", "en route")."""
        return self.words.get(f"{subject}.{status}", status.replace("_", " "))

    def icon(self, status: str) -> str:
        """The icon that goes with a status word."""
        return ICONS.get(status, "•")

    def money(self, amount: str | Decimal) -> str:
        """An amount in the customer's format (1 234,50 € / €1,234.50)."""
        return format_currency(Decimal(amount), self.currency, locale=self.locale)

    def day(self, value: str | date | None) -> str:
        """A date, long form."""
        if not value:
            return ""
        day = date.fromisoformat(value) if isinstance(value, str) else value
        return format_date(day, format="long", locale=self.locale)

    def moment(self, value: str | datetime) -> str:
        """A date and time, medium form (UTC)."""
        at = datetime.fromisoformat(value) if isinstance(value, str) else value
        return format_datetime(at, format="medium", locale=self.locale)

    def change(self, change: dict[str, Any]) -> str:
        """One status change as a sentence."""
        status = self.status(change["subject"], change["status"])
        if change["subject"] == "shipment":
            return self("change_shipment", number=change.get("shipment"), status=status)
        return self("change_order", status=status)
