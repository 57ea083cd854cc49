"""The ports of the spreadsheet import: reading and writing sheet files, and the session
store with the bulk reads and writes of an import.

The store implements them (python-calamine, openpyxl, SQLAlchemy); bootstrap hands them
in through `Adapters` and the unit of work; unit tests may pass their own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol

from domain.imports.columns import SheetKind
from domain.imports.customers.plan import CustomerPlan, ExistingCustomer, KeptPlan
from domain.imports.sessions import (
    ImportSession,
    Progress,
    RowsAgain,
    SheetData,
    StoredRow,
)

# --- ports -------------------------------------------------------------------------------


class SheetFiles(Protocol):
    """Reading uploaded sheets and writing templates and annotated copies."""

    def read(self, path: str, kind: SheetKind, progress: Progress | None = None) -> SheetData:
        """The header and data rows of a file; SheetRefused (a DomainError) when unsafe."""
        ...

    def read_source(
        self, source: bytes, kind: SheetKind, progress: Progress | None = None
    ) -> SheetData:
        """`read` on a file's content (a file kept with an import session)."""
        ...

    def write_annotated(self, session: ImportSession, path: str) -> None:
        """The session's rows with Status and Message columns, coloured by verdict."""
        ...

    def write_template(self, kind: SheetKind, path: str) -> None:
        """An empty template of the kind, with notes and drop-down lists."""
        ...


class ImportRepository(Protocol):
    """Import sessions, and the bulk reads and writes an import needs."""

    def rows_in_bulk(self) -> AbstractContextManager[None]:
        """A context in which a whole file's rows are read and judged: the store may
        defer its per-object housekeeping meanwhile (see `store.imports.collector`)."""
        ...

    def add_session(self, session: ImportSession) -> None: ...
    def get_session(self, session_id: str) -> ImportSession:
        """A stored session with its verdicts but not its rows; NotFound when none."""
        ...

    def session_rows(self, session: ImportSession, rows_again: RowsAgain) -> Sequence[StoredRow]:
        """The rows of a session: kept in this process, else `rows_again` on its file."""
        ...

    def save_skips(self, session: ImportSession) -> None: ...
    def save_verdicts(self, session: ImportSession) -> None: ...
    def mark_confirmed(self, session: ImportSession) -> None: ...
    def purge_before(self, moment: datetime) -> int: ...
    def customers_snapshot(self, codes: Sequence[str]) -> Mapping[str, ExistingCustomer]: ...
    def email_owners(self, emails: Sequence[str]) -> Mapping[str, str]: ...
    def vat_owners(self, vat_numbers: Sequence[str]) -> Mapping[str, tuple[str, ...]]:
        """VAT number -> the codes of the customers that have it (sorted)."""
        ...

    def write_customers(self, plan: CustomerPlan, now: datetime) -> None: ...
    def keep_plan(self, session_id: str, kept: KeptPlan) -> None:
        """Remember a customer file's judgement (in this process) for its confirmation."""
        ...

    def kept_plan(self, session_id: str) -> KeptPlan | None:
        """The judgement remembered for a session, if this process still holds it."""
        ...
