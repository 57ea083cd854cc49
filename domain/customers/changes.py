"""What a verb changed on a customer, its address or its contact, in the sentences the
customer's history keeps (`field old -> new`, the field named in the reader's language)."""

from __future__ import annotations

from domain.texts import Text, _

FIELDS = {
    # Translators: a field of a customer, an address or a contact, in "{field} {old} -> {new}".
    "name": _("name"),
    "vat_number": _("VAT number"),
    "language": _("language"),
    "street": _("street"),
    "city": _("city"),
    "postal_code": _("postal code"),
    # Translators: the state or region of an address.
    "state": _("state"),
    "country": _("country"),
    "email": _("email"),
    "phone": _("phone"),
}
"""How a change names each field, as a sentence of its own said in the reader's language."""


def apply_changes(target: object, values: dict[str, str | None]) -> list[Text]:
    """Set the values that are given and differ; what changed, a sentence per field."""
    changes = []
    for attr, value in values.items():
        old = getattr(target, attr)
        if value is not None and value != old:
            field = FIELDS.get(attr, Text(attr))
            # Translators: a field of a customer changed, its old value then its new one.
            changes.append(
                _("{field} {old} -> {new}", field=field, old=old or "-", new=value or "-")
            )
            setattr(target, attr, value)
    return changes
