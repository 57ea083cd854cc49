"""Customer imports: the verdict of every row and the plan of what to write.

Rules (seed 002): only the customer code and name are required; a repeated customer
code adds that row's address and contact to the customer of the first row; a code
that already exists updates that customer (yellow). Red: a missing code, a new customer
without a name, a name or VAT number differing from the customer's first row, an
address code given twice for one customer, a second default address or contact, an
email already used by another customer, a duplicate row, and every refusal of the
cleaning stage (invalid email, unknown country, EU VAT number with wrong check digits).
An address without a code gets MAIN (then ADDR2...), said in yellow; a customer's first
address and contact become its defaults when none is marked. Cells are judged by the
identity rule (`domain.customers.identity`), and an email is compared as it compares
them: one customer at most holds an address.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter
from typing import Any, cast

from domain.customers import identity
from domain.imports.clean import CustomerCleaner
from domain.imports.columns import CellValue
from domain.imports.rows import Columns
from domain.imports.sessions import (
    Cleaned,
    Normalisers,
    RowVerdict,
    StoredRow,
    Value,
    Verdict,
    green_verdicts,
)
from domain.imports.values import values_key

ADDRESS_KEYS = ("address_code", "address_name", "address", "city", "postal_code", "state",
                "country")  # fmt: skip
CONTACT_KEYS = ("contact_name", "contact_phone", "contact_email")


@dataclass(frozen=True)
class ExistingCustomer:
    """What the database holds of a customer the file names."""

    id: int
    code: str
    name: str
    vat_number: str
    addresses: Mapping[str, int]
    """Lower-cased address code -> address id."""
    contacts: Mapping[str, int]
    """Lower-cased email -> contact id."""
    default_address: str | None = None
    default_contact: str | None = None
    """The default contact's lower-cased email (or its name when it has none)."""


@dataclass(slots=True)
class AddressRow:
    """An address to insert (`id` None) or update; `is_default` None keeps the flag."""

    code: str
    name: str
    street: str
    city: str
    postal_code: str
    state: str
    country: str
    is_default: bool | None
    id: int | None = None


@dataclass(slots=True)
class ContactRow:
    """A contact to insert (`id` None) or update; `is_default` None keeps the flag."""

    name: str
    email: str
    phone: str
    is_default: bool | None
    id: int | None = None


@dataclass(slots=True)
class CustomerChange:
    """One customer of the file: new (`id` None) or existing, with what it gains."""

    code: str
    name: str
    vat_number: str
    id: int | None = None
    update: bool = False
    addresses: list[AddressRow] = field(default_factory=list)
    contacts: list[ContactRow] = field(default_factory=list)
    reset_default_address: bool = False
    reset_default_contact: bool = False
    row: int = 0
    """The row the customer is first on: new customers are written in file order."""


@dataclass
class NewCustomers:
    """New customers each judged alone (see `_Alone`), column by column, in file order:
    each with at most one address and one contact, both its defaults. Writing 100,000
    of them needs no object per customer: their rows for the database are zipped from
    the columns."""

    rows: list[int] = field(default_factory=list)
    """The row each customer is on."""
    codes: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    vat_numbers: list[str] = field(default_factory=list)
    addresses: list[list[str]] = field(default_factory=lambda: [[] for _ in ADDRESS_KEYS])
    """Columns of `AddressRow`'s fields, code to country ("" when not given)."""
    has_address: list[bool] = field(default_factory=list)
    contacts: list[list[str]] = field(default_factory=lambda: [[], [], []])
    """Columns of `ContactRow`'s fields: name, email, phone."""
    has_contact: list[bool] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def customer_columns(self) -> list[Sequence[str]]:
        """Columns of the customers to insert: code, name, VAT number."""
        return [self.codes, self.names, self.vat_numbers]

    def address_columns(self, ids: list[int]) -> list[Sequence[object]]:
        """Columns of the addresses to insert, given the customers' ids: customer id,
        fields, default (True)."""
        return _given([ids, *self.addresses], self.has_address)

    def contact_columns(self, ids: list[int]) -> list[Sequence[object]]:
        """Columns of the contacts to insert: customer id, name, email, phone, default."""
        return _given([ids, *self.contacts], self.has_contact)

    def changes(self) -> list[CustomerChange]:
        """The same customers as `CustomerChange`s (to read a plan, not to write one)."""
        made: list[CustomerChange] = []
        for i, (code, name, vat) in enumerate(zip(*self.customer_columns(), strict=True)):
            change = CustomerChange(code, name, vat, row=self.rows[i])
            if self.has_address[i]:
                a = [column[i] for column in self.addresses]
                change.addresses.append(AddressRow(a[0], a[1], a[2], a[3], a[4], a[5], a[6], True))
            if self.has_contact[i]:
                k = [column[i] for column in self.contacts]
                change.contacts.append(ContactRow(k[0], k[1], k[2], True))
            made.append(change)
        return made


