"""The `/customer`, `/product` and `/tax` forms; `/case` is registered with them, from
`bot.language.cases`."""

from __future__ import annotations

from typing import Any

from bot.language.cases import case_forms
from bot.language.grammar import Door, Form, Grammar
from bot.language.words import Args, UsageError, number, typed
from domain import commands as c
from l10n.translation import N_, gettext, pgettext


def _base(door: Door) -> dict[str, Any]:
    return {"actor": door.actor, "manager": door.manager}


def _one(args: Args, what: str) -> str:
    if len(args.words) != 1:
        raise UsageError(
            gettext("expected one {what}, got: {got}", what=what, got=typed(args.words))
        )
    return args.words[0]


def _text(args: Args, start: int, what: str) -> str:
    text = " ".join(args.words[start:]).strip()
    if not text:
        raise UsageError(gettext("the {what} is missing", what=what))
    return text


def _customer_new(a: Args, d: Door) -> c.Command:
    if len(a.words) != 2:
        raise UsageError(gettext('expected CODE and NAME (quote a name with spaces: "Acme SA")'))
    return c.CreateCustomer(
        code=a.words[0],
        name=a.words[1],
        vat_number=a.options.get("vat", ""),
        email=a.options.get("email", ""),
        # no lang: none chosen; the LANGUAGE setting's until the customer's first mail
        language=a.options["lang"].lower()[:2] if "lang" in a.options else None,
        **_base(d),
    )


def _cleared(value: str | None) -> str | None:
    """An option of a `set` form: `-` clears the field."""
    return "" if value == "-" else value


def _subverb(words: list[str], verbs: tuple[str, ...], what: str) -> tuple[str, list[str]]:
    """`CODE VERB NAME ...` -> (VERB, [CODE, NAME, ...]); `CODE NAME ...` -> ("add", words).
    A verb is read only in second place and followed by a name, so a contact or address
    named like a verb can still be added."""
    if len(words) >= 2 and words[1].lower() in verbs:
        if len(words) == 2:
            raise UsageError(gettext("say which {what} after {verb}", what=what, verb=words[1]))
        return words[1].lower(), [words[0], *words[2:]]
    return "add", words


def _take(words: list[str], word: str) -> bool:
    """Whether `word` is among the words after CODE and NAME (and take it out)."""
    rest = [w for w in words[2:] if w.lower() != word]
    found = len(rest) < len(words) - 2
    words[2:] = rest
    return found


def _customer_set(a: Args, d: Door) -> c.Command:
    o = a.options
    if len(a.words) != 1:
        raise UsageError(gettext("expected one customer CODE, got: {got}", got=typed(a.words)))
    if not o:
        raise UsageError(gettext("say what to change: name:, vat: or lang:"))
    return c.SetCustomer(
        code=a.words[0],
        name=o.get("name"),
        vat_number=_cleared(o.get("vat")),
        language=o.get("lang"),
        **_base(d),
    )


ADDRESS_OPTIONS = {
    "name": "name",
    "street": "street",
    "city": "city",
    "zip": "postal_code",
    "state": "state",
    "country": "country",
}
"""The options of the address forms, and the fields they fill."""


def _address(a: Args, d: Door) -> c.Command:
    """`CODE [add] ADDR ...`, `CODE set ADDR ...`, `CODE remove ADDR`, `CODE default ADDR`."""
    verb, words = _subverb(a.words, ("add", "set", "remove", "default"), gettext("address code"))
    default = _take(words, "default")
    if len(words) != 2:
        raise UsageError(
            gettext("expected CUSTOMER and ADDRESS-CODE (then street:, city:, zip:...)")
        )
    customer, code = words
    fields = {field: a.options[key] for key, field in ADDRESS_OPTIONS.items() if key in a.options}
    if verb in ("remove", "default") and (fields or default):
        raise UsageError(gettext("{verb} takes only the address code", verb=verb))
    if verb == "remove":
        return c.RemoveAddress(customer=customer, code=code, **_base(d))
    if verb == "default":
        return c.SetDefaultAddress(customer=customer, code=code, **_base(d))
    if verb == "set":
        cleared = {field: _cleared(value) for field, value in fields.items()}
        return c.SetAddress(customer=customer, code=code, default=default, **cleared, **_base(d))
    return c.AddAddress(customer=customer, code=code, default=default, **fields, **_base(d))


