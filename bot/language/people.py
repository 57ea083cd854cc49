"""The `/customer`, `/product`, `/tax` and `/case` forms."""

from __future__ import annotations

from typing import Any

from bot.language.grammar import Door, Form, Grammar
from bot.language.words import Args, UsageError, number, whole
from domain import commands as c


def _base(door: Door) -> dict[str, Any]:
    return {"actor": door.actor, "manager": door.manager}


def _one(args: Args, what: str) -> str:
    if len(args.words) != 1:
        raise UsageError(f"expected one {what}, got: {' '.join(args.words) or 'nothing'}")
    return args.words[0]


def _text(args: Args, start: int, what: str) -> str:
    text = " ".join(args.words[start:]).strip()
    if not text:
        raise UsageError(f"the {what} is missing")
    return text


def _customer_new(a: Args, d: Door) -> c.Command:
    if len(a.words) != 2:
        raise UsageError('expected CODE and NAME (quote a name with spaces: "Acme SA")')
    return c.CreateCustomer(
        code=a.words[0],
        name=a.words[1],
        vat_number=a.options.get("vat", ""),
        email=a.options.get("email", ""),
        language=a.options.get("lang", "en").lower()[:2],
        **_base(d),
    )


def _address(a: Args, d: Door) -> c.Command:
    o = a.options
    if len(a.words) != 2:
        raise UsageError("expected CUSTOMER and ADDRESS-CODE (then street:, city:, zip:...)")
    return c.AddAddress(
        customer=a.words[0],
        code=a.words[1],
        name=o.get("name", ""),
        street=o.get("street", ""),
        city=o.get("city", ""),
        postal_code=o.get("zip", ""),
        state=o.get("state", ""),
        country=o.get("country", ""),
        default="default" in a.flags,
        **_base(d),
    )


def _contact(a: Args, d: Door) -> c.Command:
    if len(a.words) != 2:
        raise UsageError('expected CUSTOMER and NAME (quote a name with spaces: "Ann Lee")')
    if "remove" in a.flags:
        email = a.options.get("email", "")
        return c.RemoveContact(customer=a.words[0], name=a.words[1], email=email, **_base(d))
    return c.AddContact(
        customer=a.words[0],
        name=a.words[1],
        email=a.options.get("email", ""),
        phone=a.options.get("phone", ""),
        default="default" in a.flags,
        **_base(d),
    )


def _product_new(a: Args, d: Door) -> c.Command:
    if len(a.words) != 3:
        raise UsageError('expected CODE NAME PRICE (quote a name with spaces: "Widget A")')
    return c.CreateProduct(
        code=a.words[0],
        name=a.words[1],
        price=number(a.words[2], "price"),
        tax=a.options.get("tax"),
        frequencies=a.options.get("every", ""),
        **_base(d),
    )


def register(grammar: Grammar) -> None:
    """Add the /customer, /product, /tax and /case forms, in the order help lists them."""
    grammar.families["customer"] = "customers: find, show (the customer desk), create, notes"
    grammar.families["product"] = "the product catalogue"
    grammar.families["tax"] = "tax rates (creating one is for managers)"
    grammar.families["case"] = "customer service cases and alerts"
    groups = (_customer_forms, _customer_detail_forms, _product_forms, _tax_and_case_forms)
    for forms in groups:
        for form in forms():
            grammar.add(form)