def _given(columns: list[Sequence[object]], given: list[bool]) -> list[Sequence[object]]:
    """The columns' values on the rows `given`, and a default column (True) for them."""
    if False in given:
        columns = [list(compress(column, given)) for column in columns]
    count = len(columns[0])
    return [*columns, [True] * count]


@dataclass
class CustomerPlan:
    """Everything a customer import writes: the customers judged with the others, and
    the new customers judged alone (`alone`); each in file order."""

    customers: list[CustomerChange] = field(default_factory=list)
    alone: NewCustomers = field(default_factory=NewCustomers)

    def changes(self) -> list[CustomerChange]:
        """Every customer of the plan as a `CustomerChange`, in file order (to read it)."""
        return sorted([*self.customers, *self.alone.changes()], key=attrgetter("row"))

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """(created, updated) counts by what: customers, addresses, contacts."""
        alone = self.alone
        created = {
            "customers": len(alone),
            "addresses": alone.has_address.count(True),
            "contacts": alone.has_contact.count(True),
        }
        updated = {"customers": 0, "addresses": 0, "contacts": 0}
        for change in self.customers:
            if change.id is None:
                created["customers"] += 1
            elif change.update:
                updated["customers"] += 1
            for address in change.addresses:
                (created if address.id is None else updated)["addresses"] += 1
            for contact in change.contacts:
                (created if contact.id is None else updated)["contacts"] += 1
        return created, updated


@dataclass(frozen=True)
class KeptPlan:
    """A customer file as judged, kept so that confirmation can write it without judging
    every row again.

    `resolve_customers` depends only on the session's rows (fixed once checked), the
    skipped rows, and what the database holds of the file's codes and emails
    (`snapshot`, `owners`): while those three are equal, so are its verdicts and plan.
    """

    skipped: frozenset[int]
    codes: list[str]
    emails: list[str]
    snapshot: Mapping[str, ExistingCustomer]
    owners: Mapping[str, str]
    verdicts: list[RowVerdict]
    plan: CustomerPlan

    def holds_for(
        self, skipped: frozenset[int], snapshot: Mapping[str, ExistingCustomer],
        owners: Mapping[str, str],
    ) -> bool:  # fmt: skip
        """True when judging again with these inputs would give the same answer."""
        return skipped == self.skipped and snapshot == self.snapshot and owners == self.owners


def clean_customer(
    record: Mapping[str, CellValue], labels: Mapping[str, str], norm: Normalisers
) -> Cleaned:
    """A customer row judged alone: codes, yes/no, country, email and VAT checked.

    A whole file goes through one `CustomerCleaner`, which remembers repeated cells."""
    return CustomerCleaner(labels, norm).clean(record)


def emails_and_codes(
    rows: Sequence[StoredRow], skipped: frozenset[int] = frozenset()
) -> tuple[list[str], list[str]]:
    """The distinct customer codes and contact emails of the rows that are not skipped
    and have no problem (for the snapshot), in no particular order."""
    table = Columns.of(rows, ("customer_code", "contact_email"))
    codes, emails = table.values["customer_code"], table.values["contact_email"]
    if skipped or any(table.problems):
        pairs = zip(table.numbers, table.problems, strict=True)
        live = [not problems and number not in skipped for number, problems in pairs]
        codes, emails = list(compress(codes, live)), list(compress(emails, live))
    # Cleaned codes and emails are texts.
    return list(set(filter(None, codes))), list(set(filter(None, emails)))  # type: ignore[arg-type]


