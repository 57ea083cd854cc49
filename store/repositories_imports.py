"""The import repository: sessions in compressed chunks, and the bulk reads and writes.

Sessions: one `import_sessions` row, the rows as zlib-compressed JSON in chunks of
`CHUNK_ROWS`, the verdicts (only the rows that are not green) in one more chunk.

Customers are written in bulk by `store.import_writes` on the unit of work's own
connection. Lookups are made in batches of `BATCH` codes through the case-insensitive
code indexes.
"""

from __future__ import annotations

import json
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.orm import Session

from domain.errors import ConcurrencyConflict, NotFound
from domain.imports import ImportSession, RowVerdict, SessionStatus, StoredRow, Verdict
from domain.imports_customers import CustomerPlan, ExistingCustomer
from domain.sheetcolumns import SheetKind, columns_for
from store import tables as t
from store.import_writes import CustomerWriter
from store.tables_imports import import_chunks, import_sessions

CHUNK_ROWS = 5_000
BATCH = 500
_ROWS, _VERDICTS = "rows", "verdicts"


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return {"n": str(value)}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    raise TypeError(f"cannot store {type(value).__name__}")


def _hook(obj: dict[str, Any]) -> object:
    if len(obj) == 1:
        if "n" in obj:
            return Decimal(obj["n"])
        if "d" in obj:
            return date.fromisoformat(obj["d"])
    return obj


def pack(data: object) -> bytes:
    """JSON (Decimal and date tagged), compressed."""
    text = json.dumps(data, default=_default, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode(), 1)


def unpack(blob: bytes) -> Any:
    """The inverse of `pack`."""
    return json.loads(zlib.decompress(blob), object_hook=_hook)


class _RowCache:
    """The rows of the last sessions this process stored or loaded, by session id.

    A session's rows never change once checked (skips and verdicts are kept apart), so
    a confirmation in the process that checked the file need not decode them again.
    The session row is still read from the database first: what is gone stays gone.
    """

    def __init__(self, max_rows: int = 300_000) -> None:
        self.max_rows = max_rows
        self._entries: OrderedDict[str, list[StoredRow]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session_id: str) -> list[StoredRow] | None:
        with self._lock:
            rows = self._entries.get(session_id)
            if rows is not None:
                self._entries.move_to_end(session_id)
            return rows

    def put(self, session_id: str, rows: list[StoredRow]) -> None:
        with self._lock:
            self._entries[session_id] = rows
            while sum(map(len, self._entries.values())) > self.max_rows and self._entries:
                self._entries.popitem(last=False)