def _customer_forms() -> list[Form]:
    """Finding, showing and creating customers, and their notes."""
    b = _base
    return [
        Form(
            "customer",
            "find",
            "TEXT",
            "find customers by code, name, VAT number, email, phone",
            lambda a, d: c.FindCustomers(text=_text(a, 0, "text to find"), **b(d)),
        ),
        Form(
            "customer",
            "show",
            "CODE",
            "the customer desk: alerts, addresses, contacts, backorders, notes, statistics, orders",
            lambda a, d: c.ShowCustomer(code=_one(a, "customer code"), **b(d)),
        ),
        Form(
            "customer",
            "new",
            "CODE NAME [vat:NUMBER] [email:ADDR] [lang:en|fr]",
            "create a customer (an EU VAT number's check digits are checked; the email "
            "becomes its default contact and belongs to it only)",
            _customer_new,
            frozenset({"vat", "email", "lang"}),
        ),
        Form(
            "customer",
            "note",
            "CODE TEXT",
            "add a note",
            lambda a, d: c.AddCustomerNote(code=a.words[0], text=_text(a, 1, "note"), **b(d)),
            min_words=2,
        ),
    ]


def _customer_detail_forms() -> list[Form]:
    """A customer's addresses and contacts, and the customers import."""
    b = _base
    return [
        Form(
            "customer",
            "address",
            "CODE ADDRESS-CODE [name:..] [street:..] [city:..] [zip:..] "
            "[state:..] [country:FR] [default]",
            "add an address (country: a code, or a name in English or French)",
            _address,
            frozenset({"name", "street", "city", "zip", "state", "country"}),
            frozenset({"default"}),
        ),
        Form(
            "customer",
            "contact",
            "CODE NAME [email:ADDR] [phone:NUMBER] [default|remove]",
            "add a contact (orders by email come from contacts' addresses; an address "
            "belongs to one customer; a national phone is read in the address's country), "
            "or remove one",
            _contact,
            frozenset({"email", "phone"}),
            frozenset({"default", "remove"}),
        ),
        Form(
            "customer",
            "import",
            "",
            "check and import a customers spreadsheet (upload it next)",
            lambda a, d: c.ListTaxes(**b(d)),
            slack_only=True,
        ),
    ]


def _product_forms() -> list[Form]:
    """The product catalogue."""
    b = _base
    return [
        Form(
            "product",
            "new",
            "CODE NAME PRICE [tax:CODE] [every:monthly,quarterly,yearly]",
            "create a product",
            _product_new,
            frozenset({"tax", "every"}),
        ),
        Form(
            "product",
            "list",
            "[TEXT]",
            "list products",
            lambda a, d: c.ListProducts(text=" ".join(a.words), **b(d)),
        ),
        Form(
            "product",
            "show",
            "CODE",
            "show a product",
            lambda a, d: c.ShowProduct(code=_one(a, "product code"), **b(d)),
        ),
        Form(
            "product",
            "import",
            "",
            "check and import a products spreadsheet (upload it next)",
            lambda a, d: c.ListProducts(**b(d)),
            slack_only=True,
        ),
    ]


def _tax_and_case_forms() -> list[Form]:
    """Tax rates, and customer service cases."""
    b = _base
    return [
        Form(
            "tax",
            "new",
            "CODE RATE",
            "create a tax rate, e.g. /tax new VAT20 20 (managers)",
            lambda a, d: c.CreateTax(
                code=a.words[0], rate=number(a.words[1].rstrip("%"), "rate"), **b(d)
            ),
            min_words=2,
        ),
        Form("tax", "list", "", "list tax rates", lambda a, d: c.ListTaxes(**b(d))),
        Form(
            "case",
            "new",
            "CUSTOMER PRIORITY TITLE",
            "open a case (priority: low, medium, high, critical)",
            lambda a, d: c.OpenCase(
                customer=a.words[0], priority=a.words[1], title=_text(a, 2, "title"), **b(d)
            ),
            min_words=3,
        ),
        Form(
            "case",
            "list",
            "[CUSTOMER]",
            "list cases, active alerts first",
            lambda a, d: c.ListCases(customer=a.words[0] if a.words else None, **b(d)),
        ),
        Form(
            "case",
            "close",
            "ID",
            "close a case",
            lambda a, d: c.CloseCase(case_id=whole(_one(a, "case id"), "case id"), **b(d)),
        ),
    ]
