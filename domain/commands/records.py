"""Commands and queries of records: invoices and credit notes, work orders, returns."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from domain import bounds as b
from domain.commands.base import Command, Query

RecordCode = Annotated[str, b.Text("code", b.ORDER_CODE)]
Who = Annotated[str, b.Text("customer or order", b.CUSTOMER_CODE)]
Reason = Annotated[str, b.Text("reason", b.REMARKS)]


class ListRecords(Query):
    """Records of one kind, newest first: of a customer or an order, of a status."""

    who: Who | None = None
    status: str | None = None


class ListInvoices(ListRecords):
    """`status` may also be `overdue`: open and past the due date."""


class ListCreditNotes(ListRecords):
    pass


class ListWorkOrders(ListRecords):
    pass


class ListReturns(ListRecords):
    pass


class ShowInvoice(Query):
    """An invoice, or a credit note (a code with the credit notes' prefix)."""

    code: RecordCode


class PayInvoice(Command):
    code: RecordCode
    paid_on: date | None = None  # today when not given


class VoidInvoice(Command):
    code: RecordCode
    reason: Reason = ""


class ShowWorkOrder(Query):
    code: RecordCode


class FinishWorkOrder(Command):
    code: RecordCode


class CancelWorkOrder(Command):
    code: RecordCode


class ShowReturn(Query):
    code: RecordCode


class ReceiveReturn(Command):
    code: RecordCode


class RefundReturn(Command):
    code: RecordCode
