"""A refusal of one field, with the field named in the reader's language.

`ValidationFailed.field` names a field by the key the doors match on (`quantity`,
`line 3`); a person reads that name beside the problem ("quantity: only 4 of WIDGET is
left to invoice"), so it is said as a sentence of its own here, while the key stays as
it was in the refusal's field errors. The names are those of the values a person types
or reads (a command option such as `discount-tax:` or `to:`, a setting such as
`SHIPPING_TAX`, is written as typed and has no entry: it is said as it is).
"""

from __future__ import annotations

from domain.errors import FieldError, NotFound, ValidationFailed
from domain.texts import Text, _

# The words a refusal names a field by; the bounds of the commands' values use them too.
FIELD_NAMES: dict[str, Text] = {
    "address": _("address"),
    "adjustment": _("adjustment"),
    "carrier": _("carrier"),
    "catalogue": _("catalogue"),
    "code": _("code"),
    "customer": _("customer"),
    "customer or order": _("customer or order"),
    "delivery method": _("delivery method"),
    "discount": _("discount"),
    "email": _("email"),
    "frequencies": _("frequencies"),
    "line": _("line"),
    "lines": _("lines"),
    "name": _("name"),
    "note": _("note"),
    "order": _("order"),
    "payment terms": _("payment terms"),
    "price": _("price"),
    "product": _("product"),
    "quantity": _("quantity"),
    "rate": _("rate"),
    "reason": _("reason"),
    "reference": _("reference"),
    "remarks": _("remarks"),
    "shipping": _("shipping"),
    "source": _("source"),
    "tax": _("tax"),
    "total": _("total"),
    "tracking": _("tracking"),
    "warehouse": _("warehouse"),
}


def field_name(field: str) -> Text | str:
    """The name a person reads for `field`: a sentence to translate when it is a word,
    the key itself when it is written as typed (an option, a setting)."""
    return FIELD_NAMES.get(field, field)


def refused(field: str, problem: Text, code: str, label: Text | None = None) -> ValidationFailed:
    """ValidationFailed of one field, as `ValidationFailed.field` makes it (the same
    English, the same field error), its name said in the reader's language; `label`
    names it where the key alone does not (`line 3`)."""
    named = label if label is not None else field_name(field)
    text = _("{field}: {problem}", field=named, problem=problem)
    return ValidationFailed(code, text, (FieldError(field, str(problem)),))


# The keys of an order's parts name the order too, as they always did: a product missing
# from an order is then never "corrected" to a product of the catalogue it does not hold.


def no_line(line_no: int, code: str) -> NotFound:
    """No line `line_no` on order `code`."""
    said = _("No line {key} on {code}.", key=line_no, code=code)
    return NotFound("line", f"{line_no} on {code}", said=said)


def no_line_numbered(word: str, code: str, lines: list[tuple[int, str]]) -> NotFound:
    """A number that is neither a line of order `code` nor a product on it: a line number
    mistyped far more often than a numeric product, so the refusal lists the lines."""
    listed = ", ".join(f"{line_no} ({product})" for line_no, product in lines)
    said = _("No line {key} on {code}; its lines are {lines}.", key=word, code=code,
             lines=listed)  # fmt: skip
    return NotFound("line", f"{word} on {code}", said=said)


def no_product(product: str, code: str, on_order: list[str]) -> NotFound:
    """No line of `product` on order `code`, naming the products it has."""
    has = ", ".join(on_order)
    said = _("No product {key} on {code} (it has: {products}).", key=product, code=code,
             products=has)  # fmt: skip
    return NotFound("product", f"{product} on {code} (it has: {has})", said=said)


def no_shipment(number: int, code: str) -> NotFound:
    """No shipment `number` on order `code`."""
    said = _("No shipment {key} of {code}.", key=number, code=code)
    return NotFound("shipment", f"{number} of {code}", said=said)