@dataclass(slots=True)
class _Group:
    change: CustomerChange
    first_row: int
    existing: ExistingCustomer | None
    address_rows: dict[str, int] = field(default_factory=dict)
    email_rows: dict[str, int] = field(default_factory=dict)
    default_address_row: int | None = None
    default_contact_row: int | None = None


@dataclass
class _Resolver:
    labels: Mapping[str, str]
    snapshot: Mapping[str, ExistingCustomer]
    owners: dict[str, str]
    groups: dict[str, _Group] = field(default_factory=dict)
    seen: dict[tuple[object, ...], int] = field(default_factory=dict)
    plan: CustomerPlan = field(default_factory=CustomerPlan)

    def row(self, row: StoredRow) -> RowVerdict:
        if row.problems:
            return RowVerdict(row.number, Verdict.RED, row.problems + self._also(row))
        v = row.values
        key = values_key(v)
        if key in self.seen:
            return RowVerdict(row.number, Verdict.RED, (f"Duplicate of row {self.seen[key]}",))
        self.seen[key] = row.number
        notes: list[str] = list(row.notes)
        problems: list[str] = []
        cust_code = str(v["customer_code"])
        group = self.groups.get(cust_code.lower()) or self._new_group(row, notes, problems)
        if group.first_row != row.number:
            self._repeat(row, group, problems)
        elif group.existing is not None and not group.change.update:
            notes.append(f"adds to existing customer {group.existing.code}")
        address = self._address(row, group, notes, problems)
        contact = self._contact(row, group, notes, problems)
        if address is None and contact is None and group.first_row != row.number:
            problems.append(
                f"{self.labels['customer_code']}: {cust_code} is already on row "
                f"{group.first_row} and this row adds no address or contact"
            )
        if problems:
            return RowVerdict(row.number, Verdict.RED, tuple(problems))
        self._apply(row, group, address, contact)
        if group.existing is not None and group.first_row != row.number:
            notes.append(f"adds to existing customer {group.existing.code}")
        if notes:
            return RowVerdict(row.number, Verdict.YELLOW, tuple(notes))
        return RowVerdict(row.number, Verdict.GREEN)

    def _also(self, row: StoredRow) -> tuple[str, ...]:
        """The problems a row red at cleaning also has among the others and in the
        database (a new customer's missing name, an email another customer has, a second
        default...), said with its own rather than after its first fix. The row is not
        taken in: it claims no code, email or default for the rows after it."""
        cust_code = row.values.get("customer_code")
        if not cust_code:
            return ()  # no customer to judge it with
        notes: list[str] = []
        problems: list[str] = []
        group = self.groups.get(str(cust_code).lower()) or self._new_group(row, notes, problems)
        if group.first_row != row.number:
            self._repeat(row, group, problems)
        self._address(row, group, notes, problems)
        self._contact(row, group, notes, problems)
        return tuple(problem for problem in problems if problem not in row.problems)

    def _new_group(self, row: StoredRow, notes: list[str], problems: list[str]) -> _Group:
        v = row.values
        cust_code, name = str(v["customer_code"]), v["customer_name"]
        existing = self.snapshot.get(cust_code.lower())
        vat = v["vat_number"]
        if existing is None:
            if not name:
                problems.append(f"{self.labels['customer_name']}: missing for new customer")
            change = CustomerChange(cust_code, str(name or ""), str(vat or ""), row=row.number)
            return _Group(change, row.number, None)
        change = CustomerChange(existing.code, existing.name, existing.vat_number, existing.id,
                                row=row.number)  # fmt: skip
        changed = []
        if name and name != existing.name:
            changed.append(f"name {existing.name!r} -> {name!r}")
            change.name = str(name)
        if vat and vat != existing.vat_number:
            changed.append(f"VAT number {existing.vat_number or '-'} -> {vat}")
            change.vat_number = str(vat)
        if changed:
            change.update = True
            notes.append(f"existing customer {existing.code} updated: {', '.join(changed)}")
        group = _Group(change, row.number, existing)
        group.default_address_row = 0 if existing.default_address else None
        group.default_contact_row = 0 if existing.default_contact else None
        return group

    def _repeat(self, row: StoredRow, group: _Group, problems: list[str]) -> None:
        v, change = row.values, group.change
        name, vat = v["customer_name"], v["vat_number"]
        if name and name != change.name:
            problems.append(
                f"{self.labels['customer_name']}: {name!r} differs from {change.name!r} "
                f"on row {group.first_row}"
            )
        if vat and vat != change.vat_number:
            problems.append(
                f"{self.labels['vat_number']}: {vat} differs from {change.vat_number or 'none'} "
                f"on row {group.first_row}"
            )

    def _address(
        self, row: StoredRow, group: _Group, notes: list[str], problems: list[str]
    ) -> AddressRow | None:
        v = row.values
        if not any(map(v.__getitem__, ADDRESS_KEYS)) and v["default_address"] is not True:
            return None
        label, acode = self.labels["address_code"], v["address_code"]
        if not acode:
            acode = _free_address_code(group)
            notes.append(f"{label}: none given; {acode} used")
        acode = str(acode)
        if acode.lower() in group.address_rows:
            taken = group.address_rows[acode.lower()]
            problems.append(f"{label}: {acode} is already on row {taken} for this customer")
        existing_id = group.existing.addresses.get(acode.lower()) if group.existing else None
        if existing_id is not None:
            notes.append(f"existing address {acode} updated")
        flag = v["default_address"]
        if flag is True and group.default_address_row is not None:  # else nothing to say
            self._default(
                "default_address", group.default_address_row, group, acode, notes, problems
            )
        return AddressRow(acode, _s(v["address_name"]), _s(v["address"]), _s(v["city"]),
                          _s(v["postal_code"]), _s(v["state"]), _s(v["country"]),
                          True if flag else (None if existing_id else False),
                          existing_id)  # fmt: skip

    def _contact(
        self, row: StoredRow, group: _Group, notes: list[str], problems: list[str]
    ) -> ContactRow | None:
        v = row.values
        if not any(map(v.__getitem__, CONTACT_KEYS)) and v["default_contact"] is not True:
            return None
        name, mail = v["contact_name"], _s(v["contact_email"])
        if not name and group.change.name:
            # as `customer new CODE NAME email:…` does: the customer's name names the contact
            name = group.change.name
            notes.append(f"{self.labels['contact_name']}: empty; the customer's name {name} used")
        elif not name:
            problems.append(f"{self.labels['contact_name']}: missing; a contact needs a name")
        existing_id = None
        if mail:
            label, key = self.labels["contact_email"], mail.lower()
            owner = self.owners.get(key)
            if key in group.email_rows:
                problems.append(f"{label}: {mail} is already on row {group.email_rows[key]}")
            elif owner is not None and owner.lower() != group.change.code.lower():
                problems.append(f"{label}: {identity.email_taken(mail, owner).reason}")
            existing_id = group.existing.contacts.get(key) if group.existing else None
            if existing_id is not None:
                notes.append(f"existing contact {mail} updated")
        flag = v["default_contact"]
        if flag is True and group.default_contact_row is not None:  # else nothing to say
            what = mail or str(name)
            self._default(
                "default_contact", group.default_contact_row, group, what, notes, problems
            )
        return ContactRow(str(name or ""), mail, _s(v["contact_phone"]),
                          True if flag else (None if existing_id else False),
                          existing_id)  # fmt: skip

    def _default(
        self, key: str, taken: int | None, group: _Group, what: str, notes: list[str],
        problems: list[str],
    ) -> None:  # fmt: skip
        noun = key.replace("_", " ")
        if taken:
            problems.append(
                f"{self.labels[key]}: customer {group.change.code} already has a {noun} "
                f"(row {taken})"
            )
        elif taken == 0 and group.existing is not None:
            old = group.existing.default_address if key == "default_address" else (
                group.existing.default_contact)  # fmt: skip
            if (old or "").lower() != what.lower():
                notes.append(f"{noun} of {group.change.code} is now {what} (was {old})")

    def _apply(
        self, row: StoredRow, group: _Group, address: AddressRow | None, contact: ContactRow | None
    ) -> None:
        change = group.change
        if group.first_row == row.number:
            self.groups[change.code.lower()] = group
            self.plan.customers.append(change)
        if address is not None:
            group.address_rows[address.code.lower()] = row.number
            change.addresses.append(address)
            if address.is_default:
                change.reset_default_address = group.existing is not None
                group.default_address_row = row.number
        if contact is not None:
            if contact.email:
                group.email_rows[contact.email.lower()] = row.number
                self.owners[contact.email.lower()] = change.code
            change.contacts.append(contact)
            if contact.is_default:
                change.reset_default_contact = group.existing is not None
                group.default_contact_row = row.number


