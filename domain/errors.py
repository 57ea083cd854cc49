"""Domain errors: every refusal the business can give, with a stable code.

    DomainError(code, message)
     ├── NotFound              an order, customer, product... that does not exist
     ├── InvalidTransition     a status change the transition table forbids
     ├── ValidationFailed      bad values; carries field errors
     ├── MergeRefused          two orders that cannot be merged, with the reason
     ├── ConcurrencyConflict   a lost race on an aggregate; the bus retries
     └── Forbidden             the caller may not do this (manager-only commands)

Codes are stable strings that tests and adapters may match on; messages are for a
person and say what was wrong and, where it helps, what to do instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.texts import Text, _


class DomainError(Exception):
    """Base of every refusal from the domain."""

    code: str = "error"

    def __init__(self, code: str, message: str | Text) -> None:
        # A plain string is a sentence not yet in the catalogs: it reads the same in
        # every language until it is written as a `Text`.
        self.text = message if isinstance(message, Text) else Text(message)
        self.message = str(self.text)
        super().__init__(self.message)
        self.code = code

    def __str__(self) -> str:
        return self.message


class NotFound(DomainError):
    """The thing named does not exist; `suggestion` is the closest that does, if any."""

    def __init__(
        self, kind: str, key: object, suggestion: str | None = None, said: Text | None = None
    ) -> None:
        # `said`: a whole sentence where the kind's own would not tell enough (whose
        # contact it is, which ones there are).
        if said is not None:
            text = said
        elif suggestion:
            sentence = _NEAR_MISS.get(kind)
            params = {"key": key, "suggestion": suggestion}
            text = Text(sentence.msgid, params) if sentence else _near(kind, key, suggestion)
        else:
            sentence = _NOT_FOUND.get(kind)
            text = Text(sentence.msgid, {"key": key}) if sentence else _no_such(kind, key)
        super().__init__(f"{kind}.not_found", text)
        self.kind = kind
        self.key = key
        self.suggestion = suggestion


# One whole sentence per kind, so each language can agree its words with the kind.
_NOT_FOUND = {
    "address": _("No address {key}."),
    "case": _("No case {key}."),
    "contact": _("No contact {key}."),
    "credit note": _("No credit note {key}."),
    "customer": _("No customer {key}."),
    "thread": _("No order thread {key} in the orders channel."),
    "import session": _("No import session {key}."),
    "invoice": _("No invoice {key}."),
    "invoice or credit note": _("No invoice or credit note {key}."),
    "job run": _("No job run {key}."),
    "line": _("No line {key}."),
    "order": _("No order {key}."),
    "product": _("No product {key}."),
    "return": _("No return {key}."),
    "shipment": _("No shipment {key}."),
    "subscription": _("No subscription {key}."),
    "tax": _("No tax {key}."),
    "work order": _("No work order {key}."),
}


def _no_such(kind: str, key: object) -> Text:
    return _("No {kind} {key}.", kind=kind, key=key)


# The kinds a "did you mean" is looked for (domain.services.near_misses).
_NEAR_MISS = {
    "customer": _("No customer {key}. Did you mean {suggestion}?"),
    "product": _("No product {key}. Did you mean {suggestion}?"),
}


def _near(kind: str, key: object, suggestion: str) -> Text:
    return _(
        "No {kind} {key}. Did you mean {suggestion}?", kind=kind, key=key, suggestion=suggestion
    )


class InvalidTransition(DomainError):
    """A status change that the transition table does not allow."""


@dataclass(frozen=True)
class FieldError:
    """One bad value: which field, and what was wrong with it."""

    field: str
    message: str


class ValidationFailed(DomainError):
    """One or more values were refused."""

    def __init__(self, code: str, message: str | Text, errors: tuple[FieldError, ...] = ()) -> None:
        super().__init__(code, message)
        self.errors = errors

    @classmethod
    def field(
        cls, field: str | Text, message: str | Text, code: str = "validation.field"
    ) -> ValidationFailed:
        """A refusal of a single field, named by its key (worded by `field_label`) or by a
        sentence of its own (`line 3`)."""
        problem = message if isinstance(message, Text) else Text(message)
        label = field_label(field) if isinstance(field, str) else field
        text = _("{field}: {problem}", field=label, problem=problem)
        return cls(code, text, (FieldError(str(field), str(problem)),))


def field_label(field: str) -> Text | str:
    """How people read the name of a refused field; a name not worded here (a setting's
    name, `SHIPPING_TAX`) is shown as written."""
    label = _FIELD_LABELS.get(field)
    return Text(label.msgid) if label else field


# The fields refusals name, each in the English it has always been shown in.
# Translators: the name of a field, before a colon and what was wrong with its value
# ("quantity: 0 must be more than 0"); lower case as in a sentence.
_FIELD_LABELS = {
    "address": _("address"),
    "address_code": _("address_code"),
    "adjustment": _("adjustment"),
    "case": _("case"),
    "catalog": _("catalog"),
    "catalogue": _("catalogue"),
    "catch_up": _("catch_up"),
    "city": _("city"),
    "code": _("code"),
    "contact": _("contact"),
    "country": _("country"),
    "customer": _("customer"),
    "date": _("date"),
    "discount": _("discount"),
    "discount-tax": _("discount-tax"),
    "email": _("email"),
    "end_date": _("end_date"),
    "frequencies": _("frequencies"),
    "frequency": _("frequency"),
    "invoice": _("invoice"),
    "iteration": _("iteration"),
    "job": _("job"),
    "kind": _("kind"),
    "language": _("language"),
    "limit": _("limit"),
    "line": _("line"),
    "lines": _("lines"),
    "name": _("name"),
    "order": _("order"),
    "output": _("output"),
    "path": _("path"),
    "phone": _("phone"),
    "postal_code": _("postal_code"),
    "price": _("price"),
    "priority": _("priority"),
    "product": _("product"),
    "quantity": _("quantity"),
    "rate": _("rate"),
    "reason": _("reason"),
    "rows": _("rows"),
    "scope": _("scope"),
    "source": _("source"),
    "state": _("state"),
    "session": _("session"),
    "shipping": _("shipping"),
    "status": _("status"),
    "street": _("street"),
    "tax": _("tax"),
    "text": _("text"),
    "title": _("title"),
    "to": _("to"),
    "total": _("total"),
    "until": _("until"),
    "vat_number": _("vat_number"),
    "warehouse": _("warehouse"),
}


class MergeRefused(DomainError):
    """Two orders that cannot be merged; `reason` is the stable code."""

    def __init__(self, reason: str, message: str | Text) -> None:
        super().__init__(f"merge.{reason}", message)
        self.reason = reason


class ConcurrencyConflict(DomainError):
    """Someone else changed the same aggregate first; the command may be retried."""

    def __init__(self, what: str) -> None:
        super().__init__(
            "concurrency.conflict",
            _("{what} was changed by someone else at the same time; try again.", what=what),
        )


class Forbidden(DomainError):
    """The caller is not allowed to run this command."""