ROW_CACHE = _RowCache()


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

    # --- sessions ------------------------------------------------------------------------

    def add_session(self, s: ImportSession) -> None:
        """Store a checked session with its rows and verdicts."""
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
        keys = [column.key for column in columns_for(s.kind)]
        chunks = [
            {
                "session_id": s.id,
                "part": _ROWS,
                "seq": seq,
                "data": pack(
                    [
                        [r.number, r.cells, [r.values.get(k) for k in keys], r.notes, r.problems]
                        for r in s.rows[start : start + CHUNK_ROWS]
                    ]
                ),
            }
            for seq, start in enumerate(range(0, len(s.rows), CHUNK_ROWS))
        ]
        if chunks:
            self._conn.execute(insert(import_chunks), chunks)
        self.save_verdicts(s)
        ROW_CACHE.put(s.id, s.rows)

    @staticmethod
    def _meta(s: ImportSession) -> dict[str, Any]:
        return {
            "header": json.loads(json.dumps(s.header, default=_default)),
            "labels": s.labels,
            "warnings": list(s.warnings),
            "skipped": sorted(s.skipped),
            "result": s.result,
        }

    def get_session(self, session_id: str) -> ImportSession:
        """A stored session, rows and verdicts included; NotFound when there is none."""
        found = self._conn.execute(
            select(import_sessions).where(import_sessions.c.id == session_id.strip())
        ).first()
        if found is None:
            raise NotFound("import session", session_id)
        kind = SheetKind(found.kind)
        keys = [column.key for column in columns_for(kind)]
        meta = json.loads(json.dumps(found.meta), object_hook=_hook)
        cached = ROW_CACHE.get(found.id)
        rows: list[StoredRow] = cached or []
        verdicts: dict[int, RowVerdict] = {}
        query = (
            select(import_chunks.c.part, import_chunks.c.data)
            .where(import_chunks.c.session_id == found.id)
            .order_by(import_chunks.c.part, import_chunks.c.seq)
        )
        if cached is not None:
            query = query.where(import_chunks.c.part == _VERDICTS)
        for part, blob in self._conn.execute(query):
            if part == _ROWS:
                rows += [
                    StoredRow(
                        n,
                        cells,
                        dict(zip(keys, values, strict=True)),
                        tuple(notes),
                        tuple(problems),
                    )
                    for n, cells, values, notes, problems in unpack(blob)
                ]
            else:
                for n, status, messages in unpack(blob):
                    verdicts[n] = RowVerdict(n, Verdict(status), tuple(messages))
        if cached is None:
            ROW_CACHE.put(found.id, rows)
        return ImportSession(
            id=found.id,
            kind=kind,
            filename=found.filename,
            customer=found.customer_code,
            actor=found.actor,
            created_at=found.created_at,
            header_row=found.header_row,
            header=meta["header"],
            labels=meta["labels"],
            warnings=tuple(meta["warnings"]),
            rows=rows,
            verdicts=[verdicts.get(r.number) or RowVerdict(r.number, Verdict.GREEN) for r in rows],
            skipped=frozenset(meta["skipped"]),
            status=SessionStatus(found.status),
            confirmed_at=found.confirmed_at,
            result=meta["result"],
        )

    def save_skips(self, s: ImportSession) -> None:
        """Store the skipped rows."""
        self._conn.execute(
            update(import_sessions).where(import_sessions.c.id == s.id).values(meta=self._meta(s))
        )

    def save_verdicts(self, s: ImportSession) -> None:
        """Replace the stored verdicts (green rows are not stored: they are the default)."""
        self._conn.execute(
            delete(import_chunks).where(
                import_chunks.c.session_id == s.id, import_chunks.c.part == _VERDICTS
            )
        )
        data = [
            [v.row, v.status.value, v.messages]
            for v in s.verdicts
            if v.messages or (v.status is not Verdict.GREEN)
        ]
        self._conn.execute(
            insert(import_chunks),
            {"session_id": s.id, "part": _VERDICTS, "seq": 0, "data": pack(data)},
        )

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
        for batch in _batches(codes):
            query = select(c.id, c.code, c.name, c.vat_number).where(func.lower(c.code).in_(batch))
            found.update({row.id: row for row in self._conn.execute(query)})
        if not found:
            return {}
        addresses: dict[int, dict[str, int]] = {i: {} for i in found}
        contacts: dict[int, dict[str, int]] = {i: {} for i in found}
        defaults: dict[tuple[int, str], str] = {}
        ids = sorted(found)
        for start in range(0, len(ids), BATCH):
            part = ids[start : start + BATCH]
            for row in self._conn.execute(
                select(a.customer_id, a.id, a.code, a.is_default).where(a.customer_id.in_(part))
            ):
                addresses[row.customer_id][row.code.lower()] = row.id
                if row.is_default:
                    defaults[(row.customer_id, "address")] = row.code
            for crow in self._conn.execute(
                select(k.customer_id, k.id, k.email, k.name, k.is_default).where(
                    k.customer_id.in_(part)
                )
            ):
                if crow.email:
                    contacts[crow.customer_id][crow.email.lower()] = crow.id
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
            )
            for i, row in found.items()
        }

    def email_owners(self, emails: Sequence[str]) -> Mapping[str, str]:
        """Lower-cased email -> code of the customer that has a contact with it."""
        owners: dict[str, str] = {}
        email = func.lower(t.contacts.c.email)
        for batch in _batches(emails):
            query = (
                select(email, t.customers.c.code)
                .join(t.customers, t.customers.c.id == t.contacts.c.customer_id)
                .where(email.in_(batch))
            )
            owners.update(dict(list(map(tuple, self._conn.execute(query)))))
        return owners

    # --- writing customers -----------------------------------------------------------------

    def write_customers(self, plan: CustomerPlan, now: datetime) -> None:
        """Insert and update the plan's customers, addresses and contacts in bulk."""
        CustomerWriter(self._conn).write(plan, now)