def _contact(a: Args, d: Door) -> c.Command:
    """`CODE [add] NAME ...`, `CODE set NAME ...`, `CODE remove NAME`; the earlier
    `CODE NAME remove` still removes."""
    verb, words = _subverb(a.words, ("add", "set", "remove"), gettext("contact name"))
    default = _take(words, "default")
    if verb == "add" and _take(words, "remove"):
        verb = "remove"
    if len(words) != 2:
        raise UsageError(
            gettext('expected CUSTOMER and NAME (quote a name with spaces: "Ann Lee")')
        )
    o = a.options
    if verb == "remove":
        if default or "phone" in o or "name" in o:
            raise UsageError(
                gettext("remove takes only the contact's NAME (and email: to say which)")
            )
        return c.RemoveContact(
            customer=words[0], name=words[1], email=o.get("email", ""), **_base(d)
        )
    if verb == "set":
        return c.SetContact(
            customer=words[0],
            name=words[1],
            new_name=o.get("name"),
            email=_cleared(o.get("email")),
            phone=_cleared(o.get("phone")),
            default=default,
            **_base(d),
        )
    if "name" in o:
        raise UsageError(
            gettext("name: renames a contact: customer contact CODE set NAME name:NEW")
        )
    return c.AddContact(
        customer=words[0],
        name=words[1],
        email=o.get("email", ""),
        phone=o.get("phone", ""),
        default=default,
        **_base(d),
    )


def _product_new(a: Args, d: Door) -> c.Command:
    if len(a.words) != 3:
        raise UsageError(gettext('expected CODE NAME PRICE (quote a name with spaces: "Widget A")'))
    return c.CreateProduct(
        code=a.words[0],
        name=a.words[1],
        price=number(a.words[2], pgettext("money", "price")),
        tax=a.options.get("tax"),
        frequencies=a.options.get("every", ""),
        **_base(d),
    )


YES = ("yes", "y", "true", "on", "1")
NO = ("no", "n", "false", "off", "0")


def _yes_no(value: str, what: str) -> bool:
    word = value.strip().lower()
    if word in YES or word in NO:
        return word in YES
    raise UsageError(gettext("{what} takes yes or no, not {typed}", what=what, typed=repr(value)))


def _product_set(a: Args, d: Door) -> c.Command:
    o = a.options
    if len(a.words) != 1:
        raise UsageError(gettext("expected one product CODE, got: {got}", got=typed(a.words)))
    if not o:
        raise UsageError(gettext("say what to change: name:, price:, tax:, every: or active:"))
    return c.SetProduct(
        code=a.words[0],
        name=o.get("name"),
        price=number(o["price"], pgettext("money", "price")) if "price" in o else None,
        tax=_cleared(o.get("tax")),
        frequencies=_cleared(o.get("every")),
        active=_yes_no(o["active"], "active:") if "active" in o else None,
        **_base(d),
    )


def register(grammar: Grammar) -> None:
    """Add the /customer, /product, /tax and /case forms, in the order help lists them."""
    grammar.families["customer"] = N_(
        "customers: find, show (the customer desk), create, edit, addresses, contacts, notes"
    )
    grammar.families["product"] = N_("the product catalogue")
    grammar.families["tax"] = N_("tax rates (creating one is for managers)")
    grammar.families["case"] = N_("customer service cases, their notes, priorities and alerts")
    groups = (_customer_forms, _customer_detail_forms, _product_forms, _tax_forms, case_forms)
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
            N_(
                "find customers by code, name, VAT number, email, phone, city, postal code, "
                "street, or an order's code or PO number (case and accents aside; best first)"
            ),
            lambda a, d: c.FindCustomers(text=_text(a, 0, gettext("text to find")), **b(d)),
            free_text=True,
        ),
        Form(
            "customer",
            "show",
            "CODE",
            N_(
                "the customer desk: alerts, addresses, contacts, backorders, notes, "
                "statistics, orders"
            ),
            lambda a, d: c.ShowCustomer(code=_one(a, gettext("customer code")), **b(d)),
        ),
        Form(
            "customer",
            "new",
            "CODE NAME [vat:NUMBER] [email:ADDR] [lang:en|fr|da]",
            N_(
                "create a customer (an EU VAT number's check digits are checked; the email "
                "becomes its default contact and belongs to it only)"
            ),
            _customer_new,
            frozenset({"vat", "email", "lang"}),
        ),
        Form(
            "customer",
            "set",
            "CODE [name:NAME] [vat:NUMBER|-] [lang:en|fr|da]",
            N_(
                "change a customer's name, VAT number (checked as for new; - removes it) or "
                "language; the change goes on its history with who made it"
            ),
            _customer_set,
            frozenset({"name", "vat", "lang"}),
        ),
        Form(
            "customer",
            "note",
            "CODE TEXT",
            N_("add a note"),
            lambda a, d: c.AddCustomerNote(
                code=a.words[0], text=_text(a, 1, pgettext("customer", "note")), **b(d)
            ),
            min_words=2,
            free_text=True,
        ),
    ]