def _free_address_code(group: _Group) -> str:
    """MAIN for a customer's first address, then ADDR2, ADDR3... (codes not yet taken)."""
    taken = set(group.address_rows)
    if group.existing is not None:
        taken |= set(group.existing.addresses)
    if not taken:
        return "MAIN"
    number = len(taken) + 1
    while f"addr{number}" in taken:
        number += 1
    return f"ADDR{number}"


def _s(value: Value) -> str:
    return "" if value is None else str(value)


def _first_defaults(
    changes: Sequence[CustomerChange], snapshot: Mapping[str, ExistingCustomer]
) -> None:
    """A customer with addresses (contacts) and no default gets its first one as default."""
    for change in changes:
        existing = snapshot.get(change.code.lower()) if change.id is not None else None
        addresses, contacts = change.addresses, change.contacts
        missing_address = existing is None or existing.default_address is None
        if missing_address and addresses and not _any_default(addresses):
            addresses[0].is_default = True
        missing_contact = existing is None or existing.default_contact is None
        if missing_contact and contacts and not _any_default(contacts):
            contacts[0].is_default = True


def _any_default(rows: Sequence[AddressRow] | Sequence[ContactRow]) -> bool:
    # Most customers have one address and one contact: no generator for them.
    return bool(rows[0].is_default) or any(row.is_default for row in rows[1:])


