"""The defaults a customer of the file ends with: a customer with addresses (contacts)
and no default gets its first one as default.

When that address (contact) was marked No in the file, taking it as the default goes
against what the file says: its row turns yellow with the reason (a customer with
addresses has one default, and no other was marked).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from domain.imports.customers.plan import AddressRow, ContactRow, CustomerChange, ExistingCustomer
from domain.texts import Text, _

SaidNo = Collection[tuple[str, int]]
"""("address" or "contact", row number) of the rows whose Default cell says No."""


def first_defaults(
    changes: Sequence[CustomerChange],
    snapshot: Mapping[str, ExistingCustomer],
    said_no: SaidNo,
    labels: Mapping[str, str],
) -> dict[int, list[Text]]:
    """Set the first address and contact as default where a customer has none; the notes
    of the rows marked No that became defaults, by row number."""
    notes: dict[int, list[Text]] = {}
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


def _note(label: str, change: CustomerChange, what: str, count: int) -> Text:
    # One whole sentence per case and kind, so each language can agree its words.
    values = {"column": label, "customer": change.code}
    if what == "address":
        if count == 1:
            return _("{column}: marked No, but this is the only address of {customer}, so it "
                     "is the default address", **values)  # fmt: skip
        return _("{column}: marked No, but no address of {customer} is marked Yes, so this "
                 "first one is the default address (a customer with addresses has one)",
                 **values)  # fmt: skip
    if count == 1:
        return _("{column}: marked No, but this is the only contact of {customer}, so it is "
                 "the default contact", **values)  # fmt: skip
    return _("{column}: marked No, but no contact of {customer} is marked Yes, so this first "
             "one is the default contact (a customer with contacts has one)",
             **values)  # fmt: skip


def default_taken(key: str, column: str, customer: str, row: int) -> Text:
    """A second row marked Yes for the customer's default address or contact."""
    if key == "default_address":
        return _("{column}: customer {customer} already has a default address (row {row})",
                 column=column, customer=customer, row=row)  # fmt: skip
    return _("{column}: customer {customer} already has a default contact (row {row})",
             column=column, customer=customer, row=row)  # fmt: skip


def default_moved(key: str, customer: str, new: str, old: str | None) -> Text:
    """An existing customer's default address or contact that a row marked Yes replaces."""
    if key == "default_address":
        return _("default address of {customer} is now {new} (was {old})",
                 customer=customer, new=new, old=old or "-")  # fmt: skip
    return _("default contact of {customer} is now {new} (was {old})",
             customer=customer, new=new, old=old or "-")  # fmt: skip
