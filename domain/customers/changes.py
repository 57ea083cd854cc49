"""What a verb changed on a customer, its address or its contact, in the words the
customer's history keeps (`old -> new` per field)."""

from __future__ import annotations

_WORDS = {"vat_number": "VAT number", "postal_code": "postal code"}
"""How a change names a field whose attribute name is not a word."""


def apply_changes(target: object, values: dict[str, str | None]) -> list[str]:
    """Set the values that are given and differ; what changed, in words."""
    changes = []
    for attr, value in values.items():
        old = getattr(target, attr)
        if value is not None and value != old:
            changes.append(f"{_WORDS.get(attr, attr)} {old or '-'} -> {value or '-'}")
            setattr(target, attr, value)
    return changes
