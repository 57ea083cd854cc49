"""The data of bench/search.py: customers as the import's writer takes them (columns), and
orders as rows of their tables. Deterministic: the same counts give the same data."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Table

from domain.imports.customers.plan import AddressRow, ContactRow, CustomerChange, CustomerPlan
from store.tables import core as t

# fmt: off
FIRST = ["Jean", "Marie", "Pierre", "Claire", "Sophie", "Søren", "Mette", "Lars", "Anne",
         "Louise", "Henrik", "Camille", "Julien", "Lucas", "Emma", "Hugo", "Inès", "Nora"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
        "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
        "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
        "Dupont", "Lambert", "Bonnet", "François", "Hansen", "Jensen", "Nielsen", "Pedersen",
        "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Møller",
        "Kierkegaard", "Ødegaard", "Bérénice", "Schröder", "Müller"]
KINDS = ["Boulangerie", "Hôtel", "Café", "Garage", "Pharmacie", "Librairie", "Atelier",
         "Fromagerie", "Restaurant", "Brasserie", "Bageri", "Blomster", "Cykler", "Tømrer"]
PLACES = [("FR", "75008", "Paris"), ("FR", "69003", "Lyon"), ("FR", "13001", "Marseille"),
          ("FR", "42000", "Saint-Étienne"), ("FR", "01000", "Bourg-en-Bresse"),
          ("FR", "06000", "Nice"), ("FR", "59000", "Lille"), ("FR", "44000", "Nantes"),
          ("DK", "1150", "København K"), ("DK", "8000", "Aarhus C"), ("DK", "5000", "Odense C"),
          ("DK", "9000", "Aalborg"), ("DK", "2100", "København Ø"), ("DK", "7100", "Vejle")]
STREETS = ["rue de la République", "avenue Jean Jaurès", "place Bellecour", "rue Mercière",
           "Vestergade", "Nørrebrogade", "Østerbrogade", "Strandvejen", "boulevard Voltaire"]
# fmt: on


def customer_plan(count: int) -> CustomerPlan:
    """`count` new customers, each with an address and a contact (email and phone)."""
    rng = random.Random(1)
    plan = CustomerPlan()
    for n in range(count):
        first, last, kind = rng.choice(FIRST), rng.choice(LAST), rng.choice(KINDS)
        country, postal, city = rng.choice(PLACES)
        name = f"{kind} {last}" if n % 3 else f"{first} {last} {kind}"
        change = CustomerChange(f"C{n:06d}", name, f"FR{n:011d}" if n % 5 == 0 else "")
        street = f"{rng.randint(1, 200)} {rng.choice(STREETS)}"
        change.addresses.append(AddressRow("MAIN", "", street, city, postal, "", country, True))
        email = f"{first.lower()}.{last.lower()}.{n}@{kind.lower()}-{n % 997}.example"
        change.contacts.append(ContactRow(f"{first} {last}", email, _phone(country, rng), True))
        plan.customers.append(change)
    return plan


def _phone(country: str, rng: random.Random) -> str:
    if country == "FR":
        digits = [rng.randint(10, 99) for _ in range(4)]
        return f"+33 {rng.randint(1, 5)} " + " ".join(f"{d:02d}" for d in digits)
    return "+45 " + " ".join(f"{rng.randint(10, 99):02d}" for _ in range(4))


def order_rows(customers: int, count: int, now: datetime) -> list[tuple[Table, list[Any]]]:
    """The rows of `count` orders over two years, newest last: recent ones in every state
    (some overdue), older ones mostly closed, a few still to invoice."""
    rng = random.Random(2)
    names = ("orders", "order_lines", "shipments", "shipment_lines", "invoices", "invoice_lines")
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    zero, qty, price = Decimal(0), Decimal(4), Decimal("12.50")
    for n in range(1, count + 1):
        age = timedelta(days=730 * (count - n) / count)
        created = now - age
        status, shipped, invoiced = order_state(age.days, rng)
        tables["orders"].append({
            "id": n, "code": f"SO-{n:06d}", "customer_code": f"C{rng.randrange(customers):06d}",
            "created_at": created, "status": status, "source": "console",
            "reference": f"PO-{n:06d}" if n % 2 == 0 else "",
            "due_date": (created + timedelta(days=14)).date(), "discount_value": zero,
            "discount_is_percent": True, "shipping_charges": zero, "adjustment": zero,
            "version": 1, "payment_terms": "", "delivery_method": "", "warehouse": "",
            "remarks": "",
        })  # fmt: skip
        tables["order_lines"].append({
            "id": n, "order_id": n, "line_no": 1, "product_code": "BREAD", "description": "",
            "quantity": qty, "unit_price": price, "tax_code": None, "tax_rate": zero,
            "discount_percent": zero, "remarks": "",
        })  # fmt: skip
        shipment = "cancelled" if status == "cancelled" else ("shipped" if shipped else "pending")
        tables["shipments"].append({
            "id": n, "order_id": n, "number": 1, "status": shipment, "planned_date": None,
            "remarks": "", "carrier": "", "tracking_number": "",
            "shipped_at": created + timedelta(days=2) if shipped else None,
        })  # fmt: skip
        tables["shipment_lines"].append({"id": n, "shipment_id": n, "line_no": 1, "quantity": qty})
        if invoiced:
            number = len(tables["invoices"]) + 1
            tables["invoices"].append({
                "id": number, "order_id": n, "code": f"INV-{number:06d}",
                "created_at": created + timedelta(days=3), "net": Decimal(50),
                "tax": zero, "gross": Decimal(50),
            })  # fmt: skip
            tables["invoice_lines"].append({"id": number, "invoice_id": number, "line_no": 1,
                                            "product_code": "BREAD", "quantity": qty})  # fmt: skip
    return [(t.metadata.tables[name], rows) for name, rows in tables.items()]


def order_state(age_days: int, rng: random.Random) -> tuple[str, bool, bool]:
    """(status, shipped, invoiced) of an order made `age_days` ago."""
    roll = rng.random()
    if age_days < 30:
        if roll < 0.10:
            return "draft", False, False
        if roll < 0.15:
            return "cancelled", False, False
        shipped = roll < 0.5
        return "confirmed", shipped, shipped and roll < 0.3
    if roll < 0.05:
        return "cancelled", False, False
    if roll < 0.08:
        return "confirmed", True, False  # shipped long ago, never invoiced
    return "closed", True, True
