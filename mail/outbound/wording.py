"""The words customers read in status mails and on the tracking page, in English and French.

Statuses always come as a word and an icon together (never colour alone). Amounts,
quantities and dates are formatted for the customer's language by `l10n.formats`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from l10n import formats

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
        "hello_anyone": "Hello,",
        "shipping.not_shipped": "not shipped",
        "shipping.partially_shipped": "partially shipped",
        "shipping.shipped": "shipped",
        "invoicing.not_invoiced": "not invoiced",
        "invoicing.partially_invoiced": "partially invoiced",
        "invoicing.invoiced": "invoiced",
        "answer.order": "Thank you, your order {code}{also} is {state}.",
        "answer.order_po": "Thank you, your order {code}{also} is {state} for your PO {po}.",
        "answer.also": " (and {codes})",
        "answer.forwarded": "We read this order from the mail you forwarded, from {sender}.",
        "answer.forwarded_anyone": "We read this order from the mail you forwarded.",
        "answer.confirmed": "confirmed",
        "answer.draft": "received (draft, to be confirmed)",
        "answer.problems": "We could not take any line of your order.",
        "answer.duplicate_po": "We did not create this order a second time: {po} is already "
        "on {code} for {customer}.",
        "answer.status": "Order {code} is {status}; shipping: {shipping}, invoicing: {invoicing}.",
        "answer.status_unknown": "We found no order {code} for your account.",
        "answer.not_registered": "Thank you for your mail. The address {address} is not "
        "registered with us, so we could not take an order from it. Please write from the "
        "address your account manager has on file, or ask them to add this one.",
        "answer.too_large": "Your mail is larger than {max_mb} MB, so we did not read it. "
        "Please send the order in the text of the mail or as a smaller attachment.",
        "answer.no_order": "We found no order in your mail.",
        "answer.quarantined": "We received your mail but could not read the order in it. A "
        "person will look at it and come back to you; there is no need to send it again.",
        "answer.unread": "Your mail carried {count} spreadsheets; we read at most {max} per "
        "mail. These were not read: {names}. Please send them in another mail.",
        "answer.unread_more": "{names} and {n} more",
        "help.order_lines": "Write one product per line, e.g. `10 x WIDGET-A`, `WIDGET-A x 10`, "
        "`WIDGET-A: 10` or `WIDGET-A 10 @ 12.50`, and optionally `PO: ...`, "
        "`Ship to: ADDRESS-CODE`, `Requested date: 2026-12-03`, `Due date: 2026-12-10` "
        "(French words work too).",
        "help.status_request": "To ask where an order is, write `status SO-00042`.",
        "check_lines": "Please check these lines:",
        "severity.red": "not taken",
        "severity.yellow": "taken with a change",
        "line_no": "line {n}:",
        "follow_answer": "Follow your order: {url}",
        "answer_signature": "orderbot (automatic answer: replies to this mail reach the sales "
        "team's inbox)",
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
        "hello_anyone": "Bonjour,",
        "shipping.not_shipped": "non expédiée",
        "shipping.partially_shipped": "partiellement expédiée",
        "shipping.shipped": "expédiée",
        "invoicing.not_invoiced": "non facturée",
        "invoicing.partially_invoiced": "partiellement facturée",
        "invoicing.invoiced": "facturée",
        "answer.order": "Merci, votre commande {code}{also} est {state}.",
        "answer.order_po": "Merci, votre commande {code}{also} est {state} pour votre bon de "
        "commande {po}.",
        "answer.also": " (et {codes})",
        "answer.forwarded": "Nous avons lu cette commande dans le message que vous avez "
        "transféré, de {sender}.",
        "answer.forwarded_anyone": "Nous avons lu cette commande dans le message que vous "
        "avez transféré.",
        "answer.confirmed": "confirmée",
        "answer.draft": "reçue (brouillon, à confirmer)",
        "answer.problems": "Nous n'avons pu prendre aucune ligne de votre commande.",
        "answer.duplicate_po": "Nous n'avons pas créé cette commande une seconde fois : {po} "
        "figure déjà sur {code} pour {customer}.",
        "answer.status": "La commande {code} est {status} ; expédition : {shipping}, "
        "facturation : {invoicing}.",
        "answer.status_unknown": "Nous n'avons trouvé aucune commande {code} pour votre compte.",
        "answer.not_registered": "Merci de votre message. L'adresse {address} n'est pas "
        "enregistrée chez nous, nous n'avons donc pas pu prendre de commande. Écrivez depuis "
        "l'adresse que votre interlocuteur commercial connaît, ou demandez-lui d'ajouter "
        "celle-ci.",
        "answer.too_large": "Votre message dépasse {max_mb} Mo, nous ne l'avons donc pas lu. "
        "Envoyez la commande dans le texte du message ou en pièce jointe plus petite.",
        "answer.no_order": "Nous n'avons trouvé aucune commande dans votre message.",
        "answer.quarantined": "Nous avons bien reçu votre message mais n'avons pas pu lire la "
        "commande qu'il contient. Une personne va l'examiner et reviendra vers vous ; inutile "
        "de le renvoyer.",
        "answer.unread": "Votre message contenait {count} tableurs ; nous en lisons {max} au "
        "plus par message. Ceux-ci n'ont pas été lus : {names}. Merci de les envoyer dans un "
        "autre message.",
        "answer.unread_more": "{names} et {n} de plus",
        "help.order_lines": "Écrivez un produit par ligne, par exemple `10 x WIDGET-A`, "
        "`WIDGET-A x 10`, `WIDGET-A: 10` ou `WIDGET-A 10 @ 12,50`, et si besoin "
        "`Bon de commande : ...`, `Livrer à : CODE-ADRESSE`, `Date souhaitée : 03/12/2026`, "
        "`Échéance : 10/12/2026` (les mots anglais marchent aussi).",
        "help.status_request": "Pour savoir où en est une commande, écrivez `statut SO-00042`.",
        "check_lines": "Merci de vérifier ces lignes :",
        "severity.red": "non prise",
        "severity.yellow": "prise avec une modification",
        "line_no": "ligne {n} :",
        "follow_answer": "Suivez votre commande : {url}",
        "answer_signature": "orderbot (réponse automatique : vos réponses à ce message "
        "parviennent à l'équipe commerciale)",
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
        return formats.money(amount, self.currency, self.locale)

    def price(self, amount: str | Decimal) -> str:
        """A unit price: an amount that keeps every decimal it was given (€0.0125)."""
        return formats.money(amount, self.currency, self.locale, exact=True)

    def number(self, value: str | Decimal | int) -> str:
        """A quantity or count (1 000 / 1,000; 2,5 / 2.5)."""
        return formats.number(value, self.locale)

    def day(self, value: str | date | None) -> str:
        """A date, long form."""
        return formats.date(value, self.locale, "long") if value else ""

    def moment(self, value: str | datetime) -> str:
        """A date and time, medium form, in the moment's own zone (UTC for stored ones)."""
        return formats.datetime(value, self.locale, "medium")

    def change(self, change: dict[str, Any]) -> str:
        """One status change as a sentence."""
        status = self.status(change["subject"], change["status"])
        if change["subject"] == "shipment":
            return self("change_shipment", number=change.get("shipment"), status=status)
        return self("change_order", status=status)
