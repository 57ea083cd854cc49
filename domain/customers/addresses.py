"""A customer's postal addresses: their fields checked (the country and postal code by
the identity rule, the others by the width of their column), one default among them, and
an address found by its code. The `Customer` aggregate's address verbs do their work here
and record what changed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain import bounds
from domain.customers import identity
from domain.customers.changes import apply_changes
from domain.customers.missing import no_address
from domain.errors import ValidationFailed
from domain.texts import Text, _

ADDRESS_FIELDS = {"name": bounds.NAME, "street": bounds.STREET, "city": bounds.CITY,
                  "postal_code": bounds.POSTAL_CODE, "state": bounds.STATE,
                  "country": bounds.COUNTRY}  # fmt: skip
"""The fields of an address a person edits, with the width of their column."""


@dataclass(eq=False)
class Address:
    """A postal address of a customer; `code` is unique within the customer."""

    code: str
    name: str = ""
    street: str = ""
    city: str = ""
    postal_code: str = ""
    state: str = ""
    country: str = ""
    is_default: bool = False
    id: int | None = None

    def one_line(self) -> str:
        """The address on one line, for cards and mails."""
        parts = [self.name, self.street, f"{self.postal_code} {self.city}".strip(), self.state]
        return ", ".join(p for p in [*parts, self.country] if p)


def add_address(
    customer_code: str, addresses: list[Address], address: Address, make_default: bool
) -> None:
    """Check `address` and append it to the customer's `addresses`; the first one, or one
    asked to be, becomes the only default."""
    for attr in ADDRESS_FIELDS:
        setattr(address, attr, _address_value(attr, getattr(address, attr)))
    address.postal_code = identity.postal_code(address.postal_code, country=address.country)
    if any(a.code.lower() == address.code.lower() for a in addresses):
        raise ValidationFailed.field(
            "address_code",
            _(
                "customer {customer} already has an address {address}",
                customer=customer_code,
                address=address.code,
            ),
            "customer.address_duplicate",
        )
    make_default = make_default or not addresses
    addresses.append(address)
    address.is_default = False
    if make_default:
        make_the_default(addresses, address)


def update_address(address: Address, values: dict[str, str]) -> list[Text]:
    """Change fields of `address` (`values` by field name, "" clears one), checked as
    `add_address` checks them; what changed, in words."""
    checked = {attr: _address_value(attr, value) for attr, value in values.items()}
    if "postal_code" in checked or "country" in checked:  # the code in its country
        postal = checked.get("postal_code", address.postal_code)
        country = checked.get("country", address.country)
        identity.postal_code(postal, country=country)
    return apply_changes(address, dict(checked))


def make_the_default(addresses: Iterable[Address], chosen: Address) -> None:
    """`chosen` becomes the one default address."""
    for address in addresses:
        address.is_default = address is chosen


def remove_address(addresses: list[Address], address: Address) -> Text:
    """Remove `address`; when it was the default, the first one left becomes the default.
    What was done, in a sentence."""
    addresses.remove(address)
    if address.is_default and addresses:
        make_the_default(addresses, addresses[0])
        return _(
            "address {code} removed; {default} is now the default",
            code=address.code,
            default=addresses[0].code,
        )
    return _("address {code} removed", code=address.code)


def _address_value(attr: str, value: str) -> str:
    """An address field as kept: country and postal code by the identity rule (the postal
    code then in its country, by the verbs), the others trimmed and refused when longer
    than their column."""
    if attr == "country":
        return identity.country(value)
    if attr == "postal_code":
        return identity.postal_code(value)
    text = value.strip()
    if len(text) > ADDRESS_FIELDS[attr]:
        why = _(
            "{length} characters is too long ({most} at most)",
            length=len(text),
            most=ADDRESS_FIELDS[attr],
        )
        raise ValidationFailed.field(attr, why, "address.field_long")
    return text


def address_of(customer_code: str, addresses: Iterable[Address], code: str) -> Address:
    """The address of a customer with this code (case-insensitive); NotFound naming those
    it has (for `Customer.address`, and for readers that hold only a customer's addresses)."""
    found = list(addresses)
    for address in found:
        if address.code.lower() == code.lower():
            return address
    raise no_address(customer_code, code, [a.code for a in found])
