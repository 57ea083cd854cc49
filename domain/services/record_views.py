"""Results of the record commands: one record with its order, and what a command made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.customers.customer import Customer
from domain.orders.order import SalesOrder
from domain.records.credit_notes import CreditNote
from domain.records.ports import Record
from domain.texts import Text

REPLAY_KIND = {"Invoice": "invoice", "CreditNote": "invoice", "WorkOrder": "workorder",
               "ReturnOrder": "return"}  # fmt: skip
"""The reference kind of each record (the show command that finds it again)."""


@dataclass(frozen=True)
class RecordView:
    """A record with its order and customer; `note` says what the command just did,
    `today` is the business's day (what is overdue)."""

    order: SalesOrder
    customer: Customer | None
    record: Record
    today: date
    note: Text | str = ""

    @property
    def credit_notes(self) -> tuple[CreditNote, ...]:
        """The credit notes made for this record (a voided invoice, a refunded return)."""
        code = self.record.code
        return tuple(n for n in self.order.credit_notes if code in (n.invoice_code, n.return_code))

    def ref(self) -> str:
        """A key to find this result again (idempotent replays)."""
        return f"{REPLAY_KIND[type(self.record).__name__]}:{self.record.code}"
