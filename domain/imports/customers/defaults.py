"""The defaults a customer of the file ends with: a customer with addresses (contacts)
and no default gets its first one as default.

When that address (contact) was marked No in the file, taking it as the default goes
against what the file says: its row turns yellow with the reason (a customer with
addresses has one default, and no other was marked).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from domain.imports.customers.plan import AddressRow, ContactRow, CustomerChange, ExistingCustomer

SaidNo = Collection[tuple[str, int]]
"""("address" or "contact", row number) of the rows whose Default cell says No."""
_PLURAL = {"address": "addresses", "contact": "contacts"}


def first_defaults(
    changes: Sequence[CustomerChange],
    snapshot: Mapping[str, ExistingCustomer],
    said_no: SaidNo,
    labels: Mapping[str, str],
) -> dict[int, list[str]]:
    """Set the first address and contact as default where a customer has none; the notes
    of the rows marked No that became defaults, by row number."""
    notes: dict[int, list[str]] = {}
    for change in changes:
        existing = snapshot.get(change.code.lower()) if change.id is not None else None
        kinds: tuple[tuple[str, Sequence[AddressRow | ContactRow], bool], ...] = (
            ("address", change.addresses, existing is None or existing.default_address is None),
            ("contact", change.contacts, existing is None or existing.default_contact is None),
        )
        for what, rows, missing in kinds:
            if not (missing and rows) or any(r.is_default for r in rows):
                continue
            first = rows[0]
            first.is_default = True
            if (what, first.row) in said_no:
                label = labels[f"default_{what}"]
                notes.setdefault(first.row, []).append(_note(label, change, what, len(rows)))
    return notes


def _note(label: str, change: CustomerChange, what: str, count: int) -> str:
    if count == 1:
        return (
            f"{label}: marked No, but this is the only {what} of {change.code}, so it is "
            f"the default {what}"
        )
    return (
        f"{label}: marked No, but no {what} of {change.code} is marked Yes, so this first "
        f"one is the default {what} (a customer with {_PLURAL[what]} has one)"
    )