def _customer_detail_forms() -> list[Form]:
    """A customer's addresses and contacts, and the customers import."""
    b = _base
    return [
        Form(
            "customer",
            "address",
            "CODE [add|set|remove|default] ADDRESS-CODE [name:..] [street:..] [city:..] "
            "[zip:..] [state:..] [country:FR] [default]",
            N_(
                "add an address (country: a code, or a name in English or French), set its "
                "fields (- clears one), remove it (not while an open order ships or bills to "
                "it) or make it the default"
            ),
            _address,
            frozenset(ADDRESS_OPTIONS),
        ),
        Form(
            "customer",
            "contact",
            "CODE [add|set|remove] NAME [name:NEW] [email:ADDR] [phone:NUMBER] [default]",
            N_(
                "add a contact (orders by email come from contacts' addresses; an address "
                "belongs to one customer; a national phone is read in the address's country), "
                "set its name, email or phone (- clears one), or remove it (email: says which "
                "when names repeat; CODE NAME remove works too)"
            ),
            _contact,
            frozenset({"email", "phone", "name"}),
        ),
        Form(
            "customer",
            "import",
            "",
            N_("check and import a customers spreadsheet (upload it next)"),
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
            "CODE NAME PRICE [tax:CODE] [every:monthly,quarterly,yearly|all]",
            N_("create a product (every: the subscription frequencies it allows; all: every one)"),
            _product_new,
            frozenset({"tax", "every"}),
        ),
        Form(
            "product",
            "set",
            "CODE [name:NAME] [price:PRICE] [tax:CODE|-] [every:monthly,...|all|-] [active:yes|no]",
            N_(
                "change a product's name, price, tax (- removes it), subscription frequencies "
                "(all: every one; -: none) or whether it is sold; the answer names the "
                "subscriptions the change stops, and the change goes on the product's history "
                "with who made it"
            ),
            _product_set,
            frozenset({"name", "price", "tax", "every", "active"}),
        ),
        Form(
            "product",
            "list",
            "[TEXT]",
            N_("list products"),
            lambda a, d: c.ListProducts(text=" ".join(a.words), **b(d)),
            free_text=True,
        ),
        Form(
            "product",
            "show",
            "CODE",
            N_("show a product with its latest history"),
            lambda a, d: c.ShowProduct(code=_one(a, gettext("product code")), **b(d)),
        ),
        Form(
            "product",
            "import",
            "",
            N_("check and import a products spreadsheet (upload it next)"),
            lambda a, d: c.ListProducts(**b(d)),
            slack_only=True,
        ),
    ]


def _tax_forms() -> list[Form]:
    """Tax rates."""
    b = _base
    return [
        Form(
            "tax",
            "new",
            "CODE RATE",
            N_("create a tax rate, e.g. /tax new VAT20 20 (managers)"),
            lambda a, d: c.CreateTax(
                code=a.words[0],
                rate=number(a.words[1].rstrip("%"), pgettext("tax", "rate")),
                **b(d),
            ),
            min_words=2,
        ),
        Form("tax", "list", "", N_("list tax rates"), lambda a, d: c.ListTaxes(**b(d))),
    ]
