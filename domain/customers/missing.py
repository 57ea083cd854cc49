"""The refusals saying which contact or address of a customer was not found, with those
the customer has, so the reader can pick the right one."""

from __future__ import annotations

from domain.errors import NotFound
from domain.texts import _


def no_contact(customer: str, key: str, known: list[str]) -> NotFound:
    """No contact `key` (a name or an email) among the customer's `known` contacts."""
    if known:
        said = _(
            "No contact {key} of customer {customer} (known: {known}).",
            key=key,
            customer=customer,
            known=", ".join(known),
        )
    else:
        said = _("No contact {key} of customer {customer} (known: none yet).", key=key,
                 customer=customer)  # fmt: skip
    return NotFound("contact", key, said=said)


def no_address(customer: str, key: str, known: list[str]) -> NotFound:
    """No address `key` among the customer's `known` address codes."""
    if known:
        said = _(
            "No address {key} for customer {customer} (known: {known}).",
            key=key,
            customer=customer,
            known=", ".join(known),
        )
    else:
        said = _("No address {key} for customer {customer} (known: none yet).", key=key,
                 customer=customer)  # fmt: skip
    return NotFound("address", key, said=said)
