"""The import repository: sessions with the file they came from, and the bulk reads and
writes of an import.

Sessions: one `import_sessions` row, and in `import_chunks` the file as received, the
numbers of its data rows and the verdicts of the rows that are not plainly green (see
`store.imports.parts`). The rows themselves are not stored: keeping the file costs one
write of its bytes, where encoding 100,000 rows cost a tenth of the check; a process
that does not hold a session's rows in memory reads them again from the file.

Customers are written in bulk by `store.imports.writes` on the unit of work's own
connection. Lookups are made in batches of `BATCH` codes through the case-insensitive
code indexes, or for a large file in one pass over the table (`SCAN_ABOVE`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from itertools import chain
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.orm import Session

from domain.errors import ConcurrencyConflict, DomainError, NotFound
from domain.imports.columns import SheetKind
from domain.imports.customers.plan import (
    CustomerPlan,
    ExistingAddress,
    ExistingContact,
    ExistingCustomer,
    KeptPlan,
    contact_key,
)
from domain.imports.sessions import (
    UNCHANGED,
    ImportSession,
    RowsAgain,
    RowVerdict,
    SessionStatus,
    StoredRow,
    Verdict,
    green_verdicts,
)
from domain.texts import Text
from store.imports.cache import PLAN_CACHE, ROW_CACHE
from store.imports.collector import collector_paused
from store.imports.parts import (
    from_runs,
    json_default,
    json_hook,
    pack,
    pack_file,
    runs,
    unpack,
    unpack_file,
)
from store.imports.writes import CustomerWriter
from store.tables import core as t
from store.tables.imports import import_chunks, import_sessions

BATCH = 500
SCAN_ABOVE = 5_000
"""Past this many codes or emails, one pass over the table beats batches of lookups."""
FILE, NUMBERS, VERDICTS, UNCHANGED_ROWS = "file", "numbers", "verdicts", "unchanged"
"""The chunk parts of a session: the file as received, its rows' numbers, the verdicts
of its rows that are not plainly green, and the numbers of its green rows that change
nothing (as runs, like the numbers: a file imported again is all of them)."""
_UNCHANGED = (UNCHANGED,)


def _positions(s: ImportSession) -> dict[str, int]:
    """Column key -> the index of the cell it was read from."""
    return {key: index for index, key in s.columns.items()}


def _verdicts(numbers: list[int], stored: dict[int, RowVerdict]) -> list[RowVerdict]:
    """Every row's verdict: the stored ones, green for the others."""
    verdicts = green_verdicts(numbers)
    if stored:
        for index, number in enumerate(numbers):
            if number in stored:
                verdicts[index] = stored[number]
    return verdicts


def _streamed(result: Iterable[Any]) -> Iterator[Any] | None:
    """The rows of a query, still streamed; None when there are none (a first import
    need not lower-case 100,000 codes to look for them in an empty table)."""
    rows = iter(result)
    first = next(rows, None)
    return None if first is None else chain((first,), rows)


def _batches(items: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), BATCH):
        yield [item.lower() for item in items[start : start + BATCH]]


