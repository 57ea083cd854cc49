"""Sample data worth looking at: customers, products with taxes, orders in every status,
a subscription and a case, all made through the same commands as every door."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal as D
from typing import Any

from domain import commands as c
from domain.services.messagebus import MessageBus

Handle = Callable[[c.Command], Any]

CUSTOMERS = [
    (
        "BOULANGE",
        "Boulangerie Martin SARL",
        "FR40303265045",
        "fr",
        "commandes@boulangerie-martin.example",
        ("MAIN", "Boulangerie Martin", "12 rue des Lilas", "Lyon", "69003", "FR"),
    ),
    (
        "NORDLYS",
        "Nordlys Café ApS",
        "DK13585628",
        "en",
        "indkob@nordlys.example",
        ("KBH", "Nordlys Café", "Vesterbrogade 41", "København V", "1620", "DK"),
    ),
    (
        "ACME",
        "Acme Office Supplies Ltd",
        "",
        "en",
        "purchasing@acme.example",
        ("HQ", "Acme HQ", "1 Market Street", "Bristol", "BS1 4DJ", "GB"),
    ),
    (
        "HOTELSUD",
        "Hôtel du Sud",
        "FR83404833048",
        "fr",
        "achats@hoteldusud.example",
        ("NICE", "Hôtel du Sud", "5 promenade des Anglais", "Nice", "06000", "FR"),
    ),
]

PRODUCTS = [
    ("COF-1KG", "Coffee beans, 1 kg", "18.90", "VAT5.5", "monthly,quarterly"),
    ("TEA-EARL", "Earl Grey tea, 500 g", "9.40", "VAT5.5", "monthly,quarterly,yearly"),
    ("CUP-CER", "Ceramic cup", "4.20", "VAT20", ""),
    ("GRINDER", "Burr grinder", "249.00", "VAT20", ""),
    ("FILTER-100", "Paper filters (100)", "3.15", "VAT20", "monthly"),
    ("SERVICE", "Machine service visit", "120.00", "VAT20", "yearly"),
]


def _lines(*pairs: tuple[str, str]) -> tuple[c.LineInput, ...]:
    return tuple(c.LineInput(product=p, quantity=D(q)) for p, q in pairs)


def load_demo(bus: MessageBus, today: date) -> str:
    """Create the sample data; says so and does nothing when it is already there."""
    h = bus.handle
    if h(c.FindCustomers(text="BOULANGE")).items:
        return "The demo data is already loaded."
    _catalogue(h)
    _customers(h)
    draft, big = _orders_under_way(h, today)
    gone = _orders_done(h)
    h(
        c.CreateSubscription(
            customer="NORDLYS",
            lines=(("COF-1KG", D(4)), ("FILTER-100", D(2))),
            frequency="monthly",
            start_date=today.replace(day=1),
        )
    )
    h(c.OpenCase(customer="BOULANGE", priority="high", title="Second half of the cups is late"))
    h(c.AddCustomerNote(code="BOULANGE", text="Prefers deliveries before 7 am.", actor="demo"))
    return (
        f"Demo data loaded: 4 customers, 6 products, orders {draft} (draft) to {gone} "
        f"(cancelled), a subscription and a case. Try: orderbot console, then "
        f"`customer show BOULANGE` or `order show {big}`."
    )


def _catalogue(h: Handle) -> None:
    h(c.CreateTax(code="VAT20", rate=D(20), manager=True))
    h(c.CreateTax(code="VAT5.5", rate=D("5.5"), manager=True))
    for code, name, price, tax, every in PRODUCTS:
        h(c.CreateProduct(code=code, name=name, price=D(price), tax=tax, frequencies=every))


def _customers(h: Handle) -> None:
    for code, name, vat, lang, email, (acode, aname, street, city, zipc, country) in CUSTOMERS:
        h(c.CreateCustomer(code=code, name=name, vat_number=vat, email=email, language=lang))
        h(
            c.AddAddress(
                customer=code,
                code=acode,
                name=aname,
                street=street,
                city=city,
                postal_code=zipc,
                country=country,
            )
        )
    h(
        c.AddAddress(
            customer="ACME",
            code="DEPOT",
            name="Acme depot",
            street="Unit 4, Avon Park",
            city="Bristol",
            postal_code="BS2 0XJ",
            country="GB",
        )
    )
    h(
        c.AddContact(
            customer="NORDLYS",
            name="Freja Holm",
            email="freja@nordlys.example",
            phone="+45 33 12 34 56",
        )
    )


def _orders_under_way(h: Handle, today: date) -> tuple[str, str]:
    """Two drafts, and a confirmed order split, partly shipped and invoiced: (the first
    draft's code, the confirmed order's code)."""
    due = today + timedelta(days=7)
    draft = h(
        c.CreateOrder(
            customer="ACME",
            lines=_lines(("CUP-CER", "48"), ("FILTER-100", "10")),
            reference="PO-2291",
            due_date=due,
        )
    ).order.code
    h(
        c.CreateOrder(
            customer="ACME", lines=_lines(("COF-1KG", "6")), reference="PO-2292", due_date=due
        )
    )
    big = h(
        c.CreateOrder(
            customer="BOULANGE",
            lines=_lines(("COF-1KG", "20"), ("GRINDER", "1"), ("CUP-CER", "120")),
            reference="BC-118",
            due_date=due,
            discount_value=D(5),
            shipping_charges=D("25.00"),
        )
    ).order.code
    h(
        c.SplitShipment(
            code=big, product="CUP-CER", quantity=D(60), planned_date=today + timedelta(days=21)
        )
    )
    h(c.ConfirmOrder(code=big))
    h(c.ShipOrder(code=big, shipment=1, carrier="DB Schenker", tracking="DBS-7731-22"))
    h(c.InvoiceOrder(code=big, lines=(("COF-1KG", D(20)), ("GRINDER", D(1)))))
    h(c.CreateWorkOrders(code=big, scope="per-shipment"))
    return str(draft), str(big)


def _orders_done(h: Handle) -> str:
    """A delivered order, its invoice paid and a return received; a cancelled one (its
    code) and a confirmed one."""
    done = h(
        c.CreateOrder(
            customer="NORDLYS", lines=_lines(("TEA-EARL", "12"), ("CUP-CER", "24")), confirm=True
        )
    ).order.code
    h(c.ShipOrder(code=done, carrier="PostNord", tracking="PN-00981"))
    h(c.DeliverOrder(code=done))
    invoice = h(c.InvoiceOrder(code=done)).invoice.code
    h(c.PayInvoice(code=invoice))
    ret = h(
        c.CreateReturn(code=done, product="CUP-CER", quantity=D(2), reason="broken in transit")
    ).return_order.code
    h(c.ReceiveReturn(code=ret))
    gone = h(c.CreateOrder(customer="HOTELSUD", lines=_lines(("SERVICE", "1")))).order.code
    h(c.CancelOrder(code=gone, reason="booked twice"))
    h(
        c.CreateOrder(
            customer="HOTELSUD",
            lines=_lines(("COF-1KG", "10"), ("TEA-EARL", "5")),
            confirm=True,
            payment_terms="30 days end of month",
        )
    )
    return str(gone)
