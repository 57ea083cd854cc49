"""Records across orders: the order holding a record, lists of invoices, credit notes,
work orders and returns with their order and customer, the orders made from an order.

Lists read one table joined to the orders (Core, lean): a listed record comes without
its lines; `show` loads the whole order.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Table, func, or_, select
from sqlalchemy.orm import Session

from domain.orders.documents import Invoice, ReturnOrder, WorkOrder
from domain.records.credit_notes import CreditNote
from domain.records.ports import RecordRow, RecordSelection, RelatedOrder
from domain.records.statuses import InvoiceStatus, RecordKind
from store.repositories.reads import build
from store.tables import core as t
from store.tables import records as rec

_TABLES: dict[RecordKind, tuple[Table, type]] = {
    RecordKind.INVOICE: (rec.invoices, Invoice),
    RecordKind.CREDIT_NOTE: (rec.credit_notes, CreditNote),
    RecordKind.WORK_ORDER: (rec.work_orders, WorkOrder),
    RecordKind.RETURN: (rec.returns, ReturnOrder),
}


class RecordRepository:
    """Records of every order, read through the unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def order_of(self, kind: RecordKind, code: str) -> str | None:
        """The code of the order holding this record, or None."""
        table, _ = _TABLES[kind]
        query = (
            select(t.orders.c.code)
            .join(table, table.c.order_id == t.orders.c.id)
            .where(func.lower(table.c.code) == code.strip().lower())
        )
        found: str | None = self.session.scalar(query)
        return found

    def rows(self, selection: RecordSelection) -> Sequence[RecordRow]:
        """The records of the selection, newest first."""
        table, cls = _TABLES[selection.kind]
        o = t.orders.c
        query = select(table, o.code.label("order_code"), o.customer_code).join(
            t.orders, o.id == table.c.order_id
        )
        if selection.who:
            who = selection.who.strip().lower()
            query = query.where(or_(func.lower(o.customer_code) == who, func.lower(o.code) == who))
        if selection.status:
            query = query.where(table.c.status == selection.status)
        if selection.overdue_on is not None:
            query = query.where(
                table.c.status == InvoiceStatus.OPEN, table.c.due_date < selection.overdue_on
            )
        query = query.order_by(table.c.created_at.desc(), table.c.id.desc()).limit(selection.limit)
        conn = self.session.connection()
        return [
            RecordRow(row.order_code, row.customer_code, build(cls, table, row))
            for row in conn.execute(query)
        ]

    def children_of(self, order_code: str) -> Sequence[RelatedOrder]:
        """The orders whose parent is this one, oldest first."""
        o = t.orders.c
        query = (
            select(o.code, o.relation, o.status)
            # the condition of the partial index `ix_orders_parent_key`, named for SQLite
            .where(o.parent_code.is_not(None))
            .where(func.lower(o.parent_code) == order_code.strip().lower())
            .order_by(o.created_at, o.id)
        )
        return [
            RelatedOrder(code, str(relation or ""), str(status))
            for code, relation, status in self.session.execute(query)
        ]
