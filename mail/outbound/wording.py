"""The words customers read in status mails, answers, catalogue mails and on the tracking
page, in the customer's language (English, French, Danish).

Templates and views ask for a sentence by key; the key's English sentence is the message
id of the gettext catalogs (`l10n.translation`). Statuses always come as a word and an
icon together (never colour alone). Amounts, quantities and dates are formatted for the
customer's language by `l10n.formats`.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from l10n import formats, translation

LANGUAGES = translation.LANGUAGES
LOCALES = {"en": "en_GB", "fr": "fr_FR", "da": "da_DK"}

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


def N_(message: str) -> str:
    """Marks an English sentence for the catalogs (babel.cfg); translated when used."""
    return message


# Each key's English sentence, the message id of the gettext catalogs; the other
# languages are in l10n/locale. Keys keep templates free of sentences.
_ENGLISH: dict[str, str] = {
    "order.draft": N_("being prepared"),
    "order.confirmed": N_("confirmed"),
    "order.closed": N_("completed"),
    "order.cancelled": N_("cancelled"),
    "shipment.pending": N_("planned"),
    "shipment.ready": N_("ready to leave"),
    "shipment.shipped": N_("on its way"),
    "shipment.delivered": N_("delivered"),
    "shipment.cancelled": N_("cancelled"),
    "subject": N_("Your order {code}"),
    "catalog_subject": N_("Our product catalogue"),
    "hello": N_("Hello {name},"),
    "intro": N_("Here is news about your order {code}."),
    "intro_resent": N_("As requested, here again is the latest news about your order {code}."),
    "change_order": N_("Your order is now {status}."),
    "change_shipment": N_("Shipment {number} is {status}."),
    # Translators: a label and its value, e.g. "Carrier: DHL" (French: "Transporteur : DHL").
    "field": N_("{label}: {value}"),
    "lines_title": N_("Lines:"),
    "shipments_title": N_("Shipments:"),
    "with_carrier": N_("Carrier: {carrier}."),
    "with_tracking": N_("Tracking number: {tracking}."),
    "contains": N_("It contains:"),
    "status": N_("Status"),
    "order": N_("Order"),
    "reference": N_("Your reference"),
    "shipment": N_("Shipment"),
    "planned": N_("Planned for"),
    "carrier": N_("Carrier"),
    "tracking_number": N_("Tracking number"),
    "product": N_("Product"),
    "quantity": N_("Quantity"),
    "unit_price": N_("Unit price"),
    "amount": N_("Amount"),
    "subtotal": N_("Subtotal"),
    "discount": N_("Discount"),
    "net": N_("Net"),
    "tax": N_("Tax"),
    "tax_rate": N_("Tax {rate}"),
    "shipping": N_("Shipping"),
    "adjustment": N_("Adjustment"),
    "total": N_("Total"),
    "follow": N_("Follow your order"),
    "follow_text": N_("Follow your order, live: {url}"),
    "timeline": N_("History"),
    "shipments": N_("Shipments"),
    "lines": N_("Products"),
    "totals": N_("Totals"),
    "auto": N_("This mail was sent automatically by orderbot."),
    "catalog_intro": N_("Please find our product catalogue of {date} attached ({count} products)."),
    "catalog_file": N_("catalogue"),
    "code": N_("Code"),
    "name": N_("Name"),
    "tax_code": N_("Tax code"),
    "frequencies": N_("Subscriptions"),
    "not_valid": N_("Link not valid"),
    "not_valid_text": N_("This link is not valid. Ask the sender for a new one."),
    "slow_down": N_("Too many tries"),
    "slow_down_text": N_("Too many invalid links were tried from your address. Wait a moment."),
    "updated": N_("Updated"),
    "live": N_("This page updates itself."),
    "hello_anyone": N_("Hello,"),
    "shipping.not_shipped": N_("not shipped"),
    "shipping.partially_shipped": N_("partially shipped"),
    "shipping.shipped": N_("shipped"),
    "invoicing.not_invoiced": N_("not invoiced"),
    "invoicing.partially_invoiced": N_("partially invoiced"),
    "invoicing.invoiced": N_("invoiced"),
    "answer.order": N_("Thank you, your order {code}{also} is {state}."),
    "answer.order_po": N_("Thank you, your order {code}{also} is {state} for your PO {po}."),
    "answer.also": N_(" (and {codes})"),
    "answer.confirmed": N_("confirmed"),
    "stock.available": N_("available now"),
    "stock.partly": N_(
        "{available} of {wanted} available now, the other {missing} expected on {day}"
    ),
    "stock.partly_later": N_(
        "{available} of {wanted} available now, the other {missing} to follow as soon as they "
        "come in"
    ),
    "stock.backorder": N_("not in stock now, expected on {day}"),
    "stock.backorder_later": N_("not in stock now, to follow as soon as it comes in"),
    "answer.draft": N_("received (draft, to be confirmed)"),
    "answer.forwarded": N_("We read this order from the mail you forwarded, from {sender}."),
    "answer.forwarded_anyone": N_("We read this order from the mail you forwarded."),
    "answer.problems": N_("We could not take any line of your order."),
    "answer.duplicate_po": N_(
        "We did not create this order a second time: {po} is already on {code} for {customer}."
    ),
    "answer.status": N_("Order {code} is {status}; shipping: {shipping}, invoicing: {invoicing}."),
    "answer.status_unknown": N_("We found no order {code} for your account."),
    "answer.not_registered": N_(
        "Thank you for your mail. The address {address} is not registered with us, so we "
        "could not take an order from it. Please write from the address your account "
        "manager has on file, or ask them to add this one."
    ),
    "answer.too_large": N_(
        "Your mail is larger than {max_mb} MB, so we did not read it. Please send the "
        "order in the text of the mail or as a smaller attachment."
    ),
    "answer.no_order": N_("We found no order in your mail."),
    "answer.handed_over": N_(
        "Thank you for your message. We have it, and a person will answer you soon."
    ),
    "answer.quarantined": N_(
        "We received your mail but could not read the order in it. A person will look at "
        "it and come back to you; there is no need to send it again."
    ),
    "answer.unread": N_(
        "Your mail carried {count} spreadsheets; we read at most {max} per mail. These "
        "were not read: {names}. Please send them in another mail."
    ),
    "answer.unread_more": N_("{names} and {n} more"),
    "help.order_lines": N_(
        "Write one product per line, e.g. `10 x WIDGET-A`, `WIDGET-A x 10`, `WIDGET-A: "
        "10` or `WIDGET-A 10 @ 12.50`, and optionally `PO: ...`, `Ship to: ADDRESS-CODE`,"
        " `Requested date: 2026-12-03`, `Due date: 2026-12-10` (French and Danish words work "
        "too)."
    ),
    "help.status_request": N_("To ask where an order is, write `status SO-00042`."),
    "check_lines": N_("Please check these lines:"),
    "severity.red": N_("not taken"),
    "severity.yellow": N_("taken with a change"),
    "line_no": N_("line {n}:"),
    "follow_answer": N_("Follow your order: {url}"),
    "answer_signature": N_(
        "orderbot (automatic answer: replies to this mail reach the sales team's inbox)"
    ),
}


def language_of(value: object) -> str:
    """A supported language code; the default language (the `LANGUAGE` setting) for a
    customer whose language was never chosen, or one orderbot does not write in."""
    return translation.language_of(str(value) if value else None)


class Wording:
    """The words, numbers and dates of one language."""

    def __init__(self, language: object, currency: str = "EUR", zone: tzinfo | None = None) -> None:
        self.language = language_of(language)
        self.locale = LOCALES[self.language]
        self.currency = currency
        self.zone = zone
        self._catalog = translation.catalog(self.language)

    def __call__(self, key: str, **values: Any) -> str:
        """The text of `key`, with `values` filled in."""
        return self.say(_ENGLISH[key], **values)

    @staticmethod
    def has(key: str) -> bool:
        """Whether `key` is one of the words (without saying them all)."""
        return key in _ENGLISH

    def say(self, english: str, **values: Any) -> str:
        """An English sentence marked with `N_` elsewhere, in this language, filled."""
        text = self._catalog.gettext(english)
        return text.format(**values) if values else text

    @property
    def words(self) -> dict[str, str]:
        """Every sentence by key, unfilled (what templates that show many read)."""
        return {key: self(key) for key in _ENGLISH}

    def field(self, label: str, value: object) -> str:
        """A label and its value, with the colon where the language puts it."""
        return self("field", label=label, value=value)

    def field_html(self, label: str, value: object) -> Markup:
        """`field` in HTML: the label and value escaped unless they are markup already."""
        return Markup(self("field")).format(label=label, value=value)

    def status(self, subject: str, status: str) -> str:
        """A status in words ("confirmed", "en route")."""
        key = f"{subject}.{status}"
        return self(key) if key in _ENGLISH else status.replace("_", " ")

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

    def total_label(self, row: dict[str, Any]) -> str:
        """The label of one of an order's total rows (`what`, and `rate` for tax)."""
        if row.get("rate") is not None:
            return self("tax_rate", rate=formats.percent(row["rate"], self.locale))
        return self(str(row["what"]))

    def total_rows(self, order: dict[str, Any]) -> list[dict[str, Any]]:
        """An order summary's total rows; a summary written before it had them shows its
        total alone."""
        rows = order.get("total_rows")
        if rows:
            return list(rows)
        return [{"what": "total", "rate": None, "amount": order["totals"]["gross"]}]

    def day(self, value: str | date | None) -> str:
        """A date, long form."""
        return formats.date(value, self.locale, "long") if value else ""

    def moment(self, value: str | datetime) -> str:
        """A date and time, medium form, in the team's time zone (TIMEZONE) when this
        wording has it, else in the moment's own (UTC for stored ones)."""
        return formats.datetime(value, self.locale, "medium", zone=self.zone)

    def change(self, change: dict[str, Any]) -> str:
        """One status change as a sentence."""
        status = self.status(change["subject"], change["status"])
        if change["subject"] == "shipment":
            return self("change_shipment", number=change.get("shipment"), status=status)
        return self("change_order", status=status)
