"""A customer file's rows judged among the others and against the database, and the
plan of what to write.

Rules (seed 002): only the customer code and name are required; a repeated customer
code adds that row's address and contact to the customer of the first row; a code
that already exists updates that customer (yellow). Red: a missing code, a new customer
without a name, a name or VAT number differing from the customer's first row, an
address code given twice for one customer, a second default address or contact, an
email already used by another customer, a duplicate row, and every refusal of the
cleaning stage (`clean`: invalid email, unknown country, EU VAT number with wrong check
digits, the template's example row left in). An address without a code is the
customer's address with the same street, postal code and city (`match`), else gets MAIN
(then ADDR2...), said in yellow; a customer's first address and contact become its
defaults when none is marked (`defaults`). A VAT number another customer has (in the
database or on another row) is yellow, naming it. A row that changes nothing is green
"unchanged" and is not written. Cells were judged by the identity rule
(`domain.customers.identity`), and an email is compared as it compares them: one
customer at most holds an address.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from domain.customers import identity
from domain.imports.customers.defaults import default_moved, default_taken, first_defaults
from domain.imports.customers.match import (
    address_changes,
    address_key,
    codeless_address,
    contact_changes,
    customer_changes,
    free_address_code,
)
from domain.imports.customers.plan import (
    ADDRESS_KEYS,
    CONTACT_KEYS,
    AddressRow,
    ContactRow,
    CustomerChange,
    CustomerPlan,
    ExistingCustomer,
    FileKeys,
    Lookups,
    contact_key,
)
from domain.imports.sessions import (
    SKIPPED_MESSAGE,
    UNCHANGED,
    RowVerdict,
    StoredRow,
    Value,
    Verdict,
    duplicate_of,
    listed,
)
from domain.imports.values import values_key
from domain.texts import Text, _


def file_keys(rows: Sequence[StoredRow], skipped: frozenset[int] = frozenset()) -> FileKeys:
    """The distinct customer codes, contact emails and VAT numbers of the rows that are
    not skipped and have no problem (for the lookups), in no particular order."""
    codes: set[Value] = set()
    emails: set[Value] = set()
    vats: set[Value] = set()
    for row in rows:
        if not row.problems and row.number not in skipped:
            codes.add(row.values["customer_code"])
            emails.add(row.values["contact_email"])
            vats.add(row.values["vat_number"])
    # Cleaned codes, emails and VAT numbers are texts, or None when empty.
    return FileKeys([str(code) for code in codes if code], [str(mail) for mail in emails if mail],
                    [str(vat) for vat in vats if vat])  # fmt: skip


@dataclass(slots=True)
class _Group:
    change: CustomerChange
    first_row: int
    existing: ExistingCustomer | None
    default_address_row: int | None = None
    default_contact_row: int | None = None
    writes_vat: bool = False
    claims: str = field(init=False)  # `_of`'s head: the code folded once, not per claim

    def __post_init__(self) -> None:
        self.claims = self.change.code.lower() + "\x1f"


@dataclass
class _Resolver:
    labels: Mapping[str, str]
    lookups: Lookups
    owners: dict[str, str]
    groups: dict[str, _Group] = field(default_factory=dict)
    seen: dict[tuple[object, ...], int] = field(default_factory=dict)
    # What the rows taken so far claim, file-wide and keyed by "customer code|what" (one
    # dict each rather than three per customer: a 100,000-row file makes fewer objects).
    address_rows: dict[str, int] = field(default_factory=dict)
    codeless: dict[str, AddressRow] = field(default_factory=dict)
    email_rows: dict[str, int] = field(default_factory=dict)
    vats: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    said_no: set[tuple[str, int]] = field(default_factory=set)
    plan: CustomerPlan = field(default_factory=CustomerPlan)

    def row(self, row: StoredRow) -> RowVerdict:
        if row.problems:
            return RowVerdict(row.number, Verdict.RED, row.problems + self._also(row))
        v = row.values
        key = values_key(v)
        if key in self.seen:
            return RowVerdict(row.number, Verdict.RED, (duplicate_of(self.seen[key]),))
        self.seen[key] = row.number
        notes: list[Text] = list(row.notes)
        problems: list[Text] = []
        cust_code = str(v["customer_code"])
        group = self.groups.get(cust_code.lower()) or self._new_group(row, notes, problems)
        first = group.first_row == row.number
        if not first:
            self._repeat(row, group, problems)
        elif group.existing is not None and not group.change.update:
            notes.append(_adds_to(group.existing.code))
        address = self._address(row, group, notes, problems)
        contact = self._contact(row, group, notes, problems)
        if address is None and contact is None and not first:
            problems.append(_("{column}: {code} is already on row {row} and this row adds no "
                              "address or contact", column=self.labels["customer_code"],
                              code=cust_code, row=group.first_row))  # fmt: skip
        if problems:
            return RowVerdict(row.number, Verdict.RED, tuple(problems))
        if first:
            self._take_group(row, group)
        if (
            group.existing is not None
            and not (first and group.change.update)
            and (address is None or address.unchanged)
            and (contact is None or contact.unchanged)
        ):  # nothing to write: neither the customer, its address nor its contact
            self._apply(row, group, address, contact)
            return RowVerdict(row.number, Verdict.GREEN, (UNCHANGED,))
        self._apply(row, group, address, contact)
        if group.existing is not None and not first:
            notes.append(_adds_to(group.existing.code))
        if notes:
            return RowVerdict(row.number, Verdict.YELLOW, tuple(notes))
        return RowVerdict(row.number, Verdict.GREEN)

    def _also(self, row: StoredRow) -> tuple[Text, ...]:
        """The problems a row red at cleaning also has among the others and in the
        database (a new customer's missing name, an email another customer has, a second
        default...), said with its own rather than after its first fix. The row is not
        taken in: it claims no code, email or default for the rows after it."""
        cust_code = row.values.get("customer_code")
        if not cust_code:
            return ()  # no customer to judge it with
        notes: list[Text] = []
        problems: list[Text] = []
        group = self.groups.get(str(cust_code).lower()) or self._new_group(row, notes, problems)
        if group.first_row != row.number:
            self._repeat(row, group, problems)
        self._address(row, group, notes, problems)
        self._contact(row, group, notes, problems)
        return tuple(problem for problem in problems if problem not in row.problems)

    def _new_group(self, row: StoredRow, notes: list[Text], problems: list[Text]) -> _Group:
        v = row.values
        cust_code, name = str(v["customer_code"]), v["customer_name"]
        existing = self.lookups.snapshot.get(cust_code.lower())
        vat = v["vat_number"]
        if existing is None:
            if not name:
                problems.append(_("{column}: missing for new customer",
                                  column=self.labels["customer_name"]))  # fmt: skip
            change = CustomerChange(cust_code, str(name or ""), str(vat or ""))
            change.language = str(v["language"]) if v["language"] else None
            group = _Group(change, row.number, None, writes_vat=bool(vat))
            self._shared_vat(group, notes)
            return group
        change = CustomerChange(existing.code, existing.name, existing.vat_number, existing.id)
        change.language = existing.language
        if changed := customer_changes(existing, change, v):
            change.update = True
            notes.append(_("existing customer {code} updated: {changes}", code=existing.code,
                           changes=listed(changed)))  # fmt: skip
        group = _Group(change, row.number, existing, writes_vat=bool(vat) and change.update)
        group.default_address_row = 0 if existing.default_address else None
        group.default_contact_row = 0 if existing.default_contact else None
        self._shared_vat(group, notes)
        return group

    def _shared_vat(self, group: _Group, notes: list[Text]) -> None:
        """A yellow note when the VAT number the row writes is another customer's too."""
        vat, code = group.change.vat_number, group.change.code
        owners, earlier = self.lookups.vat_owners.get(vat, ()), self.vats.get(vat, ())
        if not group.writes_vat or not (owners or earlier):
            return  # not written, or no one else's (nearly every row's): nothing to say
        others = [_("customer {code}", code=other) for other in owners
                  if other.lower() != code.lower()]  # fmt: skip
        others += [_("customer {code} (row {row})", code=other, row=number)
                   for other, number in earlier]  # fmt: skip
        if others:
            notes.append(_("{column}: {vat} is also the VAT number of {others}",
                           column=self.labels["vat_number"], vat=vat,
                           others=listed(others)))  # fmt: skip

    def _take_group(self, row: StoredRow, group: _Group) -> None:
        """The first row of a customer taken: later rows add to it."""
        change = group.change
        self.groups[change.code.lower()] = group
        self.plan.customers.append(change)
        if group.writes_vat:
            vat = change.vat_number
            self.vats[vat] = (*self.vats.get(vat, ()), (change.code, row.number))

    def _repeat(self, row: StoredRow, group: _Group, problems: list[Text]) -> None:
        v, change = row.values, group.change
        name, vat = v["customer_name"], v["vat_number"]
        if name and name != change.name:
            problems.append(_("{column}: {value} differs from {earlier} on row {row}",
                              column=self.labels["customer_name"], value=repr(name),
                              earlier=repr(change.name), row=group.first_row))  # fmt: skip
        if vat and vat != change.vat_number:
            problems.append(_("{column}: {value} differs from {earlier} on row {row}",
                              column=self.labels["vat_number"], value=vat,
                              earlier=change.vat_number or "-", row=group.first_row))  # fmt: skip

    def _address(
        self, row: StoredRow, group: _Group, notes: list[Text], problems: list[Text]
    ) -> AddressRow | None:
        v = row.values
        if not any(map(v.__getitem__, ADDRESS_KEYS)) and v["default_address"] is not True:
            return None
        label, acode = self.labels["address_code"], v["address_code"]
        if not acode:
            earlier = self.codeless.get(_of(group, *address_key(v)))
            found = codeless_address(group.existing, v)
            if earlier is not None:
                acode = earlier.code
            elif found is not None:
                acode = found.code
            else:
                taken = {a.code.lower() for a in group.change.addresses}
                taken |= set(group.existing.addresses) if group.existing else set()
                acode = free_address_code(taken)
                notes.append(_("{column}: none given; {code} used", column=label, code=acode))
        acode = str(acode)
        existing = group.existing.addresses.get(acode.lower()) if group.existing else None
        flag = v["default_address"]
        if flag is False:
            self.said_no.add(("address", row.number))
        keep = existing is not None and (not flag or existing.is_default)
        address = AddressRow(acode, _s(v["address_name"]), _s(v["address"]), _s(v["city"]),
                             _s(v["postal_code"]), _s(v["state"]), _s(v["country"]),
                             None if keep else bool(flag), existing.id if existing else None,
                             row.number)  # fmt: skip
        if (earlier_row := self.address_rows.get(_of(group, acode.lower()))) is not None:
            same = self.codeless.get(_of(group, *address_key(v)))
            if not v["address_code"] and _same_place(same, address):
                return None  # the address of an earlier row, written again beside a contact
            problems.append(_("{column}: {code} is already on row {row} for this customer",
                              column=label, code=acode, row=earlier_row))  # fmt: skip
        if existing is not None:
            changes = address_changes(existing, address)
            if changes:
                notes.append(_("existing address {code} updated: {changes}", code=acode,
                               changes=listed(changes)))  # fmt: skip
            address.unchanged = not changes and address.is_default is None
        if flag is True and group.default_address_row is not None:  # else nothing to say
            self._default(
                "default_address", group.default_address_row, group, acode, notes, problems
            )
        return address

    def _contact(
        self, row: StoredRow, group: _Group, notes: list[Text], problems: list[Text]
    ) -> ContactRow | None:
        v = row.values
        if not any(map(v.__getitem__, CONTACT_KEYS)) and v["default_contact"] is not True:
            return None
        name, mail = v["contact_name"], _s(v["contact_email"])
        if not name and group.change.name:
            # as `customer new CODE NAME email:…` does: the customer's name names the contact
            name = group.change.name
            notes.append(_("{column}: empty; the customer's name {name} used",
                           column=self.labels["contact_name"], name=name))  # fmt: skip
        elif not name:
            problems.append(_("{column}: missing; a contact needs a name",
                              column=self.labels["contact_name"]))  # fmt: skip
        if mail:
            label, key = self.labels["contact_email"], mail.lower()
            owner = self.owners.get(key)
            if (on_row := self.email_rows.get(_of(group, key))) is not None:
                problems.append(_("{column}: {code} is already on row {row}", column=label,
                                  code=mail, row=on_row))  # fmt: skip
            elif owner is not None and owner.lower() != group.change.code.lower():
                problems.append(_("{column}: {problem}", column=label,
                                  problem=identity.email_taken(mail, owner).reason))  # fmt: skip
        found = contact_key(mail, str(name or ""))
        existing = group.existing.contacts.get(found) if group.existing else None
        flag = v["default_contact"]
        if flag is False:
            self.said_no.add(("contact", row.number))
        keep = existing is not None and (not flag or existing.is_default)
        contact = ContactRow(str(name or ""), mail, _s(v["contact_phone"]),
                             None if keep else bool(flag), existing.id if existing else None,
                             row.number)  # fmt: skip
        if existing is not None:
            changes = contact_changes(existing, contact)
            if changes:
                notes.append(_("existing contact {contact} updated: {changes}",
                               contact=mail or name, changes=listed(changes)))  # fmt: skip
            contact.unchanged = not changes and contact.is_default is None
        if flag is True and group.default_contact_row is not None:  # else nothing to say
            what = mail or str(name)
            self._default(
                "default_contact", group.default_contact_row, group, what, notes, problems
            )
        return contact

    def _default(
        self, key: str, taken: int | None, group: _Group, what: str, notes: list[Text],
        problems: list[Text],
    ) -> None:  # fmt: skip
        if taken:
            problems.append(default_taken(key, self.labels[key], group.change.code, taken))
        elif taken == 0 and group.existing is not None:
            old = group.existing.default_address if key == "default_address" else (
                group.existing.default_contact)  # fmt: skip
            if (old or "").lower() != what.lower():
                notes.append(default_moved(key, group.change.code, what, old))

    def _apply(
        self, row: StoredRow, group: _Group, address: AddressRow | None, contact: ContactRow | None
    ) -> None:
        change = group.change
        if address is not None:
            self.address_rows[_of(group, address.code.lower())] = row.number
            if not row.values["address_code"]:
                self.codeless.setdefault(_of(group, *address_key(row.values)), address)
            if not address.unchanged:
                change.addresses.append(address)
            if address.is_default:
                change.reset_default_address = group.existing is not None
                group.default_address_row = row.number
        if contact is not None:
            if contact.email:
                self.email_rows[_of(group, contact.email.lower())] = row.number
                self.owners[contact.email.lower()] = change.code
            if not contact.unchanged:
                change.contacts.append(contact)
            if contact.is_default:
                change.reset_default_contact = group.existing is not None
                group.default_contact_row = row.number