class ImportRepository:
    """Import sessions and the bulk work of an import, on the unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _conn(self) -> Connection:
        return self.session.connection()

    def rows_in_bulk(self) -> AbstractContextManager[None]:
        """The collector paused while a file's rows are read and judged."""
        return collector_paused()

    # --- sessions ------------------------------------------------------------------------

    def add_session(self, s: ImportSession) -> None:
        """Store a checked session: the file it was read from, its row numbers, verdicts."""
        if s.source is None:
            raise ValueError("an import session is stored with the file it was read from")
        self._conn.execute(
            insert(import_sessions),
            {
                "id": s.id,
                "kind": s.kind.value,
                "filename": s.filename[:255],
                "customer_code": s.customer,
                "actor": s.actor[:120],
                "created_at": s.created_at,
                "status": s.status.value,
                "confirmed_at": s.confirmed_at,
                "header_row": s.header_row,
                "row_count": len(s.rows),
                "meta": self._meta(s),
            },
        )
        numbers = pack(runs([row.number for row in s.rows]))
        self._conn.execute(
            insert(import_chunks),
            [
                {"session_id": s.id, "part": FILE, "seq": 0, "data": pack_file(s.source)},
                {"session_id": s.id, "part": NUMBERS, "seq": 0, "data": numbers},
            ],
        )
        self.save_verdicts(s)
        ROW_CACHE.put(s.id, s.rows)

    @staticmethod
    def _meta(s: ImportSession) -> dict[str, Any]:
        return {
            "header": json.loads(json.dumps(s.header, default=json_default)),
            "labels": s.labels,
            "warnings": json.loads(json.dumps(list(s.warnings), default=json_default)),
            "skipped": sorted(s.skipped),
            "result": s.result,
            "positions": _positions(s),
        }

    def get_session(self, session_id: str) -> ImportSession:
        """A stored session with its verdicts but not its rows (`session_rows`); NotFound
        when there is none."""
        found = self._conn.execute(
            select(import_sessions).where(import_sessions.c.id == session_id.strip())
        ).first()
        if found is None:
            raise NotFound("import session", session_id)
        meta = json.loads(json.dumps(found.meta), object_hook=json_hook)
        query = select(import_chunks.c.part, import_chunks.c.data).where(
            import_chunks.c.session_id == found.id,
            import_chunks.c.part.in_((NUMBERS, VERDICTS, UNCHANGED_ROWS)),
        )
        parts: dict[str, bytes] = dict(map(tuple, self._conn.execute(query)))
        if NUMBERS not in parts:
            raise DomainError(
                "import.stale",
                "This import was checked by an earlier version of orderbot and can no "
                "longer be used; check the file again.",
            )
        stored = {
            n: RowVerdict(n, Verdict(status), tuple(map(_sentence, messages)))
            for n, status, messages in unpack(parts[VERDICTS])
        }
        if UNCHANGED_ROWS in parts:
            for n in from_runs(unpack(parts[UNCHANGED_ROWS])):
                stored[n] = RowVerdict(n, Verdict.GREEN, _UNCHANGED)
        numbers = from_runs(unpack(parts[NUMBERS]))
        session = ImportSession(
            id=found.id,
            kind=SheetKind(found.kind),
            filename=found.filename,
            customer=found.customer_code,
            actor=found.actor,
            created_at=found.created_at,
            header_row=found.header_row,
            header=meta["header"],
            labels=meta["labels"],
            warnings=tuple(map(_sentence, meta["warnings"])),
            rows=[],
            verdicts=_verdicts(numbers, stored),
            skipped=frozenset(meta["skipped"]),
            status=SessionStatus(found.status),
            confirmed_at=found.confirmed_at,
            result=meta["result"],
            columns={index: key for key, index in meta.get("positions", {}).items()},
        )
        return session

    def session_rows(self, session: ImportSession, rows_again: RowsAgain) -> Sequence[StoredRow]:
        """A session's rows: those this process keeps (`ROW_CACHE`), else `rows_again` on
        the file kept with the session (and then kept)."""
        kept = ROW_CACHE.get(session.id)
        if kept is not None:
            return kept
        blob: bytes = self._conn.execute(
            select(import_chunks.c.data).where(
                import_chunks.c.session_id == session.id, import_chunks.c.part == FILE
            )
        ).scalar_one()
        rows = rows_again(session, unpack_file(blob))
        ROW_CACHE.put(session.id, rows)
        return rows

    def save_skips(self, s: ImportSession) -> None:
        """Store the skipped rows."""
        self._conn.execute(
            update(import_sessions).where(import_sessions.c.id == s.id).values(meta=self._meta(s))
        )

    def save_verdicts(self, s: ImportSession) -> None:
        """Replace the stored verdicts (green rows are not stored: they are the default;
        green rows that change nothing are stored as runs of their numbers)."""
        self._conn.execute(
            delete(import_chunks).where(
                import_chunks.c.session_id == s.id,
                import_chunks.c.part.in_((VERDICTS, UNCHANGED_ROWS)),
            )
        )
        unchanged = [v.row for v in s.verdicts if v.messages == _UNCHANGED]
        data = [
            [v.row, v.status.value, v.messages]
            for v in s.verdicts
            if (v.messages or v.status is not Verdict.GREEN) and v.messages != _UNCHANGED
        ]
        parts = [{"session_id": s.id, "part": VERDICTS, "seq": 0, "data": pack(data)}]
        if unchanged:
            runs_of = pack(runs(unchanged))
            parts.append({"session_id": s.id, "part": UNCHANGED_ROWS, "seq": 0, "data": runs_of})
        self._conn.execute(insert(import_chunks), parts)

    def keep_plan(self, session_id: str, kept: KeptPlan) -> None:
        """Remember a customer file's judgement in this process (see `store.imports.cache`)."""
        PLAN_CACHE.put(session_id, kept)

    def kept_plan(self, session_id: str) -> KeptPlan | None:
        """The judgement this process remembers for a session, if any."""
        return PLAN_CACHE.get(session_id)

    def mark_confirmed(self, s: ImportSession) -> None:
        """Record the confirmation; a session confirmed meanwhile is a lost race."""
        done = self._conn.execute(
            update(import_sessions)
            .where(
                import_sessions.c.id == s.id,
                import_sessions.c.status == SessionStatus.CHECKED.value,
            )
            .values(status=s.status.value, confirmed_at=s.confirmed_at, meta=self._meta(s))
        )
        if done.rowcount != 1:
            raise ConcurrencyConflict("The import")
        PLAN_CACHE.drop(s.id)  # written: the judgement is no longer needed

    def purge_before(self, moment: datetime) -> int:
        """Delete sessions created before `moment`; returns how many."""
        old = select(import_sessions.c.id).where(import_sessions.c.created_at < moment)
        self._conn.execute(delete(import_chunks).where(import_chunks.c.session_id.in_(old)))
        gone = self._conn.execute(delete(import_sessions).where(import_sessions.c.id.in_(old)))
        return int(gone.rowcount or 0)

    # --- lookups -------------------------------------------------------------------------

    def customers_snapshot(self, codes: Sequence[str]) -> Mapping[str, ExistingCustomer]:
        """The existing customers among `codes`, by lower-cased code."""
        c, a, k = t.customers.c, t.addresses.c, t.contacts.c
        found: dict[int, Any] = {}
        key = func.lower(c.code)
        if len(codes) > SCAN_ABOVE:
            everyone = _streamed(
                self._conn.execute(select(c.id, c.code, c.name, c.vat_number, key, c.language))
            )
            if everyone is not None:
                wanted = set(map(str.lower, codes))
                found.update({row.id: row for row in everyone if row[4] in wanted})
        for batch in _batches(codes if len(codes) <= SCAN_ABOVE else ()):
            query = select(c.id, c.code, c.name, c.vat_number, c.language).where(key.in_(batch))
            found.update({row.id: row for row in self._conn.execute(query)})
        if not found:
            return {}
        addresses: dict[int, dict[str, ExistingAddress]] = {i: {} for i in found}
        contacts: dict[int, dict[str, ExistingContact]] = {i: {} for i in found}
        defaults: dict[tuple[int, str], str] = {}
        ids = sorted(found)
        for start in range(0, len(ids), BATCH):
            part = ids[start : start + BATCH]
            fields = (a.id, a.code, a.name, a.street, a.city, a.postal_code, a.state, a.country)
            query = select(a.customer_id, *fields, a.is_default).where(a.customer_id.in_(part))
            for row in self._conn.execute(query):
                addresses[row.customer_id][row.code.lower()] = ExistingAddress(*row[1:])
                if row.is_default:
                    defaults[(row.customer_id, "address")] = row.code
            for crow in self._conn.execute(
                select(
                    k.customer_id, k.id, k.name, k.email, k.phone, k.is_default, k.email_key
                ).where(k.customer_id.in_(part))
            ):
                contact = ExistingContact(*crow[1:6])
                known_by = contact_key(crow.email_key or "", crow.name)
                contacts[crow.customer_id][known_by] = contact
                if crow.is_default:
                    defaults[(crow.customer_id, "contact")] = crow.email or crow.name
        return {
            row.code.lower(): ExistingCustomer(
                row.id,
                row.code,
                row.name,
                row.vat_number,
                addresses[i],
                contacts[i],
                defaults.get((i, "address")),
                defaults.get((i, "contact")),
                row.language,
            )
            for i, row in found.items()
        }

    def email_owners(self, emails: Sequence[str]) -> Mapping[str, str]:
        """Email key (`identity.email_key`; a normalised address in lower case) -> code
        of the customer that has a contact with it."""
        owners: dict[str, str] = {}
        email = t.contacts.c.email_key
        wanted = set(map(str.lower, emails))
        if len(wanted) > SCAN_ABOVE:
            query = select(email, t.customers.c.code).join(
                t.customers, t.customers.c.id == t.contacts.c.customer_id
            )
            everyone = _streamed(self._conn.execute(query))
            if everyone is not None:
                owners.update((k, code) for k, code in everyone if k in wanted)
            return owners
        # Sorted only for the lookups by batch (a scan needs no order): 100,000 sorted
        # twice per import was a tenth of a second on bench/import_customers.py.
        for batch in _batches(sorted(wanted)):
            query = (
                select(email, t.customers.c.code)
                .join(t.customers, t.customers.c.id == t.contacts.c.customer_id)
                .where(email.in_(batch))
            )
            owners.update(dict(list(map(tuple, self._conn.execute(query)))))
        return owners

    def vat_owners(self, vat_numbers: Sequence[str]) -> Mapping[str, tuple[str, ...]]:
        """VAT number -> the codes of the customers that have it, sorted (numbers are
        kept compact and in capitals by the identity rule, so compared as they are)."""
        c = t.customers.c
        owners: dict[str, list[str]] = {}
        keep = set(vat_numbers)
        if len(keep) > SCAN_ABOVE:
            query = select(c.vat_number, c.code).where(c.vat_number != "")
            everyone = _streamed(self._conn.execute(query))
            for vat, code in everyone or ():
                if vat in keep:
                    owners.setdefault(vat, []).append(code)
        else:
            wanted = sorted(keep)
            for start in range(0, len(wanted), BATCH):
                query = select(c.vat_number, c.code).where(
                    c.vat_number.in_(wanted[start : start + BATCH])
                )
                for vat, code in self._conn.execute(query):
                    owners.setdefault(vat, []).append(code)
        return {vat: tuple(sorted(codes)) for vat, codes in owners.items()}

    # --- writing customers -----------------------------------------------------------------

    def write_customers(self, plan: CustomerPlan, now: datetime) -> None:
        """Insert and update the plan's customers, addresses and contacts in bulk."""
        CustomerWriter(self._conn).write(plan, now)


def _sentence(message: object) -> Text:
    """A stored message: a sentence, or the English text an earlier version kept."""
    return message if isinstance(message, Text) else Text(str(message))