def resolve_customers(
    rows: Sequence[StoredRow],
    skipped: frozenset[int],
    labels: Mapping[str, str],
    snapshot: Mapping[str, ExistingCustomer],
    owners: Mapping[str, str],
) -> tuple[list[RowVerdict], CustomerPlan]:
    """Every row's verdict among the others and the database, and the plan to write."""
    resolver = _Resolver(labels, snapshot, dict(owners))
    alone = _Alone(Columns.of(rows, _ALONE_KEYS), skipped, snapshot, owners, labels)
    verdicts = alone.verdicts
    numbers = alone.table.numbers
    for index in alone.others:
        if numbers[index] in skipped:  # the row itself is not needed
            verdicts[index] = RowVerdict(numbers[index], Verdict.SKIPPED, ("skipped",))
        else:
            verdicts[index] = resolver.row(rows[index])
    # Rows judged alone made their one address and contact the defaults already.
    _first_defaults([group.change for group in resolver.groups.values()], snapshot)
    resolver.plan.alone = alone.customers
    return cast(list[RowVerdict], verdicts), resolver.plan  # every place filled now


_ALONE_KEYS = ("customer_code", "customer_name", "vat_number", *ADDRESS_KEYS, "default_address",
               *CONTACT_KEYS, "default_contact")  # fmt: skip


def _judged_alone(
    table: Columns, skipped: frozenset[int], snapshot: Mapping[str, ExistingCustomer],
    owners: Mapping[str, str],
) -> list[bool]:  # fmt: skip
    """Which rows no other row and nothing in the database can bear on: a new customer
    whose code and contact email are on no other row (skipped rows aside) and whose
    email no customer has, on a row with a name and no problem."""
    live = [number not in skipped for number in table.numbers] if skipped else None
    codes = _lowered(table.values["customer_code"])
    mails = _lowered(table.values["contact_email"])
    counted_codes = Counter(filter(None, compress(codes, live) if live else codes))
    counted_mails = Counter(filter(None, compress(mails, live) if live else mails))
    taken_codes = {code for code, count in counted_codes.items() if count > 1} | snapshot.keys()
    taken_mails = {mail for mail, count in counted_mails.items() if count > 1} | owners.keys()
    return [
        code is not None and bool(name) and not problems and code not in taken_codes
        and (mail is None or mail not in taken_mails) and (live is None or live[index])
        for index, (code, name, problems, mail) in enumerate(
            zip(codes, table.values["customer_name"], table.problems, mails, strict=True))
    ]  # fmt: skip