def _of(group: _Group, *parts: str) -> str:
    """A key of the file-wide claims: the customer's code and what it claims."""
    return group.claims + "\x1f".join(parts)


def _same_place(earlier: AddressRow | None, address: AddressRow) -> bool:
    """True when `address` repeats `earlier` field for field."""
    fields = ("name", "street", "city", "postal_code", "state", "country")
    return (
        earlier is not None
        and all(getattr(earlier, name) == getattr(address, name) for name in fields)
        and not address.is_default
    )


def _s(value: Value) -> str:
    return "" if value is None else str(value)


def resolve_customers(
    rows: Sequence[StoredRow], skipped: frozenset[int], labels: Mapping[str, str], lookups: Lookups
) -> tuple[list[RowVerdict], CustomerPlan]:
    """Every row's verdict among the others and the database, and the plan to write."""
    resolver = _Resolver(labels, lookups, dict(lookups.owners))
    verdicts = [
        RowVerdict(row.number, Verdict.SKIPPED, (SKIPPED_MESSAGE,)) if row.number in skipped
        else resolver.row(row)
        for row in rows
    ]  # fmt: skip
    notes = first_defaults(resolver.plan.customers, lookups.snapshot, resolver.said_no, labels)
    if notes:
        for index, verdict in enumerate(verdicts):
            if verdict.row in notes:
                messages = verdict.messages if verdict.status is Verdict.YELLOW else ()
                verdicts[index] = RowVerdict(
                    verdict.row, Verdict.YELLOW, (*messages, *notes[verdict.row])
                )
    return verdicts, resolver.plan


def _adds_to(code: str) -> Text:
    return _("adds to existing customer {code}", code=code)
