"""The order's history as its customer reads it: one sentence per public timeline entry.

The timeline keeps what happened in the words of the rep's tools ("Order created
(console) with 2 line(s).", "Invoice INV-00001 made (104.76 EUR)."); the customer reads
what it means for them, in their language, with amounts in their currency and no door,
no internal detail. An entry is worded by its kind, with the few facts it holds (a
shipment's number, a planned date, an invoice's number and amount): an entry kept as a
sentence (`sentence`, its message id and values) gives them by name; one written before
sentences were kept gives them from its English text. An entry of a kind the customer
has no sentence for is left out rather than shown raw.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from mail.outbound.wording import N_, Wording

_SHIPMENT = re.compile(r"^Shipment (\d+)")
_PLANNED = re.compile(r"planned for (\d{4}-\d{2}-\d{2})")
_INVOICE = re.compile(r"^Invoice (\S+) made(?: \((-?\d+(?:\.\d+)?)(?: [A-Z]{3})?\))?")
_RETURN = re.compile(r"^Return \S+: (\S+) x (.+)\.$")

RECEIVED = N_("We received your order.")
SHIPPED_WITH = N_("Shipment {number} is on its way with {carrier}.")
PLANNED_FOR = N_("Shipment {number} is planned for {date}.")
CORRECTED = N_("The carrier or tracking number of shipment {number} was corrected.")
MERGED = N_("Another of your orders was joined to this one.")
INVOICED = N_("Invoice {invoice} was issued.")
INVOICED_AMOUNT = N_("Invoice {invoice} was issued for {amount}.")
RETURNED = N_("We received your return of {quantity} × {product}.")  # noqa: RUF001

Entry = dict[str, Any]
Facts = dict[str, Any]


def customer_sentence(w: Wording, entry: Entry, shipments: dict[int, Entry]) -> str | None:
    """The customer's sentence for one timeline entry, or None when it has none."""
    kind = str(entry.get("kind", ""))
    if kind == "created":
        return w.say(RECEIVED)
    subject, _, status = kind.partition("_")
    if subject == "order" and w.has(f"order.{status}"):
        return w("change_order", status=w.status("order", status))
    facts = _facts(entry)
    if subject == "shipment":
        return _shipment(w, status, facts, shipments)
    worded = _OTHERS.get(kind)
    return worded(w, facts) if worded is not None else None


def _facts(entry: Entry) -> Facts:
    """The facts an entry holds, by name: its sentence's values, else read from its text."""
    sentence = entry.get("sentence")
    if isinstance(sentence, dict) and isinstance(sentence.get("params"), dict):
        return {name: _raw(value) for name, value in sentence["params"].items()}
    text = str(entry.get("text", ""))
    facts: Facts = {}
    if shipment := _SHIPMENT.match(text):
        facts["number"] = shipment.group(1)
    if planned := _PLANNED.search(text):
        facts["date"] = planned.group(1)
    if invoice := _INVOICE.match(text):
        facts["invoice"], facts["amount"] = invoice.groups()
    if returned := _RETURN.match(text):
        facts["quantity"], facts["product"] = returned.groups()
    return facts


def _raw(value: Any) -> Any:
    """A sentence's value as the plain fact: an amount's, a quantity's or a day's own."""
    if isinstance(value, dict):
        for name in ("money", "number", "date"):
            if name in value:
                return value[name]
    return value


def _shipment(w: Wording, status: str, facts: Facts, shipments: dict[int, Entry]) -> str | None:
    if facts.get("number") is None:
        return None
    number = int(facts["number"])
    if status == "planned":
        day = facts.get("date")
        return w.say(PLANNED_FOR, number=number, date=w.day(day)) if day else None
    if status == "corrected":
        return w.say(CORRECTED, number=number)
    if not w.has(f"shipment.{status}"):
        return None  # moved, combined: warehouse work the customer has no word for
    carrier = (shipments.get(number) or {}).get("carrier")
    if status == "shipped" and carrier:
        return w.say(SHIPPED_WITH, number=number, carrier=carrier)
    return w("change_shipment", number=number, status=w.status("shipment", status))


def _invoiced(w: Wording, facts: Facts) -> str | None:
    invoice, amount = facts.get("invoice"), facts.get("amount")
    if invoice is None:
        return None
    if amount is None:
        return w.say(INVOICED, invoice=invoice)
    return w.say(INVOICED_AMOUNT, invoice=invoice, amount=w.money(amount))


def _returned(w: Wording, facts: Facts) -> str | None:
    if facts.get("quantity") is None or facts.get("product") is None:
        return None
    return w.say(RETURNED, quantity=w.number(facts["quantity"]), product=facts["product"])


_OTHERS: dict[str, Callable[[Wording, Facts], str | None]] = {
    "merged": lambda w, facts: w.say(MERGED),
    "invoiced": _invoiced,
    "returned": _returned,
}


def customer_history(w: Wording, order: Entry) -> list[Entry]:
    """The order summary's public timeline, newest first, as the customer reads it:
    `at`, `at_text`, `kind` and `text` (the customer's sentence)."""
    shipments = {int(s["number"]): s for s in order.get("shipments", [])}
    shown = []
    for entry in reversed(order.get("timeline", [])):
        sentence = customer_sentence(w, entry, shipments)
        if sentence is not None:
            at = entry["at"]
            shown.append(
                {"at": at, "at_text": w.moment(at), "kind": entry["kind"], "text": sentence}
            )
    return shown