def _or(values: Sequence[Any], instead: str | Sequence[str]) -> list[str]:
    """Cleaned texts (str or None) with the missing ones replaced by `instead` (one text,
    or the text on the same row of another column); as they are, at C speed, when none
    is missing."""
    if None not in values:
        return list(values)
    if isinstance(instead, str):
        return [value or instead for value in values]
    return [value or other for value, other in zip(values, instead, strict=True)]


def _lowered(texts: Sequence[Any]) -> list[str | None]:
    """Cleaned texts (str or None) in small letters, at C speed when none is missing."""
    if None in texts:
        return [text.lower() if text else None for text in texts]
    return list(map(str.lower, texts))


class _Alone:
    """The rows that no other row and nothing in the database can bear on (see
    `_judged_alone`), judged column by column: most rows of a large first import are
    such rows. Their verdicts and new customers are what `_Resolver.row` would give (a
    new group of one row, its address and contact the defaults), without its
    bookkeeping, which only rows sharing a code or an email consult; a test holds the
    two to each other. `verdicts` holds theirs and None at the `others`.
    """

    def __init__(
        self, table: Columns, skipped: frozenset[int],
        snapshot: Mapping[str, ExistingCustomer], owners: Mapping[str, str],
        labels: Mapping[str, str],
    ) -> None:  # fmt: skip
        self.table = table
        alone = _judged_alone(table, skipped, snapshot, owners)
        self.others = [index for index, taken in enumerate(alone) if not taken]
        chosen = list(compress(range(len(alone)), alone))
        every = len(chosen) == len(alone)

        def column(values: Sequence[Any]) -> Sequence[Any]:
            return values if every else [values[index] for index in chosen]

        v = {key: column(table.values[key]) for key in _ALONE_KEYS}
        names = v["customer_name"]
        places = [v[key] for key in ADDRESS_KEYS]
        has_address = _present(places, v["default_address"])
        people = [v[key] for key in CONTACT_KEYS]  # name, phone, email
        has_contact = _present(people, v["default_contact"])
        self.customers = NewCustomers(
            list(column(table.numbers)), list(v["customer_code"]), list(names),
            _or(v["vat_number"], ""),
            [_or(places[0], "MAIN"), *(_or(place, "") for place in places[1:])], has_address,
            [_or(people[0], names), _or(people[2], ""), _or(people[1], "")], has_contact,
        )  # fmt: skip
        no_code = f"{labels['address_code']}: none given; MAIN used"
        named = f"{labels['contact_name']}: empty; the customer's name "
        numbers = self.customers.rows
        # Green, as most rows are, at C speed; then the few with something to say.
        found = green_verdicts(numbers)
        notes_of = column(table.notes)
        said = [bool(notes) or (has_a and not code) or (has_c and not person)
                for notes, has_a, code, has_c, person in zip(
                    notes_of, has_address, v["address_code"], has_contact,
                    v["contact_name"], strict=True)]  # fmt: skip
        for at in compress(range(len(said)), said):
            notes = notes_of[at]
            if has_address[at] and not v["address_code"][at]:
                notes += (no_code,)
            if has_contact[at] and not v["contact_name"][at]:
                notes += (f"{named}{names[at]} used",)
            found[at] = RowVerdict(numbers[at], Verdict.YELLOW, notes)
        verdicts: list[RowVerdict | None]
        if every:
            verdicts = found  # type: ignore[assignment]  # the same list, every place filled
        else:
            verdicts = [None] * len(alone)
            for index, verdict in zip(chosen, found, strict=True):
                verdicts[index] = verdict
        self.verdicts = verdicts


def _present(fields: list[Sequence[Any]], flags: Sequence[Any]) -> list[bool]:
    """Per row: any of these fields given, or the default flag set (as `_address` and
    `_contact` decide whether a row has an address or a contact)."""
    if any(None not in column for column in fields):
        return [True] * len(flags)  # a field every row gives (cleaned texts: str or None)
    given = list(map(any, zip(*fields, strict=True)))
    if True in flags:  # rare: a flag set on a row that gives nothing else
        given = [has or flag is True for has, flag in zip(given, flags, strict=True)]
    return given
